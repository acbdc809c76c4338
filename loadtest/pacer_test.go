package loadtest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

// TestPace: the k-th message of the run wakes person k mod P at its time,
// and a person busy when woken keeps one wake-up, not a backlog.
func TestPace(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		wakes := []chanAlarm{make(chanAlarm, 1), make(chanAlarm, 1)}
		t0 := time.Now()
		got := make([][]time.Duration, len(wakes))
		done := make(chan struct{})
		go func() {
			defer close(done)
			pace(t.Context(), timerSleeper{}, t0, t0.Add(10*time.Millisecond), 1000, wakes)
		}()
		// Person 0 reads its wake-ups; person 1 reads none until the end.
		stop := make(chan struct{})
		go func() {
			for {
				select {
				case <-wakes[0]:
					got[0] = append(got[0], time.Since(t0))
				case <-stop:
					return
				}
			}
		}()
		<-done
		synctest.Wait()
		close(stop)
		want := []time.Duration{0, 2 * time.Millisecond, 4 * time.Millisecond, 6 * time.Millisecond, 8 * time.Millisecond}
		if len(got[0]) != len(want) {
			t.Fatalf("person 0 woken at %v, want %v", got[0], want)
		}
		for i := range want {
			if got[0][i] != want[i] {
				t.Errorf("person 0 woken at %v, want %v", got[0], want)
				break
			}
		}
		if n := len(wakes[1]); n != 1 {
			t.Errorf("person 1 has %d wake-ups pending, want 1", n)
		}
	})
}

// TestSleeper: the platform's sleeper waits at least as long as asked, and
// stops for a cancelled context.
func TestSleeper(t *testing.T) {
	t.Parallel()
	s := newSleeper()
	defer s.close()
	for _, d := range []time.Duration{50 * time.Microsecond, 2 * time.Millisecond} {
		t0 := time.Now()
		if err := s.sleep(t.Context(), d); err != nil {
			t.Fatal(err)
		}
		if took := time.Since(t0); took < d {
			t.Errorf("sleep(%v) returned after %v", d, took)
		}
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := s.sleep(ctx, time.Hour); err == nil {
		t.Error("sleep with a cancelled context returned nil")
	}
}

// lateSleeper oversleeps every wait by late, as a pacer that gets no CPU
// in time would.
type lateSleeper struct{ late time.Duration }

func (s lateSleeper) sleep(ctx context.Context, d time.Duration) error { return pause(ctx, d+s.late) }
func (lateSleeper) close() error                                       { return nil }

// TestPaceLate: a pacer that wakes late wakes every person whose message
// came due meanwhile, all at once, and none before its time.
func TestPaceLate(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		const people = 4
		wakes := make([]chanAlarm, people)
		got := make([][]time.Duration, people)
		t0 := time.Now()
		for i := range wakes {
			wakes[i] = make(chanAlarm, 1)
			go func() {
				for range wakes[i] {
					got[i] = append(got[i], time.Since(t0))
				}
			}()
		}
		// A message a millisecond for 10 ms; each sleep ends 3.5 ms late.
		pace(t.Context(), lateSleeper{3500 * time.Microsecond}, t0, t0.Add(10*time.Millisecond), 1000, wakes)
		synctest.Wait()
		for _, w := range wakes {
			close(w)
		}
		synctest.Wait()
		ms := func(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }
		// Message 0 leaves at once; messages 1-4 when the first sleep
		// ends, at 4.5 ms; 5-8 at 8.5 ms; 9 at 12.5 ms.
		want := [][]time.Duration{
			{0, ms(4.5), ms(8.5)},
			{ms(4.5), ms(8.5), ms(12.5)},
			{ms(4.5), ms(8.5)},
			{ms(4.5), ms(8.5)},
		}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("people woken at %v, want %v", got, want)
		}
	})
}

// TestAlarmLateCancelled: a person whose message is already due when the
// run is cancelled (Ctrl-C) gets ctx's error, not one more turn on a
// cancelled context, counted as a turn error.
func TestAlarmLateCancelled(t *testing.T) {
	t.Parallel()
	alarms := map[string]alarm{"pacer": make(chanAlarm, 1)}
	if as, arm := newTimerAlarms(1); as != nil {
		t.Cleanup(func() { _ = as[0].close() })
		arm(time.Now(), 1)
		alarms["timerfd"] = as[0]
	}
	for name, a := range alarms {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		if err := a.wait(ctx, time.Now().Add(-time.Second)); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: wait for a message due a second ago, run cancelled = %v, want context.Canceled", name, err)
		}
	}
}
