package bot_test

import (
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
