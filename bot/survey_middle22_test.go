package bot_test

import "testing"

// TestSurveyMiddleVerdicts22: the survey answered with a verdict from the
// middle of the scale is its score, in English and French. Before,
// "not too bad" and « pas trop mal », « pas si mal » opened the worries
// flow ("Tell me in your own words what's worrying you"), and "average",
// « moyen », "could have been better", « ça aurait pu être mieux », « pas
// ouf » got "I'm not sure I understood" and the menu (review22), where
// "not bad", "not great" and « pas top » are scores (5ed7419).
func TestSurveyMiddleVerdicts22(t *testing.T) {
	t.Parallel()
	const (
		thanks   = "Thank you for telling us"
		merci    = "Merci de nous l'avoir dit"
		sorry    = "I'm sorry we didn't look after you well"
		desole   = "désolé que nous ne nous soyons pas bien occupés de vous"
		worries  = "worrying"
		inquiete = "inquiète"
		notSure  = "not sure I understood"
		pasSur   = "pas sûr d'avoir compris"
	)
	bye := func(a string) []string { return []string{"/bye", a} }
	revoir := func(a string) []string { return []string{"merci, au revoir", a} }
	playTalks(t, []talk{
		{name: "en_not_too_bad", turns: bye("not too bad"), want: []string{thanks}, not: []string{worries, sorry}},
		{name: "en_average", turns: bye("average"), want: []string{thanks}, not: []string{notSure, sorry}},
		{name: "en_could_have_been_better", turns: bye("it could have been better"), want: []string{sorry}, not: []string{notSure}},
		{name: "fr_pas_trop_mal", turns: revoir("pas trop mal"), want: []string{merci}, not: []string{inquiete, desole}},
		{name: "fr_pas_si_mal", turns: revoir("pas si mal"), want: []string{merci}, not: []string{inquiete, desole}},
		{name: "fr_moyen", turns: revoir("moyen"), want: []string{merci}, not: []string{pasSur, desole}},
		{name: "fr_aurait_pu_etre_mieux", turns: revoir("ça aurait pu être mieux"), want: []string{desole}, not: []string{pasSur}},
		{name: "fr_pas_ouf", turns: revoir("pas ouf"), want: []string{desole}, not: []string{pasSur}},
	})
}
