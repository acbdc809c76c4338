package slack

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"sync"
	"time"
)

// job is one piece of work for one conversation (a turn, a button press, a
// peer request's outcome). Jobs with the same key run one after the other,
// in the order they arrived; jobs with different keys run side by side.
type job struct {
	key string
	fn  func(ctx context.Context)
}

// dispatcher runs jobs with per-key order and cross-key concurrency: one
// FIFO per busy key and a global limit on running jobs, so one slow
// conversation never holds up another and none is answered out of order.
type dispatcher struct {
	in  chan job
	log *slog.Logger

	mu     sync.Mutex
	closed bool
}

func newDispatcher(buffer int, log *slog.Logger) *dispatcher {
	return &dispatcher{in: make(chan job, buffer), log: log}
}

// submit queues j without blocking. It returns false when the dispatcher is
// full or shutting down, so that an HTTP event can be refused (Slack then
// delivers it again) rather than silently dropped.
func (d *dispatcher) submit(j job) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return false
	}
	select {
	case d.in <- j:
		return true
	default:
		return false
	}
}

// submitWait queues j, waiting for room until ctx is done. Socket Mode uses
// it: the envelope is already acknowledged, so waiting is better than losing it.
func (d *dispatcher) submitWait(ctx context.Context, j job) bool {
	for {
		if d.submit(j) {
			return true
		}
		d.mu.Lock()
		closed := d.closed
		d.mu.Unlock()
		if closed {
			return false
		}
		t := time.NewTimer(10 * time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return false
		case <-t.C:
		}
	}
}

// run executes jobs until ctx is done, then refuses new ones and finishes
// those already accepted (Slack was told they were received) within grace,
// after which their contexts are cancelled. Each job gets its own timeout.
func (d *dispatcher) run(ctx context.Context, workers int, timeout, grace time.Duration) {
	base, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	stopGrace := context.AfterFunc(ctx, func() {
		d.mu.Lock()
		d.closed = true
		d.mu.Unlock()
		time.AfterFunc(grace, cancel)
	})
	defer stopGrace()

	sem := make(chan struct{}, workers)
	done := make(chan string)
	pending := map[string][]job{} // a key is present while one of its jobs runs
	running := 0
	start := func(j job) {
		running++
		go func() {
			sem <- struct{}{}
			defer func() {
				<-sem
				done <- j.key
			}()
			if base.Err() != nil {
				// The shutdown grace is over: a turn started now could not
				// deliver its reply, so it is not started at all.
				d.log.Warn("job dropped at shutdown", "key_hash", hashKey(j.key))
				return
			}
			jctx, jcancel := context.WithTimeout(base, timeout)
			defer jcancel()
			// A panic in one job must not take the process and every other
			// conversation down with it.
			defer func() {
				if r := recover(); r != nil {
					d.log.Error("job panicked", "panic", panicInfo(r))
				}
			}()
			j.fn(jctx)
		}()
	}
	stopping := ctx.Done()
	for {
		if stopping == nil && running == 0 && len(d.in) == 0 {
			return
		}
		select {
		case j := <-d.in:
			if q, busy := pending[j.key]; busy {
				pending[j.key] = append(q, j)
				continue
			}
			pending[j.key] = nil
			start(j)
		case k := <-done:
			running--
			if q := pending[k]; len(q) > 0 {
				pending[k] = q[1:]
				start(q[0])
				continue
			}
			delete(pending, k)
		case <-stopping:
			stopping = nil
			d.mu.Lock()
			d.closed = true
			d.mu.Unlock()
		}
	}
}

// hashKey names a conversation in logs without its Slack IDs.
func hashKey(k string) string {
	sum := sha256.Sum256([]byte(k))
	return hex.EncodeToString(sum[:6])
}
