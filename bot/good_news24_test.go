package bot_test

import "testing"

// TestGoodNewsFirstIsHeard24: a first message of pure joy about a
// delivery ("my parcel just arrived, thank you so much!", « mon colis
// vient d'arriver, merci beaucoup ! ») started the order flow and asked
// for the order number (English asked "which one is it?" between an
// order problem and a goodbye). Good news told with no problem under way
// is heard as resolved_words hear it at a question (TestResolved22): the
// good news acknowledged, nothing asked. A problem told with it ("it
// arrived broken"), one not gone ("still hasn't arrived") and a question
// ("has my parcel arrived?") go to the order flow as before.
func TestGoodNewsFirstIsHeard24(t *testing.T) {
	t.Parallel()
	const (
		good     = "That's good news, I'm glad it's sorted."
		goodFR   = "Tant mieux, je suis ravi que ce soit réglé."
		orderQ   = "What is your order number?"
		orderQFR = "Quel est votre numéro de commande ?"
		which    = "which one is it?"
	)
	playTalks(t, []talk{
		{name: "en_parcel_arrived", turns: []string{"my parcel just arrived, thank you so much!"}, want: []string{good}, not: []string{orderQ, which}},
		{name: "en_refund_came", turns: []string{"the refund came through, thanks a lot"}, want: []string{good}, not: []string{orderQ, which}},
		{name: "en_after_hello", turns: []string{"hello", "great news, it arrived!"}, want: []string{good}, not: []string{orderQ, which}},
		{name: "fr_colis_arrive", turns: []string{"mon colis vient d'arriver, merci beaucoup !"}, want: []string{goodFR}, not: []string{orderQFR}},
		{name: "fr_apres_bonjour", turns: []string{"bonjour", "super, je l'ai reçu, merci mille fois"}, want: []string{goodFR}, not: []string{orderQFR}},
		// Look-alikes: a problem is still one.
		{name: "en_arrived_broken", turns: []string{"my parcel just arrived, it's broken"}, want: []string{orderQ}, not: []string{good}},
		{name: "en_still_not", turns: []string{"my parcel still hasn't arrived, thanks"}, want: []string{orderQ}, not: []string{good}},
		{name: "en_question", turns: []string{"has my parcel arrived?"}, not: []string{good}},
		{name: "fr_abime", turns: []string{"mon colis vient d'arriver, il est abîmé"}, want: []string{orderQFR}, not: []string{goodFR}},
	})
}
