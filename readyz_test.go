package main

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot/bottest/wait"
)

// TestReadyzWaitsForTelegram: /readyz says 503 until Telegram's adapter
// takes webhooks (the adapters' tests check Running after they stop). A
// load balancer that trusted
// it used to send updates to a replica still calling getMe, which
// answered them 503, and Telegram retried them later, with backoff.
func TestReadyzWaitsForTelegram(t *testing.T) {
	t.Parallel()
	bin := carebotBinary(t)
	tg := telegramtest.New(t)
	// Between carebot and the fake: getMe is held until released.
	release := make(chan struct{})
	var held atomic.Int32
	target, err := url.Parse(strings.TrimSuffix(tg.Endpoint(), "/bot%s/%s"))
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ErrorLog = log.New(io.Discard, "", 0) // the getMe given up at the end
	gate := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/getMe") {
			held.Add(1)
			select {
			case <-release:
			case <-r.Context().Done():
				return
			}
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(gate.Close)
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})

	p := startProc(t, "carebot", bin, webhookEnv(gate.URL+"/bot%s/%s")...)
	ready := func() (int, string) { return httpGet(t, "http://"+p.addr+"/readyz") }

	wait.Until(t, "carebot asking Telegram who it is", func() bool { return held.Load() > 0 })
	if code, body := ready(); code != http.StatusServiceUnavailable || !strings.Contains(body, "telegram") {
		t.Errorf("/readyz while Telegram's adapter starts = %d %q, want 503 naming telegram", code, body)
	}
	u := telegramtest.Text(7, 7, "hello")
	u.UpdateID = tg.NextUpdateID()
	if code, err := webhook(p.addr, u); err != nil || code != http.StatusServiceUnavailable {
		t.Errorf("webhook while not ready = %d, %v; want 503 (for Telegram to send it again)", code, err)
	}

	close(release)
	wait.Until(t, "/readyz 200 once Telegram's adapter runs", func() bool {
		code, _ := ready()
		return code == http.StatusOK
	})
	if code, err := webhook(p.addr, u); err != nil || code != http.StatusOK {
		t.Fatalf("webhook once ready = %d, %v; want 200", code, err)
	}
	tg.WaitSent(t, 7, 1)
}

// TestReadyzOneChannelIsEnough: with Telegram's webhook and Slack's
// Events API on one replica, Slack unreachable at start (its auth.test
// never answers) keeps /readyz at 503 for ready_wait, so that a load
// balancer sends no Slack press to a replica that would answer it 503;
// after it, Telegram running is enough (ready_wait 0 here), so that a
// Slack outage does not take Telegram's webhooks down on every replica.
// /readyz/slack stays 503 throughout.
func TestReadyzOneChannelIsEnough(t *testing.T) {
	t.Parallel()
	bin := carebotBinary(t)
	tg := telegramtest.New(t)
	gone := make(chan struct{})
	slackDown := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // so that a client gone ends r's context
		select {                           // Slack unreachable: no answer
		case <-r.Context().Done():
		case <-gone:
		}
	}))
	t.Cleanup(slackDown.Close)
	t.Cleanup(func() { close(gone) }) // before Close, which waits for the handler
	for _, tt := range []struct {
		wait       string
		readyz     int
		readyzBody string
	}{
		{"1h", http.StatusServiceUnavailable, "telegram running\nslack not running\n"},
		{"0s", http.StatusOK, "telegram running\nslack not running\n"},
	} {
		p := startProc(t, "carebot (ready_wait "+tt.wait+")", bin, webhookEnv(tg.Endpoint(),
			"SLACK_BOT_TOKEN=xoxb-test", "SLACK_SIGNING_SECRET=s3cret", "SLACK_APP_TOKEN=",
			"SLACK_API_URL="+slackDown.URL+"/", "SLACK_HANDOFF_CHANNEL=", "SLACK_PEER_CHANNEL=",
			"CAREBOT_READY_WAIT="+tt.wait)...)
		get := func(path string) (int, string) { return httpGet(t, "http://"+p.addr+path) }
		// Slack never runs: its auth.test gets no answer.
		wait.Until(t, "Telegram running", func() bool {
			code, _ := get("/readyz/telegram")
			return code == http.StatusOK
		})
		for _, c := range []struct {
			path string
			code int
			want string
		}{
			{"/readyz", tt.readyz, tt.readyzBody},
			{"/readyz/telegram", http.StatusOK, "telegram running"},
			{"/readyz/slack", http.StatusServiceUnavailable, "slack not running"},
			{"/readyz/whatsapp", http.StatusNotFound, `no channel "whatsapp"`},
		} {
			if code, body := get(c.path); code != c.code || !strings.Contains(body, c.want) {
				t.Errorf("ready_wait %s: GET %s = %d %q, want %d with %q", tt.wait, c.path, code, body, c.code, c.want)
			}
		}
	}
}
