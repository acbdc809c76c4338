package bot_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
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
		r := &replica{d: d, store: s}
		var turns, waits sync.WaitGroup
		for i := range people {
			turns.Go(func() {
				a := bot.Address{Platform: "fake", Chat: fmt.Sprint(i), User: "u"}
				r.turn(t, t.Context(), a, bot.Reply{Text: "1"}, bot.Reply{Text: "2"})
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
