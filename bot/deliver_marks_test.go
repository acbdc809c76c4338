package bot_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/memstore"
)

// countingStore counts the store updates made through it: one
// compare-and-set each on Redis (more only on a lost race, which these
// tests, one writer at a time, do not have).
type countingStore struct {
	outboxStore
	n atomic.Int64
}

func (c *countingStore) Update(ctx context.Context, a bot.Address, fn func(*bot.Session) error) error {
	c.n.Add(1)
	return c.outboxStore.Update(ctx, a, fn)
}

// TestDeliveryMarksPerBurst: replies sent back to back (no pause between
// them) are marked delivered together, once the last of them is accepted;
// a reply with a pause is preceded by the mark of those before it. The old
// deliverer wrote one mark per reply: a turn of three replies cost three
// compare-and-sets on top of its own.
func TestDeliveryMarksPerBurst(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		for _, tt := range []struct {
			name    string
			replies []bot.Reply
			marks   int64
		}{
			{"one_burst", []bot.Reply{{Text: "1"}, {Text: "2"}, {Text: "3", Choices: []bot.Choice{{ID: "y", Label: "Yes"}}}}, 1},
			{"pause_in_the_middle", []bot.Reply{{Text: "1"}, {Text: "2", Pause: time.Millisecond}, {Text: "3"}}, 2},
			{"pause_before_each", []bot.Reply{{Text: "1"}, {Text: "2", Pause: time.Millisecond}, {Text: "3", Pause: time.Millisecond}}, 3},
		} {
			t.Run(tt.name, func(t *testing.T) {
				p := newPlatform()
				cs := &countingStore{outboxStore: newStore()}
				r := newReplica(t, cs, p, "r1", time.Minute, nil)
				r.store = cs.outboxStore // the turn's own update is not counted
				a := bot.Address{Platform: "fake", Chat: tt.name, User: "u"}
				r.turn(t, t.Context(), a, tt.replies...)
				r.d.Wait()
				if got := p.texts(a); fmt.Sprint(got) != "[1 2 3]" {
					t.Errorf("the person saw %q, want [1 2 3]", got)
				}
				if got := cs.n.Load(); got != tt.marks {
					t.Errorf("%d store updates to mark 3 replies delivered, want %d", got, tt.marks)
				}
				if s := session(t, cs, a); len(s.Outbox) != 0 || s.Lease != (bot.Lease{}) {
					t.Errorf("after delivery: outbox %v lease %+v, want both empty", s.Outbox, s.Lease)
				}
			})
		}
	})
}

// TestEngineOutboxNextTurnCarriesMark: the mark of a finished delivery is
// not written on its own while the person's next turn comes to the same
// replica: that turn's compare-and-set carries it, so the turn, its
// replies queued and leased, and the last delivery's mark cost one store
// update together.
func TestEngineOutboxNextTurnCarriesMark(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		cs := &countingStore{outboxStore: newStore()}
		out := &gateOutlet{sending: make(chan struct{}, 16), release: make(chan struct{})}
		var marked atomic.Int64
		d, err := bot.NewDeliverer(bot.DelivererConfig{
			Store: cs, Outlet: bot.Outlets{"telegram": out}, Owner: "r1", Flush: time.Hour,
			Marked: func(_ bot.Address, seq int64) { marked.Store(seq) },
		})
		if err != nil {
			t.Fatal(err)
		}
		e := newEngine(t, cs, func(c *bot.Config) { c.Deliverer = d })
		a := bot.Address{Platform: "telegram", Chat: "1", User: "1"}
		if _, err := e.HandleMessage(t.Context(), bot.Message{ID: "1", From: a, Text: "hello", Lang: "en"}); err != nil {
			t.Fatal(err)
		}
		queued := session(t, cs, a).Outbox
		first := queued[len(queued)-1].Seq
		paused := int64(0) // the marks before replies with a pause
		for _, o := range queued[1:] {
			if o.Pause > 0 {
				paused++
			}
		}
		for range queued {
			recv(t, "a reply of the first turn to be sent", out.sending)
			out.release <- struct{}{}
		}
		wait.Until(t, "the first delivery to end", func() bool { return bot.MarkPending(d, a) })
		if got, want := cs.n.Load(), 2+paused; got != want { // the turn, the read above, a mark per pause
			t.Fatalf("%d store updates for the first turn and its delivery, want %d: the last burst's mark waits for the next turn", got, want)
		}
		if marked.Load() >= first {
			t.Fatalf("marked up to %d before the next turn, want the last burst unmarked", marked.Load())
		}
		before := cs.n.Load()
		if _, err := e.HandleMessage(t.Context(), bot.Message{ID: "2", From: a, Text: "my order is late", Lang: "en"}); err != nil {
			t.Fatal(err)
		}
		if got := cs.n.Load() - before; got != 1 {
			t.Errorf("the second turn made %d store updates, want 1 carrying the first delivery's mark", got)
		}
		if marked.Load() != first {
			t.Errorf("after the second turn the replies up to %d are marked, want %d", marked.Load(), first)
		}
		s := session(t, cs, a)
		if len(s.Outbox) == 0 || s.Outbox[0].Seq != first+1 || !s.Lease.Held(time.Now()) {
			t.Errorf("after the second turn: outbox %v, lease %+v; want only its replies, leased", s.Outbox, s.Lease)
		}
		for range s.OutSeq - first {
			recv(t, "a reply of the second turn to be sent", out.sending)
			out.release <- struct{}{}
		}
		if err := d.Shutdown(t.Context()); err != nil {
			t.Fatal(err)
		}
		if s := session(t, cs, a); len(s.Outbox) != 0 || s.Lease != (bot.Lease{}) {
			t.Errorf("after shutdown: outbox %v lease %+v, want both empty (the pending mark written)", s.Outbox, s.Lease)
		}
	})
}

// TestDeliveryFlushPicksUpOtherReplica: while a replica keeps the mark of
// its last burst pending, its lease holds, so a turn on another replica
// only queues its replies; the flush, Flush later, marks the burst and
// delivers them, in order. That wait, Flush (25 ms by default), is the
// latency a person typing ahead across replicas pays. On the fake clock
// of synctest: the flush comes at Flush exactly, not before.
func TestDeliveryFlushPicksUpOtherReplica(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		const flush = 40 * time.Millisecond
		s := memstore.New(memstore.Config{})
		p := newPlatform()
		var at []time.Duration // when each reply went out
		start := time.Now()
		first, err := bot.NewDeliverer(bot.DelivererConfig{
			Store: s, Index: s, Outlet: &outlet{p: p}, Owner: "first", Flush: flush,
			Delivered: func(bot.Address, bot.Outbound, time.Duration) { at = append(at, time.Since(start)) },
		})
		if err != nil {
			t.Fatal(err)
		}
		other := newReplica(t, s, p, "other", time.Minute, nil)
		r := &replica{d: first, store: s}
		a := bot.Address{Platform: "fake", Chat: "c", User: "u"}
		r.turn(t, t.Context(), a, bot.Reply{Text: "1"}, bot.Reply{Text: "2"})
		synctest.Wait()
		other.turn(t, t.Context(), a, bot.Reply{Text: "3"})
		synctest.Wait()
		if got := p.texts(a); fmt.Sprint(got) != "[1 2]" {
			t.Fatalf("before the flush the person saw %q, want [1 2]", got)
		}
		if sess := session(t, s, a); len(sess.Outbox) != 3 || sess.Lease.Owner == "" {
			t.Fatalf("before the flush: outbox %v lease %+v, want 1 2 3 pending under the first replica's lease", sess.Outbox, sess.Lease)
		}
		// synctest's fake clock: the flush delay passes, nothing is waited for.
		time.Sleep(flush)
		synctest.Wait()
		if got := p.texts(a); fmt.Sprint(got) != "[1 2 3]" {
			t.Errorf("after the flush the person saw %q, want [1 2 3]", got)
		}
		if len(at) == 3 && at[2] != flush {
			t.Errorf("reply 3 went out at %v, want at the flush, %v", at[2], flush)
		}
		first.Wait()
		if sess := session(t, s, a); len(sess.Outbox) != 0 || sess.Lease != (bot.Lease{}) {
			t.Errorf("after delivery: outbox %v lease %+v, want both empty", sess.Outbox, sess.Lease)
		}
	})
}

// TestDeliveryCrashBeforeFlush: a replica that dies with the mark of its
// last burst pending leaves that burst unmarked: the replica that takes
// the lease over sends it again, once, right after itself, and nothing
// else (the documented bound: one burst per conversation, once per crash).
// A burst cut by a pause is resent only from the pause on.
func TestDeliveryCrashBeforeFlush(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		for _, tt := range []struct {
			name    string
			replies []bot.Reply
			want    string
		}{
			{"one_burst", []bot.Reply{{Text: "1"}, {Text: "2"}}, "[1 2 1 2]"},
			{"paused", []bot.Reply{{Text: "1"}, {Text: "2", Pause: time.Millisecond}, {Text: "3"}}, "[1 2 3 2 3]"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				p := newPlatform()
				clk := bottest.NewClock(time.Now().Truncate(time.Second))
				const lease = 300 * time.Millisecond
				dying, err := bot.NewDeliverer(bot.DelivererConfig{
					Store: newStore(), Outlet: &outlet{p: p}, Owner: "dying",
					Lease: lease, Now: clk.Now, Flush: time.Hour, // it dies first
				})
				if err != nil {
					t.Fatal(err)
				}
				survivor := newClockedReplica(t, newStore(), nil, &outlet{p: p}, "survivor", lease, clk)
				a := bot.Address{Platform: "fake", Chat: tt.name, User: "u"}
				(&replica{d: dying, store: survivor.store}).turn(t, t.Context(), a, tt.replies...)
				wait.Until(t, "every reply sent", func() bool { return len(p.texts(a)) == len(tt.replies) })
				wait.Until(t, "the delivery to end", func() bool { return bot.MarkPending(dying, a) })
				ctx, stop := context.WithCancel(t.Context())
				done := make(chan error, 1)
				go func() { done <- survivor.d.Run(ctx) }()
				clk.Add(lease)
				wait.Until(t, "the survivor to resend the unmarked burst", func() bool {
					return len(session(t, survivor.store, a).Outbox) == 0
				})
				stop()
				if err := <-done; err != nil {
					t.Fatal(err)
				}
				survivor.d.Wait()
				if got := p.texts(a); fmt.Sprint(got) != tt.want {
					t.Errorf("the person saw %q, want %s", got, tt.want)
				}
			})
		}
	})
}

// TestDeliveryShutdownHandsOver: a replica shutting down stops its
// deliveries before their next reply and releases their leases, and
// writes the marks it kept pending the same way: another replica's
// sweeper delivers the rest at its next sweep. The leases run on a clock
// that never moves, so none of them could expire: only the hand-over
// gets the replies out. The old deliverer acted like a crash, and the
// rest waited for the lease.
func TestDeliveryShutdownHandsOver(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		p := newPlatform()
		clk := bottest.NewClock(time.Now().Truncate(time.Second))
		gate := &gateOutlet{sending: make(chan struct{}, 16), release: make(chan struct{})}
		stopping, err := bot.NewDeliverer(bot.DelivererConfig{
			Store: newStore(), Outlet: &sendThen{gate: gate, out: &outlet{p: p}}, Owner: "stopping",
			Lease: time.Hour, Now: clk.Now, Flush: time.Hour,
		})
		if err != nil {
			t.Fatal(err)
		}
		survivor := newClockedReplica(t, newStore(), nil, &outlet{p: p}, "survivor", time.Hour, clk)
		st := &replica{d: stopping, store: survivor.store}

		// b's delivery is over, its mark pending; the survivor queues
		// more, which waits for that mark.
		b := bot.Address{Platform: "fake", Chat: "b", User: "u"}
		st.turn(t, t.Context(), b, bot.Reply{Text: "b1"})
		recv(t, "b1 to be sent", gate.sending)
		gate.release <- struct{}{}
		wait.Until(t, "b's delivery to end", func() bool { return bot.MarkPending(stopping, b) })
		survivor.turn(t, t.Context(), b, bot.Reply{Text: "b2"})

		// a's delivery is mid-turn: its first reply is being sent.
		a := bot.Address{Platform: "fake", Chat: "a", User: "u"}
		st.turn(t, t.Context(), a, bot.Reply{Text: "a1"}, bot.Reply{Text: "a2"}, bot.Reply{Text: "a3", Pause: time.Millisecond})
		recv(t, "a1 to be sent", gate.sending)
		done := make(chan error, 1)
		go func() { done <- stopping.Shutdown(t.Context()) }()
		wait.Until(t, "the shutdown to begin", func() bool { return bot.ShuttingDown(stopping) })
		gate.release <- struct{}{}
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(wait.Timeout):
			t.Fatalf("shutdown still waiting after %s", wait.Timeout)
		}
		if got := p.texts(a); fmt.Sprint(got) != "[a1]" {
			t.Fatalf("a saw %q by the shutdown, want [a1]: it stops before the next reply", got)
		}

		ctx, stop := context.WithCancel(t.Context())
		runDone := make(chan error, 1)
		go func() { runDone <- survivor.d.Run(ctx) }()
		wait.Until(t, "the survivor to deliver the rest", func() bool {
			return len(p.texts(a)) >= 3 && len(p.texts(b)) >= 2
		})
		stop()
		if err := <-runDone; err != nil {
			t.Fatal(err)
		}
		survivor.d.Wait()
		if got := p.texts(a); fmt.Sprint(got) != "[a1 a2 a3]" {
			t.Errorf("a saw %q, want [a1 a2 a3]: each once, in order", got)
		}
		if got := p.texts(b); fmt.Sprint(got) != "[b1 b2]" {
			t.Errorf("b saw %q, want [b1 b2]: each once, in order", got)
		}
	})
}

// sendThen sends through out once gate lets it.
type sendThen struct {
	gate *gateOutlet
	out  bot.Outlet
}

// Pause implements bot.Pauser through out, as every Outlet wrapper must.
func (o *sendThen) Pause(ctx context.Context, a bot.Address, d time.Duration) error {
	return bot.PauseThrough(ctx, o.out, a, d)
}

func (o *sendThen) Deliver(ctx context.Context, a bot.Address, r bot.Reply, keyboard string) (string, error) {
	o.gate.sending <- struct{}{}
	<-o.gate.release
	return o.out.Deliver(ctx, a, r, keyboard)
}

// TestDeliveryTypingAheadSameReplica: a person who writes again while
// the replica is still delivering the replies to their last message gets
// the new replies from that same delivery, before it ends: they do not
// wait for the last burst's flush (an hour here), nor for a turn after.
// The turns are stored as the engine stores them (Settle, Queue, Settled).
func TestDeliveryTypingAheadSameReplica(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		a := bot.Address{Platform: "fake", Chat: "c", User: "u"}
		p := newPlatform()
		gate := &gateOutlet{sending: make(chan struct{}, 16), release: make(chan struct{})}
		s := newStore()
		d, err := bot.NewDeliverer(bot.DelivererConfig{
			Store: s, Outlet: &sendThen{gate: gate, out: &outlet{p: p}}, Owner: "r1", Flush: time.Hour,
		})
		if err != nil {
			t.Fatal(err)
		}
		turn := func(replies ...bot.Reply) {
			t.Helper()
			var l *bot.Leased
			err := s.Update(t.Context(), a, func(x *bot.Session) error {
				d.Settle(a, x)
				l = d.Queue(x, replies, time.Now())
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			d.Settled(a)
			if l != nil {
				d.Start(t.Context(), a, l)
			}
		}
		turn(bot.Reply{Text: "1"}, bot.Reply{Text: "2"})
		recv(t, "the first reply to be sent", gate.sending)
		turn(bot.Reply{Text: "3"})
		go func() {
			for {
				select {
				case gate.release <- struct{}{}:
				case <-gate.sending:
				case <-t.Context().Done():
					return
				}
			}
		}()
		wait.Until(t, "every reply of both turns delivered", func() bool { return len(p.texts(a)) >= 3 })
		if got := p.texts(a); fmt.Sprint(got) != "[1 2 3]" {
			t.Errorf("the person saw %q, want [1 2 3]", got)
		}
		if err := d.Shutdown(t.Context()); err != nil {
			t.Fatal(err)
		}
		if sess := session(t, s, a); len(sess.Outbox) != 0 || sess.Lease != (bot.Lease{}) {
			t.Errorf("after shutdown: outbox %v lease %+v, want both empty", sess.Outbox, sess.Lease)
		}
	})
}
