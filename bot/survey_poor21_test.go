package bot_test

import "testing"

// TestSurveyPoorIsNoThanks21: the satisfaction question's low point said
// with thanks, or with « du tout », is a score. Since surveyScore and
// praised (ce9669e), "poor thanks", « pas bien merci » and « pas bien du
// tout » at "from 1 (poor) to 5 (great), how well did we look after you?"
// got "You're welcome." (« Je vous en prie. »): one who said we looked
// after them poorly was answered as if they had thanked us. "great
// thanks" may be a thanks as much as a score, and still waits.
func TestSurveyPoorIsNoThanks21(t *testing.T) {
	t.Parallel()
	const (
		thanks  = "Thank you for telling us"
		merci   = "Merci de nous l'avoir dit"
		welcome = "You're welcome"
		prie    = "Je vous en prie"
	)
	bye := func(answer string) []string { return []string{"/bye", answer} }
	revoir := func(answer string) []string { return []string{"merci, au revoir", answer} }
	playTalks(t, []talk{
		{name: "en_poor_thanks", turns: bye("poor thanks"), want: []string{thanks}, not: []string{welcome}},
		{name: "en_poor_at_all", turns: bye("it was poor, thank you"), want: []string{thanks}, not: []string{welcome}},
		{name: "fr_pas_bien_merci", turns: revoir("pas bien merci"), want: []string{merci}, not: []string{prie}},
		{name: "fr_pas_bien_du_tout", turns: revoir("pas bien du tout"), want: []string{merci}, not: []string{prie}},
		{name: "fr_pas_bien_du_tout_merci", turns: revoir("pas bien du tout merci"), want: []string{merci}, not: []string{prie}},
		// The top of the scale with thanks still waits for a score.
		{name: "en_great_thanks", turns: bye("great thanks"), want: []string{welcome}, not: []string{thanks}},
		{name: "fr_tres_bien_merci", turns: revoir("très bien merci"), want: []string{prie}, not: []string{merci}},
	})
}
