package bot_test

import (
	"testing"
)

// TestWaitAsAVerb plays "wait" and « attends » used as verbs of a
// sentence at the order-number question, most often to complain that the
// person is the one kept waiting (« j'attends toujours mon colis », "you
// always make me wait", "I had to wait so long"): the one-word wait_words
// phrases matched anywhere in a short message, and the person was told
// "Take your time: I'm here whenever you're ready." A one-word wait
// phrase is an interjection: it begins its clause, or follows only okay
// words ("ok wait"). 4 of the 8 rows failed before.
func TestWaitAsAVerb(t *testing.T) {
	t.Parallel()
	const (
		wait   = "Take your time"
		attend = "Prenez votre temps"
	)
	playTalks(t, []talk{
		{"fr_j_attends_toujours", []string{"ma commande n'est pas arrivée", "j'attends toujours mon colis"}, nil, []string{attend}},
		{"en_make_me_wait", []string{"/order", "you always make me wait"}, nil, []string{wait}},
		{"en_had_to_wait", []string{"/order", "I had to wait so long"}, nil, []string{wait}},
		{"en_stop_making_me_wait", []string{"/order", "stop making me wait"}, nil, []string{wait}},
		// Still a moment asked for.
		{"en_wait", []string{"/order", "wait"}, []string{wait}, nil},
		{"en_ok_wait", []string{"/order", "ok wait"}, []string{wait}, nil},
		{"en_hmm_wait_comma", []string{"/order", "hmm, wait"}, []string{wait}, nil},
		{"fr_attends_je_cherche", []string{"ma commande n'est pas arrivée", "attends je cherche"}, []string{attend}, nil},
	})
}
