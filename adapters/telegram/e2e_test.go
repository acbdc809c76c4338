package telegram

// End-to-end: the real engine and the built-in flows behind the adapter,
// the real telegram-bot-api library in front of it, a fake Bot API server
// at the other end. Expected texts come from the loaded flows, so a support
// lead's wording change does not break these tests; a change of structure does.

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
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
	"github.com/carebot/carebot/bot/memstore"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// newEngine is the real engine with cfg, logging to the test.
func newEngine(t *testing.T, cfg bot.Config) *bot.Engine {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = adaptertest.Logger(t)
	}
	e, err := bot.New(cfg)
	if err != nil {
		t.Fatalf("bot.New: %v", err)
	}
	return e
}

// e2e runs an adapter (edit changes its config first) against a new fake
// Bot API, with the real engine and the built-in flows on a store in
// memory; the script reads the flows in English.
func e2e(t *testing.T, edit func(*Config)) (script, *telegramtest.Server, *Adapter, *adaptertest.Sleeps) {
	t.Helper()
	set := bottest.MustFlows(t)
	srv, a, sl := serve(t, newEngine(t, bot.Config{Flows: set, Store: memstore.New(memstore.Config{})}), edit)
	return script{set, "en"}, srv, a, sl
}

// script reads what the built-in flows say, in one language.
type script struct {
	set  *flow.Set
	lang string
}

func (s script) in(txt flow.Text) string { return txt.In(s.lang, "en") }

func (s script) step(t *testing.T, flowID, stepID string) *flow.Step {
	t.Helper()
	f := s.set.Flow(flowID)
	if f == nil || f.Step(stepID) == nil {
		t.Fatalf("built-in flows have no step %s.%s: update this test", flowID, stepID)
	}
	return f.Step(stepID)
}

// say returns the step's say texts, as said when nobody can come: the
// engines of these tests have no desk, so a line that speaks of a person
// is said in its unstaffed variant.
func (s script) say(t *testing.T, flowID, stepID string) []string {
	t.Helper()
	var out []string
	for _, txt := range s.step(t, flowID, stepID).Say {
		if txt.Unstaffed != nil {
			out = append(out, txt.Unstaffed.In(s.lang, "en"))
			continue
		}
		out = append(out, s.in(txt))
	}
	return out
}

// question returns the step's question (choose or ask) and its button labels.
func (s script) question(t *testing.T, flowID, stepID string) (string, []string) {
	t.Helper()
	st := s.step(t, flowID, stepID)
	switch {
	case st.Choose != nil:
		var labels []string
		for _, c := range st.Choose.Choices {
			labels = append(labels, s.in(c.Label))
		}
		return s.in(st.Choose.Text), labels
	case st.Ask != nil:
		return s.in(st.Ask.Text), nil
	}
	t.Fatalf("step %s.%s asks nothing", flowID, stepID)
	return "", nil
}

func (s script) message(key string) string { return s.in(s.set.Common.Messages[key]) }

func labels(c telegramtest.Call) []string {
	var out []string
	for _, b := range c.Buttons() {
		out = append(out, b.Text)
	}
	return out
}

// wantSent checks the texts of the calls.
func wantSent(t *testing.T, got []telegramtest.Call, want ...string) {
	t.Helper()
	if g := texts(got); !slices.Equal(g, want) {
		t.Fatalf("sent:\n  %q\nwant:\n  %q", g, want)
	}
}

// quiet waits until every pushed update is confirmed (so every turn is
// stored) and the chat's replies went out, then returns what chat got. A
// reply that should not exist shows up here.
func quiet(t *testing.T, srv *telegramtest.Server, a *Adapter, chat int64, lastUpdate int) []telegramtest.Call {
	t.Helper()
	srv.Wait(t, "every update stored", func(s *telegramtest.Server) bool { return s.Confirmed() > lastUpdate })
	return drained(t, srv, a, chat)
}

// push pushes us and returns what chat got once every one is stored and
// the chat's replies went out (quiet).
func push(t *testing.T, srv *telegramtest.Server, a *Adapter, chat int64, us ...tgbotapi.Update) []telegramtest.Call {
	t.Helper()
	pushed := srv.Push(us...)
	return quiet(t, srv, a, chat, pushed[len(pushed)-1].UpdateID)
}

// drained waits until chat's queue is empty and returns what chat got.
func drained(t *testing.T, srv *telegramtest.Server, a *Adapter, chat int64) []telegramtest.Call {
	t.Helper()
	wait.Until(t, "the chat's queue drained", func() bool {
		return a.runner.Idle(strconv.FormatInt(chat, 10))
	})
	return srv.Sent(chat)
}

// welcome returns what /start says: the welcome's messages, then the menu.
func welcome(t *testing.T, s script) (texts []string, menu []string) {
	t.Helper()
	texts = s.say(t, "welcome", "start")
	q, menu := s.question(t, "welcome", "menu")
	return append(texts, q), menu
}

// A whole conversation: /start, the menu's buttons, a press, a typed order
// number, the next question with its buttons; presses answered, keyboards
// removed, the flow's pauses shown as typing.
func TestE2EConversation(t *testing.T) {
	t.Parallel()
	en, srv, a, sl := e2e(t, func(c *Config) { c.PaceScale = 1 })

	srv.Push(telegramtest.Text(42, 42, "/start"))
	hello, menu := welcome(t, en)
	sent := srv.WaitSent(t, 42, len(hello))
	wantSent(t, sent, hello...)
	menuMsg := sent[len(sent)-1]
	if got := labels(menuMsg); !slices.Equal(got, menu) {
		t.Fatalf("menu buttons %q, want %q", got, menu)
	}
	for _, b := range menuMsg.Buttons() {
		if len(b.Data) > maxCallbackData {
			t.Errorf("callback_data %q over 64 bytes", b.Data)
		}
	}
	if p := en.step(t, "welcome", "start").Pause; p > 0 {
		if !slices.Contains(sl.All(), p) {
			t.Errorf("pauses %v: want the flow's %v", sl.All(), p)
		}
		if len(srv.Calls("sendChatAction")) == 0 {
			t.Errorf("no typing action before a paced reply")
		}
	}

	// Press "An order or a delivery".
	i := slices.Index(menu, en.in(en.set.Flow("welcome").Step("menu").Choose.Choices[0].Label))
	srv.Push(telegramtest.PressOn(menuMsg, 42, i))
	ask, _ := en.question(t, "order_problem", "ask_order")
	want := append(slices.Clone(hello), en.say(t, "order_problem", "start")...)
	want = append(want, ask)
	sent = srv.WaitSent(t, 42, len(want))
	wantSent(t, sent, want...)
	srv.Wait(t, "the press answered and the menu removed", func(s *telegramtest.Server) bool {
		return len(s.Calls("answerCallbackQuery")) == 1 && len(s.Calls("editMessageReplyMarkup")) == 1
	})
	if got := srv.Calls("editMessageReplyMarkup")[0].Params.Get("message_id"); got != strconv.Itoa(menuMsg.MessageID) {
		t.Errorf("removed the keyboard of message %s, want the menu %d", got, menuMsg.MessageID)
	}

	// Type the order number; markup characters in a later message are harmless.
	q, choices := en.question(t, "order_problem", "what_happened")
	want = append(want, strings.ReplaceAll(q, "{{order}}", "AB-123456"))
	sent = push(t, srv, a, 42, telegramtest.Text(42, 42, "AB-123456"))
	wantSent(t, sent, want...)
	if got := labels(sent[len(sent)-1]); !slices.Equal(got, choices) {
		t.Errorf("buttons %q, want %q", got, choices)
	}
}

// A press on an old keyboard: the engine says the choice has expired and
// asks the current question again; the conversation does not jump.
func TestE2EStalePress(t *testing.T) {
	t.Parallel()
	en, srv, a, _ := e2e(t, nil)

	srv.Push(telegramtest.Text(42, 42, "/start"))
	hello, _ := welcome(t, en)
	menuMsg := srv.WaitSent(t, 42, len(hello))[len(hello)-1]
	srv.Push(telegramtest.PressOn(menuMsg, 42, 0))
	ask, _ := en.question(t, "order_problem", "ask_order")
	n := len(hello) + len(en.say(t, "order_problem", "start")) + 1
	wantSent(t, srv.WaitSent(t, 42, n)[n-1:], ask)

	// The menu message's keyboard is gone on the person's screen, but an
	// old client (or a fast double tap) can still send the press.
	sent := push(t, srv, a, 42, telegramtest.PressOn(menuMsg, 42, 1))
	wantSent(t, sent[n:], en.message(flow.MsgExpired), ask)
	srv.Wait(t, "both presses answered", func(s *telegramtest.Server) bool { return len(s.Calls("answerCallbackQuery")) == 2 })

	// Still at the order number.
	q, _ := en.question(t, "order_problem", "what_happened")
	sent = push(t, srv, a, 42, telegramtest.Text(42, 42, "AB-123456"))
	wantSent(t, sent[n+2:], strings.ReplaceAll(q, "{{order}}", "AB-123456"))
}

// language_code fr: the conversation is in French, buttons included.
func TestE2EFrenchFromLanguageCode(t *testing.T) {
	t.Parallel()
	en, srv, a, _ := e2e(t, nil)
	fr := script{en.set, "fr"}

	srv.Push(telegramtest.Lang(telegramtest.Text(7, 7, "/start"), "fr"))
	hello, menu := welcome(t, fr)
	sent := srv.WaitSent(t, 7, len(hello))
	wantSent(t, sent, hello...)
	if got := labels(sent[len(sent)-1]); !slices.Equal(got, menu) {
		t.Errorf("menu %q, want %q", got, menu)
	}
	ask, _ := fr.question(t, "order_problem", "ask_order")
	sent = push(t, srv, a, 7, telegramtest.Lang(telegramtest.PressOn(sent[len(sent)-1], 7, 0), "fr"))
	if got := sent[len(sent)-1].Text(); got != ask {
		t.Errorf("after the press: %q, want %q", got, ask)
	}
}

// A sticker and a photo get the kind "I can read text" reply, in the
// person's language; nothing crashes.
func TestE2EStickerAndPhoto(t *testing.T) {
	t.Parallel()
	en, srv, a, _ := e2e(t, nil)

	push(t, srv, a, 1, telegramtest.Media(1, 1, "sticker"), telegramtest.Lang(telegramtest.Media(2, 2, "photo"), "fr"))
	drained(t, srv, a, 2)
	wantSent(t, srv.Sent(1), en.message(flow.MsgNotText))
	wantSent(t, srv.Sent(2), script{en.set, "fr"}.message(flow.MsgNotText))
}

// Flood control: one person sending 30 messages at once gets one gentle
// notice, then nothing; someone else is answered as usual.
func TestE2EFlood(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	en := script{set, "en"}
	srv, a, _ := serve(t, newEngine(t, bot.Config{Flows: set, Store: memstore.New(memstore.Config{}), FloodLimit: 20, FloodWindow: time.Minute}), nil)
	var us []tgbotapi.Update
	for i := range 30 {
		us = append(us, telegramtest.Text(1, 1, "where is my parcel "+strconv.Itoa(i)))
		if i == 25 {
			us = append(us, telegramtest.Text(2, 2, "/start"))
		}
	}
	sent := push(t, srv, a, 1, us...)
	notice := en.message(flow.MsgFlood)
	at := slices.IndexFunc(sent, func(c telegramtest.Call) bool { return c.Text() == notice })
	if at < 0 {
		t.Fatalf("no flood notice in %d messages", len(sent))
	}
	if at != len(sent)-1 {
		t.Errorf("%d messages after the flood notice: %q", len(sent)-1-at, texts(sent[at+1:]))
	}
	hello, _ := welcome(t, en)
	wantSent(t, drained(t, srv, a, 2), hello...)
}

// /forget deletes the session and confirms; what follows starts afresh.
func TestE2EForget(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	testForget(t, set, memstore.New(memstore.Config{}), nil)
}

// testForget has a conversation stored, runs checkStored (if any), sends
// /forget, and checks the confirmation and that nothing of the
// conversation is left: only a tombstone with the /forget's update id
// (its mark: what was said before it is never answered again).
func testForget(t *testing.T, set *flow.Set, store bot.Store, checkStored func()) {
	t.Helper()
	en := script{set, "en"}
	srv, a, _ := serve(t, newEngine(t, bot.Config{Flows: set, Store: store}), nil)
	who := bot.Address{Platform: "telegram", Chat: "42", User: "42"}

	push(t, srv, a, 42, telegramtest.Text(42, 42, "my parcel hasn't arrived"))
	if s := adaptertest.Session(t, store, who); s.Flow == "" {
		t.Fatalf("no conversation stored before /forget: %+v", s)
	}
	if checkStored != nil {
		checkStored()
	}
	n := len(srv.Sent(42))
	sent := push(t, srv, a, 42, telegramtest.Text(42, 42, "/forget"))
	wantSent(t, sent[n:], en.message(flow.MsgForgotten))
	s := adaptertest.Session(t, store, who)
	if s.Flow != "" || s.Step != "" || !s.Created.IsZero() || len(s.Recent) != 0 || s.Lang != "" ||
		!s.Forgotten || s.ForgetMark == 0 || len(s.Seen) != 1 {
		t.Errorf("session after /forget: %+v, want a tombstone with the /forget's id and mark, nothing else", s)
	}
}

// TestE2EWebhookForgetDropsOlder: two replicas in webhook mode on one
// redis-server. Telegram redelivers a message said before /forget, to
// either replica, before and after the person wrote again: it gets no
// answer and nothing of it is stored. What the person says after the
// /forget is answered as a new conversation. The old engine answered the
// redelivery and kept its words in a new conversation.
func TestE2EWebhookForgetDropsOlder(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	set := bottest.MustFlows(t)
	en := script{set, "en"}
	srv := telegramtest.New(t)
	const secret = "e2e-secret"
	edit := webhook(secret)
	who := bot.Address{Platform: "telegram", Chat: "42", User: "42"}
	var rs []*Adapter
	for range 2 {
		a, _ := newAdapter(t, srv, edit)
		start(t, a, newEngine(t, bot.Config{Flows: set, Store: adaptertest.Redis(t, url)}))
		rs = append(rs, a)
	}
	store := adaptertest.Redis(t, url)
	deliver := func(a *Adapter, u tgbotapi.Update) []telegramtest.Call {
		t.Helper()
		if code := post(a.WebhookHandler(), u, secret); code != http.StatusOK {
			t.Fatalf("update %d: %d", u.UpdateID, code)
		}
		return drained(t, srv, a, 42)
	}
	update := func(text string) tgbotapi.Update {
		u := telegramtest.Text(42, 42, text)
		u.UpdateID = srv.NextUpdateID()
		return u
	}
	said := update("my parcel AB-123456 hasn't arrived")
	deliver(rs[0], said)
	n := len(deliver(rs[1], update("/forget")))
	if got := srv.Sent(42); got[len(got)-1].Text() != en.message(flow.MsgForgotten) {
		t.Fatalf("/forget answered %q", texts(got))
	}
	nothingSaid := func(when string) {
		t.Helper()
		s := adaptertest.Session(t, store, who)
		for _, tu := range s.Recent {
			if strings.Contains(tu.Text, "AB-123456") {
				t.Errorf("%s: the conversation keeps %q, said before /forget", when, tu.Text)
			}
		}
	}
	for _, a := range rs {
		if got := deliver(a, said); len(got) != n {
			t.Errorf("a message said before /forget, redelivered, was answered: %q", texts(got[n:]))
		}
	}
	nothingSaid("after the redeliveries")
	got := deliver(rs[0], update("hello"))
	if len(got) == n {
		t.Fatalf("a message after /forget got no answer")
	}
	if s := adaptertest.Session(t, store, who); s.Forgotten || len(s.Recent) == 0 || s.Recent[0].Text != "hello" {
		t.Errorf("after a new message: %+v, want a new conversation starting with it", s)
	}
	n = len(got)
	if got := deliver(rs[1], said); len(got) != n {
		t.Errorf("a message said before /forget, redelivered in the new conversation, was answered: %q", texts(got[n:]))
	}
	nothingSaid("in the new conversation")
}

// The same update delivered twice to the webhook, the second time to a
// restarted process (no memory in the adapter): the engine recognises it.
func TestE2EWebhookRedeliveredAcrossRestart(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	store := memstore.New(memstore.Config{})
	srv := telegramtest.New(t)
	const secret = "e2e-secret"
	edit := webhook(secret)
	u := telegramtest.Text(42, 42, "/start")
	u.UpdateID = srv.NextUpdateID()

	a, _ := newAdapter(t, srv, edit)
	r := start(t, a, newEngine(t, bot.Config{Flows: set, Store: store}))
	if code := post(a.WebhookHandler(), u, secret); code != http.StatusOK {
		t.Fatalf("delivery: %d", code)
	}
	hello, _ := welcome(t, script{set, "en"})
	n := len(srv.WaitSent(t, 42, len(hello)))
	if err := r.stop(t); err != nil {
		t.Fatal(err)
	}

	b, _ := newAdapter(t, srv, edit)
	start(t, b, newEngine(t, bot.Config{Flows: set, Store: store}))
	if code := post(b.WebhookHandler(), u, secret); code != http.StatusOK {
		t.Fatalf("redelivery: %d", code)
	}
	if got := len(drained(t, srv, b, 42)); got != n {
		t.Errorf("%d messages after the redelivery, want %d (no second answer)", got, n)
	}
}

// On a real redis-server, /forget removes the session from Redis.
func TestE2ERedisForget(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	set := bottest.MustFlows(t)
	store := adaptertest.Redis(t, url)
	who := bot.Address{Platform: "telegram", Chat: "42", User: "42"}
	before := int64(-1)
	testForget(t, set, store, func() {
		var err error
		if before, err = store.MemoryUsage(t.Context(), who); err != nil || before == 0 {
			t.Fatalf("nothing in Redis before /forget: %d bytes, %v", before, err)
		}
	})
	// Nothing personal is left in Redis under the conversation's keys:
	// the tombstone, a fraction of what was there.
	if n, err := store.MemoryUsage(t.Context(), who); err != nil || n >= before {
		t.Errorf("Redis holds %d bytes for the conversation after /forget (%v), had %d", n, err, before)
	}
	// A second client (another process) finds the tombstone alone.
	if s := adaptertest.Session(t, adaptertest.Redis(t, url), who); !s.Created.IsZero() || s.Flow != "" || !s.Forgotten || len(s.Recent) != 0 {
		t.Errorf("session in Redis after /forget: %+v", s)
	}
}

// The process restarts between a question and its answer: a new adapter,
// engine and Redis client pick the conversation up at the same step.
func TestE2ERedisRestartResumes(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	set := bottest.MustFlows(t)
	en := script{set, "en"}
	srv := telegramtest.New(t)

	a, _ := newAdapter(t, srv, nil)
	r := start(t, a, newEngine(t, bot.Config{Flows: set, Store: adaptertest.Redis(t, url)}))
	srv.Push(telegramtest.Text(42, 42, "/start"))
	hello, _ := welcome(t, en)
	menuMsg := srv.WaitSent(t, 42, len(hello))[len(hello)-1]
	ask, _ := en.question(t, "order_problem", "ask_order")
	sent := push(t, srv, a, 42, telegramtest.PressOn(menuMsg, 42, 0))
	if got := sent[len(sent)-1].Text(); got != ask {
		t.Fatalf("before the restart the bot asked %q, want %q", got, ask)
	}
	if err := r.stop(t); err != nil {
		t.Fatalf("Run: %v", err)
	}
	n := len(sent)

	b, _ := run(t, srv, newEngine(t, bot.Config{Flows: set, Store: adaptertest.Redis(t, url)}), nil)
	q, _ := en.question(t, "order_problem", "what_happened")
	sent = push(t, srv, b, 42, telegramtest.Text(42, 42, "AB-123456"))
	wantSent(t, sent[n:], strings.ReplaceAll(q, "{{order}}", "AB-123456"))

	// The press from before the restart, sent again by Telegram or a
	// double tap, is stale now: expired, and the current question again.
	sent = push(t, srv, b, 42, telegramtest.PressOn(menuMsg, 42, 0))
	if len(sent) < n+3 || sent[n+1].Text() != en.message("expired") {
		t.Errorf("a stale press after the restart got %q", texts(sent[n+1:]))
	}
}

// Flood control end to end: the real engine and flows, a real redis-server,
// the real telegram-bot-api library against the fake Bot API. Each reply
// comes after a typing pause, as in production; the pauses are simulated on
// a fake clock that only moves while a reply is "typed", and they wait
// until the whole burst has arrived, as they would in real time (40
// messages in two seconds arrive long before the first pause ends).
//
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
