// Package wait is how carebot's tests wait: for a condition, never for a
// while. A test that sleeps, or checks once, passes alone and fails on a
// busy machine (a cold build cache, -race, other builds on two cores); a
// test that waits for what it expects costs nothing when it already holds.
//
// It is its own package, with no flags and no imports beyond the standard
// library, so that every fake (slackfake, telegramtest, llmtest) and every
// test can share it.
package wait

import (
	"testing"
	"time"
)

// Timeout is how long Until waits before failing the test: generous, since
// waiting longer costs a passing test nothing, and a slow machine is no bug.
const Timeout = 60 * time.Second

// poll is how often a condition is checked when nothing notifies changes.
const poll = 5 * time.Millisecond

// Until checks cond until it holds, failing the test after Timeout with
// "timed out waiting for <what>". cond must be safe to call repeatedly.
func Until(t testing.TB, what string, cond func() bool) {
	t.Helper()
	UntilChanged(t, what, nil, cond)
}

// UntilChanged is Until for a fake that notifies changes: changed returns a
// channel closed at the next change (taken before cond is checked, so no
// change is missed), and cond is checked again then, or after a short poll
// for conditions on things outside the fake. changed may be nil.
func UntilChanged(t testing.TB, what string, changed func() <-chan struct{}, cond func() bool) {
	t.Helper()
	if !Within(Timeout, changed, cond) {
		t.Fatalf("timed out after %s waiting for %s", Timeout, what)
	}
}

// Within reports whether cond held within d (checked as UntilChanged
// does), for a caller that fails its own way.
func Within(d time.Duration, changed func() <-chan struct{}, cond func() bool) bool {
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	every := poll
	if changed != nil {
		every = 10 * poll
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		var ch <-chan struct{}
		if changed != nil {
			ch = changed()
		}
		if cond() {
			return true
		}
		select {
		case <-ch:
		case <-tick.C:
		case <-deadline.C:
			return cond()
		}
	}
}
