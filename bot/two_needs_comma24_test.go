package bot_test

import "testing"

// TestTwoNeedsJoinedByAComma24: two needs joined by a comma alone ("my
// order never came, you charged me twice") reach both flows, as those
// joined by "and", "+" or "&" do (TestSecondNeedNotLost20c). Before, the
// router took the payment and the order was never spoken of. One need
// with more said about it after a comma ("my order never came, it was a
// present", « ma commande est pas arrivée, je suis déçue ») is still one,
// and so is a refund asked after a comma, the remedy of the problem told
// (« je n'ai pas reçu mon colis, je préfère être remboursé »).
func TestTwoNeedsJoinedByAComma24(t *testing.T) {
	t.Parallel()
	const (
		which    = "which one is it?"
		whichFR  = "de quoi s'agit-il ?"
		payment  = "A problem with a payment or an invoice"
		paiement = "Un problème de paiement ou de facture"
		order    = "A problem with an order or a delivery"
		commande = "Un problème de commande ou de livraison"
		account  = "A problem signing in"
		orderNow = "I'm sorry your order is giving you trouble"
		cmdNow   = "Je suis désolé que votre commande vous cause des soucis"
	)
	playTalks(t, []talk{
		{name: "en_comma", turns: []string{"my order never came, you charged me twice"}, want: []string{which, payment, order}},
		{name: "en_comma_then_other", turns: []string{"my order never came, you charged me twice", payment, "AB-123456"}, want: []string{orderNow}},
		{name: "en_semicolon", turns: []string{"I can't log in; my parcel hasn't come"}, want: []string{which, order}},
		{name: "en_two_sentences", turns: []string{"My parcel never arrived. You charged me twice."}, want: []string{which, payment, order}},
		{name: "fr_virgule", turns: []string{"ma commande n'est jamais arrivée, vous m'avez prélevé deux fois"}, want: []string{whichFR, paiement, commande}},
		{name: "fr_virgule_puis_autre", turns: []string{"ma commande n'est jamais arrivée, vous m'avez prélevé deux fois", paiement, "AB-123456"}, want: []string{cmdNow}},
		// One need, more said of it: no question.
		{name: "en_one_need", turns: []string{"my order never came, it was a present for my son"}, want: []string{orderNow}, not: []string{which}},
		{name: "fr_un_besoin", turns: []string{"ma commande n'est jamais arrivée, c'était un cadeau pour mon fils"}, want: []string{cmdNow}, not: []string{whichFR}},
		// A refund after a comma is the remedy of the problem: one matter.
		{name: "fr_remede", turns: []string{"je n'ai pas reçu mon colis, je préfère être remboursé"}, not: []string{whichFR}},
		{name: "en_remedy", turns: []string{"my parcel never came, I want my money back"}, not: []string{which}},
		{name: "en_and_still", turns: []string{"my order never came and you charged me twice"}, want: []string{which, payment, order}},
	})
}
