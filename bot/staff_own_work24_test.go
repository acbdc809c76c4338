package bot_test

import "testing"

// TestColleagueOwnWorkMatterIsNotACustomerQuestion24 plays a colleague
// who writes about their own pay, expenses or shifts on the staff Slack.
// Since c5d7f25, "payroll charged me twice", "my expense refund never
// came", "I need to cancel my shift tomorrow", « ma paie n'est pas
// arrivée » and « je veux annuler mes congés » heard "A question about
// an order, yours or a customer's, goes to our customer chat": the
// customers' router took them for the payment, refund or cancellation
// flows, and a colleague whose pay did not come was sent to the shop's
// customers. A word of a colleague's own work ([work24]: salary, payroll,
// shift, expenses, « paie », « congés »…) now keeps them from that answer,
// as a customer spoken of does; a customer's question still hears it.
func TestColleagueOwnWorkMatterIsNotACustomerQuestion24(t *testing.T) {
	t.Parallel()
	const (
		forColleagues = "On this staff channel I'm here for you"
		pourCollegues = "Sur ce canal du personnel, je suis là pour vous"
	)
	playPeer(t, []talk{
		{name: "en_payroll_twice", turns: []string{"payroll charged me twice"}, not: []string{forColleagues}},
		{name: "en_expense_refund", turns: []string{"my expense refund never came"}, not: []string{forColleagues}},
		{name: "en_cancel_shift", turns: []string{"I need to cancel my shift tomorrow"}, not: []string{forColleagues}},
		{name: "en_bonus_missing", turns: []string{"my bonus payment is missing"}, not: []string{forColleagues}},
		{name: "fr_paie", turns: []string{"ma paie n'est pas arrivée"}, not: []string{pourCollegues}},
		{name: "fr_conges", turns: []string{"je veux annuler mes congés"}, not: []string{pourCollegues}},
		// A customer's question still hears where it goes.
		{name: "en_charged_twice", turns: []string{"I was charged twice"}, want: []string{forColleagues}},
		{name: "fr_annuler_commande", turns: []string{"je veux annuler ma commande"}, want: []string{pourCollegues}},
	})
}
