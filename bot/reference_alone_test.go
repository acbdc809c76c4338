package bot_test

import (
	"testing"
)

// TestReferenceGivenAlone plays a reference given with nothing else: the
// order number the flow asked for, brought back after "whenever you have
// it, just write it here and we'll carry on", or pasted as a first
// message. Before, each was met with "I'm not sure I understood" or, at
// the menu, "Sorry, I didn't catch which one you meant" (the promise to
// carry on was broken), and "here it is: AB-123456" opened the worries
// flow. Now the flow that asks for it runs and takes it, or the clarifying
// question asks which one, and nobody gives the number twice.
func TestReferenceGivenAlone(t *testing.T) {
	t.Parallel()
	playTalks(t, []talk{
		{"en_back_with_number", []string{"/order", "I don't have it", "ok", "AB-123456"},
			[]string{"What happened with order AB-123456?"}, []string{"not sure I understood", "What is your order number"}},
		{"en_back_in_a_sentence", []string{"my parcel is late", "I don't have it", "ok", "found it, it's ab-123456"},
			[]string{"order AB-123456"}, []string{"not sure I understood", "What is your order number"}},
		{"en_back_at_the_survey", []string{"/order", "I don't have it", "AB-123456"},
			[]string{"What happened with order AB-123456?"}, nil},
		{"fr_back_with_number", []string{"/commande", "je l'ai pas", "d'accord", "AB-123456"},
			[]string{"commande AB-123456"}, []string{"pas sûr d'avoir compris", "Quel est votre numéro"}},
		{"en_cancel_back", []string{"/refund", "1", "no idea", "ok", "AB-123456", "1"},
			[]string{"You already gave me order AB-123456", "request to cancel order AB-123456"}, []string{"not sure I understood", "What is the order number"}},
		// The flow starts again; its question before the number is asked
		// again, the number is not.
		{"en_billing_back", []string{"/billing", "1", "I don't have it", "ok", "INV-204511", "1"},
			[]string{"INV-204511"}, []string{"not sure I understood", "What is the order number or invoice number"}},
		{"en_account_back", []string{"/account", "1", "no idea", "ok", "jo@example.com"},
			[]string{"account"}, []string{"not sure I understood", "What e-mail address"}},
		{"en_first_message", []string{"AB-123456"},
			[]string{"which one is it?", "A problem with an order or a delivery", "A cancellation or a refund"}, []string{"didn't catch", "not sure I understood"}},
		{"en_first_then_choice", []string{"AB-123456", "1"},
			[]string{"What happened with order AB-123456?"}, []string{"What is your order number"}},
		{"en_at_the_menu", []string{"hello", "ab123456"},
			[]string{"which one is it?"}, []string{"didn't catch"}},
		{"en_here_it_is", []string{"here it is: AB-123456", "1"},
			[]string{"order AB-123456"}, []string{"Tell me in your own words"}},
		{"fr_premier_message", []string{"voici mon numéro AB-123456 ?", "1"},
			[]string{"commande AB-123456"}, []string{"Quel est votre numéro"}},
		{"en_invoice_alone", []string{"INV-204511"},
			[]string{"which one is it?", "A problem with a payment or an invoice"}, []string{"not sure I understood"}},
		{"en_at_a_clarifying_question", []string{"my order never arrived and I am so worried, it was a gift for my mum who is in hospital", "AB-123456"},
			[]string{"order AB-123456"}, []string{"not sure I understood"}},
		// Nobody can come to help find it: where it is, and the door left
		// open, not "I haven't sent anything" to one who asked for nothing.
		{"en_account_no_idea", []string{"/account", "1", "no idea"},
			[]string{"Whenever you have it, just write it here"}, []string{"haven't sent anything"}},
		{"en_billing_no_number", []string{"/billing", "1", "I don't have it"},
			[]string{"Whenever you have it, just write it here"}, []string{"haven't sent anything"}},
		{"en_cancel_no_number", []string{"/refund", "1", "no idea"},
			[]string{"Whenever you have it, just write it here"}, []string{"haven't sent anything"}},
		{"fr_compte_aucune_idee", []string{"je n'arrive pas à me connecter à mon compte", "1", "aucune idée"},
			[]string{"écrivez-la ici et nous continuerons"}, []string{"rien envoyé"}},
		// A reference in a sentence at a question of the flow's own
		// pattern (invoice or order), or in the message that starts it.
		{"en_invoice_in_a_sentence", []string{"/billing", "1", "the invoice number is INV-204511"},
			[]string{"INV-204511"}, []string{"couldn't read"}},
		{"en_said_with_the_problem", []string{"I was charged twice for order AB-123456"},
			[]string{"AB-123456"}, []string{"What is the order number or invoice number"}},
		{"en_no_reference_in_a_sentence", []string{"/billing", "1", "it was 49.99 on 12/03/2024"},
			[]string{"couldn't read"}, nil},
		{"en_a_model_is_no_reference", []string{"I was charged twice for my RTX4090 in 2024"},
			[]string{"What is the order number or invoice number"}, nil},
		// Not a reference alone: as before.
		{"en_two_numbers", []string{"AB-123456 or AB-654321"}, nil, []string{"order AB-"}},
		{"en_a_year", []string{"since 2024"}, nil, []string{"which one is it?"}},
	})
}
