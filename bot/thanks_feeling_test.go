package bot_test

import (
	"testing"
)

// TestThanksWithAFeeling plays "thank you, this is hard" said at a
// question: a thanks with a feeling and no farewell. Before, it was taken
// for a goodbye (a thanks with no feeling heard got "You're welcome.",
// one with a feeling went to the goodbye flow): "Thank you for writing to
// us… Before you go: how well did we look after you?" to a person closing
// their late father's account. Now the feeling is named if it was not
// just named, else "Take your time", and the question waits; a thanks
// with a farewell still says goodbye.
func TestThanksWithAFeeling(t *testing.T) {
	t.Parallel()
	const (
		bye  = "Thank you for writing to us"
		wait = "Take your time: I'm here whenever you're ready."
	)
	playTalks(t, []talk{
		{"en_after_a_loss", []string{"my dad passed away last week and I need to close his account", "thank you, this is hard"},
			[]string{wait}, []string{bye, "Before you go"}},
		{"en_then_the_answer", []string{"my dad passed away last week and I need to close his account", "thank you, this is hard", "end the subscription"},
			[]string{"e-mail address"}, []string{bye}},
		{"en_feeling_named", []string{"I need to cancel my order", "thanks, honestly this is so hard"},
			[]string{"I'm sorry you're going through it", "What is the order number?"}, []string{bye, "Before you go"}},
		{"fr_merci_c_est_dur", []string{"je dois annuler ma commande", "merci, c'est dur en ce moment"},
			[]string{"numéro de commande"}, []string{"Merci de nous avoir écrit", "Avant de partir"}},
		{"en_thanks_bye_still_goodbye", []string{"I need to cancel my order", "thanks, this is hard, bye"},
			[]string{bye}, nil},
	})
}
