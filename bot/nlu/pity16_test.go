package nlu

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestPitySettledByAPlan: a pity settled by a plan said with it ("what a
// shame, I'll order next week", "too bad, I'll try again", "pity, I'll
// just wait") is a customer who shrugs and comes back: no distress heard.
// A pity alone ("what a shame.") or with a sorrow of its own ("what a
// shame, I've been crying all day") is still heard, and so is "it's bad,
// I'll try again", which is no pity. A guard on "what a shame" once cost
// real sadness rows; make eval's distress figures did not move. 6 of the
// 7 settled rows raised distress before.
func TestPitySettledByAPlan(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		text string
		felt bool
	}{
		{"what a shame, I'll order next week", false},
		{"too bad, I'll try again tomorrow", false},
		{"pity, I'll order it next month instead", false},
		{"that's a pity, I'll just wait", false},
		{"shame it's sold out, I'll wait for the restock", false},
		{"such a shame, I will check back on friday", false},
		{"oh well, never mind then, maybe next time", false},

		{"what a shame.", true},
		{"too bad", true},
		{"what a shame, I've been crying all day over this", true},
		{"it's such a shame, I'm heartbroken, it was for my late dad", true},
		{"it's bad, I'll try again", true},
	} {
		t.Run(tt.text, func(t *testing.T) {
			t.Parallel()
			a := m.AnalyzeFor(flow.AudienceCustomer, "en", tt.text)
			if got := a.Signals.felt(); got != tt.felt {
				t.Errorf("%q: feeling heard %v, want %v (%+v)", tt.text, got, tt.felt, a.Signals)
			}
		})
	}
}
