package bot_test

import (
	"context"
	"strconv"
	"sync"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestPleaseDontIsNoDistress25: a request made with "please don't"
// ("please don't send me another invoice", "please don't ask me to call,
// I'm deaf") heard "That sounds really hard, and I'm sorry you're going
// through it." and the slower steps of a person in distress, a feeling
// the customer never expressed; the same requests in French (« svp ne
// m'envoyez plus de facture ») heard none. A plea said with a feeling
// ("please don't, I'm so scared") is still heard.
func TestPleaseDontIsNoDistress25(t *testing.T) {
	t.Parallel()
	const hard, dur = "That sounds really hard", "Cela a l'air vraiment éprouvant"
	playTalks(t, []talk{
		{name: "en_invoice", turns: []string{"please don't send me another invoice, i already paid AB-121212"}, want: []string{"problem with a payment"}, not: []string{hard, "take it slowly"}},
		{name: "en_deaf", turns: []string{"Hi, I'm deaf so please don't ask me to call. I want to cancel my order AB-998877"}, want: []string{"cancellation or a refund"}, not: []string{hard}},
		{name: "en_dont_call", turns: []string{"please dont call me, i want to cancel my order"}, not: []string{hard}},
		{name: "fr_facture", turns: []string{"svp ne m'envoyez plus de facture, j'ai deja paye AB-121212"}, want: []string{"problème de paiement"}, not: []string{dur}},
		{name: "fr_sourde", turns: []string{"Bonjour, je suis sourde donc svp ne me demandez pas d'appeler. Je veux annuler ma commande AB-998877"}, not: []string{dur}},
		// Guards: a plea with a feeling is still a feeling heard.
		{name: "en_plea_scared", turns: []string{"please don't cancel my account, i'm so scared"}, not: []string{"problem with a payment"}},
	})
}

// TestPeerFeelingNamedOnce25: a colleague who says how they feel and what
// happened in one message ("rough day honestly. a customer yelled at me
// for 20 min and my manager just watched") heard the feeling named three
// times in a row: "That sounds really hard, and I'm sorry you're going
// through it.", "Thank you for reaching out… you don't have to carry
// this alone." and "It helps to put it into words. What you're feeling
// is real, and it deserves some care." (« Je comprends votre colère… »,
// « Merci de m'en parler… », « Ça fait du bien de mettre des mots
// dessus… »). A feeling named in this very turn is not named again; the
// story told without a feeling, or told at "What's going on?", still
// hears it.
func TestPeerFeelingNamedOnce25(t *testing.T) {
	t.Parallel()
	const real, reel = "What you're feeling is real", "Ce que vous ressentez est bien réel"
	playPeer(t, []talk{
		{name: "en_rough_day", turns: []string{"rough day honestly. a customer yelled at me for 20 min and my manager just watched"}, want: []string{"That sounds really hard", "What would help you now?"}, not: []string{real}},
		{name: "en_humiliated", turns: []string{"my manager humiliated me in front of the whole team today, i dont even want to go back tomorrow"}, want: []string{"What would help you now?"}, not: []string{real}},
		{name: "fr_journee", turns: []string{"journee de merde. un client m'a hurle dessus pendant 20 min et mon manager a juste regarde"}, want: []string{"Qu'est-ce qui vous ferait du bien maintenant ?"}, not: []string{reel}},
		{name: "fr_humiliee", turns: []string{"ma manager m'a humiliee devant toute l'equipe aujourd'hui, j'ai meme pas envie d'y retourner demain"}, want: []string{"Qu'est-ce qui vous ferait du bien maintenant ?"}, not: []string{reel}},
		// Guards: told at the question, or with no feeling named, it is heard.
		{name: "en_told_later", turns: []string{"/peer", "he dumps everything on me at the last minute and then shouts when it's late"}, want: []string{real}},
		{name: "fr_raconte_apres", turns: []string{"/peer", "il me refile tout au dernier moment et ensuite il crie quand c'est en retard"}, want: []string{reel}},
	})
}

// TestSarcasmIsNoThanks25: thanks or praise said alone before what went
// wrong is sarcasm. "thanks a lot, my order is late again" heard the
// goodbye ("Thank you for writing to us. Take good care of yourself…")
// and the satisfaction survey; "oh great. just great. the parcel is late
// again" was asked whether it meant "That's all, thank you"; and no
// frustration was heard in either language (« super, vraiment génial. ma
// commande est ENCORE en retard » got the order's questions, flat). Now
// the problem's flow starts, after the frustration is named once.
func TestSarcasmIsNoThanks25(t *testing.T) {
	t.Parallel()
	const (
		angry, colere = "I understand you're angry", "Je comprends votre colère"
		order, cmd    = "I'm sorry your order is giving you trouble", "Je suis désolé que votre commande vous cause des soucis"
	)
	playTalks(t, []talk{
		{name: "en_thanks_a_lot", turns: []string{"thanks a lot, my order is late again"}, want: []string{angry, order}, not: []string{"Take good care of yourself", "how well did we look after you"}},
		{name: "en_just_great", turns: []string{"oh great. just great. the parcel is late again"}, want: []string{angry, order}, not: []string{"That's all, thank you"}},
		{name: "en_great_caps", turns: []string{"great, just great. my order is late AGAIN"}, want: []string{angry, order}},
		{name: "fr_merci_beaucoup", turns: []string{"merci beaucoup, ma commande est encore en retard"}, want: []string{colere, cmd}},
		{name: "fr_super_genial", turns: []string{"super, vraiment genial. ma commande est ENCORE en retard"}, want: []string{colere, cmd}},
		// Guards: real thanks, and praise of what went well, stay so.
		{name: "en_thanks_arrived", turns: []string{"thanks a lot, my parcel arrived this morning"}, not: []string{angry}},
		{name: "en_thanks_again", turns: []string{"/order", "thanks again, the late parcel came in the end"}, not: []string{angry}},
		{name: "fr_merci_arrive", turns: []string{"merci beaucoup, mon colis est bien arrivé"}, not: []string{colere}},
		{name: "en_great_service", turns: []string{"great service even though it was a bit late"}, not: []string{angry}},
		{name: "en_no_worries", turns: []string{"great, thanks! it arrived late but no worries"}, not: []string{angry, "not sure I understood"}},
		{name: "fr_pas_grave", turns: []string{"super, merci ! il est arrivé en retard mais pas grave"}, not: []string{colere}},
		// A quip about no matter of ours is no anger at us, nor a goodbye.
		{name: "en_train_of_thought", turns: []string{"Thanks a lot. Now I've lost my train of thought!"}, not: []string{angry, "Take good care of yourself"}},
	})
}

// TestNeverMindStops25: "never mind", "nvm" and "oh nevermind, sorry" at
// the order flow's question heard "That doesn't look quite like an order
// number", where « laisse tomber » stopped the flow (« D'accord, j'ai
// arrêté. »); and a never mind said with the good news that ends the
// problem ("nvm i found it", "never mind, it came", « laisse tomber je
// l'ai trouvé », « laissez tomber il est arrivé ») was no order number
// either, in both languages. Now the first stop what was going on, the
// second hear that it is sorted.
func TestNeverMindStops25(t *testing.T) {
	t.Parallel()
	const (
		stopped, stoppedFr = "All right, I've stopped that.", "D'accord, j'ai arrêté."
		sorted, sortedFr   = "I'm glad it's sorted", "je suis ravi que ce soit réglé"
		number, numero     = "order number", "numéro de commande"
	)
	playTalks(t, []talk{
		{name: "en_never_mind", turns: []string{"my parcel is late", "never mind"}, want: []string{stopped}, not: []string{number}},
		{name: "en_nvm", turns: []string{"my parcel is late", "nvm"}, want: []string{stopped}, not: []string{number}},
		{name: "en_oh_nevermind_sorry", turns: []string{"my parcel is late", "oh nevermind, sorry"}, want: []string{stopped}, not: []string{number}},
		{name: "en_nvm_found_it", turns: []string{"my parcel is late", "nvm i found it"}, want: []string{sorted}, not: []string{number}},
		{name: "en_never_mind_it_came", turns: []string{"my parcel is late", "never mind, it came"}, want: []string{sorted}, not: []string{number}},
		{name: "fr_laisse_tomber_trouve", turns: []string{"mon colis est en retard", "laisse tomber je l'ai trouvé"}, want: []string{sortedFr}, not: []string{numero}},
		{name: "fr_laissez_tomber_arrive", turns: []string{"mon colis est en retard", "laissez tomber il est arrive"}, want: []string{sortedFr}, not: []string{numero}},
		{name: "fr_laisse_tomber", turns: []string{"mon colis est en retard", "laisse tomber"}, want: []string{stoppedFr}},
		// Guards: a never mind that tells a problem is no good news.
		{name: "en_never_mind_broken", turns: []string{"my parcel is late", "never mind, it came broken"}, not: []string{sorted}},
		{name: "fr_trouve_probleme", turns: []string{"mon colis est en retard", "j'ai trouvé un problème"}, not: []string{sortedFr}},
	})
}

// TestNeedAndFeelingJoinedByAnd25: a problem and a feeling joined by
// "and" ("my account got hacked and i'm really scared") went to the
// flow for worries, whose choices offer an order, a payment or a person,
// never the account: "sorry had to go. still cant get in" heard "Thank
// you for explaining. I've read what you wrote." and those choices. The
// same with a comma, and in French (« mon compte a été piraté et j'ai
// vraiment peur »), went to the account's flow. Now "and" cuts the
// message into clauses as a comma does: the feeling is named, then the
// account's questions come.
func TestNeedAndFeelingJoinedByAnd25(t *testing.T) {
	t.Parallel()
	const (
		worry, account  = "I can hear this is worrying you", "can't get into your account"
		inquiet, compte = "Je comprends que cela vous inquiète", "accéder à votre compte"
	)
	playTalks(t, []talk{
		{name: "en_hacked_and_scared", turns: []string{"my account got hacked and i'm really scared"}, want: []string{worry, account}},
		{name: "en_charged_twice_and_anxious", turns: []string{"you charged me twice and i'm so anxious about my rent"}, want: []string{"problem with a payment"}},
		{name: "fr_pirate_et_peur", turns: []string{"mon compte a été piraté et j'ai vraiment peur"}, want: []string{inquiet, compte}},
		// Guards: a worry with no need of a flow stays with the worries.
		{name: "en_scared_and_alone", turns: []string{"i'm really scared and i don't know who to talk to"}, not: []string{account, "problem with a payment"}},
	})
}

// TestAngryCustomersAreNotTheWritersAnger25: "angry customers" is the
// customers' anger, as "the customers were angry" is: "idk just
// everything. short staffed, angry customers, my feet hurt" heard "I
// understand you're angry, and that's fair to say.", a feeling the
// colleague did not express, where « des clients énervés » was heard as
// the hard day it is. The writer's own anger stays heard.
func TestAngryCustomersAreNotTheWritersAnger25(t *testing.T) {
	t.Parallel()
	const angry, colere = "I understand you're angry", "Je comprends votre colère"
	playPeer(t, []talk{
		{name: "en_angry_customers", turns: []string{"idk just everything. short staffed, angry customers, my feet hurt"}, not: []string{angry}},
		{name: "en_furious_callers", turns: []string{"dealing with furious callers all day and nobody helps"}, not: []string{angry}},
		{name: "fr_clients_enerves", turns: []string{"jsais pas tout. en sous effectif, clients enerves, j'ai mal aux pieds"}, not: []string{colere}},
		// Guards: the writer's anger, said beside the customers.
		{name: "en_im_angry", turns: []string{"i'm so angry, customers yelled at me all day"}, want: []string{angry}},
		{name: "fr_je_suis_en_colere", turns: []string{"je suis en colère, les clients m'ont crié dessus toute la journée"}, want: []string{colere}},
	})
}

// prioDesk records the priority of each hand-off relayed to it.
type prioDesk struct {
	bot.NopDesk
	mu  sync.Mutex
	got []bot.Priority
}

func (d *prioDesk) Relayed(_ context.Context, _ bot.Address, h bot.Handoff, _ string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.got = append(d.got, h.Priority)
	return nil
}

// TestToldWhileWaitingRaisesPriority25: a person waiting for the delivery
// team who says "by the way I'm 85 and I'm on my own" (« au fait j'ai 85
// ans et je suis seule ») was relayed at the normal priority the hand-off
// was opened with: the team saw the ticket behind every older one. Now the
// hand-off is high from then on, and the desk is told so with the words.
func TestToldWhileWaitingRaisesPriority25(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		turns []string
		want  bot.Priority
	}{
		{"en_senior", []string{"my parcel is late, AB-343434", "yes please", "by the way I'm 85 and I'm on my own, please be patient with me"}, bot.PriorityHigh},
		{"fr_senior", []string{"mon colis est en retard, AB-343434", "oui svp", "au fait j'ai 85 ans et je suis seule, soyez patients avec moi svp"}, bot.PriorityHigh},
		{"en_distress", []string{"my parcel is late, AB-343434", "yes please", "i can't cope with all this anymore, everything is falling apart"}, bot.PriorityHigh},
		// Guard: words that say nothing of the person keep it as it was.
		{"en_plain", []string{"my parcel is late, AB-343434", "yes please", "it was a birthday present for my nephew"}, bot.PriorityNormal},
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
