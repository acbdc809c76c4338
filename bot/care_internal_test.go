package bot

import (
	"context"
	"io/fs"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/nlu"
	"github.com/carebot/carebot/flows"
)

// careEngine is an engine on the built-in flows, for advance's table
// tests. The analyses are written by hand, so these tests do not depend on
// how well the detectors read real messages.
var careEngine = sync.OnceValues(func() (*Engine, error) { return tableEngine(flows.FS, NopDesk{}) })

// tableEngine is an engine on the flows of fsys for advance's table tests,
// which never use its store.
func tableEngine(fsys fs.FS, desk Desk) (*Engine, error) {
	set, err := flow.Load(fsys)
	if err != nil {
		return nil, err
	}
	return New(Config{Flows: set, Store: nopStore{}, Desk: desk})
}

func mustCareEngine(t *testing.T) *Engine {
	t.Helper()
	e, err := careEngine()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// mustTableEngine is tableEngine, failing the test if it cannot be built.
func mustTableEngine(t *testing.T, fsys fs.FS, desk Desk) *Engine {
	t.Helper()
	e, err := tableEngine(fsys, desk)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// advanceAs runs advance on a copy of before (whose signals it does not
// share) with m from a person of the test platform, at careNow.
func (e *Engine) advanceAs(before Session, m Message, an nlu.Analysis) (Session, result) {
	s := before
	s.Signals.Vulnerable = slices.Clone(s.Signals.Vulnerable)
	m.From = Address{Platform: "test", Chat: "c", User: "u"}
	res := e.advance(&s, m, Sanitize(m.Text), an, careNow, false, nil)
	return s, res
}

// nopStore is never used: the table tests call advance directly.
type nopStore struct{}

func (nopStore) Update(context.Context, Address, func(*Session) error) error { return nil }
func (nopStore) Delete(context.Context, Address) error                       { return nil }
func (nopStore) Ping(context.Context) error                                  { return nil }

var careNow = time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)

// TestCareSignalsLast: what a person said of themselves (their age, a
// pregnancy, a disability) and distress stay with the conversation when
// its business ends: "menu", "cancel", "stop", the end of a flow, a
// withdrawn or closed hand-off, a crisis. Anger and anxiety are about the
// matter at hand and end with it.
func TestCareSignalsLast(t *testing.T) {
	t.Parallel()
	e := mustCareEngine(t)
	senior := Signals{Vulnerable: []string{"senior"}}
	tests := []struct {
		name   string
		before Session
		m      Message
		an     nlu.Analysis
		want   Signals
	}{
		{
			name:   "menu_mid_question",
			before: Session{Lang: "en", Flow: "order_problem", Step: "ask_order", Ask: 3, Signals: senior},
			m:      Message{Text: "menu"},
			want:   senior,
		},
		{
			name:   "cancel_command",
			before: Session{Lang: "en", Flow: "billing_problem", Step: "start", Signals: Signals{Vulnerable: []string{"pregnant", "disabled"}}},
			m:      Message{Text: "/cancel"},
			want:   Signals{Vulnerable: []string{"pregnant", "disabled"}},
		},
		{
			name:   "stop_in_french",
			before: Session{Lang: "fr", Flow: "order_problem", Step: "ask_order", Ask: 2, Signals: Signals{Distress: true}},
			m:      Message{Text: "annuler"},
			want:   Signals{Distress: true},
		},
		{
			name:   "anger_and_anxiety_end_with_the_matter",
			before: Session{Lang: "en", Flow: "order_problem", Step: "ask_order", Ask: 2, Signals: Signals{Distress: true, Anger: true, Anxiety: true, Vulnerable: []string{"senior"}}},
			m:      Message{Text: "stop"},
			want:   Signals{Distress: true, Vulnerable: []string{"senior"}},
		},
		{
			name:   "end_of_flow",
			before: Session{Lang: "en", Flow: "order_problem", Step: "send", Ask: 5, Slots: map[string]string{"order": "AB-123456"}, Signals: senior},
			m:      Message{Choice: "5:c:not_now"},
			want:   senior,
		},
		{
			name: "handoff_withdrawn",
			before: Session{Lang: "en", Flow: "human", Step: "start", Signals: senior,
				Handoff: &Handoff{ID: "h1", Queue: "general", Priority: PriorityHigh, Status: HandoffWaiting, Flow: "human", Step: "start"}},
			m:    Message{Text: "cancel"},
			want: senior,
		},
		{
			name: "handoff_closed",
			before: Session{Lang: "en", Signals: Signals{Distress: true},
				Handoff: &Handoff{ID: "h1", Queue: "general", Priority: PriorityHigh, Status: HandoffTaken, Flow: "human", Step: "start"}},
			m:    Message{Event: EventHandoffClosed},
			want: Signals{Distress: true},
		},
		{
			name:   "taken_after_the_bot_resumed",
			before: Session{Lang: "en", Flow: "order_problem", Step: "ask_order", Signals: senior},
			m:      Message{Event: EventHandoffTaken, Text: "Sam"},
			want:   senior,
		},
		{
			name:   "crisis_is_distress_for_the_rest_of_the_conversation",
			before: Session{Lang: "en", Flow: "order_problem", Step: "ask_order", Signals: senior},
			m:      Message{Text: "(a crisis)"},
			an:     nlu.Analysis{Signals: nlu.Signals{Crisis: true}},
			want:   Signals{Distress: true, Sorrow: true, Vulnerable: []string{"senior"}},
		},
		{
			name:   "new_signal_joins_the_old",
			before: Session{Lang: "en", Flow: "order_problem", Step: "ask_order", Ask: 2, Signals: senior},
			m:      Message{Text: "stop, I'm pregnant"},
			an:     nlu.Analysis{Signals: nlu.Signals{Vulnerable: []string{"pregnant"}}},
			want:   Signals{Vulnerable: []string{"senior", "pregnant"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, _ := e.advanceAs(tt.before, tt.m, tt.an)
			if diff := cmp.Diff(tt.want, s.Signals); diff != "" {
				t.Errorf("signals after %q (-want +got):\n%s", tt.m.Text+tt.m.Choice+string(tt.m.Event), diff)
			}
		})
	}
}

// TestCareSignalsKeepPriority: a person who said they are older, pregnant,
// disabled or in distress, then went back to the menu, still gets a high
// priority when they ask for a person.
func TestCareSignalsKeepPriority(t *testing.T) {
	t.Parallel()
	e := mustCareEngine(t)
	for _, sig := range []Signals{
		{Vulnerable: []string{"senior"}},
		{Vulnerable: []string{"pregnant"}},
		{Vulnerable: []string{"disabled"}},
		{Distress: true},
	} {
		s := Session{Lang: "en", Flow: "order_problem", Step: "ask_order", Ask: 2, Signals: sig}
		from := Address{Platform: "test", Chat: "c", User: "u"}
		e.advance(&s, Message{ID: "1", From: from, Text: "menu"}, "menu", nlu.Analysis{}, careNow, false, nil)
		res := e.advance(&s, Message{ID: "2", From: from, Text: "a person please"}, "a person please", nlu.Analysis{Escalate: true}, careNow.Add(time.Minute), false, nil)
		if res.handoff == nil {
			t.Fatalf("%+v: asking for a person after the menu opened no hand-off", sig)
		}
		if res.handoff.Priority != PriorityHigh {
			t.Errorf("%+v: hand-off priority after the menu = %s, want high", sig, res.handoff.Priority)
		}
		if diff := cmp.Diff(sig, res.handoff.Signals); diff != "" {
			t.Errorf("the agent's summary lost the signals (-want +got):\n%s", diff)
		}
	}
}
