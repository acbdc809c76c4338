//go:build linux

package redisstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/bot/storetest"
)

// TestRoundTripsEnterNoSystemCall samples, while a Store saves a large
// session again and again, how many goroutines the runtime counts as in a
// system call (/sched/goroutines/not-in-go): with its connections read and
// written raw (rawIO), a round trip is never one of them, so it neither
// wakes the runtime's monitor thread nor has its P handed to another
// thread when a write to Redis lasts. Before, each save's write was.
// Not parallel: it samples the whole process.
func TestRoundTripsEnterNoSystemCall(t *testing.T) {
	srv := redistest.StartServer(t)
	s := newStore(t, Config{URL: srv.URL()})
	// The replies' clock stands still: go-redis's health check of an
	// idle connection (a peek, an ordinary system call) is left out, as on
	// a busy connection (see TestBusyConnectionSkipsTheHealthCheck).
	s.trips.now = func() time.Duration { return 0 }
	ctx := t.Context()
	big := strings.Repeat("x", 64<<10) // a write of it lasts (the kernel copies it twice)
	save := func(sess *bot.Session) error {
		if sess.Slots == nil {
			sess.Slots = map[string]string{}
		}
		sess.Slots["big"] = big
		return storetest.Increment(sess, "n")
	}
	must(t, s.Update(ctx, pcu, save)) // dials, loads the script: the turns below are warm

	const saves = 300
	seen, taken := inSystemCalls(t, func() {
		for range saves {
			if err := s.Update(ctx, pcu, save); err != nil {
				t.Fatal(err)
			}
		}
	})
	t.Logf("%d saves of %d KB: %d of %d samples saw a goroutine in a system call", saves, len(big)>>10, seen, taken)
	if seen > 0 {
		t.Errorf("%d of %d samples saw a goroutine in a system call while the store saved, want none", seen, taken)
	}
}

// TestIdleConnectionClosedByRedisIsDialledAgain: go-redis's health check
// of an idle connection read and written raw goes through peekedRaw, and
// still finds a connection Redis closed, which go-redis then dials again.
func TestIdleConnectionClosedByRedisIsDialledAgain(t *testing.T) {
	t.Parallel()
	srv := redistest.StartServer(t)
	s := newStore(t, Config{URL: srv.URL()})
	// Every connection looks idle: each save's connection is checked.
	var clock atomic.Int64
	s.trips.now = func() time.Duration { return time.Duration(clock.Add(int64(answeredFresh))) }
	ctx := t.Context()
	const saves = 20
	for range saves {
		must(t, s.Update(ctx, pcu, incr))
	}
	admin := plainClient(t, srv.URL())
	if err := admin.ClientKillByFilter(ctx, "TYPE", "normal", "SKIPME", "yes").Err(); err != nil {
		t.Fatal(err)
	}
	wait.Until(t, "Redis to close the store's connections", func() bool {
		list, err := admin.ClientList(ctx).Result()
		return err == nil && strings.Count(list, "\n") == 1 // admin's own line
	})
	if err := s.Update(ctx, pcu, incr); err != nil {
		t.Errorf("the first save after Redis closed an idle connection: %v, want it saved on a new connection", err)
	}
	if got, want := storetest.Load(t, s, pcu).Slots["n"], fmt.Sprint(saves+1); got != want {
		t.Errorf("counter %s, want %s", got, want)
	}
}

// TestIdleCheckPeeksRaw calls the health check's RawConn.Read, as go-redis
// does on an idle connection, with a function that stands for go-redis's
// peek (an ordinary system call): on a quiet connection it is not run,
// the raw peek having found the socket open and empty (peekedRaw); with
// a reply nobody asked for, or once the peer closed, it runs, so that
// go-redis sees those for itself. Before, it always ran.
func TestIdleCheckPeeksRaw(t *testing.T) {
	t.Parallel()
	c, peer := dialCounted(t)
	var clock atomic.Int64
	c.(*countedSysConn).h.now = func() time.Duration { return time.Duration(clock.Add(int64(answeredFresh))) }
	check := func(name string, want bool) {
		t.Helper()
		raw, err := c.(syscall.Conn).SyscallConn()
		if err != nil {
			t.Fatal(err)
		}
		ran := false
		if err := raw.Read(func(uintptr) bool { ran = true; return true }); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if ran != want {
			t.Errorf("%s: the check's own peek ran: %v, want %v", name, ran, want)
		}
	}
	check("quiet", false)
	if _, err := peer.Write([]byte("+PONG\r\n")); err != nil {
		t.Fatal(err)
	}
	wait.Until(t, "the reply to arrive", func() bool { return !quietSocket(t, c) })
	check("unasked_reply", true)
	if _, err := io.ReadFull(c, make([]byte, 7)); err != nil {
		t.Fatal(err)
	}
	check("quiet_again", false)
	peer.Close()
	wait.Until(t, "the close to arrive", func() bool { return !quietSocket(t, c) })
	check("peer_closed", true)
}

// TestRawConnectionIsAConnection checks rawIO against the connection it
// replaces: what one side writes, however large, the other reads whole
// and in order, both ways; a deadline that passes is a timeout (a
// net.Error); a peer that closes is io.EOF; a closed connection is
// net.ErrClosed, each a *net.OpError as net.Conn's own.
func TestRawConnectionIsAConnection(t *testing.T) {
	t.Parallel()
	c, peer := dialCounted(t)
	h := c.(*countedSysConn).h
	if c.(*countedSysConn).io == nil {
		t.Fatalf("dialled a countedSysConn without raw reads and writes")
	}

	// 8 MB: more than the socket buffers hold, so the writer waits.
	data := make([]byte, 8<<20)
	for i := range data {
		data[i] = byte(i * 7)
	}
	for _, dir := range []struct {
		name     string
		from, to net.Conn
	}{{"to_peer", c, peer}, {"from_peer", peer, c}} {
		got := make(chan []byte, 1)
		go func() {
			b, _ := io.ReadAll(io.LimitReader(dir.to, int64(len(data))))
			got <- b
		}()
		n, err := dir.from.Write(data)
		if err != nil || n != len(data) {
			t.Fatalf("%s: wrote %d of %d bytes: %v", dir.name, n, len(data), err)
		}
		if b := <-got; string(b) != string(data) {
			t.Fatalf("%s: read %d bytes, not what was written", dir.name, len(b))
		}
	}
	if h.n.Load() == 0 {
		t.Errorf("no write counted as a round trip")
	}

	// A deadline that passes while nothing comes.
	if err := c.SetReadDeadline(time.Now().Add(20 * time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	var ne net.Error
	var oe *net.OpError
	if _, err := c.Read(make([]byte, 16)); !errors.As(err, &ne) || !ne.Timeout() || !errors.Is(err, os.ErrDeadlineExceeded) || !errors.As(err, &oe) || oe.Op != "read" {
		t.Errorf("read past its deadline: %v (%T), want a read *net.OpError that times out", err, err)
	}
	if err := c.SetReadDeadline(time.Time{}); err != nil {
		t.Fatal(err)
	}

	// The peer closes: what it wrote first is read, then io.EOF.
	if _, err := peer.Write([]byte("bye")); err != nil {
		t.Fatal(err)
	}
	peer.Close()
	if b, err := io.ReadAll(c); err != nil || string(b) != "bye" {
		t.Errorf("read until the peer closed: %q, %v, want \"bye\" then io.EOF", b, err)
	}

	// Closed here.
	c.Close()
	if _, err := c.Write([]byte("x")); !errors.Is(err, net.ErrClosed) || !errors.As(err, &oe) || oe.Op != "write" {
		t.Errorf("write on a closed connection: %v, want a write *net.OpError wrapping net.ErrClosed", err)
	}
	if _, err := c.Read(make([]byte, 1)); !errors.Is(err, net.ErrClosed) || !errors.As(err, &oe) || oe.Op != "read" {
		t.Errorf("read on a closed connection: %v, want a read *net.OpError wrapping net.ErrClosed", err)
	}
}

// quietSocket reports whether c's socket is open with nothing to read.
func quietSocket(t *testing.T, c net.Conn) bool {
	t.Helper()
	raw, err := c.(syscall.Conn).SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	quiet := false
	if err := raw.Control(func(fd uintptr) {
		_, _, err := syscall.Recvfrom(int(fd), make([]byte, 1), syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		quiet = err == syscall.EAGAIN
	}); err != nil {
		t.Fatal(err)
	}
	return quiet
}

// dialCounted returns a connection dialled through the Store's dial hook
// (tripCounter) to a listener of the test's, and the listener's end.
func dialCounted(t *testing.T) (net.Conn, net.Conn) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan net.Conn, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			close(accepted)
			return
		}
		accepted <- c
	}()
	h := &tripCounter{}
	dial := h.DialHook(func(ctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	})
	c, err := dial(t.Context(), "tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	peer, ok := <-accepted
	if !ok {
		t.Fatal("accept failed")
	}
	t.Cleanup(func() { peer.Close() })
	return c, peer
}

// inSystemCalls runs f while another goroutine samples how many
// goroutines the runtime counts as in a system call
// (/sched/goroutines/not-in-go), and returns how many samples saw more
// than before f (what other goroutines of the process hold, none
// usually), of how many taken.
func inSystemCalls(t *testing.T, f func()) (seen, taken int64) {
	t.Helper()
	sample := []metrics.Sample{{Name: "/sched/goroutines/not-in-go:goroutines"}}
	inCall := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := inCall()
	for range 100 {
		base = min(base, inCall())
	}
	var (
		stop     atomic.Bool
		nSeen, n atomic.Int64
		wg       sync.WaitGroup
	)
	wg.Go(func() {
		for !stop.Load() {
			if inCall() > base {
				nSeen.Add(1)
			}
			n.Add(1)
		}
	})
	defer func() {
		stop.Store(true)
		wg.Wait()
	}()
	f()
	stop.Store(true)
	wg.Wait()
	return nSeen.Load(), n.Load()
}
