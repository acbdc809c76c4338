package bot_test

import (
	"testing"
)

// TestButtonsTrouble plays a person who cannot use the buttons: "I'm
// blind and use a screen reader, the buttons don't work for me", « je
// n'arrive pas à appuyer sur les boutons ». Before, the router's guess was
// followed (the account flow: "I'm sorry you can't get into your
// account") or the question said "tap one of the buttons" again. Now
// buttons_help says an answer may be written, the question (or the menu)
// comes again, and a written answer is taken. A website's button, and
// buttons said of something else, are read as before.
func TestButtonsTrouble(t *testing.T) {
	t.Parallel()
	const (
		help  = "You can also write your answer instead of tapping a button"
		aide  = "Vous pouvez aussi écrire votre réponse au lieu d'appuyer sur un bouton"
		login = "I'm sorry you can't get into your account"
	)
	playTalks(t, []talk{
		{"en_screen_reader", []string{"I'm blind and use a screen reader, the buttons don't work for me"},
			[]string{help, "Thank you for telling me", "Talk to a person"}, []string{login}},
		{"en_at_a_question", []string{"/order", "AB-123456", "I can't press any of the buttons"},
			[]string{help, "What happened with order AB-123456?"}, []string{"didn't catch"}},
		// A screen reader named with a need (play22c): the need, and
		// first that answers may be written. Before, only the need.
		{"en_screen_reader_refund", []string{"im blind and use a screen reader, your buttons dont work for me. my refund for AB-123456 never came"},
			[]string{help, "I can record a cancellation or a refund request"}, nil},
		{"en_voiceover_order", []string{"I use VoiceOver and can't tap your buttons, my parcel never came"},
			[]string{help, "I'm sorry your order is giving you trouble"}, nil},
		{"fr_lecteur_remboursement", []string{"je suis aveugle, j'utilise un lecteur d'écran et vos boutons ne marchent pas. mon remboursement pour AB-123456 est jamais arrivé"},
			[]string{aide, "Je peux enregistrer une demande d'annulation ou de remboursement"}, nil},
		{"en_then_written", []string{"/order", "AB-123456", "the buttons are not working", "it never came"},
			[]string{"AB-123456 never arrived"}, nil},
		{"fr_appuyer", []string{"/commande", "AB-123456", "je n'arrive pas à appuyer sur les boutons"},
			[]string{aide, "Que s'est-il passé avec la commande AB-123456"}, []string{"pas compris votre choix"}},
		{"fr_lecteur", []string{"bonjour j'utilise un lecteur d'écran"},
			[]string{aide}, nil},
		// Read as before.
		{"en_website_button", []string{"the pay button on your website doesn't work"},
			nil, []string{help}},
		// A thing bought whose buttons fail is a complaint (review18b).
		{"en_headphones_buttons", []string{"the headphones I ordered arrived but the buttons don't work"},
			nil, []string{help}},
		{"en_keyboard_refund", []string{"my new keyboard came today and the buttons are not working, I want a refund"},
			[]string{"refund"}, []string{help}},
		{"en_screen_reader_bought", []string{"I ordered a screen reader and it never arrived"},
			nil, []string{help}},
		{"fr_telecommande", []string{"les boutons ne marchent pas sur la télécommande que j'ai reçue"},
			nil, []string{aide}},
		{"en_shirt_buttons", []string{"/order", "AB-123456", "the buttons on the shirt fell off"},
			nil, []string{help}},
	})
}
