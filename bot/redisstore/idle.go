package redisstore

import (
	"context"
	"errors"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/carebot/carebot/bot"
)

// The idle index (bot.IdleIndex) is IdleShards sorted sets,
// <prefix>:idle:{s<N>}, member the conversation's address (as the outbox
// index writes it), score the Unix ms it is due or its claim's lease ends.
// A conversation goes to the shard of its tag. A claim is the follow-ups'
// lease script on one shard, so it works on a Redis Cluster; the claim's
// token is the lease's end, and a release changes the member only if its
// score is still that (nobody took it over meanwhile).
const IdleShards = 16

// Idle is the idle index of a Store (see Store.Idle).
type Idle struct {
	*Store
	next *atomic.Uint32 // the shard ClaimIdle starts at, turning
}

var _ bot.IdleIndex = (*Idle)(nil)

// Idle returns the store's idle index; it shares the connections.
func (s *Store) Idle() *Idle { return &Idle{Store: s, next: &s.idleNext} }

func (s *Store) idleShardKey(i int) string { return s.prefix + ":idle:{s" + strconv.Itoa(i) + "}" }

func (s *Store) idleShardOf(a bot.Address) string {
	n, _ := strconv.ParseUint(tag(a)[:4], 16, 32)
	return s.idleShardKey(int(n % IdleShards))
}

// watchSrc enters the member ARGV[2] in the idle shard KEYS[1], scored
// ARGV[1], unless the conversation was forgotten at a mark above ARGV[3]
// (KEYS[2], see idleForgotSrc): the turn that started the wait saved
// before the /forget, which removed the entry already.
const watchSrc = `local f = redis.call('GET', KEYS[2])
if f and tonumber(f) > tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
return 1`

var watchScript = redis.NewScript(watchSrc)

// idleForgotSrc records, once a tombstone is saved, that the conversation
// of member ARGV[3] was forgotten at mark ARGV[1] (KEYS[2], for ARGV[2]
// ms, the higher mark kept) and removes its entry from the idle shard
// KEYS[1]: a turn saved before the tombstone whose Watch comes later is
// refused (watchSrc), and one whose Watch came earlier is undone here.
const idleForgotSrc = `local f = redis.call('GET', KEYS[2])
local m = ARGV[1]
if f and tonumber(f) > tonumber(m) then m = f end
redis.call('SET', KEYS[2], m, 'PX', ARGV[2])
redis.call('ZREM', KEYS[1], ARGV[3])
return 1`

var idleForgotScript = redis.NewScript(idleForgotSrc)

// idleForgotKey is where the mark of a's last /forget is kept for the idle
// index: in the slot of a's idle shard, named by a's tag (no platform ID).
func (s *Store) idleForgotKey(a bot.Address) string {
	return s.idleShardOf(a) + ":fgt:" + tag(a)
}

// Watch implements bot.IdleIndex: one script, a ZADD unless a was
// forgotten at a mark above mark.
func (ix *Idle) Watch(ctx context.Context, a bot.Address, at time.Time, mark int64) error {
	err := watchScript.Run(ctx, ix.rdb, []string{ix.idleShardOf(a), ix.idleForgotKey(a)}, at.UnixMilli(), member(a), mark).Err()
	if err != nil {
		return ix.fail(ctx, "watch idle conversation", err)
	}
	return nil
}

// idleForgotten records, once a's tombstone with mark is saved, that a
// was forgotten at mark, and removes a from the idle index: see
// idleForgotSrc. A failure is logged: the entry then stays until due,
// when the look finds no wait and drops it.
func (s *Store) idleForgotten(ctx context.Context, a bot.Address, mark int64) {
	err := idleForgotScript.Run(ctx, s.rdb, []string{s.idleShardOf(a), s.idleForgotKey(a)}, mark, forgotKeep.Milliseconds(), member(a)).Err()
	if err != nil {
		s.log.WarnContext(ctx, "forgotten conversation's idle entry not closed", "chat", a.Hash(), "err", err)
	}
}

// ClaimIdle implements bot.IdleIndex. It visits the shards one by one, from
// a different one each time, asking each for what the batch still lacks.
func (ix *Idle) ClaimIdle(ctx context.Context, now time.Time, lease time.Duration, max int) ([]bot.IdleClaim, error) {
	nowMS := now.UnixMilli()
	until := now.Add(lease).UnixMilli()
	tok := strconv.FormatInt(until, 10)
	first := int(ix.next.Add(1))
	var out []bot.IdleClaim
	for k := 0; k < IdleShards && len(out) < max; k++ {
		shard := ix.idleShardKey((first + k) % IdleShards)
		ms, err := leaseDue.Run(ctx, ix.rdb, []string{shard}, nowMS, until, max-len(out)).StringSlice()
		if err != nil && !errors.Is(err, redis.Nil) {
			return out, ix.fail(ctx, "claim idle conversations", err)
		}
		for _, m := range ms {
			a, ok := parseMember(m)
			if !ok {
				_ = ix.rdb.ZRem(ctx, shard, m).Err()
				continue
			}
			out = append(out, bot.IdleClaim{To: a, Token: tok})
		}
	}
	return out, nil
}

// releaseIdle: if member ARGV[1] of KEYS[1] still has score ARGV[2] (the
// claim's lease), ARGV[3] "" removes it, else it becomes its score.
var releaseIdle = redis.NewScript(`
local sc = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not sc or tonumber(sc) ~= tonumber(ARGV[2]) then return 0 end
if ARGV[3] == '' then return redis.call('ZREM', KEYS[1], ARGV[1]) end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
return 1`)

// ReleaseIdle implements bot.IdleIndex.
func (ix *Idle) ReleaseIdle(ctx context.Context, c bot.IdleClaim, at time.Time) error {
	next := ""
	if !at.IsZero() {
		next = strconv.FormatInt(at.UnixMilli(), 10)
	}
	if err := releaseIdle.Run(ctx, ix.rdb, []string{ix.idleShardOf(c.To)}, member(c.To), c.Token, next).Err(); err != nil {
		return ix.fail(ctx, "release idle conversation", err)
	}
	return nil
}
