// Package adaptertest holds what the tests of several adapters share: the
// test logger, a session store on a real redis-server, read-only looks at
// a stored session, a replica's deliverer, and what one replica alone
// answers. Only tests import it.
package adaptertest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
	"github.com/carebot/carebot/bot/redisstore"
)

// Logger writes to the test's output, debug level included.
func Logger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// Sleeps records the waits an adapter asks for and returns at once, so
// that tests check retry waits, backoff and pauses without sleeping.
type Sleeps struct {
	mu  sync.Mutex
	got []time.Duration
}

// Sleep records d; it is an adapter's sleep function.
func (s *Sleeps) Sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.got = append(s.got, d)
	s.mu.Unlock()
	return ctx.Err()
}

// All returns the waits asked for so far, in order.
func (s *Sleeps) All() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.got)
}

// Redis is a session store on the redis-server at url, closed when the
// test ends.
func Redis(t testing.TB, url string) *redisstore.Store {
	t.Helper()
	s, err := redisstore.New(redisstore.Config{URL: url, TTL: time.Hour})
	if err != nil {
		t.Fatalf("redisstore.New: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var errRead = errors.New("read only") // stops the save

// read returns a's stored session without changing it.
func read(ctx context.Context, store bot.Store, a bot.Address) (bot.Session, error) {
	var got bot.Session
	err := store.Update(ctx, a, func(s *bot.Session) error {
		got = *s
		return errRead
	})
	if errors.Is(err, errRead) {
		err = nil
	}
	return got, err
}

// Session reads the stored session of a without changing it.
func Session(t testing.TB, store bot.Store, a bot.Address) bot.Session {
	t.Helper()
	s, err := read(t.Context(), store, a)
	if err != nil {
		t.Fatalf("read session: %v", err)
	}
	return s
}

// Idle reports whether a's outbox is empty and nobody holds its delivery
// lease: the replies to a's next message are leased by the replica that
// runs its turn. It does not fail the test, so goroutines may wait on it.
func Idle(t testing.TB, store bot.Store, a bot.Address) bool {
	s, err := read(t.Context(), store, a)
	return err == nil && len(s.Outbox) == 0 && !s.Lease.Held(time.Now())
}

// Stored reports whether a's session has handled message id. Like Idle,
// it does not fail the test.
func Stored(t testing.TB, store bot.Store, a bot.Address, id string) bool {
	s, err := read(t.Context(), store, a)
	return err == nil && slices.Contains(s.Seen, id)
}

// Deliverer is replica owner's deliverer of store's outboxes through out
// (for its platform), with a one-second lease and a quick sweep, so that
// the leases of a replica that died are taken over within the test.
func Deliverer(t testing.TB, store *redisstore.Store, owner, platform string, out bot.Outlet, log *slog.Logger) *bot.Deliverer {
	t.Helper()
	d, err := bot.NewDeliverer(bot.DelivererConfig{
		Store: store, Index: store, Owner: owner, Logger: log,
		Outlet: bot.Outlets{platform: out},
		Lease:  time.Second, Sweep: 20 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// ErrDead is what a Dying outlet's sends fail with once it died.
var ErrDead = errors.New("replica dead")

// Dying is a replica's outlet that can die: it waits Typing (a send's
// own time), then sends through Next, until it is Armed. From its next
// send on, every send fails with ErrDead, as in a process that stopped
// (its leases are left to expire), and Died, if set, runs once. It is a
// bot.Pauser through Next, as every wrapper of an Outlet must be.
type Dying struct {
	Next   bot.Outlet
	Typing time.Duration
	Died   func()
	Armed  atomic.Bool // it dies at its next send
	Dead   atomic.Bool
}

var _ bot.Pauser = (*Dying)(nil)

// Pause implements bot.Pauser: Next's pause (see bot.PauseThrough).
func (o *Dying) Pause(ctx context.Context, to bot.Address, d time.Duration) error {
	return bot.PauseThrough(ctx, o.Next, to, d)
}

// Deliver implements bot.Outlet.
func (o *Dying) Deliver(ctx context.Context, to bot.Address, r bot.Reply, kb string) (string, error) {
	if o.Armed.Load() {
		if !o.Dead.Swap(true) && o.Died != nil {
			o.Died()
		}
		return kb, ErrDead
	}
	if o.Typing > 0 {
		if err := bot.Sleep(ctx, o.Typing); err != nil {
			return kb, err
		}
	}
	return o.Next.Deliver(ctx, to, r, kb)
}

// Sweep runs d's sweeper until the test ends or stop is called. Started
// after the adapter, it ends first at cleanup: the sweeper and the
// deliveries under way end while the adapter still runs, and none logs
// after the test.
func Sweep(t testing.TB, d *bot.Deliverer) (stop context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	swept := make(chan struct{})
	go func() { defer close(swept); _ = d.Run(ctx) }()
	t.Cleanup(func() { cancel(); <-swept; d.Wait() })
	return cancel
}

// Alone is what one replica alone says to from for msgs, replies returned
// as before the outbox: cfg's engine on a store in memory, logging to the
// test.
func Alone(t testing.TB, cfg bot.Config, from bot.Address, msgs []string) []bot.Reply {
	t.Helper()
	cfg.Store, cfg.Logger = memstore.New(memstore.Config{}), Logger(t)
	e, err := bot.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var out []bot.Reply
	for i, text := range msgs {
		replies, err := e.HandleMessage(t.Context(), bot.Message{ID: fmt.Sprint(i), From: from, Text: text})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, replies...)
	}
	return out
}
