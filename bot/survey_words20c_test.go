package bot_test

import "testing"

// TestSurveyAnsweredInWords20c: the satisfaction question ("from 1 (poor)
// to 5 (great)", « de 1 (pas bien) à 5 (très bien) ») answered in words.
// Before, its own words were no answer: "great", "it was great", « très
// bien merci » ran the goodbye again ("Thank you for writing to us. Take
// good care of yourself…", said twice in a row), "poor" and « pas bien »
// opened the worries flow; praise ("very helpful", « c'était super ») and
// a second goodbye ("thanks again, bye") got the goodbye twice too. Now the
// scale's own words are its score; praise, or its words with thanks
// ("great thanks"), get "You're welcome." and the question waits for a
// score; a second goodbye is let go kindly, once.
func TestSurveyAnsweredInWords20c(t *testing.T) {
	t.Parallel()
	const (
		thanks       = "Thank you for telling us"
		merci        = "Merci de nous l'avoir dit"
		goodbye      = "Thank you for writing to us"
		aurevoir     = "Merci de nous avoir écrit"
		declined     = "No problem at all"
		desole       = "Pas de souci"
		worries      = "worr"
		inquiete     = "inquiète"
		welcome      = "You're welcome"
		jevousenprie = "Je vous en prie"
	)
	bye := func(answers ...string) []string { return append([]string{"/bye"}, answers...) }
	revoir := func(answers ...string) []string { return append([]string{"merci, au revoir"}, answers...) }
	playTalks(t, []talk{
		{name: "en_great", turns: bye("great"), want: []string{thanks}, not: []string{goodbye}},
		{name: "en_it_was_great", turns: bye("it was great"), want: []string{thanks}, not: []string{goodbye}},
		{name: "en_poor", turns: bye("poor"), want: []string{thanks}, not: []string{goodbye, worries}},
		{name: "en_very_helpful", turns: bye("very helpful"), want: []string{welcome}, not: []string{goodbye}},
		{name: "en_you_were_lovely", turns: bye("you were lovely"), want: []string{welcome}, not: []string{goodbye}},
		{name: "en_great_thanks_then_5", turns: bye("great thanks", "5"), want: []string{thanks}, not: []string{goodbye, welcome}},
		{name: "en_thanks_again_bye", turns: bye("thanks again, bye"), want: []string{declined}, not: []string{goodbye}},
		{name: "fr_tres_bien", turns: revoir("très bien"), want: []string{merci}, not: []string{aurevoir}},
		{name: "fr_tres_bien_merci", turns: revoir("très bien merci"), want: []string{jevousenprie}, not: []string{aurevoir}},
		{name: "fr_pas_bien", turns: revoir("pas bien"), want: []string{merci}, not: []string{aurevoir, inquiete}},
		{name: "fr_cetait_super", turns: revoir("c'était super"), want: []string{jevousenprie}, not: []string{aurevoir}},
		{name: "fr_parfait_merci_puis_4", turns: revoir("parfait merci", "4"), want: []string{merci}, not: []string{aurevoir, jevousenprie}},
		{name: "fr_merci_encore_bonne_journee", turns: revoir("merci encore, bonne journée"), want: []string{desole}, not: []string{aurevoir}},
		// Guards: the scale's words denied are not its top score, but a
		// low one, apologised for (TestSurveyLowScoreIsCaredFor21c).
		{name: "en_not_great", turns: bye("not great"), want: []string{"I'm sorry we didn't look after you well"}, not: []string{"Take care!"}},
		{name: "fr_pas_tres_bien", turns: revoir("pas très bien"), want: []string{"je suis désolé que nous"}, not: []string{"Prenez soin de vous !"}},
	})
}
