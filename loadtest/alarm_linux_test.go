package loadtest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"
)

// armedAlarms returns n alarms on the kernel's timers, armed for an open
// loop of rate messages a second that started at t0, and closed at the
// test's end.
func armedAlarms(t *testing.T, ctx context.Context, n int, t0 time.Time, rate float64) []*timerAlarm {
	t.Helper()
	as, arm := newTimerAlarms(n)
	if as == nil {
		t.Fatal("newTimerAlarms: no timerfd")
	}
	t.Cleanup(func() {
		for _, a := range as {
			if err := a.close(); err != nil && !errors.Is(err, os.ErrClosed) {
				t.Error(err)
			}
		}
	})
	arm(t0, rate)
	out := make([]*timerAlarm, n)
	for i, a := range as {
		out[i] = a.(*timerAlarm)
		if err := out[i].start(ctx); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestTimerAlarmOnTime: each person's alarm wakes it for each of its own
// due times (t0 + (j·people+i)/rate), never before.
func TestTimerAlarmOnTime(t *testing.T) {
	t.Parallel()
	const people, rate = 3, 6000 // person i's messages every 500 µs
	t0 := time.Now()
	as := armedAlarms(t, t.Context(), people, t0, rate)
	for i, a := range as {
		if want := t0.Add(time.Duration(float64(7*people+i) * float64(time.Second) / rate)); !a.due(7).Equal(want) {
			t.Errorf("person %d: message 7 due at t0+%v, want t0+%v", i, a.due(7).Sub(t0), want.Sub(t0))
		}
	}
	done := make(chan error, people)
	for _, a := range as {
		go func() {
			for j := range uint64(20) {
				at := a.due(j)
				if err := a.wait(t.Context(), at); err != nil {
					done <- err
					return
				}
				if now := time.Now(); now.Before(at) {
					done <- fmt.Errorf("woken %v before message %d was due", at.Sub(now), j)
					return
				}
			}
			done <- nil
		}()
	}
	for range as {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestTimerAlarmLate: a person late by several messages starts each of
// them at once (its timer expired for all, and it reads them together),
// then waits for the next one due: the timer, set again only when read,
// still expires for it.
func TestTimerAlarmLate(t *testing.T) {
	t.Parallel()
	const rate = 1000 // one person, a message every millisecond
	t0 := time.Now().Add(-5500 * time.Microsecond)
	a := armedAlarms(t, t.Context(), 1, t0, rate)[0]
	// Messages 0 to 5 were due before the alarm was armed: each starts at
	// once, none waits for an expiration.
	for j := range uint64(6) {
		if err := a.wait(t.Context(), a.due(j)); err != nil {
			t.Fatal(err)
		}
	}
	if a.fired != 0 {
		t.Errorf("%d expirations read while late, want none (a late person does not wait)", a.fired)
	}
	// Then two messages still to come, chosen from the clock, since a
	// loaded machine may have passed any fixed one: the timer expired at
	// least six times unread, and is set again by the first read. A wait
	// entered late returns without reading; it is tried again with a later
	// message until one waited.
	for range 2 {
		read := a.fired
		for tries := 0; a.fired == read; tries++ {
			if tries == 50 {
				t.Fatalf("no wait blocked in %d tries: the test stalled for over 3 ms each time", tries)
			}
			j := uint64(time.Since(t0)/time.Millisecond) + 3 // due in 2 to 3 ms
			at := a.due(j)
			if err := a.wait(t.Context(), at); err != nil {
				t.Fatal(err)
			}
			if now := time.Now(); now.Before(at) {
				t.Errorf("woken %v before message %d was due", at.Sub(now), j)
			}
		}
	}
	if a.fired < 6 {
		t.Errorf("%d expirations read, want at least the 6 missed", a.fired)
	}
}

// TestTimerAlarmCancel: a person waiting for a message due in an hour
// stops when the run is cancelled, before or during the wait.
func TestTimerAlarmCancel(t *testing.T) {
	t.Parallel()
	for _, during := range []bool{false, true} {
		ctx, cancel := context.WithCancel(t.Context())
		a := armedAlarms(t, ctx, 1, time.Now(), 1.0/3600)[0]
		if err := a.wait(ctx, a.due(0)); err != nil {
			t.Fatalf("message 0, due at once: %v", err)
		}
		done := make(chan error, 1)
		if !during {
			cancel()
		}
		go func() { done <- a.wait(ctx, a.due(1)) }()
		cancel()
		if err := <-done; !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled (during: %v): wait = %v, want context.Canceled", during, err)
		}
	}
}

// TestTimerAlarmClosed: an alarm that cannot be read says so, rather than
// waking its person or waiting forever.
func TestTimerAlarmClosed(t *testing.T) {
	t.Parallel()
	a := armedAlarms(t, t.Context(), 1, time.Now(), 1.0/3600)[0]
	if err := a.f.Close(); err != nil {
		t.Fatal(err)
	}
	if err := a.wait(t.Context(), a.due(1)); err == nil {
		t.Error("wait on a closed timer = nil, want an error")
	}
}

// TestTimersFit: the people have timers of their own only if these take
// at most half the process's file descriptors (the store needs some).
func TestTimersFit(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		people int
		nofile uint64
		want   bool
	}{
		{1000, 20000, true},
		{10000, 20000, true},
		{10001, 20000, false},
		{1000, 1024, false},
		{512, 1024, true},
	} {
		if got := timersFit(c.people, c.nofile); got != c.want {
			t.Errorf("timersFit(%d people, %d files) = %v, want %v", c.people, c.nofile, got, c.want)
		}
	}
}
