package slack

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/adapters/slack/slackfake"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
)

// startSocket runs an Adapter in Socket Mode against fake.
func startSocket(t *testing.T, fake *slackfake.Server, cfg Config, h bot.Handler) *Adapter {
	t.Helper()
	cfg.AppToken = slackfake.AppToken
	cfg.SigningSecret = ""
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	a.sleep = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	runUntilCleanup(t, a, h)
	fake.WaitSocket(t)
	return a
}

// TestSocketMode: every envelope is acknowledged (events, presses, slash
// commands, and events carebot does not handle), and the conversation runs
// over the socket as over HTTP.
func TestSocketMode(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	rec := &bottest.Handler{Fn: func(_ context.Context, m bot.Message) ([]bot.Reply, error) {
		if m.Choice != "" {
			return []bot.Reply{{Text: "chose " + m.Choice}}, nil
		}
		return []bot.Reply{{Text: "Hello", Choices: []bot.Choice{{ID: "1:a", Label: "A"}}}}, nil
	}}
	startSocket(t, fake, testConfig(t, fake, newClaimer(0)), rec)

	dm := slackfake.DM("D1", "U1", "hi", "1700000000.000100")
	env := fake.SendEvent(t, "Ev1", dm)
	fake.WaitAck(t, env)
	q := fake.WaitMessages(t, "D1", 1)[0]

	// A redelivery of the same event (Slack had not seen our ack) is acked, not answered.
	fake.WaitAck(t, fake.SendEvent(t, "Ev1", dm))
	// Events carebot does not handle are still acknowledged.
	fake.WaitAck(t, fake.SendEvent(t, "Ev2", slackfake.BotDM("D1", "Hello", "1700000000.000200")))
	fake.WaitAck(t, fake.SendEvent(t, "Ev3", map[string]any{"type": "some_future_event", "ts": "1"}))
	// A slash command typed anywhere is answered in the person's DM.
	fake.WaitAck(t, fake.SendEnvelope(t, "slash_commands", slackfake.SlashCommand("/peer", "", "U5", "CGENERAL")))
	fake.WaitMessages(t, "DU5", 1)

	press := fake.SendInteraction(t, slackfake.Press("U1", q, q.Button(t, "A")))
	fake.WaitAck(t, press)
	fake.WaitMessages(t, "D1", 2)
	fake.Wait(t, "question updated", func() bool { return fake.Messages("D1")[0].Updates == 1 })

	if diff := cmp.Diff([]string{"Hello", "chose 1:a"}, textsIn(fake, "D1")); diff != "" {
		t.Errorf("D1 (-want +got):\n%s", diff)
	}
	got := rec.Messages()
	if len(got) != 3 {
		t.Fatalf("handler saw %d messages, want 3: %+v", len(got), got)
	}
	if cmd := got[1]; cmd.Text != "/peer" || cmd.From != (bot.Address{Platform: "slack", Chat: "DU5", User: "U5"}) {
		t.Errorf("slash command reached the handler as %+v", cmd)
	}
	if n := len(fake.Calls("apps.connections.open")); n != 1 {
		t.Errorf("apps.connections.open called %d times", n)
	}
}

// TestSocketModeRefusedAppToken: a refused app token ends Run with an error.
func TestSocketModeRefusedAppToken(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	cfg := testConfig(t, fake, newClaimer(0))
	cfg.AppToken = "xapp-wrong"
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Run(t.Context(), &bottest.Handler{}); err == nil {
		t.Error("Run succeeded with a refused app token")
	}
}
