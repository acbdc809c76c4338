package bot_test

import "testing"

// TestColleagueStoryIsNotACustomerQuestion24 plays a colleague who tells
// the staff Slack what happened at work, in words the customers' router
// would take for an order, account or refund flow. Since c5d7f25 they
// heard "On this staff channel I'm here for you … so I can't look at
// orders, payments or accounts … goes to our customer chat" and, in the
// same answer, peer support listening to those very words ("It helps to
// put it into words"): told they were in the wrong place, then listened
// to. A colleague who tells what happened (a story, as the staff menu's
// free text hears it) is listened to, as before c5d7f25; a bare
// customer's question ("where is my order") still hears where it goes.
func TestColleagueStoryIsNotACustomerQuestion24(t *testing.T) {
	t.Parallel()
	const (
		forColleagues = "On this staff channel I'm here for you"
		pourCollegues = "Sur ce canal du personnel, je suis là pour vous"
		listened      = "you don't have to carry this alone"
		ecoute        = "vous n'avez pas à porter cela sans soutien"
	)
	playPeer(t, []talk{
		{name: "en_work_account", turns: []string{"I can't log into my work account"}, want: []string{listened}, not: []string{forColleagues}},
		{name: "en_packed_wrong_address", turns: []string{"the order I packed was sent to the wrong address"}, want: []string{listened}, not: []string{forColleagues}},
		{name: "en_refund_request", turns: []string{"I got a refund request I don't know how to handle"}, want: []string{listened}, not: []string{forColleagues}},
		{name: "en_at_the_menu", turns: []string{"hi", "the order I packed was sent to the wrong address"}, want: []string{listened}, not: []string{forColleagues}},
		{name: "fr_annuler_service", turns: []string{"je dois annuler mon service de demain"}, want: []string{ecoute}, not: []string{pourCollegues}},
		// (Routed to the breathing pause, as before c5d7f25: not this
		// test's matter.)
		{name: "fr_mauvaise_adresse", turns: []string{"j'ai envoyé une commande à la mauvaise adresse"}, not: []string{pourCollegues}},
		// A customer's question, bare, still hears where it goes, and
		// is not listened to as a story.
		{name: "en_where_is_my_order", turns: []string{"where is my order"}, want: []string{forColleagues}, not: []string{listened}},
		{name: "fr_annuler_commande", turns: []string{"je veux annuler ma commande"}, want: []string{pourCollegues}, not: []string{ecoute}},
	})
}
