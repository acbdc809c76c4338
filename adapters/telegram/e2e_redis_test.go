package telegram

// End-to-end on a real redis-server: /forget removes the session from
// Redis, and a restart mid-conversation resumes at the same step.

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/adapters/internal/adaptertest"
	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

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
	last := srv.Push(telegramtest.PressOn(menuMsg, 42, 0))[0]
	ask, _ := en.question(t, "order_problem", "ask_order")
	sent := quiet(t, srv, a, 42, last.UpdateID)
	if got := sent[len(sent)-1].Text(); got != ask {
		t.Fatalf("before the restart the bot asked %q, want %q", got, ask)
	}
	if err := r.stop(t); err != nil {
		t.Fatalf("Run: %v", err)
	}
	n := len(sent)

	b, _ := run(t, srv, newEngine(t, bot.Config{Flows: set, Store: adaptertest.Redis(t, url)}), nil)
	last = srv.Push(telegramtest.Text(42, 42, "AB-123456"))[0]
	q, _ := en.question(t, "order_problem", "what_happened")
	sent = quiet(t, srv, b, 42, last.UpdateID)
	wantSent(t, sent[n:], strings.ReplaceAll(q, "{{order}}", "AB-123456"))

	// The press from before the restart, sent again by Telegram or a
	// double tap, is stale now: expired, and the current question again.
	last = srv.Push(telegramtest.PressOn(menuMsg, 42, 0))[0]
	sent = quiet(t, srv, b, 42, last.UpdateID)
	if len(sent) < n+3 || sent[n+1].Text() != en.message("expired") {
		t.Errorf("a stale press after the restart got %q", texts(sent[n+1:]))
	}
}
