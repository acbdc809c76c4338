package redisstore

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// TestClusterSweepRegistry: the registry of sweeping replicas on a real
// three-master cluster (one prefix per case).
//   - joined: a replica that joined at start (JoinSweep) and is killed
//     before its first sweep, with an entry saved whose hint it never
//     wrote, is seen to die: another replica finds the entry once
//     SweeperAlive ran out, not at the 10-minute safety read. (Review s7:
//     a replica entered the registry only at its first sweep.)
//   - behind: a replica whose clock is an hour slow is not presumed dead
//     at every sweep of the others (a read of the whole index, 16,384
//     commands, each time): the registry is scored by Redis's clock.
//   - ahead: a replica whose clock is an hour fast that dies is presumed
//     dead SweeperAlive after its last sweep, not an hour later.
func TestClusterSweepRegistry(t *testing.T) {
	t.Parallel()
	c := redistest.StartClusterN(t, 3)
	// wholeRead waits for live's first sweep, the read of the whole index
	// every cluster gets once.
	wholeRead := func(t *testing.T, live *Store) {
		t.Helper()
		now := time.Now()
		dueOf(t, live, now)
		wait.Until(t, "the first whole read done", func() bool {
			next, err := live.rdb.ZScore(t.Context(), live.sweep.replicas, "").Result()
			must(t, err)
			return int64(next) >= now.Add(safetyPass).UnixMilli()
		})
	}
	inRegistry := func(t *testing.T, s *Store, id string) bool {
		t.Helper()
		_, err := s.rdb.ZScore(t.Context(), s.sweep.replicas, id).Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			t.Fatalf("registry: %v", err)
		}
		return err == nil
	}

	t.Run("joined", func(t *testing.T) {
		cfg := Config{URL: c.URL(), Prefix: "joined", SweeperAlive: 300 * time.Millisecond}
		live := newStore(t, cfg)
		wholeRead(t, live)
		gone := newStore(t, cfg)
		must(t, gone.JoinSweep(t.Context()))
		if !inRegistry(t, live, gone.sweeperID) {
			t.Fatal("JoinSweep left the registry without the replica")
		}
		gone.closed.Store(true) // its hint timer writes nothing: it is killed now
		a := bot.Address{Platform: "p", Chat: "joined", User: "u"}
		queue(t, gone, a, "gone", time.Now(), 200*time.Millisecond)
		var found []bot.Address
		wait.Until(t, "the killed replica's conversation due to the live one", func() bool {
			found = append(found, dueOf(t, live, time.Now())...)
			return slices.Contains(found, a)
		})
	})

	t.Run("behind", func(t *testing.T) {
		cfg := Config{URL: c.URL(), Prefix: "behind", SweeperAlive: time.Minute}
		live, slow := newStore(t, cfg), newStore(t, cfg)
		wholeRead(t, live)
		dueOf(t, slow, time.Now().Add(-time.Hour))
		for range 3 {
			before := live.CommandsSent()
			dueOf(t, live, time.Now())
			if n := live.CommandsSent() - before; n > 1 {
				t.Fatalf("a sweep sent %d commands with nothing pending and nobody dead, want 1: the slow replica was taken for dead", n)
			}
		}
		if !inRegistry(t, live, slow.sweeperID) {
			t.Error("the slow replica left the registry: taken for dead")
		}
	})

	t.Run("ahead", func(t *testing.T) {
		cfg := Config{URL: c.URL(), Prefix: "ahead", SweeperAlive: 300 * time.Millisecond}
		live, fast := newStore(t, cfg), newStore(t, cfg)
		wholeRead(t, live)
		dueOf(t, fast, time.Now().Add(time.Hour))
		fast.closed.Store(true) // it dies after this one sweep
		// Presumed dead, its whole read done: it leaves the registry.
		wait.Until(t, "the fast replica presumed dead", func() bool {
			dueOf(t, live, time.Now())
			return !inRegistry(t, live, fast.sweeperID)
		})
	})
}
