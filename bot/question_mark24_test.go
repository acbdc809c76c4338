package bot_test

import "testing"

// TestLoneQuestionMarkAtAQuestion24: "?" alone, written at a question
// with buttons, is one who did not follow, as "I don't understand" is.
// Before, at "What happened with order AB-123456?" it got "Sorry, I
// didn't catch which one you meant", in French the same, a wrong choice.
// Now the question is said again more simply ("Sorry, I wasn't clear. Let
// me put it more simply."), as for "I don't understand". At a question
// that asks for something written, "?" stays a try that is not it (the
// flows count them to offer help: flows/tests/billing_problem.yaml).
func TestLoneQuestionMarkAtAQuestion24(t *testing.T) {
	t.Parallel()
	const (
		simpler  = "Let me put it more simply"
		simplerF = "Je reformule plus simplement"
		notOrder = "doesn't look quite like an order number"
		pasNum   = "ne ressemble pas tout à fait à un numéro de commande"
		pickOne  = "Sorry, I didn't catch which one you meant"
		pardon   = "Pardon, je n'ai pas compris votre choix"
	)
	playTalks(t, []talk{
		{name: "en_order_number_a_try", turns: []string{"/order", "?"}, want: []string{notOrder}, not: []string{simpler}},
		{name: "en_what_happened", turns: []string{"/order", "AB-123456", "??"}, want: []string{simpler, "AB-123456"}, not: []string{pickOne}},
		{name: "fr_numero_un_essai", turns: []string{"mon colis n'est pas arrivé", "?"}, want: []string{pasNum}, not: []string{simplerF}},
		{name: "fr_que_s_est_il_passe", turns: []string{"mon colis n'est pas arrivé", "AB-123456", "?"}, want: []string{simplerF, "AB-123456"}, not: []string{pardon}},
	})
}
