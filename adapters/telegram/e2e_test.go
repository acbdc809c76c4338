package telegram

// End-to-end: the real engine and the built-in flows behind the adapter,
// the real telegram-bot-api library in front of it, a fake Bot API server
// at the other end. Expected texts come from the loaded flows, so a support
// lead's wording change does not break these tests; a change of structure does.

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
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
func e2e(t *testing.T, edit func(*Config)) (script, *telegramtest.Server, *Adapter, *sleeps) {
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
		if !slices.Contains(sl.all(), p) {
			t.Errorf("pauses %v: want the flow's %v", sl.all(), p)
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
// /forget, and checks the confirmation and that the session is gone.
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
	if s := adaptertest.Session(t, store, who); s.Flow != "" || s.Step != "" || !s.Created.IsZero() || len(s.Seen) != 0 || len(s.Recent) != 0 {
		t.Errorf("session after /forget: %+v, want none", s)
	}
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
	// Nothing is left in Redis under the conversation's keys.
	if n, err := store.MemoryUsage(t.Context(), who); err != nil || n != 0 {
		t.Errorf("Redis holds %d bytes for the conversation after /forget (%v), had %d", n, err, before)
	}
	// A second client (another process) finds no session either.
	if s := adaptertest.Session(t, adaptertest.Redis(t, url), who); !s.Created.IsZero() || s.Flow != "" {
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
