package redisstore

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/bot/storetest"
)

func TestFollowUpsConformance(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	storetest.RunFollowUps(t, func(t *testing.T) bot.FollowUpStore { return newStore(t, Config{URL: url}).FollowUps() })
}

func TestFollowUpsConformanceCluster(t *testing.T) {
	t.Parallel()
	srv := redistest.StartCluster(t)
	url := "redis+cluster://" + srv.Addr()
	t.Run("suite", func(t *testing.T) {
		storetest.RunFollowUps(t, func(t *testing.T) bot.FollowUpStore { return newStore(t, Config{URL: url}).FollowUps() })
	})
}

type nopSender struct{ n int }

func (s *nopSender) Send(context.Context, bot.Address, []bot.Reply) error { s.n++; return nil }

// BenchmarkFollowUpDelivery measures the scheduler's cost per due check-in
// on a real redis-server: claim, prepare in the session, send (to a
// sender that does nothing) and mark done. It reports the commands this
// process sent per check-in (round trips, pipelined ones counted one by
// one) and the commands Redis ran per check-in (INFO commandstats, Lua's
// inner calls included).
func BenchmarkFollowUpDelivery(b *testing.B) {
	url := redistest.Start(b)
	s := newStore(b, Config{URL: url})
	set := bottest.MustFlows(b)
	t0 := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	now := func() time.Time { return t0 }
	e, err := bot.New(bot.Config{Flows: set, Store: s, FollowUps: s.FollowUps(), Now: now})
	if err != nil {
		b.Fatal(err)
	}
	snd := &nopSender{}
	sch, err := bot.NewScheduler(bot.SchedulerConfig{Engine: e, Store: s.FollowUps(), Senders: map[string]bot.Sender{"telegram": snd}, Now: now, Batch: 100})
	if err != nil {
		b.Fatal(err)
	}
	for i := range b.N {
		to := bot.Address{Platform: "telegram", Chat: strconv.Itoa(i), User: strconv.Itoa(i)}
		f := bot.FollowUp{ID: "f" + strconv.Itoa(i), To: to, Flow: "order_problem", Step: "later", Lang: "en", Slots: map[string]string{"order": "AB-123456"}, Due: t0}
		must(b, s.FollowUps().Schedule(b.Context(), f))
	}
	measureCommands(b, s, "checkin", func() {
		for snd.n < b.N {
			if _, err := sch.Tick(b.Context()); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// measureCommands times work and reports the commands s sent (round trips,
// pipelined ones counted one by one) and the commands Redis ran (INFO
// commandstats, Lua's inner calls included), per unit.
func measureCommands(b *testing.B, s *Store, unit string, work func()) {
	before := s.CommandsSent()
	stats0, err := s.CommandStats(b.Context())
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	work()
	b.StopTimer()
	stats1, err := s.CommandStats(b.Context())
	if err != nil {
		b.Fatal(err)
	}
	var server int64
	for k, v := range stats1 {
		d := v - stats0[k]
		if k != "info" {
			server += d
		}
		if d > 0 && b.N > 100 {
			b.Logf("%s %.2f/%s", k, float64(d)/float64(b.N), unit)
		}
	}
	b.ReportMetric(float64(s.CommandsSent()-before)/float64(b.N), "cmds-sent/"+unit)
	b.ReportMetric(float64(server)/float64(b.N), "redis-cmds/"+unit)
}

func TestIdleConformance(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	storetest.RunIdle(t, func(t *testing.T) bot.IdleIndex { return newStore(t, Config{URL: url}).Idle() })
}

func TestIdleConformanceCluster(t *testing.T) {
	t.Parallel()
	srv := redistest.StartCluster(t)
	url := "redis+cluster://" + srv.Addr()
	t.Run("suite", func(t *testing.T) {
		storetest.RunIdle(t, func(t *testing.T) bot.IdleIndex { return newStore(t, Config{URL: url}).Idle() })
	})
}
