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

// TestNumberFillersInEnglish22: the English of « franchement 4 », « bon,
// 4 », « disons 4 », « euh 4 », « je mettrais 4 » is a score too, and so
// are « bah 4 », « ok donc 4 » as "ok so 4" is: "frankly 4", "let's say
// 4", "umm 4", "uh 4", "i'd put 4" got "I'm sorry, I'm not sure I
// understood", "well 4" the greeting and the menu, « bah 4 », « ok donc 4
// » « Pardon, je ne suis pas sûr d'avoir compris » (review22).
func TestNumberFillersInEnglish22(t *testing.T) {
	t.Parallel()
	const (
		thanks = "Thank you for telling us. It helps us do better"
		merci  = "Merci de nous l'avoir dit, cela nous aide à faire mieux"
	)
	bye := func(a string) []string { return []string{"/bye", a} }
	revoir := func(a string) []string { return []string{"merci, au revoir", a} }
	playTalks(t, []talk{
		{name: "en_frankly_4", turns: bye("frankly 4"), want: []string{thanks}},
		{name: "en_well_4", turns: bye("well 4"), want: []string{thanks}},
		{name: "en_lets_say_4", turns: bye("let's say 4"), want: []string{thanks}},
		{name: "en_umm_4", turns: bye("umm 4"), want: []string{thanks}},
		{name: "en_uh_4", turns: bye("uh 4"), want: []string{thanks}},
		{name: "en_id_put_4", turns: bye("i'd put 4"), want: []string{thanks}},
		{name: "fr_bah_4", turns: revoir("bah 4"), want: []string{merci}},
		{name: "fr_ok_donc_4", turns: revoir("ok donc 4"), want: []string{merci}},
	})
}
