package bot_test

import (
	"testing"
)

// TestLanguageAskedFor plays a person who asks to go on in another
// language ("can we speak French please?", « parlez-vous anglais ? », "I
// don't speak French"). Before, "can we speak in French please?" was read
// as a request for a person ("speak") and answered in English that nobody
// could come, « parlez-vous français ? » at "what is your order number?"
// got "that doesn't look like an order number", and "can you speak
// English?" at the French menu "Sorry, I didn't catch which one you meant".
// Now the conversation says, in the language asked for, that it goes on
// in it, asks its question again or shows the menu in it, keeps it for
// the messages that follow whatever they look like, and reads the rest of
// the message as a message of its own.
func TestLanguageAskedFor(t *testing.T) {
	t.Parallel()
	const (
		fr = "Bien sûr : continuons en français."
		en = "Of course: let's go on in English."
	)
	playTalks(t, []talk{
		{"en_asks_french", []string{"can we speak in French please?"},
			[]string{fr, "Que puis-je faire pour vous aujourd'hui ?"}, []string{"nobody from our team", "personne de notre équipe"}},
		{"fr_at_a_question", []string{"/order", "parlez-vous français ?"},
			[]string{fr, "Quel est votre numéro de commande ?"}, []string{"ne ressemble pas"}},
		{"fr_then_the_answer", []string{"/order", "parlez-vous français ?", "AB-123456"},
			[]string{"Que s'est-il passé avec la commande AB-123456 ?"}, nil},
		{"en_at_the_french_menu", []string{"bonjour", "can you speak English?"},
			[]string{en, "What can I help you with today?"}, []string{"didn't catch"}},
		{"en_not_french", []string{"bonjour", "sorry, I don't speak French"},
			[]string{en, "What can I help you with today?"}, []string{"didn't catch"}},
		{"fr_pas_anglais", []string{"je ne parle pas anglais"},
			[]string{fr}, nil},
		// The language stays, whatever the next message looks like.
		{"fr_kept", []string{"in French please", "my parcel is late"},
			[]string{"Je suis désolé que votre commande vous cause des soucis."}, []string{"I'm sorry your order"}},
		// The rest of the message is read on its own.
		{"en_with_a_need", []string{"parlez vous anglais ? my parcel is late"},
			[]string{en, "What is your order number?"}, nil},
		{"fr_a_person", []string{"can I talk to someone in French"},
			[]string{fr, "personne"}, []string{"nobody from our team"}},
		// Read as before.
		{"en_invoice_language", []string{"/billing", "1", "I need the invoice in French for my accountant"},
			nil, []string{fr}},
		{"en_denied_request_for_french", []string{"I speak French but write to me in English"},
			nil, []string{fr}},
	})
}
