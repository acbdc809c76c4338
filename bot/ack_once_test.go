package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/memstore"
)

// TestFeelingThankedOnce plays a feeling that brings the worries flow:
// its first line thanked the person for telling ("Thank you for telling
// me. I'm here, and we'll take this one step at a time.") right after
// the feeling was named, so a loss got "I'm so sorry for your loss. Thank
// you for telling me, and take all the time you need." and "Thank you for
// telling me. I'm here…" in a row, and anger « Je comprends votre colère…
// » then « Merci de me le dire… »: two acknowledgments. The flow now says
// only "I'm here, and we'll take this one step at a time." after a feeling
// named in the same turn (if_signal: acknowledged); with none named (the
// menu's button), the thanks stays.
func TestFeelingThankedOnce(t *testing.T) {
	t.Parallel()
	const (
		here   = "I'm here, and we'll take this one step at a time."
		hereFr = "Je suis là, et nous allons avancer pas à pas."
	)
	tests := []struct {
		name   string
		turns  []string
		thanks string // said at most once in the last turn
		want   string
		count  int // how many times thanks is said
	}{
		{"en_loss", []string{"thank you, this is hard, my dad died yesterday"}, "Thank you for telling me", here, 1},
		{"en_worry", []string{"I'm so worried about all of this"}, "Thank you for telling me", here, 0},
		{"fr_anger", []string{"toujours rien et j'en ai marre"}, "Merci de me le dire", hereFr, 0},
		{"fr_distress", []string{"j'en peux plus de tout ça"}, "Merci de me le dire", hereFr, 0},
		{"fr_loss", []string{"merci, c'est dur, ma mère est décédée hier"}, "Merci de me l'avoir dit", hereFr, 1},
		// The menu's button names no feeling: the thanks is said.
		{"en_menu_button", []string{"hello", "5"}, "Thank you for telling me", "Thank you for telling me. " + here, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			got := texts(play(t, e, tt.name, tt.turns))
			if !strings.Contains(got, tt.want) {
				t.Errorf("%q: want %q in:\n%s", tt.turns, tt.want, got)
			}
			if n := strings.Count(got, tt.thanks); n != tt.count {
				t.Errorf("%q: %q said %d times, want %d:\n%s", tt.turns, tt.thanks, n, tt.count, got)
			}
		})
	}
}

// TestThanksWithALossIsNoGoodbye plays a first message that thanks and
// tells of a loss or of distress: « merci, c'est dur, ma mère est décédée
// hier » was read as a thanks, and got "Merci de nous avoir écrit… Avant
// de partir : comment avons-nous pris soin de vous ?" with the loss
// unheard. It now goes to the flow for worries, which names the loss
// first. A thanks with a farewell, or with a worry that is over, is still
// a goodbye.
func TestThanksWithALossIsNoGoodbye(t *testing.T) {
	t.Parallel()
	tests := []talk{
		{name: "fr_merci_deces", turns: []string{"merci, c'est dur, ma mère est décédée hier"}, want: []string{"Toutes mes condoléances"}, not: []string{"Merci de nous avoir écrit", "Avant de partir"}},
		{name: "fr_merci_mort", turns: []string{"merci, c'est difficile, mon père est mort hier"}, want: []string{"Toutes mes condoléances"}, not: []string{"Avant de partir"}},
		{name: "en_thanks_widow", turns: []string{"thanks for listening, I lost my husband last week"}, want: []string{"I'm so sorry for your loss"}, not: []string{"Before you go"}},
		{name: "fr_merci_seule", turns: []string{"merci, je me sens tellement seule depuis des mois"}, not: []string{"Avant de partir"}},
		// Goodbyes still.
		{name: "en_thanks_bye", turns: []string{"thanks so much, bye"}, want: []string{"Before you go"}},
		{name: "fr_merci_au_revoir", turns: []string{"merci beaucoup, bonne journée"}, want: []string{"Avant de partir"}},
		{name: "en_relief", turns: []string{"thank you so much, I was really worried but it's all sorted now"}, want: []string{"Before you go"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			holds(t, tt.turns, shown(play(t, e, tt.name, tt.turns)), tt.want, tt.not)
		})
	}
}

// TestThanksWithALossAtTheMenu plays the same at the welcome's menu (the
// greeting asked its question first): a long thanks that tells a loss
// left the menu for the goodbye flow and its survey, as « a+ » (see you)
// of farewell_words was read as the word "a", so that "it's been a hard
// week" said goodbye.
func TestThanksWithALossAtTheMenu(t *testing.T) {
	t.Parallel()
	tests := []talk{
		{name: "en_menu_brother", turns: []string{"hello", "thank you, it's been a hard week, my brother passed away"}, want: []string{"I'm so sorry for your loss"}, not: []string{"Before you go"}},
		{name: "fr_menu_soeur", turns: []string{"bonjour", "merci, la semaine a été dure, ma sœur est décédée"}, want: []string{"Toutes mes condoléances"}, not: []string{"Avant de partir"}},
		{name: "en_menu_thanks_bye", turns: []string{"hello", "thanks, that's all for today, bye"}, want: []string{"Before you go"}},
		// The word "a" was a farewell (« a+ », « à plus », read as "a"): a
		// thanks with it at a question ended the flow with the survey.
		{name: "en_thanks_a_lot_at_the_number", turns: []string{"my order is late", "thanks a lot"}, want: []string{"You're welcome"}, not: []string{"Before you go"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			holds(t, tt.turns, shown(play(t, e, tt.name, tt.turns)), tt.want, tt.not)
		})
	}
}
