package redisstore

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/bot/storetest"
)

// lostReplyHook lets the compare-and-set scripts run on Redis, then, while
// armed, makes the client see a read timeout instead of their reply: the
// write happened, its answer was lost (a network blip, a failover, a slow
// fork), which Update and UpdateEach treat as "whether it ran is unknown".
type lostReplyHook struct{ armed atomic.Bool }

var errLostReply = &os.PathError{Op: "read", Path: "tcp", Err: os.ErrDeadlineExceeded}

func (h *lostReplyHook) lose(cmds ...redis.Cmder) error {
	if !h.armed.Load() {
		return nil
	}
	var lost error
	for _, c := range cmds {
		if name := strings.ToLower(c.Name()); name == "evalsha" || name == "eval" {
			c.SetErr(errLostReply)
			lost = errLostReply
		}
	}
	return lost
}

func (h *lostReplyHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h *lostReplyHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if err := next(ctx, cmd); err != nil {
			return err
		}
		return h.lose(cmd)
	}
}

func (h *lostReplyHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if err := next(ctx, cmds); err != nil {
			return err
		}
		return h.lose(cmds...)
	}
}

// TestClusterSweepAfterLostReply: on a Redis Cluster, a save whose
// compare-and-set ran but whose reply was lost (a read timeout: "whether
// it ran is unknown") still notes a hint for its slot: its replica is
// alive, so no death would reveal the outbox it left, and without the
// hint only the 10-minute safety read would sweep it. A sweep a minute
// later (lease long over) must find it. (Review s7, D1: it did not.)
func TestClusterSweepAfterLostReply(t *testing.T) {
	t.Parallel()
	c := redistest.StartClusterN(t, 3)
	cfg := Config{URL: c.URL(), Prefix: "lost", SweeperAlive: time.Hour}
	w, sweeper := newStore(t, cfg), newStore(t, cfg)
	h := &lostReplyHook{}
	w.rdb.AddHook(h)
	now := time.Now()
	dueOf(t, sweeper, now) // the first whole read of the cluster
	dueOf(t, w, now)       // w sweeps too: a live, registered replica
	wait.Until(t, "the first whole read done", func() bool {
		next, err := sweeper.rdb.ZScore(t.Context(), sweeper.sweep.replicas, "").Result()
		must(t, err)
		return int64(next) >= now.Add(safetyPass).UnixMilli()
	})

	queue := func(sess *bot.Session) error {
		bot.Queue(sess, []bot.Reply{{Text: "hello"}}, now)
		bot.TakeLease(sess, "w/1", now, 15*time.Second)
		return nil
	}
	for _, tt := range []struct {
		name string
		warm bool // w saved it last: UpdateEach sends it in its own pipeline, not through Update
		save func(a bot.Address) error
	}{
		{"Update", false, func(a bot.Address) error { return w.Update(t.Context(), a, queue) }},
		{"UpdateEach", true, func(a bot.Address) error {
			return w.UpdateEach(t.Context(), []bot.Address{a}, func(_ int, sess *bot.Session) error { return queue(sess) })[0]
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := bot.Address{Platform: "p", Chat: "lost-reply-" + tt.name, User: "u"}
			if tt.warm {
				must(t, w.Update(t.Context(), a, func(*bot.Session) error { return nil }))
			}
			h.armed.Store(true)
			err := tt.save(a)
			h.armed.Store(false)
			if !errors.Is(err, bot.ErrUnavailable) {
				t.Fatalf("%s with its reply lost: %v, want ErrUnavailable", tt.name, err)
			}
			if got := storetest.Load(t, sweeper, a); len(got.Outbox) != 1 {
				t.Fatalf("the save did not run (outbox %v): the test shows nothing", got.Outbox)
			}
			must(t, w.flushHints(t.Context())) // whatever w noted is written

			later := now.Add(time.Minute) // the lease ended 45 s ago; the safety read is 9 minutes off
			var found []bot.Address
			for range 4 * bot.DueCalls {
				found = append(found, dueOf(t, sweeper, later)...)
				found = append(found, dueOf(t, w, later)...)
			}
			if !slices.Contains(found, a) {
				t.Errorf("a minute on, sweeps found %v: the outbox of a save whose reply was lost is not swept (until the safety read, %v)", found, safetyPass)
			}
		})
	}
}
