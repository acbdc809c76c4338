package bot_test

import (
	"testing"
)

// TestWaitWordWithARequest plays "wait" or "hold on" said at a question
// as the start of a new request ("wait, I want to cancel it instead", «
// attendez, je veux annuler »): the wait phrase matched, and the person
// was told "Take your time" while the question kept waiting, the request
// lost; before the wait words, such a message went to the flow it asks
// for, as flows/README.md still says ("a message that says more … a new
// request … is read as usual"). 4 of the 4 rows failed before.
func TestWaitWordWithARequest(t *testing.T) {
	t.Parallel()
	const wait = "Take your time"
	playTalks(t, []talk{
		{"en_wait_cancel", []string{"/order", "wait, I want to cancel it instead"},
			[]string{"cancellation or a refund request", "What is the order number?"}, []string{wait, "Prenez votre temps"}},
		{"en_hold_on_charged_twice", []string{"/order", "hold on, I was charged twice"},
			[]string{"problem with a payment"}, []string{wait, "Prenez votre temps"}},
		{"en_hang_on_login", []string{"/order", "hang on, actually I can't log in"},
			[]string{"get into your account"}, []string{wait, "Prenez votre temps"}},
		{"fr_attendez_annuler", []string{"ma commande n'est pas arrivée", "attendez, je veux annuler"},
			[]string{"demande d'annulation"}, []string{wait, "Prenez votre temps"}},
		// Still a wait: thanks with it is no new request, nor « une
		// minute » the breathing pause (the router is sure of it).
		{"en_ok_thanks_let_me_look", []string{"/order", "ok thanks, let me look"},
			[]string{wait}, []string{"Thank you for writing to us"}},
		{"fr_une_minute", []string{"ma commande n'est pas arrivée", "une minute"},
			[]string{"Prenez votre temps"}, []string{"Inspirez"}},
	})
}
