package flow_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestBuiltinSimpleVariants: every question of the built-in flows (each
// choose and ask text, an ask's re-prompt) and every hand-off message has
// a simple variant in every language, for people who need plainer words.
// Load already checked that each has the same slots and no new promise.
func TestBuiltinSimpleVariants(t *testing.T) {
	t.Parallel()
	set, err := flow.Load(os.DirFS("../../flows"))
	if err != nil {
		t.Fatalf("the built-in flows have problems:\n%v", err)
	}
	var missing []string
	need := func(f *flow.Flow, st *flow.Step, what string, txt flow.Text) {
		if txt.IsZero() {
			return
		}
		for _, lang := range set.Common.Languages {
			if txt.Simple[lang] == "" {
				missing = append(missing, fmt.Sprintf("%s:%d:%d: step %q: the %s has no simple %q variant", f.File, txt.Pos.Line, txt.Pos.Col, st.ID, what, lang))
			}
		}
	}
	for _, id := range set.Order {
		f := set.Flows[id]
		for _, st := range f.Steps {
			switch {
			case st.Choose != nil:
				need(f, st, "choose text", st.Choose.Text)
			case st.Ask != nil:
				need(f, st, "ask text", st.Ask.Text)
				need(f, st, "invalid text", st.Ask.Invalid)
			case st.Handoff != nil:
				need(f, st, "handoff text", st.Handoff.Text)
				need(f, st, "handoff closed text", st.Handoff.Closed)
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d texts lack a simple variant:\n%s", len(missing), strings.Join(missing, "\n"))
	}
}
