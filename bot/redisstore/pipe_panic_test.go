package redisstore

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/bot/storetest"
)

// TestBatcherSurvivesAPanic makes sending panic once (a go-redis hook that
// panics, as a bug in a hook or in go-redis could): the panic reaches the
// turn's goroutine, where the turn runner would recover it, and the
// batcher must not stay busy: the turns batched with it get an error, and
// later turns go through.
func TestBatcherSurvivesAPanic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// queued: the panicking turn leads a batch of its own and one more
		// turn, queued behind a held batch; otherwise it is sent alone.
		queued bool
	}{
		{name: "alone"},
		{name: "leading a batch", queued: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := redistest.StartServer(t)
			s := newStore(t, Config{URL: srv.URL()})
			h := newHoldHook()
			s.rdb.AddHook(beforeHook(h.before))
			p := &panicHook{}
			s.rdb.AddHook(beforeHook(p.before))
			ctx := t.Context()
			addr := func(name string) bot.Address { return bot.Address{Platform: "p", Chat: name, User: "u"} }
			for _, n := range []string{"held", "boom", "member", "after"} {
				must(t, s.Update(ctx, addr(n), incr)) // warm
			}
			// Without the fix the batcher stays busy: bound the waits.
			bounded := func() context.Context {
				c, cancel := context.WithTimeout(ctx, 10*time.Second)
				t.Cleanup(cancel)
				return c
			}
			boom := make(chan any, 1)
			goBoom := func() {
				go func() {
					defer func() { boom <- recover() }()
					_ = s.Update(p.arm(bounded()), addr("boom"), incr)
				}()
			}
			member := make(chan error, 1)
			if !tt.queued {
				goBoom()
			} else {
				held := make(chan error, 1)
				go func() { held <- s.Update(h.mark(ctx, "held", true), addr("held"), incr) }()
				wait.Until(t, "the batch to be held", func() bool { return h.heldCount() == 1 })
				goBoom()
				wait.Until(t, "the turn to queue", func() bool { return s.turn.queued() == 1 })
				go func() { member <- s.Update(bounded(), addr("member"), incr) }()
				wait.Until(t, "the second turn to queue", func() bool { return s.turn.queued() == 2 })
				h.release("held")
				if err := <-held; err != nil {
					t.Fatal(err)
				}
			}
			if r := <-boom; r != errHookPanic {
				t.Fatalf("the panicking turn's goroutine recovered %v, want the hook's panic", r)
			}
			if tt.queued {
				if err := <-member; !errors.Is(err, errBatchPanicked) {
					t.Errorf("the turn batched with the panic: %v, want errBatchPanicked", err)
				}
			}
			if err := s.Update(bounded(), addr("after"), incr); err != nil {
				t.Fatalf("a turn after the panic: %v", err)
			}
			if got := storetest.Load(t, s, addr("after")).Slots["n"]; got != "2" {
				t.Errorf("counter %s after the panic, want 2", got)
			}
		})
	}
}

var errHookPanic = errors.New("test hook panics")

// panicHook is a go-redis hook that panics, once, on a command or a
// pipeline sent under a context it armed.
type panicHook struct{ once sync.Once }

type panicKey struct{}

func (h *panicHook) arm(ctx context.Context) context.Context {
	return context.WithValue(ctx, panicKey{}, true)
}

func (h *panicHook) before(ctx context.Context) {
	if ctx.Value(panicKey{}) != nil {
		h.once.Do(func() { panic(errHookPanic) })
	}
}
