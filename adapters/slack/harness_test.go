package slack

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/adapters/internal/adaptertest"
	"github.com/carebot/carebot/adapters/slack/slackfake"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/memstore"
	"github.com/carebot/carebot/bot/redisstore"
)

const (
	secret   = "test-signing-secret"
	peerChan = "CPEER"
)

// memClaimer is a bot.Claimer in memory. With hold > 0, the first hold
// claims wait for each other before any is decided, so that "two presses at
// the same moment" really reach the Claimer together.
type memClaimer struct {
	mu      sync.Mutex
	holders map[string]string
	hold    int
	waiting int
	gate    chan struct{}
	calls   []string // owners, in call order
}

func newClaimer(hold int) *memClaimer {
	return &memClaimer{holders: map[string]string{}, hold: hold, gate: make(chan struct{})}
}

func (c *memClaimer) Claim(ctx context.Context, key, owner string, _ time.Duration) (string, error) {
	c.mu.Lock()
	c.calls = append(c.calls, owner)
	if c.waiting < c.hold {
		c.waiting++
		if c.waiting == c.hold {
			close(c.gate)
		}
		c.mu.Unlock()
		select {
		case <-c.gate:
		case <-ctx.Done():
			return "", ctx.Err()
		}
		c.mu.Lock()
	}
	defer c.mu.Unlock()
	if h, ok := c.holders[key]; ok {
		return h, nil
	}
	c.holders[key] = owner
	return owner, nil
}

func (c *memClaimer) owners() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.calls)
}

var _ bot.Claimer = (*memClaimer)(nil)

// process is one running carebot process: an Adapter, its Run, and its
// HTTP endpoints.
type process struct {
	a      *Adapter
	srv    *httptest.Server
	send   slackfake.Sender
	sleeps adaptertest.Sleeps // the waits asked for, recorded, not slept
}

// testConfig is an HTTP-mode config against fake.
func testConfig(t *testing.T, fake *slackfake.Server, claimer bot.Claimer) Config {
	// Requests are shared where the claims are: on Redis, by every replica.
	var peers bot.PeerRequests = memstore.NewPeers(nil)
	if rs, ok := claimer.(*redisstore.Store); ok {
		peers = rs.Peers()
	}
	return Config{
		BotToken:      slackfake.BotToken,
		SigningSecret: secret,
		APIURL:        fake.URL,
		PeerChannel:   peerChan,
		PeerWait:      time.Hour,
		PeerPoll:      10 * time.Millisecond,
		Claimer:       claimer,
		Peers:         peers,
		HTTPClient:    fake.Client(),
		Logger:        slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug})),
		PaceScale:     -1,
		Texts:         bottest.MustFlows(t),
	}
}

// startProcess builds an Adapter from cfg, serves its handlers and runs it
// with h until the test ends. Waits are recorded, not slept.
func startProcess(t *testing.T, cfg Config, h bot.Handler) *process {
	t.Helper()
	a, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	p := &process{a: a}
	a.sleep = p.sleeps.Sleep
	mux := http.NewServeMux()
	mux.Handle("/slack/events", a.EventsHandler())
	mux.Handle("/slack/interactions", a.InteractionsHandler())
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	p.send = slackfake.Sender{
		Secret:          secret,
		EventsURL:       p.srv.URL + "/slack/events",
		InteractionsURL: p.srv.URL + "/slack/interactions",
		Client:          p.srv.Client(),
	}

	done := runUntilCleanup(t, a, h)
	wait.Until(t, "the adapter to run", func() bool {
		select {
		case err := <-done:
			t.Fatalf("Run returned early: %v", err)
		default:
		}
		return a.state.Load() != nil
	})
	return p
}

// startHTTP is startProcess against a new fake Slack with testConfig and
// a Claimer of its own.
func startHTTP(t *testing.T, h bot.Handler) (*slackfake.Server, *process) {
	t.Helper()
	fake := slackfake.New(t)
	return fake, startProcess(t, testConfig(t, fake, newClaimer(0)), h)
}

// event sends an inner event over the Events API and wants 200.
func (p *process) event(t *testing.T, eventID string, inner any, opts ...slackfake.SendOption) {
	t.Helper()
	res, err := p.send.Event(t.Context(), eventID, inner, opts...)
	if err != nil {
		t.Fatalf("send event: %v", err)
	}
	if res.Status != http.StatusOK {
		t.Fatalf("event %s: status %d %q", eventID, res.Status, res.Body)
	}
}

// press sends a button press and wants 200.
func (p *process) press(t *testing.T, user string, msg slackfake.Message, b slackfake.Button) {
	t.Helper()
	res, err := p.send.Interaction(t.Context(), slackfake.Press(user, msg, b))
	if err != nil {
		t.Fatalf("send press: %v", err)
	}
	if res.Status != http.StatusOK {
		t.Fatalf("press: status %d %q", res.Status, res.Body)
	}
}

// waitHandled waits until the handler has seen n messages.
func waitHandled(t *testing.T, fake *slackfake.Server, r *bottest.Handler, n int) []bot.Message {
	t.Helper()
	fake.Wait(t, "handler calls", func() bool { return len(r.Messages()) >= n })
	return r.Messages()
}

// texts returns the text of the messages in channel.
func textsIn(fake *slackfake.Server, channel string) []string {
	var out []string
	for _, m := range fake.Messages(channel) {
		out = append(out, m.Text)
	}
	return out
}

var errScripted = errors.New("scripted failure")

// runUntilCleanup runs a until the test ends, then checks that Run returns
// cleanly and promptly after its context is cancelled. The channel gets
// Run's result if it returns early.
func runUntilCleanup(t *testing.T, a *Adapter, h bot.Handler) <-chan error {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, h) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(wait.Timeout):
			t.Errorf("Run did not return within %s of cancel", wait.Timeout)
		}
	})
	return done
}

// text is the built-in text key in lang, as the adapter renders it.
func text(t testing.TB, lang, key string) string {
	return bottest.MustFlows(t).Text(key, lang, nil)
}
