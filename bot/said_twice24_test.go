package bot_test

import "testing"

// TestSameMessageTwice24: the same message sent twice in a row (a double
// tap, a resend on a slow network) is no answer to the question the
// first one led to. Before, "my parcel hasnt arrived" twice got "That
// doesn't look quite like an order number", and "AB-123456" twice "Sorry,
// I didn't catch which one you meant" at "What happened with order
// AB-123456?", each a miss (two bring "I'm not understanding you well"),
// in French the same. Now the person hears "You've already told me that,
// thank you." and the question again, with no miss.
func TestSameMessageTwice24(t *testing.T) {
	t.Parallel()
	const (
		already  = "You've already told me that, thank you."
		deja     = "Vous me l'avez déjà dit, merci."
		orderQ   = "What is your order number?"
		numeroQ  = "Quel est votre numéro de commande ?"
		whatQ    = "What happened with order AB-123456?"
		quoiQ    = "Que s'est-il passé avec la commande AB-123456 ?"
		notOrder = "doesn't look quite like an order number"
		pasNum   = "ne ressemble pas tout à fait à un numéro de commande"
		pickOne  = "Sorry, I didn't catch which one you meant"
		pardon   = "Pardon, je n'ai pas compris votre choix"
	)
	playTalks(t, []talk{
		{name: "en_start_twice", turns: []string{"my parcel hasnt arrived", "my parcel hasnt arrived"}, want: []string{already, orderQ}, not: []string{notOrder}},
		{name: "en_number_twice", turns: []string{"my parcel hasnt arrived", "AB-123456", "AB-123456"}, want: []string{already, whatQ}, not: []string{pickOne}},
		{name: "fr_start_twice", turns: []string{"mon colis est pas arrivé", "mon colis est pas arrivé"}, want: []string{deja, numeroQ}, not: []string{pasNum}},
		{name: "fr_number_twice", turns: []string{"mon colis est pas arrivé", "AB-123456", "AB-123456"}, want: []string{deja, quoiQ}, not: []string{pardon}},
		// Guards: a message that answers the question is its answer, and
		// a different wrong answer is still told so.
		{name: "en_then_answer", turns: []string{"my parcel hasnt arrived", "AB-123456", "it's late"}, want: []string{"is late"}, not: []string{already}},
		{name: "en_other_miss", turns: []string{"my parcel hasnt arrived", "AB-12"}, want: []string{notOrder}, not: []string{already}},
	})
}
