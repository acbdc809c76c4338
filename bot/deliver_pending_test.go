package bot_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
)

// markLog records what a Deliverer reports Marked.
type markLog struct {
	mu   sync.Mutex
	seqs []int64
}

func (m *markLog) marked(_ bot.Address, seq int64) {
	m.mu.Lock()
	m.seqs = append(m.seqs, seq)
	m.mu.Unlock()
}

func (m *markLog) get() []int64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Clone(m.seqs)
}

// markedDeliverer returns a Deliverer for cfg whose Marked calls are
// recorded in the markLog returned.
func markedDeliverer(t *testing.T, cfg bot.DelivererConfig) (*bot.Deliverer, *markLog) {
	marks := &markLog{}
	cfg.Marked = marks.marked
	d, err := bot.NewDeliverer(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return d, marks
}

// waitReturns fails t unless d.Wait returns within 5 s.
func waitReturns(t *testing.T, d *bot.Deliverer, what func() string) {
	t.Helper()
	w := make(chan struct{})
	go func() { d.Wait(); close(w) }()
	select {
	case <-w:
	case <-time.After(5 * time.Second):
		t.Fatalf("Wait still blocked 5 s after the last flush was due (%s)", what())
	}
}

// TestPendingMarkTakenOverBySameReplica: the lease of a replica's last
// burst runs out before its pending mark is flushed (a slow last send, a
// stalled store), and the replica's own sweeper finds the outbox due. The
// sweeper applies the pending mark first, as a turn would: the person gets
// the reply once, and Wait returns. It used to resend the burst and keep a
// second pending mark over the first, whose count in Wait never ended.
func TestPendingMarkTakenOverBySameReplica(t *testing.T) {
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		p := newPlatform()
		clk := bottest.NewClock(time.Now().Truncate(time.Second))
		const lease = 300 * time.Millisecond
		s := newStore()
		d, marks := markedDeliverer(t, bot.DelivererConfig{
			Store: s, Index: s, Outlet: &outlet{p: p}, Owner: "r1",
			Lease: lease, Now: clk.Now, Flush: time.Second, Sweep: 10 * time.Millisecond,
		})
		a := bot.Address{Platform: "fake", Chat: "taken-over", User: "u"}
		(&replica{d: d, store: s}).turn(t, t.Context(), a, bot.Reply{Text: "1"})
		wait.Until(t, "the delivery to end", func() bool { return bot.MarkPending(d, a) })
		ctx, stop := context.WithCancel(t.Context())
		done := make(chan error, 1)
		go func() { done <- d.Run(ctx) }()
		clk.Add(lease + time.Millisecond) // the lease ran out before the flush
		wait.Until(t, "the sweeper to take the conversation", func() bool { return !bot.MarkPending(d, a) })
		stop()
		<-done
		waitReturns(t, d, func() string { return fmt.Sprint("texts ", p.texts(a)) })
		if got := p.texts(a); !slices.Equal(got, []string{"1"}) {
			t.Errorf("texts %q, want [1]: the replica resent its own last burst", got)
		}
		if got := marks.get(); !slices.Equal(got, []int64{1}) {
			t.Errorf("Marked %v, want [1]", got)
		}
		if sess := session(t, s, a); len(sess.Outbox) != 0 || sess.Lease.Owner != "" {
			t.Errorf("stored outbox %d, lease %+v; want empty and no lease", len(sess.Outbox), sess.Lease)
		}
	})
}

// TestPendingMarkReplacedByLaterRun: a run of the same replica that took
// the lease over without settling the pending mark (a store update that
// leased the outbox without Settle) ends with a pending mark of its own.
// It replaces the first, which shares its count in Wait: Wait returns once
// it is flushed, and the mark written covers both runs.
func TestPendingMarkReplacedByLaterRun(t *testing.T) {
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		p := newPlatform()
		clk := bottest.NewClock(time.Now().Truncate(time.Second))
		const lease = 300 * time.Millisecond
		s := newStore()
		d, marks := markedDeliverer(t, bot.DelivererConfig{
			Store: s, Index: s, Outlet: &outlet{p: p}, Owner: "r1",
			Lease: lease, Now: clk.Now, Flush: 200 * time.Millisecond,
		})
		r := &replica{d: d, store: s}
		a := bot.Address{Platform: "fake", Chat: "replaced", User: "u"}
		r.turn(t, t.Context(), a, bot.Reply{Text: "1"})
		wait.Until(t, "the first delivery to end", func() bool { return bot.MarkPending(d, a) })
		clk.Add(lease + time.Millisecond)
		r.turn(t, t.Context(), a, bot.Reply{Text: "2"}) // leases [1 2], no Settle
		wait.Until(t, "the second delivery to send", func() bool { return len(p.texts(a)) == 3 })
		waitReturns(t, d, func() string { return fmt.Sprint("texts ", p.texts(a)) })
		if got := marks.get(); len(got) == 0 || got[len(got)-1] != 2 {
			t.Errorf("Marked %v, want it to end with 2", got)
		}
		if sess := session(t, s, a); len(sess.Outbox) != 0 {
			t.Errorf("stored outbox %v, want empty", sess.Outbox)
		}
	})
}

// TestPendingMarkOfForgottenConversationNotMarked: a pending mark whose
// conversation was deleted meanwhile (forgotten on another replica) is
// dropped at the flush, not written, and not reported Marked.
func TestPendingMarkOfForgottenConversationNotMarked(t *testing.T) {
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		p := newPlatform()
		s := newStore()
		d, marks := markedDeliverer(t, bot.DelivererConfig{
			Store: s, Index: s, Outlet: &outlet{p: p}, Owner: "r2",
			Flush: 100 * time.Millisecond,
		})
		a := bot.Address{Platform: "fake", Chat: "forgotten", User: "u"}
		(&replica{d: d, store: s}).turn(t, t.Context(), a, bot.Reply{Text: "1"})
		wait.Until(t, "the delivery to end", func() bool { return bot.MarkPending(d, a) })
		if err := s.Delete(t.Context(), a); err != nil { // /forget on another replica
			t.Fatal(err)
		}
		waitReturns(t, d, func() string { return "forgotten" })
		if got := marks.get(); len(got) != 0 {
			t.Errorf("Marked %v for a mark dropped with its conversation, want none", got)
		}
		if sess := session(t, s, a); sess.Version != 0 {
			t.Errorf("a session is stored again (version %d), want none", sess.Version)
		}
	})
}
