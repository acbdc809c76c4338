package redisstore

import (
	"io"
	"net"
	"os"
	"sync"
	"syscall"
	"unsafe"
)

// rawIO reads and writes a Redis connection's socket with raw system
// calls (see countedSysConn), through its syscall.RawConn: the same lock,
// deadlines and wait for a full or empty socket (Go's poller) as the
// connection's own Read and Write, the same results (io.EOF once the peer
// closed, a *net.OpError on error), but the runtime is not told that the
// goroutine entered a system call.
//
// That is what a turn's round trip costs less: an ordinary system call
// wakes the runtime's monitor thread (sysmon) whenever the process was
// idle, which then polls every 20 µs for a millisecond at least; and a
// write that lasts longer than one of its polls (a batch to a loopback
// Redis takes 20-30 µs: the kernel runs Redis's side of the socket in the
// writer's call, and wakes it) has its P handed to another thread, woken
// for it. Both are threads woken on the cores Redis shares. The socket is
// non-blocking (Go's), so a raw call never sleeps in the kernel: a full
// socket returns EAGAIN and the goroutine waits in the poller, as ever.
type rawIO struct {
	conn net.Conn
	raw  syscall.RawConn

	// The read, and the write, under way: go-redis uses a connection from
	// one goroutine at a time, and the locks make sure of it. Their
	// functions are made once per connection, not once per call.
	rmu    sync.Mutex
	rb     []byte
	rn     int
	rerr   syscall.Errno
	readFn func(fd uintptr) bool

	wmu     sync.Mutex
	wb      []byte
	wn      int
	werr    syscall.Errno
	writeFn func(fd uintptr) bool
}

// newRawIO returns the raw reads and writes of conn, whose RawConn is raw.
func newRawIO(conn net.Conn, raw syscall.RawConn) *rawIO {
	r := &rawIO{conn: conn, raw: raw}
	r.readFn, r.writeFn = r.readSome, r.writeAll
	return r
}

// read is conn.Read(b).
func (r *rawIO) read(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	r.rmu.Lock()
	defer r.rmu.Unlock()
	r.rb, r.rn, r.rerr = b, 0, 0
	err := r.raw.Read(r.readFn)
	n, errno := r.rn, r.rerr
	r.rb = nil
	if err = r.opError("read", err, errno); err != nil {
		return n, err
	}
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// readSome is the RawConn.Read function of read: it reports false to wait
// until the socket is readable.
func (r *rawIO) readSome(fd uintptr) bool {
	for {
		n, _, e := syscall.RawSyscall(syscall.SYS_READ, fd, uintptr(unsafe.Pointer(&r.rb[0])), uintptr(len(r.rb)))
		switch e {
		case 0:
			r.rn = int(n)
			return true
		case syscall.EINTR:
		case syscall.EAGAIN:
			return false
		default:
			r.rerr = e
			return true
		}
	}
}

// write is conn.Write(b): all of b is written, or an error says why not.
func (r *rawIO) write(b []byte) (int, error) {
	r.wmu.Lock()
	defer r.wmu.Unlock()
	r.wb, r.wn, r.werr = b, 0, 0
	err := r.raw.Write(r.writeFn)
	n, errno := r.wn, r.werr
	r.wb = nil
	return n, r.opError("write", err, errno)
}

// writeAll is the RawConn.Write function of write: it reports false to
// wait until the socket is writable again.
func (r *rawIO) writeAll(fd uintptr) bool {
	for r.wn < len(r.wb) {
		n, _, e := syscall.RawSyscall(syscall.SYS_WRITE, fd, uintptr(unsafe.Pointer(&r.wb[r.wn])), uintptr(len(r.wb)-r.wn))
		switch e {
		case 0:
			r.wn += int(n)
		case syscall.EINTR:
		case syscall.EAGAIN:
			return false
		default:
			r.werr = e
			return true
		}
	}
	return true
}

// opError returns the error of an op as the connection's Read or Write
// would: err from the RawConn (closed, past its deadline), else the
// system call's errno; nil if neither.
func (r *rawIO) opError(op string, err error, errno syscall.Errno) error {
	switch {
	case err != nil:
		if oe, ok := err.(*net.OpError); ok {
			err = oe.Err // the RawConn's own, as "raw-read" or "raw-write"
		}
	case errno != 0:
		err = os.NewSyscallError(op, errno)
	default:
		return nil
	}
	return &net.OpError{Op: op, Net: r.conn.LocalAddr().Network(), Source: r.conn.LocalAddr(), Addr: r.conn.RemoteAddr(), Err: err}
}

// quiet reports whether the socket is open with nothing to read: a peek
// (MSG_PEEK, MSG_DONTWAIT) with a raw system call would block.
func (r peekedRaw) quiet() bool {
	quiet := false
	err := r.Control(func(fd uintptr) {
		var b [1]byte
		_, _, e := syscall.RawSyscall6(syscall.SYS_RECVFROM, fd, uintptr(unsafe.Pointer(&b[0])), 1, syscall.MSG_PEEK|syscall.MSG_DONTWAIT, 0, 0)
		quiet = e == syscall.EAGAIN
	})
	return err == nil && quiet
}
