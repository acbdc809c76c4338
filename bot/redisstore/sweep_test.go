package redisstore

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/bot/storetest"
)

// queue saves an outbox of one reply for a, leased by owner until now+lease
// (no lease when lease is 0).
func queue(t *testing.T, s *Store, a bot.Address, owner string, now time.Time, lease time.Duration) {
	t.Helper()
	must(t, s.Update(t.Context(), a, func(sess *bot.Session) error {
		bot.Queue(sess, []bot.Reply{{Text: "hello"}}, now)
		if lease > 0 {
			bot.TakeLease(sess, owner, now, lease)
		}
		return nil
	}))
}

// dueOf returns what one Due call of s says at now.
func dueOf(t *testing.T, s *Store, now time.Time) []bot.Address {
	t.Helper()
	as, err := s.Due(t.Context(), now, 64)
	if err != nil {
		t.Fatalf("Due: %v", err)
	}
	return as
}

// TestIdleClusterSweepIsCheap: on a real three-master cluster, a sweep
// with nothing pending costs one command, whatever the number of slots,
// once many conversations were delivered (their slots were used). The old
// sweep read a quarter of the 16,384 per-slot indexes at each call: 4,096
// commands a second per replica at the default sweep of a second.
func TestIdleClusterSweepIsCheap(t *testing.T) {
	t.Parallel()
	c := redistest.StartClusterN(t, 3)
	s := newStore(t, Config{URL: c.URL()})
	now := time.Now()
	for i := range 200 {
		a := bot.Address{Platform: "p", Chat: fmt.Sprint("c", i), User: "u"}
		queue(t, s, a, "r1", now, time.Minute)
		must(t, s.Update(t.Context(), a, func(sess *bot.Session) error {
			bot.Delivered(sess, sess.OutSeq, "r1", now, time.Minute)
			return nil
		}))
	}
	// The slots those deliveries used are read once their score (the
	// lease's end, a minute on) comes, found empty and dropped: from then
	// on a sweep finds nothing to read.
	later := now.Add(2 * time.Minute)
	wait.Until(t, "a sweep of one command", func() bool {
		before := s.CommandsSent()
		if as := dueOf(t, s, later); len(as) > 0 {
			t.Fatalf("Due = %v, want nothing: every outbox was delivered", as)
		}
		return s.CommandsSent()-before <= 1
	})

	const sweeps = 20
	before := s.CommandsSent()
	for range sweeps {
		if as := dueOf(t, s, later); len(as) > 0 {
			t.Fatalf("Due = %v, want nothing", as)
		}
	}
	perSweep := float64(s.CommandsSent()-before) / sweeps
	t.Logf("idle sweep: %.2f commands per sweep", perSweep)
	if perSweep > 1 {
		t.Errorf("an idle sweep sends %.2f commands, want 1 (the claim script)", perSweep)
	}
}

// TestClusterSweepReplicas: conversations saved by one replica with a
// lease are due to the others once the lease ends, not before; replicas
// sweeping together each get a due conversation from their own sweep or
// another's, none twice within a claim, and a conversation queued with no
// lease is due at once.
func TestClusterSweepReplicas(t *testing.T) {
	t.Parallel()
	c := redistest.StartClusterN(t, 3)
	// One prefix: one deployment. The sweeps' clock jumps past the leases:
	// no sweeper must look dead for it.
	cfg := Config{URL: c.URL(), Prefix: "replicas", SweeperAlive: time.Hour}
	w := newStore(t, cfg)
	sweepers := []*Store{newStore(t, cfg), newStore(t, cfg)}
	now := time.Now()
	for _, s := range sweepers { // the first sweep of all reads the index whole
		dueOf(t, s, now)
	}
	var leased []bot.Address
	for i := range 40 {
		a := bot.Address{Platform: "p", Chat: fmt.Sprint("l", i), User: "u"}
		queue(t, w, a, "w", now, 10*time.Second)
		leased = append(leased, a)
	}
	free := bot.Address{Platform: "p", Chat: "free", User: "u"}
	queue(t, w, free, "", now, 0)
	must(t, w.flushHints(t.Context())) // as its timer does within hintFlush

	got := map[bot.Address]int{}
	for _, s := range sweepers {
		for _, a := range dueOf(t, s, now) {
			got[a]++
		}
	}
	if len(got) != 1 || got[free] != 1 {
		t.Errorf("due before the leases end: %v, want only the unleased conversation, once", got)
	}

	clear(got)
	after := now.Add(11 * time.Second)
	wait.Until(t, "every leased conversation due to one sweeper", func() bool {
		for _, s := range sweepers {
			for _, a := range dueOf(t, s, after) {
				got[a]++
			}
		}
		return len(got) >= len(leased)
	})
	for _, a := range leased {
		if got[a] != 1 {
			t.Errorf("%v due %d times in the sweeps, want once (the claim holds for %v)", a, got[a], claimTTL)
		}
	}
}

// TestClusterSweepAfterCrash: a replica that dies between a save and the
// write of its slot's hint leaves an entry nothing points at; once it is
// presumed dead (no sweep for SweeperAlive), another replica reads the
// whole index once and finds it. Every safetyPass one replica reads it
// whole anyway, for entries no death reveals. A replica that closes leaves
// no such work (it writes its hints and leaves the registry).
func TestClusterSweepAfterCrash(t *testing.T) {
	t.Parallel()
	c := redistest.StartClusterN(t, 3)
	cfg := Config{URL: c.URL(), Prefix: "crash", SweeperAlive: 300 * time.Millisecond}
	dead, live := newStore(t, cfg), newStore(t, cfg)
	now := time.Now()
	// Both sweep once, so both are known sweepers (the first sweep of the
	// cluster also reads it whole).
	dueOf(t, live, now)
	dueOf(t, dead, now)
	wait.Until(t, "the first whole read done", func() bool {
		next, err := live.rdb.ZScore(t.Context(), live.sweep.replicas, "").Result()
		must(t, err)
		return int64(next) >= now.Add(safetyPass).UnixMilli() // not the claim's passTTL
	})

	a := bot.Address{Platform: "p", Chat: "crash", User: "u"}
	dead.closed.Store(true) // its hint timer writes nothing: it "dies" now
	queue(t, dead, a, "dead", now, 200*time.Millisecond)
	if !dead.hints.pending.Load() {
		t.Fatal("the save noted no hint")
	}
	if n, err := live.rdb.ZCard(t.Context(), live.sweep.look).Result(); err != nil || n != 0 {
		t.Fatalf("look set holds %d slots (%v), want none: the hint was never written", n, err)
	}
	var found []bot.Address
	wait.Until(t, "the dead replica's conversation due to the live one", func() bool {
		found = append(found, dueOf(t, live, time.Now())...)
		return slices.Contains(found, a)
	})

	// An entry whose slot no replica hints and no death reveals (a
	// process that never swept died before its hint): the safety read
	// finds it, within safetyPass.
	orphan := newStore(t, cfg)
	orphan.closed.Store(true)
	b := bot.Address{Platform: "p", Chat: "orphan", User: "u"}
	queue(t, orphan, b, "orphan", now, time.Millisecond)
	if as := dueOf(t, live, time.Now()); slices.Contains(as, b) {
		t.Fatalf("Due = %v before any whole read, want the orphan unseen (the test sees nothing)", as)
	}
	safety := now.Add(safetyPass + time.Second)
	found = nil
	wait.Until(t, "the orphan due after the safety read", func() bool {
		found = append(found, dueOf(t, live, safety)...)
		return slices.Contains(found, b)
	})

	// A replica that closes leaves the registry.
	gone := newStore(t, cfg)
	dueOf(t, gone, time.Now())
	must(t, gone.Close())
	if _, err := live.rdb.ZScore(t.Context(), live.sweep.replicas, gone.sweeperID).Result(); err == nil {
		t.Error("a closed store is still in the registry of sweepers")
	}
}

// TestClusterSweepUpdateEach: an outbox saved by UpdateEach (the batched
// updates of warm conversations) is swept like one saved by Update.
func TestClusterSweepUpdateEach(t *testing.T) {
	t.Parallel()
	c := redistest.StartClusterN(t, 3)
	cfg := Config{URL: c.URL(), Prefix: "each"}
	w, sweeper := newStore(t, cfg), newStore(t, cfg)
	now := time.Now()
	dueOf(t, sweeper, now) // the first whole read, before anything is queued
	var as []bot.Address
	for i := range 8 {
		a := bot.Address{Platform: "p", Chat: fmt.Sprint("e", i), User: "u"}
		must(t, w.Update(t.Context(), a, incr)) // warm
		as = append(as, a)
	}
	for i, err := range w.UpdateEach(t.Context(), as, func(_ int, sess *bot.Session) error {
		bot.Queue(sess, []bot.Reply{{Text: "check-in"}}, now)
		return nil
	}) {
		must(t, err)
		if len(storetest.Load(t, w, as[i]).Outbox) != 1 {
			t.Fatalf("%v: outbox not saved", as[i])
		}
	}
	got := map[bot.Address]bool{}
	wait.Until(t, "every outbox saved by UpdateEach due", func() bool {
		for _, a := range dueOf(t, sweeper, time.Now()) {
			got[a] = true
		}
		return len(got) == len(as)
	})
}
