package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestYesOrNoInEverydayWords plays a question whose buttons are a yes and
// a no ("Would you like a person from our team to help you now?", "Shall
// I pass order AB-123456 to our delivery team now?") answered as people
// answer one: "yes please", "yeah", "sure", "no thank you", « oui svp »,
// « ouais », « non merci ». Before, only the label itself, "yes" or a
// number was read: an 84-year-old who wrote "yes please" to the offer of a
// person got "Sorry, I didn't catch which one you meant", "yes thank you"
// got "You're welcome." with nothing sent, "no thanks" the goodbye and
// its survey, and "yes" to "Would you like to talk to a person from our
// team?" after two misunderstandings "I'm not understanding you well"
// once more. A whole message of yes words (common.yaml's yes_words) takes
// the button that opens with a yes, or at a question of two buttons the
// one beside a button that opens with a no; a whole message of no words
// (decline_words, "no", « non ») the other way round.
func TestYesOrNoInEverydayWords(t *testing.T) {
	t.Parallel()
	const (
		pickOne   = "didn't catch which one you meant"
		pickOneFr = "je n'ai pas compris votre choix"
		person    = "asking a person from our team"
		personFr  = "Je demande à une personne de notre équipe"
		sent      = "I've passed your request to our delivery team"
		sentFr    = "j'ai transmis votre demande à notre équipe livraison"
		notSent   = "I haven't sent anything"
		notSentFr = "je n'ai rien transmis"
		goodbye   = "Thank you for writing to us"
	)
	old84 := "I'm 84 and my order is late"
	old84fr := "j'ai 84 ans et ma commande est en retard"
	late := []string{"my order is late", "AB-123456"}
	lateFr := []string{"ma commande est en retard", "AB-123456"}
	with := func(turns []string, last string) []string { return append(append([]string(nil), turns...), last) }
	tests := []talk{
		// The offer of a person, said first to one at risk.
		{name: "en_offer_yes_please", turns: []string{old84, "yes please"}, want: []string{person}, not: []string{pickOne}},
		{name: "en_offer_yeah", turns: []string{old84, "Yeah!"}, want: []string{person}, not: []string{pickOne}},
		{name: "en_offer_sure", turns: []string{"I'm 84 and I can't get into my account", "sure"}, want: []string{person}, not: []string{pickOne}},
		{name: "en_offer_yes_thank_you", turns: []string{old84, "yes, thank you"}, want: []string{person}, not: []string{"You're welcome"}},
		{name: "en_offer_no", turns: []string{old84, "no"}, want: []string{"What is your order number?"}, not: []string{pickOne, person}},
		{name: "en_offer_nope_thanks", turns: []string{old84, "no thank you"}, want: []string{"What is your order number?"}, not: []string{goodbye, person}},
		{name: "fr_offer_oui_svp", turns: []string{old84fr, "oui svp"}, want: []string{personFr}, not: []string{pickOneFr}},
		{name: "fr_offer_ouais", turns: []string{old84fr, "ouais"}, want: []string{personFr}, not: []string{pickOneFr}},
		// A yes word of the conversation's own language that reads as
		// another's: "y" was answered in French (« Je demande à une
		// personne… ») and « go » in English, and the conversation went
		// on in that language.
		{name: "en_offer_y", turns: []string{old84, "y"}, want: []string{person}, not: []string{personFr}},
		{name: "fr_offer_go", turns: []string{old84fr, "go"}, want: []string{personFr}, not: []string{person}},
		{name: "fr_send_go", turns: with(lateFr, "go"), want: []string{sentFr}, not: []string{sent}},
		{name: "fr_offer_volontiers", turns: []string{old84fr, "oui volontiers merci"}, want: []string{personFr}, not: []string{pickOneFr}},
		{name: "fr_offer_non_merci", turns: []string{old84fr, "non merci"}, want: []string{"Quel est votre numéro de commande ?"}, not: []string{personFr, "Merci de nous avoir écrit"}},
		// The consent to pass a matter to the team.
		{name: "en_send_yes_please", turns: with(late, "yes please"), want: []string{sent}, not: []string{pickOne}},
		{name: "en_send_yep", turns: with(late, "yep"), want: []string{sent}, not: []string{pickOne}},
		{name: "en_send_ok", turns: with(late, "ok"), want: []string{sent}, not: []string{pickOne}},
		{name: "en_send_go_ahead", turns: with(late, "go ahead"), want: []string{sent}, not: []string{"You're welcome"}},
		{name: "en_send_no_thanks", turns: with(late, "no thanks"), want: []string{notSent}, not: []string{goodbye, sent}},
		{name: "en_send_that_would_be_good", turns: with(late, "yes that would be good"), want: []string{sent}, not: []string{pickOne}},
		{name: "en_send_nah_not_yet", turns: with(late, "nah not yet"), want: []string{notSent}, not: []string{pickOne, sent}},
		{name: "fr_send_pas_pour_l_instant", turns: with(lateFr, "non pas pour l'instant"), want: []string{notSentFr}, not: []string{pickOneFr, sentFr}},
		{name: "en_send_nope", turns: with(late, "nope"), want: []string{notSent}, not: []string{pickOne, sent}},
		{name: "fr_send_oui_merci", turns: with(lateFr, "oui merci"), want: []string{sentFr}, not: []string{pickOneFr}},
		{name: "fr_send_d_accord", turns: with(lateFr, "d'accord"), want: []string{sentFr}, not: []string{pickOneFr}},
		{name: "fr_send_allez_y", turns: with(lateFr, "allez-y"), want: []string{sentFr}, not: []string{pickOneFr}},
		{name: "fr_send_non", turns: with(lateFr, "non"), want: []string{notSentFr}, not: []string{pickOneFr, sentFr}},
		{name: "fr_send_nan_merci", turns: with(lateFr, "non merci"), want: []string{notSentFr}, not: []string{"Merci de nous avoir écrit", sentFr}},
		// The French of English yes and no words: "that would be great",
		// "great", "sounds good", "maybe later" answered, « ce serait
		// super » and « super » got « Je vous en prie. » and nothing sent,
		// « oui ce serait bien » and « peut-être plus tard » « je n'ai pas
		// compris votre choix », « ça me va » the question again; and the
		// English of French ones (« avec plaisir », « une autre fois »).
		{name: "en_send_that_would_be_great", turns: with(late, "that would be great"), want: []string{sent}},
		{name: "fr_send_ce_serait_super", turns: with(lateFr, "ce serait super"), want: []string{sentFr}, not: []string{"Je vous en prie"}},
		{name: "fr_send_oui_ce_serait_bien", turns: with(lateFr, "oui ce serait bien"), want: []string{sentFr}, not: []string{pickOneFr}},
		{name: "fr_send_super", turns: with(lateFr, "super"), want: []string{sentFr}, not: []string{"Je vous en prie"}},
		{name: "fr_send_ca_me_va", turns: with(lateFr, "ça me va"), want: []string{sentFr}},
		{name: "fr_send_peut_etre_plus_tard", turns: with(lateFr, "peut-être plus tard"), want: []string{notSentFr}, not: []string{pickOneFr, sentFr}},
		{name: "en_send_with_pleasure", turns: with(late, "with pleasure"), want: []string{sent}},
		{name: "en_send_another_time", turns: with(late, "another time"), want: []string{notSent}, not: []string{sent}},
		// Thanks said every way, beside a yes or a no: "yes thanks a lot"
		// got "You're welcome." and nothing was sent, "no thanks a lot"
		// the goodbye and its survey, « oui merci bien », « oui, mille
		// mercis » « Je vous en prie. ».
		{name: "en_send_yes_thanks_a_lot", turns: with(late, "yes thanks a lot"), want: []string{sent}, not: []string{"You're welcome"}},
		{name: "en_send_yes_thank_you_kindly", turns: with(late, "yes thank you kindly"), want: []string{sent}, not: []string{"You're welcome"}},
		{name: "en_send_no_thanks_a_lot", turns: with(late, "no thanks a lot"), want: []string{notSent}, not: []string{goodbye, sent}},
		{name: "fr_send_oui_merci_bien", turns: with(lateFr, "oui merci bien"), want: []string{sentFr}, not: []string{"Je vous en prie"}},
		{name: "fr_send_oui_mille_mercis", turns: with(lateFr, "oui, mille mercis"), want: []string{sentFr}, not: []string{"Je vous en prie"}},
		{name: "fr_send_non_merci_bien", turns: with(lateFr, "non merci bien"), want: []string{notSentFr}, not: []string{"Je vous en prie", sentFr}},
		// After two misunderstandings: "Would you like to talk to a person
		// from our team?"
		{name: "en_confused_yes", turns: []string{"I don't understand", "blah blah", "yes"}, want: []string{"a person from our team"}, not: []string{"not understanding you well"}},
		{name: "en_confused_no", turns: []string{"I don't understand", "blah blah", "no"}, want: []string{"Is it about one of these?"}, not: []string{"not understanding you well"}},
		{name: "fr_confused_oui", turns: []string{"je comprends pas", "bla bla", "oui"}, want: []string{"une personne de notre équipe"}, not: []string{"je vous comprends mal"}},
		// Look-alikes: a question whose buttons are no yes and no no takes
		// no button from a yes; a yes said with more is read as before.
		{name: "en_what_happened_yes", turns: []string{"my order AB-123456 hasn't arrived, can you check", "yes"}, want: []string{"What happened with order AB-123456?"}, not: []string{sent}},
		{name: "en_yes_but_damaged", turns: with(late, "yes but it also arrived damaged"), not: []string{sent}},
	}
	// The offer of a check-in ("May I message you here in three days…?"),
	// asked after the survey's score.
	later := append(with(late, "not now"), "4")
	laterFr := append(with(lateFr, "pas maintenant"), "4")
	const agreed, agreedFr = "I'll check in with you in three days", "je reviens vers vous dans trois jours"
	const declined, declinedFr = "I won't message you", "je ne vous écrirai pas"
	tests = append(tests,
		talk{name: "en_checkin_yes_please", turns: with(later, "yes please"), want: []string{agreed}},
		talk{name: "en_checkin_sure_thanks", turns: with(later, "sure, thanks!"), want: []string{agreed}},
		talk{name: "en_checkin_nope", turns: with(later, "nope"), want: []string{declined}, not: []string{agreed}},
		talk{name: "fr_checkin_oui_svp", turns: with(laterFr, "oui svp"), want: []string{agreedFr}},
		talk{name: "fr_checkin_ouais_merci", turns: with(laterFr, "ouais merci"), want: []string{agreedFr}},
		talk{name: "fr_checkin_non_merci_beaucoup", turns: with(laterFr, "non, merci beaucoup"), want: []string{declinedFr}, not: []string{agreedFr}},
	)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) {
				withDesk(c)
				c.FollowUps = memstore.NewFollowUps()
			})
			holds(t, tt.turns, shown(play(t, e, tt.name, tt.turns)), tt.want, tt.not)
		})
	}
}

// TestReferenceAtTheOfferOfAPerson plays one who is offered a person first
// ("Would you like a person from our team to help you now?", after "I'm
// 84") and answers with their order number: before, "Sorry, I didn't
// catch which one you meant", and the same question again. The number
// says they carry on: the flow goes on, and its question takes it. A
// number said with a yes asks for the person.
func TestReferenceAtTheOfferOfAPerson(t *testing.T) {
	t.Parallel()
	tests := []talk{
		{name: "en_number_alone", turns: []string{"I'm 84 and my order is late", "AB-123456"}, want: []string{"order AB-123456"}, not: []string{"didn't catch", "What is your order number?"}},
		{name: "en_its_number", turns: []string{"I'm 84 and my order is late", "it's AB-123456"}, want: []string{"order AB-123456"}, not: []string{"didn't catch", "What is your order number?"}},
		{name: "en_billing_pregnant", turns: []string{"I'm pregnant and I was charged twice", "the invoice is AB-123456"}, want: []string{"You said you were charged twice.", "e-mail address"}, not: []string{"didn't catch", "order or invoice number"}},
		{name: "fr_numero", turns: []string{"j'ai 84 ans et ma commande n'est pas arrivée", "c'est la AB-123456"}, want: []string{"AB-123456"}, not: []string{"je n'ai pas compris votre choix", "Quel est votre numéro de commande ?"}},
		{name: "en_yes_and_number", turns: []string{"I'm 84 and my order is late", "yes, it's AB-123456"}, not: []string{"Shall I"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			holds(t, tt.turns, shown(play(t, e, tt.name, tt.turns)), tt.want, tt.not)
		})
	}
}

// TestLateScoreAfterAGoodbye plays the survey passed over by a goodbye
// ("thanks, bye" at "from 1 to 5, how well did we look after you?"), then
// the score written next: "3" got "I'm sorry, I'm not sure I understood",
// to one who answered the bot's own question. The survey now waits through
// the goodbye for one message: a score answers it, anything else is read
// as before.
func TestLateScoreAfterAGoodbye(t *testing.T) {
	t.Parallel()
	late := []string{"my order is late", "AB-123456", "not now"}
	lateFr := []string{"ma commande est en retard", "AB-123456", "pas maintenant"}
	with := func(turns []string, more ...string) []string { return append(append([]string(nil), turns...), more...) }
	tests := []talk{
		{name: "en_thanks_bye_3", turns: with(late, "thanks bye", "3"), want: []string{"Thank you for telling us"}, not: []string{"not sure I understood"}},
		{name: "en_great_thanks_5", turns: with(late, "great thanks", "5"), want: []string{"Thank you for telling us"}, not: []string{"not sure I understood"}},
		{name: "fr_merci_au_revoir_4", turns: with(lateFr, "merci au revoir", "4"), want: []string{"Merci de nous l'avoir dit"}, not: []string{"pas sûr d'avoir compris"}},
		// Anything else is read as before.
		{name: "en_thanks_bye_new_request", turns: with(late, "thanks bye", "actually my other parcel arrived damaged"), want: []string{"order"}, not: []string{"Thank you for telling us"}},
		{name: "en_score_once", turns: with(late, "thanks bye", "3", "4"), not: []string{"Thank you for telling us"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			holds(t, tt.turns, shown(play(t, e, tt.name, tt.turns)), tt.want, tt.not)
		})
	}
}
