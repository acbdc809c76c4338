package bot_test

import (
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// TestFlushRacesSends: two replicas on one real
// redis-server, each store a bot.EachUpdater, a flush of 1 ms so that the
// lock-free batched flush (flushEach) races the next Send of the same
// conversation on the same replica, and Sends alternating between the
// replicas. Nobody dies and leases last a minute: every reply must reach
// the person exactly once, in the order of the Sends, with one live
// keyboard, and every outbox must end empty and unleased.
func TestFlushRacesSends(t *testing.T) {
	url := redistest.Start(t)
	p := newPlatform()
	newD := func(name string) *bot.Deliverer {
		s, err := redisstore.New(redisstore.Config{URL: url, TTL: time.Hour, DialTimeout: 10 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Close() })
		d, err := bot.NewDeliverer(bot.DelivererConfig{
			Store: s, Index: s, Outlet: &outlet{p: p}, Owner: name,
			Lease: time.Minute, Flush: time.Millisecond,
		})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	ds := []*bot.Deliverer{newD("a"), newD("b")}
	const people, sends = 24, 40
	ctx := t.Context()
	var wg sync.WaitGroup
	for i := range people {
		a := bot.Address{Platform: "fake", Chat: strconv.Itoa(i), User: "u"}
		wg.Go(func() {
			for n := range sends {
				// Mostly the same replica twice in a row: its flush races
				// its own next Send; sometimes the other.
				d := ds[(n/3+i)%2]
				if err := d.Send(ctx, a, []bot.Reply{{Text: strconv.Itoa(n), Choices: []bot.Choice{{ID: "y", Label: "Yes"}}}}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	var want []string
	for n := range sends {
		want = append(want, strconv.Itoa(n))
	}
	for i := range people {
		a := bot.Address{Platform: "fake", Chat: strconv.Itoa(i), User: "u"}
		if !wait.Within(20*time.Second, nil, func() bool { return len(p.texts(a)) >= sends }) {
			t.Errorf("person %d: only %d of %d replies delivered: %q", i, len(p.texts(a)), sends, p.texts(a))
		}
	}
	for _, d := range ds {
		d.Wait()
	}
	for i := range people {
		a := bot.Address{Platform: "fake", Chat: strconv.Itoa(i), User: "u"}
		if got := p.texts(a); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("person %d saw %q, want %q", i, got, want)
		}
		if n := p.liveButtons(a); n != 1 {
			t.Errorf("person %d has %d live keyboards, want 1", i, n)
		}
	}
}
