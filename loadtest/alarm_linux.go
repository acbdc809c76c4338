package loadtest

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// timerAlarm is a person's alarm on Linux: a periodic timerfd that expires
// at each of the person's due times, waited for through Go's poller.
//
// A wake-up costs one read of the timer, and nothing else:
//   - A periodic timerfd is set again for its next expiration only when it
//     is read, so every wake-up reads it. But the read that would only
//     say "not yet" before the poller waits is skipped: the alarm counts the
//     expirations it read, so it knows which due time the timer is set for,
//     and while that time has not come the timer cannot have expired.
//   - The read is a raw system call (a non-blocking read of 8 bytes):
//     through the runtime's ordinary one, every read of an otherwise idle
//     process also woke the runtime's monitor thread, a second thread woken
//     per arrival.
type timerAlarm struct {
	fd    int
	f     *os.File
	rc    syscall.RawConn
	ready func(fd uintptr) bool // a.isReady, made once
	stop  func() bool           // the context.AfterFunc that ends a pending wait

	// The person's j-th message is due at t0 + (j·step+first)·interval ns
	// (set by the armFunc); the timer expires then, or a few nanoseconds
	// later, never before (set by the first wait).
	t0                    time.Time
	first, step, interval float64
	// fired is how many expirations were read: the timer is set for due
	// time number fired.
	fired uint64
	at    time.Time // what the pending wait waits for
	err   error     // why reading the timer failed
}

// newTimerAlarms returns n periodic timerfds and the function that sets
// their schedule, or nil if the process cannot have that many (no timerfd,
// or they would take more than half its file descriptors): the caller then
// uses a pacer.
func newTimerAlarms(n int) ([]alarm, armFunc) {
	var lim unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &lim); err != nil || !timersFit(n, lim.Cur) {
		return nil, nil
	}
	as := make([]*timerAlarm, 0, n)
	fail := func() ([]alarm, armFunc) {
		for _, a := range as {
			_ = a.close()
		}
		return nil, nil
	}
	for range n {
		fd, err := unix.TimerfdCreate(unix.CLOCK_MONOTONIC, unix.TFD_NONBLOCK|unix.TFD_CLOEXEC)
		if err != nil {
			return fail()
		}
		a := &timerAlarm{fd: fd, f: os.NewFile(uintptr(fd), "timerfd")}
		a.ready = a.isReady // one closure per alarm, not one per wait
		as = append(as, a)
		if a.rc, err = a.f.SyscallConn(); err != nil {
			return fail()
		}
	}
	out := make([]alarm, n)
	for i, a := range as {
		out[i] = a
	}
	return out, func(t0 time.Time, rate float64) {
		interval := float64(time.Second) / rate
		for i, a := range as {
			a.t0, a.first, a.step, a.interval = t0, float64(i), float64(len(as)), interval
		}
	}
}

// timersFit says whether n timers leave enough of a process's nofile file
// descriptors to the store's connections and the rest: half of them.
func timersFit(n int, nofile uint64) bool {
	return uint64(n) <= nofile/2
}

// start sets the timer to expire at each of the person's due times: its
// first wait does, so that each person sets its own timer as it starts
// rather than all before the clock. The timer never expires before the
// time it stands for: the kernel's clock is read after the time since t0,
// and fractions of a nanosecond are rounded up (a timer may so expire a
// few nanoseconds late, which counts). A run cancelled ends the waits.
func (a *timerAlarm) start(ctx context.Context) error {
	since := time.Since(a.t0)
	var now unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_MONOTONIC, &now); err != nil {
		return err
	}
	// mono is the kernel's reading at t0, or a little later.
	mono := now.Nano() - int64(since)
	spec := unix.ItimerSpec{
		Value:    unix.NsecToTimespec(mono + int64(math.Ceil(a.first*a.interval))),
		Interval: unix.NsecToTimespec(max(int64(math.Ceil(a.step*a.interval)), 1)),
	}
	if err := unix.TimerfdSettime(a.fd, unix.TFD_TIMER_ABSTIME, &spec, nil); err != nil {
		return err
	}
	a.stop = context.AfterFunc(ctx, func() { _ = a.f.SetReadDeadline(time.Unix(1, 0)) })
	return nil
}

// due returns the time of the person's j-th message.
func (a *timerAlarm) due(j uint64) time.Time {
	return a.t0.Add(time.Duration((float64(j)*a.step + a.first) * a.interval))
}

func (a *timerAlarm) wait(ctx context.Context, at time.Time) error {
	if err := ctx.Err(); err != nil {
		return err // a late person does not send once the run is over
	}
	if a.stop == nil {
		if err := a.start(ctx); err != nil {
			return fmt.Errorf("timerfd: %w", err)
		}
	}
	if !time.Now().Before(at) {
		return nil // late: the expirations are read at the next wait
	}
	a.at, a.err = at, nil
	if err := a.rc.Read(a.ready); err != nil {
		if errors.Is(err, os.ErrDeadlineExceeded) && ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("timerfd: %w", err)
	}
	if a.err != nil {
		return fmt.Errorf("timerfd: %w", a.err)
	}
	return nil
}

// isReady says whether a.at has come, reading the timer if it expired. The
// poller calls it first, then again after each readiness of the timer,
// until it returns true.
func (a *timerAlarm) isReady(fd uintptr) bool {
	for {
		now := time.Now()
		if !now.Before(a.at) {
			return true
		}
		if now.Before(a.due(a.fired)) {
			return false // the timer is set and has not expired: wait
		}
		n, err := readTimer(fd)
		switch {
		case errors.Is(err, syscall.EAGAIN):
			return false
		case err != nil:
			a.err = err
			return true
		}
		a.fired += n // then a.at may have come
	}
}

// readTimer reads the expirations of the non-blocking timerfd fd since
// its last read, with a raw system call: it never blocks, so the runtime
// need not know (see timerAlarm).
func readTimer(fd uintptr) (uint64, error) {
	var b [8]byte
	n, _, errno := syscall.RawSyscall(syscall.SYS_READ, fd, uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
	switch {
	case errno != 0:
		return 0, errno
	case n != uintptr(len(b)):
		return 0, fmt.Errorf("read %d bytes, want %d", n, len(b))
	}
	return binary.NativeEndian.Uint64(b[:]), nil
}

func (a *timerAlarm) close() error {
	if a.stop != nil {
		a.stop()
	}
	return a.f.Close()
}
