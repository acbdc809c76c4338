package bot_test

import "testing"

// TestAskedWhereToFindIt20c: at a question that checks its answer (an
// order or invoice number, an e-mail address), the person asks where to
// find it, in their own words: "where do i even find that", "how do i
// find it", "where am i supposed to find that", « je le trouve où », «
// où est-ce que je le trouve », « comment je le trouve ». Before, only
// "where do I find" and "where can I find" as written were heard: the
// others got "That doesn't look quite like an order number… Could you
// check it?", a question they had just asked answered by asking it
// again. Now the help to find it (the ask's on_fail).
func TestAskedWhereToFindIt20c(t *testing.T) {
	t.Parallel()
	const (
		help     = "No worries, order numbers can be hard to find"
		notOrder = "doesn't look quite like an order number"
		aide     = "Pas d'inquiétude, ce numéro n'est pas toujours facile à trouver"
		pasUn    = "Cela ne ressemble pas tout à fait à un numéro de commande"
		helpPay  = "You'll find it in your confirmation e-mail or on the invoice. Whenever"
	)
	order := func(s string) []string { return []string{"my parcel is late", s} }
	commande := func(s string) []string { return []string{"mon colis est en retard", s} }
	playTalks(t, []talk{
		{name: "en_even", turns: order("where do i even find that"), want: []string{help}, not: []string{notOrder}},
		{name: "en_how", turns: order("how do i find it"), want: []string{help}, not: []string{notOrder}},
		{name: "en_supposed", turns: order("where am i supposed to find that"), want: []string{help}, not: []string{notOrder}},
		{name: "en_would", turns: order("where would i find it"), want: []string{help}, not: []string{notOrder}},
		{name: "en_look", turns: order("where do i look for it"), want: []string{help}, not: []string{notOrder}},
		{name: "en_billing", turns: []string{"i was charged twice", "where would that be"}, want: []string{helpPay}},
		{name: "fr_ou", turns: commande("je le trouve où"), want: []string{aide}, not: []string{pasUn}},
		{name: "fr_ou_sans_accent", turns: commande("je le trouve ou"), want: []string{aide}, not: []string{pasUn}},
		{name: "fr_ou_est_ce", turns: commande("où est-ce que je le trouve"), want: []string{aide}, not: []string{pasUn}},
		{name: "fr_comment", turns: commande("comment je le trouve"), want: []string{aide}, not: []string{pasUn}},
		{name: "fr_il_est_ou", turns: commande("il est où ce numéro"), want: []string{aide}, not: []string{pasUn}},
		{name: "en_where_number", turns: order("where is that number"), want: []string{help}, not: []string{notOrder}},
		// A number given with the question is taken.
		{name: "en_number_too", turns: order("where do i even find that, is it AB-123456"), not: []string{help, notOrder}},
	})
}
