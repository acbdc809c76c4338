package nlu

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestJoyIsNotAngerNorDistress24: "fuck yeah, the refund came through"
// was heard as anger (a cheer sworn: [praise22] lacked "yeah", "yes"),
// and « je vais craquer, le pull est trop beau » as distress (« craquer »
// is giving in to a thing one wants as often as breaking down: tempted).
// Sarcasm, a trouble named, a thanks for help and « je vais craquer »
// alone are heard as before.
func TestJoyIsNotAngerNorDistress24(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text      string
		anger, distress bool
	}{
		{"en", "fuck yeah, the refund came through", false, false},
		{"en", "hell yes, finally it arrived", false, false},
		{"en", "I'm going to cave, those boots are gorgeous", false, false},
		{"fr", "je vais craquer, le pull est trop beau", false, false},
		{"fr", "je vais craquer, ils sont trop mignons ces coussins", false, false},
		{"fr", "putain ouais, le remboursement est arrivé", false, false},
		// As before.
		{"en", "fuck yes, another delay", true, false},
		{"en", "yes I'm fucking furious", true, true},
		{"fr", "je vais craquer", false, true},
		{"fr", "je vais craquer, merci de votre aide", false, true},
		{"fr", "je vais craquer, encore un retard", false, true},
		{"fr", "putain, encore un retard", true, false},
	} {
		t.Run(tt.lang+"_"+tt.text, func(t *testing.T) {
			t.Parallel()
			a := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text)
			if a.Signals.Anger != tt.anger || a.Signals.Distress != tt.distress {
				t.Errorf("%s %q: anger %v distress %v, want %v %v (signals %+v)", tt.lang, tt.text, a.Signals.Anger, a.Signals.Distress, tt.anger, tt.distress, a.Signals)
			}
		})
	}
}
