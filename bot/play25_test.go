package bot_test

import "testing"

// TestPleaseDontIsNoDistress25: a request made with "please don't"
// ("please don't send me another invoice", "please don't ask me to call,
// I'm deaf") heard "That sounds really hard, and I'm sorry you're going
// through it." and the slower steps of a person in distress, a feeling
// the customer never expressed; the same requests in French (« svp ne
// m'envoyez plus de facture ») heard none. A plea said with a feeling
// ("please don't, I'm so scared") is still heard.
func TestPleaseDontIsNoDistress25(t *testing.T) {
	t.Parallel()
	const hard, dur = "That sounds really hard", "Cela a l'air vraiment éprouvant"
	playTalks(t, []talk{
		{name: "en_invoice", turns: []string{"please don't send me another invoice, i already paid AB-121212"}, want: []string{"problem with a payment"}, not: []string{hard, "take it slowly"}},
		{name: "en_deaf", turns: []string{"Hi, I'm deaf so please don't ask me to call. I want to cancel my order AB-998877"}, want: []string{"cancellation or a refund"}, not: []string{hard}},
		{name: "en_dont_call", turns: []string{"please dont call me, i want to cancel my order"}, not: []string{hard}},
		{name: "fr_facture", turns: []string{"svp ne m'envoyez plus de facture, j'ai deja paye AB-121212"}, want: []string{"problème de paiement"}, not: []string{dur}},
		{name: "fr_sourde", turns: []string{"Bonjour, je suis sourde donc svp ne me demandez pas d'appeler. Je veux annuler ma commande AB-998877"}, not: []string{dur}},
		// Guards: a plea with a feeling is still a feeling heard.
		{name: "en_plea_scared", turns: []string{"please don't cancel my account, i'm so scared"}, not: []string{"problem with a payment"}},
	})
}
