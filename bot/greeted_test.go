package bot_test

import (
	"testing"
)

// TestGreetingAtAQuestion plays "hello?" said at a question of a flow
// (often "are you there?") and the menu asked for in words. Before, the
// greeting left the flow for the welcome ("Hello, and welcome! I'm
// carebot…" in the middle of a conversation) and what the person had
// given was dropped; "take me back to the main menu" did the same. Now a
// greeting gets the question again, and the menu asked for in words is
// "menu": what was going on stops and the menu comes, without a greeting.
func TestGreetingAtAQuestion(t *testing.T) {
	t.Parallel()
	const welcome = "Hello, and welcome!"
	playTalks(t, []talk{
		{"en_hello_at_the_number", []string{"/order", "hello?"},
			[]string{"What is your order number?"}, []string{welcome, "doesn't look quite like"}},
		{"en_then_the_number", []string{"/order", "hi", "AB-123456"},
			[]string{"What happened with order AB-123456?"}, nil},
		{"en_hello_at_buttons", []string{"/order", "AB-123456", "hello"},
			[]string{"What happened with order AB-123456?"}, []string{welcome, "didn't catch"}},
		{"fr_bonjour", []string{"/commande", "bonjour ?"},
			[]string{"Quel est votre numéro de commande ?"}, []string{"Bonjour et bienvenue"}},
		{"en_menu_in_words", []string{"my order is late", "take me back to the main menu"},
			[]string{"All right, I've stopped that.", "What can I help you with today?"}, []string{welcome}},
		{"fr_menu_en_mots", []string{"/commande", "on reprend depuis le début"},
			[]string{"Que puis-je faire pour vous aujourd'hui ?"}, []string{"Bonjour et bienvenue"}},
		// Read as before.
		{"en_first_hello", []string{"hello"},
			[]string{welcome}, nil},
		{"en_hello_and_a_need", []string{"/account", "1", "hello, actually my parcel is late"},
			[]string{"order"}, []string{"What e-mail address"}},
	})
}
