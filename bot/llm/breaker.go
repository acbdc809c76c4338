package llm

import (
	"sync"
	"time"
)

// breaker stops calling an endpoint that keeps failing, so that replies go
// out as scripted at once instead of each waiting for its own timeout. After
// `threshold` failures in a row it opens for `cooldown`; then it lets one
// probe through (half-open): success closes it, failure opens it again.
// A 429 with Retry-After opens it at once for that long.
type breaker struct {
	threshold int
	cooldown  time.Duration
	now       func() time.Time
	onChange  func(open bool, failures int, until time.Time) // for logs; called without the lock

	mu        sync.Mutex
	failures  int       // in a row, while closed
	openUntil time.Time // zero when closed
	probing   bool      // the half-open probe is in flight
}

// maxHold caps a Retry-After, so a wrong header cannot switch rephrasing
// off for a day.
const maxHold = 10 * time.Minute

// allow reports whether a call may go out, and whether it is the probe.
func (b *breaker) allow() (ok, probe bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.openUntil.IsZero() {
		return true, false
	}
	if b.probing || b.now().Before(b.openUntil) {
		return false, false
	}
	b.probing = true
	return true, true
}

// success records an answer from the endpoint (even one the guardrails
// reject: the endpoint works).
func (b *breaker) success(probe bool) {
	b.mu.Lock()
	wasOpen := !b.openUntil.IsZero()
	if probe || !wasOpen {
		b.failures = 0
		b.openUntil = time.Time{}
	}
	if probe {
		b.probing = false
	}
	closed := probe && wasOpen
	b.mu.Unlock()
	if closed && b.onChange != nil {
		b.onChange(false, 0, time.Time{})
	}
}

// failure records a timeout, a transport error or an error status.
func (b *breaker) failure(probe bool) {
	b.mu.Lock()
	var opened bool
	switch {
	case probe:
		// A Retry-After hold set during the probe may reach further.
		b.probing = false
		if until := b.now().Add(b.cooldown); until.After(b.openUntil) {
			b.openUntil = until
		}
		opened = true
	case b.openUntil.IsZero():
		b.failures++
		if b.failures >= b.threshold {
			b.openUntil = b.now().Add(b.cooldown)
			opened = true
		}
	}
	failures, until := b.failures, b.openUntil
	b.mu.Unlock()
	if opened && b.onChange != nil {
		b.onChange(true, failures, until)
	}
}

// release ends a call that says nothing about the endpoint (the caller gave
// up first).
func (b *breaker) release(probe bool) {
	if !probe {
		return
	}
	b.mu.Lock()
	b.probing = false
	b.mu.Unlock()
}

// hold opens the breaker for at least d (a 429's Retry-After).
func (b *breaker) hold(d time.Duration) {
	if d <= 0 {
		return
	}
	d = min(d, maxHold)
	b.mu.Lock()
	until := b.now().Add(d)
	opened := until.After(b.openUntil)
	if opened {
		b.openUntil = until
	}
	failures := b.failures
	b.mu.Unlock()
	if opened && b.onChange != nil {
		b.onChange(true, failures, until)
	}
}
