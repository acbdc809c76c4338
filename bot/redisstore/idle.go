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

// Watch implements bot.IdleIndex: one ZADD.
func (ix *Idle) Watch(ctx context.Context, a bot.Address, at time.Time) error {
	if err := ix.rdb.ZAdd(ctx, ix.idleShardOf(a), redis.Z{Score: float64(at.UnixMilli()), Member: member(a)}).Err(); err != nil {
		return ix.fail(ctx, "watch idle conversation", err)
	}
	return nil
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
