package redisstore

import (
	"hash/maphash"
	"sync"
	"time"
)

// DefaultWarmSessions is how many sessions a Store remembers when
// Config.WarmSessions is 0.
const DefaultWarmSessions = 16384

// warmShards spreads the warm cache's locks.
const warmShards = 64

// warm remembers the session this replica last saved for each recently
// active conversation, so that the next Update on it sends only the
// compare-and-set: one round trip instead of a GET and the script. The
// compare-and-set still checks the version, so an entry another replica
// made stale costs one lost race (the script returns the current session),
// never a lost update.
//
// Two things could make an old version number come back and fool the
// check (ABA): a Delete, and a session that expired and was started again;
// either starts counting versions from 1. Every session therefore carries a
// random generation, drawn when it is created, which the compare-and-set
// checks with the version (see formatBinaryGen). An entry is also used only
// for half the session TTL after this replica saved it, so that memory
// follows the live conversations.
type warm struct {
	seed   maphash.Seed
	max    int // entries per shard
	life   time.Duration
	shards [warmShards]warmShard
}

type warmShard struct {
	mu sync.Mutex
	m  map[string]warmEntry
	_  [40]byte // keep hot mutexes on separate cache lines
}

type warmEntry struct {
	raw   string    // the stored value, exactly as saved
	until time.Time // used before this only
}

// newWarm returns a cache of about size sessions, each used for life at most;
// nil if size < 0 (off).
func newWarm(size int, life time.Duration) *warm {
	if size < 0 {
		return nil
	}
	if size == 0 {
		size = DefaultWarmSessions
	}
	w := &warm{seed: maphash.MakeSeed(), max: max(size/warmShards, 1), life: life}
	for i := range w.shards {
		w.shards[i].m = make(map[string]warmEntry)
	}
	return w
}

func (w *warm) shard(key string) *warmShard {
	return &w.shards[maphash.String(w.seed, key)%warmShards]
}

// get returns the value this replica last saved at key, if still usable.
func (w *warm) get(key string, now time.Time) (string, bool) {
	if w == nil {
		return "", false
	}
	sh := w.shard(key)
	sh.mu.Lock()
	e, ok := sh.m[key]
	sh.mu.Unlock()
	if !ok || !now.Before(e.until) {
		return "", false
	}
	return e.raw, true
}

// put remembers raw as saved at key now. A full shard forgets an arbitrary
// entry first (Go's map order): the bound matters, the choice little.
func (w *warm) put(key, raw string, now time.Time) {
	if w == nil {
		return
	}
	sh := w.shard(key)
	sh.mu.Lock()
	if _, ok := sh.m[key]; !ok && len(sh.m) >= w.max {
		for k := range sh.m {
			delete(sh.m, k)
			break
		}
	}
	sh.m[key] = warmEntry{raw: raw, until: now.Add(w.life)}
	sh.mu.Unlock()
}

// drop forgets key.
func (w *warm) drop(key string) {
	if w == nil {
		return
	}
	sh := w.shard(key)
	sh.mu.Lock()
	delete(sh.m, key)
	sh.mu.Unlock()
}

// len returns the number of entries, for tests.
func (w *warm) len() int {
	n := 0
	for i := range w.shards {
		sh := &w.shards[i]
		sh.mu.Lock()
		n += len(sh.m)
		sh.mu.Unlock()
	}
	return n
}
