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
	if testing.Short() {
		t.Skip("builds and runs a carebot process")
	}
	bin, err := buildOnce()
	if err != nil {
		t.Fatal(err)
	}
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

	p := startProc(t, "carebot", bin,
		"CAREBOT_HTTP_ADDR=127.0.0.1:0",
		"CAREBOT_LOG_FORMAT=json",
		"REDIS_URL=",
		"TELEGRAM_BOT_TOKEN="+telegramtest.Token,
		"TELEGRAM_API_ENDPOINT="+gate.URL+"/bot%s/%s",
		"TELEGRAM_WEBHOOK_URL=https://care.example.test/telegram/webhook",
		"TELEGRAM_WEBHOOK_SECRET="+webhookSecret,
		"OPENAI_API_KEY=", "SLACK_BOT_TOKEN=", "CAREBOT_CONFIG=", "CAREBOT_FLOWS_DIR=", "CAREBOT_PROMPTS_DIR=",
	)
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
