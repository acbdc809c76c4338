package nlu

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestColleagueAskingForAPersonIsHeard: a colleague's request for a person
// gives way only to peer support, the employees' flow that brings one (a
// colleague, with consent). Sent by the router to the breathing pause (a
// flow of the same category, for anyone), the request was dropped: « juste
// besoin de souffler, un humain svp » got a breathing exercise and nobody.
func TestColleagueAskingForAPersonIsHeard(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		escalate   bool
	}{
		{"fr", "juste besoin de souffler, un humain svp", true},
		{"en", "I just need to breathe, a human please", true},
		{"en", "can I talk to a real person, I need to breathe", true},
		// Peer support brings a person itself: its request is its own.
		{"en", "I need to talk to a colleague about a customer who screamed at me", false},
	} {
		a := m.AnalyzeFor(flow.AudienceEmployee, tt.lang, tt.text)
		if a.Escalate != tt.escalate {
			t.Errorf("%s %q: escalate %v (flow %q, %s), want %v", tt.lang, tt.text, a.Escalate, a.Flow, a.Category, tt.escalate)
		}
	}
}
