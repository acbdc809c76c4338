package bot_test

import (
	"strconv"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestRealThanksIsNoSarcasm25c: thanks for a problem that was put right
// ("thank you so much, my order was lost but your colleague found it",
// « merci mille fois. le colis perdu a été retrouvé ») were read as
// sarcasm (be35540: thanks said alone, then a word of what went wrong)
// and heard "I understand you're angry, and that's fair to say." and the
// order's questions. The good news told after the harm ends the story
// well; a harm told after it ("it arrived broken") or good news denied
// ("still hasn't arrived", « toujours pas arrivée ») stays sarcasm.
func TestRealThanksIsNoSarcasm25c(t *testing.T) {
	t.Parallel()
	const angry, colere = "I understand you're angry", "Je comprends votre colère"
	playTalks(t, []talk{
		{name: "en_lost_found", turns: []string{"thank you so much, my order was lost but your colleague found it"}, not: []string{angry}},
		{name: "en_charged_fixed", turns: []string{"thank you so much. I was charged twice and you fixed it, you're a star"}, not: []string{angry}},
		{name: "en_broken_came_through", turns: []string{"thank you, the refund for the broken lamp came through"}, not: []string{angry}},
		{name: "en_damaged_replaced", turns: []string{"thanks, the replacement for the damaged one arrived today"}, not: []string{angry}},
		{name: "fr_perdu_retrouve", turns: []string{"merci mille fois. le colis perdu a été retrouvé"}, not: []string{colere}},
		{name: "fr_retard_arrivee", turns: []string{"merci beaucoup, ma commande était en retard mais elle est arrivée"}, not: []string{colere}},
		{name: "fr_preleve_rembourse", turns: []string{"merci beaucoup, j'avais été prélevée deux fois, c'est remboursé"}, not: []string{colere}},
		// Guards: a harm told last, or good news denied, is sarcasm still.
		{name: "en_arrived_broken", turns: []string{"thanks a lot, my order arrived broken"}, want: []string{angry}},
		{name: "en_still_not_arrived", turns: []string{"thanks a lot, my parcel is late and still hasn't arrived"}, want: []string{angry}},
		{name: "fr_toujours_pas_arrivee", turns: []string{"merci beaucoup, ma commande est en retard et toujours pas arrivée"}, want: []string{colere}},
		{name: "fr_arrivee_cassee", turns: []string{"merci beaucoup, ma commande est arrivée cassée"}, want: []string{colere}},
	})
}

// TestWaitComplainedOfKeepsPriority25c: impatience with the wait itself,
// said while a person is awaited ("ugh I'm so sick of waiting", « cette
// attente me tue », « j'en peux plus d'attendre »), raised the hand-off
// to high priority (50819e3 reads any distress as at risk): everyone who
// complained of the wait went before the older tickets of those who
// waited quietly. Distress about anything else, and being at risk, still
// raise it.
func TestWaitComplainedOfKeepsPriority25c(t *testing.T) {
	t.Parallel()
	en, fr := []string{"my parcel is late, AB-343434", "yes please"}, []string{"mon colis est en retard, AB-343434", "oui svp"}
	for _, tc := range []struct {
		name  string
		turns []string
		want  bot.Priority
	}{
		{"en_sick_of_waiting", append(en, "ugh I'm so sick of waiting"), bot.PriorityNormal},
		{"en_losing_my_mind_how_long", append(en, "i'm losing my mind, how long does this take"), bot.PriorityNormal},
		{"en_sick_of_waiting_then_ok", append(en, "ugh I'm so sick of waiting", "ok"), bot.PriorityNormal},
		{"fr_attente_me_tue", append(fr, "cette attente me tue"), bot.PriorityNormal},
		{"fr_peux_plus_attendre", append(fr, "j'en peux plus d'attendre"), bot.PriorityNormal},
		// Guards: distress about one's life, and being at risk, raise it.
		{"en_cannot_cope", append(en, "i can't cope with all this anymore, everything is falling apart"), bot.PriorityHigh},
		{"en_wait_then_cannot_cope", append(en, "ugh I'm so sick of waiting", "i can't cope with all this anymore, everything is falling apart"), bot.PriorityHigh},
		{"fr_senior", append(fr, "au fait j'ai 85 ans et je suis seule, soyez patients avec moi svp"), bot.PriorityHigh},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := &prioDesk{}
			e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) { c.Desk = d })
			a := bot.Address{Platform: "test", Chat: tc.name, User: "u"}
			for i, m := range tc.turns {
				say(t, e, a, strconv.Itoa(i+1), m)
			}
			d.mu.Lock()
			defer d.mu.Unlock()
			if len(d.got) == 0 || d.got[len(d.got)-1] != tc.want {
				t.Errorf("%q: relayed at %v, want the last at %v", tc.turns, d.got, tc.want)
			}
		})
	}
}
