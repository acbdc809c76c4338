package redisstore

import (
	"maps"
	"testing"
	"time"

	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// TestFlowArchive: a flow-set version stored by one replica is read back
// by another, byte for byte, and rebuilds the same version; a version
// nobody stored is simply absent; the entry expires with the sessions.
func TestFlowArchive(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	a := newStore(t, Config{URL: url, Prefix: "fa", TTL: time.Hour})
	b := newStore(t, Config{URL: url, Prefix: "fa", TTL: time.Hour})
	set := bottest.MustFlows(t)
	must(t, a.PutFlows(t.Context(), set.Version, set.Files))
	got, ok, err := b.GetFlows(t.Context(), set.Version)
	if err != nil || !ok {
		t.Fatalf("GetFlows = %v, %v", ok, err)
	}
	if !maps.EqualFunc(got, set.Files, func(x, y []byte) bool { return string(x) == string(y) }) {
		t.Errorf("files differ after the round trip")
	}
	again, err := flow.LoadFiles(got)
	if err != nil || again.Version != set.Version {
		t.Errorf("LoadFiles from Redis: version %v, %v; want %s", again, err, set.Version)
	}
	if _, ok, err := b.GetFlows(t.Context(), "000000000000"); ok || err != nil {
		t.Errorf("unknown version: ok %v, err %v", ok, err)
	}
	ttl, err := plainClient(t, url).TTL(t.Context(), "fa:flows:"+set.Version).Result()
	if err != nil || ttl <= time.Hour || ttl > 2*time.Hour {
		t.Errorf("archive TTL %s (%v), want up to twice the session TTL", ttl, err)
	}
}
