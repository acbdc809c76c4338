package slack

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/adapters/slack/slackfake"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/desk"
	"github.com/carebot/carebot/bot/memstore"
)

func TestDeskBlocks(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		card    desk.Card
		buttons []string
		here    bool
	}{
		{"waiting", desk.Card{Ticket: "t1", Title: "Normal", Lines: []string{"Asked: <!channel> & <@U1>"}, State: bot.HandoffWaiting}, []string{"Take it"}, false},
		{"urgent", desk.Card{Ticket: "t2", Title: "URGENT", Urgent: true, State: bot.HandoffWaiting}, []string{"Take it"}, true},
		{"taken", desk.Card{Ticket: "t3", Title: "x", State: bot.HandoffTaken}, []string{"Resolve", "Back to the bot"}, false},
		{"closed", desk.Card{Ticket: "t4", Title: "x", State: bot.HandoffClosed}, nil, false},
	} {
		a := &Adapter{client: client{cfg: Config{Texts: bottest.MustFlows(t), DefaultLang: "en"}}}
		txt, blocks := deskBlocks(tc.card, a.deskButtons())
		raw, err := json.Marshal(blocks)
		if err != nil {
			t.Fatal(err)
		}
		m := slackfake.Message{Text: txt, Blocks: raw}
		var labels []string
		for _, b := range m.Buttons() {
			labels = append(labels, b.Label)
			if b.Value != tc.card.Ticket {
				t.Errorf("%s: button value %q", tc.name, b.Value)
			}
		}
		if strings.Join(labels, ",") != strings.Join(tc.buttons, ",") {
			t.Errorf("%s: buttons %v, want %v", tc.name, labels, tc.buttons)
		}
		if got := strings.HasPrefix(txt, "<!here>"); got != tc.here {
			t.Errorf("%s: @here = %v", tc.name, got)
		}
		// A person's words never become a mention.
		if body := m.BlockText(); strings.Contains(body, "<!channel>") || strings.Contains(body, "<@U1>") {
			t.Errorf("%s: unescaped mention in %q", tc.name, body)
		}
	}
}

func TestAgentName(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	fake.SetProfile("UA", "Camille Martin", "Camille")
	fake.SetProfile("UB", "Jean Dupont", "")
	cfg := Config{BotToken: slackfake.BotToken, SigningSecret: "s", APIURL: fake.URL, HTTPClient: fake.Client(), Texts: bottest.MustFlows(t)}
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ds := &deskState{names: map[string]string{"UC": "Sam"}}
	for user, want := range map[string]string{"UA": "Camille", "UB": "Jean", "UC": "Sam", "UD": "Someone from our team"} {
		if got := a.agentName(t.Context(), ds, user); got != want {
			t.Errorf("agentName(%s) = %q, want %q", user, got, want)
		}
	}
}

// heldDesk is a real desk on a store in memory where UAGENT holds the
// conversations of who in CDESK.
func heldDesk(t *testing.T, who ...bot.Address) (*desk.Desk, []string) {
	t.Helper()
	store := memstore.NewDeskStore(nil)
	d, err := desk.New(desk.Config{Store: store, Board: nopBoard{}, Texts: bottest.MustFlows(t), DefaultChannel: "CDESK"})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for i, a := range who {
		id := fmt.Sprint("h", i)
		taken := time.Date(2026, 12, 5, 9, i, 0, 0, time.UTC)
		if _, err := store.UpdateTicket(t.Context(), id, func(tk *desk.Ticket) error {
			*tk = desk.Ticket{ID: id, Handoff: id, Address: a, Queue: "general", Channel: "CDESK", Status: bot.HandoffTaken,
				AgentID: "UAGENT", AgentName: "Jean", Opened: taken, Taken: taken}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, "conversation "+a.Hash())
	}
	return d, lines
}

type nopBoard struct{}

func (nopBoard) Post(context.Context, desk.Card) (string, error) { return "", nil }
func (nopBoard) Update(context.Context, string, desk.Card) error { return nil }
func (nopBoard) Reply(context.Context, string, string) error     { return nil }

// TestResolveCommandSocketMode: /resolve over Socket Mode. In a desk
// channel it goes to the desk and the agent is answered privately there;
// elsewhere the acknowledgement itself answers, and the desk is not asked.
func TestResolveCommandSocketMode(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	d, held := heldDesk(t, bot.Address{Platform: "telegram", Chat: "1", User: "1"}, bot.Address{Platform: "slack", Chat: "D1", User: "U1"})
	cfg := testConfig(t, fake, newClaimer(0))
	cfg.Desk, cfg.DeskChannels = d, []string{"CDESK"}
	startSocket(t, fake, cfg, &bottest.Handler{})

	env := fake.SendEnvelope(t, "slash_commands", slackfake.SlashCommand(desk.ResolveCommand, "", "UAGENT", "CDESK"))
	fake.WaitAck(t, env)
	fake.Wait(t, "the agent's answer", func() bool { return len(fake.Ephemerals()) == 1 })
	e := fake.Ephemerals()[0]
	if e.Channel != "CDESK" || e.User != "UAGENT" || !strings.Contains(e.Text, "none was resolved") ||
		!strings.Contains(e.Text, "• Telegram") || !strings.Contains(e.Text, held[0]) || !strings.Contains(e.Text, held[1]) {
		t.Errorf("answer = %+v, want both held conversations %q", e, held)
	}
	if p := fake.AckPayload(env); len(p) != 0 && string(p) != "null" {
		t.Errorf("ack payload in the desk channel = %s, want none", p)
	}

	env = fake.SendEnvelope(t, "slash_commands", slackfake.SlashCommand(desk.ResolveCommand, "", "UAGENT", "CGENERAL"))
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
	if got := fake.Ephemerals(); len(got) != 1 {
		t.Errorf("the desk answered /resolve outside its channels: %+v", got)
	}
}

func TestResolveAnswer(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		notice desk.Notice
		held   []string
		want   string
	}{
		{"", []string{"Telegram customer · conversation abc"}, "✅ Resolved: Telegram customer · conversation abc. The person got"},
		{"none_held", nil, "You hold no open conversation in this channel"},
		{"several_held", []string{"a", "b"}, "none was resolved:\n• a\n• b\nPress *Resolve*"},
		{"closed", []string{"a"}, "already closed"},
		{"error", nil, "did not work"},
	} {
		a := &Adapter{client: client{cfg: Config{Texts: bottest.MustFlows(t), DefaultLang: "en"}}}
		if got := a.resolveAnswer(tc.notice, tc.held); !strings.Contains(got, tc.want) {
			t.Errorf("resolveAnswer(%q, %q) = %q, want it to contain %q", tc.notice, tc.held, got, tc.want)
		}
	}
}
