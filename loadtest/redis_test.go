package loadtest_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/loadtest"
)

// TestRunRedis runs a short load on a real redis-server and checks the
// figures only Redis gives: commands per turn and bytes per session.
func TestRunRedis(t *testing.T) {
	t.Parallel()
	rs, err := redisstore.New(redisstore.Config{URL: redistest.Start(t), TTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rs.Close() })
	const people = 10
	rep, err := loadtest.Run(t.Context(), loadtest.Config{
		Flows:     bottest.MustFlows(t),
		Store:     rs,
		StoreName: "redis",
		Stats:     rs,
		Script:    defaultScript(t),
		People:    people,
	})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	checkReport(t, rep, people, 1)
	// An uncontended turn sends the compare-and-set alone when the store
	// saved the conversation last (warm), and a read first otherwise: the
	// first turn of each conversation. Besides, each new connection sends a
	// few commands to set itself up, and the first compare-and-set loads the
	// script; the bench's own reads after the run are not counted.
	setup := int64(people*4 + 2)
	conversations := int64(people) // one round each
	if min, max := int64(rep.Turns)+conversations, int64(rep.Turns)+conversations+setup; rep.CommandsSent < min || rep.CommandsSent > max {
		t.Errorf("%d commands sent for %d turns (%.2f per turn), want %d to %d",
			rep.CommandsSent, rep.Turns, rep.CommandsSentPerTurn, min, max)
	}
	// Commands of several people may share a round trip (batching),
	// so there are at most as many round trips as commands.
	if rep.RoundTrips <= 0 || rep.RoundTrips > rep.CommandsSent ||
		rep.RoundTripsPerTurn != float64(rep.RoundTrips)/float64(rep.Turns) {
		t.Errorf("%d round trips (%.2f per turn) for %d commands sent, want some, at most one a command",
			rep.RoundTrips, rep.RoundTripsPerTurn, rep.CommandsSent)
	}
	// INFO commandstats counts the script's own commands too, so more; the
	// bench's own INFO and MEMORY calls are not counted.
	if rep.CommandsPerTurn <= rep.CommandsSentPerTurn || rep.CommandsPerTurn > 10 {
		t.Errorf("commands per turn %.2f (%v), want more than the %.2f commands sent and at most 10",
			rep.CommandsPerTurn, rep.Commands, rep.CommandsSentPerTurn)
	}
	// redis-server's own CPU over the run (INFO cpu), per turn: it ran a
	// compare-and-set for each, so some, and far below a second.
	if rep.ServerCPUPerTurn <= 0 || rep.ServerCPUPerTurn > time.Second {
		t.Errorf("redis cpu per turn %v, want a plausible figure", rep.ServerCPUPerTurn)
	}
	// Each round trip waits for Redis: some thread sleeps and is woken.
	if runtime.GOOS == "linux" && rep.SleepsPerTurn <= 0 {
		t.Errorf("sleeps per turn %v, want some (getrusage's voluntary context switches)", rep.SleepsPerTurn)
	}
	for _, c := range []string{"info", "memory|usage", "memory"} {
		if n := rep.Commands[c]; n != 0 {
			t.Errorf("%d %s calls counted, want the bench's own left out", n, c)
		}
	}
	// A session with ten turns of history is a few hundred bytes at least,
	// and far below what would matter.
	if rep.BytesPerSession < 200 || rep.BytesPerSession > 64<<10 || float64(rep.MaxSessionBytes) < rep.BytesPerSession {
		t.Errorf("bytes per session %.0f (max %d), want a plausible size", rep.BytesPerSession, rep.MaxSessionBytes)
	}

	// The run deleted its sessions.
	for _, a := range []bot.Address{
		{Platform: loadtest.Platform, Chat: rep.Run + "-0", User: "0"},
		{Platform: loadtest.Platform, Chat: rep.Run + "-9", User: "0"},
	} {
		if n, err := rs.MemoryUsage(t.Context(), a); err != nil || n != 0 {
			t.Errorf("MemoryUsage(%v) = %d, %v after the run; want the session deleted", a, n, err)
		}
	}
}
