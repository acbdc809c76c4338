package bot_test

import (
	"testing"
)

// TestAskedWithoutAMark22c: a question written without its question mark,
// as people often write (SMS, a screen reader's dictation), is still a
// question. Before, only "?" set a question aside: "has my parcel been
// damaged", then the order number, heard "You said it arrived damaged. I'm
// sorry it arrived damaged. I've noted it for order AB-123456", and « est
// ce que mon colis est perdu » « Vous m'avez dit qu'elle n'est jamais
// arrivée » (play22c), words put in their mouth and a matter noted that
// they only asked about. With the mark they were asked what happened, as
// they are now. Statements are still heard ("my order arrived damaged",
// "when I opened the box it was damaged").
func TestAskedWithoutAMark22c(t *testing.T) {
	t.Parallel()
	const (
		what  = "What happened with order AB-123456"
		said  = "You said"
		quoi  = "Que s'est-il passé avec la commande AB-123456"
		dit   = "Vous m'avez dit"
		dmg   = "You said it arrived damaged"
		never = "Vous m'avez dit qu'elle n'est jamais arrivée"
	)
	tests := []recallRow{
		{"en_has_it_been_damaged", "has my parcel been damaged", what, said},
		{"en_is_it_late", "hi, is my order late", what, said},
		{"en_wheres_it_never_arrived", "where's my order, has it never arrived", what, said},
		{"en_did_it_arrive_damaged", "did my order arrive damaged or something", what, said},
		{"fr_est_ce_que_perdu", "est ce que mon colis est perdu", quoi, dit},
		{"fr_est_elle_en_retard", "ma commande est-elle en retard", quoi, dit},
		{"fr_bonjour_a_t_elle", "bonjour, ma commande a-t-elle été abîmée", quoi, dit},
		// Guards: what they say is still heard, a question before it too.
		{"en_statement", "my order arrived damaged", dmg, what},
		{"en_when_i_opened", "when I opened the box it was damaged", dmg, what},
		{"en_had_my_parcel", "had my parcel arrive damaged yesterday", dmg, what},
		{"en_have_my_parcel", "have my parcel but it arrived damaged", dmg, what},
		{"en_question_then_statement", "is this the right place. my order never arrived", "You said it never arrived", what},
		{"fr_statement", "ma commande n'est jamais arrivée", never, quoi},
		{"fr_quand_je_l_ai_ouvert", "quand je l'ai ouvert, le colis était abîmé", "Vous m'avez dit qu'elle est arrivée abîmée", quoi},
	}
	recallRows(t, tests)
}

// TestQuestionAboutANotedMatterUnmarked22c: a question about a matter just
// noted, written without its mark in the French way (« c'est quand que je
// suis remboursé », « ma commande sera-t-elle annulée »), is a question
// about it, as "when will i get my refund" was (21c). Before, the refund
// flow started again: « Je peux enregistrer une demande… Quel est le numéro
// de commande ? ».
func TestQuestionAboutANotedMatterUnmarked22c(t *testing.T) {
	t.Parallel()
	playTalks(t, []talk{
		{name: "fr_c_est_quand", turns: rembourse("c'est quand que je suis remboursé"), want: []string{note}, not: []string{commandeQ}},
		{name: "fr_c_est_pour_quand", turns: rembourse("c'est pour quand le remboursement"), want: []string{note}, not: []string{commandeQ}},
		{name: "fr_sera_t_elle", turns: annule("ma commande sera-t-elle bien annulée"), want: []string{note}, not: []string{commandeQ}},
		{name: "en_has_it_been_refunded", turns: refund("has it been refunded yet"), want: []string{noted}, not: []string{orderQ}},
		{name: "en_hows_long", turns: refund("how long does that take"), want: []string{noted}, not: []string{orderQ}},
	})
}
