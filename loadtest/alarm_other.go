//go:build !linux

package loadtest

// newTimerAlarms returns nil: elsewhere than Linux a pacer wakes the
// people.
func newTimerAlarms(int) ([]alarm, armFunc) { return nil, nil }
