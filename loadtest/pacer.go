package loadtest

import (
	"context"
	"time"
)

// An open loop's arrivals must leave on time: a turn's latency counts from
// its scheduled time, so a late wake-up would be charged to the engine. Go's
// timers wake an idle process about a millisecond late (the runtime's poller
// waits in whole milliseconds), as much as the 2 ms a turn may take at p99.
//
// Each person therefore waits on an alarm. On Linux it is the person's own
// periodic timerfd, read through the poller (alarm_linux.go): the kernel
// wakes the person itself when its message is due, so an arrival costs one
// wake-up and one read, with no pacer goroutine in between to wake first
// (which then woke the person: a second goroutine and, most often, a second
// thread). A person that is late finds its timer already expired and starts
// at once, each person independently of the others. Elsewhere, or when the
// timers would take more than half the process's file descriptors, a pacer
// wakes each person through a channel when its message is due, sleeping on
// a sleeper in between.

// alarm wakes one person when each of its messages is due.
type alarm interface {
	// wait returns once at has passed, or ctx's error if it is done first.
	wait(ctx context.Context, at time.Time) error
	close() error
}

// chanAlarm is an alarm the pacer rings: a channel of one pending wake-up.
type chanAlarm chan struct{}

func (c chanAlarm) wait(ctx context.Context, at time.Time) error {
	if err := ctx.Err(); err != nil {
		return err // a late person does not send once the run is over
	}
	for time.Now().Before(at) {
		// A wake-up left from a turn that started late comes early: wait
		// again.
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-c:
		}
	}
	return nil
}

func (chanAlarm) close() error { return nil }

// armFunc sets alarms to the schedule of an open loop that started at t0
// and offers rate messages per second.
type armFunc func(t0 time.Time, rate float64)

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
func pace(ctx context.Context, s sleeper, t0, deadline time.Time, rate float64, wakes []chanAlarm) {
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
