package bot_test

import "testing"

// TestSurveyNotAskedAgainAtGoodbye20c: a person who scored how we did
// and then says goodbye again ("ok bye", « bonne journée ») was asked the
// same question again: "Before you go: from 1 (poor) to 5 (great), how
// well did we look after you?" right after "Thank you for telling us".
// The goodbye now leaves it out when it was just answered; a new matter
// after the score still ends with it.
func TestSurveyNotAskedAgainAtGoodbye20c(t *testing.T) {
	t.Parallel()
	const (
		survey   = "how well did we look after you"
		enquete  = "comment avons-nous pris soin de vous"
		goodbye  = "Thank you for writing to us"
		aurevoir = "Merci de nous avoir écrit"
	)
	playTalks(t, []talk{
		{name: "en_ok_bye", turns: []string{"thanks bye", "4", "ok bye"}, want: []string{goodbye}, not: []string{survey}},
		{name: "en_goodbye_again", turns: []string{"/bye", "5", "thank you, goodbye"}, want: []string{goodbye}, not: []string{survey}},
		{name: "fr_bonne_journee", turns: []string{"merci au revoir", "4", "bonne journée"}, want: []string{aurevoir}, not: []string{enquete}},
		{name: "fr_merci_au_revoir", turns: []string{"merci, au revoir", "3", "merci encore, au revoir"}, want: []string{aurevoir}, not: []string{enquete}},
		// Declined, then a goodbye: not asked again either.
		{name: "en_declined_then_bye", turns: []string{"thanks bye", "no thanks", "bye"}, not: []string{survey}},
		// Never answered: the goodbye asks, as before.
		{name: "en_first_goodbye", turns: []string{"hello", "thanks bye"}, want: []string{survey}},
	})
}
