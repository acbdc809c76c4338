package bot_test

import "testing"

// TestLostAllThis24: an older customer who says "I don't understand all
// this" at "What is your order number?" does not follow carebot's words.
// Before, English heard a wrong order number ("That doesn't look quite
// like an order number"), and French « je ne comprends rien à tout ça »
// went to the worries flow, where the order number typed next was taken
// as the worry. Now the question comes again in simple words, and the
// number typed next answers it. A thing named after the words ("I don't
// understand all these charges", « je ne comprends rien à ce
// prélèvement ») is still the payment problem it is.
func TestLostAllThis24(t *testing.T) {
	t.Parallel()
	const (
		simpler   = "Sorry, I wasn't clear. Let me put it more simply."
		simplerFR = "Pardon, je n'ai pas été clair. Je reformule plus simplement."
		orderQ    = "What is your order number? It looks like AB-123456. It is in your e-mail."
		orderQFR  = "Quel est votre numéro de commande ? Il ressemble à AB-123456. Il est dans votre e-mail."
		notOrder  = "doesn't look quite like an order number"
		worryFR   = "ce qui vous inquiète"
		happened  = "What happened with order AB-123456?"
		happenFR  = "AB-123456"
		payment   = "problem with a payment"
		paiement  = "problème de paiement"
	)
	playTalks(t, []talk{
		{name: "en_all_this", turns: []string{"my order has a problem", "I don't understand all this"}, want: []string{simpler, orderQ}, not: []string{notOrder}},
		{name: "en_any_of_it", turns: []string{"my order has a problem", "sorry I don't understand any of it"}, want: []string{simpler, orderQ}, not: []string{notOrder}},
		{name: "en_all_of_that", turns: []string{"my order has a problem", "I do not understand all of that"}, want: []string{simpler, orderQ}, not: []string{notOrder}},
		{name: "en_then_the_number", turns: []string{"my order has a problem", "I don't understand all this", "AB-123456"}, want: []string{happened}},
		{name: "fr_rien_a_tout_ca", turns: []string{"problème de commande", "je ne comprends rien à tout ça"}, want: []string{simplerFR, orderQFR}, not: []string{worryFR}},
		{name: "fr_pas_tout_ca", turns: []string{"problème de commande", "je comprends pas tout ça"}, want: []string{simplerFR, orderQFR}, not: []string{worryFR}},
		{name: "fr_rien_a_tout_cela", turns: []string{"problème de commande", "j'y comprends rien à tout cela"}, want: []string{simplerFR, orderQFR}, not: []string{worryFR}},
		{name: "fr_puis_le_numero", turns: []string{"problème de commande", "je ne comprends rien à tout ça", "AB-123456"}, want: []string{happenFR}, not: []string{worryFR, "Merci de m'avoir expliqué"}},
		// Look-alikes: a thing named after "understand" is the person's
		// problem, not carebot's words.
		{name: "en_these_charges", turns: []string{"I don't understand all these charges"}, want: []string{payment}, not: []string{simpler}},
		{name: "en_this_charge", turns: []string{"I don't understand this charge"}, want: []string{payment}, not: []string{simpler}},
		{name: "fr_ce_prelevement", turns: []string{"je ne comprends rien à ce prélèvement"}, want: []string{paiement}, not: []string{simplerFR}},
	})
}
