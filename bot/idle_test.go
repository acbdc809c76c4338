package bot_test

import (
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/memstore"
)

func (c *careLog) count(kind string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, ev := range c.evs {
		if ev.Kind == kind {
			n++
		}
	}
	return n
}

// idleWorld is an engine with a fake clock, an idle index and the
// scheduler that looks at it.
type idleWorld struct {
	clk  *bottest.Clock
	e    *bot.Engine
	tick func()
	care *careLog
	to   bot.Address
	seq  int
}

func newIdleWorld(t *testing.T) *idleWorld {
	t.Helper()
	w := &idleWorld{clk: bottest.NewClock(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)), care: &careLog{}, to: bot.Address{Platform: "telegram", Chat: "5", User: "5"}}
	idle := memstore.NewIdle()
	w.e = mustNew(t, bot.Config{Flows: bottest.MustFlows(t), Store: memstore.New(memstore.Config{TTL: 24 * time.Hour, Now: w.clk.Now}), Now: w.clk.Now,
		Care: w.care, Idle: idle, Desk: &bottest.Desk{}, AbandonAfter: 30 * time.Minute, WaitingAbandonAfter: time.Hour})
	w.tick = ticker(t, bot.SchedulerConfig{Engine: w.e, Idle: idle, Now: w.clk.Now, Care: w.care}, nil)
	return w
}

// at moves the clock by d, then the scheduler looks.
func (w *idleWorld) at(d time.Duration) {
	w.clk.Add(d)
	w.tick()
}

func (w *idleWorld) say(t *testing.T, text string) {
	t.Helper()
	w.seq++
	if _, err := w.e.HandleMessage(t.Context(), bot.Message{ID: string(rune('a' + w.seq)), From: w.to, Text: text, At: w.clk.Now()}); err != nil {
		t.Fatal(err)
	}
}

// TestAbandonedWithoutALaterMessage: a person who leaves mid-flow, or
// while waiting for a person, is counted by the scheduler's loop once
// the silence is long enough, exactly once, without writing again.
func TestAbandonedWithoutALaterMessage(t *testing.T) {
	t.Parallel()
	type move struct {
		say   string        // the person writes (after wait)
		wait  time.Duration // then the scheduler looks
		flow  int           // abandoned counted so far
		await int           // waiting abandoned so far
	}
	tests := []struct {
		name  string
		moves []move
	}{
		{"silent_mid_flow", []move{
			{say: "/order", wait: 29 * time.Minute},
			{wait: 2 * time.Minute, flow: 1},
			{wait: 3 * time.Hour, flow: 1},
			{say: "AB-123456", flow: 1}, // back at last: counted once already
			{wait: 3 * time.Hour, flow: 1},
		}},
		{"replied_then_silent", []move{
			{say: "/order", wait: 20 * time.Minute},
			{say: "AB-123456", wait: 11 * time.Minute}, // 31 min after the start, 11 after the answer
			{wait: 18 * time.Minute},
			{wait: 2 * time.Minute, flow: 1},
		}},
		{"another_flow_is_another_wait", []move{
			{say: "/order", wait: 31 * time.Minute, flow: 1},
			{say: "/account", wait: 29 * time.Minute, flow: 1}, // back, about something else
			{wait: 2 * time.Minute, flow: 2},
		}},
		{"flow_finished_in_time", []move{
			{say: "/order", wait: time.Minute},
			{say: "cancel", wait: 3 * time.Hour},
		}},
		{"left_while_waiting_for_a_person", []move{
			{say: "/human", wait: 59 * time.Minute},
			{wait: 2 * time.Minute, await: 1},
			{say: "cancel", await: 1}, // withdrew too: counted once, not twice
			{wait: 3 * time.Hour, await: 1},
		}},
		{"withdrew_in_time", []move{
			{say: "/human", wait: 10 * time.Minute},
			{say: "cancel", await: 1},
			{wait: 3 * time.Hour, await: 1},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			w := newIdleWorld(t)
			for i, m := range tc.moves {
				if m.say != "" {
					w.say(t, m.say)
				}
				w.at(m.wait)
				if got := w.care.count(bot.CareAbandoned); got != m.flow {
					t.Fatalf("move %d: abandoned counted %d times, want %d", i+1, got, m.flow)
				}
				if got := w.care.count(bot.CareWaitingAbandoned); got != m.await {
					t.Fatalf("move %d: waiting abandoned counted %d times, want %d", i+1, got, m.await)
				}
			}
		})
	}
}
