package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestLostGetsSimplerWords plays one who does not follow what carebot
// said: "I don't understand" at the menu opened the payment flow (the
// router's guess from "I don't understand this charge"), "huh?" at a
// payment question got "Sorry, I didn't catch which one you meant". Now the
// question waiting comes again in its simple words after "Sorry, I wasn't
// clear", the person stays where they were, and at the menu a person is the
// first button. One who does not understand a charge still gets the
// payment flow.
func TestLostGetsSimplerWords(t *testing.T) {
	t.Parallel()
	const simpler, simplerFR = "Sorry, I wasn't clear. Let me put it more simply.", "Pardon, je n'ai pas été clair. Je reformule plus simplement."
	tests := []struct {
		name  string
		turns []string
		want  []string // the last turn's texts, in order (substrings)
		not   []string
		first string // the first button of the last reply, "" for any
	}{
		{"en_at_the_menu", []string{"hello", "I don't understand"}, []string{simpler, "How can I help you?"}, []string{"payment", "didn't catch"}, "Talk to a person"},
		{"en_first_message", []string{"what do you mean?"}, []string{simpler, "How can I help you?"}, []string{"not sure I understood"}, "Talk to a person"},
		{"en_at_a_choice", []string{"/billing", "huh?"}, []string{simpler, "What went wrong with the payment?"}, []string{"didn't catch"}, ""},
		{"en_at_an_ask", []string{"my parcel is late", "I don't understand"}, []string{simpler, "What is your order number? It looks like AB-123456. It is in your e-mail."}, []string{"doesn't look quite like"}, ""},
		{"en_twice", []string{"hello", "I don't understand", "I'm confused"}, []string{simpler, "How can I help you?"}, []string{"not sure I understood"}, "Talk to a person"},
		{"fr_at_an_ask", []string{"je n'arrive pas à me connecter", "c'est-à-dire ?"}, []string{simplerFR, "Quelle est l'adresse e-mail de votre compte ?"}, []string{"ne ressemble pas"}, ""},
		{"fr_at_the_menu", []string{"bonjour", "je comprends rien"}, []string{simplerFR, "Comment puis-je vous aider ?"}, []string{"paiement a"}, "Parler à une personne"},
		// A charge not understood is a payment problem.
		{"en_a_charge", []string{"I don't understand this charge"}, []string{"problem with a payment"}, []string{simpler}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			rs := play(t, e, tt.name, tt.turns)
			got := texts(rs)
			at := 0
			for _, w := range tt.want {
				i := strings.Index(got[at:], w)
				if i < 0 {
					t.Errorf("%q: want %q (in order) in:\n%s", tt.turns, w, got)
					break
				}
				at += i + len(w)
			}
			holds(t, tt.turns, got, nil, tt.not)
			if tt.first != "" {
				var cs []bot.Choice
				if len(rs) > 0 {
					cs = rs[len(rs)-1].Choices
				}
				if len(cs) == 0 || cs[0].Label != tt.first {
					t.Errorf("%q: first button %v, want %q", tt.turns, cs, tt.first)
				}
			}
		})
	}
}
