package bot_test

import (
	"testing"
)

// TestLanguageOfAThing plays a person who asks for a thing in a language
// ("could I get my invoice in French please?", "can you send the invoice
// to me in French"): "in french please" and "to me in french" are
// language_words phrases, so the conversation went on in French with one
// who writes English and asked only for a French invoice. A phrase that
// follows what the person needs in its sentence says the language of
// that thing, not of the conversation; one before it, or in a sentence
// of its own, asks for the conversation as before. 3 of the 6 rows failed
// before.
func TestLanguageOfAThing(t *testing.T) {
	t.Parallel()
	const (
		fr = "Bien sûr : continuons en français."
		en = "Of course: let's go on in English."
	)
	playTalks(t, []talk{
		{"en_invoice_in_french_please", []string{"Could I get my invoice in French please?"},
			[]string{"problem with a payment"}, []string{fr, "problème de paiement"}},
		{"en_invoice_to_me_in_french", []string{"/billing", "1", "can you send the invoice to me in French"},
			nil, []string{fr, "Pouvez-vous"}},
		{"fr_facture_en_anglais_svp", []string{"je voudrais ma facture en anglais svp"},
			[]string{"problème de paiement"}, []string{en, "problem with a payment"}},
		// Asked for the conversation, as before ("je voudrais" alone is
		// cancel_refund for the router).
		{"en_je_voudrais_continuer", []string{"bonjour, je voudrais continuer en anglais"},
			[]string{en, "What can I help you with today?"}, nil},
		{"fr_then_the_need", []string{"in French please, my invoice is wrong"},
			[]string{fr, "problème de paiement"}, nil},
		{"fr_speak_about_order", []string{"can we speak in French about my order?"},
			[]string{fr}, nil},
	})
}
