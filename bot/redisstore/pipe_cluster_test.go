package redisstore

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/bot/storetest"
)

// TestStuckMasterHoldsOnlyItsOwnTurns stalls one master of a real
// three-master cluster with a turn in flight on it (CLIENT PAUSE WRITE
// holds its compare-and-set in the server, as a slow or unreachable master
// would), then sends the turns of conversations on the other two masters:
// they must all be done while the stalled turn still waits. With one
// batcher for the whole cluster they queued behind the stuck batch, for
// as long as it took (a review measured 724 ms behind a 700 ms pause;
// here the pause lasts until the test lifts it, and the old code waited
// the whole bound). Once the master is unpaused, the stalled turn is
// applied too, and every turn exactly once.
func TestStuckMasterHoldsOnlyItsOwnTurns(t *testing.T) {
	t.Parallel()
	c := redistest.StartClusterN(t, 3)
	// The stalled turn must outlive the bound below, not time out first.
	s := newStore(t, Config{URL: c.URL(), ReadTimeout: 2 * time.Minute})
	ctx := t.Context()
	stuck := c.Nodes[0].Addr()
	var slow bot.Address
	var healthy []bot.Address
	for i := 0; i < 1000 && (slow == bot.Address{} || len(healthy) < 24); i++ {
		a := bot.Address{Platform: "p", Chat: fmt.Sprint("c", i), User: "u"}
		must(t, s.Update(ctx, a, incr)) // warm, with the script loaded
		switch {
		case !holds(t, stuck, s.sessionKey(a)):
			if len(healthy) < 24 {
				healthy = append(healthy, a)
			}
		case slow == bot.Address{}:
			slow = a
		}
	}
	if slow == (bot.Address{}) || len(healthy) == 0 {
		t.Fatalf("no conversation on %s, or none elsewhere, in 1000", stuck)
	}
	if _, err := redistest.Do(stuck, "CLIENT PAUSE 300000 WRITE"); err != nil {
		t.Fatal(err)
	}
	unpause := sync.OnceFunc(func() {
		if _, err := redistest.Do(stuck, "CLIENT UNPAUSE"); err != nil {
			t.Errorf("unpause %s: %v", stuck, err)
		}
	})
	t.Cleanup(unpause)
	slowDone := make(chan error, 1)
	go func() { slowDone <- s.Update(ctx, slow, incr) }()
	wait.Until(t, "the stalled master to hold the turn's command", func() bool {
		info, err := redistest.Do(stuck, "INFO clients")
		return err == nil && strings.Contains(info, "blocked_clients:1\r\n")
	})

	start := time.Now()
	var wg sync.WaitGroup
	var mu sync.Mutex
	var worst time.Duration
	for _, a := range healthy {
		wg.Go(func() {
			st := time.Now()
			if err := s.Update(ctx, a, incr); err != nil {
				t.Errorf("%v: %v", a, err)
			}
			mu.Lock()
			worst = max(worst, time.Since(st))
			mu.Unlock()
		})
	}
	healthyDone := make(chan struct{})
	go func() { wg.Wait(); close(healthyDone) }()
	// The bound is generous: the turns take a millisecond or so, and the
	// stalled master holds its command until it is unpaused below.
	const bound = 30 * time.Second
	select {
	case <-healthyDone:
		t.Logf("%d turns on the other masters done in %v (worst %v) while %s held a turn",
			len(healthy), time.Since(start), worst, stuck)
		select {
		case err := <-slowDone:
			t.Fatalf("the stalled turn returned (%v) before its master was unpaused", err)
		default:
		}
	case err := <-slowDone:
		t.Errorf("the stalled turn returned (%v) before the other masters' turns were done", err)
	case <-time.After(bound):
		t.Errorf("the turns on the other masters still waited %v into another master's stall: "+
			"they queue behind its batch", bound)
	}
	unpause()
	if err := <-slowDone; err != nil {
		t.Errorf("the stalled turn, once its master was unpaused: %v", err)
	}
	<-healthyDone
	for _, a := range append(healthy, slow) {
		if got := storetest.Load(t, s, a).Slots["n"]; got != "2" {
			t.Errorf("%v: counter %s, want 2", a, got)
		}
	}
}

// holds reports whether the cluster node at addr serves key's hash slot:
// it answers EXISTS rather than MOVED.
func holds(t *testing.T, addr, key string) bool {
	t.Helper()
	_, err := redistest.Do(addr, "EXISTS "+key)
	if err != nil && !strings.Contains(err.Error(), "MOVED") {
		t.Fatal(err)
	}
	return err == nil
}

// TestTurnBatchersPerMaster checks which batcher sends a key's commands:
// on a cluster, one per master, the same for keys on the same master;
// on a single server, the one batcher.
func TestTurnBatchersPerMaster(t *testing.T) {
	t.Parallel()
	c := redistest.StartClusterN(t, 3)
	s := newStore(t, Config{URL: c.URL()})
	ctx := t.Context()
	byNode := map[string]*batcher{}
	seen := map[*batcher]bool{}
	for i := range 60 {
		key := s.sessionKey(bot.Address{Platform: "p", Chat: fmt.Sprint("c", i), User: "u"})
		b := s.batcherFor(ctx, key)
		for _, n := range c.Nodes {
			if !holds(t, n.Addr(), key) {
				continue
			}
			if prev, ok := byNode[n.Addr()]; ok && prev != b {
				t.Errorf("%s: two batchers for keys on master %s", key, n.Addr())
			}
			byNode[n.Addr()] = b
		}
		seen[b] = true
	}
	if len(byNode) != len(c.Nodes) || len(seen) != len(c.Nodes) {
		t.Errorf("keys on %d masters went to %d batchers, want one each", len(byNode), len(seen))
	}
	if seen[s.turn] {
		t.Errorf("a key whose master is known went to the default batcher")
	}

	one := newStore(t, Config{URL: redistest.Start(t)})
	for i := range 10 {
		if b := one.batcherFor(ctx, fmt.Sprint("k", i)); b != one.turn {
			t.Fatalf("a single server's key went to a batcher of its own")
		}
	}
}
