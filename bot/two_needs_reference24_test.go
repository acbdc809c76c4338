package bot_test

import "testing"

// TestOrderNumberAfterACommaIsNoSecondNeed24: a problem told, then the
// order's number after a comma or a full stop ("I was charged twice, my
// order is AB-123456", « j'ai été débité deux fois, ma commande est
// AB-123456 »). Since 1242ece tried every clause boundary for two needs,
// the clause that only gives the number was read as an order problem of
// its own, and the person was asked "which one is it?" between a payment
// and an order problem they never had. A side that asks for a flow only
// with its number in it is a reference, not a need: the payment flow
// takes the number at once, as with "for my order AB-123456". Two needs
// with a number in one ("my order AB-123456 never came, you charged me
// twice") are still both asked about.
func TestOrderNumberAfterACommaIsNoSecondNeed24(t *testing.T) {
	t.Parallel()
	const (
		which    = "which one is it?"
		whichFR  = "de quoi s'agit-il ?"
		payment  = "A problem with a payment or an invoice"
		order    = "A problem with an order or a delivery"
		noted    = "I've noted that you were charged twice for AB-123456"
		noteFR   = "J'ai noté qu'on vous a prélevé deux fois pour AB-123456"
		paiement = "Un problème de paiement ou de facture"
		commande = "Un problème de commande ou de livraison"
	)
	playTalks(t, []talk{
		{name: "en_comma_order_is", turns: []string{"I was charged twice, my order is AB-123456"}, want: []string{noted}, not: []string{which}},
		{name: "en_full_stop_order", turns: []string{"I was charged twice. Order AB-123456"}, want: []string{noted}, not: []string{which}},
		{name: "fr_virgule_ma_commande_est", turns: []string{"j'ai été débité deux fois, ma commande est AB-123456"}, want: []string{noteFR}, not: []string{whichFR}},
		{name: "fr_point_commande", turns: []string{"j'ai été débité deux fois. Ma commande est la AB-123456"}, want: []string{noteFR}, not: []string{whichFR}},
		// Two needs, one with its number: both still asked about.
		{name: "en_two_needs_with_number", turns: []string{"my order AB-123456 never came, you charged me twice"}, want: []string{which, payment, order}},
		{name: "fr_deux_besoins_numero", turns: []string{"ma commande AB-123456 n'est jamais arrivée, vous m'avez prélevé deux fois"}, want: []string{whichFR, paiement, commande}},
	})
}
