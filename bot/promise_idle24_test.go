package bot_test

import "testing"

// TestPromisePushedWhenIdle24: "just tell me yes", « dites-moi juste oui »
// written when no question waits (after a goodbye and its score) got "I'm
// sorry, I'm not sure I understood" and the menu, the push unanswered.
// Now it hears that carebot cannot promise (cannot_promise), then the
// menu. A push that names a need ("promise me I'll get a refund") still
// starts its flow, which says what it cannot promise.
func TestPromisePushedWhenIdle24(t *testing.T) {
	t.Parallel()
	const (
		cannot  = "I can't promise that"
		cannotF = "Je ne peux pas vous le promettre"
		notSure = "not sure I understood"
		pasSur  = "pas sûr d'avoir compris"
	)
	playTalks(t, []talk{
		{name: "en_just_tell_me_yes", turns: []string{"/bye", "5", "just tell me yes"}, want: []string{cannot, "What can I help you with today?"}, not: []string{notSure}},
		{name: "fr_dites_moi_juste_oui", turns: []string{"merci au revoir", "5", "dites moi juste oui"}, want: []string{cannotF, "Que puis-je faire pour vous aujourd'hui ?"}, not: []string{pasSur}},
		{name: "en_promise_refund_starts_it", turns: []string{"/bye", "5", "promise me ill get a refund"}, want: []string{"refund request"}, not: []string{cannot}},
	})
}
