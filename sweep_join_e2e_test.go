package main

import (
	"slices"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// TestServeJoinsSweepAtStart: on a Redis Cluster, a `carebot serve`
// replica is in the registry of sweeping replicas as soon as it is ready,
// before its first sweep (an hour off here), so that one killed in that
// window is seen to die and what it saved is swept once its SweeperAlive
// runs out. (Review s7: it joined only at its first sweep, a second after
// the first turns.)
func TestServeJoinsSweepAtStart(t *testing.T) {
	t.Parallel()
	bin := carebotBinary(t)
	c := redistest.StartClusterN(t, 3)
	tg := telegramtest.New(t)
	startReplica(t, "replica", bin, c.URL(), tg, "CAREBOT_DELIVERY_LEASE=2h", "CAREBOT_DELIVERY_SWEEP=1h")
	rdb := redis.NewClusterClient(&redis.ClusterOptions{Addrs: []string{c.Nodes[0].Addr()}})
	t.Cleanup(func() { _ = rdb.Close() })
	ids, err := rdb.ZRange(t.Context(), redisstore.DefaultPrefix+":{sweep}:replicas", 0, -1).Result()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(ids, func(id string) bool { return id != "" }) {
		t.Errorf("registry of sweepers %q once the replica is ready, want it in", ids)
	}
}
