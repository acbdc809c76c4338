package bot_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/memstore"
)

// TestDeliveryStartsDuringShutdown: turns keep starting deliveries while
// Wait and Shutdown run, as on a replica that stops with turns in
// flight. Nothing misuses the count they wait on (the old deliverer added
// to its WaitGroup from zero under a running Wait: a race under -race, or
// the panic "WaitGroup is reused before previous Wait has returned"), and
// the hand-over holds for every conversation: each reply either was sent
// once, in order, or is still queued, and no lease is left held.
func TestDeliveryStartsDuringShutdown(t *testing.T) {
	t.Parallel()
	const rounds, people = 40, 16
	for round := range rounds {
		s := memstore.New(memstore.Config{})
		p := newPlatform()
		flush := time.Duration(round%3-1) * time.Millisecond // -1 ms (at once), 0 (default), 1 ms
		d, err := bot.NewDeliverer(bot.DelivererConfig{Store: s, Outlet: &outlet{p: p}, Owner: "r1", Flush: flush})
		if err != nil {
			t.Fatal(err)
		}
		var turns, waits sync.WaitGroup
		for i := range people {
			turns.Go(func() {
				// A turn, as replica.turn stores it (t.Fatal is for the
				// test's goroutine).
				a := bot.Address{Platform: "fake", Chat: fmt.Sprint(i), User: "u"}
				var l *bot.Leased
				err := s.Update(t.Context(), a, func(sess *bot.Session) error {
					l = d.Queue(sess, []bot.Reply{{Text: "1"}, {Text: "2"}}, time.Now())
					return nil
				})
				if err != nil {
					t.Error(err)
					return
				}
				if l != nil {
					d.Start(t.Context(), a, l)
				}
			})
			if i == people/4 {
				waits.Go(d.Wait)
			}
			if i == people/2 {
				waits.Go(func() {
					if err := d.Shutdown(t.Context()); err != nil {
						t.Error(err)
					}
				})
			}
		}
		turns.Wait()
		waits.Wait()
		// The turns are over: this Shutdown waits for every delivery.
		if err := d.Shutdown(t.Context()); err != nil {
			t.Fatal(err)
		}
		for i := range people {
			a := bot.Address{Platform: "fake", Chat: fmt.Sprint(i), User: "u"}
			sess := session(t, s, a)
			seen := p.texts(a)
			var queued []string
			for _, o := range sess.Outbox {
				queued = append(queued, o.Text)
			}
			if got := slices.Concat(seen, queued); fmt.Sprint(got) != "[1 2]" {
				t.Fatalf("round %d, person %d: saw %q with %q still queued, want [1 2] between them", round, i, seen, queued)
			}
			if sess.Lease.Owner != "" {
				t.Fatalf("round %d, person %d: lease %+v still held after shutdown, want it handed over", round, i, sess.Lease)
			}
		}
	}
}

// TestDeliveryStartedAfterShutdownHandsOver: a delivery a turn starts once
// Shutdown began sends nothing: it releases its lease at once, so that
// another replica's sweeper sends the replies with their pauses.
func TestDeliveryStartedAfterShutdownHandsOver(t *testing.T) {
	t.Parallel()
	s := memstore.New(memstore.Config{})
	p := newPlatform()
	d, err := bot.NewDeliverer(bot.DelivererConfig{Store: s, Outlet: &outlet{p: p}, Owner: "r1"})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Shutdown(t.Context()); err != nil {
		t.Fatal(err)
	}
	a := bot.Address{Platform: "fake", Chat: "c", User: "u"}
	(&replica{d: d, store: s}).turn(t, t.Context(), a, bot.Reply{Text: "1"}, bot.Reply{Text: "2", Pause: time.Second})
	d.Wait()
	if got := p.texts(a); len(got) != 0 {
		t.Errorf("a stopped replica sent %q, want nothing", got)
	}
	if sess := session(t, s, a); len(sess.Outbox) != 2 || sess.Lease.Owner != "" {
		t.Errorf("outbox %v, lease %+v; want both replies queued, the lease released", sess.Outbox, sess.Lease)
	}
}

// pausingOutlet is an outlet whose pause is its own (bot.Pauser), as
// Telegram's "typing…": it tells pausing when a pause begins, with the
// reply's pause, and only ctx (or d) ends it. Deliver pauses the same way
// when called with a pause.
type pausingOutlet struct {
	outlet
	pausing chan time.Duration
	scale   float64 // of the real wait: 0 waits d
}

var _ bot.Pauser = (*pausingOutlet)(nil)

func (o *pausingOutlet) Pause(ctx context.Context, _ bot.Address, d time.Duration) error {
	o.pausing <- d
	if o.scale > 0 {
		d = time.Duration(float64(d) * o.scale)
	}
	if ctx.Err() != nil {
		// Cut already: a scaled wait of a few nanoseconds may be over
		// too, and select would pick either at random.
		return fmt.Errorf("pause: %w", context.Cause(ctx))
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return fmt.Errorf("pause: %w", context.Cause(ctx))
	case <-t.C:
		return nil
	}
}

func (o *pausingOutlet) Deliver(ctx context.Context, a bot.Address, r bot.Reply, keyboard string) (string, error) {
	if r.Pause > 0 {
		if err := o.Pause(ctx, a, r.Pause); err != nil {
			return keyboard, err
		}
	}
	r.Pause = 0
	return o.outlet.Deliver(ctx, a, r, keyboard)
}

// TestDeliveryShutdownAbandonsPause: a replica that stops while a
// delivery pauses ("typing…") before a reply does not send that reply:
// Shutdown ends the pause at once, the delivery marks what it sent and
// releases its lease, and the replica taking over sends the reply after
// its own pause, then the rest. The old deliverer let the pause run (an
// hour here) or, with the adapter's own stop cutting it, sent the reply
// at once with no pause.
func TestDeliveryShutdownAbandonsPause(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		p := newPlatform()
		clk := bottest.NewClock(time.Now().Truncate(time.Second))
		out := &pausingOutlet{outlet: outlet{p: p}, pausing: make(chan time.Duration, 4)}
		stopping, err := bot.NewDeliverer(bot.DelivererConfig{
			Store: newStore(), Outlet: bot.Outlets{"fake": out}, Owner: "stopping", Lease: time.Hour, Now: clk.Now,
		})
		if err != nil {
			t.Fatal(err)
		}
		next := &pausingOutlet{outlet: outlet{p: p}, pausing: make(chan time.Duration, 4), scale: 1e-6}
		survivor := newClockedReplica(t, newStore(), nil, next, "survivor", time.Hour, clk)
		a := bot.Address{Platform: "fake", Chat: "c", User: "u"}
		(&replica{d: stopping, store: survivor.store}).turn(t, t.Context(), a,
			bot.Reply{Text: "1"}, bot.Reply{Text: "2", Pause: time.Hour}, bot.Reply{Text: "3", Pause: time.Millisecond})
		if got := <-out.pausing; got != time.Hour {
			t.Fatalf("paused %v, want an hour before reply 2", got)
		}
		ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
		defer cancel()
		if err := stopping.Shutdown(ctx); err != nil {
			t.Fatalf("shutdown: %v (the pause was not abandoned)", err)
		}
		if got := p.texts(a); fmt.Sprint(got) != "[1]" {
			t.Fatalf("by the shutdown the person saw %q, want [1]: reply 2 is left to the next replica", got)
		}
		if sess := session(t, survivor.store, a); len(sess.Outbox) != 2 || sess.Lease.Owner != "" {
			t.Fatalf("after shutdown: outbox %v lease %+v; want 2 and 3 queued, the lease released", sess.Outbox, sess.Lease)
		}

		runCtx, stop := context.WithCancel(t.Context())
		runDone := make(chan error, 1)
		go func() { runDone <- survivor.d.Run(runCtx) }()
		wait.Until(t, "the survivor to send the rest", func() bool { return len(p.texts(a)) >= 3 })
		stop()
		if err := <-runDone; err != nil {
			t.Fatal(err)
		}
		survivor.d.Wait()
		if got := p.texts(a); fmt.Sprint(got) != "[1 2 3]" {
			t.Errorf("the person saw %q, want [1 2 3]: each once, in order", got)
		}
		close(next.pausing)
		var paused []time.Duration
		for d := range next.pausing {
			paused = append(paused, d)
		}
		if fmt.Sprint(paused) != fmt.Sprint([]time.Duration{time.Hour, time.Millisecond}) {
			t.Errorf("the survivor paused %v, want 1h0m0s before 2 and 1ms before 3", paused)
		}
	})
}

// TestDeliveryShutdownKeepsEntryWhole: an outbox entry of several replies
// (the desk's lines about a hand-off) is marked whole, so only its first
// reply's pause may be abandoned: once that reply went out, Shutdown lets
// the others follow, each after its pause, rather than leave the entry
// unmarked and its first reply to be sent again by the next replica.
func TestDeliveryShutdownKeepsEntryWhole(t *testing.T) {
	t.Parallel()
	s := memstore.New(memstore.Config{})
	p := newPlatform()
	out := &pausingOutlet{outlet: outlet{p: p}, pausing: make(chan time.Duration, 4)}
	d, err := bot.NewDeliverer(bot.DelivererConfig{Store: s, Outlet: out, Owner: "r1", Lease: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	a := bot.Address{Platform: "fake", Chat: "c", User: "u"}
	const owner = "r1/test"
	var batch []bot.Outbound
	err = s.Update(t.Context(), a, func(sess *bot.Session) error {
		sess.OutSeq = 1
		sess.Outbox = []bot.Outbound{{Seq: 1, At: time.Now(), To: bot.ToDeskLines}}
		if !bot.TakeLease(sess, owner, time.Now(), time.Hour) {
			return fmt.Errorf("lease not taken")
		}
		batch = slices.Clone(sess.Outbox)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	lines := []bot.Reply{{Text: "l1", Pause: time.Millisecond}, {Text: "l2", Pause: 200 * time.Millisecond}}
	d.Start(t.Context(), a, &bot.Leased{Owner: owner, Batch: batch, Told: map[int64][]bot.Reply{1: lines}})
	<-out.pausing // l1's
	if got := <-out.pausing; got != lines[1].Pause {
		t.Fatalf("paused %v, want l2's %v", got, lines[1].Pause)
	}
	if err := d.Shutdown(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := p.texts(a); fmt.Sprint(got) != "[l1 l2]" {
		t.Errorf("the person saw %q, want [l1 l2]: the entry whole", got)
	}
	if sess := session(t, s, a); len(sess.Outbox) != 0 || sess.Lease.Owner != "" {
		t.Errorf("outbox %v, lease %+v; want the entry marked, the lease released", sess.Outbox, sess.Lease)
	}
}

// TestPauseThrough: a wrapper's Pause is the wrapped outlet's own when it
// has one (directly or behind Outlets), else a wait that its context
// cuts, with the context's cause.
func TestPauseThrough(t *testing.T) {
	t.Parallel()
	a := bot.Address{Platform: "fake", Chat: "c", User: "u"}
	for _, tt := range []struct {
		name string
		next func(p *pausingOutlet) bot.Outlet
		own  bool // next's Pause is taken
	}{
		{"pauser", func(p *pausingOutlet) bot.Outlet { return p }, true},
		{"pauser_in_outlets", func(p *pausingOutlet) bot.Outlet { return bot.Outlets{"fake": p} }, true},
		{"no_pauser", func(p *pausingOutlet) bot.Outlet { return &p.outlet }, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := &pausingOutlet{pausing: make(chan time.Duration, 1), scale: 1e-9}
			if err := bot.PauseThrough(t.Context(), tt.next(p), a, time.Second); err != nil {
				t.Fatal(err)
			}
			if got := len(p.pausing) == 1; got != tt.own {
				t.Errorf("the wrapped outlet's own Pause taken: %v, want %v", got, tt.own)
			}
			if tt.own {
				<-p.pausing
			}
			cut, cancel := context.WithCancelCause(t.Context())
			cancel(bot.ErrPauseCut)
			if err := bot.PauseThrough(cut, tt.next(p), a, time.Hour); !errors.Is(err, bot.ErrPauseCut) {
				t.Errorf("a cut pause: %v, want ErrPauseCut", err)
			}
		})
	}
}
