package telegram

// Flood control end to end: the real engine and flows, a real redis-server,
// the real telegram-bot-api library against the fake Bot API. Each reply
// comes after a typing pause, as in production; the pauses are simulated on
// a fake clock that only moves while a reply is "typed", and they wait
// until the whole burst has arrived, as they would in real time (40
// messages in two seconds arrive long before the first pause ends).

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/carebot/carebot/adapters/internal/adaptertest"
	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// floodSetup is where every flood test starts: a redis-server, the
// built-in flows in English, the fake Bot API and a clock whose pauses
// wait for Release.
func floodSetup(t *testing.T) (url string, en script, srv *telegramtest.Server, clock *bottest.PauseClock) {
	return redistest.Start(t), script{bottest.MustFlows(t), "en"}, telegramtest.New(t), bottest.NewPauseClock()
}

// floodReplica is one carebot process: its own engine and Redis client on
// the shared Redis, and an adapter that counts arrivals with the engine.
func floodReplica(t *testing.T, srv *telegramtest.Server, url string, clock *bottest.PauseClock, edit func(*Config)) (*Adapter, *bottest.Paced) {
	t.Helper()
	eng := newEngine(t, bot.Config{
		Flows: bottest.MustFlows(t), Store: adaptertest.Redis(t, url), Now: clock.Now,
		FloodLimit: 20, FloodWindow: 10 * time.Second,
	})
	a, _ := newAdapter(t, srv, func(c *Config) {
		c.PaceScale = 1
		c.Gate = eng
		if edit != nil {
			edit(c)
		}
	})
	a.sleep = clock.Sleep
	h := &bottest.Paced{Next: eng, Pause: 1500 * time.Millisecond}
	return a, h
}

// noticeCount counts the flood notices among calls.
func noticeCount(calls []telegramtest.Call, notice string) int {
	n := 0
	for _, c := range calls {
		if c.Text() == notice {
			n++
		}
	}
	return n
}

// TestE2EFloodCountedAtArrival: 40 messages in a burst, a crisis among
// them. The person gets at most the answer already being typed, one gentle
// notice, and the safety message; nothing else. Counted at turn time, the
// typing pauses spread the 40 turns over a minute and all 40 were answered.
func TestE2EFloodCountedAtArrival(t *testing.T) {
	t.Parallel()
	url, en, srv, clock := floodSetup(t)
	a, h := floodReplica(t, srv, url, clock, nil)
	start(t, a, h)

	var us []tgbotapi.Update
	for i := range 40 {
		text := fmt.Sprintf("where is my parcel, it's been days (%d)", i)
		if i == 30 {
			text = "I want to kill myself"
		}
		us = append(us, telegramtest.Text(7, 7, text))
	}
	us = append(us, telegramtest.Text(8, 8, "/start")) // someone else, meanwhile
	pushed := srv.Push(us...)
	last := pushed[len(pushed)-1].UpdateID
	wait.Until(t, "the burst taken", func() bool {
		a.mu.Lock()
		defer a.mu.Unlock()
		return a.maxSeen >= last
	})
	clock.Release()
	sent := quiet(t, srv, a, 7, last)

	notice := en.message(flow.MsgFlood)
	safety, _, _ := strings.Cut(en.message(flow.MsgCrisis), "{{")
	if n := noticeCount(sent, notice); n != 1 {
		t.Errorf("%d flood notices, want 1: %q", n, texts(sent))
	}
	crisis := 0
	for _, c := range sent {
		if strings.HasPrefix(c.Text(), safety) {
			crisis++
		}
	}
	if crisis != 1 {
		t.Errorf("the crisis inside the burst got %d safety messages, want 1: %q", crisis, texts(sent))
	}
	// The first message's turn may have started before the burst was
	// counted; the crisis has its turn; nothing else does.
	if n := h.Turns.Load(); n > 3 {
		t.Errorf("%d of the burst's messages were answered, want at most the first, the crisis and the other person's", n)
	}
	if len(sent) > 8 {
		t.Errorf("the flooder got %d messages: %q", len(sent), texts(sent))
	}
	hello, _ := welcome(t, en)
	wantSent(t, quiet(t, srv, a, 8, last), hello...)
}

// TestE2EFloodSharedAcrossReplicas: two replicas behind one webhook URL
// share Redis; a burst split between them is one person's burst.
func TestE2EFloodSharedAcrossReplicas(t *testing.T) {
	t.Parallel()
	url, en, srv, clock := floodSetup(t)
	var replicas [2]*Adapter
	var handlers [2]*bottest.Paced
	for i := range replicas {
		replicas[i], handlers[i] = floodReplica(t, srv, url, clock, webhook("s3cret"))
		start(t, replicas[i], handlers[i])
	}

	// A load balancer alternates between the replicas. Each request is
	// answered once its turn is stored, so they are posted in goroutines,
	// in order: the next one once the last was taken.
	var wg sync.WaitGroup
	for i := range 40 {
		r := replicas[i%2]
		u := telegramtest.Text(9, 9, fmt.Sprintf("hello? anyone there? (%d)", i))
		u.UpdateID = srv.NextUpdateID()
		wg.Go(func() {
			if code := post(r.WebhookHandler(), u, "s3cret"); code != 200 {
				t.Errorf("webhook answered %d", code)
			}
		})
		wait.Until(t, "the update taken", func() bool {
			r.mu.Lock()
			defer r.mu.Unlock()
			_, queued := r.inflight[u.UpdateID]
			_, done := r.recent[u.UpdateID]
			return queued || done
		})
	}
	clock.Release()
	wg.Wait()
	for _, r := range replicas {
		drained(t, srv, r, 9)
	}
	sent := srv.Sent(9)
	if n := noticeCount(sent, en.message(flow.MsgFlood)); n != 1 {
		t.Errorf("%d flood notices across the replicas, want 1: %q", n, texts(sent))
	}
	// Each replica may be typing its first answer when the burst is
	// counted; nothing else is answered.
	if n := handlers[0].Turns.Load() + handlers[1].Turns.Load(); n > 2 {
		t.Errorf("%d of the burst's messages were answered across the replicas, want at most 2", n)
	}
}

// TestE2EFloodCheckInPersonPasses: a follow-up check-in is on the person's
// screen; they send a burst of stickers (which leave the check-in open),
// get the flood notice, then press its "I'd like a person". The press
// leads to a person: it passes the gate and hands the conversation over,
// however fast they wrote before. Its button used to carry a kind the gate
// did not know, and the press was dropped in silence.
func TestE2EFloodCheckInPersonPasses(t *testing.T) {
	t.Parallel()
	url, en, srv, clock := floodSetup(t) // the clock never released: it stands still
	store := adaptertest.Redis(t, url)
	eng := newEngine(t, bot.Config{
		Flows: en.set, Store: store, FollowUps: store.FollowUps(), Now: clock.Now,
		Desk: &bottest.Desk{}, FloodLimit: 20, FloodWindow: 10 * time.Second,
	})
	a, _ := run(t, srv, eng, func(c *Config) { c.PaceScale = -1; c.Gate = eng })

	to := address(7, 7)
	checkIn, cancel, err := eng.CheckIn(t.Context(), bot.FollowUp{
		ID: "fu-7", To: to, Flow: "order_problem", Step: "later", Lang: "en",
		Slots: map[string]string{"order": "AB-123456"}, Created: clock.Now(), Due: clock.Now(),
	})
	if err != nil || cancel != "" || len(checkIn) != 1 {
		t.Fatalf("CheckIn: %d replies, cancel %q, %v", len(checkIn), cancel, err)
	}
	if err := a.Send(t.Context(), to, checkIn); err != nil {
		t.Fatalf("send the check-in: %v", err)
	}
	shown := srv.WaitSent(t, 7, 1)[0]
	person := -1
	for i, b := range shown.Buttons() {
		if b.Text == "I'd like a person" {
			person = i
		}
	}
	if person < 0 {
		t.Fatalf("the check-in %q has no button \"I'd like a person\": %q", shown.Text(), labels(shown))
	}

	var burst []tgbotapi.Update
	for range 40 {
		burst = append(burst, telegramtest.Media(7, 7, "sticker"))
	}
	pushed := srv.Push(burst...)
	last := pushed[len(pushed)-1].UpdateID
	wait.Until(t, "the burst taken", func() bool {
		a.mu.Lock()
		defer a.mu.Unlock()
		return a.maxSeen >= last
	})
	press := srv.Push(telegramtest.PressOn(shown, 7, person))
	sent := quiet(t, srv, a, 7, press[0].UpdateID)

	if n := noticeCount(sent, en.message(flow.MsgFlood)); n != 1 {
		t.Errorf("%d flood notices, want 1: %q", n, texts(sent))
	}
	handoff := en.in(en.set.Flow("order_problem").Step("later").FollowUp.Answer("person").Handoff.Text)
	if n := noticeCount(sent, handoff); n != 1 {
		t.Errorf("the press of \"I'd like a person\" after the burst got %d hand-off answers, want 1: %q", n, texts(sent))
	}
}
