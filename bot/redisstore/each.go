package redisstore

import (
	"context"
	"fmt"
	"sync"
	"unsafe"

	"github.com/redis/go-redis/v9"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/internal/sessioncodec"
)

var _ bot.EachUpdater = (*Store)(nil)

// UpdateEach implements bot.EachUpdater: the updates of the conversations
// this Store saved last (warm, see warm.go) are written as compare-and-sets
// from the caller's goroutine, maxEachPerBatch at a time (see
// maxEachPerBatch): each chunk is decoded, updated and encoded, then sent
// in a batch that shares its round trip with the turns in flight, rather
// than one Update each from as many goroutines. Those sessions are decoded
// one after the other into the same memory, as EachUpdater allows. The
// rest (a cold session, one fn declines, a lost race, a script Redis lost)
// go through Update, which reads and retries as it always does:
// concurrently, so fn(i, ·) may run while fn(j, ·) does.
func (s *Store) UpdateEach(ctx context.Context, as []bot.Address, fn func(i int, sess *bot.Session) error) []error {
	errs := make([]error, len(as))
	if err := ctx.Err(); err != nil {
		for i := range errs {
			errs[i] = fmt.Errorf("update session: %w", err)
		}
		return errs
	}
	per := s.eachPerBatch
	if s.clusterRDB != nil || per <= 0 {
		per = len(as) // a cluster: one pipeline of its own, split by master (see sendEach)
	}
	var slow []int // through Update
	for lo := 0; lo < len(as); lo += per {
		hi := min(len(as), lo+per)
		var err error
		if slow, err = s.eachChunk(ctx, as, lo, hi, fn, errs, slow); err != nil {
			// Given up waiting (ctx): the chunks after this one are
			// never tried, and neither is Update.
			for i := hi; i < len(as); i++ {
				errs[i] = s.fail(ctx, "update session", err)
			}
			for _, i := range slow {
				errs[i] = s.fail(ctx, "update session", err)
			}
			return errs
		}
	}
	// Concurrently, so that they share the turn batcher's round trips (a
	// restarted Redis has lost the script for all of them at once).
	var wg sync.WaitGroup
	for _, i := range slow {
		wg.Go(func() {
			errs[i] = s.Update(ctx, as[i], func(sess *bot.Session) error { return fn(i, sess) })
		})
	}
	wg.Wait()
	return errs
}

// eachChunk is UpdateEach for as[lo:hi], sent in one batch: it sets the
// errors of those written, and returns slow with those left to Update
// appended. It returns ctx's error if it gave up waiting for the batch
// (see send); the errors of the batch's writes are then set.
func (s *Store) eachChunk(ctx context.Context, as []bot.Address, lo, hi int, fn func(i int, sess *bot.Session) error, errs []error, slow []int) ([]int, error) {
	type write struct {
		i   int
		key string
		buf *[]byte
		c   *casArgs
		t   string // the tag, and due the outbox's score (-1: empty), for noteSaved
		due int64
	}
	writes := make([]write, 0, hi-lo)
	now := s.now()
	// Each warm session is copied into sc.raw and decoded into sc.sess,
	// both reused from one conversation to the next (fn keeps nothing of
	// them, see bot.EachUpdater): a mark allocates no session, no history
	// and no copy of the stored value (see warm).
	sc := eachScratches.Get().(*eachScratch)
	sess := &sc.sess
	for i := lo; i < hi; i++ {
		a := as[i]
		key, t := s.sessionKeyTag(a)
		raw, warm := s.warm.getInto(key, now, sc.raw)
		sc.raw = raw
		if !warm {
			slow = append(slow, i)
			continue
		}
		ver, err := decodeSessionWith(unsafe.String(unsafe.SliceData(raw), len(raw)), sess, sessioncodec.DecodeReusing)
		if err != nil {
			slow = append(slow, i) // Update logs it and starts afresh
			continue
		}
		had := len(sess.Outbox) > 0
		if err := fn(i, sess); err != nil || sess.Forgotten {
			// Declined on what this replica saved last: Update decides
			// on the current session. A tombstone, rare, is saved or
			// deleted there too (see tombstone.go).
			slow = append(slow, i)
			continue
		}
		sess.Version = versionOf(ver) + 1
		buf := encodeBufs.Get().(*[]byte)
		*buf = appendSession((*buf)[:0], sess, genOf(ver))
		// casCmd copies ver, which aliases sc.raw.
		writes = append(writes, write{i: i, key: key, buf: buf, c: s.casCmd(ctx, key, ver, *buf, s.dueKey(t), indexArgs(a, sess, had)), t: t, due: dueScore(sess)})
	}
	// Back to the pool before the round trip: nothing refers to it now
	// (casCmd copied the versions), and marks waiting on the batch in
	// flight would each hold one otherwise.
	if cap(sc.raw) > maxPooledBuf {
		sc.raw = nil
	}
	eachScratches.Put(sc)
	if len(writes) == 0 {
		return slow, nil
	}
	cmds := make([]redis.Cmder, len(writes))
	for i, w := range writes {
		cmds[i] = noRetryCmd{&w.c.cmd}
	}
	if err := s.sendEach(ctx, writes[0].key, cmds); err != nil {
		// Given up waiting (ctx): the batch may still write them, so
		// their arguments and buffers stay theirs; whether they ran is
		// unknown, as after a network error, so their slots are noted
		// for the sweep all the same (see Update).
		for _, w := range writes {
			s.warm.drop(w.key)
			s.noteSaved(w.t, w.due)
			errs[w.i] = s.fail(ctx, "save session", err)
		}
		return slow, err
	}
	for _, w := range writes {
		v, err := w.c.cmd.Result()
		saved, _ := v.(int64)
		switch {
		case err == nil && saved == 1:
			s.noteSaved(w.t, w.due)
			if s.warm != nil {
				s.warm.put(w.key, *w.buf, s.now())
			}
		case err != nil && !noScript(err):
			// Whether it ran is unknown (a network error): as Update,
			// never resent, and its slot noted for the sweep.
			s.warm.drop(w.key)
			s.noteSaved(w.t, w.due)
			errs[w.i] = s.fail(ctx, "save session", err)
		default:
			// Lost a race, or Redis lost the script: Update runs it again
			// (EVAL, or on the current session).
			s.warm.drop(w.key)
			slow = append(slow, w.i)
		}
		*w.c = casArgs{}
		casArgsPool.Put(w.c)
		if cap(*w.buf) <= maxPooledBuf {
			encodeBufs.Put(w.buf)
		}
	}
	return slow, nil
}

// eachScratch is what UpdateEach decodes each warm session into: a copy
// of the stored value, and the session, whose slices and map
// sessioncodec.DecodeReusing reuses.
type eachScratch struct {
	raw  []byte
	sess bot.Session
}

var eachScratches = sync.Pool{New: func() any { return new(eachScratch) }}

// maxEachPerBatch is how many of UpdateEach's commands go in one batch of
// the turn batcher. Redis runs a batch's commands one after the other and
// its replies come back together, so every turn in a batch, and every
// turn queued behind it, waits for all of its marks: a Deliverer's flush
// at 10,000 turns/s holds about 60 (one fire every Flush/4), about 1 ms
// of Redis's time at 13-16 µs a compare-and-set, where a turn's own round
// trip takes 0.1-0.3 ms. In chunks of 16 a turn waits for at most about
// 0.25 ms of marks, and a busy batcher carries the chunks in batches it
// sends anyway (see BenchmarkTurnBehindMarks for the figures). Each chunk
// is decoded and encoded just before it is sent, so the flush's goroutine
// also holds a core for 16 sessions' work at a time, not for 60, before
// it waits for a round trip (on 2 cores, the turns' other half).
const maxEachPerBatch = 16

// sendEach sends cmds, a chunk of UpdateEach's commands, each on a key of
// its own: on a single server (or Sentinel's master) through the turn
// batcher, in one batch that shares its round trip with the turns queued
// meanwhile; on a cluster as one pipeline of its own, which go-redis
// splits by master (one write to each). It returns ctx's error if it gave
// up waiting (see send).
func (s *Store) sendEach(ctx context.Context, key string, cmds []redis.Cmder) error {
	if s.clusterRDB == nil {
		return s.turn.sendAll(ctx, cmds[0], cmds[1:])
	}
	// Pipelined returns once every reply is in (or failed).
	_, _ = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, c := range cmds {
			_ = p.Process(ctx, c)
		}
		return nil
	})
	return nil
}

// indexArg is how a compare-and-set updates the outbox index (see casSrc):
// not at all, by removing a's member, or by setting its score. casCmd
// writes the member and the score into the command's own arguments.
type indexArg struct {
	op    indexOp
	a     bot.Address
	score int64
}

type indexOp int8

const (
	indexLeave indexOp = iota
	indexRemove
	indexSet
)

// indexArgs returns the outbox index argument of a compare-and-set saving
// sess at a, whose outbox was not empty before if had.
func indexArgs(a bot.Address, sess *bot.Session, had bool) indexArg {
	switch {
	case len(sess.Outbox) > 0:
		return indexArg{op: indexSet, a: a, score: max(sess.Lease.Until.UnixMilli(), 0)}
	case had:
		return indexArg{op: indexRemove, a: a}
	}
	return indexArg{}
}
