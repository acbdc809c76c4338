package bot_test

import (
	"testing"
)

// TestWaitWhileThePersonLooks plays a person who needs a moment to find
// what a question asks ("ok thanks, let me look", "one moment", « attendez
// je cherche »), or says only "ok" to a question asking for a number.
// Before, "let me look" at "what is your order number?" got "that doesn't
// look quite like an order number" (and counted as a wrong try, so three of
// them gave up on the number), "ok thanks, let me look" the goodbye flow
// and its survey, and "wait" at a menu "sorry, I didn't catch which one
// you meant". Now: "take your time", the question waits, and the answer
// that follows is taken. A thanks said meanwhile with no farewell ("thank
// you dear", « merci ma petite ») ended the flow with the goodbye and its
// survey; now "You're welcome." and the question waits. A message saying
// more (a feeling, a number, a denied wait, a farewell, a new request) is
// read as before.
func TestWaitWhileThePersonLooks(t *testing.T) {
	t.Parallel()
	const (
		wait   = "Take your time: I'm here whenever you're ready."
		attend = "Prenez votre temps : je suis là quand vous voulez."
	)
	playTalks(t, []talk{
		{"en_let_me_look", []string{"my order hasn't come", "let me look"},
			[]string{wait}, []string{"doesn't look quite like an order number", "What is your order number"}},
		{"en_ok_thanks_let_me_look", []string{"my order hasn't come", "ok thanks, let me look in my emails"},
			[]string{wait}, []string{"Thank you for writing to us", "Before you go"}},
		{"en_ok_at_a_number", []string{"/order", "ok"},
			[]string{wait}, []string{"doesn't look quite like"}},
		{"en_then_the_number", []string{"/order", "one moment", "AB-123456"},
			[]string{"What happened with order AB-123456?"}, []string{wait}},
		{"en_three_waits_are_no_wrong_tries", []string{"/order", "hold on", "still looking, bear with me", "one sec"},
			[]string{wait}, []string{"hard to find"}},
		{"en_email_question", []string{"/account", "1", "give me a minute"},
			[]string{wait}, []string{"What e-mail address"}},
		{"en_wait_at_buttons", []string{"/order", "AB-123456", "wait"},
			[]string{wait}, []string{"didn't catch"}},
		{"fr_attendez_je_cherche", []string{"ma commande n'est pas arrivée", "attendez je cherche"},
			[]string{attend}, []string{"ne ressemble pas tout à fait"}},
		{"fr_puis_le_numero", []string{"/commande", "un instant svp", "c'est AB-123456"},
			[]string{"commande AB-123456"}, []string{attend}},
		// A thanks with no farewell only thanks: the question waits.
		{"en_thank_you_dear", []string{"my order hasn't come", "thank you dear"},
			[]string{"You're welcome."}, []string{"Thank you for writing to us", "Before you go"}},
		{"en_thanks_then_the_number", []string{"my order hasn't come", "thank you dear", "AB-123456"},
			[]string{"What happened with order AB-123456?"}, nil},
		{"fr_merci_ma_petite", []string{"ma commande n'est pas arrivée", "attendez je cherche", "merci ma petite"},
			[]string{"Je vous en prie."}, []string{"Merci de nous avoir écrit", "Avant de partir"}},
		{"en_thanks_bye", []string{"my order hasn't come", "thanks, bye"},
			[]string{"Thank you for writing to us"}, []string{"You're welcome."}},
		{"fr_merci_bonne_journee", []string{"ma commande n'est pas arrivée", "merci, bonne journée"},
			[]string{"Merci de nous avoir écrit"}, []string{"Je vous en prie."}},
		{"fr_non_merci_is_no_thanks_only", []string{"/commande", "AB-123456", "2", "non merci, pas maintenant"},
			nil, []string{"Je vous en prie."}},
		// Read as before.
		{"en_cannot_wait", []string{"/order", "I can't wait any longer, this is ridiculous"},
			nil, []string{wait}},
		{"en_a_wrong_number", []string{"/order", "let me see... 12345"},
			[]string{"doesn't look quite like an order number"}, []string{wait}},
		{"en_a_feeling", []string{"/order", "hold on, I'm so stressed, I can't find anything"},
			nil, []string{wait}},
		{"en_ok_at_buttons_is_no_wait", []string{"/order", "AB-123456", "ok"},
			nil, []string{wait}},
		{"en_a_question", []string{"/order", "wait, what do you mean?"},
			nil, []string{wait}},
		{"en_dont_know", []string{"/order", "I don't know, let me look"},
			[]string{"hard to find"}, []string{wait}},
	})
}
