package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot/memstore"
)

// TestChangedMindStopsTheQuestion plays a person who changes their mind
// in the middle of a flow: "actually no, cancel that", "forget it", "oh
// wait, I changed my mind", « en fait non, c'est bon, je la garde », «
// non en fait laisse tomber ». Before, only "cancel" (or "stop") alone
// stopped it: "actually no, cancel that" at the payment flow's question
// opened the cancellation flow, « en fait non, c'est bon, je la garde »
// got "that does not look like an order number" and « non en fait laisse
// tomber » "I didn't catch which one you meant". A message made only of
// cancel_words, with the little words of a change of mind around them
// ("no", "actually", "oh", « en fait », « bon »), now stops what was going
// on ("All right, I've stopped that.") and shows the menu. A request said
// with them is read as before.
func TestChangedMindStopsTheQuestion(t *testing.T) {
	t.Parallel()
	const (
		stopped   = "All right, I've stopped that."
		stoppedFr = "D'accord, j'ai arrêté."
		menu      = "What can I help you with today?"
		menuFr    = "Que puis-je faire pour vous aujourd'hui ?"
	)
	tests := []talk{
		{name: "en_actually_no_cancel_that", turns: []string{"I was charged twice for the same thing", "actually no, cancel that"}, want: []string{stopped, menu}, not: []string{"I can record a cancellation"}},
		{name: "en_forget_it", turns: []string{"I need a refund", "forget it"}, want: []string{stopped, menu}},
		{name: "en_changed_my_mind", turns: []string{"my order is late", "oh wait, I changed my mind"}, want: []string{stopped, menu}, not: []string{"order number"}},
		{name: "en_scrap_that", turns: []string{"I can't log in", "scrap that, sorry"}, want: []string{stopped, menu}, not: []string{"e-mail address"}},
		{name: "fr_je_la_garde", turns: []string{"je voudrais annuler ma commande", "en fait non, c'est bon, je la garde"}, want: []string{stoppedFr, menuFr}, not: []string{"numéro de commande"}},
		{name: "fr_laisse_tomber", turns: []string{"on m'a débité deux fois", "AB-654321", "non en fait laisse tomber"}, want: []string{stoppedFr, menuFr}, not: []string{"je n'ai pas compris votre choix"}},
		{name: "fr_change_d_avis", turns: []string{"je n'arrive pas à me connecter", "oubliez, j'ai changé d'avis"}, want: []string{stoppedFr, menuFr}, not: []string{"adresse e-mail"}},
		// The little words of a change of mind in French too, as "so
		// sorry", "well", "hmm" and "nah" are in English: « désolé,
		// annulez svp » got « Cela a l'air vraiment éprouvant », « bah,
		// oubliez ça » "that does not look like an order number".
		{name: "fr_desole_annulez", turns: []string{"ma commande est en retard", "désolé, annulez svp"}, want: []string{stoppedFr}},
		{name: "fr_bah_oubliez_ca", turns: []string{"ma commande est en retard", "bah, oubliez ça"}, want: []string{stoppedFr, menuFr}, not: []string{"numéro de commande"}},
		{name: "fr_euh_en_fait_annule", turns: []string{"on m'a débité deux fois", "euh en fait non annule"}, want: []string{stoppedFr, menuFr}},
		{name: "fr_nan_laisse_tomber", turns: []string{"je n'arrive pas à me connecter", "nan laisse tomber"}, want: []string{stoppedFr, menuFr}},
		{name: "en_so_sorry_cancel_please", turns: []string{"my order is late", "so sorry, cancel please"}, want: []string{stopped}},
		// Read as before: a request said with it, or a word of the flow.
		{name: "en_cancel_my_order_at_what", turns: []string{"my husband passed away and I need to sort out his account", "I'd like to cancel his subscription"}, not: []string{stopped}},
		{name: "en_cancel_that_order", turns: []string{"my order is late", "I want to cancel that order instead"}, not: []string{stopped}},
		{name: "en_forget_it_and_a_request", turns: []string{"I can't log in", "forget it, I was charged twice"}, want: []string{"payment"}, not: []string{stopped}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			holds(t, tt.turns, shown(play(t, e, tt.name, tt.turns)), tt.want, tt.not)
		})
	}
}

// TestButtonsOfAThingBought plays the buttons of a thing the person got
// from the company ("the buttons don't work on the tv remote you sent
// me", « les boutons ne marchent pas sur la télécommande que vous m'avez
// envoyée »): they got the chat's own help ("You can also write your
// answer instead of tapping a button"), when the router was unsure what
// else the message asked. A thing sent, bought or ordered
// (common.yaml's thing_words) makes it a complaint about the thing, read
// as any other message; the chat's buttons still get the help.
func TestButtonsOfAThingBought(t *testing.T) {
	t.Parallel()
	const help = "instead of tapping a button"
	const helpFr = "au lieu d'appuyer sur un bouton"
	tests := []talk{
		{name: "en_remote_you_sent", turns: []string{"the buttons don't work on the tv remote you sent me"}, not: []string{help}},
		{name: "en_keyboard_i_bought", turns: []string{"the buttons on the keyboard I bought from you don't work"}, not: []string{help}},
		{name: "fr_telecommande_envoyee", turns: []string{"les boutons ne marchent pas sur la télécommande que vous m'avez envoyée"}, not: []string{helpFr}},
		// The chat's buttons.
		{name: "en_chat_buttons", turns: []string{"the buttons don't work for me"}, want: []string{help}},
		{name: "en_screen_reader", turns: []string{"I use a screen reader and can't press the buttons"}, want: []string{help}},
		{name: "fr_boutons_chat", turns: []string{"les boutons ne marchent pas sur mon téléphone"}, want: []string{helpFr}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			holds(t, tt.turns, shown(play(t, e, tt.name, tt.turns)), tt.want, tt.not)
		})
	}
}
