package bottest

import (
	"bytes"
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/carebot/carebot/bot"
)

// PauseClock is the time of a conversation whose replies each take a
// pause (typing): Sleep moves the clock by the pause, but not before
// Release, so every message of a burst arrives at the time it was sent,
// as it would in real time (40 messages sent in two seconds arrive long
// before the first pause ends). Use Now as the engine's clock and Sleep as
// the adapter's.
type PauseClock struct {
	mu      sync.Mutex
	now     time.Time
	release chan struct{}
	once    sync.Once
}

// NewPauseClock returns a clock at a fixed date, held until Release.
func NewPauseClock() *PauseClock {
	return &PauseClock{now: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC), release: make(chan struct{})}
}

// Now is the clock's time.
func (c *PauseClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Sleep waits for Release (or ctx), then moves the clock by d.
func (c *PauseClock) Sleep(ctx context.Context, d time.Duration) error {
	select {
	case <-c.release:
	case <-ctx.Done():
		return ctx.Err()
	}
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return nil
}

// Release lets pauses pass from now on.
func (c *PauseClock) Release() { c.once.Do(func() { close(c.release) }) }

// Buffer is an io.Writer safe for concurrent writers that a test reads
// while they write (logs, a terminal's output).
type Buffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write implements io.Writer.
func (s *Buffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns what was written so far.
func (s *Buffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Paced is a handler in front of the engine that counts turns and gives
// every reply at least Pause before it, as a person typing would.
type Paced struct {
	Next  bot.Handler
	Pause time.Duration
	Turns atomic.Int32
}

// HandleMessage implements bot.Handler.
func (h *Paced) HandleMessage(ctx context.Context, m bot.Message) ([]bot.Reply, error) {
	h.Turns.Add(1)
	replies, err := h.Next.HandleMessage(ctx, m)
	for i := range replies {
		replies[i].Pause = max(replies[i].Pause, h.Pause)
	}
	return replies, err
}

// Clock is a settable time, safe for concurrent use: the code under test
// reads Now, the test moves it with Set and Add. The zero Clock is at the
// Unix epoch.
type Clock struct{ ns atomic.Int64 }

// NewClock returns a Clock at t.
func NewClock(t time.Time) *Clock {
	c := &Clock{}
	c.Set(t)
	return c
}

// Now returns the clock's time, in UTC.
func (c *Clock) Now() time.Time { return time.Unix(0, c.ns.Load()).UTC() }

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) { c.ns.Store(t.UnixNano()) }

// Add moves the clock by d.
func (c *Clock) Add(d time.Duration) { c.ns.Add(int64(d)) }
