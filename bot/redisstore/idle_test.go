package redisstore

import (
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// careCount counts care events by kind.
type careCount struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *careCount) Care(ev bot.CareEvent) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = map[string]int{}
	}
	c.n[ev.Kind]++
}

func (c *careCount) get(kind string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[kind]
}

// TestIdleTwoReplicas: two carebot replicas on one real redis-server, each
// with its own scheduler loop, count every abandoned conversation exactly
// once between them, with no later message from anyone.
func TestIdleTwoReplicas(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	set := bottest.MustFlows(t)
	clock := bottest.NewClock(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	type replica struct {
		e     *bot.Engine
		sched *bot.Scheduler
		care  *careCount
	}
	var rs []replica
	var store *Store
	for range 2 {
		s := newStore(t, Config{URL: url, Prefix: "idle2"})
		store = s
		r := replica{care: &careCount{}}
		var err error
		r.e, err = bot.New(bot.Config{Flows: set, Store: s, Now: clock.Now, Care: r.care, Idle: s.Idle(), Desk: &bottest.Desk{}})
		if err != nil {
			t.Fatal(err)
		}
		r.sched, err = bot.NewScheduler(bot.SchedulerConfig{Engine: r.e, Idle: s.Idle(), Now: clock.Now, Care: r.care, Batch: 7})
		if err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	const mid, waiting = 30, 10
	for i := range mid + waiting {
		text := "/order"
		if i >= mid {
			text = "/human"
		}
		// Half the conversations start on each replica.
		to := bot.Address{Platform: "telegram", Chat: strconv.Itoa(i), User: strconv.Itoa(i)}
		if _, err := rs[i%2].e.HandleMessage(t.Context(), bot.Message{ID: "m" + strconv.Itoa(i), From: to, Text: text, At: clock.Now()}); err != nil {
			t.Fatal(err)
		}
	}
	total := func(kind string) int { return rs[0].care.get(kind) + rs[1].care.get(kind) }
	look := func() {
		t.Helper()
		var wg sync.WaitGroup
		for _, r := range rs {
			wg.Go(func() {
				// A full batch is followed by another look, as Run does.
				for {
					n, err := r.sched.Tick(t.Context())
					if err != nil {
						t.Error(err)
						return
					}
					if n < 7 {
						return
					}
				}
			})
		}
		wg.Wait()
	}
	clock.Add(29 * time.Minute)
	look()
	if n := total(bot.CareAbandoned); n != 0 {
		t.Fatalf("abandoned counted %d times before 30 minutes", n)
	}
	clock.Add(2 * time.Minute)
	look()
	look()
	if n := total(bot.CareAbandoned); n != mid {
		t.Errorf("abandoned counted %d times, want %d (once each)", n, mid)
	}
	if rs[0].care.get(bot.CareAbandoned) == 0 || rs[1].care.get(bot.CareAbandoned) == 0 {
		t.Logf("one replica counted them all (%d, %d)", rs[0].care.get(bot.CareAbandoned), rs[1].care.get(bot.CareAbandoned))
	}
	if n := total(bot.CareWaitingAbandoned); n != 0 {
		t.Fatalf("waiting abandoned counted %d times before an hour", n)
	}
	clock.Add(30 * time.Minute)
	look()
	look()
	if n := total(bot.CareWaitingAbandoned); n != waiting {
		t.Errorf("waiting abandoned counted %d times, want %d", n, waiting)
	}
	clock.Add(24 * time.Hour)
	look()
	if n, w := total(bot.CareAbandoned), total(bot.CareWaitingAbandoned); n != mid || w != waiting {
		t.Errorf("a day later: %d and %d, want %d and %d: counted again", n, w, mid, waiting)
	}
	for i := range IdleShards {
		if n, err := store.rdb.ZCard(t.Context(), store.idleShardKey(i)).Result(); err != nil || n != 0 {
			t.Errorf("idle shard %d holds %d members (%v), want none left", i, n, err)
		}
	}
}

// BenchmarkIdleLook measures the scheduler's cost per abandoned
// conversation on a real redis-server: the conversation is mid-flow and
// silent; a look claims it, Engine.Idle counts it in the session's
// compare-and-set, and the release removes it from the index. It reports
// the commands this process sent and those Redis ran, per conversation.
// The turn that entered it in the index paid one ZADD (not measured here).
func BenchmarkIdleLook(b *testing.B) {
	url := redistest.Start(b)
	s := newStore(b, Config{URL: url})
	set := bottest.MustFlows(b)
	clock := bottest.NewClock(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	care := &careCount{}
	e, err := bot.New(bot.Config{Flows: set, Store: s, Now: clock.Now, Care: care, Idle: s.Idle()})
	if err != nil {
		b.Fatal(err)
	}
	for i := range b.N {
		to := bot.Address{Platform: "telegram", Chat: strconv.Itoa(i), User: strconv.Itoa(i)}
		if _, err := e.HandleMessage(b.Context(), bot.Message{ID: "m", From: to, Text: "/order", At: clock.Now()}); err != nil {
			b.Fatal(err)
		}
	}
	clock.Add(31 * time.Minute)
	// Another replica looks: nothing this Store saved is warm.
	s2 := newStore(b, Config{URL: url, Prefix: s.prefix})
	e2, err := bot.New(bot.Config{Flows: set, Store: s2, Now: clock.Now, Care: care, Idle: s2.Idle()})
	if err != nil {
		b.Fatal(err)
	}
	sch, err := bot.NewScheduler(bot.SchedulerConfig{Engine: e2, Idle: s2.Idle(), Now: clock.Now, Care: care, Batch: 100})
	if err != nil {
		b.Fatal(err)
	}
	measureCommands(b, s2, "conv", func() {
		for care.get(bot.CareAbandoned) < b.N {
			if _, err := sch.Tick(b.Context()); err != nil {
				b.Fatal(err)
			}
		}
	})
}
