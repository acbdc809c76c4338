//go:build unix

package loadtest

import (
	"syscall"
	"time"
)

// cpuTime returns the user and system CPU time the process has used, or 0
// if it cannot tell.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// sleeps returns how many times the process's threads have blocked (gave
// up their core before their time slice ended: voluntary context
// switches), or -1 if it cannot tell. Each is a thread put to sleep (a
// futex wait, an idle epoll_wait, a blocking read) that something then
// woke: the wake-ups and hand-offs a turn costs beside its CPU.
func sleeps() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return int64(ru.Nvcsw)
}
