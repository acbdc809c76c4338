package bot_test

import (
	"fmt"
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
