package bot_test

import "testing"

// TestFeelingOnlyIsHeard22c: a message that says only how the person feels,
// which the router places nowhere, is heard by the flow for feelings ("I'm
// here…"), not the fallback. "feeling really low, thats all" and « très
// triste, voilà » got "That sounds really hard… I'm sorry, I'm not sure I
// understood. Is it about one of these?": understood, and told they were
// not (play22c; the first was a goodbye to the router before the examples
// of 219bfeb, TestSorrowIsNoGoodbye20c). What nobody here serves still
// gets the fallback, a feeling named first.
func TestFeelingOnlyIsHeard22c(t *testing.T) {
	t.Parallel()
	const (
		here      = "I'm here"
		jesuisla  = "Je suis là"
		notSure   = "not sure I understood"
		pasSur    = "pas sûr d'avoir compris"
		understoo = "I'm not sure I understood"
	)
	playTalks(t, []talk{
		{name: "en_low_thats_all", turns: []string{"feeling really low, thats all"}, want: []string{here}, not: []string{notSure}},
		{name: "fr_triste_voila", turns: []string{"très triste, voilà"}, want: []string{jesuisla}, not: []string{pasSur}},
		// Guard: a feeling said with what nobody here serves.
		{name: "en_film", turns: []string{"feeling low, whats a good film to watch tonight"}, want: []string{understoo}},
	})
}
