package loadtest

import (
	"context"
	"testing"
	"testing/synctest"
	"time"
)

// TestPace: the k-th message of the run wakes person k mod P at its time,
// and a person busy when woken keeps one wake-up, not a backlog.
func TestPace(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		wakes := []chan struct{}{make(chan struct{}, 1), make(chan struct{}, 1)}
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
