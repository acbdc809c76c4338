//go:build !unix

package loadtest

import "time"

// cpuTime returns 0: the CPU time per turn is reported only where
// getrusage exists.
func cpuTime() time.Duration { return 0 }

// sleeps returns -1: wake-ups per turn are reported only where getrusage
// exists.
func sleeps() int64 { return -1 }
