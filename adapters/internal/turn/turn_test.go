package turn_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carebot/carebot/adapters/internal/turn"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
)

// texts gives "fallback:<lang>" for every key.
type texts struct{}

func (texts) Text(key, lang string, _ map[string]string) string { return key + ":" + lang }

func msg(chat string, n int) *bot.Message {
	return &bot.Message{ID: fmt.Sprint(n), From: bot.Address{Platform: "test", Chat: chat, User: chat}, Text: fmt.Sprint(n), Lang: "fr"}
}

// TestOrderAndLimit: one conversation's turns run in order, one at a time;
// different conversations run side by side, never more than Workers.
func TestOrderAndLimit(t *testing.T) {
	t.Parallel()
	var running, most atomic.Int32
	release := make(chan struct{})
	h := bot.HandlerFunc(func(ctx context.Context, m bot.Message) ([]bot.Reply, error) {
		n := running.Add(1)
		for {
			old := most.Load()
			if n <= old || most.CompareAndSwap(old, n) {
				break
			}
		}
		<-release
		running.Add(-1)
		return []bot.Reply{{Text: m.Text}}, nil
	})
	r := turn.New(turn.Config{Handler: h, Texts: texts{}, Workers: 2})
	defer r.Close()
	var mu sync.Mutex
	got := map[string][]string{}
	for i := range 5 {
		for _, chat := range []string{"a", "b", "c"} {
			ok := r.Submit(turn.Job{Key: chat, Msg: msg(chat, i), Deliver: func(_ context.Context, m bot.Message, rs []bot.Reply) error {
				mu.Lock()
				got[chat] = append(got[chat], rs[0].Text)
				mu.Unlock()
				return nil
			}})
			if !ok {
				t.Fatal("Submit refused")
			}
		}
	}
	wait.Until(t, "two turns running", func() bool { return running.Load() == 2 })
	close(release)
	wait.Until(t, "every turn done", func() bool { return r.Idle("a") && r.Idle("b") && r.Idle("c") })
	if m := most.Load(); m != 2 {
		t.Errorf("%d turns ran at once, want 2", m)
	}
	for _, chat := range []string{"a", "b", "c"} {
		if s := strings.Join(got[chat], ","); s != "0,1,2,3,4" {
			t.Errorf("chat %s answered in order %s", chat, s)
		}
	}
}

// TestFailures: a panic and an error get the fallback line in the person's
// language (unless the handler said something), each logged once at Error
// with one err_id: the engine's own when it minted one.
func TestFailures(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		replies []bot.Reply
		err     error
		panics  bool
		want    string
		wantID  string
	}{
		{name: "panic", panics: true, want: "bot.fallback:fr"},
		{name: "error", err: errors.New("store down"), want: "bot.fallback:fr"},
		{name: "engine_error", err: &bot.TurnError{Op: "update session", ID: "abcd1234", Err: errors.New("down")},
			replies: []bot.Reply{{Text: "engine's kind words"}}, want: "engine's kind words", wantID: "abcd1234"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			logs := &bottest.Buffer{}
			h := bot.HandlerFunc(func(context.Context, bot.Message) ([]bot.Reply, error) {
				if tc.panics {
					var idx []int
					_ = idx[len(tc.name)] // a runtime error: index out of range
				}
				return tc.replies, tc.err
			})
			r := turn.New(turn.Config{Handler: h, Texts: texts{}, Logger: slog.New(slog.NewTextHandler(logs, nil))})
			defer r.Close()
			var got []bot.Reply
			r.Run(t.Context(), turn.Job{Key: "a", Msg: msg("a", 1), Deliver: func(_ context.Context, _ bot.Message, rs []bot.Reply) error {
				got = rs
				return nil
			}})
			if len(got) != 1 || got[0].Text != tc.want {
				t.Errorf("replies %+v, want %q", got, tc.want)
			}
			out := logs.String()
			if n := strings.Count(out, "level=ERROR"); n != 1 {
				t.Errorf("%d error lines, want 1:\n%s", n, out)
			}
			if !strings.Contains(out, `msg="turn failed"`) || !strings.Contains(out, "err_id="+tc.wantID) {
				t.Errorf("log lacks the failure and its id %q:\n%s", tc.wantID, out)
			}
		})
	}
}

// gate admits a fixed verdict per message text.
type gate map[string]bot.Admission

func (g gate) Admit(_ context.Context, m bot.Message) (bot.Admission, []bot.Reply) {
	v := g[m.Text]
	if v == bot.AdmitNotice {
		return v, []bot.Reply{{Text: "slow down"}}
	}
	return v, nil
}

// TestGateAtArrival: messages are counted as they arrive. A notice drops
// the person's turns still waiting (not urgent ones) and is sent in their
// place, in order; a quiet verdict drops the message; every dropped
// message is marked stored, so the platform forgets it.
func TestGateAtArrival(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	var handled []string
	h := bot.HandlerFunc(func(_ context.Context, m bot.Message) ([]bot.Reply, error) {
		if m.Text == "0" {
			<-release
		}
		if !m.Admitted {
			t.Errorf("message %s not marked admitted", m.Text)
		}
		handled = append(handled, m.Text)
		return []bot.Reply{{Text: "re " + m.Text}}, nil
	})
	g := gate{"2": bot.AdmitUrgent, "4": bot.AdmitNotice, "5": bot.AdmitQuiet}
	r := turn.New(turn.Config{Handler: h, Gate: g, Texts: texts{}})
	defer r.Close()
	var mu sync.Mutex
	var sent []string
	stored := 0
	for i := range 6 {
		r.Submit(turn.Job{Key: "a", Msg: msg("a", i),
			Deliver: func(_ context.Context, _ bot.Message, rs []bot.Reply) error {
				mu.Lock()
				defer mu.Unlock()
				for _, x := range rs {
					sent = append(sent, x.Text)
				}
				return nil
			},
			Stored: func() { mu.Lock(); stored++; mu.Unlock() },
		})
	}
	close(release)
	wait.Until(t, "the conversation done", func() bool { return r.Idle("a") })
	mu.Lock()
	defer mu.Unlock()
	// 0 was running; 1 and 3 waited and were dropped by the notice; 2 is urgent.
	if got, want := strings.Join(sent, "|"), "re 0|re 2|slow down"; got != want {
		t.Errorf("sent %q, want %q", got, want)
	}
	if got := strings.Join(handled, ","); got != "0,2" {
		t.Errorf("turns %s, want 0,2", got)
	}
	if stored != 6 {
		t.Errorf("%d messages marked stored, want 6", stored)
	}
}

// TestShutdown: Close leaves a job not started that the platform delivers
// again, runs one that it does not, and cancels a turn in flight once the
// grace period is over.
func TestShutdown(t *testing.T) {
	t.Parallel()
	started := make(chan struct{})
	var cancelled atomic.Bool
	h := bot.HandlerFunc(func(ctx context.Context, m bot.Message) ([]bot.Reply, error) {
		if m.Text == "0" {
			close(started)
			<-ctx.Done()
			cancelled.Store(true)
			return nil, ctx.Err()
		}
		return nil, nil
	})
	r := turn.New(turn.Config{Handler: h, Texts: texts{}, Grace: 50 * time.Millisecond})
	var left, ran atomic.Bool
	nop := func(context.Context, bot.Message, []bot.Reply) error { return nil }
	r.Submit(turn.Job{Key: "a", Msg: msg("a", 0), Deliver: nop})
	<-started
	r.Submit(turn.Job{Key: "a", Msg: msg("a", 1), Deliver: nop, Left: func() { left.Store(true) }})
	r.Submit(turn.Job{Key: "a", Do: func(context.Context) { ran.Store(true) }})
	r.Close()
	// Close waits a second at most for the cancelled turn to end; on a busy
	// machine the turn's goroutine may run later: wait for what must happen.
	wait.Until(t, "the turn in flight cancelled after the grace period", cancelled.Load)
	wait.Until(t, "the queued turn the platform redelivers left", left.Load)
	if r.Submit(turn.Job{Key: "b", Do: func(context.Context) {}}) {
		t.Error("Submit accepted a job after Close")
	}
	_ = ran.Load() // run within the grace period or dropped once it is over: either is right
}

// TestFailedIsNotStored24: a job that sets Failed hears Failed, not
// Stored, when its turn fails (the end of a peer wait is then ended
// again, not marked done), and delivers nothing, no fallback; it hears
// Stored when the turn succeeds, and a job without Failed hears Stored
// and delivers the fallback, as before.
func TestFailedIsNotStored24(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		err        error
		panics     bool
		withFailed bool
		want       string
	}{
		// Failed: done again later, so nothing is delivered now.
		{name: "error", err: errors.New("store down"), withFailed: true, want: "failed"},
		{name: "panic", panics: true, withFailed: true, want: "failed"},
		{name: "ok", withFailed: true, want: "stored,delivered 0"},
		// Without it, the fallback is delivered, as before.
		{name: "error_without_failed", err: errors.New("store down"), want: "stored,delivered 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := bot.HandlerFunc(func(context.Context, bot.Message) ([]bot.Reply, error) {
				if tc.panics {
					panic("scripted")
				}
				return nil, tc.err
			})
			r := turn.New(turn.Config{Handler: h, Texts: texts{}, Logger: slog.New(slog.DiscardHandler)})
			defer r.Close()
			var heard []string
			j := turn.Job{Key: "a", Msg: msg("a", 1),
				Deliver: func(_ context.Context, _ bot.Message, rs []bot.Reply) error {
					heard = append(heard, fmt.Sprintf("delivered %d", len(rs)))
					return nil
				},
				Stored: func() { heard = append(heard, "stored") }}
			if tc.withFailed {
				j.Failed = func() { heard = append(heard, "failed") }
			}
			r.Run(t.Context(), j)
			if got := strings.Join(heard, ","); got != tc.want {
				t.Errorf("heard %q, want %q", got, tc.want)
			}
		})
	}
}

// TestFailedWhenDroppedAtShutdown24: a turn with Failed set, queued
// behind one still running when the grace period ends, is dropped: it
// hears Failed, not Stored (the end of a peer wait is then ended by
// another replica when its lease ends, rather than marked done with the
// person never told). Before, Stored was called for it.
func TestFailedWhenDroppedAtShutdown24(t *testing.T) {
	t.Parallel()
	started := make(chan struct{})
	h := bot.HandlerFunc(func(ctx context.Context, m bot.Message) ([]bot.Reply, error) {
		if m.Text == "0" {
			close(started)
			<-ctx.Done()
			return nil, ctx.Err()
		}
		return nil, nil
	})
	r := turn.New(turn.Config{Handler: h, Texts: texts{}, Grace: 50 * time.Millisecond, Logger: slog.New(slog.DiscardHandler)})
	nop := func(context.Context, bot.Message, []bot.Reply) error { return nil }
	r.Submit(turn.Job{Key: "a", Msg: msg("a", 0), Deliver: nop})
	<-started
	heard := make(chan string, 2)
	r.Submit(turn.Job{Key: "a", Msg: msg("a", 1), Deliver: nop,
		Stored: func() { heard <- "stored" }, Failed: func() { heard <- "failed" }})
	r.Close()
	select {
	case got := <-heard:
		if got != "failed" {
			t.Errorf("the turn dropped at shutdown heard %q, want failed", got)
		}
	case <-time.After(wait.Timeout):
		t.Fatal("the turn dropped at shutdown heard nothing")
	}
}
