// Package memstore keeps sessions, cache entries and claims in memory, for
// tests, `carebot chat` and single-process deployments.
//
// It behaves like redisstore (optimistic versioning, private copies,
// expiry) so that what passes in memory holds on Redis, and it is fast
// enough not to show in the engine's benchmarks: sessions are kept in a
// compact binary encoding, not JSON, and a hot Update costs one to two
// microseconds of CPU, garbage collection included.
package memstore

import (
	"bytes"
	"context"
	"fmt"
	"hash/maphash"
	"maps"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/internal/sessioncodec"
)

// Interface guards.
var (
	_ bot.Store   = (*Store)(nil)
	_ bot.Cache   = (*Store)(nil)
	_ bot.Claimer = (*Store)(nil)

	_ bot.FloodCounter = (*Store)(nil)
	_ bot.OutboxIndex  = (*Store)(nil)
	_ bot.Forgetter    = (*Store)(nil)
)

// DefaultTTL is how long an untouched session lives when Config.TTL is 0.
const DefaultTTL = 24 * time.Hour

// maxAttempts bounds how often Update re-runs fn after losing a race. In
// memory a race is lost only to a write that finished in the meantime, so
// reaching it means a pathological hot spot.
const maxAttempts = 1000

// shardCount spreads locks so that parallel turns on different
// conversations rarely wait for each other.
const shardCount = 64

// sweepStride: every sweepStride-th write to a shard also sweeps another
// shard (round robin), so shards that get no writes of their own are still
// swept.
const sweepStride = 32

// Config configures a Store.
type Config struct {
	// TTL is how long a session lives after its last Update; 0 means DefaultTTL.
	// It is also the expiry of cache entries and claims set with a ttl <= 0.
	TTL time.Duration
	// Now tells the time; nil means time.Now. Tests pass a fake clock.
	Now func() time.Time
}

// Store is an in-memory bot.Store, bot.Cache and bot.Claimer, safe for
// concurrent use. Expired entries read as absent. Writes sweep expired
// entries from their shard, and now and then from another one, at most once
// per shard every sweepEvery, so memory follows the live conversations
// without a background goroutine to stop.
type Store struct {
	ttl        time.Duration
	now        func() time.Time
	sweepEvery time.Duration
	seed       maphash.Seed
	cursor     atomic.Uint64 // the next shard to sweep on behalf of others
	shards     [shardCount]shard
}

type shard struct {
	mu        sync.RWMutex
	sessions  map[bot.Address]session
	values    map[string]value // cache entries
	claims    map[string]value
	floods    map[bot.Address]flood
	due       map[bot.Address]time.Time // conversations with replies pending → lease end
	nextSweep time.Time
	writes    uint64
	_         [64]byte // keep hot mutexes on separate cache lines
}

// session is a stored session, encoded by sessioncodec in one pointer-free
// byte slice. That is the deep copy "in" (fn's session shares nothing with
// what is stored), it keeps the garbage collector from scanning every stored
// turn, and it packs a conversation's strings together. Decoding is the copy
// "out": strings are read in place from the immutable stored bytes, so only
// the session and its slices are allocated. data is never changed
// once stored: writers replace it, so readers may decode it outside the
// lock, and the identity of its array tells a writer whether anyone saved in
// between (with no ABA after a Delete, unlike comparing versions).
type session struct {
	data    []byte
	expires time.Time
}

// flood is a person's flood state (see bot.FloodRule).
type flood struct {
	st      bot.FloodState
	expires time.Time
}

type value struct {
	val     string
	expires time.Time
}

// New returns an empty Store.
func New(cfg Config) *Store {
	s := &Store{ttl: cfg.TTL, now: cfg.Now, seed: maphash.MakeSeed()}
	if s.ttl <= 0 {
		s.ttl = DefaultTTL
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.sweepEvery = min(max(s.ttl/2, time.Second), time.Minute)
	for i := range s.shards {
		sh := &s.shards[i]
		sh.sessions = make(map[bot.Address]session)
		sh.values = make(map[string]value)
		sh.claims = make(map[string]value)
		sh.floods = make(map[bot.Address]flood)
		sh.due = make(map[bot.Address]time.Time)
	}
	return s
}

func (s *Store) shardOf(a bot.Address) int {
	return int(maphash.Comparable(s.seed, a) % shardCount)
}

func (s *Store) shardOfKey(key string) int {
	return int(maphash.String(s.seed, key) % shardCount)
}

// wrote is called with shard i locked for writing after a write to it. It
// sweeps the shard when due and unlocks it; on every sweepStride-th write it
// then sweeps the next shard of a round robin over all of them.
func (s *Store) wrote(i int, now time.Time) {
	sh := &s.shards[i]
	sh.sweep(now, s.sweepEvery)
	sh.writes++
	n := sh.writes
	sh.mu.Unlock()
	if n%sweepStride != 0 {
		return
	}
	other := &s.shards[s.cursor.Add(1)%shardCount]
	other.mu.Lock()
	other.sweep(now, s.sweepEvery)
	other.mu.Unlock()
}

// live returns the stored session at a, or nil if there is none or it expired.
func (sh *shard) live(a bot.Address, now time.Time) []byte {
	e, ok := sh.sessions[a]
	if !ok || !now.Before(e.expires) {
		return nil
	}
	return e.data
}

// scratch holds encoding buffers, so a save allocates only the exact-size
// copy it stores.
var scratch = sync.Pool{New: func() any { b := make([]byte, 0, 2048); return &b }}

// Update decodes the session at a into a private copy, runs fn on it and
// saves its encoding if nobody saved in between; otherwise it runs fn again
// on the newer session. fn runs outside any lock, so a slow fn delays no other
// conversation and may even call the store.
func (s *Store) Update(ctx context.Context, a bot.Address, fn func(*bot.Session) error) error {
	i := s.shardOf(a)
	sh := &s.shards[i]
	for range maxAttempts {
		if err := ctx.Err(); err != nil {
			return err
		}
		// One clock reading serves the load and the save: the turn is short.
		now := s.now()
		sh.mu.RLock()
		cur := sh.live(a, now)
		sh.mu.RUnlock()

		next := &bot.Session{}
		if cur != nil {
			// cur is immutable: no lock needed.
			if err := sessioncodec.Decode(cur, next, headroom); err != nil {
				return fmt.Errorf("decode session: %w", err)
			}
		}
		ver, wasTomb := next.Version, next.Forgotten
		if err := fn(next); err != nil {
			return err
		}
		next.Version = ver + 1
		if next.Forgotten && len(next.Outbox) == 0 && next.ForgetMark == 0 {
			// A tombstone with nothing left to deliver nor a mark to
			// keep: deleted, under the same check as a save (see
			// bot.Forgetter).
			sh.mu.Lock()
			if unsafe.SliceData(sh.live(a, now)) != unsafe.SliceData(cur) {
				sh.mu.Unlock()
				runtime.Gosched()
				continue
			}
			delete(sh.sessions, a)
			delete(sh.due, a)
			s.wrote(i, now)
			return nil
		}
		ttl := s.ttl
		if next.Forgotten {
			ttl = min(ttl, bot.TombstoneTTL)
		}
		buf := scratch.Get().(*[]byte)
		*buf = sessioncodec.Encode((*buf)[:0], next)
		data := bytes.Clone(*buf)
		scratch.Put(buf)

		sh.mu.Lock()
		if unsafe.SliceData(sh.live(a, now)) != unsafe.SliceData(cur) {
			sh.mu.Unlock()
			runtime.Gosched() // let the winner's goroutine get on
			continue
		}
		expires := now.Add(ttl)
		if wasTomb && next.Forgotten {
			// A tombstone saved again keeps the time it had: it goes
			// bot.TombstoneTTL after /forget, however often a delivery
			// retries (see bot.Forgetter).
			if old := sh.sessions[a].expires; old.Before(expires) {
				expires = old
			}
		}
		sh.sessions[a] = session{data: data, expires: expires}
		if len(next.Outbox) > 0 {
			sh.due[a] = next.Lease.Until
		} else {
			delete(sh.due, a)
		}
		s.wrote(i, now)
		return nil
	}
	return fmt.Errorf("update session: %d attempts: %w", maxAttempts, bot.ErrConflict)
}

// Delete forgets the session at a.
func (s *Store) Delete(ctx context.Context, a bot.Address) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	sh := &s.shards[s.shardOf(a)]
	sh.mu.Lock()
	delete(sh.sessions, a)
	delete(sh.floods, a)
	delete(sh.due, a)
	sh.mu.Unlock()
	return nil
}

// ForgetRest implements bot.Forgetter: it deletes a's flood state (the
// follow-ups and the idle index are stores of their own, which the engine
// asks).
func (s *Store) ForgetRest(ctx context.Context, a bot.Address) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	sh := &s.shards[s.shardOf(a)]
	sh.mu.Lock()
	delete(sh.floods, a)
	sh.mu.Unlock()
	return nil
}

// Due implements bot.OutboxIndex: the conversations with replies pending
// whose delivery lease ended at or before now, up to limit. Only those with
// replies pending are indexed, so it reads no idle conversation.
func (s *Store) Due(ctx context.Context, now time.Time, limit int) ([]bot.Address, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	clock := s.now()
	var out []bot.Address
	for i := range s.shards {
		sh := &s.shards[i]
		sh.mu.RLock()
		for a, until := range sh.due {
			if len(out) >= limit {
				break
			}
			if !until.After(now) && sh.live(a, clock) != nil {
				out = append(out, a)
			}
		}
		sh.mu.RUnlock()
		if len(out) >= limit {
			break
		}
	}
	return out, nil
}

// Arrive implements bot.FloodCounter: rule.Step on a's flood state, under
// the shard's lock.
func (s *Store) Arrive(ctx context.Context, a bot.Address, now time.Time, rule bot.FloodRule, urgent bool) (bot.Admission, error) {
	if err := ctx.Err(); err != nil {
		return bot.AdmitTurn, err
	}
	clock := s.now()
	i := s.shardOf(a)
	sh := &s.shards[i]
	sh.mu.Lock()
	f := sh.floods[a]
	if !clock.Before(f.expires) {
		f = flood{}
	}
	st, v := rule.Step(f.st, now.UnixMilli(), urgent)
	sh.floods[a] = flood{st: st, expires: clock.Add(rule.TTL())}
	s.wrote(i, clock)
	return v, nil
}

// Ping reports whether ctx is still live: memory is always there.
func (s *Store) Ping(ctx context.Context) error {
	return ctx.Err()
}

// Get returns the cache entry at key, if it has not expired.
func (s *Store) Get(ctx context.Context, key string) (string, bool, error) {
	if err := ctx.Err(); err != nil {
		return "", false, err
	}
	sh := &s.shards[s.shardOfKey(key)]
	sh.mu.RLock()
	v, ok := sh.values[key]
	sh.mu.RUnlock()
	if !ok || !s.now().Before(v.expires) {
		return "", false, nil
	}
	return v.val, true, nil
}

// Set stores val at key for ttl (the store's TTL if ttl <= 0).
func (s *Store) Set(ctx context.Context, key, val string, ttl time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	now := s.now()
	i := s.shardOfKey(key)
	sh := &s.shards[i]
	sh.mu.Lock()
	sh.values[key] = value{val: val, expires: now.Add(s.ttlOr(ttl))}
	s.wrote(i, now)
	return nil
}

// Claim makes owner the holder of key for ttl (the store's TTL if ttl <= 0)
// unless a live claim exists, and returns the holder.
func (s *Store) Claim(ctx context.Context, key, owner string, ttl time.Duration) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	now := s.now()
	i := s.shardOfKey(key)
	sh := &s.shards[i]
	sh.mu.Lock()
	if c, ok := sh.claims[key]; ok && now.Before(c.expires) {
		sh.mu.Unlock()
		return c.val, nil
	}
	sh.claims[key] = value{val: owner, expires: now.Add(s.ttlOr(ttl))}
	s.wrote(i, now)
	return owner, nil
}

func (s *Store) ttlOr(ttl time.Duration) time.Duration {
	if ttl <= 0 {
		return s.ttl
	}
	return ttl
}

// Len returns the number of entries held (sessions, cache entries, claims
// and flood states), expired ones not yet swept included. Tests use it to check that
// memory is reclaimed.
func (s *Store) Len() int {
	n := 0
	for i := range s.shards {
		sh := &s.shards[i]
		sh.mu.RLock()
		n += len(sh.sessions) + len(sh.values) + len(sh.claims) + len(sh.floods)
		sh.mu.RUnlock()
	}
	return n
}

// sweep drops the shard's expired entries if its last sweep is old enough.
// The caller holds sh.mu for writing. The cost, linear in the shard's size,
// is paid at most once per interval, so it is small per write.
func (sh *shard) sweep(now time.Time, every time.Duration) {
	if now.Before(sh.nextSweep) {
		return
	}
	sh.nextSweep = now.Add(every)
	maps.DeleteFunc(sh.sessions, func(_ bot.Address, e session) bool { return !now.Before(e.expires) })
	maps.DeleteFunc(sh.values, func(_ string, v value) bool { return !now.Before(v.expires) })
	maps.DeleteFunc(sh.claims, func(_ string, v value) bool { return !now.Before(v.expires) })
	maps.DeleteFunc(sh.floods, func(_ bot.Address, f flood) bool { return !now.Before(f.expires) })
	maps.DeleteFunc(sh.due, func(a bot.Address, _ time.Time) bool { _, ok := sh.sessions[a]; return !ok })
}

// headroom is the spare capacity given to the capped histories handed to
// fn: a turn appends a few entries and trims the oldest, and with room to
// append it does so without reallocating.
const headroom = 2
