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

// TestNumberFillersInFrench22: the survey's score said with « je pense »,
// « je crois », « probablement », « juste » or « honnêtement » is the
// score, as "I think 4", "i guess 3", "probably a 4", "just 5" and
// "honestly 5" are: « je pense 4 » and « je crois 3 » got « Pardon, je ne
// suis pas sûr d'avoir compris », « probablement 4 » the worries flow and
// « juste 5 » the breathing pause (review22): number_words' fillers
// (c18497a) had them in English only.
func TestNumberFillersInFrench22(t *testing.T) {
	t.Parallel()
	const (
		merci  = "Merci de nous l'avoir dit, cela nous aide à faire mieux"
		desole = "désolé que nous ne nous soyons pas bien occupés de vous"
	)
	revoir := func(a string) []string { return []string{"merci, au revoir", a} }
	playTalks(t, []talk{
		{name: "fr_je_pense_4", turns: revoir("je pense 4"), want: []string{merci}},
		{name: "fr_je_crois_3", turns: revoir("je crois 3"), want: []string{merci}},
		{name: "fr_probablement_4", turns: revoir("probablement 4"), want: []string{merci}},
		{name: "fr_juste_5", turns: revoir("juste 5"), want: []string{merci}},
		{name: "fr_honnetement_5", turns: revoir("honnêtement 5"), want: []string{merci}},
		{name: "fr_je_pense_que_je_mettrais_2", turns: revoir("je pense que je mettrais 2"), want: []string{desole}},
		// As in English.
		{name: "en_i_think_4", turns: []string{"/bye", "I think 4"}, want: []string{"Thank you for telling us. It helps us do better"}},
	})
}
