package desk_test

import (
	"net/http"
	"testing"

	"github.com/carebot/carebot/adapters/slack/slackfake"
)

// agentEdits sends the message_changed event of agent editing their
// thread message ts (under card) to text, as Slack does in a channel.
func agentEdits(t *testing.T, p *proc, agent string, card slackfake.Message, ts, text string) {
	t.Helper()
	ev := map[string]any{
		"type": "message", "subtype": "message_changed", "channel": deskChan, "channel_type": "channel",
		"hidden": true, "ts": ts + "9", "event_ts": ts + "9",
		"message": map[string]any{
			"type": "message", "user": agent, "text": text, "ts": ts, "thread_ts": card.TS,
			"edited": map[string]any{"user": agent, "ts": ts + "9"},
		},
	}
	res, err := p.send.Event(t.Context(), "EvEdit"+ts, ev)
	if err != nil || res.Status != http.StatusOK {
		t.Fatalf("edit: %v %+v", err, res)
	}
}

// TestE2EAgentEditNotRelayed24: Camille wrote "your refund is 500 €" in
// the thread, saw the mistake and edited it to "50 €" in Slack. The person
// kept reading 500 € and Camille was told nothing (Slack's edit event was
// dropped without a word; seen on the Slack desk, desk24). An edit cannot
// reach a Telegram message already sent, so the agent is now told,
// privately, that the person read the first version and that a correction
// must be a new message; the person still gets exactly one message.
func TestE2EAgentEditNotRelayed24(t *testing.T) {
	t.Parallel()
	w, p, card := escalated(t)
	press(t, p, "UCAMILLE", card, "Take it")
	w.waitSent(t, customer, "Camille, from our team")
	ts := agentSays(t, p, "UCAMILLE", card, "your refund is 500 €")
	w.waitSent(t, customer, "Camille: your refund is 500 €")
	agentEdits(t, p, "UCAMILLE", card, ts, "your refund is 50 €")
	w.waitEphemeral(t, "UCAMILLE", "Edits do not reach the person")
	if n := countContaining(w.sentTexts(customer), "your refund is"); n != 1 {
		t.Errorf("the person got %d versions of the agent's message, want 1", n)
	}
}
