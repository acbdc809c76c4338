package bot_test

import (
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/memstore"
)

// TestCheckInAnsweredWithANewProblem24: the order check-in ("has it
// arrived?", « est-elle arrivée ? ») answered with a yes and a new
// problem. Before, "it came yesterday but the lamp is broken" and « oui elle est arrivée mais elle est cassée » chose "Yes,
// it arrived": "Good. Thank you for telling me." / « Je suis content
// qu'elle soit arrivée », and the satisfaction question, the broken lamp
// never spoken of. Now the problem is heard, in the order flow, its
// number known. A plain yes still closes the matter.
func TestCheckInAnsweredWithANewProblem24(t *testing.T) {
	t.Parallel()
	const (
		glad    = "I'm glad it arrived"
		good    = "Good. Thank you for telling me"
		content = "Je suis content qu'elle soit arrivée"
		bien    = "Très bien. Merci de me le dire"
		numberQ = "What is your order number?"
		numeroQ = "Quel est votre numéro de commande ?"
	)
	en := []string{"hi my parcel AB-123456 is late", "not now", "4", "yes please"}
	fr := []string{"bonjour ma commande AB-123456 est en retard", "pas maintenant", "4", "oui volontiers"}
	for _, tt := range []struct {
		name, lang string
		before     []string
		answer     string
		want, not  []string
	}{
		{"en_came_but_broken", "en", en, "it came yesterday but the lamp is broken", []string{"damaged", "AB-123456"}, []string{glad, good, numberQ}},
		{"en_arrived_but_wrong", "en", en, "yes it arrived but it's the wrong item", []string{"wrong item", "AB-123456"}, []string{glad, good, numberQ}},
		{"fr_arrivee_mais_cassee", "fr", fr, "oui elle est arrivée mais elle est cassée", []string{"abîmée", "AB-123456"}, []string{content, bien, numeroQ}},
		{"fr_recu_mais_pas_le_bon", "fr", fr, "je l'ai reçue mais c'est pas le bon article", []string{"mauvais article", "AB-123456"}, []string{content, bien, numeroQ}},
		// Guards: good news alone, or with thanks, still closes it.
		{"en_came_thanks", "en", en, "it came yesterday, thanks", []string{glad}, nil},
		{"fr_recue_merci", "fr", fr, "je l'ai reçue merci", []string{content}, nil},
		{"en_came_but_thanks_anyway", "en", en, "it came, but thanks anyway", []string{glad}, nil},
		{"fr_arrivee_mais_merci_quand_meme", "fr", fr, "elle est arrivée, mais merci quand même", []string{content}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
			clock := func() time.Time { return now }
			fus := memstore.NewFollowUps()
			e := mustNew(t, bot.Config{Flows: bottest.MustFlows(t), Store: memstore.New(memstore.Config{TTL: 30 * 24 * time.Hour, Now: clock}),
				FollowUps: fus, Now: clock, Desk: &bottest.Desk{}})
			c := &chat{t: t, e: e, to: bot.Address{Platform: "telegram", Chat: tt.name, User: "1"}}
			for _, s := range tt.before {
				c.send(bot.Message{Text: s, Lang: tt.lang})
			}
			scheduled, _ := fus.List(t.Context(), 10)
			if len(scheduled) != 1 {
				t.Fatalf("scheduled %d check-ins, want 1; last replies:\n%s", len(scheduled), shown(c.last))
			}
			now = scheduled[0].Due
			if rs, _, err := e.CheckIn(t.Context(), scheduled[0]); err != nil || len(rs) == 0 {
				t.Fatalf("CheckIn = %q, %v", texts(rs), err)
			}
			got := shown(c.send(bot.Message{Text: tt.answer, Lang: tt.lang}))
			holds(t, []string{tt.answer}, got, tt.want, tt.not)
		})
	}
}
