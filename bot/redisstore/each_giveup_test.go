package redisstore

import (
	"context"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/bot/storetest"
)

// TestUpdateEachGivesUpOnEveryOne: UpdateEach returns each one's error
// (bot.EachUpdater). When it gives up waiting for the turn batcher (its
// ctx ends while a batch is in flight, Redis slow), the warm
// conversations get ctx's error, and so does a cold one, meant to go
// through Update afterwards: it was never tried, so nil (saved) would
// make a Deliverer's flush report its mark as written (Marked) and log
// nothing. (Review s7, D2: it was nil.)
func TestUpdateEachGivesUpOnEveryOne(t *testing.T) {
	t.Parallel()
	srv := redistest.StartServer(t)
	s := newStore(t, Config{URL: srv.URL()})
	other := newStore(t, Config{URL: srv.URL(), Prefix: s.prefix})
	h := newHoldHook()
	s.rdb.AddHook(beforeHook(h.before))
	ctx := t.Context()
	held := bot.Address{Platform: "p", Chat: "held", User: "u"}
	warm := bot.Address{Platform: "p", Chat: "warm", User: "u"}
	cold := bot.Address{Platform: "p", Chat: "cold", User: "u"}
	must(t, s.Update(ctx, held, incr))
	must(t, s.Update(ctx, warm, incr))
	must(t, other.Update(ctx, cold, incr)) // s never saw it
	done := make(chan error, 1)
	go func() { done <- s.Update(h.mark(ctx, "held", true), held, incr) }()
	wait.Until(t, "the batch to be held", func() bool { return h.heldCount() == 1 })
	ectx, cancel := context.WithCancel(ctx)
	var errs []error
	ran := []int{0, 0}
	got := make(chan struct{})
	go func() {
		errs = s.UpdateEach(ectx, []bot.Address{warm, cold}, func(i int, sess *bot.Session) error {
			ran[i]++
			return incr(sess)
		})
		close(got)
	}()
	wait.Until(t, "the marks to queue", func() bool { return s.turn.queued() == 1 })
	cancel() // gives up waiting
	<-got
	h.release("held")
	must(t, <-done)
	if errs[0] == nil {
		t.Errorf("warm: error nil after giving up")
	}
	n := storetest.Load(t, other, cold).Slots["n"]
	if errs[1] == nil && n != "2" {
		t.Errorf("cold: UpdateEach returned nil (saved), but fn ran %d times and the stored counter is %q, want 2", ran[1], n)
	}
}
