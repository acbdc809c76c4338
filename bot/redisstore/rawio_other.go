//go:build !linux

package redisstore

import (
	"net"
	"syscall"
)

// rawIO is Linux's (see rawio_linux.go); elsewhere a connection is read
// and written through its own methods.
type rawIO struct{}

func newRawIO(net.Conn, syscall.RawConn) *rawIO { return nil }

func (*rawIO) read([]byte) (int, error)  { panic("redisstore: no raw reads here") }
func (*rawIO) write([]byte) (int, error) { panic("redisstore: no raw writes here") }

func (peekedRaw) quiet() bool { return false }
