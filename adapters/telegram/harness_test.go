package telegram

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/carebot/carebot/adapters/internal/adaptertest"
	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
)

// newAdapter returns an adapter talking to srv through the real library,
// with recorded sleeps; edit changes the config first.
func newAdapter(t *testing.T, srv *telegramtest.Server, edit func(*Config)) (*Adapter, *adaptertest.Sleeps) {
	t.Helper()
	cfg := Config{
		Token:      telegramtest.Token,
		Endpoint:   srv.Endpoint(),
		HTTPClient: srv.Client(),
		Logger:     adaptertest.Logger(t),
		Workers:    4,
		Texts:      bottest.MustFlows(t),
		Languages:  []string{"en", "fr"},
	}
	if edit != nil {
		edit(&cfg)
	}
	a, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	s := &adaptertest.Sleeps{}
	a.sleep = s.Sleep
	return a, s
}

// run is newAdapter, then start with h.
func run(t *testing.T, srv *telegramtest.Server, h bot.Handler, edit func(*Config)) (*Adapter, *adaptertest.Sleeps) {
	t.Helper()
	a, s := newAdapter(t, srv, edit)
	start(t, a, h)
	return a, s
}

// serve is run against a new fake Bot API.
func serve(t *testing.T, h bot.Handler, edit func(*Config)) (*telegramtest.Server, *Adapter, *adaptertest.Sleeps) {
	t.Helper()
	srv := telegramtest.New(t)
	a, s := run(t, srv, h, edit)
	return srv, a, s
}

// webhook sets webhook mode with secret, as a config edit.
func webhook(secret string) func(*Config) {
	return func(c *Config) {
		c.WebhookURL = "https://bot.example.com/telegram/webhook"
		c.WebhookSecret = secret
	}
}

// running is an adapter whose Run is in progress.
type running struct {
	a      *Adapter
	cancel context.CancelFunc
	done   chan error
}

// start runs a with h until the test ends (or stop is called) and waits
// until it takes updates.
func start(t *testing.T, a *Adapter, h bot.Handler) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	r := &running{a: a, cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- a.Run(ctx, h) }()
	t.Cleanup(func() { r.stop(t) })
	wait.Until(t, "the adapter to run", func() bool {
		select {
		case err := <-r.done:
			r.done <- err
			t.Fatalf("Run returned before running: %v", err)
		default:
		}
		a.mu.Lock()
		defer a.mu.Unlock()
		return a.state == stateRunning
	})
	return r
}

// stop cancels Run and returns its error (once; later calls return the same).
func (r *running) stop(t *testing.T) error {
	t.Helper()
	r.cancel()
	select {
	case err := <-r.done:
		r.done <- err
		return err
	case <-time.After(wait.Timeout):
		t.Fatalf("Run did not return within %s of cancel", wait.Timeout)
		return nil
	}
}

// answer is a recording handler that answers fn(m), or "ok: " and what
// it was given when fn is nil.
func answer(fn func(m bot.Message) []bot.Reply) *bottest.Handler {
	if fn == nil {
		fn = func(m bot.Message) []bot.Reply { return []bot.Reply{{Text: "ok: " + m.Text + m.Choice + m.Media}} }
	}
	return &bottest.Handler{Fn: func(_ context.Context, m bot.Message) ([]bot.Reply, error) { return fn(m), nil }}
}

// post delivers u to the webhook handler as Telegram would.
func post(h http.Handler, u tgbotapi.Update, secret string) int {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, telegramtest.WebhookRequest(u, secret))
	return w.Code
}

func texts(calls []telegramtest.Call) []string {
	var out []string
	for _, c := range calls {
		out = append(out, c.Text())
	}
	return out
}

func isBlocked(err error) bool { return errors.Is(err, ErrBlocked) }
