package slack

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/carebot/carebot/adapters/slack/slackfake"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/desk"
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
