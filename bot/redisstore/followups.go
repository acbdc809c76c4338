package redisstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/carebot/carebot/bot"
)

// Follow-ups live in two places:
//
//   - <prefix>:{<tag>}:fu, a hash beside the conversation's session (same
//     hash tag, so /forget deletes it with the rest): d is the follow-up as
//     JSON, t the token of the claim holding it, n the claims so far;
//   - <prefix>:fu:{s<N>}, one of FollowUpShards sorted sets, member <tag>,
//     score the Unix ms it is due (or its claim's lease ends).
//
// A follow-up withdrawn by an operator gets x, the reason, and is made due
// at once: the next claim hands it out marked, to be dropped and counted.
//
// A claim is two scripts, each on one key (so it works on a Redis
// Cluster): the shard's script leases the due members by pushing their
// score to the end of the lease; the item's script records the holder's
// token. Done and Retry check the token, so a holder whose lease ran out
// cannot remove what another replica now holds.
const FollowUpShards = 16

// followUpKeep is how long a follow-up's hash outlives its due time: past
// any scheduler's MaxAge, so that an abandoned one still expires.
const followUpKeep = 31 * 24 * time.Hour

// FollowUps is the follow-up schedule of a Store (see Store.FollowUps).
type FollowUps struct {
	*Store
	next *atomic.Uint32 // the shard Claim starts at, turning
}

var _ bot.FollowUpStore = (*FollowUps)(nil)

// FollowUps returns the store's follow-up schedule; it shares the connections.
func (s *Store) FollowUps() *FollowUps { return &FollowUps{Store: s, next: &s.fuNext} }

func (s *Store) followUpKey(tag string) string { return s.prefix + ":{" + tag + "}:fu" }

func (s *Store) shardKey(i int) string { return s.prefix + ":fu:{s" + strconv.Itoa(i) + "}" }

// shardOf spreads conversations over the shards by their tag.
func (s *Store) shardOf(tag string) string {
	n, _ := strconv.ParseUint(tag[:4], 16, 32)
	return s.shardKey(int(n % FollowUpShards))
}

// Schedule implements bot.FollowUpStore.
func (s *FollowUps) Schedule(ctx context.Context, f bot.FollowUp) error {
	data, err := json.Marshal(f)
	if err != nil {
		return fmt.Errorf("schedule follow-up: %w", err)
	}
	tg := tag(f.To)
	key := s.followUpKey(tg)
	// The item first: a member whose item is missing is dropped by Claim.
	// Refused if the person said /forget at a later mark than the turn
	// that scheduled it (see tombstone.go).
	ok, err := scheduleItem.Run(ctx, s.rdb, []string{key, s.forgetMarkKey(tg)}, data, (max(time.Until(f.Due), 0) + followUpKeep).Milliseconds(), f.Mark).Int()
	if err != nil {
		return s.fail(ctx, "schedule follow-up", err)
	}
	if ok == 0 {
		s.log.DebugContext(ctx, "follow-up of a forgotten conversation not scheduled", "chat", f.To.Hash())
		return nil
	}
	if err := s.rdb.ZAdd(ctx, s.shardOf(tg), redis.Z{Score: float64(f.Due.UnixMilli()), Member: tg}).Err(); err != nil {
		return s.fail(ctx, "schedule follow-up", err)
	}
	return nil
}

// scheduleItem writes the follow-up item KEYS[1] (ARGV[1], expiring in
// ARGV[2] ms) unless the conversation was forgotten at a mark above
// ARGV[3] (KEYS[2], written with the tombstone), and returns 1 if it did.
var scheduleItem = redis.NewScript(`local f = redis.call('GET', KEYS[2])
if f and tonumber(f) > tonumber(ARGV[3]) then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'd', ARGV[1], 'n', 0)
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`)

// cancelItem deletes the follow-up KEYS[1] unless it was withdrawn (its
// scheduler counts it), and returns 1 if it did.
var cancelItem = redis.NewScript(`
if redis.call('HEXISTS', KEYS[1], 'x') == 1 then return 0 end
return redis.call('DEL', KEYS[1])`)

// Cancel implements bot.FollowUpStore.
func (s *FollowUps) Cancel(ctx context.Context, a bot.Address) (bool, error) {
	tg := tag(a)
	n, err := cancelItem.Run(ctx, s.rdb, []string{s.followUpKey(tg)}).Int()
	if err != nil {
		return false, s.fail(ctx, "cancel follow-up", err)
	}
	if n == 0 {
		return false, nil
	}
	if err := s.rdb.ZRem(ctx, s.shardOf(tg), tg).Err(); err != nil {
		return true, s.fail(ctx, "cancel follow-up", err)
	}
	return true, nil
}

// Forget implements bot.FollowUpStore: the item goes whatever its state;
// its shard member too, unless it is gone already (Claim drops a member
// whose item is missing).
func (s *FollowUps) Forget(ctx context.Context, a bot.Address) (bool, error) {
	tg := tag(a)
	n, err := s.rdb.Del(ctx, s.followUpKey(tg)).Result()
	if err != nil {
		return false, s.fail(ctx, "forget follow-up", err)
	}
	if err := s.rdb.ZRem(ctx, s.shardOf(tg), tg).Err(); err != nil {
		return n > 0, s.fail(ctx, "forget follow-up", err)
	}
	return n > 0, nil
}

// withdrawItem marks the follow-up KEYS[1] withdrawn for reason ARGV[1],
// unless it is gone or withdrawn already; it returns 1 if it did.
var withdrawItem = redis.NewScript(`
if redis.call('HEXISTS', KEYS[1], 'd') == 0 or redis.call('HEXISTS', KEYS[1], 'x') == 1 then return 0 end
redis.call('HSET', KEYS[1], 'x', ARGV[1])
return 1`)

// Withdraw implements bot.FollowUpStore: the item is marked, then made due
// at once, so that the next look of any scheduler drops and counts it.
func (s *FollowUps) Withdraw(ctx context.Context, a bot.Address, reason string) (bool, error) {
	tg := tag(a)
	n, err := withdrawItem.Run(ctx, s.rdb, []string{s.followUpKey(tg)}, reason).Int()
	if err != nil {
		return false, s.fail(ctx, "withdraw follow-up", err)
	}
	if n == 0 {
		return false, nil
	}
	if err := s.rdb.ZAdd(ctx, s.shardOf(tg), redis.Z{Score: 0, Member: tg}).Err(); err != nil {
		return true, s.fail(ctx, "withdraw follow-up", err)
	}
	return true, nil
}

// leaseDue leases up to ARGV[3] members of the shard KEYS[1] due at
// ARGV[1] (Unix ms) until ARGV[2].
var leaseDue = redis.NewScript(`
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], 'XX', ARGV[2], id) end
return ids`)

// holdItem records ARGV[1] as the holder of the follow-up KEYS[1] and
// returns its data, claim count and withdrawal reason ("" if none), or nil
// when it is gone.
var holdItem = redis.NewScript(`
local d = redis.call('HGET', KEYS[1], 'd')
if not d then return false end
redis.call('HSET', KEYS[1], 't', ARGV[1])
return {d, redis.call('HINCRBY', KEYS[1], 'n', 1), redis.call('HGET', KEYS[1], 'x') or ''}`)

// remIfScore removes member ARGV[1] of KEYS[1] if its score is still ARGV[2].
var remIfScore = redis.NewScript(`
local sc = redis.call('ZSCORE', KEYS[1], ARGV[1])
if sc and tonumber(sc) == tonumber(ARGV[2]) then return redis.call('ZREM', KEYS[1], ARGV[1]) end
return 0`)

// releaseItem: if KEYS[1] is held by ARGV[1], ARGV[2] "done" deletes it,
// "retry" clears the holder; it returns 1 if so.
var releaseItem = redis.NewScript(`
if redis.call('HGET', KEYS[1], 't') ~= ARGV[1] then return 0 end
if ARGV[2] == 'done' then redis.call('DEL', KEYS[1]) else redis.call('HDEL', KEYS[1], 't') end
return 1`)

// Claim implements bot.FollowUpStore. It visits the shards one by one,
// from a different one each time so that none is always last, asking each
// for what the batch still lacks: nothing is leased only to be given back.
func (s *FollowUps) Claim(ctx context.Context, now time.Time, lease time.Duration, max int) ([]bot.FollowUpClaim, error) {
	nowMS := now.UnixMilli()
	until := now.Add(lease).UnixMilli()
	first := int(s.next.Add(1))
	var out []bot.FollowUpClaim
	for k := 0; k < FollowUpShards && len(out) < max; k++ {
		shard := s.shardKey((first + k) % FollowUpShards)
		tags, err := leaseDue.Run(ctx, s.rdb, []string{shard}, nowMS, until, max-len(out)).StringSlice()
		if err != nil && !errors.Is(err, redis.Nil) {
			return out, s.fail(ctx, "claim follow-ups", err)
		}
		for _, tg := range tags {
			tok := newToken()
			res, err := holdItem.Run(ctx, s.rdb, []string{s.followUpKey(tg)}, tok).Slice()
			if errors.Is(err, redis.Nil) {
				// Cancelled or forgotten meanwhile: drop the member, unless rescheduled.
				_ = remIfScore.Run(ctx, s.rdb, []string{shard}, tg, until).Err()
				continue
			}
			if err != nil || len(res) != 3 {
				return out, s.fail(ctx, "hold follow-up", err)
			}
			var f bot.FollowUp
			d, _ := res[0].(string)
			if err := json.Unmarshal([]byte(d), &f); err != nil {
				s.log.Warn("follow-up unreadable, dropped", "err", err)
				_ = s.rdb.Del(ctx, s.followUpKey(tg)).Err()
				continue
			}
			n, _ := res[1].(int64)
			x, _ := res[2].(string)
			out = append(out, bot.FollowUpClaim{FollowUp: f, Token: tok, Attempts: int(n), Cancelled: x})
		}
	}
	return out, nil
}

// Done implements bot.FollowUpStore.
func (s *FollowUps) Done(ctx context.Context, c bot.FollowUpClaim) error {
	tg := tag(c.To)
	ok, err := releaseItem.Run(ctx, s.rdb, []string{s.followUpKey(tg)}, c.Token, "done").Int()
	if err != nil {
		return s.fail(ctx, "follow-up done", err)
	}
	if ok == 1 {
		if err := s.rdb.ZRem(ctx, s.shardOf(tg), tg).Err(); err != nil {
			return s.fail(ctx, "follow-up done", err)
		}
	}
	return nil
}

// Retry implements bot.FollowUpStore.
func (s *FollowUps) Retry(ctx context.Context, c bot.FollowUpClaim, at time.Time) error {
	tg := tag(c.To)
	ok, err := releaseItem.Run(ctx, s.rdb, []string{s.followUpKey(tg)}, c.Token, "retry").Int()
	if err != nil {
		return s.fail(ctx, "retry follow-up", err)
	}
	if ok == 1 {
		if err := s.rdb.ZAdd(ctx, s.shardOf(tg), redis.Z{Score: float64(at.UnixMilli()), Member: tg}).Err(); err != nil {
			return s.fail(ctx, "retry follow-up", err)
		}
	}
	return nil
}

// List implements bot.FollowUpStore.
func (s *FollowUps) List(ctx context.Context, max int) ([]bot.FollowUp, error) {
	var out []bot.FollowUp
	for i := range FollowUpShards {
		zs, err := s.rdb.ZRangeWithScores(ctx, s.shardKey(i), 0, int64(max)-1).Result()
		if err != nil {
			return nil, s.fail(ctx, "list follow-ups", err)
		}
		for _, z := range zs {
			tg, _ := z.Member.(string)
			v, err := s.rdb.HMGet(ctx, s.followUpKey(tg), "d", "x").Result()
			if err != nil {
				return nil, s.fail(ctx, "list follow-ups", err)
			}
			d, _ := v[0].(string)
			if d == "" || v[1] != nil {
				continue // gone, or withdrawn
			}
			var f bot.FollowUp
			if json.Unmarshal([]byte(d), &f) != nil {
				continue
			}
			f.Due = time.UnixMilli(int64(z.Score))
			out = append(out, f)
		}
	}
	slices.SortFunc(out, func(a, b bot.FollowUp) int { return a.Due.Compare(b.Due) })
	if len(out) > max {
		out = out[:max]
	}
	return out, nil
}

func newToken() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
