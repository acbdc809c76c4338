package wait

import (
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

func TestWithinHoldsAtOnce(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		if !Within(time.Hour, nil, func() bool { return true }) {
			t.Fatal("a condition that holds was not seen")
		}
		if took := time.Since(start); took != 0 {
			t.Errorf("took %v, want no wait at all", took)
		}
	})
}

func TestWithinGivesUp(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		if Within(time.Minute, nil, func() bool { return false }) {
			t.Fatal("a condition that never holds was reported held")
		}
		if took := time.Since(start); took != time.Minute {
			t.Errorf("gave up after %v, want the minute", took)
		}
	})
}

// A change notification wakes the wait before the next poll.
func TestWithinWakesOnChange(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		ch := make(chan struct{})
		changes := func() <-chan struct{} {
			mu.Lock()
			defer mu.Unlock()
			return ch
		}
		var done atomic.Bool
		go func() {
			// In the bubble this is the change's moment on the fake
			// clock, 1 ms in, not a wait for anything: the assertion
			// below wants the wait to wake exactly then.
			time.Sleep(time.Millisecond)
			done.Store(true)
			mu.Lock()
			close(ch)
			ch = make(chan struct{})
			mu.Unlock()
		}()
		start := time.Now()
		if !Within(time.Minute, changes, done.Load) {
			t.Fatal("the change was missed")
		}
		if took := time.Since(start); took != time.Millisecond {
			t.Errorf("saw the change after %v, want at once (1ms)", took)
		}
	})
}
