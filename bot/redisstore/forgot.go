package redisstore

import (
	"context"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// The warm cache of every replica (see warm.go) may hold the last session
// it saved of a conversation the person asked to forget on another
// replica. The compare-and-set never lets it serve (the tombstone moved
// the version), but its bytes, the person's words, would stay in that
// replica's memory until its next turn there, a full shard, or half the
// session TTL. So the replica that saves a tombstone notes the
// conversation's tag (a hash: no platform ID) in a sorted set scored by
// Redis's clock, <prefix>:forgot (on a Cluster <prefix>:{sweep}:forgot,
// beside the sweep's keys), and every replica's sweep (Due, each second)
// reads what was noted since its last read, in the same command as
// before, and drops those conversations from its warm cache. Notes older
// than forgotKeep are pruned by the next note; a replica whose sweep
// stalls longer than that keeps the bytes until its next access (which the
// version check turns into a drop) or the entry's end.

// forgotKeep is how long a forgotten conversation's note is kept for the
// sweeps of other replicas.
const forgotKeep = 10 * time.Minute

// forgotRead is the most notes one sweep reads; the next reads the rest.
const forgotRead = 1024

// forgotSrc notes the tag ARGV[1] in KEYS[1], scored by Redis's clock, and
// prunes the notes older than ARGV[2] ms.
const forgotSrc = redisNowLua + `redis.call('ZADD', KEYS[1], rnow, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (rnow - tonumber(ARGV[2])))
return 1`

var forgotScript = redis.NewScript(forgotSrc)

// forgotLua returns the Lua expression reading the notes of KEYS[key]
// from score ARGV[arg] on ("-inf" or a score, inclusive: a note written in
// the same millisecond as the last one read is not missed), with their
// scores.
func forgotLua(key, arg int) string {
	return `redis.call('ZRANGEBYSCORE', KEYS[` + strconv.Itoa(key) + `], ARGV[` + strconv.Itoa(arg) + `], '+inf', 'WITHSCORES', 'LIMIT', 0, ` + strconv.Itoa(forgotRead) + `)`
}

// dueSrc is Due on a single server: the outbox index entries due (KEYS[1],
// scored up to ARGV[1], at most ARGV[2]) and the forgotten conversations
// noted since ARGV[3] (KEYS[2]), in one command as the index read alone was.
var dueSrc = `return {redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2]), ` + forgotLua(2, 3) + `}`

var dueScript = redis.NewScript(dueSrc)

// forgotKey is the key of the notes.
func (s *Store) forgotKey() string {
	if s.cluster {
		return s.prefix + ":{sweep}:forgot"
	}
	return s.prefix + ":forgot"
}

// noteForgotten notes that the conversation of tag t was forgotten, for
// the other replicas' warm caches. The tombstone is saved already: a
// failure is only logged (those replicas then drop the entry at its next
// use, as before).
func (s *Store) noteForgotten(ctx context.Context, t string) {
	if err := forgotScript.Run(ctx, s.rdb, []string{s.forgotKey()}, t, forgotKeep.Milliseconds()).Err(); err != nil {
		s.log.WarnContext(ctx, "forgotten conversation not noted for other replicas", "err", err)
	}
}

// forgotFrom is where the next read of the notes starts.
func (s *Store) forgotFrom() string {
	if n := s.forgotSeen.Load(); n > 0 {
		return strconv.FormatInt(n, 10)
	}
	return "-inf"
}

// evictForgotten drops from the warm cache the conversations of the notes
// a sweep read (tag, score, tag, score…) and moves the read's start on.
func (s *Store) evictForgotten(reply any) {
	l, _ := reply.([]any)
	last := s.forgotSeen.Load()
	for i := 0; i+1 < len(l); i += 2 {
		t, _ := l[i].(string)
		sc, _ := l[i+1].(string)
		if len(t) == tagLen && isHex(t) {
			s.warm.drop(s.prefix + ":{" + t + "}:session")
		}
		if f, err := strconv.ParseFloat(sc, 64); err == nil && int64(f) > last {
			last = int64(f)
		}
	}
	s.forgotSeen.Store(last)
}
