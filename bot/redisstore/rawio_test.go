//go:build linux

package redisstore

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
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

	sample := []metrics.Sample{{Name: "/sched/goroutines/not-in-go:goroutines"}}
	inCall := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	// What other goroutines of the process hold (none, usually).
	base := inCall()
	for range 100 {
		base = min(base, inCall())
	}
	var (
		stop        atomic.Bool
		taken, seen atomic.Int64
		wg          sync.WaitGroup
	)
	wg.Go(func() {
		for !stop.Load() {
			if inCall() > base {
				seen.Add(1)
			}
			taken.Add(1)
		}
	})
	const saves = 300
	for range saves {
		if err := s.Update(ctx, pcu, save); err != nil {
			stop.Store(true)
			wg.Wait()
			t.Fatal(err)
		}
	}
	stop.Store(true)
	wg.Wait()
	t.Logf("%d saves of %d KB: %d of %d samples saw a goroutine in a system call", saves, len(big)>>10, seen.Load(), taken.Load())
	if seen.Load() > 0 {
		t.Errorf("%d of %d samples saw a goroutine in a system call while the store saved, want none", seen.Load(), taken.Load())
	}
}

// TestRawConnectionIsAConnection checks rawIO against the connection it
// replaces: what one side writes, however large, the other reads whole
// and in order, both ways; a deadline that passes is a timeout (a
// net.Error); a peer that closes is io.EOF; a closed connection is
// net.ErrClosed, each a *net.OpError as net.Conn's own.
func TestRawConnectionIsAConnection(t *testing.T) {
	t.Parallel()
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
	defer c.Close()
	if sc, ok := c.(*countedSysConn); !ok || sc.io == nil {
		t.Fatalf("dialled %T, want a countedSysConn with raw reads and writes", c)
	}
	peer, ok := <-accepted
	if !ok {
		t.Fatal("accept failed")
	}
	defer peer.Close()

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
