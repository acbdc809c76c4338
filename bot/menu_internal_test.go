package bot

import (
	"os"
	"slices"
	"testing"
	"time"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/nlu"
)

// TestMenuClarify: free text at the welcome menu is routed as when no flow
// runs: a close call gets the clarifying question with both flows, a clear
// one its flow, even below the confidence that leaves a question inside a
// flow; not "pick one". The analysis is given, so the test does not depend
// on the router.
func TestMenuClarify(t *testing.T) {
	t.Parallel()
	e := mustTableEngine(t, os.DirFS("../flows"), nil)
	start := e.Flows().Common.StartFlow
	tests := []struct {
		name        string
		an          nlu.Analysis
		wantPending Pending
		wantOptions []string
		wantFlow    string // "" stays at the menu
	}{
		{"close_call", nlu.Analysis{Flow: "order_problem", Category: flow.CategoryOrderDelivery, Confidence: 0.5, Alternative: "account_access"}, PendingClarify, []string{"order_problem", "account_access"}, ""},
		{"clear_call", nlu.Analysis{Flow: "order_problem", Category: flow.CategoryOrderDelivery, Confidence: 0.6}, "", nil, "order_problem"},
		{"unknown_alternative", nlu.Analysis{Flow: "order_problem", Category: flow.CategoryOrderDelivery, Confidence: 0.5, Alternative: "no_such_flow"}, "", nil, "order_problem"},
		{"close_to_the_menu_itself", nlu.Analysis{Flow: "order_problem", Category: flow.CategoryOrderDelivery, Confidence: 0.5, Alternative: start}, "", nil, start},
		{"out_of_scope", nlu.Analysis{Category: flow.CategoryOutOfScope, Confidence: 0.9}, "", nil, start},
		{"unknown_command", nlu.Analysis{Flow: "order_problem", Category: flow.CategoryOrderDelivery, Confidence: 0.6}, "", nil, start},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := &Session{}
			now := time.Unix(1_700_000_000, 0)
			e.advance(s, Message{Text: "/start"}, "/start", nlu.Analysis{Lang: "en"}, now, false, nil)
			if s.Flow != start {
				t.Fatalf("after /start: flow %q, want %q", s.Flow, start)
			}
			step := s.Step
			tt.an.Lang = "en"
			text := "some words"
			if tt.name == "unknown_command" {
				text = "/ordre"
			}
			r := e.advance(s, Message{Text: text}, text, tt.an, now, false, nil)
			if s.Pending != tt.wantPending || !slices.Equal(s.Options, tt.wantOptions) {
				t.Errorf("pending %q options %v, want %q %v (replies %+v)", s.Pending, s.Options, tt.wantPending, tt.wantOptions, r.replies)
			}
			switch {
			case tt.wantFlow == start && (s.Flow != start || s.Step != step):
				t.Errorf("left the menu for %s/%s", s.Flow, s.Step)
			case tt.wantFlow != start && tt.wantFlow != "" && s.Flow != tt.wantFlow:
				t.Errorf("flow %q, want %q", s.Flow, tt.wantFlow)
			}
		})
	}
}

// TestClarifyHearsTheFeelingFirst: a close call said with a feeling ("my
// parcel never arrived and I am really upset") names the feeling before
// the clarifying question, as a flow's first step would: listen before
// solving. The flow then chosen does not name it a second time.
func TestClarifyHearsTheFeelingFirst(t *testing.T) {
	t.Parallel()
	e := mustTableEngine(t, os.DirFS("../flows"), nil)
	now := time.Unix(1_700_000_000, 0)
	for _, tt := range []struct {
		name string
		sig  nlu.Signals
		ack  string
	}{
		{"distress", nlu.Signals{Distress: true}, flow.MsgAckDistress},
		{"anger", nlu.Signals{Anger: true, Distress: true}, flow.MsgAckAnger},
		{"calm", nlu.Signals{}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := &Session{}
			e.advance(s, Message{Text: "/start"}, "/start", nlu.Analysis{Lang: "en"}, now, false, nil)
			an := nlu.Analysis{Lang: "en", Flow: "order_problem", Category: flow.CategoryOrderDelivery, Confidence: 0.5, Alternative: "reassurance", Signals: tt.sig}
			r := e.advance(s, Message{Text: "some words"}, "some words", an, now, false, nil)
			if s.Pending != PendingClarify {
				t.Fatalf("pending %q, want the clarifying question (replies %+v)", s.Pending, r.replies)
			}
			clarify := e.message(flow.MsgClarify, "en", nil)
			var texts []string
			for _, rep := range r.replies {
				texts = append(texts, rep.Text)
			}
			want := []string{clarify}
			if tt.ack != "" {
				want = []string{e.message(tt.ack, "en", nil), clarify}
			}
			if !slices.Equal(texts, want) {
				t.Errorf("replies %q, want %q", texts, want)
			}
			r = e.advance(s, Message{Text: "1"}, "1", nlu.Analysis{Lang: "en"}, now, false, nil)
			if s.Flow != "order_problem" {
				t.Fatalf("after pressing 1: flow %q, want order_problem", s.Flow)
			}
			for _, rep := range r.replies {
				if tt.ack != "" && rep.Text == e.message(tt.ack, "en", nil) {
					t.Errorf("the feeling named twice in a row: %q", rep.Text)
				}
			}
		})
	}
}
