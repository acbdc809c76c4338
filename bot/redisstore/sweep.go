package redisstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/carebot/carebot/bot"
)

// The sweep of a Redis Cluster's outbox index.
//
// The index is one key per hash slot (see outbox.go), so reading it all
// costs 16,384 commands. Read every second by every replica, as it once
// was (a quarter of it per sweep), that cost a replica about 4,096
// commands a second with nothing pending. Instead, a sorted set of slots,
// <prefix>:{sweep}:look, says which slots to read and when: a slot is
// read once its score (Unix ms) has come, and never otherwise.
//
//   - Writers add the slot of every index entry they write, scored by the
//     entry's own (the end of its lease; 0, at once, without one), keeping
//     the lower of two scores (ZADD LT). Not in the compare-and-set itself
//     (a script touches one slot only): each Store notes the slots of its
//     saves in memory and writes them all in one command (flushHints), at
//     most hintFlush after a save and at the start of each sweep.
//   - A sweep (Due) claims the slots whose time has come, moving them to
//     <prefix>:{sweep}:claimed for claimTTL so that replicas sweeping
//     together read each once; reads them; and puts each back scored by
//     its next entry to come due, or drops it when the slot is empty. A
//     writer that added the slot meanwhile keeps its own (lower) score,
//     and a claim whose sweeper died goes back once claimTTL passed.
//   - A replica that dies between a save and the flush of its slot leaves
//     an entry no slot score points at. So each sweeping Store says it is
//     alive in <prefix>:{sweep}:replicas when it starts (JoinSweep, before
//     its first turn) and at each sweep (its score: when it is presumed
//     dead, Config.SweeperAlive later, by Redis's clock, so that a replica
//     whose clock is off is neither dead at every sweep of the others nor
//     alive long after its death), and one sweeper that
//     finds a replica presumed dead reads every slot once (fullPass), as
//     it does the first time a cluster is swept (no <prefix>:{sweep}:init)
//     and every safetyPass: the slots found with entries get their score.
//     A Store that closes flushes and leaves the registry, so a replica
//     that stops costs no full read.
//
// An idle sweep is then one command (the claim script, which finds
// nothing), whatever the number of slots; a conversation with replies
// pending costs its slot about one read per lease, cluster-wide. The full
// read after a crash is the 16,384 commands of before, once per crash.

// Timing of the cluster sweep.
const (
	// hintFlush bounds how long a saved entry's slot waits in memory
	// before it is written to the look set.
	hintFlush = 100 * time.Millisecond
	// claimTTL is how long a claimed slot is left to its sweeper.
	claimTTL = 5 * time.Second
	// passTTL is how long a full read claimed for a dead replica is left
	// to its sweeper before another one does it.
	passTTL = 30 * time.Second
	// recheck: a slot whose due entries a sweep returned is read again
	// this long after, should the delivery not have taken them.
	recheck = 2 * time.Second
	// joinTimeout bounds JoinSweep at serve's start, as /readyz's store
	// check: about two I/O timeouts, sent once.
	joinTimeout = 2 * time.Second
	// DefaultSweeperAlive is Config.SweeperAlive's default: three missed
	// sweeps of a second.
	DefaultSweeperAlive = 3 * time.Second
	// safetyPass is how often one sweeper of the cluster reads the whole
	// index even though no replica died: for an entry whose slot was
	// never written to the look set (a process that saved it died within
	// hintFlush without sweeping, the look set lost in a failover, a
	// replica of an older carebot still running). About 27 commands a
	// second, cluster-wide, in bursts.
	safetyPass = 10 * time.Minute
	// fullPassBatch is how many slots one pipeline of a full read reads.
	fullPassBatch = 2048
)

// sweepKeys are the cluster sweep's keys, in one slot ({sweep}).
type sweepKeys struct {
	look, claimed, replicas, init string
}

func newSweepKeys(prefix string) sweepKeys {
	p := prefix + ":{sweep}:"
	return sweepKeys{look: p + "look", claimed: p + "claimed", replicas: p + "replicas", init: p + "init"}
}

// hints holds the slots of the index entries this Store saved and has
// not yet written to the look set: per slot, the lowest score + 1 (0:
// none).
type hints struct {
	slot      [clusterSlots]atomic.Int64
	pending   atomic.Bool // some slot is set
	scheduled atomic.Bool // a flush is due within hintFlush
}

// dueScore is the outbox index score of sess once saved (the end of its
// lease, 0 with none), -1 when its outbox is empty.
func dueScore(sess *bot.Session) int64 {
	if len(sess.Outbox) == 0 {
		return -1
	}
	return max(sess.Lease.Until.UnixMilli(), 0)
}

// noteSaved is called for each session saved, with tag t and its
// dueScore: on a cluster, an outbox entry's slot is noted for the sweep.
func (s *Store) noteSaved(t string, due int64) {
	if s.hints != nil && due >= 0 {
		s.noteDue(t, due)
	}
}

// noteDue records that the index entry of tag t, scored ms, was saved.
func (s *Store) noteDue(t string, ms int64) {
	h := &s.hints.slot[crc16(t)%clusterSlots]
	for {
		cur := h.Load()
		if cur != 0 && cur <= ms+1 {
			break
		}
		if h.CompareAndSwap(cur, ms+1) {
			break
		}
	}
	if !s.hints.pending.Load() {
		s.hints.pending.Store(true)
	}
	if !s.hints.scheduled.Load() && !s.hints.scheduled.Swap(true) {
		time.AfterFunc(hintFlush, func() {
			s.hints.scheduled.Store(false)
			if s.closed.Load() {
				return
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			if err := s.flushHints(ctx); err != nil {
				s.log.Warn("outbox index hints not written, kept for the next sweep", "err", err)
			}
		})
	}
}

// flushHints writes the slots noted since the last flush to the look set,
// in one command; on failure they are noted again.
func (s *Store) flushHints(ctx context.Context) error {
	if !s.hints.pending.Swap(false) {
		return nil
	}
	args := []any{"zadd", s.sweep.look, "lt"}
	var taken [][2]int64
	for i := range s.hints.slot {
		if s.hints.slot[i].Load() == 0 {
			continue
		}
		if v := s.hints.slot[i].Swap(0); v != 0 {
			args = append(args, v-1, i)
			taken = append(taken, [2]int64{int64(i), v - 1})
		}
	}
	if len(taken) == 0 {
		return nil
	}
	if err := s.rdb.Do(ctx, args...).Err(); err != nil {
		for _, st := range taken {
			s.noteDue(slotTags()[st[0]], st[1])
		}
		return s.fail(ctx, "write outbox index hints", err)
	}
	return nil
}

// redisNowLua sets rnow to Redis's clock in Unix ms: the registry of
// sweepers is scored by it, never by a replica's own clock.
const redisNowLua = `local t = redis.call('TIME')
local rnow = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`

// joinSrc says that a Store sweeps, SweeperAlive (ARGV[2], ms) from now by
// Redis's clock: KEYS replicas; ARGV id, alive.
const joinSrc = redisNowLua + `redis.call('ZADD', KEYS[1], rnow + tonumber(ARGV[2]), ARGV[1])
return 1`

var joinScript = redis.NewScript(joinSrc)

// claimSrc claims the slots of the look set whose time has come, says
// this Store is alive, sends back the claims of sweepers that died, and
// claims the full reads owed to replicas presumed dead (and the first one
// of all, and the safety read: the empty name, scored by the sweepers'
// clock). KEYS: look, claimed, replicas, init. ARGV: now, limit, id,
// alive (ms), claim until, pass until (of the safety read), pass TTL
// (ms). Replicas are scored by Redis's clock (redisNowLua). It returns the
// claimed slots, the replicas whose full read this sweeper now owes, and
// the score their claim set (a replica's; the safety read's is ARGV[6]);
// then the forgotten conversations noted in KEYS[5] since ARGV[8] (see
// forgot.go), in the same command.
var claimSrc = redisNowLua + `local now = ARGV[1]
redis.call('ZADD', KEYS[3], rnow + tonumber(ARGV[4]), ARGV[3])
if redis.call('SET', KEYS[4], '1', 'NX') then
  redis.call('ZADD', KEYS[3], 0, '')
end
local back = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)
for _, s in ipairs(back) do
  redis.call('ZREM', KEYS[2], s)
  redis.call('ZADD', KEYS[1], 'LT', now, s)
end
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, ARGV[2])
for _, s in ipairs(due) do
  redis.call('ZREM', KEYS[1], s)
  redis.call('ZADD', KEYS[2], ARGV[5], s)
end
local dead = {}
local safety = redis.call('ZSCORE', KEYS[3], '')
if safety and tonumber(safety) < tonumber(now) then
  redis.call('ZADD', KEYS[3], ARGV[6], '')
  dead[#dead + 1] = ''
end
local rpass = rnow + tonumber(ARGV[7])
for _, r in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', '(' .. rnow)) do
  if r ~= '' then
    redis.call('ZADD', KEYS[3], rpass, r)
    dead[#dead + 1] = r
  end
end
return {due, dead, string.format('%d', rpass), ` + forgotLua(5, 8) + `}`

var claimScript = redis.NewScript(claimSrc)

// settleSrc ends the claims of a sweep: KEYS look, claimed; ARGV pairs of
// a slot and its next score, or '-' when the slot is empty. A score a
// writer gave the slot meanwhile is kept if lower.
const settleSrc = `for i = 1, #ARGV, 2 do
  redis.call('ZREM', KEYS[2], ARGV[i])
  if ARGV[i+1] ~= '-' then
    redis.call('ZADD', KEYS[1], 'LT', ARGV[i+1], ARGV[i])
  end
end
return 1`

var settleScript = redis.NewScript(settleSrc)

// passDoneSrc records full reads done: KEYS look, replicas; ARGV the
// number of replicas n, when the next safety read is due, the replicas
// with the score their claim set (the pass-until score), then pairs of a
// slot and its lowest entry's score. A replica that came back (said it is
// alive since) stays; the empty name stands for the safety read, which
// comes back when its next one is due.
const passDoneSrc = `local n = tonumber(ARGV[1])
for i = 3, 2 + 2 * n, 2 do
  if redis.call('ZSCORE', KEYS[2], ARGV[i]) == ARGV[i+1] then
    if ARGV[i] == '' then
      redis.call('ZADD', KEYS[2], ARGV[2], '')
    else
      redis.call('ZREM', KEYS[2], ARGV[i])
    end
  end
end
for i = 3 + 2 * n, #ARGV, 2 do
  redis.call('ZADD', KEYS[1], 'LT', ARGV[i+1], ARGV[i])
end
return 1`

var passDoneScript = redis.NewScript(passDoneSrc)

// newSweeperID names this Store in the registry of sweeping replicas.
func newSweeperID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// dueCluster is Due on a cluster (see the top of this file).
func (s *Store) dueCluster(ctx context.Context, now time.Time, limit int) ([]bot.Address, error) {
	if err := s.flushHints(ctx); err != nil {
		return nil, err
	}
	s.swept.Store(true)
	nowMs := now.UnixMilli()
	ms := func(d time.Duration) string { return strconv.FormatInt(nowMs+d.Milliseconds(), 10) }
	passUntil := ms(passTTL)
	res, err := claimScript.Run(ctx, s.rdb,
		[]string{s.sweep.look, s.sweep.claimed, s.sweep.replicas, s.sweep.init, s.forgotKey()},
		nowMs, limit, s.sweeperID, s.sweeperAlive.Milliseconds(), ms(claimTTL), passUntil, passTTL.Milliseconds(), s.forgotFrom()).Slice()
	if err != nil {
		return nil, s.fail(ctx, "claim outbox index slots", err)
	}
	if len(res) != 4 {
		return nil, fmt.Errorf("claim outbox index slots: %d replies, want 4", len(res))
	}
	s.evictForgotten(res[3])
	slots, dead := replyStrings(res[0]), replyStrings(res[1])
	rpass, _ := res[2].(string)
	if len(dead) > 0 {
		// The slots just claimed are read after the full read: it leaves
		// them to that read.
		if err := s.fullPass(ctx, now, dead, passUntil, rpass, slots); err != nil {
			return nil, err
		}
	}
	if len(slots) == 0 {
		return nil, nil
	}
	tags := slotTags()
	rng := &redis.ZRangeBy{Min: "-inf", Max: "+inf", Count: int64(limit) + 1}
	cmds, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, sl := range slots {
			n, err := strconv.Atoi(sl)
			if err != nil || n < 0 || n >= clusterSlots {
				n = 0 // not written by carebot; read slot 0, harmless
			}
			p.ZRangeByScoreWithScores(ctx, s.prefix+":{"+tags[n]+"}:due", rng)
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, s.fail(ctx, "read outbox index", err)
	}
	var out []bot.Address
	settle := make([]any, 0, 2*len(slots))
	for i, c := range cmds {
		entries := c.(*redis.ZSliceCmd).Val()
		next := "-"
		took, left := false, false
		for j, z := range entries {
			if int64(z.Score) > nowMs {
				next = strconv.FormatInt(int64(z.Score), 10)
				break
			}
			m, _ := z.Member.(string)
			a, ok := parseMember(m)
			switch {
			case !ok:
			case len(out) < limit:
				out = append(out, a)
				took = true
			default:
				left = true
			}
			if j == len(entries)-1 && len(entries) > limit {
				left = true // more due entries than one read returns
			}
		}
		switch {
		case left:
			next = strconv.FormatInt(nowMs, 10)
		case took:
			// Read again should the delivery not take them (its save
			// gives the slot a later score in any case).
			if r := nowMs + recheck.Milliseconds(); next == "-" || r < mustInt(next) {
				next = strconv.FormatInt(r, 10)
			}
		}
		settle = append(settle, slots[i], next)
	}
	if err := settleScript.Run(ctx, s.rdb, []string{s.sweep.look, s.sweep.claimed}, settle...).Err(); err != nil {
		return nil, s.fail(ctx, "settle outbox index slots", err)
	}
	return out, nil
}

// fullPass reads every slot of the index once and scores the slots found
// with entries in the look set: the entries a replica that died saved
// but did not flush (or all of them, the first time), whose lease then
// ends with nobody to say so. dead are the replicas it is done for, whose
// claim scored them rpass (passUntil: the safety read, the empty name);
// claimed, the slots its caller claimed and reads next, are left out.
func (s *Store) fullPass(ctx context.Context, now time.Time, dead []string, passUntil, rpass string, claimed []string) error {
	s.log.InfoContext(ctx, "outbox index read whole", "replicas_gone", len(dead))
	tags := slotTags()
	skip := make(map[string]bool, len(claimed))
	for _, sl := range claimed {
		skip[sl] = true
	}
	found := []any{}
	for first := 0; first < clusterSlots; first += fullPassBatch {
		cmds, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for i := first; i < first+fullPassBatch && i < clusterSlots; i++ {
				p.ZRangeWithScores(ctx, s.prefix+":{"+tags[i]+"}:due", 0, 0)
			}
			return nil
		})
		if err != nil && !errors.Is(err, redis.Nil) {
			return s.fail(ctx, "read outbox index", err)
		}
		for i, c := range cmds {
			if skip[strconv.Itoa(first+i)] {
				continue
			}
			if z := c.(*redis.ZSliceCmd).Val(); len(z) > 0 {
				found = append(found, first+i, int64(z[0].Score))
			}
		}
	}
	args := []any{len(dead), now.Add(safetyPass).UnixMilli()}
	for _, r := range dead {
		if r == "" {
			args = append(args, r, passUntil)
		} else {
			args = append(args, r, rpass)
		}
	}
	args = append(args, found...)
	if err := passDoneScript.Run(ctx, s.rdb, []string{s.sweep.look, s.sweep.replicas}, args...).Err(); err != nil {
		return s.fail(ctx, "record outbox index read", err)
	}
	return nil
}

// JoinSweep says that this Store sweeps (Due) from now on: on a Redis
// Cluster it enters the registry of sweeping replicas at once, rather than
// at its first sweep, so that a replica killed before then (a second after
// it started, with turns saved) is seen to die and its entries found. A
// Store that does not sweep must not join: the others would take it for
// dead, and read the whole index, once its SweeperAlive ran out. For
// bot.SweepJoiner; a no-op on a single server.
//
// It waits at most joinTimeout and is never resent after a timeout: serve
// calls it before it serves, and a replica that could not join joins at
// its first sweep anyway, so a stalled Redis must not hold the start (the
// cluster client would otherwise resend it up to 8 times, about 8 s).
func (s *Store) JoinSweep(ctx context.Context) error {
	if !s.cluster {
		return nil
	}
	s.swept.Store(true) // Close takes it out of the registry
	ctx, cancel := context.WithTimeout(ctx, joinTimeout)
	defer cancel()
	run := func(name, body any) noRetryCmd {
		cmd := noRetryCmd{redis.NewCmd(ctx, name, body, 1, s.sweep.replicas, s.sweeperID, s.sweeperAlive.Milliseconds())}
		_ = s.rdb.Process(ctx, cmd)
		return cmd
	}
	cmd := run(argEvalsha, joinScript.Hash())
	if noScript(cmd.Err()) { // it did not run: sending it again is safe
		cmd = run(argEval, joinSrc)
	}
	if err := cmd.Err(); err != nil {
		return s.fail(ctx, "join the outbox sweepers", err)
	}
	return nil
}

// leaveSweep writes the hints still in memory and takes this Store out of
// the registry of sweeping replicas, so that its leaving costs no full
// read. For Close.
func (s *Store) leaveSweep(ctx context.Context) error {
	err := s.flushHints(ctx)
	if s.swept.Load() {
		err = errors.Join(err, s.rdb.ZRem(ctx, s.sweep.replicas, s.sweeperID).Err())
	}
	return err
}

// replyStrings returns a script's reply v as strings.
func replyStrings(v any) []string {
	l, _ := v.([]any)
	out := make([]string, 0, len(l))
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func mustInt(s string) int64 {
	n, _ := strconv.ParseInt(s, 10, 64)
	return n
}
