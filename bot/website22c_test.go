package bot_test

import "testing"

// TestWebsiteNotUnderstood22c: an older person who says they do not
// understand the website, and nothing else yet, is helped simply: told
// we will go one step at a time, and offered a person first among plain
// choices. Before, "i'm 79, i don't understand your website..." opened
// the payment flow ("I'm sorry there's a problem with a payment… What
// went wrong with the payment? I was charged twice…"), and « j'ai 79 ans,
// je comprends pas votre site... » was asked « de quoi s'agit-il ? »
// between a payment and a worry: the website, to the router, was a
// payment (play22c). A charge not understood, a card the website refuses,
// are still payments (TestOrderProblemSaidAtTheMenu21c).
func TestWebsiteNotUnderstood22c(t *testing.T) {
	t.Parallel()
	const (
		simply   = "one step at a time"
		person   = "Talk to a person"
		payment  = "I'm sorry there's a problem with a payment"
		pasAPas  = "pas à pas"
		personne = "Parler à une personne"
		paiement = "Je suis désolé qu'il y ait un problème de paiement"
		which    = "de quoi s'agit-il"
	)
	en := func(m string) talk {
		return talk{name: m, turns: []string{m}, want: []string{simply, person}, not: []string{payment}}
	}
	fr := func(m string) talk {
		return talk{name: m, turns: []string{m}, want: []string{pasAPas, personne}, not: []string{paiement, which}}
	}
	playTalks(t, []talk{
		en("i'm 79, i don't understand your website..."),
		en("im 79 and i dont understand your website"),
		en("I am 79 years old and I do not understand your website at all"),
		en("im 82 and your website is too complicated for me"),
		{name: "en_no_age", turns: []string{"hi", "i don't understand your website"}, not: []string{payment}},
		fr("j'ai 79 ans, je comprends pas votre site..."),
		fr("jai 79 ans je comprend rien a votre site internet"),
		fr("j'ai 82 ans et votre site est trop compliqué pour moi"),
		{name: "fr_sans_age", turns: []string{"bonjour", "je comprends rien à votre site"}, not: []string{paiement}},
	})
}
