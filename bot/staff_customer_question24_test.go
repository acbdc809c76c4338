package bot_test

import "testing"

// TestCustomerQuestionOnStaffSlack24 plays a colleague who asks a
// customer's question on the staff Slack: "where is my order" got "Sorry,
// I didn't catch which one you meant" at the staff menu, and « je veux
// annuler ma commande » peer support's "What's going on?" as if it were a
// hard day. They now hear, kindly, that this bot is for colleagues and
// where questions about an order go (customer_question), and the staff
// menu waits. A colleague who tells of a customer ("a customer yelled at
// me about his late order") is listened to as before.
func TestCustomerQuestionOnStaffSlack24(t *testing.T) {
	t.Parallel()
	const (
		forColleagues   = "On this staff channel I'm here for you"
		pourCollegues   = "Sur ce canal du personnel, je suis là pour vous"
		customerService = "our customer chat"
		serviceClient   = "notre chat client"
		staffMenu       = "What would help you today?"
		menuFR          = "Qu'est-ce qui vous aiderait aujourd'hui ?"
		didntCatch      = "didn't catch"
		whatsGoingOn    = "What's going on?"
		queSePasse      = "Que se passe-t-il ?"
	)
	playPeer(t, []talk{
		{name: "en_where_is_my_order", turns: []string{"where is my order"}, want: []string{forColleagues, customerService}, not: []string{didntCatch, whatsGoingOn}},
		{name: "en_at_the_menu", turns: []string{"hi", "where is my order"}, want: []string{forColleagues, staffMenu}, not: []string{didntCatch}},
		{name: "en_charged_twice", turns: []string{"I was charged twice"}, want: []string{forColleagues}, not: []string{whatsGoingOn}},
		{name: "fr_annuler", turns: []string{"je veux annuler ma commande"}, want: []string{pourCollegues, serviceClient}, not: []string{queSePasse}},
		{name: "fr_au_menu", turns: []string{"bonjour", "elle est où ma commande"}, want: []string{pourCollegues, menuFR}, not: []string{queSePasse}},
		// Look-alikes: a colleague's day with a customer is listened to.
		{name: "en_customer_yelled", turns: []string{"a customer yelled at me about his late order"}, not: []string{forColleagues}},
		{name: "en_angry_customer_refund", turns: []string{"an angry customer kept shouting about his refund"}, not: []string{forColleagues}},
		{name: "fr_client_crie", turns: []string{"un client m'a crié dessus pour sa commande"}, not: []string{pourCollegues}},
	})
}
