package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/memstore"
)

// TestQuestionAboutANotedMatter21c: a question about a request the bot
// has just noted, when nobody from the team could take it ("will i get my
// money back?" right after "Thank you, I've noted your refund request for
// order AB-123456… nobody from our team can join"). Before, it started the
// refund flow again: "I can record a cancellation or a refund request…
// What is the order number?". Now it hears what was noted and that no
// person has decided anything yet, with no promise of a refund or a date.
// A new request (another order, "also" the subscription), a matter not sent ("Not now"), and a
// desk that took the request are answered as before.
func TestQuestionAboutANotedMatter21c(t *testing.T) {
	t.Parallel()
	type row struct {
		name      string
		turns     []string
		desk      bool
		want, not []string
	}
	rows := []row{
		{"en_money_back", refund("will i get my money back?"), false, []string{noted}, []string{orderQ}},
		{"en_when_refund", refund("when will i get my refund"), false, []string{noted}, []string{orderQ}},
		{"en_so_refunded", refund("so am i going to be refunded?"), false, []string{noted}, []string{orderQ}},
		{"en_cancelled", cancel("is it cancelled now?"), false, []string{noted}, []string{orderQ}},
		{"fr_rembourse", rembourse("est-ce que je vais être remboursé ?"), false, []string{note}, []string{commandeQ}},
		{"fr_quand", rembourse("quand vais-je récupérer mon argent ?"), false, []string{note}, []string{commandeQ}},
		{"fr_annulee", annule("est-ce que la commande est annulée ?"), false, []string{note}, []string{commandeQ}},
		// Guards: another order is a new request; a request not sent was
		// never noted; a request a person took is theirs to answer.
		{"en_other_order", refund("can i get a refund for CD-654321 too?"), false, nil, []string{noted}},
		{"fr_autre_commande", rembourse("je veux aussi un remboursement pour CD-654321"), false, nil, []string{note}},
		{"en_also_subscription", refund("can i also cancel my subscription?"), false, nil, []string{noted}},
		{"fr_autre_commande_sans_numero", rembourse("et pour une autre commande, je peux être remboursé ?"), false, nil, []string{note}},
		// A new request asked as a question, with no reference and no
		// "also", is no question about what was noted (they got "What you
		// told me about this is noted here…").
		{"en_can_cancel_subscription", refund("can I cancel my subscription?"), false, nil, []string{noted}},
		{"en_how_cancel_membership", refund("how do I cancel my membership?"), false, nil, []string{noted}},
		{"en_different_order", refund("can i get a refund for a different order?"), false, nil, []string{noted}},
		{"en_new_order", refund("what about my new order?"), false, nil, []string{noted}},
		{"fr_comment_annuler", rembourse("comment j'annule mon abonnement ?"), false, nil, []string{note}},
		{"fr_pourrai_annuler", rembourse("pourrai-je annuler mon abonnement ?"), false, nil, []string{note}},
		{"fr_nouvelle_commande", rembourse("et ma nouvelle commande ?"), false, nil, []string{note}},
		// Whether a thing can be done asks to do it, as "can I" does (they
		// got "What you told me about this is noted here…", review22).
		{"en_possible_to_cancel", refund("is it possible to cancel my subscription?"), false, nil, []string{noted}},
		{"en_would_it_be_possible", refund("would it be possible to cancel my subscription?"), false, nil, []string{noted}},
		{"en_is_there_a_way", refund("is there a way to cancel my subscription?"), false, nil, []string{noted}},
		{"fr_est_il_possible", rembourse("est-il possible d'annuler mon abonnement ?"), false, nil, []string{note}},
		{"fr_c_est_possible", rembourse("c'est possible d'annuler mon abonnement ?"), false, nil, []string{note}},
		{"fr_un_moyen", rembourse("y a-t-il un moyen d'annuler mon abonnement ?"), false, nil, []string{note}},
		// Guards: "as soon as possible", « au plus vite » ask when.
		{"en_asap", refund("will i get my money back as soon as possible?"), false, []string{noted}, []string{orderQ}},
		{"fr_des_que_possible", rembourse("est-ce que je serai remboursé dès que possible ?"), false, []string{note}, []string{commandeQ}},
		// Still questions about it: how long, what happens now.
		{"en_how_long", refund("how long will it take?"), false, []string{noted}, []string{orderQ}},
		{"en_what_happens", refund("what happens now?"), false, []string{noted}, []string{orderQ}},
		{"fr_combien_de_temps", rembourse("combien de temps ça va prendre ?"), false, []string{note}, []string{commandeQ}},
		// The French of "what happens now?", "and now?" (review22): « et
		// maintenant ? » opened the worries flow, « alors il se passe quoi »
		// the payment flow, « il se passe quoi maintenant » got "not sure
		// I understood", and « je récupère mon argent quand » the refund
		// flow again, where their English heard what was noted.
		{"fr_et_maintenant", rembourse("et maintenant ?"), false, []string{note}, []string{"inquiète"}},
		{"fr_il_se_passe_quoi", rembourse("il se passe quoi maintenant"), false, []string{note}, []string{"pas sûr"}},
		{"fr_alors_il_se_passe_quoi", rembourse("alors il se passe quoi"), false, []string{note}, []string{"paiement"}},
		{"fr_qu_est_ce_qui_se_passe", rembourse("qu'est-ce qui se passe maintenant"), false, []string{note}, []string{commandeQ}},
		{"fr_argent_quand", rembourse("je récupère mon argent quand"), false, []string{note}, []string{commandeQ}},
		{"en_now_what", refund("now what"), false, []string{noted}, []string{orderQ}},
		{"en_and_now", refund("and now?"), false, []string{noted}, []string{orderQ}},
		{"en_money_when", refund("i get my money back when"), false, []string{noted}, []string{orderQ}},
		// A feeling said with the question is named first, as when the
		// flow started (review22: only the noted answer was said).
		{"en_worried", refund("I'm so worried, will I get my money back?"), false, []string{"I can hear this is worrying you", noted}, []string{orderQ}},
		{"en_furious", refund("i'm furious, when will i get my refund??"), false, []string{"I understand you're angry", noted}, []string{orderQ}},
		{"fr_inquiete", rembourse("je suis tellement inquiète, est-ce que je vais être remboursée ?"), false, []string{"Je comprends que cela vous inquiète", note}, []string{commandeQ}},
		{"en_person_nobody", []string{"hi", "6", "will anyone reply to me?"}, false, nil, []string{noted}},
		{"en_desk", refund("will i get my money back?"), true, nil, []string{noted, orderQ}},
		{"fr_desk", rembourse("est-ce que je vais être remboursé ?"), true, nil, []string{note, commandeQ}},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) {
				if r.desk {
					c.Desk = &bottest.Desk{}
				}
			})
			holds(t, r.turns, shown(play(t, e, r.name, r.turns)), r.want, r.not)
		})
	}
}

// What a question about a matter just noted hears (noted, note), what the
// flow starting again asks (orderQ, commandeQ), and the turns that note a
// refund or a cancellation before the question q.
const (
	noted     = "nobody from our team has looked at it yet"
	note      = "personne de notre équipe ne l'a encore examiné"
	orderQ    = "What is the order number?"
	commandeQ = "Quel est le numéro de commande ?"
)

func refund(q string) []string    { return []string{"i want a refund", "AB-123456", q} }
func cancel(q string) []string    { return []string{"i want to cancel my order", "AB-123456", q} }
func rembourse(q string) []string { return []string{"je veux un remboursement", "AB-123456", q} }
func annule(q string) []string    { return []string{"je veux annuler ma commande", "AB-123456", q} }
