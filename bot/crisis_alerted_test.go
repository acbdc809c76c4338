package bot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// alertDesk is a desk where nobody is staffed but the crisis team's
// channel can be alerted (bot.Alerter), as outside business hours.
type alertDesk struct{ staffer }

func (d *alertDesk) Alertable(context.Context, string) (bool, error) { return true, nil }

func (d *alertDesk) ops(op string) []bottestCall {
	var out []bottestCall
	for _, c := range d.Calls() {
		if c.Op == op {
			out = append(out, bottestCall{h: c.Handoff, text: c.Text})
		}
	}
	return out
}

type bottestCall struct {
	h    bot.Handoff
	text string
}

const (
	alertedLine = "I have alerted our team, but they may not be able to answer you right now."
	safetyLine  = "112"
	crisisText  = "I want to kill myself"
)

// TestCrisisAlertedKeepsOneTicket: a crisis outside business hours posts
// one urgent card; what follows (another crisis message, the person's
// words, an on-call agent taking the ticket) stays on that ticket: no
// second card, the words reach its thread, and the agent's hand-off keeps
// the ticket's ID and its urgency.
func TestCrisisAlertedKeepsOneTicket(t *testing.T) {
	t.Parallel()
	type step struct {
		msg        bot.Message
		want       []string // each is in the replies
		notWant    []string // none is in the replies
		relayed    string   // the last relay to the desk, "" for none this step
		wantOpened int      // urgent cards posted so far
	}
	taken := bot.Message{Event: bot.EventHandoffTaken, Text: "Sam"}
	for _, tc := range []struct {
		name  string
		steps []step
	}{
		{"taken then crisis again", []step{
			{msg: bot.Message{Text: crisisText}, want: []string{safetyLine, alertedLine}, wantOpened: 1},
			{msg: taken, want: []string{"Sam, from our team, is here with you now."}, wantOpened: 1},
			{msg: bot.Message{Text: crisisText}, want: []string{safetyLine}, notWant: []string{alertedLine, "alerting"}, relayed: crisisText, wantOpened: 1},
			{msg: bot.Message{Text: "are you there?"}, notWant: []string{alertedLine}, relayed: "are you there?", wantOpened: 1},
		}},
		{"crisis twice before anyone takes it", []step{
			{msg: bot.Message{Text: crisisText}, want: []string{safetyLine, alertedLine}, wantOpened: 1},
			{msg: bot.Message{Text: crisisText}, want: []string{safetyLine}, notWant: []string{"will reply", "will write"}, relayed: crisisText, wantOpened: 1},
			{msg: bot.Message{Text: "nobody answers"}, notWant: []string{"will reply", "will write"}, relayed: "nobody answers", wantOpened: 1},
			{msg: taken, want: []string{"Sam, from our team, is here with you now."}, wantOpened: 1},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d := &alertDesk{staffer: staffer{staffed: map[string]bool{}}}
			store := memstore.New(memstore.Config{})
			e := newEngine(t, store, func(c *bot.Config) { c.Desk = d })
			a := bot.Address{Platform: "telegram", Chat: "1", User: "1"}
			relays := 0
			for i, st := range tc.steps {
				m := st.msg
				m.From, m.ID, m.Lang = a, string(rune('a'+i)), "en"
				rs, err := e.HandleMessage(t.Context(), m)
				if err != nil {
					t.Fatal(err)
				}
				got := texts(rs)
				for _, w := range st.want {
					if !strings.Contains(got, w) {
						t.Errorf("step %d (%q): replies %q lack %q", i, m.Text, got, w)
					}
				}
				for _, w := range st.notWant {
					if strings.Contains(got, w) {
						t.Errorf("step %d (%q): replies %q say %q", i, m.Text, got, w)
					}
				}
				opened := d.ops("opened")
				if len(opened) != st.wantOpened {
					t.Fatalf("step %d (%q): %d urgent cards posted, want %d: %+v", i, m.Text, len(opened), st.wantOpened, opened)
				}
				rel := d.ops("relayed")
				switch {
				case st.relayed == "" && len(rel) != relays:
					t.Errorf("step %d (%q): relayed %+v, want nothing", i, m.Text, rel[relays:])
				case st.relayed != "" && (len(rel) != relays+1 || rel[len(rel)-1].text != st.relayed):
					t.Errorf("step %d (%q): relays %+v, want one more with %q", i, m.Text, rel, st.relayed)
				case st.relayed != "" && rel[len(rel)-1].h.ID != opened[0].h.ID:
					t.Errorf("step %d: relayed to hand-off %s, want the alerted ticket %s", i, rel[len(rel)-1].h.ID, opened[0].h.ID)
				}
				relays = len(rel)
			}
			if d := d.ops("withdrawn"); len(d) != 0 {
				t.Errorf("withdrawn %+v", d)
			}
			s := session(t, store, a)
			first := d.ops("opened")[0].h
			if h := s.Handoff; h == nil || h.ID != first.ID || h.Priority != bot.PriorityUrgent || h.Status != bot.HandoffTaken || h.Agent != "Sam" {
				t.Errorf("session hand-off %+v, want the urgent ticket %s taken by Sam", h, first.ID)
			}
		})
	}
}
