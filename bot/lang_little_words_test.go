package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot/memstore"
)

// TestGoodbyeKeepsTheLanguage: a French conversation that ends "bye" (a
// word French speakers write too, and one of common.yaml's French
// farewell_words) was answered in English, "Thank you for writing to us…
// from 1 (poor) to 5 (great)": the language guess of one English-looking
// word moved the conversation. A message made only of the conversation's
// own farewell, okay, yes or no words says nothing of its language, as a
// yes already did (review20). A whole sentence in the other language
// still moves it.
func TestGoodbyeKeepsTheLanguage(t *testing.T) {
	t.Parallel()
	const (
		goodbyeFr = "Merci de nous avoir écrit"
		goodbye   = "Thank you for writing to us"
	)
	late := "bonjour, ma commande n'est pas arrivée"
	tests := []talk{
		{name: "fr_bye", turns: []string{late, "bye"}, want: []string{goodbyeFr}, not: []string{goodbye}},
		{name: "fr_ok_bye", turns: []string{late, "ok bye"}, want: []string{goodbyeFr}, not: []string{goodbye}},
		{name: "fr_bye_merci", turns: []string{late, "bye merci"}, want: []string{goodbyeFr}, not: []string{goodbye}},
		{name: "fr_ciao", turns: []string{late, "ciao"}, want: []string{goodbyeFr}, not: []string{goodbye}},
		{name: "en_ciao", turns: []string{"hi, my order hasn't arrived", "ciao"}, want: []string{goodbye}, not: []string{goodbyeFr}},
		// A sentence of the other language moves the conversation.
		{name: "fr_then_english", turns: []string{late, "sorry, can we speak English? thanks, goodbye"}, not: []string{goodbyeFr}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			holds(t, tt.turns, shown(play(t, e, tt.name, tt.turns)), tt.want, tt.not)
		})
	}
}
