package bot_test

import "testing"

// TestSecondNeedNotAfterAGoodbye21: a person who says goodbye while the
// first of two needs is asked about has left; the other need is not
// started after the goodbye. Since Session.Also (89f8728), "thanks bye"
// at the payment's "What is the order number or invoice number?" got
// "Thank you for writing to us. Take good care of yourself…", then "You
// also wrote about something else: let's look at that now." and the
// order's first question, to someone who had just left.
func TestSecondNeedNotAfterAGoodbye21(t *testing.T) {
	t.Parallel()
	const (
		goodbye   = "Thank you for writing to us"
		aurevoir  = "Merci de nous avoir écrit"
		also      = "You also wrote about something else"
		aussi     = "Vous nous avez aussi écrit"
		orderQ    = "What is your order number?"
		commandeQ = "Quel est votre numéro de commande"
		payment   = "A problem with a payment or an invoice"
		paiement  = "Un problème de paiement ou de facture"
	)
	playTalks(t, []talk{
		{name: "en_thanks_bye", turns: []string{"my lamp still hasnt shown up and you charged me twice", payment, "thanks bye"}, want: []string{goodbye}, not: []string{also, orderQ}},
		{name: "fr_merci_au_revoir", turns: []string{"ma lampe est toujours pas arrivée et vous m'avez prélevé deux fois", paiement, "merci, au revoir"}, want: []string{aurevoir}, not: []string{aussi, commandeQ}},
		// Done with the first, the other still comes next.
		{name: "en_done_then_other", turns: []string{"my lamp still hasnt shown up and you charged me twice", payment, "AB-123456"}, want: []string{also}},
	})
}
