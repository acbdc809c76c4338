package desk_test

import (
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
)

// TestAgentSilenceRaces25: the holder's silence across what happens at
// the same moment elsewhere (another replica, the agent's Slack, the
// person's phone).
func TestAgentSilenceRaces25(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		run  func(t *testing.T, r *silenceRig)
	}{
		// The second period ends while nobody can come, and Camille answers
		// at that very moment: her answer reached the person, so the
		// conversation is hers still. Before, the ticket closed as silent
		// anyway and the person, just answered by Camille, heard "nobody
		// will reply to you here".
		{"answer_as_nobody_can_come", func(t *testing.T, r *silenceRig) {
			tk := r.escalate(t, "p", "I need to speak to a human")
			r.take(t, tk, "UCAMILLE", "Camille")
			r.say(t, "p", "hello?")
			r.after(t, "p", 10*time.Minute+time.Second)
			r.present.Store(false)
			r.onPresent = func() { r.agentSays(t, tk, "UCAMILLE", "Sorry, I'm here now") }
			if got := r.after(t, "p", 10*time.Minute); strings.Contains(got, endedEN) {
				t.Errorf("Camille answered as the wait ended, the person heard %q", got)
			}
			if got := r.ticket(t, tk.ID); got.Status != bot.HandoffTaken || got.AgentID != "UCAMILLE" {
				t.Errorf("ticket %s held by %q (outcome %q), want taken by Camille", got.Status, got.AgentID, got.Outcome)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.run(t, newSilenceRig(t))
		})
	}
}
