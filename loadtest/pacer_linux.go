package loadtest

import (
	"context"
	"fmt"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// timerfd is a sleeper on a Linux timerfd read through Go's poller: it
// wakes within microseconds, where a Go timer in an idle process wakes
// about a millisecond late, and no thread sits in a system call meanwhile.
type timerfd struct {
	fd int
	f  *os.File
}

// newSleeper returns a timerfd, or Go's timers if the kernel has none.
func newSleeper() sleeper {
	fd, err := unix.TimerfdCreate(unix.CLOCK_MONOTONIC, unix.TFD_NONBLOCK|unix.TFD_CLOEXEC)
	if err != nil {
		return timerSleeper{}
	}
	return &timerfd{fd: fd, f: os.NewFile(uintptr(fd), "timerfd")}
}

func (t *timerfd) sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	spec := unix.ItimerSpec{Value: unix.NsecToTimespec(max(int64(d), 1))}
	if err := unix.TimerfdSettime(t.fd, 0, &spec, nil); err != nil {
		return fmt.Errorf("timerfd: %w", err)
	}
	var b [8]byte // the number of expirations: one
	if _, err := t.f.Read(b[:]); err != nil {
		return fmt.Errorf("timerfd: %w", err)
	}
	return nil
}

func (t *timerfd) close() error { return t.f.Close() }
