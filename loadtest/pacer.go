package loadtest

import (
	"context"
	"time"
)

// An open loop's arrivals must leave on time: a turn's latency counts from
// its scheduled time, so a late wake-up would be charged to the engine. Go's
// timers wake an idle process about a millisecond late (the runtime's poller
// waits in whole milliseconds), as much as the 2 ms a turn may take at p99.
// The pacer therefore waits on a sleeper (a timerfd the poller watches, on
// Linux), and wakes each person when its message is due.

// sleeper waits for a duration.
type sleeper interface {
	sleep(ctx context.Context, d time.Duration) error
	close() error
}

// maxSleep bounds one wait, so that a cancelled run stops soon at any rate.
const maxSleep = 100 * time.Millisecond

// pace wakes person k mod len(wakes) when the run's k-th message is due, at
// t0 + k/rate, until deadline. A person already woken and not yet waiting
// again keeps its one pending wake-up.
func pace(ctx context.Context, s sleeper, t0, deadline time.Time, rate float64, wakes []chan struct{}) {
	interval := float64(time.Second) / rate
	for k := 0; ; k++ {
		at := t0.Add(time.Duration(float64(k) * interval))
		if !at.Before(deadline) {
			return
		}
		for d := time.Until(at); d > 0; d = time.Until(at) {
			if s.sleep(ctx, min(d, maxSleep)) != nil {
				return
			}
		}
		select {
		case wakes[k%len(wakes)] <- struct{}{}:
		default:
		}
	}
}

// timerSleeper is the portable sleeper: Go's timers.
type timerSleeper struct{}

func (timerSleeper) sleep(ctx context.Context, d time.Duration) error { return pause(ctx, d) }
func (timerSleeper) close() error                                     { return nil }
