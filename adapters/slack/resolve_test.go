package slack

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/adapters/slack/slackfake"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
)

// runSocket runs a (desk-wired) Adapter in Socket Mode against fake until
// the test ends.
func runSocket(t *testing.T, fake *slackfake.Server, a *Adapter, h bot.Handler) {
	t.Helper()
	a.sleep = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	runUntilCleanup(t, a, h)
	fake.WaitSocket(t)
}

// fakeDesk is a DeskHandler that records /resolve and answers as scripted.
type fakeDesk struct {
	mu     sync.Mutex
	calls  []string // "channel agent"
	held   []string
	notice string
}

func (d *fakeDesk) Take(context.Context, string, string, string) (string, bool, error) {
	return "", false, nil
}

func (d *fakeDesk) AgentMessage(context.Context, string, string, string, string) (string, error) {
	return "", nil
}

func (d *fakeDesk) Resolve(context.Context, string, string, string) (string, error) { return "", nil }

func (d *fakeDesk) Cancel(context.Context, string, string) (string, error) { return "", nil }

func (d *fakeDesk) ResolveHeld(_ context.Context, channel, agent string) ([]string, string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls = append(d.calls, channel+" "+agent)
	return d.held, d.notice, nil
}

func (d *fakeDesk) resolveCalls() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.calls...)
}

// TestResolveCommandSocketMode: /resolve over Socket Mode. In a desk
// channel it goes to the desk and the agent is answered privately there;
// elsewhere the acknowledgement itself answers, and the desk is not asked.
func TestResolveCommandSocketMode(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	d := &fakeDesk{held: []string{"Telegram customer · conversation abc", "Slack employee · conversation def"}, notice: "several_held"}
	cfg := testConfig(t, fake, newClaimer(0))
	cfg.AppToken = slackfake.AppToken
	cfg.SigningSecret = ""
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	a.SetDesk(d, []string{"CDESK"}, nil)
	runSocket(t, fake, a, &recorder{})

	env := fake.SendEnvelope(t, "slash_commands", slackfake.SlashCommand(ResolveCommand, "", "UAGENT", "CDESK"))
	fake.WaitAck(t, env)
	fake.Wait(t, "the agent's answer", func() bool { return len(fake.Ephemerals()) == 1 })
	e := fake.Ephemerals()[0]
	if e.Channel != "CDESK" || e.User != "UAGENT" || !strings.Contains(e.Text, "none was resolved") ||
		!strings.Contains(e.Text, "• Telegram customer · conversation abc\n• Slack employee · conversation def") {
		t.Errorf("answer = %+v", e)
	}
	if got := d.resolveCalls(); len(got) != 1 || got[0] != "CDESK UAGENT" {
		t.Errorf("ResolveHeld calls = %q", got)
	}
	if p := fake.AckPayload(env); len(p) != 0 && string(p) != "null" {
		t.Errorf("ack payload in the desk channel = %s, want none", p)
	}

	env = fake.SendEnvelope(t, "slash_commands", slackfake.SlashCommand(ResolveCommand, "", "UAGENT", "CGENERAL"))
	fake.WaitAck(t, env)
	var answer struct {
		ResponseType string `json:"response_type"`
		Text         string `json:"text"`
	}
	if err := json.Unmarshal(fake.AckPayload(env), &answer); err != nil {
		t.Fatalf("ack payload %s: %v", fake.AckPayload(env), err)
	}
	if answer.ResponseType != "ephemeral" || !strings.Contains(answer.Text, "works in the hand-off desk channel") {
		t.Errorf("answer outside the desk = %+v", answer)
	}
	if got := d.resolveCalls(); len(got) != 1 {
		t.Errorf("the desk was asked about /resolve outside its channels: %q", got)
	}
}

func TestResolveAnswer(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		notice string
		held   []string
		want   string
	}{
		{"", []string{"Telegram customer · conversation abc"}, "✅ Resolved: Telegram customer · conversation abc. The person got"},
		{"none_held", nil, "You hold no open conversation in this channel"},
		{"several_held", []string{"a", "b"}, "none was resolved:\n• a\n• b\nPress *Resolve*"},
		{"closed", []string{"a"}, "already closed"},
		{"error", nil, "did not work"},
	} {
		a := &Adapter{cfg: Config{Texts: bottest.MustFlows(t), DefaultLang: "en"}}
		if got := a.resolveAnswer(tc.notice, tc.held); !strings.Contains(got, tc.want) {
			t.Errorf("resolveAnswer(%q, %q) = %q, want it to contain %q", tc.notice, tc.held, got, tc.want)
		}
	}
}
