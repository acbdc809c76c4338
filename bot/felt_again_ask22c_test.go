package bot_test

import "testing"

// TestFeelingAtAWrittenAnswer22c: a feeling said again at a question that
// asks for something written (the order number), once it was named ("I
// understand you're angry, and that's fair to say."), may not be named a
// second time, but it is not met with the bare question either, as if
// unread: "Take your time: I'm here whenever you're ready.", then the
// question, as at a question with buttons (feel20). Before, "i'm so
// angry, you people are useless" and « je suis vraiment en colère, vous
// êtes nuls » got "What is your order number?" alone (play22c).
func TestFeelingAtAWrittenAnswer22c(t *testing.T) {
	t.Parallel()
	const (
		take    = "Take your time"
		prenez  = "Prenez votre temps"
		angry   = "I understand you're angry"
		colere  = "Je comprends votre colère"
		orderQ  = "What is your order number?"
		numeroQ = "Quel est votre numéro de commande ?"
	)
	playTalks(t, []talk{
		{name: "en_angry_again", turns: []string{"this is ridiculous, my parcel is 2 weeks late, im furious", "i'm so angry, you people are useless"},
			want: []string{take, orderQ}, not: []string{angry}},
		{name: "fr_colere_encore", turns: []string{"c'est scandaleux, mon colis a 2 semaines de retard, je suis furieuse", "je suis vraiment en colère, vous êtes nuls"},
			want: []string{prenez, numeroQ}, not: []string{colere}},
	})
}
