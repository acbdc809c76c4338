package redisstore

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/bot/storetest"
)

// TestUpdateEachRoundTrips: UpdateEach writes the updates of the
// conversations this replica saved last in one round trip per
// maxEachPerBatch of them (a Deliverer's flush of pending marks; an
// Update each took a round trip each, or a few shared batches when
// concurrent), and leaves every session as Update would, the outbox index
// included.
func TestUpdateEachRoundTrips(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	s := newStore(t, Config{URL: url})
	ctx := t.Context()
	const n = 40
	as := make([]bot.Address, n)
	for i := range as {
		as[i] = bot.Address{Platform: "fake", Chat: "c" + strconv.Itoa(i), User: "u"}
		// A turn that queues a reply, leased: the index holds it.
		must(t, s.Update(ctx, as[i], func(sess *bot.Session) error {
			bot.Queue(sess, []bot.Reply{{Text: "hi"}}, sess.Updated)
			bot.TakeLease(sess, "one", s.now(), bot.DefaultLease)
			return incr(sess)
		}))
	}
	rdb := plainClient(t, url)
	if got := rdb.ZCard(ctx, s.due).Val(); got != n {
		t.Fatalf("outbox index holds %d conversations before, want %d", got, n)
	}
	// The marks: delivered, lease given up, out of the index.
	mark := func(_ int, sess *bot.Session) error {
		bot.Delivered(sess, sess.OutSeq, "one", s.now(), bot.DefaultLease)
		return incr(sess)
	}
	must(t, errors.Join(s.UpdateEach(ctx, as[:2], mark)...)) // a connection for pipelines, dialled once
	before := s.RoundTrips()
	must(t, errors.Join(s.UpdateEach(ctx, as[2:], mark)...))
	want := int64((n - 2 + maxEachPerBatch - 1) / maxEachPerBatch)
	if got := s.RoundTrips() - before; got != want {
		t.Errorf("UpdateEach of %d warm conversations took %d round trips, want %d", n-2, got, want)
	}
	for _, a := range as {
		got := storetest.Load(t, s, a)
		if got.Slots["n"] != "2" || len(got.Outbox) != 0 || got.Lease != (bot.Lease{}) {
			t.Errorf("%s: counter %q, outbox %v, lease %+v; want 2, none, none", a.Chat, got.Slots["n"], got.Outbox, got.Lease)
		}
	}
	if got := rdb.ZCard(ctx, s.due).Val(); got != 0 {
		t.Errorf("outbox index holds %d conversations after the marks, want none", got)
	}
}

// TestUpdateEachFallsBack: what UpdateEach cannot write from what this
// replica saved last goes through Update, so that each conversation ends
// as after an Update: a session another replica saved since (a lost
// race), one this replica never saw (cold), one gone, and fn's own error.
// A network error reaches only the conversations of the failed write.
func TestUpdateEachFallsBack(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	r1 := newStore(t, Config{URL: url})
	r2 := newStore(t, Config{URL: url, Prefix: r1.prefix})
	ctx := t.Context()
	addr := func(chat string) bot.Address { return bot.Address{Platform: "fake", Chat: chat, User: "u"} }
	warm, raced, cold, gone, declined := addr("warm"), addr("raced"), addr("cold"), addr("gone"), addr("declined")
	for _, a := range []bot.Address{warm, raced, gone, declined} {
		must(t, r1.Update(ctx, a, incr))
	}
	must(t, r2.Update(ctx, raced, incr)) // r1's copy is stale now
	must(t, r2.Update(ctx, cold, incr))  // r1 never saw it
	must(t, r2.Delete(ctx, gone))
	errNo := errors.New("no")
	as := []bot.Address{warm, raced, cold, gone, declined}
	runs := make([]int, len(as))
	errs := r1.UpdateEach(ctx, as, func(i int, sess *bot.Session) error {
		runs[i]++
		if as[i] == declined {
			return errNo
		}
		if as[i] == gone && sess.Version == 0 {
			return errNo // as a mark does: nothing to mark
		}
		return incr(sess)
	})
	for i, want := range []error{nil, nil, nil, errNo, errNo} {
		if !errors.Is(errs[i], want) || (want == nil) != (errs[i] == nil) {
			t.Errorf("%s: error %v, want %v", as[i].Chat, errs[i], want)
		}
	}
	for a, want := range map[bot.Address]string{warm: "2", raced: "3", cold: "2", declined: "1"} {
		if got := storetest.Load(t, r2, a).Slots["n"]; got != want {
			t.Errorf("%s: counter %q, want %s", a.Chat, got, want)
		}
	}
	if sess := storetest.Load(t, r2, gone); sess.Version != 0 {
		t.Errorf("gone: a session came back (version %d)", sess.Version)
	}
	if runs[0] != 1 {
		t.Errorf("warm: fn ran %d times, want once", runs[0])
	}

	// Redis gone: every write fails, none is resent.
	down := newStore(t, Config{URL: "redis://127.0.0.1:1/0", MaxRetries: 0})
	down.warm.put(down.sessionKey(warm), appendSession(nil, &bot.Session{Version: 1}, genOf("")), down.now())
	for i, err := range down.UpdateEach(ctx, []bot.Address{warm, cold}, func(int, *bot.Session) error { return nil }) {
		if !errors.Is(err, bot.ErrUnavailable) {
			t.Errorf("Redis down, conversation %d: error %v, want ErrUnavailable", i, err)
		}
	}
}

// TestUpdateEachCluster: on a real three-master Redis Cluster, one
// UpdateEach reaches every master (go-redis splits the pipeline by node),
// and each conversation's outbox index entry, in its own slot's key,
// follows its session.
func TestUpdateEachCluster(t *testing.T) {
	t.Parallel()
	c := redistest.StartClusterN(t, 3)
	s := newStore(t, Config{URL: c.URL()})
	ctx := t.Context()
	var as []bot.Address
	for i := range 30 {
		a := bot.Address{Platform: "fake", Chat: fmt.Sprint("c", i), User: "u"}
		as = append(as, a)
		must(t, s.Update(ctx, a, func(sess *bot.Session) error {
			bot.Queue(sess, []bot.Reply{{Text: "hi"}}, sess.Updated)
			bot.TakeLease(sess, "one", s.now(), bot.DefaultLease)
			return nil
		}))
	}
	must(t, errors.Join(s.UpdateEach(ctx, as, func(_ int, sess *bot.Session) error {
		bot.Delivered(sess, sess.OutSeq, "one", s.now(), bot.DefaultLease)
		return incr(sess)
	})...))
	cc := s.rdb.(*redis.ClusterClient)
	for _, a := range as {
		if got := storetest.Load(t, s, a); got.Slots["n"] != "1" || len(got.Outbox) != 0 {
			t.Errorf("%s: counter %q, outbox %v; want 1 and none", a.Chat, got.Slots["n"], got.Outbox)
		}
		if err := cc.ZScore(ctx, s.dueKey(tag(a)), member(a)).Err(); !errors.Is(err, redis.Nil) {
			t.Errorf("%s: still in the outbox index (%v)", a.Chat, err)
		}
	}
}

// TestUpdateEachSharesTheTurnsBatch: on a single server, UpdateEach's
// writes wait in the turn batcher like a turn's, and go out in the next
// batch with the turns queued meanwhile: one round trip for a turn and
// the marks of 10 conversations, where a pipeline of their own took one
// more.
func TestUpdateEachSharesTheTurnsBatch(t *testing.T) {
	t.Parallel()
	srv := redistest.StartServer(t)
	s := newStore(t, Config{URL: srv.URL()})
	h := newHoldHook()
	s.rdb.AddHook(beforeHook(h.before))
	ctx := t.Context()
	held := bot.Address{Platform: "p", Chat: "held", User: "u"}
	c := bot.Address{Platform: "p", Chat: "c", User: "u"}
	as := make([]bot.Address, 10)
	for i := range as {
		as[i] = bot.Address{Platform: "p", Chat: fmt.Sprint("m", i), User: "u"}
	}
	for _, a := range append(as, held, c) {
		must(t, s.Update(ctx, a, incr)) // warm, with the script loaded
	}
	must(t, errors.Join(s.UpdateEach(ctx, as[:2], func(_ int, sess *bot.Session) error { return nil })...)) // a connection for pipelines
	before := s.RoundTrips()
	errs := make(chan error, 3)
	go func() { errs <- s.Update(h.mark(ctx, "held", true), held, incr) }()
	wait.Until(t, "the batch to be held", func() bool { return h.heldCount() == 1 })
	go func() { errs <- s.Update(ctx, c, incr) }()
	wait.Until(t, "the turn to queue", func() bool { return s.turn.queued() == 1 })
	go func() {
		errs <- errors.Join(s.UpdateEach(ctx, as, func(_ int, sess *bot.Session) error { return incr(sess) })...)
	}()
	wait.Until(t, "the marks to queue", func() bool { return s.turn.queued() == 2 })
	h.release("held")
	for range 3 {
		must(t, <-errs)
	}
	if got := s.RoundTrips() - before; got != 2 {
		t.Errorf("a held batch, then a turn and 10 marks queued behind it: %d round trips, want 2", got)
	}
	for _, a := range append(as, held, c) {
		if got := storetest.Load(t, s, a).Slots["n"]; got != "2" {
			t.Errorf("%s: counter %q, want 2", a.Chat, got)
		}
	}
}

// TestUpdateEachAfterScriptFlush: a Redis that lost its scripts (a
// restart) answers the batch's compare-and-sets NOSCRIPT, which did not
// run: each goes again through Update (EVAL), concurrently, so the marks
// of 20 conversations are all written once, in a few round trips rather
// than two each.
//
// How the retries share the batcher's round trips depends on scheduling
// (5 to 8 measured, 17 once under -race, 42 once in CI under heavy load),
// so a lockstep hook makes it deterministic: each write of a retry waits
// until every retry not yet saved is in it or queued behind it. A retry
// then gets a command into every write or the next, and its three (GET,
// EVALSHA, EVAL) take at most 6 writes after the batch. Retries that ran
// one after the other never all queue: the hook's wait runs out, and the
// test says so.
func TestUpdateEachAfterScriptFlush(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	s := newStore(t, Config{URL: url})
	// The marks in one batch: the lockstep below waits for every retry to
	// be queued, which a second chunk, sent once the first is answered,
	// never is. TestUpdateEachLeavesRoomForTurns tests the chunks.
	s.eachPerBatch = 20
	ctx := t.Context()
	const n = 20
	as := make([]bot.Address, n)
	for i := range as {
		as[i] = bot.Address{Platform: "p", Chat: fmt.Sprint("c", i), User: "u"}
		must(t, s.Update(ctx, as[i], incr))
	}
	must(t, errors.Join(s.UpdateEach(ctx, as[:2], func(int, *bot.Session) error { return nil })...)) // a connection for pipelines
	must(t, plainClient(t, url).ScriptFlush(ctx).Err())
	h := &lockstepHook{queued: s.turn.queued}
	s.rdb.AddHook(h)
	h.arm(n)
	before := s.RoundTrips()
	must(t, errors.Join(s.UpdateEach(ctx, as, func(_ int, sess *bot.Session) error { return incr(sess) })...))
	got := s.RoundTrips() - before
	writes, stalled := h.disarm()
	t.Logf("20 marks after SCRIPT FLUSH: %d round trips, %d writes held", got, writes)
	if stalled > 0 {
		t.Errorf("%d writes of the retries waited in vain for the other retries to queue: they did not go out concurrently", stalled)
	}
	// The batch, then at most 6 writes of the retries (see above).
	if got > 7 {
		t.Errorf("20 marks after SCRIPT FLUSH took %d round trips, want at most 7", got)
	}
	for _, a := range as {
		if n := storetest.Load(t, s, a).Slots["n"]; n != "2" {
			t.Errorf("%s: counter %q, want 2", a.Chat, n)
		}
	}
}

// lockstepHook is a go-redis hook that, once armed for live callers, holds
// each write (a command or a pipeline) until every caller not yet done is
// in it or queued in the batcher (queued), so that no write goes out with
// fewer commands than are coming. A caller is done once one of its
// compare-and-sets (EVAL, EVALSHA) is answered without error.
type lockstepHook struct {
	queued  func() int
	mu      sync.Mutex
	live    int // callers not yet done; 0: disarmed
	writes  int
	stalled int // writes released by the timeout (then no more are held)
}

func (h *lockstepHook) arm(live int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.live, h.writes, h.stalled = live, 0, 0
}

func (h *lockstepHook) disarm() (writes, stalled int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.live = 0
	return h.writes, h.stalled
}

func (h *lockstepHook) hold(cmds []redis.Cmder) {
	h.mu.Lock()
	armed := h.live > 0 && h.stalled == 0 // once stalled, no more waits
	if armed {
		h.writes++
	}
	h.mu.Unlock()
	if !armed {
		return
	}
	if !wait.Within(20*time.Second, nil, func() bool {
		h.mu.Lock()
		defer h.mu.Unlock()
		return len(cmds)+h.queued() >= h.live
	}) {
		h.mu.Lock()
		h.stalled++
		h.mu.Unlock()
	}
}

func (h *lockstepHook) answered(cmds []redis.Cmder) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, c := range cmds {
		if name := c.Name(); (name == "eval" || name == "evalsha") && c.Err() == nil && h.live > 0 {
			h.live--
		}
	}
}

func (h *lockstepHook) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h *lockstepHook) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		one := []redis.Cmder{cmd}
		h.hold(one)
		err := next(ctx, cmd)
		h.answered(one)
		return err
	}
}

func (h *lockstepHook) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		h.hold(cmds)
		err := next(ctx, cmds)
		h.answered(cmds)
		return err
	}
}

// TestWarmMarkAllocations measures what a delivery's mark allocates on a
// warm conversation with a full history: through UpdateEach, which copies
// the stored value into reused memory and decodes into a reused session,
// against Update, which decodes into new memory (a turn keeps what it
// decodes). Fewer bytes per turn mean fewer collections, whose mark
// phases show in an open loop's tail latency. Before, a mark took the
// Update path's bytes, plus a new copy of the saved value each time.
func TestWarmMarkAllocations(t *testing.T) {
	srv := redistest.StartServer(t)
	s := newStore(t, Config{URL: srv.URL()})
	ctx := t.Context()
	a := bot.Address{Platform: "fake", Chat: "marks", User: "u"}
	now := s.now()
	turn := func(sess *bot.Session) error {
		for i := range 10 {
			sess.Recent = append(sess.Recent, bot.Turn{From: bot.SpeakerPerson, Text: "my parcel has not arrived, turn " + strconv.Itoa(i), At: now})
		}
		sess.Seen = []string{"m1", "m2", "m3"}
		sess.Slots = map[string]string{"order": "AB-123456"}
		bot.Queue(sess, []bot.Reply{{Text: "Which one?", Choices: []bot.Choice{{ID: "a", Label: "Arrived damaged"}, {ID: "b", Label: "Not arrived"}}}}, now)
		bot.TakeLease(sess, "one", now, bot.DefaultLease)
		return nil
	}
	must(t, s.Update(ctx, a, turn))
	// A mark: the reply delivered, another queued (so that every mark has
	// the same shape), the keyboard remembered.
	mark := func(sess *bot.Session) error {
		if len(sess.Recent) != 10 || sess.Slots["order"] != "AB-123456" || len(sess.Outbox) != 1 {
			return fmt.Errorf("mark saw history %d, slots %v, outbox %d", len(sess.Recent), sess.Slots, len(sess.Outbox))
		}
		bot.Delivered(sess, sess.OutSeq, "one", now, bot.DefaultLease)
		bot.Queue(sess, []bot.Reply{{Text: "Which one?", Choices: []bot.Choice{{ID: "a", Label: "Arrived damaged"}}}}, now)
		bot.TakeLease(sess, "one", now, bot.DefaultLease)
		sess.Keyboard = "kb1"
		return nil
	}
	each := func() {
		must(t, errors.Join(s.UpdateEach(ctx, []bot.Address{a}, func(_ int, sess *bot.Session) error { return mark(sess) })...))
	}
	update := func() { must(t, s.Update(ctx, a, mark)) }
	each() // warms the pools
	bytes := func(f func()) uint64 {
		const runs = 200
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		for range runs {
			f()
		}
		runtime.ReadMemStats(&m1)
		return (m1.TotalAlloc - m0.TotalAlloc) / runs
	}
	eachB, updateB := bytes(each), bytes(update)
	allocs := testing.AllocsPerRun(200, each)
	t.Logf("a warm mark allocates %d B (%.0f allocations) through UpdateEach, %d B through Update", eachB, allocs, updateB)
	// Measured: about 430 B (11 allocations) against 2,200 B.
	if eachB*3 > updateB && !raceOn {
		t.Errorf("a warm mark allocates %d B through UpdateEach, want under a third of Update's %d B", eachB, updateB)
	}
	got := storetest.Load(t, s, a)
	if got.Version != 603 || len(got.Recent) != 10 || got.Keyboard != "kb1" || len(got.Outbox) != 1 || got.Outbox[0].Seq != 603 {
		t.Errorf("after the marks: version %d, history %d, keyboard %q, outbox %+v", got.Version, len(got.Recent), got.Keyboard, got.Outbox)
	}
}

// TestUpdateEachLeavesRoomForTurns: a flush of many marks does not hold
// up the turns queued with it for all of its marks. Redis runs a batch's
// commands one after the other and its replies come back together, so a
// turn in a batch waits for every mark in it; UpdateEach sends its marks
// maxEachPerBatch at a time, and a turn queued behind a batch in flight
// goes in the next batch with at most that many marks (with one batch of
// 40 marks, it waited for all 40).
func TestUpdateEachLeavesRoomForTurns(t *testing.T) {
	t.Parallel()
	srv := redistest.StartServer(t)
	s := newStore(t, Config{URL: srv.URL()})
	h := newHoldHook()
	s.rdb.AddHook(beforeHook(h.before))
	sizes := &batchSizes{}
	s.rdb.AddHook(sizes)
	ctx := t.Context()
	held := bot.Address{Platform: "p", Chat: "held", User: "u"}
	c := bot.Address{Platform: "p", Chat: "c", User: "u"}
	const n = 40
	as := make([]bot.Address, n)
	for i := range as {
		as[i] = bot.Address{Platform: "p", Chat: fmt.Sprint("m", i), User: "u"}
	}
	for _, a := range append(as, held, c) {
		must(t, s.Update(ctx, a, incr)) // warm, with the script loaded
	}
	must(t, errors.Join(s.UpdateEach(ctx, as[:2], func(_ int, sess *bot.Session) error { return nil })...)) // a connection for pipelines
	errs := make(chan error, 3)
	go func() { errs <- s.Update(h.mark(ctx, "held", true), held, incr) }()
	wait.Until(t, "the batch to be held", func() bool { return h.heldCount() == 1 })
	// afterRelease[i]: fn(i) ran once the held batch was released.
	var released atomic.Bool
	afterRelease := make([]bool, n)
	go func() {
		errs <- errors.Join(s.UpdateEach(ctx, as, func(i int, sess *bot.Session) error {
			afterRelease[i] = released.Load()
			return incr(sess)
		})...)
	}()
	wait.Until(t, "the marks to queue", func() bool { return s.turn.queued() == 1 })
	go func() { errs <- s.Update(h.mark(ctx, "turn", false), c, incr) }()
	wait.Until(t, "the turn to queue", func() bool { return s.turn.queued() == 2 })
	sizes.reset()
	released.Store(true)
	h.release("held")
	for range 3 {
		must(t, <-errs)
	}
	got := sizes.get()
	// The held batch (the first write after the release), then the
	// marks' chunks, the first with the turn.
	want := []int{1, maxEachPerBatch + 1}
	for left := n - maxEachPerBatch; left > 0; left -= maxEachPerBatch {
		want = append(want, min(left, maxEachPerBatch))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("commands per write after the held batch: %v, want %v (the turn's batch with at most %d marks)", got, want, maxEachPerBatch)
	}
	// Each chunk is updated and encoded once the one before it is
	// answered, not all of them before the first is sent: the first
	// before the release, the others after.
	for i, after := range afterRelease {
		if want := i >= maxEachPerBatch; after != want {
			t.Errorf("mark %d updated after the held batch's release: %v, want %v (chunks updated one at a time)", i, after, want)
			break
		}
	}
	for _, a := range append(as, held, c) {
		if got := storetest.Load(t, s, a).Slots["n"]; got != "2" {
			t.Errorf("%s: counter %q, want 2", a.Chat, got)
		}
	}
}

// batchSizes is a go-redis hook that records how many commands each
// command or pipeline it sees holds, in order.
type batchSizes struct {
	mu sync.Mutex
	n  []int
}

func (b *batchSizes) add(n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n = append(b.n, n)
}

func (b *batchSizes) reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n = nil
}

func (b *batchSizes) get() []int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return slices.Clone(b.n)
}

func (b *batchSizes) DialHook(next redis.DialHook) redis.DialHook { return next }

func (b *batchSizes) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		b.add(1)
		return next(ctx, cmd)
	}
}

func (b *batchSizes) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		b.add(len(cmds))
		return next(ctx, cmds)
	}
}

// BenchmarkTurnBehindMarks times a turn (a warm Update: one
// compare-and-set) sent while a flush of 64 pending marks (UpdateEach) is
// in flight, against a real redis-server, with the marks sent in one
// batch (the old way) or maxEachPerBatch at a time. turn-µs is how long
// the turn took, each-µs how long the flush did.
func BenchmarkTurnBehindMarks(b *testing.B) {
	srv := redistest.StartServer(b)
	for _, per := range []int{1 << 20, maxEachPerBatch} {
		name := "one_batch"
		if per == maxEachPerBatch {
			name = fmt.Sprint("chunks_of_", per)
		}
		b.Run(name, func(b *testing.B) {
			s := newStore(b, Config{URL: srv.URL()})
			s.eachPerBatch = per
			// started hears of each batch of marks as it is written.
			started := make(chan struct{}, 64)
			s.rdb.AddHook(pipelineStarts(started))
			ctx := b.Context()
			as := make([]bot.Address, 64)
			for i := range as {
				as[i] = bot.Address{Platform: "p", Chat: fmt.Sprint("m", i), User: "u"}
				must(b, s.Update(ctx, as[i], incr))
			}
			c := bot.Address{Platform: "p", Chat: "c", User: "u"}
			must(b, s.Update(ctx, c, incr))
			mark := func(_ int, sess *bot.Session) error { return incr(sess) }
			var turn, each time.Duration
			done := make(chan time.Duration, 1)
			for b.Loop() {
				go func() {
					t0 := time.Now()
					if err := errors.Join(s.UpdateEach(ctx, as, mark)...); err != nil {
						b.Error(err)
					}
					done <- time.Since(t0)
				}()
				<-started // the first batch of marks is being written
				t0 := time.Now()
				must(b, s.Update(ctx, c, incr))
				turn += time.Since(t0)
				each += <-done
				for len(started) > 0 {
					<-started
				}
			}
			b.ReportMetric(float64(turn.Microseconds())/float64(b.N), "turn-µs")
			b.ReportMetric(float64(each.Microseconds())/float64(b.N), "each-µs")
		})
	}
}

// pipelineStarts is a go-redis hook that sends on its channel as each
// pipeline of more than one command is about to be written.
type pipelineStarts chan struct{}

func (p pipelineStarts) DialHook(next redis.DialHook) redis.DialHook { return next }

func (p pipelineStarts) ProcessHook(next redis.ProcessHook) redis.ProcessHook { return next }

func (p pipelineStarts) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if len(cmds) > 1 {
			select {
			case p <- struct{}{}:
			default:
			}
		}
		return next(ctx, cmds)
	}
}
