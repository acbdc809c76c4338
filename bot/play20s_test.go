package bot_test

import (
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// playPeer plays each conversation as a colleague on the staff Slack whose
// peer-support channel is served (colleagues can come, no desk), in the
// language Slack gives (French for the rows named fr_), and checks its
// last turn.
func playPeer(t *testing.T, talks []talk) {
	t.Helper()
	for _, tt := range talks {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) { c.PeerQueue, c.PeerServed = "peer", true })
			a := bot.Address{Platform: "slack", Chat: tt.name, User: "U1"}
			lang := "en" // Slack gives each person's language: fr_ rows are French
			if strings.HasPrefix(tt.name, "fr_") {
				lang = "fr"
			}
			var rs []bot.Reply
			for i, text := range tt.turns {
				var err error
				rs, err = e.HandleMessage(t.Context(), bot.Message{ID: tt.name + string(rune('a'+i)), From: a, Text: text, Lang: lang})
				if err != nil {
					t.Fatalf("%q: %v", text, err)
				}
			}
			holds(t, tt.turns, shown(rs), tt.want, tt.not)
		})
	}
}

// TestButtonAskedInWords20s plays a colleague who answers peer support's
// "What would help you now?" (a question without free_text) by asking
// for one of its buttons in a few words: "I would like to talk to a
// colleague" got the same question again, silently, as if nothing had
// been said; only a question with free_text heard a button asked for in
// words.
func TestButtonAskedInWords20s(t *testing.T) {
	t.Parallel()
	const (
		consent   = "Yes, OK" // the consent question's button, whichever its wording
		consentFr = "Oui, d'accord"
		again     = "What would help you now?"
		againFr   = "Qu'est-ce qui vous ferait du bien maintenant ?"
		breathe   = "Breathe in"
		breatheFr = "Inspirez"
	)
	story, storyFr := "it was a rough day, a customer screamed at me for ages", "journee pourrie, un client m'a hurle dessus pendant des heures"
	playPeer(t, []talk{
		{name: "en_colleague", turns: []string{"/peer", story, "I would like to talk to a colleague"}, want: []string{consent}, not: []string{again}},
		{name: "en_colleague_please", turns: []string{"/peer", story, "talk to a colleague please"}, want: []string{consent}, not: []string{again}},
		{name: "en_breathing", turns: []string{"/peer", story, "ok let's take a breathing pause"}, want: []string{breathe}, not: []string{again}},
		{name: "fr_collegue", turns: []string{"/peer", storyFr, "je voudrais parler a un collegue"}, want: []string{consentFr}, not: []string{againFr}},
		{name: "fr_collegue_stp", turns: []string{"/peer", storyFr, "parler a un collegue stp"}, want: []string{consentFr}, not: []string{againFr}},
		{name: "fr_respiration", turns: []string{"/peer", storyFr, "ok on fait une pause respiration"}, want: []string{breatheFr}, not: []string{againFr}},
	})
}

// TestColleagueWhenOnlyPeersCanCome20s plays a colleague on the staff Slack
// whose peer-support channel is served but who has no hand-off desk (the
// setup of the README's "Run on Slack"), asking for someone in words or
// with the staff menu's "Talk to a person": they heard "nobody from our
// team can join this conversation right now, so nobody will reply to you
// here" while colleagues were there to listen, even at peer support's own
// question with a "Talk to a colleague" button. Now they are offered a
// colleague (the consent question), without a second "Thank you for
// reaching out" in peer support.
func TestColleagueWhenOnlyPeersCanCome20s(t *testing.T) {
	t.Parallel()
	msgs := bottest.MustFlows(t).Common.Messages
	nobody, nobodyFr := msgs[flow.MsgHandoffUnavailable].ByLang["en"], msgs[flow.MsgHandoffUnavailable].ByLang["fr"]
	const (
		consent, consentFr = "Yes, OK", "Oui, d'accord"
		thanks, thanksFr   = "Thank you for reaching out", "Merci de m'en parler"
	)
	story, storyFr := "it was a rough day, a customer screamed at me for ages", "journee pourrie, un client m'a hurle dessus pendant des heures"
	playPeer(t, []talk{
		{name: "en_first", turns: []string{"can I talk to someone"}, want: []string{consent}, not: []string{nobody}},
		{name: "en_need_someone", turns: []string{"hi", "I really need to talk to someone right now"}, want: []string{consent}, not: []string{nobody}},
		{name: "en_menu_button", turns: []string{"hello", "Talk to a person"}, want: []string{consent}, not: []string{nobody}},
		{name: "en_at_options", turns: []string{"/peer", story, "maybe talking to someone would help"}, want: []string{consent}, not: []string{nobody, thanks}},
		{name: "fr_first", turns: []string{"je peux parler a quelqu'un ?"}, want: []string{consentFr}, not: []string{nobodyFr}},
		{name: "fr_besoin", turns: []string{"salut", "j'ai besoin de parler a quelqu'un la maintenant"}, want: []string{consentFr}, not: []string{nobodyFr}},
		{name: "fr_menu_button", turns: []string{"bonjour", "Parler à une personne"}, want: []string{consentFr}, not: []string{nobodyFr}},
		{name: "fr_at_options", turns: []string{"/peer", storyFr, "je voudrais parler a quelqu'un"}, want: []string{consentFr}, not: []string{nobodyFr, thanksFr}},
	})
}

// TestDoneInWords20s plays a colleague who answers peer support's "What
// would help you now?" by saying they are done ("no that's it thanks", «
// non c'est tout merci »): the router's goodbye flow took it, so they
// heard the customers' "Thank you for writing to us" and a survey, and
// lost the flow's own ending (its last words, then its offer to check in
// tomorrow, after the score). A button
// that ends the flow ("That's all for now") is what a goodbye said at its
// question means.
func TestDoneInWords20s(t *testing.T) {
	t.Parallel()
	const (
		done, doneFr = "Thank you for taking a moment for yourself", "Merci d'avoir pris ce moment pour vous"
		bye, byeFr   = "Thank you for writing to us", "Merci de nous avoir écrit"
	)
	story, storyFr := "it was a rough day, a customer screamed at me for ages", "journee pourrie, un client m'a hurle dessus pendant des heures"
	playPeer(t, []talk{
		{name: "en_no_thats_it", turns: []string{"/peer", story, "no that's it thanks"}, want: []string{done}, not: []string{bye}},
		{name: "en_thats_all", turns: []string{"/peer", story, "that's all, thank you"}, want: []string{done}, not: []string{bye}},
		{name: "en_bye", turns: []string{"/peer", story, "ok thanks, bye"}, want: []string{done}, not: []string{bye}},
		{name: "fr_cest_tout", turns: []string{"/peer", storyFr, "non c'est tout merci"}, want: []string{doneFr}, not: []string{byeFr}},
		{name: "fr_au_revoir", turns: []string{"/peer", storyFr, "ok merci, au revoir"}, want: []string{doneFr}, not: []string{byeFr}},
		{name: "fr_ca_ira", turns: []string{"/peer", storyFr, "ca ira merci, bonne soiree"}, want: []string{doneFr}, not: []string{byeFr}},
	})
}

// TestAfterThePauseInWords20s plays a colleague who answers the breathing
// pause's "How do you feel now?" in their own words rather than with "A
// bit better" or "Still rough": "a bit better thanks" heard "You're
// welcome." and the question waited, "much better" and « beaucoup mieux »
// "Sorry, I didn't catch which one you meant", and "not really", «
// toujours pas top franchement » left the pause for peer support's "That's
// all right: you don't have to say anything" or the fallback's "I'm not
// sure I understood". Each is now the answer it gives.
func TestAfterThePauseInWords20s(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	b := set.Flow("breathing")
	better, rough := b.Step("better").Say[0], b.Step("still_rough").Say[0]
	var talks []talk
	for _, r := range []struct {
		name, lang, cmd, said string
		want                  flow.Text
	}{
		{"en_bit_better_thanks", "en", "/breathe", "a bit better thanks", better},
		{"en_much_better", "en", "/breathe", "much better now", better},
		{"en_calmer", "en", "/breathe", "yeah I'm a lot calmer", better},
		{"en_not_really", "en", "/breathe", "not really", rough},
		{"en_still_not_great", "en", "/breathe", "still not great honestly", rough},
		{"en_didnt_help", "en", "/breathe", "it didn't really help", rough},
		{"fr_un_peu_mieux", "fr", "/respirer", "un peu mieux merci", better},
		{"fr_beaucoup_mieux", "fr", "/respirer", "beaucoup mieux", better},
		{"fr_plus_calme", "fr", "/respirer", "oui je suis plus calme", better},
		{"fr_pas_vraiment", "fr", "/respirer", "pas vraiment", rough},
		{"fr_toujours_pas_top", "fr", "/respirer", "toujours pas top franchement", rough},
		{"fr_pas_aide", "fr", "/respirer", "ca m'a pas trop aide", rough},
	} {
		talks = append(talks, talk{name: r.name, turns: []string{r.cmd, r.said}, want: []string{r.want.In(r.lang, "en")}})
	}
	playPeer(t, talks)
}

// TestHowIAmInAWord20s plays a colleague who answers the staff menu's
// "You can also just tell me how you are" (the welcome's, and the
// fallback's after a first message it did not understand) in a word or
// two: "meh", "been better", « bof », « crevee » heard "Sorry, I didn't
// catch which one you meant", and "so-so" "You're welcome." as if they had
// said thanks. Said how they are, they are listened to, as "I'd like to
// talk" would be.
func TestHowIAmInAWord20s(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	start := set.Flow("peer_support").Step("start").Say[0]
	var talks []talk
	for _, r := range []struct {
		name, lang string
		turns      []string
	}{
		{"en_meh", "en", []string{"hi", "meh"}},
		{"en_been_better", "en", []string{"hello", "been better"}},
		{"en_so_so", "en", []string{"hey", "so-so"}},
		{"en_knackered", "en", []string{"hi", "honestly? knackered"}},
		{"en_fallback_tired", "en", []string{"zzz", "tired"}},
		{"fr_bof", "fr", []string{"salut", "bof"}},
		{"fr_crevee", "fr", []string{"bonjour", "crevee"}},
		{"fr_mouais", "fr", []string{"coucou", "mouais pas top"}},
		{"fr_deja_ete_mieux", "fr", []string{"salut", "j'ai deja ete mieux"}},
		{"fr_fallback_ras_le_bol", "fr", []string{"zzz", "ras le bol"}},
	} {
		talks = append(talks, talk{name: r.name, turns: r.turns, want: []string{start.In(r.lang, "en")},
			not: []string{"didn't catch", "You're welcome", "pas compris votre choix", "Je vous en prie"}})
	}
	playPeer(t, talks)
}

// TestMoreOfTheStoryHeard20s plays a colleague who goes on telling at peer
// support's "What would help you now?" after the story was heard: "and
// then my lead said I should have handled it better", « personne
// n'ecoute, mon chef me dit juste de tenir » got the same question again
// and nothing else, as if unread. They are told they are listened to
// (listening, without a second thanks), then asked again.
func TestMoreOfTheStoryHeard20s(t *testing.T) {
	t.Parallel()
	const (
		listening, listeningFr = "I'm listening.", "Je vous écoute."
		again, againFr         = "What would help you now?", "Qu'est-ce qui vous ferait du bien maintenant ?"
	)
	story, storyFr := "it was a rough day, a customer screamed at me for ages", "journee pourrie, un client m'a hurle dessus pendant des heures"
	playPeer(t, []talk{
		{name: "en_lead", turns: []string{"/peer", story, "and then my lead said I should have handled it better and just walked off"}, want: []string{listening, again}, not: []string{"Thank you", "didn't catch"}},
		{name: "en_nobody", turns: []string{"/peer", story, "nobody on the floor even looked up, they just kept working"}, want: []string{listening, again}, not: []string{"Thank you", "didn't catch"}},
		{name: "fr_chef", turns: []string{"/peer", storyFr, "personne n'ecoute, mon chef me dit juste de tenir"}, want: []string{listeningFr, againFr}, not: []string{"Merci", "pas compris"}},
		{name: "fr_equipe", turns: []string{"/peer", storyFr, "et apres ma responsable m'a dit que j'aurais du mieux gerer"}, want: []string{listeningFr, againFr}, not: []string{"Merci", "pas compris"}},
	})
}

// TestWaitingForAColleagueHonest20s plays a colleague who writes while
// their anonymous request waits in the peer-support channel ("is anyone
// coming?", "thanks", « quelqu'un va venir ? »): they heard "Thank you,
// I've passed your message on. A person from our team will reply to you
// here." Nothing is passed on (the request is anonymous: colleagues never
// see what is written here), no one from a team replies here, and nobody
// may be free. They now hear the peer hand-off's own waiting line.
func TestWaitingForAColleagueHonest20s(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	passed := set.Common.Messages[flow.MsgHandoffWaiting]
	// In the peer hand-off's waiting line, plain or simple.
	waiting := map[string]string{"en": "can't see what you write here", "fr": "ne voit pas ce que vous écrivez ici"}
	var talks []talk
	for _, r := range []struct {
		name  string
		turns []string
	}{
		{"en_anyone_coming", []string{"can I talk to someone", "yes", "is anyone coming?"}},
		{"en_thanks", []string{"/peer", "a customer threatened me on the phone today", "Talk to a colleague", "Yes, OK", "thanks, I'll wait"}},
		{"en_breathing", []string{"/breathe", "Still rough", "Talk to a colleague (staff)", "Yes, OK", "ok"}},
		{"fr_quelquun", []string{"je peux parler a quelqu'un ?", "oui", "quelqu'un va venir ?"}},
		{"fr_merci", []string{"/peer", "un client m'a menace au telephone aujourd'hui", "Parler à un collègue", "Oui, d'accord", "merci, j'attends"}},
		{"fr_respiration", []string{"/respirer", "Toujours pas bien", "Parler à un collègue (équipe)", "Oui, d'accord", "d'accord"}},
	} {
		lang := r.name[:2]
		talks = append(talks, talk{name: r.name, turns: r.turns, want: []string{waiting[lang]}, not: []string{passed.In(lang, "en")}})
	}
	playPeer(t, talks)
}
