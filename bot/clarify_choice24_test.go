package bot_test

import "testing"

// TestClarifyAnsweredWithTheNextAnswer24: "Just to be sure I help with
// the right thing: which one is it?" (an order, a payment, a refund),
// asked after an order number given alone, answered with what the chosen
// flow asks next: "its late", "wrong amount", « mauvais montant ». Before,
// "its late" and « mauvais montant » got "I'm sorry, I'm not sure I
// understood" and the menu, "wrong amount" the worries flow ("Tell me in
// your own words what's worrying you"). Now the one option whose first
// question the words answer is taken, and the words answer it.
func TestClarifyAnsweredWithTheNextAnswer24(t *testing.T) {
	t.Parallel()
	en := []string{"ok so basically i ordered a lamp 3 weeks ago for my mums birthday and it still hasnt come and ive emailed twice and nobody answers and honestly i just want to know if i can get my money back if it doesnt come by saturday", "AB-112233"}
	fr := []string{"je suis vraiment à bout, rien ne va en ce moment", "j'ai commandé une lampe il y a 3 semaines et toujours rien, personne ne répond", "AB-112233"}
	with := func(ts []string, more string) []string { return append(append([]string{}, ts...), more) }
	playTalks(t, []talk{
		{name: "en_its_late", turns: with(en, "its late"), want: []string{"AB-112233 is late"}, not: []string{"not sure I understood"}},
		{name: "en_wrong_amount", turns: with(en, "wrong amount"), want: []string{"problem with a payment"}, not: []string{"what's worrying you", "not sure I understood"}},
		{name: "fr_mauvais_montant", turns: with(fr, "mauvais montant"), want: []string{"problème de paiement"}, not: []string{"pas sûr d'avoir compris"}},
		// Guard: the router's sure reading still decides.
		{name: "fr_elle_est_en_retard", turns: with(fr, "elle est en retard"), want: []string{"commande vous cause des soucis"}},
	})
}
