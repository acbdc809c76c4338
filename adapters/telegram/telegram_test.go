package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
)

func TestNewChecksConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  Config
		want string // part of the error; "" = valid
	}{
		{"valid_polling", Config{Token: "1:a"}, ""},
		{"valid_webhook", Config{Token: "1:a", WebhookURL: "https://bot.example.com/telegram/webhook", WebhookSecret: "s3cret-_x"}, ""},
		{"no_token", Config{}, "TELEGRAM_BOT_TOKEN"},
		{"bad_endpoint", Config{Token: "1:a", Endpoint: "https://api.telegram.org/bot"}, "%s"},
		{"webhook_http", Config{Token: "1:a", WebhookURL: "http://bot.example.com/hook", WebhookSecret: "s"}, "https"},
		{"webhook_without_secret", Config{Token: "1:a", WebhookURL: "https://bot.example.com/hook"}, "TELEGRAM_WEBHOOK_SECRET"},
		{"webhook_bad_secret", Config{Token: "1:a", WebhookURL: "https://bot.example.com/hook", WebhookSecret: "has space"}, "A-Z"},
		{"no_texts", Config{Token: "1:a"}, "texts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if tt.name != "no_texts" {
				tt.cfg.Texts = bottest.MustFlows(t)
			}
			_, err := New(tt.cfg)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("New: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("New error = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

// A whole conversation in polling mode: text, a keyboard, a press, a typed
// answer with markup characters.
func TestConversationPolling(t *testing.T) {
	t.Parallel()
	h := answer(func(m bot.Message) []bot.Reply {
		switch {
		case m.Text == "/start":
			return []bot.Reply{
				{Text: "Hello, I'm here to help."},
				{Text: "What is it about?", Choices: []bot.Choice{{ID: "q1:order", Label: "An order"}, {ID: "q1:other", Label: "Something else"}}},
			}
		case m.Choice == "q1:order":
			return []bot.Reply{{Text: "What is your order number?"}}
		default:
			return []bot.Reply{{Text: "Noted: " + m.Text}}
		}
	})
	srv, _, _ := serve(t, h, nil)

	srv.Push(telegramtest.Text(42, 42, "/start"))
	sent := srv.WaitSent(t, 42, 2)
	if got, want := texts(sent), []string{"Hello, I'm here to help.", "What is it about?"}; !slices.Equal(got, want) {
		t.Fatalf("sent %q, want %q", got, want)
	}
	if got, want := sent[1].Buttons(), []telegramtest.Button{{Text: "An order", Data: "q1:order"}, {Text: "Something else", Data: "q1:other"}}; !cmp.Equal(got, want) {
		t.Fatalf("buttons %v, want %v", got, want)
	}
	if sent[0].Params.Has("reply_markup") {
		t.Errorf("first message has a keyboard: %v", sent[0].Params)
	}

	press := srv.Push(telegramtest.PressOn(sent[1], 42, 0))[0]
	sent = srv.WaitSent(t, 42, 3)
	if got := sent[2].Text(); got != "What is your order number?" {
		t.Fatalf("after the press sent %q", got)
	}
	srv.Wait(t, "the press answered", func(s *telegramtest.Server) bool { return len(s.Calls("answerCallbackQuery")) > 0 })
	answers := srv.Calls("answerCallbackQuery")
	if len(answers) != 1 || answers[0].Params.Get("callback_query_id") != press.CallbackQuery.ID {
		t.Errorf("answerCallbackQuery calls = %v, want one for %s", answers, press.CallbackQuery.ID)
	}
	edits := srv.Calls("editMessageReplyMarkup")
	if len(edits) != 1 || edits[0].Params.Get("message_id") != strconv.Itoa(sent[1].MessageID) ||
		edits[0].Params.Get("chat_id") != "42" || edits[0].Params.Has("reply_markup") {
		t.Errorf("editMessageReplyMarkup calls = %+v, want one removing the keyboard of message %d", edits, sent[1].MessageID)
	}

	srv.Push(telegramtest.Text(42, 42, "AB-123456 *_[`"))
	sent = srv.WaitSent(t, 42, 4)
	if got := sent[3].Text(); got != "Noted: AB-123456 *_[`" {
		t.Errorf("sent %q", got)
	}
	for _, c := range srv.Calls("sendMessage") {
		if c.Params.Has("parse_mode") {
			t.Errorf("sendMessage with parse_mode %q: replies must be plain text", c.Params.Get("parse_mode"))
		}
	}

	msgs := h.Messages()
	from := bot.Address{Platform: "telegram", Chat: "42", User: "42"}
	want := []bot.Message{
		{ID: "tg:1000", Order: 1000, From: from, Text: "/start"},
		{ID: "tg:1001", Order: 1001, From: from, Choice: "q1:order"},
		{ID: "tg:1002", Order: 1002, From: from, Text: "AB-123456 *_[`"},
	}
	if diff := cmp.Diff(want, msgs, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".At" }, cmp.Ignore())); diff != "" {
		t.Errorf("handler got (-want +got):\n%s", diff)
	}
	for _, m := range msgs {
		if m.At.IsZero() {
			t.Errorf("message %s has no time", m.ID)
		}
	}

	// Start-up: deleteWebhook before the first getUpdates, commands in en and fr.
	calls := srv.Calls()
	first := func(method string) int {
		return slices.IndexFunc(calls, func(c telegramtest.Call) bool { return c.Method == method })
	}
	if d, g := first("deleteWebhook"), first("getUpdates"); d < 0 || d > g {
		t.Errorf("deleteWebhook at %d, first getUpdates at %d: want deleteWebhook first", d, g)
	}
	langs := map[string]string{}
	for _, c := range srv.Calls("setMyCommands") {
		langs[c.Params.Get("language_code")] = c.Params.Get("commands")
	}
	for _, want := range []struct{ lang, cmd string }{{"", `"human"`}, {"en", `"forget"`}, {"fr", `"humain"`}} {
		if !strings.Contains(langs[want.lang], want.cmd) {
			t.Errorf("setMyCommands language_code %q = %s, want it to hold %s", want.lang, langs[want.lang], want.cmd)
		}
	}
	// Every update is confirmed once handled.
	srv.Wait(t, "offset past the last update", func(s *telegramtest.Server) bool { return s.Confirmed() == 1003 })
}

// A webhook left set by another deployment would make getUpdates fail with
// 409: polling mode deletes it first.
func TestPollingDeletesWebhook(t *testing.T) {
	t.Parallel()
	srv := telegramtest.New(t)
	resp, err := srv.Client().PostForm(fmt.Sprintf(srv.Endpoint(), telegramtest.Token, "setWebhook"),
		url.Values{"url": {"https://old.example.com/hook"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	run(t, srv, answer(nil), nil)
	srv.Push(telegramtest.Text(5, 5, "hi"))
	srv.WaitSent(t, 5, 1)
	if u, _ := srv.Webhook(); u != "" {
		t.Errorf("webhook still set to %q", u)
	}
	for _, c := range srv.Calls("getUpdates") {
		if c.Status != http.StatusOK {
			t.Errorf("getUpdates answered %d", c.Status)
		}
	}
}

// Sending a new keyboard removes the previous one: the question it asked is answered.
func TestNewKeyboardRemovesOld(t *testing.T) {
	t.Parallel()
	n := 0
	h := answer(func(m bot.Message) []bot.Reply {
		n++
		return []bot.Reply{{Text: fmt.Sprintf("Question %d?", n), Choices: []bot.Choice{{ID: fmt.Sprintf("q%d:yes", n), Label: "Yes"}}}}
	})
	srv, _, _ := serve(t, h, nil)
	srv.Push(telegramtest.Text(42, 42, "hello"))
	first := srv.WaitSent(t, 42, 1)[0]
	srv.Push(telegramtest.Text(42, 42, "yes")) // typed, not pressed
	srv.WaitSent(t, 42, 2)
	srv.Wait(t, "the old keyboard removed", func(s *telegramtest.Server) bool { return len(s.Calls("editMessageReplyMarkup")) == 1 })
	edit := srv.Calls("editMessageReplyMarkup")[0]
	if edit.Params.Get("message_id") != strconv.Itoa(first.MessageID) {
		t.Errorf("removed the keyboard of message %s, want %d", edit.Params.Get("message_id"), first.MessageID)
	}
}

// A press on an old keyboard reaches the engine like any press (the engine
// knows it is stale and says so); the adapter still answers it and removes
// that keyboard.
func TestStalePressIsAnsweredAndPassedOn(t *testing.T) {
	t.Parallel()
	h := answer(func(m bot.Message) []bot.Reply {
		if m.Choice == "q1:yes" {
			return []bot.Reply{{Text: "That choice has expired."}, {Text: "Current question?", Choices: []bot.Choice{{ID: "q2:yes", Label: "Yes"}}}}
		}
		return nil
	})
	srv, _, _ := serve(t, h, nil)
	u := srv.Push(telegramtest.Press(42, 42, 77, "q1:yes"))[0]
	sent := srv.WaitSent(t, 42, 2)
	if got := texts(sent); !slices.Equal(got, []string{"That choice has expired.", "Current question?"}) {
		t.Errorf("sent %q", got)
	}
	srv.Wait(t, "press answered and keyboard removed", func(s *telegramtest.Server) bool {
		return len(s.Calls("answerCallbackQuery")) == 1 && len(s.Calls("editMessageReplyMarkup")) == 1
	})
	if got := srv.Calls("answerCallbackQuery")[0].Params.Get("callback_query_id"); got != u.CallbackQuery.ID {
		t.Errorf("answered %q, want %q", got, u.CallbackQuery.ID)
	}
	if got := srv.Calls("editMessageReplyMarkup")[0].Params.Get("message_id"); got != "77" {
		t.Errorf("edited message %s, want 77", got)
	}
}

func TestWebhook(t *testing.T) {
	t.Parallel()
	const secret = "s3cret_Token-1"
	srv := telegramtest.New(t)
	var mu sync.Mutex
	seen := map[string]bool{} // the engine's de-duplication, mimicked
	release := make(chan struct{})
	h := answer(func(m bot.Message) []bot.Reply {
		if m.Text == "slow" {
			<-release
		}
		mu.Lock()
		defer mu.Unlock()
		if seen[m.ID] {
			return nil
		}
		seen[m.ID] = true
		return []bot.Reply{{Text: "got " + m.Text}}
	})
	edit := webhook(secret)
	a, _ := newAdapter(t, srv, edit)
	hook := a.WebhookHandler()
	if code := post(hook, telegramtest.Text(1, 1, "early"), secret); code != http.StatusServiceUnavailable {
		t.Errorf("before Run: %d, want 503 so Telegram delivers it again", code)
	}
	r := start(t, a, h)

	if u, s := srv.Webhook(); u != "https://bot.example.com/telegram/webhook" || s != secret {
		t.Errorf("setWebhook url=%q secret_token=%q", u, s)
	}
	set := srv.Calls("setWebhook")
	if len(set) != 1 || set[0].Params.Get("allowed_updates") != `["message","edited_message","callback_query"]` {
		t.Errorf("setWebhook calls %v", set)
	}
	if n := len(srv.Calls("getUpdates", "deleteWebhook")); n != 0 {
		t.Errorf("webhook mode made %d getUpdates/deleteWebhook calls", n)
	}

	t.Run("wrong_secret", func(t *testing.T) {
		for _, s := range []string{"", "wrong", secret + "x"} {
			u := telegramtest.Text(7, 7, "intruder")
			u.UpdateID = srv.NextUpdateID()
			if code := post(hook, u, s); code != http.StatusUnauthorized {
				t.Errorf("secret %q: %d, want 401", s, code)
			}
		}
		if got := h.Messages(); slices.ContainsFunc(got, func(m bot.Message) bool { return m.Text == "intruder" }) {
			t.Errorf("an update with a wrong secret reached the engine")
		}
	})

	t.Run("redelivered", func(t *testing.T) {
		u := telegramtest.Text(2, 2, "twice")
		u.UpdateID = srv.NextUpdateID()
		for i := range 2 {
			if code := post(hook, u, secret); code != http.StatusOK {
				t.Fatalf("delivery %d: %d", i, code)
			}
		}
		sent := srv.WaitSent(t, 2, 1)
		if len(sent) != 1 || countMsgs(h, u.UpdateID) != 1 {
			t.Errorf("sent %d replies, engine saw the update %d times; want 1 and 1", len(sent), countMsgs(h, u.UpdateID))
		}
	})

	t.Run("redelivered_while_in_flight", func(t *testing.T) {
		u := telegramtest.Text(3, 3, "slow")
		u.UpdateID = srv.NextUpdateID()
		codes := make(chan int, 2)
		for range 2 {
			go func() { codes <- post(hook, u, secret) }()
		}
		wait.Until(t, "the first delivery in the engine", func() bool { return countMsgs(h, u.UpdateID) == 1 })
		select {
		case c := <-codes:
			t.Fatalf("a delivery was answered %d before its turn was stored", c)
		default:
		}
		close(release)
		for range 2 {
			if c := <-codes; c != http.StatusOK {
				t.Errorf("delivery answered %d", c)
			}
		}
		if n := countMsgs(h, u.UpdateID); n != 1 {
			t.Errorf("engine saw the update %d times", n)
		}
		if n := len(srv.WaitSent(t, 3, 1)); n != 1 {
			t.Errorf("sent %d replies", n)
		}
	})

	t.Run("bad_requests", func(t *testing.T) {
		req := telegramtest.WebhookRequest(tgbotapi.Update{}, secret)
		req.Method = http.MethodGet
		rec := httptest.NewRecorder()
		hook.ServeHTTP(rec, req)
		if rec.Code != http.StatusMethodNotAllowed {
			t.Errorf("GET: %d", rec.Code)
		}
		req = telegramtest.WebhookRequest(tgbotapi.Update{}, secret)
		req.Body = io.NopCloser(strings.NewReader("{not json"))
		rec = httptest.NewRecorder()
		hook.ServeHTTP(rec, req)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("bad JSON: %d", rec.Code)
		}
	})

	// A restart: a new adapter has no memory of what the old one handled;
	// the engine's de-duplication (mimicked here) keeps it to one reply.
	t.Run("redelivered_after_restart", func(t *testing.T) {
		u := telegramtest.Text(4, 4, "across restarts")
		u.UpdateID = srv.NextUpdateID()
		if code := post(hook, u, secret); code != http.StatusOK {
			t.Fatalf("first delivery: %d", code)
		}
		srv.WaitSent(t, 4, 1)
		if err := r.stop(t); err != nil {
			t.Fatalf("Run: %v", err)
		}
		if code := post(hook, u, secret); code != http.StatusServiceUnavailable {
			t.Errorf("after shutdown: %d, want 503", code)
		}
		b, _ := newAdapter(t, srv, edit)
		start(t, b, h)
		if code := post(b.WebhookHandler(), u, secret); code != http.StatusOK {
			t.Fatalf("redelivery: %d", code)
		}
		if n := countMsgs(h, u.UpdateID); n != 2 {
			t.Errorf("engine saw the update %d times, want 2 (once per process)", n)
		}
		if n := len(srv.Sent(4)); n != 1 {
			t.Errorf("sent %d replies, want 1", n)
		}
	})
}

func countMsgs(h *bottest.Handler, updateID int) int {
	n := 0
	for _, m := range h.Messages() {
		if m.ID == messageID(updateID) {
			n++
		}
	}
	return n
}

func TestWebhookHandlerInPollingMode(t *testing.T) {
	t.Parallel()
	a, err := New(Config{Token: "1:a", Texts: bottest.MustFlows(t)})
	if err != nil {
		t.Fatal(err)
	}
	if code := post(a.WebhookHandler(), telegramtest.Text(1, 1, "x"), ""); code != http.StatusNotFound {
		t.Errorf("polling mode webhook: %d, want 404", code)
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	t.Parallel()
	srv := telegramtest.New(t)
	srv.Fail("sendMessage", telegramtest.Fault{Code: 429, RetryAfter: 3})
	_, sl := run(t, srv, answer(nil), nil)
	srv.Push(telegramtest.Text(42, 42, "hi"))
	sent := srv.WaitSent(t, 42, 1)
	if len(sent) != 1 || sent[0].Text() != "ok: hi" {
		t.Errorf("sent %q", texts(sent))
	}
	calls := srv.Calls("sendMessage")
	if len(calls) != 2 || calls[0].Status != 429 {
		t.Errorf("sendMessage statuses: %v, want 429 then 200", statuses(calls))
	}
	if !slices.Contains(sl.All(), 3*time.Second) {
		t.Errorf("waits %v: want retry_after's 3s", sl.All())
	}
}

func TestServerErrorsRetriedWithBackoff(t *testing.T) {
	t.Parallel()
	srv := telegramtest.New(t)
	srv.Fail("sendMessage", telegramtest.Fault{Code: 500}, telegramtest.Fault{Code: 502, Garbage: true}, telegramtest.Fault{Code: 503})
	srv.Fail("getUpdates", telegramtest.Fault{Code: 502, Garbage: true})
	_, sl := run(t, srv, answer(nil), nil)
	srv.Push(telegramtest.Text(42, 42, "hi"))
	srv.WaitSent(t, 42, 1)
	if got := statuses(srv.Calls("sendMessage")); !slices.Equal(got, []int{500, 502, 503, 200}) {
		t.Errorf("sendMessage statuses %v", got)
	}
	waits := sl.All()
	if len(waits) != 4 {
		t.Fatalf("waits %v, want 4 (one getUpdates, three sendMessage)", waits)
	}
	// The sendMessage waits grow: 1s, 2s, 4s, each ±20%.
	for i, base := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second} {
		if d := waits[1+i]; d < base*4/5 || d > base*6/5 {
			t.Errorf("wait %d = %v, want %v ±20%%", i, d, base)
		}
	}
}

func TestGiveUpAfterAttempts(t *testing.T) {
	t.Parallel()
	srv := telegramtest.New(t)
	faults := make([]telegramtest.Fault, sendAttempts)
	srv.Fail("sendMessage", faults...)
	h := answer(func(m bot.Message) []bot.Reply { return []bot.Reply{{Text: "lost"}} })
	run(t, srv, h, nil)
	srv.Push(telegramtest.Text(42, 42, "one"))
	srv.Wait(t, "all attempts", func(s *telegramtest.Server) bool { return len(s.Calls("sendMessage")) == sendAttempts })
	h.Fn = answer(nil).Fn
	// The adapter is still alive and the next turn goes through.
	srv.Push(telegramtest.Text(42, 42, "two"))
	if got := srv.WaitSent(t, 42, 1)[0].Text(); got != "ok: two" {
		t.Errorf("sent %q", got)
	}
}

func statuses(calls []telegramtest.Call) []int {
	var out []int
	for _, c := range calls {
		out = append(out, c.Status)
	}
	return out
}

func TestBlockedByUser(t *testing.T) {
	t.Parallel()
	h := answer(func(m bot.Message) []bot.Reply {
		return []bot.Reply{{Text: "one " + m.Text}, {Text: "two " + m.Text}}
	})
	srv, a, _ := serve(t, h, nil)
	srv.Block(42, true)
	srv.Push(telegramtest.Text(42, 42, "a"))
	srv.Wait(t, "a 403", func(s *telegramtest.Server) bool { return len(s.Calls("sendMessage")) == 1 })
	wait.Until(t, "the block recorded", func() bool { return a.isBlocked(42) })
	to := bot.Address{Platform: "telegram", Chat: "42", User: "42"}
	if err := a.Send(t.Context(), to, []bot.Reply{{Text: "from an agent"}}); !isBlocked(err) {
		t.Errorf("Send to a blocked chat: %v, want ErrBlocked", err)
	}
	if n := len(srv.Calls("sendMessage")); n != 1 {
		t.Errorf("%d sendMessage calls after the 403, want 1 (sending stops)", n)
	}
	// They unblock the bot and write again: sending resumes.
	srv.Block(42, false)
	srv.Push(telegramtest.Text(42, 42, "b"))
	if got := texts(srv.WaitSent(t, 42, 2)); !slices.Equal(got, []string{"one b", "two b"}) {
		t.Errorf("sent %q", got)
	}
	if err := a.Send(t.Context(), to, []bot.Reply{{Text: "from an agent"}}); err != nil {
		t.Errorf("Send after unblock: %v", err)
	}
}

func TestMediaReachesEngine(t *testing.T) {
	t.Parallel()
	h := answer(func(m bot.Message) []bot.Reply {
		if m.Media != "" {
			return []bot.Reply{{Text: "I can only read text messages for now."}}
		}
		return nil
	})
	srv, _, _ := serve(t, h, nil)
	srv.Push(telegramtest.Media(42, 42, "sticker"), telegramtest.Media(42, 42, "photo"))
	sent := srv.WaitSent(t, 42, 2)
	for _, c := range sent {
		if c.Text() != "I can only read text messages for now." {
			t.Errorf("sent %q", c.Text())
		}
	}
	var kinds []string
	for _, m := range h.Messages() {
		kinds = append(kinds, m.Media+"/"+m.Text)
	}
	if !slices.Equal(kinds, []string{"sticker/", "photo/"}) {
		t.Errorf("engine got media %q", kinds)
	}
}

func TestLongReplySplit(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	for i := 0; b.Len() < 6000; i++ {
		fmt.Fprintf(&b, "This is sentence number %d of a long answer, with *stars* and _underscores_. ", i)
	}
	long := strings.TrimSpace(b.String())[:6000]
	long = long[:strings.LastIndex(long, ".")+1]
	h := answer(func(bot.Message) []bot.Reply {
		return []bot.Reply{{Text: long, Choices: []bot.Choice{{ID: "q:ok", Label: "OK"}}}}
	})
	srv, _, _ := serve(t, h, nil)
	srv.Push(telegramtest.Text(42, 42, "tell me everything"))
	sent := srv.WaitSent(t, 42, 2)
	srv.Wait(t, "turn stored", func(s *telegramtest.Server) bool { return s.Confirmed() > 1000 })
	if len(sent) != 2 {
		t.Fatalf("sent %d messages, want 2", len(sent))
	}
	for i, c := range sent {
		if n := u16len(c.Text()); n > maxText {
			t.Errorf("piece %d has %d characters", i, n)
		}
	}
	if !strings.HasSuffix(sent[0].Text(), ".") {
		t.Errorf("first piece does not end a sentence: ...%q", sent[0].Text()[len(sent[0].Text())-30:])
	}
	if got := sent[0].Text() + " " + sent[1].Text(); got != long {
		t.Errorf("pieces do not rejoin into the reply")
	}
	if sent[0].Params.Has("reply_markup") || len(sent[1].Buttons()) != 1 {
		t.Errorf("buttons belong under the last piece only")
	}
}

// A handler that mimics the engine's flood control: past the limit one
// notice, then nothing while the person is over it; others are unaffected.
func TestFloodOneUserOthersUnaffected(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	count := map[string]int{}
	h := answer(func(m bot.Message) []bot.Reply {
		mu.Lock()
		defer mu.Unlock()
		count[m.From.User]++
		switch n := count[m.From.User]; {
		case n <= 20:
			return []bot.Reply{{Text: "reply " + m.Text}}
		case n == 21:
			return []bot.Reply{{Text: "Let's slow down a little."}}
		}
		return nil
	})
	srv, a, _ := serve(t, h, nil)
	var us []tgbotapi.Update
	for i := range 30 {
		us = append(us, telegramtest.Text(1, 1, strconv.Itoa(i)))
		if i == 15 {
			us = append(us, telegramtest.Text(2, 2, "calm"))
		}
	}
	srv.Push(us...)
	srv.Wait(t, "every update stored", func(s *telegramtest.Server) bool { return s.Confirmed() == 1000+31 })
	// Stored is not sent: wait until both chats' replies went out.
	drained(t, srv, a, 2)
	sent := drained(t, srv, a, 1)
	if len(sent) != 21 || sent[20].Text() != "Let's slow down a little." {
		t.Errorf("flooder got %d messages, want 20 replies and one notice", len(sent))
	}
	for i, c := range sent[:20] {
		if c.Text() != "reply "+strconv.Itoa(i) {
			t.Fatalf("flooder's reply %d = %q: out of order", i, c.Text())
		}
	}
	if got := texts(srv.Sent(2)); !slices.Equal(got, []string{"reply calm"}) {
		t.Errorf("the calm person got %q", got)
	}
}

// One chat's updates are handled in order; another chat is not held up by it.
func TestOrderPerChatParallelAcrossChats(t *testing.T) {
	t.Parallel()
	bDone := make(chan struct{})
	var mu sync.Mutex
	var order []string
	h := answer(func(m bot.Message) []bot.Reply {
		if m.From.Chat == "1" && m.Text == "0" {
			<-bDone // chat 1 waits for chat 2: only possible if they run in parallel
		}
		mu.Lock()
		order = append(order, m.From.Chat+":"+m.Text)
		mu.Unlock()
		if m.From.Chat == "2" {
			close(bDone)
		}
		return []bot.Reply{{Text: m.Text}}
	})
	srv, _, _ := serve(t, h, nil)
	var us []tgbotapi.Update
	for i := range 5 {
		us = append(us, telegramtest.Text(1, 1, strconv.Itoa(i)))
	}
	us = append(us, telegramtest.Text(2, 2, "x"))
	srv.Push(us...)
	srv.WaitSent(t, 1, 5)
	mu.Lock()
	defer mu.Unlock()
	if want := []string{"2:x", "1:0", "1:1", "1:2", "1:3", "1:4"}; !slices.Equal(order, want) {
		t.Errorf("handled %v, want %v", order, want)
	}
	if got := texts(srv.Sent(1)); !slices.Equal(got, []string{"0", "1", "2", "3", "4"}) {
		t.Errorf("chat 1 got %q", got)
	}
}

// The offset never passes an update whose turn is not stored, while other
// chats' updates go on being taken and confirmed.
func TestOffsetMovesOnlyAfterStored(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	h := answer(func(m bot.Message) []bot.Reply {
		if m.Text == "slow" {
			<-release
		}
		return []bot.Reply{{Text: "done " + m.Text}}
	})
	srv, _, _ := serve(t, h, nil)
	slow := srv.Push(telegramtest.Text(1, 1, "slow"))[0]
	wait.Until(t, "the slow turn started", func() bool { return countMsgs(h, slow.UpdateID) == 1 })
	for i := range 3 {
		srv.Push(telegramtest.Text(2, 2, strconv.Itoa(i)))
		srv.WaitSent(t, 2, i+1)
	}
	if c := srv.Confirmed(); c > slow.UpdateID {
		t.Fatalf("offset %d confirmed update %d before its turn was stored", c, slow.UpdateID)
	}
	if n := countMsgs(h, slow.UpdateID); n != 1 {
		t.Errorf("the held update was handed to the engine %d times", n)
	}
	close(release)
	srv.Wait(t, "offset past every update", func(s *telegramtest.Server) bool { return s.Confirmed() == slow.UpdateID+4 })
	if n := len(srv.WaitSent(t, 1, 1)); n != 1 {
		t.Errorf("slow chat got %d replies", n)
	}
	// Held back, Telegram answered the slow update again on every poll; the
	// adapter must not have spun: a handful of polls, not thousands.
	if n := len(srv.Calls("getUpdates")); n > 40 {
		t.Errorf("%d getUpdates calls: the poll loop spins", n)
	}
}

// SIGTERM: the long poll in flight is cancelled, the turn in flight
// finishes (its pause cut short), the queued one is left to Telegram, and
// Run returns nil well within 10 seconds.
func TestShutdown(t *testing.T) {
	t.Parallel()
	srv := telegramtest.New(t)
	inTurn := make(chan struct{})
	release := make(chan struct{})
	h := answer(func(m bot.Message) []bot.Reply {
		if m.Text == "first" {
			close(inTurn)
			<-release
			return []bot.Reply{{Text: "slowly", Pause: 10 * time.Minute}}
		}
		return []bot.Reply{{Text: "after " + m.Text}}
	})
	a, _ := newAdapter(t, srv, func(c *Config) { c.PaceScale = 1 })
	a.sleep = bot.Sleep // real waits: the pause must be cut, not skipped by a fake
	r := start(t, a, h)
	us := srv.Push(telegramtest.Text(1, 1, "first"), telegramtest.Text(1, 1, "second"))
	<-inTurn
	srv.Wait(t, "a long poll in flight", func(s *telegramtest.Server) bool {
		calls := s.Calls("getUpdates")
		return len(calls) >= 2 // the first returned the updates; the next one waits
	})
	begin := time.Now()
	r.cancel()
	time.AfterFunc(100*time.Millisecond, func() { close(release) })
	if err := r.stop(t); err != nil {
		t.Errorf("Run: %v", err)
	}
	// Far below the ten minutes' pause, so the pause was cut; the bound (the
	// shared wait.Timeout) is generous for a busy machine, where the 10 s
	// promised is no stopwatch verdict.
	if took := time.Since(begin); took > wait.Timeout {
		t.Errorf("shutdown took %v", took)
	}
	if got := texts(srv.Sent(1)); !slices.Equal(got, []string{"slowly"}) {
		t.Errorf("sent %q, want the turn in flight's reply only", got)
	}
	if c := srv.Confirmed(); c != us[1].UpdateID {
		t.Errorf("confirmed offset %d, want %d: the stored turn confirmed, the left one not", c, us[1].UpdateID)
	}
	// After a restart Telegram delivers the left update again.
	b, _ := newAdapter(t, srv, nil)
	start(t, b, h)
	if got := srv.WaitSent(t, 1, 2)[1].Text(); got != "after second" {
		t.Errorf("after restart sent %q", got)
	}
}

// A turn that ignores shutdown is cancelled after the grace period.
func TestShutdownGraceCancelsTurn(t *testing.T) {
	t.Parallel()
	srv := telegramtest.New(t)
	inTurn := make(chan struct{})
	h := bot.HandlerFunc(func(ctx context.Context, m bot.Message) ([]bot.Reply, error) {
		close(inTurn)
		<-ctx.Done()
		return nil, ctx.Err()
	})
	a, _ := newAdapter(t, srv, func(c *Config) { c.ShutdownGrace = 50 * time.Millisecond })
	r := start(t, a, h)
	srv.Push(telegramtest.Text(1, 1, "stuck"))
	<-inTurn
	begin := time.Now()
	if err := r.stop(t); err != nil {
		t.Errorf("Run: %v", err)
	}
	// Below the default grace (7 s), so the configured 50 ms is what cut
	// it; generous for a busy machine.
	if took := time.Since(begin); took > 5*time.Second {
		t.Errorf("shutdown took %v", took)
	}
}

func TestInvalidToken(t *testing.T) {
	t.Parallel()
	srv := telegramtest.New(t)
	for _, token := range []string{"999:wrong", "not-a-token"} {
		a, _ := newAdapter(t, srv, func(c *Config) { c.Token = token })
		err := a.Run(t.Context(), answer(nil))
		if !errors.Is(err, ErrUnauthorized) || !strings.Contains(err.Error(), "TELEGRAM_BOT_TOKEN") {
			t.Errorf("Run with a bad token = %v, want ErrUnauthorized naming TELEGRAM_BOT_TOKEN", err)
		}
		if strings.Contains(err.Error(), token) {
			t.Errorf("error %q shows the token", err)
		}
	}
	srv404 := telegramtest.New(t)
	srv404.Fail("getMe", telegramtest.Fault{Code: 404})
	a, _ := newAdapter(t, srv404, nil)
	if err := a.Run(t.Context(), answer(nil)); !errors.Is(err, ErrUnauthorized) {
		t.Errorf("Run with getMe 404 = %v, want ErrUnauthorized", err)
	}
}

func TestPacing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		scale   float64
		pause   time.Duration
		typing  int
		waits   []time.Duration
		firstIs string // the first call for the chat
	}{
		{"paced", 1, 2 * time.Second, 1, []time.Duration{2 * time.Second}, "sendChatAction"},
		{"long_pause_renews_typing", 1, 9 * time.Second, 3, []time.Duration{4 * time.Second, 4 * time.Second, time.Second}, "sendChatAction"},
		{"scaled", 0.5, 2 * time.Second, 1, []time.Duration{time.Second}, "sendChatAction"},
		{"no_pacing", 0, 2 * time.Second, 0, nil, "sendMessage"},
		{"no_pause", 1, 0, 0, nil, "sendMessage"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := answer(func(bot.Message) []bot.Reply { return []bot.Reply{{Text: "paced", Pause: tt.pause}} })
			srv, _, sl := serve(t, h, func(c *Config) { c.PaceScale = tt.scale })
			srv.Push(telegramtest.Text(42, 42, "hi"))
			srv.WaitSent(t, 42, 1)
			calls := srv.Calls("sendChatAction", "sendMessage")
			if calls[0].Method != tt.firstIs {
				t.Errorf("first call %s, want %s", calls[0].Method, tt.firstIs)
			}
			typing := srv.Calls("sendChatAction")
			if len(typing) != tt.typing || (len(typing) > 0 && typing[0].Params.Get("action") != "typing") {
				t.Errorf("chat actions %v, want %d typing", typing, tt.typing)
			}
			if diff := cmp.Diff(tt.waits, sl.All()); diff != "" {
				t.Errorf("waits (-want +got):\n%s", diff)
			}
		})
	}
}

func TestGroupOnlyWhenAddressed(t *testing.T) {
	t.Parallel()
	h := answer(nil)
	srv, _, _ := serve(t, h, nil)
	srv.Push(
		telegramtest.Text(-100, 1, "chatting among ourselves"),
		telegramtest.Text(-100, 1, "@carebot_test_bot where is my parcel?"),
		telegramtest.Text(-100, 2, "/help@other_bot"),
		telegramtest.Text(-100, 2, "/help"),
	)
	sent := srv.WaitSent(t, -100, 2)
	srv.Wait(t, "all confirmed", func(s *telegramtest.Server) bool { return s.Confirmed() == 1004 })
	if got := texts(sent); !slices.Equal(got, []string{"ok: where is my parcel?", "ok: /help"}) {
		t.Errorf("sent %q", got)
	}
	var users []string
	for _, m := range h.Messages() {
		users = append(users, m.From.User)
	}
	if !slices.Equal(users, []string{"1", "2"}) {
		t.Errorf("engine got messages from %v", users)
	}
}

func TestHandlerPanicAndError(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	h := bot.HandlerFunc(func(ctx context.Context, m bot.Message) ([]bot.Reply, error) {
		switch calls.Add(1) {
		case 1:
			var s []int
			_ = s[3] // a bug in the engine
		case 2:
			return nil, errors.New("store down")
		case 3:
			return []bot.Reply{{Text: "Engine's own trouble line."}}, errors.New("store down")
		}
		return []bot.Reply{{Text: "fine"}}, nil
	})
	srv, _, _ := serve(t, h, nil)
	srv.Push(telegramtest.Text(1, 1, "a"), telegramtest.Lang(telegramtest.Text(1, 1, "b"), "fr"), telegramtest.Text(1, 1, "c"), telegramtest.Text(1, 1, "d"))
	got := texts(srv.WaitSent(t, 1, 4))
	fallback := func(lang string) string { return bottest.MustFlows(t).Text("bot.fallback", lang, nil) }
	want := []string{fallback("en"), fallback("fr"), "Engine's own trouble line.", "fine"}
	if !slices.Equal(got, want) {
		t.Errorf("sent %q, want %q", got, want)
	}
	srv.Wait(t, "all confirmed", func(s *telegramtest.Server) bool { return s.Confirmed() == 1004 })
}

func TestSend(t *testing.T) {
	t.Parallel()
	srv := telegramtest.New(t)
	a, _ := newAdapter(t, srv, nil)
	to := bot.Address{Platform: "telegram", Chat: "42", User: "42"}
	// Before Run too: the desk may relay as soon as the process starts.
	if err := a.Send(t.Context(), to, []bot.Reply{{Text: "Hi, I'm Sam from support."}, {Text: "Is this better?", Choices: []bot.Choice{{ID: "a:yes", Label: "Yes"}}}}); err != nil {
		t.Fatalf("Send: %v", err)
	}
	sent := srv.Sent(42)
	if got := texts(sent); !slices.Equal(got, []string{"Hi, I'm Sam from support.", "Is this better?"}) || len(sent[1].Buttons()) != 1 {
		t.Errorf("sent %q", got)
	}
	for _, bad := range []bot.Address{{Platform: "slack", Chat: "C1", User: "U1"}, {Platform: "telegram", Chat: "general", User: "1"}} {
		if err := a.Send(t.Context(), bad, []bot.Reply{{Text: "x"}}); err == nil {
			t.Errorf("Send to %v: no error", bad)
		}
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := a.Send(ctx, to, []bot.Reply{{Text: "never"}}); !errors.Is(err, context.Canceled) {
		t.Errorf("Send with a cancelled ctx = %v", err)
	}
}

func TestKeyboardWireFormat(t *testing.T) {
	t.Parallel()
	// The library marshals reply_markup as the Bot API expects.
	m, _ := keyboard([]bot.Choice{{ID: "s:1", Label: "One"}})
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(b); got != `{"inline_keyboard":[[{"text":"One","callback_data":"s:1"}]]}` {
		t.Errorf("reply_markup %s", got)
	}
}

// switchTexts serves one text set, then another: a reload of the flows.
type switchTexts struct {
	mu  sync.Mutex
	cur bot.Texts
}

func (s *switchTexts) Text(key, lang string, vars map[string]string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur.Text(key, lang, vars)
}

// fixedText answers one description for the menu's human command.
type fixedText struct {
	bot.Texts
	human string
}

func (f fixedText) Text(key, lang string, vars map[string]string) string {
	if key == "telegram.menu_human" {
		return f.human + " (" + lang + ")"
	}
	return f.Texts.Text(key, lang, vars)
}

// TestRegisterMenuAfterReload: the command menu comes from the texts, in
// every language of the flows, and is registered again from the new texts
// when the flows are reloaded.
func TestRegisterMenuAfterReload(t *testing.T) {
	t.Parallel()
	texts := &switchTexts{cur: bottest.MustFlows(t)}
	srv, a, _ := serve(t, bot.HandlerFunc(func(context.Context, bot.Message) ([]bot.Reply, error) { return nil, nil }), func(c *Config) { c.Texts = texts })
	calls := srv.Calls("setMyCommands")
	if len(calls) != 3 || !strings.Contains(calls[2].Params.Get("commands"), "Parler à une personne") {
		t.Fatalf("menu at start: %d calls, fr = %s", len(calls), calls[len(calls)-1].Params.Get("commands"))
	}
	texts.mu.Lock()
	texts.cur = fixedText{Texts: bottest.MustFlows(t), human: "Reach a person"}
	texts.mu.Unlock()
	a.RegisterMenu(t.Context())
	calls = srv.Calls("setMyCommands")[3:]
	want := map[string]string{"": "Reach a person ()", "en": "Reach a person (en)", "fr": "Reach a person (fr)"}
	if len(calls) != len(want) {
		t.Fatalf("menu registered %d times after the reload, want %d", len(calls), len(want))
	}
	for _, c := range calls {
		if lang := c.Params.Get("language_code"); !strings.Contains(c.Params.Get("commands"), want[lang]) {
			t.Errorf("menu for %q = %s, want %q", lang, c.Params.Get("commands"), want[lang])
		}
	}
}

// TestRunning: Running says whether webhooks are taken, for /readyz: not
// before Run, yes once it runs, not once it stopped.
func TestRunning(t *testing.T) {
	t.Parallel()
	srv := telegramtest.New(t)
	a, _ := newAdapter(t, srv, webhook("s3cret"))
	if a.Running() {
		t.Error("Running before Run")
	}
	r := start(t, a, &bottest.Handler{})
	if !a.Running() {
		t.Error("not Running once Run runs")
	}
	if err := r.stop(t); err != nil {
		t.Fatalf("Run: %v", err)
	}
	if a.Running() {
		t.Error("Running after Run returned")
	}
}
