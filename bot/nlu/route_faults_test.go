package nlu

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestPaymentAndSignInFaults: a payment page, a pay button or a sign-in
// screen that fails is the payment or sign-in problem the person came
// with, not a complaint: before, "your checkout keeps crashing when I click
// pay" and "the sign in button doesn't do anything" went to the worries
// flow ("tell me in your own words what's worrying you"), read by the
// router's [fault] words (5 of the English rows here failed). A product
// that fails is still a complaint. Rows written for this test, in no
// flow's examples.
func TestPaymentAndSignInFaults(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	const (
		bp = flow.CategoryBillingPayment
		aa = flow.CategoryAccountAccess
		cp = flow.CategoryComplaintProblem
	)
	for _, tt := range []struct{ lang, text, category string }{
		{"en", "the payment page doesn't work", bp},
		{"en", "your checkout keeps crashing when I click pay", bp},
		{"en", "the pay button does nothing", bp},
		{"en", "I can't pay, the page freezes at the last step", bp},
		{"en", "paypal gives me an error when I try to pay you", bp},
		{"en", "the sign in button doesn't do anything", aa},
		{"en", "I get an error every time I try to sign in", aa},
		{"fr", "la page de paiement ne marche pas", bp},
		{"fr", "votre site plante quand je clique sur payer", bp},
		{"fr", "impossible de payer, la page reste bloquée", bp},
		{"fr", "l'appli plante quand j'essaie de me connecter", aa},
		{"fr", "le bouton se connecter ne marche pas", aa},
		// Look-alikes: a product that fails.
		{"en", "the coffee machine I bought from you doesn't work", cp},
		{"fr", "la cafetière que j'ai achetée chez vous ne marche pas", cp},
	} {
		a := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text)
		if a.Category != tt.category {
			t.Errorf("%s %q: category %q (flow %q, %.2f), want %q", tt.lang, tt.text, a.Category, a.Flow, a.Confidence, tt.category)
		}
	}
}
