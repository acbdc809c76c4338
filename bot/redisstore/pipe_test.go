package redisstore

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/bot/storetest"
)

// TestConcurrentTurnsShareRoundTrips checks that the turns of many
// conversations in flight at once reach Redis in fewer writes than
// commands: their compare-and-sets share round trips. Before the turn path
// was auto-pipelined, each command took a connection and a write of its
// own. Redis's side is counted by a proxy in front of it (a read of what
// the client wrote), the client's by RoundTrips.
func TestConcurrentTurnsShareRoundTrips(t *testing.T) {
	t.Parallel()
	srv := redistest.StartServer(t)
	p := newTripProxy(t, srv.Addr())
	s := newStore(t, Config{URL: "redis://" + p.addr() + "/0"})
	ctx := t.Context()
	const people, turns = 50, 20
	addrs := make([]bot.Address, people)
	for i := range addrs {
		addrs[i] = bot.Address{Platform: "p", Chat: fmt.Sprint("c", i), User: "u"}
		// Cold (GET, then the script loaded), so that the turns below are warm.
		must(t, s.Update(ctx, addrs[i], incr))
	}
	sent0, trips0, reads0 := s.CommandsSent(), s.RoundTrips(), p.reads.Load()
	start := make(chan struct{})
	var wg sync.WaitGroup
	for _, a := range addrs {
		wg.Go(func() {
			<-start
			for range turns {
				if err := s.Update(ctx, a, incr); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	close(start)
	wg.Wait()
	sent, trips, reads := s.CommandsSent()-sent0, s.RoundTrips()-trips0, p.reads.Load()-reads0
	t.Logf("%d concurrent updates: %d commands sent in %d round trips; Redis read %d times",
		people*turns, sent, trips, reads)
	if sent < people*turns {
		t.Errorf("%d commands sent for %d warm updates, want one each", sent, people*turns)
	}
	// Batches, not one write per command; the bound leaves room for a busy
	// machine, where fewer commands meet.
	if max := int64(people * turns * 9 / 10); trips > max || reads > max {
		t.Errorf("%d commands went in %d writes (Redis read %d), want at most %d: no batching",
			sent, trips, reads, max)
	}
	for _, a := range addrs {
		if got := storetest.Load(t, s, a); got.Slots["n"] != fmt.Sprint(turns+1) {
			t.Errorf("%v: counter %s, want %d", a, got.Slots["n"], turns+1)
		}
	}
}

// TestRoundTripsPerUpdate checks that a lone turn is still one round trip
// when warm and two when cold, auto-pipelined or not, and that RoundTrips
// counts what Redis reads.
func TestRoundTripsPerUpdate(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		warm int
		per  int64
	}{
		{"warm", 0, 1},  // the compare-and-set only
		{"cold", -1, 2}, // GET, then the compare-and-set
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := redistest.StartServer(t)
			p := newTripProxy(t, srv.Addr())
			s := newStore(t, Config{URL: "redis://" + p.addr() + "/0", WarmSessions: tt.warm})
			ctx := t.Context()
			// The first connects and loads the script.
			must(t, s.Update(ctx, pcu, incr))
			const n = 20
			trips0, reads0 := s.RoundTrips(), p.reads.Load()
			for range n {
				must(t, s.Update(ctx, pcu, incr))
			}
			trips, reads := s.RoundTrips()-trips0, p.reads.Load()-reads0
			if trips != tt.per*n || reads != tt.per*n {
				t.Errorf("%d lone updates took %d round trips (Redis read %d times), want %d",
					n, trips, reads, tt.per*n)
			}
		})
	}
}

// TestBatchWithLostRepliesIsNeverResent loses the replies to a batch of
// compare-and-sets that Redis ran: each of those turns must fail with
// bot.ErrUnavailable or succeed, and be applied once either way, never
// twice (a resent compare-and-set would find its own write, lose the race
// and run the turn again). The connection is cut after a write that holds
// two compare-and-sets at least, so a batch is what loses its replies.
func TestBatchWithLostRepliesIsNeverResent(t *testing.T) {
	t.Parallel()
	srv := redistest.StartServer(t)
	p := newTripProxy(t, srv.Addr())
	s := newStore(t, Config{URL: "redis://" + p.addr() + "/0"})
	direct := newStore(t, Config{URL: srv.URL(), Prefix: s.prefix})
	ctx := t.Context()
	const people = 30
	addrs := make([]bot.Address, people)
	for i := range addrs {
		addrs[i] = bot.Address{Platform: "p", Chat: fmt.Sprint("c", i), User: "u"}
		for range 2 { // warm, with the script loaded: the next turn is one EVALSHA
			must(t, s.Update(ctx, addrs[i], incr))
		}
	}
	p.dropRepliesAfter("evalsha", 2)
	start := make(chan struct{})
	errs := make([]error, people)
	var wg sync.WaitGroup
	for i, a := range addrs {
		wg.Go(func() {
			<-start
			errs[i] = s.Update(ctx, a, incr)
		})
	}
	close(start)
	wg.Wait()
	failed := 0
	for i, a := range addrs {
		switch n := storetest.Load(t, direct, a).Slots["n"]; {
		case errs[i] == nil && n != "3":
			t.Errorf("%v: Update succeeded, counter %s, want 3", a, n)
		case errs[i] != nil && !errors.Is(errs[i], bot.ErrUnavailable):
			t.Errorf("%v: Update = %v, want bot.ErrUnavailable", a, errs[i])
		case errs[i] != nil && n != "2" && n != "3":
			t.Errorf("%v: Update failed, counter %s, want 2 or 3 (applied at most once)", a, n)
		}
		if errs[i] != nil {
			failed++
		}
	}
	t.Logf("%d of %d turns lost their reply", failed, people)
	if failed < 2 {
		t.Errorf("%d Updates saw their reply lost, want a batch of 2 or more", failed)
	}
	// And the store carries on.
	must(t, s.Update(ctx, addrs[0], incr))
}

// tripProxy forwards TCP to a Redis server, counts the reads of what clients
// wrote, and can cut a connection once Redis answered a given command, so
// that the client never hears the reply.
type tripProxy struct {
	ln     net.Listener
	target string
	reads  atomic.Int64
	mu     sync.Mutex
	armed  string
	times  int
}

func newTripProxy(t *testing.T, target string) *tripProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &tripProxy{ln: ln, target: target}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			wg.Go(func() { p.serve(c) })
		}
	})
	return p
}

func (p *tripProxy) addr() string { return p.ln.Addr().String() }

// dropRepliesAfter cuts the connection of the next write that holds cmd
// at least times times, once Redis replies to it.
func (p *tripProxy) dropRepliesAfter(cmd string, times int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.armed, p.times = cmd, times
}

func (p *tripProxy) serve(c net.Conn) {
	defer c.Close()
	s, err := net.Dial("tcp", p.target)
	if err != nil {
		return
	}
	defer s.Close()
	var cut atomic.Bool
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 64<<10)
		for {
			n, err := s.Read(buf)
			if n > 0 && cut.Load() {
				c.Close() // Redis ran the commands; the client never hears of it
				return
			}
			if n > 0 {
				if _, err := c.Write(buf[:n]); err != nil {
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	buf := make([]byte, 64<<10)
	for {
		n, err := c.Read(buf)
		if n > 0 {
			p.reads.Add(1)
			p.mu.Lock()
			if p.armed != "" && strings.Count(strings.ToLower(string(buf[:n])), p.armed) >= p.times {
				p.armed = ""
				cut.Store(true)
			}
			p.mu.Unlock()
			if _, err := s.Write(buf[:n]); err != nil {
				break
			}
		}
		if err != nil {
			break
		}
	}
	s.Close()
	<-done
}
