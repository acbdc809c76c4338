package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// TestJoinWhenRedisStallsAtStart: a cluster whose masters stall writes
// while a replica starts (CLIENT PAUSE WRITE for 20 s stands for a busy
// master, a slow fork, a failover). serve must start anyway (Join warns),
// and Join, like the flows publish before it, must hold the start (the
// HTTP server, /healthz) no longer than its own short deadline. Before,
// it held it about 8 s: the cluster client resent the script after each
// read timeout (MaxRedirects, and each node's resend).
func TestJoinWhenRedisStallsAtStart(t *testing.T) {
	t.Parallel()
	bin := carebotBinary(t)
	c := redistest.StartClusterN(t, 3)
	tg := telegramtest.New(t)
	for _, n := range c.Nodes {
		pc := redis.NewClient(&redis.Options{Addr: n.Addr()})
		if err := pc.Do(t.Context(), "client", "pause", "20000", "write").Err(); err != nil {
			t.Fatal(err)
		}
		_ = pc.Close()
	}
	p := startReplica(t, "replica", bin, c.URL(), tg, "CAREBOT_DELIVERY_LEASE=2h", "CAREBOT_DELIVERY_SWEEP=1h")
	at := map[string]time.Time{}
	for l := range strings.Lines(p.logs.String()) {
		var e struct {
			Time time.Time
			Msg  string
		}
		if json.Unmarshal([]byte(l), &e) == nil {
			at[e.Msg] = e.Time
		}
	}
	loaded, serving := at["flows loaded"], at["serving"]
	if loaded.IsZero() || serving.IsZero() {
		t.Fatalf("no 'flows loaded' or 'serving' line in the log")
	}
	if !p.logged("outbox sweepers not joined at start") {
		t.Errorf("Join succeeded while every master stalled writes?")
	}
	if held := serving.Sub(loaded); held > 3*time.Second {
		t.Errorf("JoinSweep held serve's start %v with Redis stalled (no /healthz meanwhile), want about one I/O timeout (1s)", held.Round(time.Millisecond))
	}
}
