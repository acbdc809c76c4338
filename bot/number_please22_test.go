package bot_test

import "testing"

// TestNumberSaidWithSilVousPlait22: a number with « s'il vous plaît » in
// full is the number, as "2 please" and « 2 svp » are. « 2 s'il vous
// plaît » at the menu got the menu again, and « 5 s'il vous plaît » at «
// de 1 (pas bien) à 5 (très bien)… » got « Bonjour et bienvenue ! » and
// the menu, the score lost (review22): « s'il » and « plaît » were no
// number fillers, where "please", « svp » and « vous » were.
func TestNumberSaidWithSilVousPlait22(t *testing.T) {
	t.Parallel()
	const (
		paiement = "problème de paiement"
		merci    = "Merci de nous l'avoir dit"
		menu     = "Que puis-je faire pour vous"
	)
	playTalks(t, []talk{
		{name: "fr_menu_2", turns: []string{"bonjour", "2 s'il vous plaît"}, want: []string{paiement}, not: []string{menu}},
		{name: "fr_menu_le_deux", turns: []string{"bonjour", "le deux s'il te plaît"}, want: []string{paiement}, not: []string{menu}},
		{name: "fr_survey_5", turns: []string{"merci, au revoir", "5 s'il vous plaît"}, want: []string{merci}, not: []string{menu}},
		// As in English.
		{name: "en_menu_2", turns: []string{"hello", "2 please"}, want: []string{"problem with a payment"}},
	})
}
