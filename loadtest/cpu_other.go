//go:build !unix

package loadtest

import "time"

// cpuTime returns 0: the CPU time per turn is reported only where
// getrusage exists.
func cpuTime() time.Duration { return 0 }
