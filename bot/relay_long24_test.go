package bot_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/memstore"
)

// TestRelayKeepsLongMessages24: a person waiting for the team wrote a long
// message (7,000 characters telling what happened) and the agent read in
// the thread only its first 4,096 bytes, cut mid-word with nothing to say
// so (seen on the Slack desk, desk24): the engine reads at most MaxText
// bytes, and the relay took the words it read. The team now reads the
// person's whole message (a Telegram message is at most 4,096 characters,
// so up to three times as many bytes in French or with emoji); a message
// longer still is cut where the agent can see it was.
func TestRelayKeepsLongMessages24(t *testing.T) {
	t.Parallel()
	for _, row := range []struct {
		name, text string
		whole      bool
	}{
		{"en_7000", "It started on Monday. " + strings.Repeat("and then the courier came back ", 220) + "THE END", true},
		{"fr_4096_chars", "Tout a commencé lundi. " + strings.Repeat("é", 4000) + " FIN", true},
		{"invalid_utf8", "bad \xff\xfe bytes then " + strings.Repeat("words ", 800) + "THE END", true},
		{"60000", strings.Repeat("x", 60000) + "THE END", false},
	} {
		t.Run(row.name, func(t *testing.T) {
			t.Parallel()
			d := &bottest.Desk{}
			e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) { c.Desk = d })
			a := bot.Address{Platform: "test", Chat: row.name, User: "u"}
			say(t, e, a, row.name+"a", "I need to speak to a human")
			say(t, e, a, row.name+"b", row.text)
			var got string
			for _, c := range d.Calls() {
				if c.Op == "relayed" {
					got = c.Text
				}
			}
			switch {
			case !utf8.ValidString(got):
				t.Errorf("relayed invalid UTF-8: %q…", got[:40])
			case row.whole && !strings.HasSuffix(got, "THE END") && !strings.HasSuffix(got, "FIN"):
				t.Errorf("relayed %d of %d bytes, ending %q: the team does not read the whole message", len(got), len(row.text), got[max(0, len(got)-30):])
			case !row.whole && (!strings.HasSuffix(got, "…") || len(got) < bot.MaxText):
				t.Errorf("a message too long to relay whole was relayed as %d bytes ending %q: want it cut visibly (…)", len(got), got[max(0, len(got)-30):])
			}
		})
	}
}
