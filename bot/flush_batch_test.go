package bot_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/memstore"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// TestDeliveryFlushesDueMarksTogether: the pending marks of deliveries
// that ended within Flush/4 of each other are written by one flush, at the
// first one's due time, so the store can send them together (one round
// trip or a few on Redis, rather than one each); a mark due later than
// that waits for its own time. The old deliverer had one timer per
// conversation: the marks went out 1 ms apart. On the fake clock of
// synctest.
func TestDeliveryFlushesDueMarksTogether(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		const flush = 40 * time.Millisecond // slack: 10 ms
		s := memstore.New(memstore.Config{})
		p := newPlatform()
		start := time.Now()
		var mu sync.Mutex
		marked := map[string]time.Duration{} // chat → when its mark was written
		d, err := bot.NewDeliverer(bot.DelivererConfig{
			Store: s, Index: s, Outlet: &outlet{p: p}, Owner: "one", Flush: flush,
			Marked: func(a bot.Address, _ int64) {
				mu.Lock()
				marked[a.Chat] = time.Since(start)
				mu.Unlock()
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		r := &replica{d: d, store: s}
		for _, tt := range []struct {
			chat string
			end  time.Duration // when its delivery ends
		}{
			{"c0", 0}, {"c1", time.Millisecond}, {"c2", 2 * time.Millisecond},
			{"c3", 5 * time.Millisecond}, {"c4", 9 * time.Millisecond},
			{"late", 20 * time.Millisecond},
		} {
			// synctest's fake clock: the moment this delivery ends, not a wait.
			time.Sleep(tt.end - time.Since(start))
			a := bot.Address{Platform: "fake", Chat: tt.chat, User: "u"}
			r.turn(t, t.Context(), a, bot.Reply{Text: tt.chat})
			synctest.Wait()
			if !bot.MarkPending(d, a) {
				t.Fatalf("%s: no mark pending after its delivery", tt.chat)
			}
		}
		d.Wait()
		want := map[string]time.Duration{
			"c0": flush, "c1": flush, "c2": flush, "c3": flush, "c4": flush,
			"late": 20*time.Millisecond + flush,
		}
		if fmt.Sprint(marked) != fmt.Sprint(want) {
			t.Errorf("marks written at %v, want %v", marked, want)
		}
		for chat := range want {
			a := bot.Address{Platform: "fake", Chat: chat, User: "u"}
			if sess := session(t, s, a); len(sess.Outbox) != 0 || sess.Lease != (bot.Lease{}) {
				t.Errorf("%s after the flush: outbox %v lease %+v, want both empty", chat, sess.Outbox, sess.Lease)
			}
		}
	})
}

// TestDeliveryFlushRoundTrips: on a real redis-server, the pending marks
// of deliveries that ended close together (within Flush/4, here 1 s) are written
// concurrently by one flush, so the store sends them in a few round trips;
// the old deliverer's timer per conversation wrote each alone, in its own
// round trip. Not parallel: the round trips a flush takes depend on how
// soon its workers run, which the package's parallel tests (under -race,
// on a loaded machine) delayed into 20 round trips.
func TestDeliveryFlushRoundTrips(t *testing.T) {
	const n = 40
	s, err := redisstore.New(redisstore.Config{URL: redistest.Start(t), TTL: time.Hour, DialTimeout: 10 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	p := newPlatform()
	d, err := bot.NewDeliverer(bot.DelivererConfig{
		Store: s, Index: s, Outlet: &outlet{p: p}, Owner: "one", Flush: 4 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	r := &replica{d: d, store: s}
	var as []bot.Address
	for i := range n {
		a := bot.Address{Platform: "fake", Chat: fmt.Sprint("c", i), User: "u"}
		as = append(as, a)
		r.turn(t, t.Context(), a, bot.Reply{Text: "hi"})
		// One at a time, as deliveries spread in time end.
		wait.Until(t, "the delivery to end", func() bool { return bot.MarkPending(d, a) })
	}
	before := s.RoundTrips()
	d.Wait()
	got := s.RoundTrips() - before
	t.Logf("%d pending marks written in %d round trips", n, got)
	// How deep each batch gets depends on scheduling (under -race on a busy
	// machine the 40 turns may also spread over more than one flush), so
	// the bound is half the marks: a timer per conversation takes all 40.
	if got > n/2 {
		t.Errorf("%d pending marks took %d round trips, want at most %d", n, got, n/2)
	}
	for _, a := range as {
		if sess := session(t, s, a); len(sess.Outbox) != 0 || sess.Lease != (bot.Lease{}) {
			t.Errorf("%s after the flush: outbox %v lease %+v, want both empty", a.Chat, sess.Outbox, sess.Lease)
		}
	}
}

// eachStore is a memstore that is a bot.EachUpdater: it records the
// conversations of each UpdateEach call, and updates them one by one.
type eachStore struct {
	*memstore.Store
	mu    sync.Mutex
	calls [][]string // the chats of each call
	// hold, when set, is waited for by UpdateEach before it updates;
	// entered, when set, is closed as the first held call begins to wait.
	hold    chan struct{}
	entered chan struct{}
	once    sync.Once
}

func (s *eachStore) UpdateEach(ctx context.Context, as []bot.Address, fn func(int, *bot.Session) error) []error {
	if s.hold != nil {
		if s.entered != nil {
			s.once.Do(func() { close(s.entered) })
		}
		<-s.hold
	}
	var chats []string
	errs := make([]error, len(as))
	for i, a := range as {
		chats = append(chats, a.Chat)
		errs[i] = s.Update(ctx, a, func(sess *bot.Session) error { return fn(i, sess) })
	}
	slices.Sort(chats)
	s.mu.Lock()
	s.calls = append(s.calls, chats)
	s.mu.Unlock()
	return errs
}

// TestDeliveryFlushesThroughUpdateEach: with a store that can update
// several conversations in one call (bot.EachUpdater; on Redis one round
// trip), a flush writes every mark it takes in one call from its own
// goroutine, rather than one store update each from up to 64 goroutines;
// a forgotten conversation is not brought back, and what this replica or
// another queued while a mark was pending is delivered after it. On the
// fake clock of synctest.
func TestDeliveryFlushesThroughUpdateEach(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		const flush = 40 * time.Millisecond
		s := &eachStore{Store: memstore.New(memstore.Config{})}
		p := newPlatform()
		d, err := bot.NewDeliverer(bot.DelivererConfig{Store: s, Index: s, Outlet: &outlet{p: p}, Owner: "one", Flush: flush})
		if err != nil {
			t.Fatal(err)
		}
		other := newReplica(t, s.Store, p, "two", time.Minute, nil)
		r := &replica{d: d, store: s}
		ctx := t.Context()
		addr := func(chat string) bot.Address { return bot.Address{Platform: "fake", Chat: chat, User: "u"} }
		for _, chat := range []string{"c0", "c1", "c2", "again", "forgotten", "queued"} {
			r.turn(t, ctx, addr(chat), bot.Reply{Text: chat})
		}
		synctest.Wait()
		// Meanwhile: this replica and another queue a reply behind the
		// lease their pending marks hold, and a person is forgotten.
		r.turn(t, ctx, addr("again"), bot.Reply{Text: "again 2"})
		synctest.Wait()
		if err := s.Delete(ctx, addr("forgotten")); err != nil {
			t.Fatal(err)
		}
		other.turn(t, ctx, addr("queued"), bot.Reply{Text: "queued 2"})
		d.Wait()
		other.d.Wait()
		// The first flush takes every mark; the second, those of the
		// replies queued behind them.
		want := [][]string{{"again", "c0", "c1", "c2", "forgotten", "queued"}, {"again", "queued"}}
		if fmt.Sprint(s.calls) != fmt.Sprint(want) {
			t.Errorf("UpdateEach calls %v, want %v", s.calls, want)
		}
		for chat, texts := range map[string][]string{
			"c0": {"c0"}, "c1": {"c1"}, "c2": {"c2"},
			"again": {"again", "again 2"}, "forgotten": {"forgotten"}, "queued": {"queued", "queued 2"},
		} {
			if got := p.texts(addr(chat)); fmt.Sprint(got) != fmt.Sprint(texts) {
				t.Errorf("%s: delivered %q, want %q", chat, got, texts)
			}
		}
		for _, chat := range []string{"c0", "c1", "c2", "again", "queued"} {
			if sess := session(t, s.Store, addr(chat)); len(sess.Outbox) != 0 || sess.Lease != (bot.Lease{}) {
				t.Errorf("%s after the flush: outbox %v lease %+v, want both empty", chat, sess.Outbox, sess.Lease)
			}
		}
		if sess := session(t, s.Store, addr("forgotten")); sess.Version != 0 {
			t.Errorf("forgotten: a session came back (version %d)", sess.Version)
		}
	})
}

// storeOnly hides every method of a store but bot.Store's (and the
// index's): a Deliverer then flushes with one Update per mark.
type storeOnly struct {
	bot.Store
	bot.OutboxIndex
}

// BenchmarkFlush delivers one reply to each of 64 conversations on a real
// redis-server and waits for the flush of their marks, written in one
// UpdateEach (each) or one Update per mark from the flush's workers
// (update, as before UpdateEach). trips/mark counts the marks' round
// trips and the turns', CPU and allocations are the whole process's.
func BenchmarkFlush(b *testing.B) {
	url := redistest.Start(b)
	for _, bb := range []struct {
		name string
		hide bool
	}{{"each", false}, {"update", true}} {
		b.Run(bb.name, func(b *testing.B) {
			s, err := redisstore.New(redisstore.Config{URL: url, Prefix: "b" + bb.name, TTL: time.Hour})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { _ = s.Close() })
			var store interface {
				bot.Store
				bot.OutboxIndex
			} = s
			if bb.hide {
				store = storeOnly{s, s}
			}
			d, err := bot.NewDeliverer(bot.DelivererConfig{Store: store, Index: s, Outlet: &outlet{p: newPlatform()}, Owner: "one", Flush: time.Millisecond})
			if err != nil {
				b.Fatal(err)
			}
			const n = 64
			as := make([]bot.Address, n)
			for i := range as {
				as[i] = bot.Address{Platform: "fake", Chat: fmt.Sprint("c", i), User: "u"}
			}
			ctx := b.Context()
			trips0 := s.RoundTrips()
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				for _, a := range as {
					var l *bot.Leased
					if err := s.Update(ctx, a, func(sess *bot.Session) error {
						l = d.Queue(sess, []bot.Reply{{Text: "hi"}}, time.Now())
						return nil
					}); err != nil {
						b.Fatal(err)
					}
					if l != nil {
						d.Start(ctx, a, l)
					}
				}
				d.Wait()
			}
			b.ReportMetric(float64(s.RoundTrips()-trips0)/float64(b.N*n), "trips/mark")
		})
	}
}

// TestFlushHoldsNoTurnBack: while a flush writes its marks (held here
// inside the store's UpdateEach, as a batch's round trip and Redis running
// every mark take time), this replica's store updates of those
// conversations go on: a Send queues its reply at once, and the mark,
// written after it, finds that reply and delivers it, after the first.
// The flush used to hold the locks of its conversations until it was
// done: the Send waited for the whole batch.
func TestFlushHoldsNoTurnBack(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		s := &eachStore{Store: memstore.New(memstore.Config{}), hold: make(chan struct{}), entered: make(chan struct{})}
		p := newPlatform()
		d, err := bot.NewDeliverer(bot.DelivererConfig{Store: s, Index: s, Outlet: &outlet{p: p}, Owner: "one", Flush: 40 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		r := &replica{d: d, store: s}
		ctx := t.Context()
		a := bot.Address{Platform: "fake", Chat: "c", User: "u"}
		r.turn(t, ctx, a, bot.Reply{Text: "first"})
		<-s.entered // the flush is writing the mark, held inside UpdateEach
		sent := make(chan error, 1)
		go func() { sent <- d.Send(ctx, a, []bot.Reply{{Text: "second"}}) }()
		synctest.Wait()
		select {
		case err := <-sent:
			if err != nil {
				t.Fatal(err)
			}
		default:
			close(s.hold) // let the flush, then the Send, end
			t.Fatal("Send waited for the flush of the conversation's mark")
		}
		close(s.hold)
		d.Wait()
		if got := p.texts(a); fmt.Sprint(got) != "[first second]" {
			t.Errorf("delivered %q, want [first second]", got)
		}
		if sess := session(t, s.Store, a); len(sess.Outbox) != 0 || sess.Lease != (bot.Lease{}) {
			t.Errorf("after the flushes: outbox %v lease %+v, want both empty", sess.Outbox, sess.Lease)
		}
	})
}
