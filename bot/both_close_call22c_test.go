package bot_test

import "testing"

// TestBothAtACloseCall22c: "which one is it?" asked of a message the
// router found close between two needs without reading it as two joined
// by "and" (SMS: « g pa recu ma cmd + vs m avez preleve 2 fois », "hi and
// sorry, order not here, double charged"), answered "both" (« les deux »).
// Before, 2ba445e took "both" only where the message was read as two
// needs: « les deux » got « Pardon, je ne suis pas sûr d'avoir compris »
// and the menu, both needs lost, and "both" the order alone, the payment
// never spoken of again (play22c). Now the first is taken up and the
// other waits for it, as when both were read. (Since « g » is read
// « j'ai », the French message is taken up payment first: its first
// flow ends at the number.)
func TestBothAtACloseCall22c(t *testing.T) {
	t.Parallel()
	const (
		also  = "You also wrote about something else"
		aussi = "Vous nous avez aussi écrit"
		lost  = "pas sûr d'avoir compris"
	)
	en := "hi and sorry, order not here, double charged"
	fr := "slt jsui handicapé moteur et g pa recu ma cmd + vs m avez preleve 2 fois"
	playTalks(t, []talk{
		{name: "en_both", turns: []string{en, "both", "AB-123456"}, want: []string{also}},
		{name: "fr_les_deux", turns: []string{fr, "les deux", "AB-123456"}, want: []string{aussi}, not: []string{lost}},
	})
}
