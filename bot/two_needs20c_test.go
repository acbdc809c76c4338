package bot_test

import "testing"

// TestSecondNeedNotLost20c: a message with two needs ("my lamp still
// hasn't shown up and you charged me twice") gets the clarifying question
// "which one is it?"; the person picks one, and when it is done the other
// comes next. Before, the other was lost: after the payment was noted the
// bot said "write menu to see what I can do", the lamp never spoken of
// again. A person who stops ("cancel") is not taken to the other.
func TestSecondNeedNotLost20c(t *testing.T) {
	t.Parallel()
	const (
		orderStart   = "I'm sorry your order is giving you trouble"
		accountStart = "I'm sorry you can't get into your account"
		commande     = "Je suis désolé que votre commande vous cause des soucis"
		compte       = "Je suis désolé que vous ne puissiez pas accéder à votre compte"
		payment      = "A problem with a payment or an invoice"
		paiement     = "Un problème de paiement ou de facture"
		orderTitle   = "A problem with an order or a delivery"
		commandeT    = "Un problème de commande ou de livraison"
	)
	playTalks(t, []talk{
		{name: "en_payment_then_order", turns: []string{"my lamp still hasnt shown up and you charged me twice", payment, "AB-123456"}, want: []string{orderStart}},
		{name: "en_order_then_account", turns: []string{"I cant sign in and my parcel hasnt come", orderTitle, "AB-123456", "it's late"}, want: []string{accountStart}},
		{name: "fr_paiement_puis_commande", turns: []string{"ma lampe est toujours pas arrivée et vous m'avez prélevé deux fois", paiement, "AB-123456"}, want: []string{commande}},
		{name: "fr_commande_puis_compte", turns: []string{"j'arrive pas à me connecter et mon colis est pas arrivé", commandeT, "AB-123456", "elle est en retard"}, want: []string{compte}},
		// Stopped: the other is not started.
		{name: "en_cancel", turns: []string{"my lamp still hasnt shown up and you charged me twice", payment, "cancel"}, not: []string{orderStart}},
		{name: "fr_annuler", turns: []string{"ma lampe est toujours pas arrivée et vous m'avez prélevé deux fois", paiement, "annuler"}, not: []string{commande}},
	})
}
