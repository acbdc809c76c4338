//go:build !linux

package loadtest

// newSleeper returns Go's timers: elsewhere than Linux an open loop's
// messages may leave up to a millisecond late, which counts in their latency.
func newSleeper() sleeper { return timerSleeper{} }
