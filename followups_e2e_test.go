package main

// Follow-up check-ins end to end: a Telegram customer and a Slack
// employee, through the real telegram-bot-api and slack-go libraries
// against the adapters' fakes, with a real redis-server (append-only file
// on, killed and restarted in the middle). The scheduler is driven by Tick
// on a fake clock: nothing sleeps, and every wait is for a condition.

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	slackad "github.com/carebot/carebot/adapters/slack"
	"github.com/carebot/carebot/adapters/slack/slackfake"
	"github.com/carebot/carebot/adapters/telegram"
	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/metrics"
)

// fuWorld is what the replicas share: Telegram, Slack, Redis and the clock.
type fuWorld struct {
	tg    *telegramtest.Server
	sl    *slackfake.Server
	redis *redistest.Server
	clock *bottest.Clock // every replica reads it
	set   *flow.Set
}

func newFuWorld(t *testing.T) *fuWorld {
	t.Helper()
	return &fuWorld{
		tg: telegramtest.New(t), sl: slackfake.New(t), set: bottest.MustFlows(t), clock: &bottest.Clock{},
		// Every write on disk before it is acknowledged: a kill loses nothing.
		redis: redistest.StartServer(t, "--appendonly", "yes", "--appendfsync", "always"),
	}
}

// fuReplica is one carebot process: engine, Telegram (polling if asked),
// Slack as a sender, and the scheduler.
type fuReplica struct {
	store  *redisstore.Store
	engine *bot.Engine
	sched  *bot.Scheduler
	stop   func()
}

func (w *fuWorld) start(t *testing.T, poll bool) *fuReplica {
	t.Helper()
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelInfo}))
	store, err := redisstore.New(redisstore.Config{URL: w.redis.URL(), TTL: 30 * 24 * time.Hour, ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second, DialTimeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	engine, err := bot.New(bot.Config{Flows: w.set, Store: store, FollowUps: store.FollowUps(), Now: w.clock.Now, Logger: log, Desk: &bottest.Desk{}})
	if err != nil {
		t.Fatal(err)
	}
	tga, err := telegram.New(telegram.Config{Token: telegramtest.Token, Endpoint: w.tg.Endpoint(), HTTPClient: w.tg.Client(), Logger: log, PaceScale: -1, Texts: engine})
	if err != nil {
		t.Fatal(err)
	}
	sa, err := slackad.New(slackad.Config{BotToken: slackfake.BotToken, SigningSecret: "s", APIURL: w.sl.URL, HTTPClient: w.sl.Client(), Logger: log, PaceScale: -1, Texts: engine})
	if err != nil {
		t.Fatal(err)
	}
	sched, err := bot.NewScheduler(bot.SchedulerConfig{
		Engine: engine, Store: store.FollowUps(), Now: w.clock.Now, Logger: log,
		Senders: map[string]bot.Sender{telegram.Platform: tga, slackad.Platform: sa},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	if poll {
		wg.Go(func() { _ = tga.Run(ctx, engine) })
	}
	r := &fuReplica{store: store, engine: engine, sched: sched}
	var once sync.Once
	r.stop = func() { once.Do(func() { cancel(); wg.Wait(); _ = store.Close() }) }
	t.Cleanup(r.stop)
	return r
}

func (r *fuReplica) tick(t *testing.T) {
	t.Helper()
	if _, err := r.sched.Tick(t.Context()); err != nil {
		t.Fatalf("tick: %v", err)
	}
}

func (w *fuWorld) texts(chat int64) []string {
	var out []string
	for _, c := range w.tg.Sent(chat) {
		out = append(out, c.Text())
	}
	return out
}

// checkIns fails the test unless chat got the check-in n times.
func (w *fuWorld) checkIns(t *testing.T, chat int64, n int, when string) {
	t.Helper()
	if got := count(w.texts(chat), checkIn); got != n {
		t.Fatalf("check-in sent %d times %s, want %d", got, when, n)
	}
}

func count(texts []string, s string) int {
	n := 0
	for _, x := range texts {
		if strings.Contains(x, s) {
			n++
		}
	}
	return n
}

// say sends the person's words and waits for the bot's answer containing want.
func (w *fuWorld) say(t *testing.T, chat int64, text, want string) {
	t.Helper()
	before := count(w.texts(chat), want)
	w.tg.Push(telegramtest.Text(chat, chat, text))
	w.waitFor(t, chat, want, before+1)
}

// press presses the newest button labelled label and waits for want.
func (w *fuWorld) press(t *testing.T, chat int64, label, want string) {
	t.Helper()
	sent := w.tg.Sent(chat)
	for i := len(sent) - 1; i >= 0; i-- {
		for j, b := range sent[i].Buttons() {
			if b.Text == label {
				before := count(w.texts(chat), want)
				w.tg.Push(telegramtest.PressOn(sent[i], chat, j))
				w.waitFor(t, chat, want, before+1)
				return
			}
		}
	}
	t.Fatalf("no button %q in %q", label, w.texts(chat))
}

func (w *fuWorld) waitFor(t *testing.T, chat int64, want string, n int) {
	t.Helper()
	w.tg.Wait(t, fmt.Sprintf("%d messages containing %q", n, want), func(*telegramtest.Server) bool {
		return count(w.texts(chat), want) >= n
	})
}

// agree runs an order conversation to the end and answers the consent question.
func (w *fuWorld) agree(t *testing.T, chat int64, yes bool) {
	t.Helper()
	w.say(t, chat, "/order", "order number")
	w.say(t, chat, "AB-123456", "What happened with order AB-123456")
	w.press(t, chat, "It's late", "Shall I pass order")
	w.press(t, chat, "Not now", "from 1 (poor) to 5")
	w.press(t, chat, "4", "May I message you here in three days")
	if yes {
		w.press(t, chat, "Yes, please", "I'll check in with you in three days")
	} else {
		w.press(t, chat, "No, thanks", "I won't message you")
	}
}

const checkIn = "has it arrived?"

func scheduled(t *testing.T, r *fuReplica, chat int64) []bot.FollowUp {
	t.Helper()
	fs, err := r.store.FollowUps().List(t.Context(), 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []bot.FollowUp
	for _, f := range fs {
		if f.To.Chat == fmt.Sprint(chat) {
			out = append(out, f)
		}
	}
	return out
}

// monday22 is a Monday at 22:00 UTC: three days later is Thursday 22:00,
// after the decent hours (09:00 to 20:00), so the check-in waits for Friday 09:00.
var monday22 = time.Date(2026, 3, 2, 22, 0, 0, 0, time.UTC)

func TestFollowUpEndToEnd(t *testing.T) {
	w := newFuWorld(t)
	w.clock.Set(monday22)

	t.Run("consent_declined_schedules_nothing", func(t *testing.T) {
		const chat = 501
		r := w.start(t, true)
		w.agree(t, chat, false)
		if fs := scheduled(t, r, chat); len(fs) != 0 {
			t.Fatalf("scheduled after no: %+v", fs)
		}
		r.stop()
	})

	t.Run("sent_once_at_the_local_hour_after_restarts_and_reopens_the_flow", func(t *testing.T) {
		const chat = 502
		w.clock.Set(monday22)
		r1 := w.start(t, true)
		w.agree(t, chat, true)
		fs := scheduled(t, r1, chat)
		if len(fs) != 1 || fs[0].Due.Hour() != 9 || fs[0].Due.Weekday() != time.Friday {
			t.Fatalf("scheduled %+v, want one due Friday 09:00", fs)
		}
		if strings.Contains(fmt.Sprint(fs[0]), "It's late") {
			t.Errorf("the schedule holds message text: %+v", fs[0])
		}
		// carebot and Redis both go down; Redis comes back from its AOF.
		r1.stop()
		w.redis.Stop()
		w.redis.Start()
		w.clock.Set(monday22.Add(72*time.Hour + 30*time.Minute)) // Thursday 22:30: too late in the day
		a, b := w.start(t, true), w.start(t, false)
		a.tick(t)
		w.clock.Set(time.Date(2026, 3, 6, 8, 59, 0, 0, time.UTC))
		b.tick(t)
		w.checkIns(t, chat, 0, "before 09:00")
		// Friday 09:00: two replicas look at once; one sends it.
		w.clock.Set(time.Date(2026, 3, 6, 9, 0, 0, 0, time.UTC))
		var wg sync.WaitGroup
		wg.Go(func() { a.tick(t) })
		wg.Go(func() { b.tick(t) })
		wg.Wait()
		w.waitFor(t, chat, checkIn, 1)
		a.tick(t)
		b.tick(t)
		w.checkIns(t, chat, 1, "in all")
		if fs := scheduled(t, a, chat); len(fs) != 0 {
			t.Errorf("still scheduled after sending: %+v", fs)
		}
		// "Still not": back into the order flow, the order number known.
		w.press(t, chat, "Still not", "Shall I pass order AB-123456 to our delivery team now?")
		a.stop()
		b.stop()
	})

	t.Run("killed_between_claim_and_send_still_delivers_once", func(t *testing.T) {
		const chat = 503
		w.clock.Set(monday22)
		r := w.start(t, true)
		w.agree(t, chat, true)
		due := scheduled(t, r, chat)[0].Due
		w.clock.Set(due)
		// Replica "dead" claims it and prepares the check-in, then dies
		// before sending: no send, no Done.
		dead := w.start(t, false)
		cs, err := dead.store.FollowUps().Claim(t.Context(), w.clock.Now(), 2*time.Minute, 100)
		if err != nil || len(cs) == 0 {
			t.Fatalf("claim: %v, %d", err, len(cs))
		}
		for _, c := range cs {
			if _, _, err := dead.engine.CheckIn(t.Context(), c.FollowUp); err != nil {
				t.Fatal(err)
			}
		}
		dead.stop()
		r.tick(t) // within the lease: nobody else may send it
		w.checkIns(t, chat, 0, "during the dead replica's lease")
		w.clock.Add(2*time.Minute + time.Second)
		r.tick(t)
		w.waitFor(t, chat, checkIn, 1)
		w.clock.Add(5 * time.Minute)
		r.tick(t)
		w.checkIns(t, chat, 1, "in all")
		w.press(t, chat, "Yes, it arrived", "I'm glad it arrived")
		r.stop()
	})

	for i, tc := range []struct {
		name, why string
		cancel    func(t *testing.T, r *fuReplica, chat int64)
	}{
		{"cancelled_when_the_person_writes_first", "after the person wrote first", func(t *testing.T, r *fuReplica, chat int64) {
			w.clock.Add(time.Hour)
			w.say(t, chat, "hello", "Hello")
			if fs := scheduled(t, r, chat); len(fs) != 0 {
				t.Fatalf("still scheduled after the person wrote: %+v", fs)
			}
		}},
		{"cancelled_on_forget", "after /forget", func(t *testing.T, r *fuReplica, chat int64) {
			w.say(t, chat, "/forget", "")
			w.tg.Wait(t, "forget confirmed", func(*telegramtest.Server) bool { return len(scheduled(t, r, chat)) == 0 })
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			chat := int64(504 + i)
			w.clock.Set(monday22)
			r := w.start(t, true)
			w.agree(t, chat, true)
			tc.cancel(t, r, chat)
			w.clock.Set(time.Date(2026, 3, 6, 10, 0, 0, 0, time.UTC))
			r.tick(t)
			w.checkIns(t, chat, 0, tc.why)
			r.stop()
		})
	}

	t.Run("slack_dm_at_the_persons_own_hour", func(t *testing.T) {
		// An employee in Tokyo: 09:00 there is 00:00 UTC.
		w.sl.SetTimeZone("UKEIKO", "Asia/Tokyo")
		r := w.start(t, false)
		to := bot.Address{Platform: slackad.Platform, Chat: "DKEIKO", User: "UKEIKO"}
		f := bot.FollowUp{ID: "peer1", To: to, Flow: "peer_support", Step: "done", Lang: "en", Due: time.Date(2026, 3, 9, 23, 0, 0, 0, time.UTC), Created: monday22, Audience: "employee"}
		if err := r.store.FollowUps().Schedule(t.Context(), f); err != nil {
			t.Fatal(err)
		}
		w.clock.Set(time.Date(2026, 3, 9, 23, 30, 0, 0, time.UTC)) // 08:30 in Tokyo
		r.tick(t)
		if n := len(w.sl.Messages("DKEIKO")); n != 0 {
			t.Fatalf("sent %d messages at 08:30 in Tokyo", n)
		}
		w.clock.Set(time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)) // 09:00 in Tokyo, midnight in UTC
		r.tick(t)
		ms := w.sl.WaitMessages(t, "DKEIKO", 1)
		if !strings.Contains(ms[0].Text, "How are you doing after yesterday?") {
			t.Errorf("Slack DM = %q, want the peer-support check-in", ms[0].Text)
		}
		r.stop()
	})
}

func TestFollowUpsCommand(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	to := bot.Address{Platform: "telegram", Chat: "777", User: "777"}
	due := time.Date(2026, 3, 6, 9, 0, 0, 0, time.UTC)
	schedule(t, url, bot.FollowUp{ID: "abc123", To: to, Flow: "order_problem", Step: "later", Lang: "en", Slots: map[string]string{"order": "AB-987654"}, Due: due, NeedsPerson: true})
	env := map[string]string{"REDIS_URL": url, "CAREBOT_FOLLOWUPS_TIMEZONE": ""}
	out, _, err := runMain(t, env, "", "followups", "list")
	if err != nil {
		t.Fatal(err)
	}
	hasAll(t, out, "list lacks %q:\n%s", "2026-03-06 09:00 UTC", "abc123", to.Hash(), "telegram", "order_problem", "yes")
	hasNone(t, out, "list shows %q (a slot value or a platform id):\n%s", "AB-987654", "777")
	if _, _, err := runMain(t, env, "", "followups", "cancel", "nope"); err == nil {
		t.Error("cancel of an unknown id succeeded")
	}
	out, _, err = runMain(t, env, "", "followups", "cancel", to.Hash())
	if err != nil || !strings.Contains(out, "cancelled abc123") {
		t.Fatalf("cancel = %q, %v", out, err)
	}
	out, _, _ = runMain(t, env, "", "followups", "list")
	if !strings.Contains(out, "no check-ins scheduled") {
		t.Errorf("after cancel:\n%s", out)
	}
}

// schedule puts f in the schedule in the Redis at url, as a running
// carebot does.
func schedule(t *testing.T, url string, f bot.FollowUp) {
	t.Helper()
	rs, err := redisstore.New(redisstore.Config{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	if err := rs.FollowUps().Schedule(t.Context(), f); err != nil {
		t.Fatal(err)
	}
}

// sentTo records the check-ins a scheduler sends.
type sentTo struct {
	mu sync.Mutex
	to []bot.Address
}

func (s *sentTo) Send(_ context.Context, to bot.Address, _ []bot.Reply) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.to = append(s.to, to)
	return nil
}

func (s *sentTo) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.to)
}

// TestFollowUpsCancelCountsOperator: `carebot followups cancel` runs in its
// own process, so it cannot bump the running carebot's counter: it marks the
// check-in, and the next scheduler look (of any replica) drops it and counts
// reason "operator", once.
func TestFollowUpsCancelCountsOperator(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	set := bottest.MustFlows(t)
	var replicas []*bot.Scheduler
	var regs []*prometheus.Registry
	var sent sentTo
	now := time.Date(2026, 3, 6, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	for range 2 {
		rs, err := redisstore.New(redisstore.Config{URL: url})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = rs.Close() })
		e, err := bot.New(bot.Config{Flows: set, Store: rs, FollowUps: rs.FollowUps(), Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		reg := prometheus.NewRegistry()
		c := metrics.NewCare(reg, metrics.CareSeries{})
		s, err := bot.NewScheduler(bot.SchedulerConfig{Engine: e, Store: rs.FollowUps(), Now: clock, Care: c,
			Senders: map[string]bot.Sender{"telegram": &sent}})
		if err != nil {
			t.Fatal(err)
		}
		replicas, regs = append(replicas, s), append(regs, reg)
	}
	to := bot.Address{Platform: "telegram", Chat: "778", User: "778"}
	// Due in three days: the scheduler must not wait until then to count it.
	schedule(t, url, bot.FollowUp{ID: "op1", To: to, Flow: "order_problem", Step: "later", Lang: "en", Due: now.Add(72 * time.Hour)})
	env := map[string]string{"REDIS_URL": url}
	if out, _, err := runMain(t, env, "", "followups", "cancel", "op1"); err != nil || !strings.Contains(out, "cancelled op1") {
		t.Fatalf("cancel = %q, %v", out, err)
	}
	if out, _, _ := runMain(t, env, "", "followups", "list"); !strings.Contains(out, "no check-ins scheduled") {
		t.Errorf("list after cancel:\n%s", out)
	}
	if _, _, err := runMain(t, env, "", "followups", "cancel", "op1"); err == nil {
		t.Error("a second cancel of the same check-in succeeded")
	}
	tickAll := func() {
		t.Helper()
		for _, s := range replicas {
			if _, err := s.Tick(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
	}
	var wg sync.WaitGroup
	for _, s := range replicas {
		wg.Go(func() {
			if _, err := s.Tick(t.Context()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	tickAll()
	total := 0.0
	for _, reg := range regs {
		total += counterValue(t, reg, "carebot_followups_cancelled_total", map[string]string{"reason": "operator", "channel": "telegram"})
	}
	if total != 1 {
		t.Errorf("carebot_followups_cancelled_total{reason=\"operator\"} = %v over the replicas, want 1", total)
	}
	now = now.Add(73 * time.Hour)
	tickAll()
	if n := sent.count(); n != 0 {
		t.Errorf("a cancelled check-in was sent %d times", n)
	}
}

// counterValue is the value of the counter name with labels in reg, 0 if none.
func counterValue(t *testing.T, reg prometheus.Gatherer, name string, labels map[string]string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	metric:
		for _, m := range mf.GetMetric() {
			for _, lp := range m.GetLabel() {
				if v, ok := labels[lp.GetName()]; ok && v != lp.GetValue() {
					continue metric
				}
			}
			sum += m.GetCounter().GetValue()
		}
	}
	return sum
}
