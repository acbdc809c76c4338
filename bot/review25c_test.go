package bot_test

import "testing"

// TestRealThanksIsNoSarcasm25c: thanks for a problem that was put right
// ("thank you so much, my order was lost but your colleague found it",
// « merci mille fois. le colis perdu a été retrouvé ») were read as
// sarcasm (be35540: thanks said alone, then a word of what went wrong)
// and heard "I understand you're angry, and that's fair to say." and the
// order's questions. The good news told after the harm ends the story
// well; a harm told after it ("it arrived broken") or good news denied
// ("still hasn't arrived", « toujours pas arrivée ») stays sarcasm.
func TestRealThanksIsNoSarcasm25c(t *testing.T) {
	t.Parallel()
	const angry, colere = "I understand you're angry", "Je comprends votre colère"
	playTalks(t, []talk{
		{name: "en_lost_found", turns: []string{"thank you so much, my order was lost but your colleague found it"}, not: []string{angry}},
		{name: "en_charged_fixed", turns: []string{"thank you so much. I was charged twice and you fixed it, you're a star"}, not: []string{angry}},
		{name: "en_broken_came_through", turns: []string{"thank you, the refund for the broken lamp came through"}, not: []string{angry}},
		{name: "en_damaged_replaced", turns: []string{"thanks, the replacement for the damaged one arrived today"}, not: []string{angry}},
		{name: "fr_perdu_retrouve", turns: []string{"merci mille fois. le colis perdu a été retrouvé"}, not: []string{colere}},
		{name: "fr_retard_arrivee", turns: []string{"merci beaucoup, ma commande était en retard mais elle est arrivée"}, not: []string{colere}},
		{name: "fr_preleve_rembourse", turns: []string{"merci beaucoup, j'avais été prélevée deux fois, c'est remboursé"}, not: []string{colere}},
		// Guards: a harm told last, or good news denied, is sarcasm still.
		{name: "en_arrived_broken", turns: []string{"thanks a lot, my order arrived broken"}, want: []string{angry}},
		{name: "en_still_not_arrived", turns: []string{"thanks a lot, my parcel is late and still hasn't arrived"}, want: []string{angry}},
		{name: "fr_toujours_pas_arrivee", turns: []string{"merci beaucoup, ma commande est en retard et toujours pas arrivée"}, want: []string{colere}},
		{name: "fr_arrivee_cassee", turns: []string{"merci beaucoup, ma commande est arrivée cassée"}, want: []string{colere}},
	})
}
