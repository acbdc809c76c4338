package redisstore

import (
	"context"
	"fmt"
	"strconv"

	"github.com/redis/go-redis/v9"

	"github.com/carebot/carebot/bot"
)

var _ bot.EachUpdater = (*Store)(nil)

// UpdateEach implements bot.EachUpdater: the updates of the conversations
// this Store saved last (warm, see warm.go) are written as one pipeline of
// compare-and-sets, in one round trip (one per master on a cluster) from
// the caller's goroutine, rather than one Update each through the turn
// batcher. The rest (a cold session, one fn declines, a lost race, a
// script Redis lost) go through Update, one after the other, which reads
// and retries as it always does. The pipeline is its own (a connection
// of go-redis's pool), not the turn path's: a Deliverer's flush of
// pending marks, which this serves, never waits for turns, nor they for
// it.
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
	}
	var (
		writes []write
		slow   []int // through Update
	)
	now := s.now()
	for i, a := range as {
		key, t := s.sessionKeyTag(a)
		raw, warm := s.warm.get(key, now)
		if !warm {
			slow = append(slow, i)
			continue
		}
		var sess bot.Session
		ver, err := decodeSession(raw, &sess)
		if err != nil {
			slow = append(slow, i) // Update logs it and starts afresh
			continue
		}
		had := len(sess.Outbox) > 0
		if err := fn(i, &sess); err != nil {
			// Declined on what this replica saved last: Update decides
			// on the current session.
			slow = append(slow, i)
			continue
		}
		sess.Version = versionOf(ver) + 1
		buf := encodeBufs.Get().(*[]byte)
		*buf = appendSession((*buf)[:0], &sess, genOf(ver))
		mem, score := indexArgs(a, &sess, had)
		writes = append(writes, write{i: i, key: key, buf: buf, c: s.casCmd(ctx, key, ver, *buf, s.dueKey(t), mem, score)})
	}
	if len(writes) > 0 {
		// Pipelined returns once every reply is in (or failed): nothing
		// refers to the commands or their buffers after it.
		_, _ = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			for _, w := range writes {
				_ = p.Process(ctx, noRetryCmd{&w.c.cmd})
			}
			return nil
		})
	}
	for _, w := range writes {
		v, err := w.c.cmd.Result()
		saved, _ := v.(int64)
		switch {
		case err == nil && saved == 1:
			if s.warm != nil {
				s.warm.put(w.key, string(*w.buf), s.now())
			}
		case err != nil && !noScript(err):
			// Whether it ran is unknown (a network error): as Update,
			// never resent.
			s.warm.drop(w.key)
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
	for _, i := range slow {
		errs[i] = s.Update(ctx, as[i], func(sess *bot.Session) error { return fn(i, sess) })
	}
	return errs
}

// indexArgs returns the outbox index arguments of a compare-and-set (see
// casSrc) saving sess, whose outbox was not empty before if had.
func indexArgs(a bot.Address, sess *bot.Session, had bool) (mem, score string) {
	switch {
	case len(sess.Outbox) > 0:
		return member(a), strconv.FormatInt(max(sess.Lease.Until.UnixMilli(), 0), 10)
	case had:
		return member(a), argRemove
	}
	return argNone, argNone
}
