package bot_test

import (
	"testing"
)

// TestCarryOnKept plays a person told "Whenever you have it, just write it
// here and we'll carry on" (a flow that ended because they could not find
// their order number) who then needs a moment, or whose number comes after
// a message carebot did not follow. Before, "hold on" there opened the
// account flow ("I'm sorry you can't get into your account"), « attendez
// je cherche » the worries flow, and a number written at the clarifying
// question that followed "its on the paper? hold on" got "I'm sorry, I'm
// not sure I understood" again: the promise to carry on was not kept. Now
// a wait is "Take your time", with no flow opened, and the number, written
// at the clarifying question or at a question of a flow opened meanwhile
// that does not ask for it, goes back to the flow that asked for it.
func TestCarryOnKept(t *testing.T) {
	t.Parallel()
	const (
		wait   = "Take your time: I'm here whenever you're ready."
		attend = "Prenez votre temps : je suis là quand vous voulez."
		later  = "I dont know where the number is"
		plus   = "je ne sais pas où est le numéro"
	)
	playTalks(t, []talk{
		{"en_hold_on", []string{"my parcel never arrived", later, "hold on"},
			[]string{wait}, []string{"account", "not sure I understood"}},
		{"en_ok_let_me_look", []string{"my parcel never arrived", later, "ok let me look"},
			[]string{wait}, []string{"not sure I understood"}},
		{"en_give_me_a_minute", []string{"my parcel never arrived", later, "give me a minute"},
			[]string{wait}, []string{"breath"}},
		{"fr_attendez_je_cherche", []string{"ma commande n'est pas arrivée", plus, "attendez je cherche"},
			[]string{attend}, []string{"inquiet", "pas sûr d'avoir compris"}},
		{"fr_une_seconde", []string{"ma commande n'est pas arrivée", plus, "une seconde svp"},
			[]string{attend}, []string{"Quel est votre numéro"}},
		{"en_then_the_number", []string{"my parcel never arrived", later, "hold on", "AB-123456"},
			[]string{"AB-123456 never arrived"}, []string{"didn't catch", "not sure I understood"}},
		{"en_number_at_the_clarifying_question", []string{"my parcel never arrived", later, "its on the paper? hold on", "AB-123456"},
			[]string{"AB-123456 never arrived"}, []string{"not sure I understood"}},
		{"fr_number_at_the_clarifying_question", []string{"ma commande n'est pas arrivée", plus, "c'est sur le papier ? attendez", "AB-123456"},
			[]string{"AB-123456"}, []string{"pas sûr d'avoir compris"}},
		// At the very start a wait opens nothing either.
		{"en_hold_on_first", []string{"hold on"},
			[]string{wait}, []string{"account"}},
		// Read as before: a request said with the wait, a feeling.
		{"en_wait_then_a_request", []string{"my parcel never arrived", later, "wait, I want to cancel my order instead"},
			nil, []string{wait}},
		{"en_wait_with_a_feeling", []string{"my parcel never arrived", later, "hold on, I'm so stressed, I can't find anything"},
			nil, []string{wait}},
	})
}

// TestCarryOnWhereItPaused plays a person who comes back with the number
// a flow paused for ("whenever you have it, just write it here and we'll
// carry on"). Before, the flow started over: "I'm sorry you can't get into
// your account. Let's get you back in safely." and its other opening words
// a second time, minutes after the first. Now it carries on where it
// paused: what it had said before the question is not said again; what
// follows is.
func TestCarryOnWhereItPaused(t *testing.T) {
	t.Parallel()
	playTalks(t, []talk{
		{"en_account", []string{"hi, I'm 79 and I can't log in to my account anymore", "I don't know", "my email is jeanne.dupont@example.com"},
			[]string{"Enter jeanne.dupont@example.com"}, []string{"I'm sorry you can't get into your account", "one step at a time"}},
		{"en_order", []string{"my parcel never arrived", "I dont know where the number is", "AB-123456"},
			[]string{"AB-123456 never arrived"}, []string{"I'm sorry your order is giving you trouble"}},
		{"fr_compte", []string{"bonjour, j'ai 79 ans et je n'arrive plus à me connecter à mon compte", "je ne sais pas", "mon adresse c'est jeanne.dupont@example.com"},
			[]string{"jeanne.dupont@example.com"}, []string{"Je suis désolé que vous ne puissiez pas accéder", "pas à pas"}},
		// A new matter still starts with its opening words.
		{"en_new_matter", []string{"my parcel never arrived", "I dont know where the number is", "I was charged twice"},
			[]string{"I'm sorry there's a problem with a payment"}, nil},
	})
}
