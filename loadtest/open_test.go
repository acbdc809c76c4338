package loadtest_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/memstore"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/loadtest"
)

// scriptReplies plays the default script once and returns how many
// replies each of its turns gets: what every conversation of a run must
// have delivered.
func scriptReplies(t *testing.T) []int {
	t.Helper()
	e, err := bot.New(bot.Config{Flows: bottest.MustFlows(t), Store: memstore.New(memstore.Config{}), FloodLimit: math.MaxInt32, Desk: bot.NopDesk{}})
	if err != nil {
		t.Fatal(err)
	}
	a := bot.Address{Platform: "test", Chat: "c", User: "u"}
	var (
		last []bot.Choice
		out  []int
	)
	for i, st := range defaultScript(t).Steps {
		m := bot.Message{ID: string(rune('a' + i)), From: a, Text: st.Text, At: time.Now()}
		if st.Press > 0 {
			m.Text, m.Choice = "", last[st.Press-1].ID
		}
		rs, err := e.HandleMessage(t.Context(), m)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			if len(r.Choices) > 0 {
				last = r.Choices
			}
		}
		out = append(out, len(rs))
	}
	return out
}

// checkLatency checks that l's percentiles are in order and it counted n.
func checkLatency(t *testing.T, name string, l loadtest.Latency, n int64) {
	t.Helper()
	if l.Count != n || !(0 < l.P50 && l.P50 <= l.P99 && l.P99 <= l.P999 && l.P999 <= l.Max) {
		t.Errorf("%s: %+v, want %d counted and 0 < p50 <= p99 <= p99.9 <= max", name, l, n)
	}
}

// checkOpen checks an open-loop run of 20 people offered 2,000 turns/s for
// 310 ms: 620 messages, 31 per person, which is five conversations of the
// six-turn script and the first turn of a sixth, cut short by the end.
func checkOpen(t *testing.T, rep loadtest.Report, replies []int) {
	t.Helper()
	if rep.Rate != 2000 || !rep.Deliver || rep.People != 20 {
		t.Errorf("rate %v, deliver %v, people %d; want 2000, true, 20", rep.Rate, rep.Deliver, rep.People)
	}
	if rep.Turns != 620 || rep.TurnErrors != 0 || len(rep.Errors) != 0 {
		t.Errorf("%d turns, %d errors %q; want the 620 offered, none failed", rep.Turns, rep.TurnErrors, rep.Errors)
	}
	if rep.Conversations != 120 || rep.Finished != 100 || rep.Cut != 20 {
		t.Errorf("conversations %d, finished %d, cut %d; want 120, 100, 20", rep.Conversations, rep.Finished, rep.Cut)
	}
	if !(0 < rep.P50 && rep.P50 <= rep.P99 && rep.P99 <= rep.P999 && rep.P999 <= rep.Max) {
		t.Errorf("p50 %v, p99 %v, p99.9 %v, max %v; want them in order", rep.P50, rep.P99, rep.P999, rep.Max)
	}
	if rep.StartLag == nil || rep.Delivery == nil {
		t.Fatalf("start lag %v, delivery %v; want both measured", rep.StartLag, rep.Delivery)
	}
	if l := rep.StartLag; l.Count != 620 || l.P50 > l.P99 || l.P99 > l.Max || l.Max > rep.Max {
		t.Errorf("start lag %+v, want 620 counted, in order, the largest below the largest turn (%v)", l, rep.Max)
	}
	// Every reply of every turn sent was delivered once.
	var perConv, turnsWithReplies int
	for _, n := range replies {
		perConv += n
		if n > 0 {
			turnsWithReplies++
		}
	}
	wantReplies := int64(100*perConv + 20*replies[0])
	if rep.Replies != wantReplies {
		t.Errorf("%d replies delivered, want %d (%v per turn)", rep.Replies, wantReplies, replies)
	}
	wantTimed := int64(100 * turnsWithReplies)
	if replies[0] > 0 {
		wantTimed += 20
	}
	checkLatency(t, "delivery", *rep.Delivery, wantTimed)
	// 620 turns allocate: at least their messages' copies; a figure of
	// megabytes per turn would be counting something else.
	if rep.AllocPerTurn < 100 || rep.AllocPerTurn > 1<<20 {
		t.Errorf("%.0f bytes allocated per turn, want the run's own (0.1 to 1,000 KB)", rep.AllocPerTurn)
	}
}

// runOpen runs the default script open loop on cfg's store (20 people, 2000
// messages a second for 310 ms, replies delivered) and checks the report.
func runOpen(t *testing.T, cfg loadtest.Config) loadtest.Report {
	t.Helper()
	cfg.Flows, cfg.Script, cfg.People, cfg.Rate, cfg.Duration, cfg.Deliver = bottest.MustFlows(t), defaultScript(t), 20, 2000, 310*time.Millisecond, true
	rep, err := loadtest.Run(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	checkOpen(t, rep, scriptReplies(t))
	return rep
}

func TestRunOpenMemory(t *testing.T) {
	t.Parallel()
	store := memstore.New(memstore.Config{})
	rep := runOpen(t, loadtest.Config{Store: store, StoreName: "memory"})
	if rep.Sessions == 0 || rep.HistoryTurns != 10 {
		t.Errorf("sampled %d sessions with %.1f turns of history, want some with 10", rep.Sessions, rep.HistoryTurns)
	}
	if n := store.Len(); n != 0 {
		t.Errorf("the store holds %d entries after the run, want the bench's sessions deleted", n)
	}
}

// TestRunOpenPacer: where each person cannot have a timer of its own, a
// pacer wakes them, to the same schedule.
func TestRunOpenPacer(t *testing.T) {
	t.Parallel()
	runOpen(t, loadtest.WithPacer(loadtest.Config{Store: memstore.New(memstore.Config{}), StoreName: "memory"}))
}

func TestRunOpenRedis(t *testing.T) {
	t.Parallel()
	rs, err := redisstore.New(redisstore.Config{URL: redistest.Start(t), TTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rs.Close() })
	rep := runOpen(t, loadtest.Config{Store: rs, StoreName: "redis", Stats: rs})
	// Each turn's compare-and-set, plus the marks of the deliveries: at
	// least one per conversation, at most one per reply (each reply is
	// marked as the platform accepts it), each of them at most twice (a
	// turn and a mark of one conversation race), plus a first read per
	// conversation and set-up.
	if min, max := int64(rep.Turns+rep.Conversations), 2*(int64(rep.Turns)+rep.Replies)+int64(rep.Conversations)+20*4+2; rep.CommandsSent < min || rep.CommandsSent > max {
		t.Errorf("%d commands sent for %d turns in %d conversations, want %d to %d", rep.CommandsSent, rep.Turns, rep.Conversations, min, max)
	}
	// A session holding its last turn's replies is no smaller than the
	// same delivered.
	if rep.BytesPerSession < 200 || rep.BytesWithOutbox < rep.BytesPerSession || rep.MaxSessionBytes < int64(rep.BytesWithOutbox) {
		t.Errorf("bytes per session %.0f, with outbox %.0f, max %d; want plausible sizes", rep.BytesPerSession, rep.BytesWithOutbox, rep.MaxSessionBytes)
	}
	// Nothing is left pending: the outbox index is empty.
	if due, err := rs.Due(t.Context(), time.Now().Add(time.Hour), 10); err != nil || len(due) != 0 {
		t.Errorf("Due = %v, %v after the run; want nothing pending", due, err)
	}
}

// TestRunDeliverClosed: every person always busy, replies through the
// outbox; each conversation gets every reply.
func TestRunDeliverClosed(t *testing.T) {
	t.Parallel()
	store := memstore.New(memstore.Config{})
	const people, rounds = 5, 2
	rep, err := loadtest.Run(t.Context(), loadtest.Config{
		Flows:     bottest.MustFlows(t),
		Store:     store,
		StoreName: "memory",
		Script:    defaultScript(t),
		People:    people,
		Rounds:    rounds,
		Deliver:   true,
	})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	checkReport(t, rep, people, rounds)
	if rep.Rate != 0 || rep.StartLag != nil || rep.Cut != 0 {
		t.Errorf("rate %v, start lag %v, cut %d; want a closed loop", rep.Rate, rep.StartLag, rep.Cut)
	}
	perConv, timed := 0, 0
	for _, n := range scriptReplies(t) {
		perConv += n
		if n > 0 {
			timed++
		}
	}
	if rep.Replies != int64(people*rounds*perConv) {
		t.Errorf("%d replies delivered, want %d", rep.Replies, people*rounds*perConv)
	}
	if rep.Delivery == nil {
		t.Fatal("no delivery latency")
	}
	checkLatency(t, "delivery", *rep.Delivery, int64(people*rounds*timed))
}

func TestRunOpenFails(t *testing.T) {
	t.Parallel()
	s, err := loadtest.ParseScript("s", strings.NewReader("# expect: no bot says this\nhello\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		cfg  loadtest.Config
		want string
	}{
		{"rehearsal_expect_not_met", loadtest.Config{Script: s, Rate: 100, Duration: time.Second}, `rehearsal: s: the last reply does not contain "no bot says this"`},
		{"rate_without_duration", loadtest.Config{Script: defaultScript(t), Rate: 100}, "an open loop needs a rate > 0 and a duration"},
		{"negative_rate", loadtest.Config{Script: defaultScript(t), Rate: -1, Duration: time.Second}, "an open loop needs a rate > 0 and a duration"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.cfg.Flows, tt.cfg.Store, tt.cfg.People = bottest.MustFlows(t), memstore.New(memstore.Config{}), 2
			rep, err := loadtest.Run(t.Context(), tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Run error = %v, want %q", err, tt.want)
			}
			if strings.HasPrefix(tt.name, "rehearsal") && (!errors.Is(err, loadtest.ErrFailed) || rep.Turns != 0) {
				t.Errorf("Run error = %v after %d turns, want ErrFailed before any", err, rep.Turns)
			}
		})
	}
}

// TestRunDeliveryEndsAtAccept: delivery latency runs to the platform's
// acceptance of a turn's last reply, not to the mark that records it
// delivered. The flush is an hour, so each conversation's last mark waits
// that long in the bubble's clock (the run waits for it at its end), while
// every reply was accepted at once. Timed to the mark, the last turns
// would show an hour.
func TestRunDeliveryEndsAtAccept(t *testing.T) {
	t.Parallel()
	set, script, replies := bottest.MustFlows(t), defaultScript(t), scriptReplies(t)
	synctest.Test(t, func(t *testing.T) {
		const people, flush = 3, time.Hour
		rep, err := loadtest.Run(t.Context(), loadtest.Config{
			Flows:         set,
			Store:         memstore.New(memstore.Config{}),
			Script:        script,
			People:        people,
			Rounds:        1,
			Deliver:       true,
			DeliveryFlush: flush,
		})
		if err != nil {
			t.Fatalf("Run: %v (errors %q)", err, rep.Errors)
		}
		if rep.Finished != people || len(rep.Errors) != 0 {
			t.Errorf("%d of %d conversations finished, errors %q; want all, every reply accepted and marked", rep.Finished, people, rep.Errors)
		}
		// The marks were still pending when the replies were accepted.
		if rep.Wall < flush {
			t.Errorf("wall %v, want at least the flush %v: the run waits for the last marks", rep.Wall, flush)
		}
		perConv, timed := 0, 0
		for _, n := range replies {
			perConv += n
			if n > 0 {
				timed++
			}
		}
		if rep.Replies != int64(people*perConv) {
			t.Errorf("%d replies delivered, want %d", rep.Replies, people*perConv)
		}
		if rep.Delivery == nil {
			t.Fatal("no delivery latency")
		}
		if l := rep.Delivery; l.Count != int64(people*timed) || l.Max >= flush {
			t.Errorf("delivery %+v, want %d turns timed, all below the flush %v", *l, people*timed, flush)
		}
	})
}

// TestRunOpenWarmup: a warm-up is offered on the same schedule before the
// duration, and its turns' latencies are counted apart (turn, late start,
// delivery), while every other figure covers the whole run. 20 people at
// 2,000 turns/s: 60 ms of warm-up are each person's first 6 turns (their
// first conversation), then 250 ms the next 25.
func TestRunOpenWarmup(t *testing.T) {
	t.Parallel()
	replies := scriptReplies(t)
	cfg := loadtest.Config{Store: memstore.New(memstore.Config{}), StoreName: "memory", Warmup: 60 * time.Millisecond}
	cfg.Flows, cfg.Script, cfg.People, cfg.Rate, cfg.Duration, cfg.Deliver = bottest.MustFlows(t), defaultScript(t), 20, 2000, 250*time.Millisecond, true
	rep, err := loadtest.Run(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if rep.Turns != 620 || rep.Conversations != 120 || rep.Finished != 100 || rep.Cut != 20 || rep.TurnErrors != 0 {
		t.Errorf("%d turns, %d conversations (%d finished, %d cut), %d errors; want 620, 120 (100, 20), 0: the warm-up's included",
			rep.Turns, rep.Conversations, rep.Finished, rep.Cut, rep.TurnErrors)
	}
	wu := rep.Warmup
	if wu == nil || wu.Delivery == nil {
		t.Fatalf("warm-up %+v, want its latencies with delivery", wu)
	}
	if wu.Duration != 60*time.Millisecond {
		t.Errorf("warm-up of %v, want 60ms", wu.Duration)
	}
	checkLatency(t, "warm-up turns", wu.Turns, 120)
	if l := wu.StartLag; l.Count != 120 {
		t.Errorf("warm-up late start counted %d turns, want 120", l.Count)
	}
	if l := rep.StartLag; l == nil || l.Count != 500 {
		t.Errorf("late start %+v, want the 500 turns after the warm-up", l)
	}
	timed := 0
	for _, n := range replies {
		if n > 0 {
			timed++
		}
	}
	checkLatency(t, "warm-up delivery", *wu.Delivery, int64(20*timed))
	after := int64(80 * timed)
	if replies[0] > 0 {
		after += 20
	}
	checkLatency(t, "delivery", *rep.Delivery, after)
	if rep.AllocPerTurn <= 0 || rep.CPUPerTurn <= 0 {
		t.Errorf("heap %.0f B and CPU %v per turn, want the whole run's", rep.AllocPerTurn, rep.CPUPerTurn)
	}
	// The engine's set-up collected (the flows, the language model), so
	// something was found scannable; the collector's assists are part of
	// its CPU (the runtime's estimate, from wall time: not compared with
	// the process's own CPU time).
	if rep.GCScan == 0 || rep.GCAssistPerTurn < 0 || rep.GCAssistPerTurn > rep.GCPerTurn {
		t.Errorf("gc: %v of CPU per turn, %v of it in assists, %d bytes scannable; want 0 <= assists <= gc, and a scannable heap",
			rep.GCPerTurn, rep.GCAssistPerTurn, rep.GCScan)
	}
	var out strings.Builder
	loadtest.Print(&out, rep, loadtest.Targets(rep))
	if !strings.Contains(out.String(), "gc per turn       ") {
		t.Errorf("the report does not give the collector's cost:\n%s", out.String())
	}
	if !strings.Contains(out.String(), "warm-up           the first 60ms: 120 turns, p50 ") {
		t.Errorf("the report does not give the warm-up's own figures:\n%s", out.String())
	}
}
