package bot_test

import (
	"testing"
)

// TestWaitWithARequest plays a wait said with a request, where no
// question waits: after "whenever you have it, just write it here and
// we'll carry on", "hold on, I already got charged for it" asks for help
// with a payment. Before, the wait words alone were heard: "Take your
// time", and the payment waited for nothing. What the message says
// besides its wait words, when the router is sure of it, is read; a wait
// with nothing more, or with words that ask for nothing ("just a sec, my
// son is helping me"), is still "Take your time".
func TestWaitWithARequest(t *testing.T) {
	t.Parallel()
	const (
		wait   = "Take your time: I'm here whenever you're ready."
		attend = "Prenez votre temps"
		later  = "I dont know where the number is"
		plus   = "je ne sais pas où est le numéro"
	)
	playTalks(t, []talk{
		{"en_charged", []string{"my parcel never arrived", later, "hold on, I already got charged for it"},
			[]string{"problem with a payment"}, []string{wait}},
		{"en_first_charged", []string{"hold on, I already got charged for it"},
			[]string{"problem with a payment"}, []string{wait}},
		{"en_at_the_clarifying_question", []string{"AB-123456", "hold on, I already got charged for it"},
			[]string{"problem with a payment"}, []string{wait}},
		// Still a wait.
		{"en_son_helps", []string{"my parcel never arrived", later, "just a sec, my son is helping me"},
			[]string{wait}, nil},
		{"en_let_me_look_in_my_emails", []string{"my parcel never arrived", later, "ok let me look in my emails"},
			[]string{wait}, nil},
		{"fr_je_cherche", []string{"ma commande n'est pas arrivée", plus, "attendez je cherche"},
			[]string{attend}, nil},
	})
}

// TestWaitAtTheSurvey plays a wait said at "Before you go: how well did
// we look after you?". Before, "Take your time" was said and the survey
// dropped: the score that followed got "I'm sorry, I'm not sure I
// understood". Now the survey waits with the rest.
func TestWaitAtTheSurvey(t *testing.T) {
	t.Parallel()
	playTalks(t, []talk{
		{"en_one_moment", []string{"thanks bye", "one moment", "5"},
			[]string{"Thank you"}, []string{"not sure I understood"}},
		{"fr_un_instant", []string{"merci au revoir", "attendez", "4"},
			[]string{"Merci"}, []string{"pas sûr d'avoir compris"}},
		// Anything else after the wait is read as before.
		{"en_then_a_request", []string{"thanks bye", "one moment", "my parcel never arrived"},
			[]string{"What is your order number?"}, nil},
	})
}

// TestReferenceInAnotherMatter plays a reference given alone at the
// buttons of a flow with a matter of its own, one that does not ask for
// it: an e-mail address at "What happened with order AB-123456?", an
// order number at "What's happening?" of the sign-in flow. Before, the
// matter was dropped for "Just to be sure I help with the right thing:
// which one is it?" among the other flows that ask for it, none of them
// the one the person was in. The question is asked again, as before the
// reference went back to a flow that paused for it; a flow that did
// pause for it ("we'll carry on") still takes it back.
func TestReferenceInAnotherMatter(t *testing.T) {
	t.Parallel()
	const which = "Just to be sure I help with the right thing"
	playTalks(t, []talk{
		{"en_email_at_the_order", []string{"my order AB-123456 is wrong", "jeanne@example.com"},
			[]string{"What happened with order AB-123456?"}, []string{which}},
		{"en_order_at_the_account", []string{"I have a problem with my account", "AB-123456"},
			[]string{"What's happening?"}, []string{which}},
		{"fr_commande_au_compte", []string{"j'ai un problème avec mon compte", "AB-123456"},
			[]string{"Que se passe-t-il"}, []string{"Pour être sûr"}},
		// Back to the flow that paused for it, from another flow's question.
		{"en_back_to_the_paused_flow", []string{"my parcel never arrived", "I dont know where the number is", "I have a problem with my account", "AB-123456"},
			[]string{"AB-123456 never arrived"}, []string{which}},
	})
}

// TestCarryOnSaysWhatWasNotSaid plays a person back with the number a
// flow paused for after writing of a crisis: the flow now goes slowly
// ("We'll go slowly. You don't have to sort this out alone."), words it
// never said before. Before, carrying on said nothing up to the question,
// so these were lost with the opening words; now only what was said in
// the matter is not said again.
func TestCarryOnSaysWhatWasNotSaid(t *testing.T) {
	t.Parallel()
	playTalks(t, []talk{
		{"en_crisis_between", []string{"my parcel never arrived", "I dont know where the number is", "I want to kill myself", "AB-123456"},
			[]string{"We'll go slowly.", "AB-123456 never arrived"}, []string{"I'm sorry your order is giving you trouble"}},
		{"fr_crise_entre", []string{"ma commande n'est pas arrivée", "je ne sais pas où est le numéro", "je veux mourir", "AB-123456"},
			[]string{"Nous allons prendre notre temps.", "AB-123456"}, []string{"Je suis désolé que votre commande"}},
	})
}

// TestThanksWithAFeelingWhereNoQuestionWaits plays "thank you, this is
// hard" where no flow question waits: after "whenever you have it, just
// write it here and we'll carry on", or at the clarifying question.
// Before, it was a goodbye with its survey ("Thank you for writing to
// us… Before you go: how well did we look after you?"), the feeling
// unheard, as it was at a flow's question before this session. Now the
// feeling is named, then "Take your time" (or the clarifying question
// again); a thanks with a farewell still says goodbye.
func TestThanksWithAFeelingWhereNoQuestionWaits(t *testing.T) {
	t.Parallel()
	const (
		bye    = "Thank you for writing to us"
		survey = "Before you go"
		named  = "I'm sorry you're going through it"
		wait   = "Take your time"
		later  = "I dont know where the number is"
	)
	playTalks(t, []talk{
		{"en_after_a_pause", []string{"my parcel never arrived", later, "thank you, this is hard"},
			[]string{named, wait}, []string{bye, survey}},
		{"en_then_the_number", []string{"my parcel never arrived", later, "thank you, this is hard", "AB-123456"},
			[]string{"AB-123456 never arrived"}, []string{bye, survey}},
		{"en_at_the_clarifying_question", []string{"AB-123456", "thanks, it's been so hard"},
			[]string{named, "which one is it?"}, []string{bye, survey}},
		{"fr_apres_une_pause", []string{"ma commande n'est pas arrivée", "je ne sais pas où est le numéro", "merci, c'est dur en ce moment"},
			[]string{"Prenez votre temps"}, []string{"Merci de nous avoir écrit", "Avant de partir"}},
		// A farewell is a goodbye.
		{"en_thanks_bye", []string{"my parcel never arrived", later, "thanks, this is hard, bye"},
			[]string{bye}, nil},
	})
}

// TestNumberSaidWithWhatWasLost plays a person who lost the e-mail,
// receipt or invoice but gives the number in the same message: "i lost
// the receipt, the order was AB-123456". Since unknown_words phrases hold
// a gap ("lost ... receipt"), the number was thrown away and the person
// told "Whenever you have it, just write it here", or the message left
// for the payment flow ("don't have ... invoice"). The number is taken,
// as before those phrases; one said with "I don't have it, only the
// invoice INV-204511" is still not (TestOrderNumberNotGuessedFromASentence).
func TestNumberSaidWithWhatWasLost(t *testing.T) {
	t.Parallel()
	const (
		later = "Whenever you have it"
		noted = "AB-123456 never arrived"
	)
	playTalks(t, []talk{
		{"en_lost_the_receipt", []string{"my parcel never arrived", "i lost the receipt, the order was AB-123456"},
			[]string{noted}, []string{later}},
		{"en_threw_it_away", []string{"my parcel never arrived", "I threw the box away, it's AB-123456"},
			[]string{noted}, []string{later}},
		{"en_no_invoice", []string{"my parcel never arrived", "I don't have the invoice but the order number is AB-123456"},
			[]string{noted}, []string{later, "payment"}},
		{"fr_perdu_la_facture", []string{"ma commande n'est pas arrivée", "j'ai perdu la facture mais c'est AB-123456"},
			[]string{"AB-123456"}, []string{"Dès que vous l'avez", "paiement"}},
		// Without the number, the help to find it follows at once.
		{"en_lost_the_email_alone", []string{"my parcel never arrived", "i lost the confirmation email"},
			[]string{later}, nil},
	})
}

// TestLostWhatHoldsTheNumber plays a person at a flow's question for a
// number who says they lost what holds it, naming a thing that another
// flow is about: "i lost the confirmation email" at the order number's
// question (the sign-in flow), "I lost the receipt" (the payment flow).
// Before, the router's guess from that word was followed: "I'm sorry you
// can't get into your account". The ask's help to find the number
// follows; a request said with it still leaves for its flow.
func TestLostWhatHoldsTheNumber(t *testing.T) {
	t.Parallel()
	const later = "Whenever you have it"
	playTalks(t, []talk{
		{"en_lost_the_email", []string{"my parcel never arrived", "i lost the confirmation email"},
			[]string{later}, []string{"account"}},
		{"en_lost_the_receipt", []string{"my parcel never arrived", "I lost the receipt"},
			[]string{later}, []string{"payment"}},
		{"fr_perdu_la_facture", []string{"ma commande n'est pas arrivée", "j'ai perdu la facture"},
			[]string{"Dès que vous l'avez"}, []string{"paiement"}},
		// A request said with it.
		{"en_then_cancel", []string{"my parcel never arrived", "I don't know, I want to cancel my order instead"},
			[]string{"cancellation"}, []string{later}},
	})
}

// TestNumberAtAQuestionForOwnWords plays a person told "whenever you have
// it, just write it here and we'll carry on" who then said they were
// stressed, and writes the number at the worries flow's "Tell me what is
// worrying you": it is no worry but what the order flow paused for.
// Before, it was taken for the worry ("Thank you for explaining. I've
// read what you wrote.") and the order flow never carried on. A longer
// message, and a number no flow paused for, are still the person's own
// words.
func TestNumberAtAQuestionForOwnWords(t *testing.T) {
	t.Parallel()
	const (
		later = "I dont know where the number is"
		read  = "I've read what you wrote"
	)
	playTalks(t, []talk{
		{"en_number_alone", []string{"my parcel never arrived", later, "this is all so stressful", "AB-123456"},
			[]string{"order AB-123456"}, []string{read}},
		{"fr_numero_seul", []string{"ma commande n'est pas arrivée", "je ne sais pas où est le numéro", "tout ça me stresse tellement", "AB-123456"},
			[]string{"AB-123456"}, []string{"J'ai bien lu ce que vous avez écrit"}},
		// Own words.
		{"en_long", []string{"my parcel never arrived", later, "this is all so stressful", "it was AB-123456 and it was a present for my mum who is very ill"},
			[]string{read}, nil},
		{"en_no_flow_paused", []string{"this is all so stressful", "AB-123456"},
			[]string{read}, nil},
	})
}
