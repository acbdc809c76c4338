package bot_test

import (
	"testing"
)

// TestCannotSayInOtherWords plays a person who cannot give the number a
// flow asks for, said in words the phrase list did not hold word for word:
// "i dont have the invoice number", "I lost the invoice", « j'ai perdu la
// facture ». Before, each got "I couldn't read that as an order or invoice
// number… Could you check it?": asked again for what they had just said
// they do not have. Now unknown_words phrases may hold a gap ("don't have
// ... number") and the flow's on_fail follows at once. A number said with
// "don't" around it, and a sentence holding the number, are read as
// before.
func TestCannotSayInOtherWords(t *testing.T) {
	t.Parallel()
	const (
		check   = "Could you check it?"
		later   = "Whenever you have it, just write it here"
		verifie = "Pouvez-vous le vérifier"
	)
	playTalks(t, []talk{
		{"en_dont_have_the_invoice_number", []string{"I was charged twice", "i dont have the invoice number"},
			[]string{later}, []string{check}},
		{"en_do_not_have_my_invoice_number", []string{"I was charged twice", "I do not have my invoice number with me"},
			[]string{later}, []string{check}},
		{"en_lost_the_invoice", []string{"I was charged twice", "i lost the invoice"},
			[]string{later}, []string{check}},
		{"en_cant_find_my_order_number", []string{"my parcel never arrived", "cant find my order number anywhere"},
			[]string{"hard to find"}, []string{"doesn't look quite like"}},
		{"en_dont_have_the_email", []string{"my parcel never arrived", "i don't have the email anymore"},
			[]string{"hard to find"}, []string{"doesn't look quite like"}},
		{"fr_plus_le_mail", []string{"ma commande n'est pas arrivée", "j'ai plus le mail"},
			nil, []string{"ne ressemble pas tout à fait"}},
		{"fr_perdu_la_facture", []string{"on m'a prélevé deux fois", "j'ai perdu la facture"},
			nil, []string{verifie}},
		{"fr_pas_le_numero", []string{"ma commande n'est pas arrivée", "j'ai pas le bon numéro sous la main"},
			nil, []string{"ne ressemble pas tout à fait"}},
		// Read as before: the number itself.
		{"en_number_given", []string{"I was charged twice", "I don't have the email but the number is AB-123456"},
			nil, []string{check}},
	})
}
