package redisstore

import (
	"hash/maphash"
	"sync"
	"time"
)

// DefaultWarmSessions is how many sessions a Store remembers when
// Config.WarmSessions is 0.
const DefaultWarmSessions = 16384

// minWarmCap is the least room of an entry's array: a new
// conversation's first sessions are small, and soon grow.
const minWarmCap = 2048

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
//
// An entry's bytes belong to the cache: put copies into them, reusing
// their array, and get copies out, under the shard's lock. Nothing outside
// ever refers to them, so a save costs no allocation, only the read that
// decodes a session its strings will alias (a turn's, see get) makes one.
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
	raw   []byte    // the stored value, exactly as saved; the cache's own
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

// get returns a copy of the value this replica last saved at key, if
// still usable: a string of its own, which decoded sessions may alias for
// as long as they live.
func (w *warm) get(key string, now time.Time) (string, bool) {
	if w == nil {
		return "", false
	}
	sh := w.shard(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	e, ok := sh.m[key]
	if !ok || !now.Before(e.until) {
		return "", false
	}
	return string(e.raw), true
}

// getInto is get appending the value to dst[:0] instead, for a caller
// that keeps nothing decoded from it once it reuses dst (UpdateEach).
func (w *warm) getInto(key string, now time.Time, dst []byte) ([]byte, bool) {
	if w == nil {
		return dst, false
	}
	sh := w.shard(key)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	e, ok := sh.m[key]
	if !ok || !now.Before(e.until) {
		return dst, false
	}
	return append(dst[:0], e.raw...), true
}

// put remembers raw, which it copies, as saved at key now. A full shard
// forgets an arbitrary entry first (Go's map order): the bound matters,
// the choice little.
func (w *warm) put(key string, raw []byte, now time.Time) {
	if w == nil {
		return
	}
	sh := w.shard(key)
	sh.mu.Lock()
	e, ok := sh.m[key]
	if !ok && len(sh.m) >= w.max {
		for k, old := range sh.m {
			delete(sh.m, k)
			e.raw = old.raw // nobody holds it: the new entry's
			break
		}
	}
	// The entry's own array, if it has the room: no reader holds it. A
	// conversation's session grows turn by turn: half as much room again
	// spares most of the copies to a larger array.
	if cap(e.raw) < len(raw) {
		e.raw = make([]byte, 0, max(len(raw)+len(raw)/2, minWarmCap))
	}
	e.raw = append(e.raw[:0], raw...)
	e.until = now.Add(w.life)
	sh.m[key] = e
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
