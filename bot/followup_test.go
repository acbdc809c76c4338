package bot_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/memstore"
)

func TestHoursNext(t *testing.T) {
	t.Parallel()
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skipf("no tz database: %v", err)
	}
	// 2026-03-02 is a Monday.
	utc := func(d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, time.UTC) }
	h := bot.Hours{Zone: time.UTC, Closed: []time.Weekday{time.Sunday}}
	tests := []struct {
		name   string
		at     time.Time
		loc    *time.Location
		person bool
		want   time.Time
	}{
		{"inside", utc(2, 10, 0), nil, false, utc(2, 10, 0)},
		{"before_nine", utc(2, 7, 30), nil, false, utc(2, 9, 0)},
		{"at_eight_pm", utc(2, 20, 0), nil, false, utc(3, 9, 0)},
		{"late_night", utc(2, 23, 0), nil, false, utc(3, 9, 0)},
		{"person_zone", utc(2, 7, 30), paris, false, utc(2, 8, 0)}, // 09:00 in Paris
		{"person_zone_evening", utc(2, 19, 30), paris, false, utc(3, 8, 0)},
		{"saturday_night_closed_sunday", utc(7, 21, 0), nil, true, utc(9, 9, 0)},
		{"saturday_night_no_person_needed", utc(7, 21, 0), nil, false, utc(8, 9, 0)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := h.Next(tc.at, tc.loc, tc.person); !got.Equal(tc.want) {
				t.Errorf("Next(%v) = %v, want %v", tc.at, got.UTC(), tc.want)
			}
		})
	}
}

// recSender records what it is asked to send, and fails when told.
type recSender struct {
	mu   sync.Mutex
	sent []bot.Reply
	err  error
}

func (s *recSender) Send(_ context.Context, _ bot.Address, rs []bot.Reply) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return s.err
	}
	s.sent = append(s.sent, rs...)
	return nil
}

// ticker builds the scheduler of cfg, with snd (if any) to send on
// telegram, and returns its Tick, which fails the test on error.
func ticker(t *testing.T, cfg bot.SchedulerConfig, snd bot.Sender) (tick func()) {
	t.Helper()
	if snd != nil {
		cfg.Senders = map[string]bot.Sender{"telegram": snd}
	}
	s, err := bot.NewScheduler(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return func() {
		t.Helper()
		if _, err := s.Tick(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
}

type careLog struct {
	mu  sync.Mutex
	evs []bot.CareEvent
}

func (c *careLog) Care(ev bot.CareEvent) { c.mu.Lock(); c.evs = append(c.evs, ev); c.mu.Unlock() }

func (c *careLog) cancelled() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, ev := range c.evs {
		if ev.Kind == bot.CareFollowUp && ev.Reason == bot.FollowUpEvCancelled {
			out = append(out, ev.Detail)
		}
	}
	return out
}

func TestSchedulerDrops(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	t0 := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		now     time.Time
		sendErr error
		want    string
	}{
		{"too_late", t0.Add(73 * time.Hour), nil, bot.CancelExpired},
		{"blocked", t0, fmt.Errorf("telegram send: %w", bot.ErrBlocked), bot.CancelBlocked},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			store := memstore.New(memstore.Config{})
			fus := memstore.NewFollowUps()
			now := func() time.Time { return tc.now }
			e := mustNew(t, bot.Config{Flows: set, Store: store, FollowUps: fus, Now: now})
			snd := &recSender{err: tc.sendErr}
			care := &careLog{}
			tick := ticker(t, bot.SchedulerConfig{Engine: e, Store: fus, Now: now, Care: care}, snd)
			to := bot.Address{Platform: "telegram", Chat: "1", User: "1"}
			if err := fus.Schedule(t.Context(), bot.FollowUp{ID: "x", To: to, Flow: "order_problem", Step: "later", Lang: "en", Due: t0}); err != nil {
				t.Fatal(err)
			}
			tick()
			if got := care.cancelled(); len(got) != 1 || got[0] != tc.want {
				t.Errorf("cancelled = %v, want [%s]", got, tc.want)
			}
			if fs, _ := fus.List(t.Context(), 10); len(fs) != 0 {
				t.Errorf("still scheduled: %+v", fs)
			}
		})
	}
}

func TestSchedulerRetriesAFailedSend(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	t0 := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	clk := bottest.NewClock(t0)
	fus := memstore.NewFollowUps()
	e := mustNew(t, bot.Config{Flows: set, Store: memstore.New(memstore.Config{}), FollowUps: fus, Now: clk.Now})
	snd := &recSender{err: errors.New("network down")}
	tick := ticker(t, bot.SchedulerConfig{Engine: e, Store: fus, Now: clk.Now}, snd)
	to := bot.Address{Platform: "telegram", Chat: "1", User: "1"}
	if err := fus.Schedule(t.Context(), bot.FollowUp{ID: "x", To: to, Flow: "order_problem", Step: "later", Lang: "en", Due: t0}); err != nil {
		t.Fatal(err)
	}
	tick()
	snd.mu.Lock()
	snd.err = nil
	snd.mu.Unlock()
	clk.Set(t0.Add(2 * time.Minute))
	tick()
	if len(snd.sent) != 1 || snd.sent[0].Text == "" || len(snd.sent[0].Choices) != 3 {
		t.Fatalf("sent %+v, want the check-in with its three answers once", snd.sent)
	}
}

// chat drives an engine the way an adapter does, pressing buttons by label.
type chat struct {
	t    *testing.T
	e    *bot.Engine
	to   bot.Address
	n    int
	last []bot.Reply
}

func (c *chat) send(m bot.Message) []bot.Reply {
	c.t.Helper()
	c.n++
	m.ID, m.From = fmt.Sprint(c.n), c.to
	rs, err := c.e.HandleMessage(c.t.Context(), m)
	if err != nil {
		c.t.Fatal(err)
	}
	c.last = rs
	return rs
}

func (c *chat) say(text string) []bot.Reply { return c.send(bot.Message{Text: text}) }

func (c *chat) press(label string) []bot.Reply {
	c.t.Helper()
	return c.send(bot.Message{Choice: c.button(label)})
}

// button returns the ID of the button labelled label in the last replies.
func (c *chat) button(label string) string {
	c.t.Helper()
	return button(c.t, c.last, label)
}

func TestCallBackOfferedToAVulnerablePerson(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	fus := memstore.NewFollowUps()
	care := &careLog{}
	e := mustNew(t, bot.Config{Flows: set, Store: memstore.New(memstore.Config{}), FollowUps: fus, CallBackQueue: "callback", Care: care, Desk: &bottest.Desk{}})
	c := &chat{t: t, e: e, to: bot.Address{Platform: "telegram", Chat: "7", User: "7"}}
	toCallBack(c)
	rs := c.last
	// In plain words: they said they are 82.
	if got := rs[len(rs)-1].Text; !strings.Contains(got, "Would you like a person from our team to phone you instead?") {
		t.Fatalf("after the score: %q, want the call-back offer in its simple words", got)
	}
	rs = c.press("Yes, call me")
	if len(rs) == 0 || rs[len(rs)-1].Handoff == nil || rs[len(rs)-1].Handoff.Queue != "callback" || rs[len(rs)-1].Handoff.Priority < bot.PriorityHigh {
		t.Fatalf("replies %+v, want a high-priority hand-off to the call-back queue", rs)
	}
	if fs, _ := fus.List(t.Context(), 10); len(fs) != 0 {
		t.Errorf("a check-in was scheduled as well: %+v", fs)
	}
	care.mu.Lock()
	defer care.mu.Unlock()
	var handed *bot.CareEvent
	for i, ev := range care.evs {
		if ev.Kind == bot.CareHandedOff {
			handed = &care.evs[i]
		}
	}
	if handed == nil || !handed.Appropriate() || !handed.Vulnerable || handed.Channel != "telegram" {
		t.Errorf("care event of the hand-off = %+v, want an appropriate escalation of a vulnerable person", handed)
	}
}
