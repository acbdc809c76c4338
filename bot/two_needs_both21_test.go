package bot_test

import "testing"

// TestBothNeedsSaidAtTheQuestion21: "which one is it?", asked of a
// message that named two needs, answered "both" (« les deux »): the
// first is taken up and the other waits for it, as when one is chosen.
// Before, "both" was read as a message of its own and the other need let
// go (89f8728 keeps it only for a choice): "both please" went to the
// order, and after it the payment was never spoken of; « les deux » got
// « Pardon, je ne suis pas sûr d'avoir compris » and both were lost.
func TestBothNeedsSaidAtTheQuestion21(t *testing.T) {
	t.Parallel()
	const (
		paymentNoted = "I've noted that you were charged twice"
		also         = "You also wrote about something else"
		aussi        = "Vous nous avez aussi écrit"
	)
	en := "my lamp still hasnt shown up and you charged me twice"
	fr := "ma lampe est toujours pas arrivée et vous m'avez prélevé deux fois"
	playTalks(t, []talk{
		{name: "en_both", turns: []string{en, "both", "AB-123456"}, want: []string{paymentNoted, also}},
		{name: "en_both_please", turns: []string{en, "both please", "AB-123456"}, want: []string{paymentNoted, also}},
		{name: "en_the_two_of_them", turns: []string{en, "the two of them", "AB-123456"}, want: []string{paymentNoted, also}},
		{name: "fr_les_deux", turns: []string{fr, "les deux", "AB-123456"}, want: []string{aussi}},
		{name: "fr_les_deux_svp", turns: []string{fr, "les deux svp", "AB-123456"}, want: []string{aussi}},
		// "please" in full, in French (review22): « les deux s'il vous
		// plaît » got the menu, both needs lost, where "both please" and «
		// les deux svp » were both.
		{name: "fr_les_deux_s_il_vous_plait", turns: []string{fr, "les deux s'il vous plaît", "AB-123456"}, want: []string{aussi}},
		{name: "fr_tous_les_deux_s_il_te_plait", turns: []string{fr, "tous les deux s'il te plaît", "AB-123456"}, want: []string{aussi}},
	})
}
