package bot_test

import "testing"

// TestOrderProblemSaidAtTheMenu21c: an order problem said at the menu in
// words the flows' examples did not cover. Before, "they sent me the
// wrong size" got "Sorry, I didn't catch which one you meant", "they sent
// me the wrong shoes" and « on m'a envoyé la mauvaise pointure » opened
// the worries flow, and "im 84 and i dont understand the website, my
// order didnt come" the payment flow ("I'm sorry there's a problem
// with a payment"): the website pulled it to payments. Now each opens the order
// flow; a charge or a card refused on the website is still a payment.
func TestOrderProblemSaidAtTheMenu21c(t *testing.T) {
	t.Parallel()
	const (
		order      = "I'm sorry your order is giving you trouble"
		commande   = "Je suis désolé que votre commande vous cause des soucis"
		payment    = "I'm sorry there's a problem with a payment"
		paiement   = "Je suis désolé qu'il y ait un problème de paiement"
		notCaught  = "Sorry, I didn't catch which one you meant"
		pasCompris = "je ne suis pas sûr"
	)
	hi := func(m string) []string { return []string{"hi", m} }
	bonjour := func(m string) []string { return []string{"bonjour", m} }
	playTalks(t, []talk{
		{name: "en_wrong_size", turns: hi("they sent me the wrong size"), want: []string{order}, not: []string{notCaught}},
		{name: "en_wrong_shoes", turns: hi("they sent me the wrong shoes"), want: []string{order}},
		{name: "en_84_website_order", turns: hi("im 84 and i dont understand the website, my order didnt come"), want: []string{order}, not: []string{payment}},
		// Read as two needs until play22c, the order offered beside the
		// payment; now "your website" alone is no payment to the router
		// (TestWebsiteNotUnderstood22c), and the order opens.
		{name: "en_79_website_parcel", turns: hi("i'm 79, i don't understand your website and my parcel never came"), want: []string{order}, not: []string{payment}},
		{name: "fr_mauvaise_pointure", turns: bonjour("on m'a envoyé la mauvaise pointure"), want: []string{commande}},
		{name: "fr_mauvaise_taille", turns: bonjour("ils m'ont envoyé la mauvaise taille"), want: []string{commande}, not: []string{pasCompris}},
		{name: "fr_84_site_commande", turns: bonjour("j'ai 84 ans et je ne comprends pas le site, ma commande n'est pas arrivée"), want: []string{commande}, not: []string{paiement}},
		{name: "fr_site_colis", turns: bonjour("je comprends rien à votre site et mon colis est jamais arrivé"), want: []string{commande}, not: []string{paiement}},
		// Guards: the website's payments are still payments.
		{name: "en_charge_not_understood", turns: hi("i don't understand this charge"), want: []string{payment}},
		{name: "en_website_card", turns: hi("the website won't take my card"), want: []string{payment}},
		{name: "fr_debit_pas_compris", turns: bonjour("je comprends pas ce débit"), want: []string{paiement}},
		{name: "fr_site_carte", turns: bonjour("le site refuse ma carte"), want: []string{paiement}},
	})
}
