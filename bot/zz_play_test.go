package bot_test

import (
	"os"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestZZPlay plays the conversations of $PLAY (blocks split by blank lines)
// on the staff platform, printing them.
func TestZZPlay(t *testing.T) {
	path := os.Getenv("PLAY")
	if path == "" {
		return
	}
	b, _ := os.ReadFile(path)
	for i, block := range strings.Split(strings.TrimSpace(string(b)), "\n\n") {
		e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) {
			withDesk(c)
			c.PeerQueue, c.PeerServed = "peer", true
		})
		a := bot.Address{Platform: os.Getenv("PLATFORM"), Chat: "c", User: "u"}
		var out strings.Builder
		out.WriteString("==== " + string(rune('0'+i%10)) + "\n")
		for j, line := range strings.Split(block, "\n") {
			out.WriteString("> " + line + "\n")
			for _, r := range say(t, e, a, string(rune('a'+j)), line) {
				out.WriteString("bot: " + r.Text + "\n")
				for _, c := range r.Choices {
					out.WriteString("     [" + c.Label + "]\n")
				}
			}
		}
		t.Log("\n" + out.String())
	}
}
