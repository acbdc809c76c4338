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
// orderCheckInEn and orderCheckInFr end the order flow with a check-in
// agreed to ("May I message you here in three days…?").
var (
	orderCheckInEn = []string{"hi my parcel AB-123456 is late", "not now", "4", "yes please"}
	orderCheckInFr = []string{"bonjour ma commande AB-123456 est en retard", "pas maintenant", "4", "oui volontiers"}
	peerCheckInEn  = []string{"/peer", "a customer screamed at me for ten minutes", "That's all for now", "4", "yes please"}
	peerCheckInFr  = []string{"/peer", "un client m'a hurlé dessus pendant 10 minutes", "C'est tout pour le moment", "4", "oui"}
)

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
	en, fr := orderCheckInEn, orderCheckInFr
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
		// A colleague's check-in ("How are you since yesterday?"): "a bit
		// better but my manager still blames me for it" got "Good. Take
		// care of yourself." and the survey.
		{"en_peer_better_but", "en", peerCheckInEn, "a bit better but my manager still blames me for it", []string{"put it into words"}, []string{"Take care of yourself"}},
		{"fr_peer_mieux_mais", "fr", peerCheckInFr, "un peu mieux mais mon chef me met encore la pression", []string{"mettre des mots"}, []string{"Prenez soin de vous"}},
		// « Pas terrible » at a colleague's check-in: « Vous n'avez pas à
		// porter cela seul » (« Vous n'êtes pas seul » in simple words)
		// assumed a man; the words say it for everyone now.
		{"fr_peer_pas_terrible", "fr", peerCheckInFr, "pas terrible", []string{"sans soutien"}, []string{" seul"}},
		{"fr_peer_pas_terrible_simple", "fr", peerCheckInFr, "pas terrible, je suis épuisée et triste", []string{"sans soutien"}, []string{" seul"}},
		// Guards: good news alone, or with thanks, still closes it.
		{"en_came_thanks", "en", en, "it came yesterday, thanks", []string{glad}, nil},
		{"fr_recue_merci", "fr", fr, "je l'ai reçue merci", []string{content}, nil},
		{"en_came_but_thanks_anyway", "en", en, "it came, but thanks anyway", []string{glad}, nil},
		{"en_came_but_thanks_for_asking", "en", en, "it came, but thanks anyway for asking", []string{glad}, nil},
		{"fr_arrivee_mais_merci_quand_meme", "fr", fr, "elle est arrivée, mais merci quand même", []string{content}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := afterCheckIn(t, tt.lang, tt.before, tt.answer)
			holds(t, []string{tt.answer}, got, tt.want, tt.not)
		})
	}
}

// staffOnSlack says who writes: an employee on Slack, else a customer.
func staffOnSlack(a bot.Address) string {
	if a.Platform == "slack" {
		return "employee"
	}
	return "customer"
}

// afterCheckIn plays before in a conversation of its own, which must
// leave a check-in scheduled, sends the check-in when due, and returns
// what answer, written to it, gets.
func afterCheckIn(t *testing.T, lang string, before []string, answer string) string {
	t.Helper()
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	fus := memstore.NewFollowUps()
	e := mustNew(t, bot.Config{Flows: bottest.MustFlows(t), Store: memstore.New(memstore.Config{TTL: 30 * 24 * time.Hour, Now: clock}),
		FollowUps: fus, Now: clock, Desk: &bottest.Desk{}, Audience: staffOnSlack})
	platform := "telegram"
	if before[0] == "/peer" {
		platform = "slack" // a colleague, on the staff Slack
	}
	c := &chat{t: t, e: e, to: bot.Address{Platform: platform, Chat: t.Name(), User: "1"}}
	for _, s := range before {
		c.send(bot.Message{Text: s, Lang: lang})
	}
	scheduled, _ := fus.List(t.Context(), 10)
	if len(scheduled) != 1 {
		t.Fatalf("scheduled %d check-ins, want 1; last replies:\n%s", len(scheduled), shown(c.last))
	}
	now = scheduled[0].Due
	if rs, _, err := e.CheckIn(t.Context(), scheduled[0]); err != nil || len(rs) == 0 {
		t.Fatalf("CheckIn = %q, %v", texts(rs), err)
	}
	return shown(c.send(bot.Message{Text: answer, Lang: lang}))
}

// TestCheckInAnsweredWithAYesAndMore24: the order check-in answered with
// a yes or a no and a few words more, or with a lone "?". Before, "yes
// finally" and « oui enfin » got "I'm not sure I understood" and the
// menu, the check-in dropped; « oui mais en retard de 2 semaines » the
// order flow from its start, its number asked again; "??" and « ? » the
// menu. Now the yes or no that opens the message answers the check-in
// (the words after a contrast are heard as in
// TestCheckInAnsweredWithANewProblem24), and a lone question mark gets
// the check-in again.
func TestCheckInAnsweredWithAYesAndMore24(t *testing.T) {
	t.Parallel()
	const (
		glad    = "I'm glad it arrived"
		content = "Je suis content qu'elle soit arrivée"
		sorry   = "I'm sorry it still hasn't come"
		desole  = "Je suis désolé qu'elle ne soit toujours pas arrivée"
		checkIn = "has it arrived?"
		checkFr = "est-elle arrivée ?"
		notSure = "not sure I understood"
		pasSur  = "pas sûr d'avoir compris"
		numberQ = "What is your order number?"
		numeroQ = "Quel est votre numéro de commande ?"
	)
	for _, tt := range []struct {
		name, lang, answer string
		want, not          []string
	}{
		{"en_yes_finally", "en", "yes finally", []string{glad}, []string{notSure}},
		{"fr_oui_enfin", "fr", "oui enfin", []string{content}, []string{pasSur}},
		{"en_nope_sadly", "en", "nope sadly", []string{"I've noted that order AB-123456 is late"}, []string{notSure}},
		{"fr_non_helas", "fr", "non hélas", []string{"J'ai noté que la commande AB-123456 est en retard"}, []string{pasSur}},
		{"fr_oui_mais_en_retard", "fr", "oui mais en retard de 2 semaines", []string{"AB-123456"}, []string{numeroQ, pasSur}},
		{"en_question_marks", "en", "??", []string{checkIn}, []string{notSure}},
		{"fr_question_mark", "fr", "?", []string{checkFr}, []string{pasSur}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			before := orderCheckInEn
			if tt.lang == "fr" {
				before = orderCheckInFr
			}
			holds(t, []string{tt.answer}, afterCheckIn(t, tt.lang, before, tt.answer), tt.want, append(tt.not, numberQ))
		})
	}
}
