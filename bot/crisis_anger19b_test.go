package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestCrisisLeaningAfterAnger19b: the learned crisis signal's lean is a
// crisis after sorrow earlier in the conversation (crisisAfterDistress),
// not after anger alone: an angry customer ("this is the worst service
// ever") who then writes a message the signal leans on but that is no
// crisis ("nobody would even notice if I stopped paying") got the safety
// message and an urgent hand-off. Sorrow before still makes the lean a
// crisis. Rows written for this test.
func TestCrisisLeaningAfterAnger19b(t *testing.T) {
	t.Parallel()
	midFlowCrisis(t, "anger19b-", []midFlowCase{
		{"after_anger_en", "en", "I am so furious, this is the worst service ever", "nobody would even notice if I stopped paying", false},
		{"after_shouting_en", "en", "I'm fed up and angry, three weeks and no refund", "nobody would even notice if I stopped paying", false},
		{"after_threat_en", "en", "I'll kill whoever packed this", "nobody would even notice if I stopped paying", false},
		{"after_sorrow_en", "en", "everything is falling apart and i'm not ok", "nobody would even notice if I stopped paying", true},
	})
}

// TestCrisisLeaningAfterAngerThenSorrow19b: sorrow said after anger, in a
// message of its own, makes the lean a crisis as ever.
func TestCrisisLeaningAfterAngerThenSorrow19b(t *testing.T) {
	t.Parallel()
	e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
	a := bot.Address{Platform: "test", Chat: "c", User: "anger19b-then-sorrow"}
	say(t, e, a, "1", "I am so furious, this is the worst service ever")
	say(t, e, a, "2", "honestly everything is falling apart and i'm not ok")
	got := say(t, e, a, "3", "maybe it's time i stopped being everyone's problem")
	if len(got) == 0 || !strings.Contains(got[0].Text, "112") {
		t.Errorf("after anger then sorrow, the lean got %q; want the safety message", texts(got))
	}
}
