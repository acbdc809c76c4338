package bot_test

import (
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// playPeer plays each conversation as a colleague on the staff Slack whose
// peer-support channel is served (colleagues can come, no desk), and
// checks its last turn.
func playPeer(t *testing.T, talks []talk) {
	t.Helper()
	for _, tt := range talks {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) { c.PeerQueue, c.PeerServed = "peer", true })
			a := bot.Address{Platform: "slack", Chat: tt.name, User: "U1"}
			var rs []bot.Reply
			for i, text := range tt.turns {
				rs = say(t, e, a, tt.name+string(rune('a'+i)), text)
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
