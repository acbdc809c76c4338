package bot_test

import "testing"

// TestPersonAskedWithAFeeling20c: a request for a person said with a
// feeling or a loss. Before, the feeling went unheard: "my husband died
// last week and i need to speak to someone about his account" got "Of
// course. I'm asking a person…" (or, with nobody to come, "I'm sorry:
// nobody from our team can join…"), « je suis furieuse, passez-moi un
// conseiller » the same, in every language. Now the feeling is named once,
// as at the start of every problem flow, then the hand-off; a feeling
// named before in the conversation is not named again.
func TestPersonAskedWithAFeeling20c(t *testing.T) {
	t.Parallel()
	const (
		loss     = "sorry for your loss"
		perte    = "condoléances"
		angry    = "you're angry"
		colere   = "votre colère"
		worried  = "worrying you"
		inquiete = "cela vous inquiète"
		alone    = "Feeling alone"
		solitude = "La solitude"
		nobody   = "nobody from our team can join"
		personne = "personne de notre équipe ne peut rejoindre"
	)
	playTalks(t, []talk{
		{name: "en_loss", turns: []string{"my husband died last week and i need to speak to someone about his account"}, want: []string{loss, nobody}},
		{name: "fr_perte", turns: []string{"mon mari est décédé la semaine dernière, je voudrais parler à quelqu'un pour son compte"}, want: []string{perte, personne}},
		{name: "en_angry", turns: []string{"this is useless, im so angry, let me talk to a human"}, want: []string{angry, nobody}},
		{name: "fr_colere", turns: []string{"c'est nul, je suis furieuse, passez-moi un conseiller"}, want: []string{colere, personne}},
		{name: "en_scared", turns: []string{"im really scared someone is using my card, can i talk to a real person"}, want: []string{worried, nobody}},
		{name: "fr_peur", turns: []string{"je suis très inquiète, quelqu'un utilise ma carte, je veux parler à un conseiller"}, want: []string{inquiete, personne}},
		{name: "en_lonely", turns: []string{"i feel so alone, nobody ever calls me. can i talk to someone"}, want: []string{alone, nobody}},
		{name: "fr_seule", turns: []string{"je me sens tellement seule, personne ne m'appelle jamais. je peux parler à quelqu'un ?"}, want: []string{solitude, personne}},
		// Once: named at the order flow's start, not again at the request.
		{name: "en_angry_once", turns: []string{"I'm furious, my parcel is late", "I'm so angry, get me a human"}, want: []string{nobody}, not: []string{angry}},
		{name: "fr_colere_une_fois", turns: []string{"je suis furieuse, mon colis est en retard", "je suis vraiment en colère, passez-moi un conseiller"}, want: []string{personne}, not: []string{colere}},
		// No feeling, no acknowledgement.
		{name: "en_calm", turns: []string{"can i talk to a person please"}, want: []string{nobody}, not: []string{angry, worried, loss, "stressful"}},
		{name: "fr_calme", turns: []string{"je voudrais parler à un conseiller svp"}, want: []string{personne}, not: []string{colere, inquiete, perte, "éprouvant"}},
	})
}

// TestStrongFearHeard20c: a fear said with its strength, then a person
// asked for, in one message. Before, « j'ai très peur que quelqu'un
// utilise ma carte, je veux parler à un conseiller » and "I'm really
// afraid someone is using my card, can I talk to a person" got the
// hand-off alone: the polite "I'm afraid" / « j'ai peur que » guard took
// the fear. Now the worry is named first.
func TestStrongFearHeard20c(t *testing.T) {
	t.Parallel()
	playTalks(t, []talk{
		{name: "en_really_afraid", turns: []string{"I'm really afraid someone is using my card, can I talk to a person"}, want: []string{"worrying you", "nobody from our team can join"}},
		{name: "fr_tres_peur", turns: []string{"j'ai très peur que quelqu'un utilise ma carte, je veux parler à un conseiller"}, want: []string{"cela vous inquiète", "personne de notre équipe ne peut rejoindre"}},
	})
}

// TestBotNoHelpReachesAPerson20c: at a question, the person says the bot
// is no help ("you're not helping", « tu sers à rien »). Before, "that
// doesn't look like an order number" (or the menu): the same machine
// again. Now the human flow: a person, or the honest answer when nobody
// can come.
func TestBotNoHelpReachesAPerson20c(t *testing.T) {
	t.Parallel()
	playTalks(t, []talk{
		{name: "en_not_helping", turns: []string{"my parcel is late", "you're not helping"}, want: []string{"nobody from our team can join"}},
		{name: "en_rubbish", turns: []string{"i was charged twice", "this chatbot is rubbish"}, want: []string{"nobody from our team can join"}},
		{name: "fr_sers_a_rien", turns: []string{"mon colis est en retard", "tu sers à rien"}, want: []string{"personne de notre équipe ne peut rejoindre"}},
		{name: "fr_bot_m_aide_pas", turns: []string{"on m'a prélevé deux fois", "le bot m'aide pas"}, want: []string{"personne de notre équipe ne peut rejoindre"}},
	})
}
