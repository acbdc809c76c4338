package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot/memstore"
)

// TestWaitWhileThePersonLooks plays a person who needs a moment to find
// what a question asks ("ok thanks, let me look", "one moment", « attendez
// je cherche »), or says only "ok" to a question asking for a number.
// Before, "let me look" at "what is your order number?" got "that doesn't
// look quite like an order number" (and counted as a wrong try, so three of
// them gave up on the number), "ok thanks, let me look" the goodbye flow
// and its survey, and "wait" at a menu "sorry, I didn't catch which one
// you meant". Now: "take your time", the question waits, and the answer
// that follows is taken. A message saying more (a feeling, a number, a
// denied wait, a new request) is read as before.
func TestWaitWhileThePersonLooks(t *testing.T) {
	t.Parallel()
	const (
		wait   = "Take your time: I'm here whenever you're ready."
		attend = "Prenez votre temps : je suis là quand vous voulez."
	)
	tests := []struct {
		name  string
		turns []string
		want  []string // in the last turn's replies
		not   []string // nowhere in them
	}{
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			holds(t, tt.turns, shown(play(t, e, tt.name, tt.turns)), tt.want, tt.not)
		})
	}
}
