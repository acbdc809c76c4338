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
// from the caller's goroutine (see sendEach), in batches of up to
// maxEachPerBatch that share their round trips with the turns in flight,
// rather than one Update each from as many goroutines. Those sessions are decoded one after the other
// into the same memory, as EachUpdater allows. The rest (a cold session, one fn declines, a
// lost race, a script Redis lost) go through Update, which reads and
// retries as it always does: concurrently, so fn(i, ·) may run while
// fn(j, ·) does.
func (s *Store) UpdateEach(ctx context.Context, as []bot.Address, fn func(i int, sess *bot.Session) error) []error {
	errs := make([]error, len(as))
	if err := ctx.Err(); err != nil {
		for i := range errs {
			errs[i] = fmt.Errorf("update session: %w", err)
		}
		return errs
	}
	type write struct {
		i   int
		key string
		buf *[]byte
		c   *casArgs
		t   string // the tag, and due the outbox's score (-1: empty), for noteSaved
		due int64
	}
	var (
		writes []write
		slow   []int // through Update
	)
	now := s.now()
	// Each warm session is copied into sc.raw and decoded into sc.sess,
	// both reused from one conversation to the next (fn keeps nothing of
	// them, see bot.EachUpdater): a mark allocates no session, no history
	// and no copy of the stored value (see warm).
	sc := eachScratches.Get().(*eachScratch)
	sess := &sc.sess
	for i, a := range as {
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
	var sendErr error
	if len(writes) > 0 {
		cmds := make([]redis.Cmder, len(writes))
		for i, w := range writes {
			cmds[i] = noRetryCmd{&w.c.cmd}
		}
		var sent int
		if sent, sendErr = s.sendEach(ctx, writes[0].key, cmds); sendErr != nil {
			// Given up waiting (ctx): the batch in flight may still write
			// the rest, so their arguments and buffers stay theirs;
			// whether they ran is unknown, as after a network error, so
			// their slots are noted for the sweep all the same (see
			// Update). Those never tried get ctx's error too, never nil.
			// The chunks that came back are read below.
			for _, w := range writes[sent:] {
				s.warm.drop(w.key)
				s.noteSaved(w.t, w.due)
				errs[w.i] = s.fail(ctx, "save session", sendErr)
			}
			writes = writes[:sent]
		}
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
	if sendErr != nil {
		for _, i := range slow {
			errs[i] = s.fail(ctx, "update session", sendErr)
		}
		return errs
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
// sends anyway (see BenchmarkTurnBehindMarks for the figures).
const maxEachPerBatch = 16

// sendEach sends cmds, the commands of UpdateEach, each on a key of its
// own: on a single server (or Sentinel's master) through the turn batcher,
// in batches of at most maxEachPerBatch, one after the other, each sharing
// its round trip with the turns queued meanwhile; on a cluster as one
// pipeline of its own, which go-redis splits by master (one write to
// each). It returns how many of cmds have their replies (or errors), and
// ctx's error if it gave up waiting (see send): the chunk then in flight
// may still run, and the chunks after it are never sent.
func (s *Store) sendEach(ctx context.Context, key string, cmds []redis.Cmder) (sent int, err error) {
	if s.clusterRDB == nil {
		for sent < len(cmds) {
			n := min(len(cmds)-sent, s.eachPerBatch)
			if err := s.turn.sendAll(ctx, cmds[sent], cmds[sent+1:sent+n]); err != nil {
				return sent, err
			}
			sent += n
		}
		return sent, nil
	}
	// Pipelined returns once every reply is in (or failed).
	_, _ = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, c := range cmds {
			_ = p.Process(ctx, c)
		}
		return nil
	})
	return len(cmds), nil
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
