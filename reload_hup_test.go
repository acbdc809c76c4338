package main

import (
	"fmt"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/llm/llmtest"
)

// TestSIGHUPWhileStartingAndStopping: carebot catches SIGHUP for as long
// as serve runs, not only while its reload loop does. Go's default for
// SIGHUP ends the process at once, with no log: a deploy hook's
// `pkill -HUP carebot` while a replica starts killed it, and one while a
// replica stopped killed it before it handed its work over.
//
//   - SIGHUPs while carebot starts (after it armed its watch, before it
//     serves) wait for the reload loop: carebot serves, then reloads;
//   - SIGHUPs after SIGTERM, while a turn in flight holds the shutdown
//     (the reload loop has ended), are logged and ignored: the turn
//     finishes and carebot exits 0; /readyz says 503 meanwhile.
func TestSIGHUPWhileStartingAndStopping(t *testing.T) {
	t.Parallel()
	bin := carebotBinary(t)
	tg := telegramtest.New(t)
	llm := llmtest.NewServer(t, llmtest.Faithful())
	p := launchProc(t, "carebot", bin, webhookEnv(tg.Endpoint(),
		"OPENAI_API_KEY=sk-test", "OPENAI_BASE_URL="+llm.URL, "OPENAI_TIMEOUT="+wait.Timeout.String(),
		"CAREBOT_FLOWS_DIR="+bottest.CopyFlows(t))...)
	hup := func() {
		if err := p.cmd.Process.Signal(syscall.SIGHUP); err != nil && !ended(p.exited) {
			t.Fatal(err)
		}
	}
	diedOf := func(when string) {
		t.Helper()
		if ended(p.exited) {
			t.Fatalf("carebot exited on a SIGHUP %s: %v", when, p.err)
		}
	}

	// Starting: the watch is armed (the first thing serve does); a SIGHUP
	// at each check until carebot serves.
	wait.Until(t, "carebot watches its flows folder", func() bool { return p.logged("watching for edits") || ended(p.exited) })
	diedOf("before it started")
	wait.Until(t, "carebot serving, SIGHUPs meanwhile", func() bool {
		hup()
		return strings.Contains(p.out.String(), "carebot serving on ") || ended(p.exited)
	})
	diedOf("while it started")
	p.addr = waitLine(t, p.name, p.out, "carebot serving on ", p.exited)
	wait.Until(t, "the reload the SIGHUPs asked for", func() bool {
		return p.logged(`"msg":"flows reload done"`, `"reason":"sighup"`) || ended(p.exited)
	})
	diedOf("while it started")
	// Serving is not yet taking webhooks: until Telegram's adapter runs,
	// an update is answered 503 for Telegram to send again.
	wait.Until(t, "carebot runs Telegram", func() bool { return p.logged("telegram adapter running") || ended(p.exited) })
	diedOf("while it started")

	// Stopping: a turn waits for the rephraser as SIGTERM comes.
	llm.SetMode(llmtest.Slow(wait.Timeout))
	turn := make(chan error, 1)
	go func() {
		u := telegramtest.Text(404, 404, "my order is late")
		u.UpdateID = tg.NextUpdateID()
		code, err := webhook(p.addr, u)
		if err == nil && code != http.StatusOK {
			err = fmt.Errorf("webhook answered %d", code)
		}
		turn <- err
	}()
	wait.Until(t, "the turn waiting for the rephraser", func() bool { return llm.Sleeping() > 0 || len(turn) > 0 })
	if len(turn) > 0 {
		t.Fatalf("the turn ended before it reached the rephraser: %v", <-turn)
	}
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	wait.Until(t, "carebot shutting down", func() bool { return p.logged(`"msg":"shutting down"`) || ended(p.exited) })
	// The turn in flight holds the HTTP server up; a load balancer must
	// send nothing more to this replica.
	for _, path := range []string{"/readyz", "/readyz/telegram"} {
		if code, body := httpGet(t, "http://"+p.addr+path); code != http.StatusServiceUnavailable || !strings.Contains(body, "stopping") {
			t.Errorf("GET %s while stopping = %d %q, want 503 stopping", path, code, body)
		}
	}
	// A SIGHUP at each check until one comes after the reload loop ended.
	wait.Until(t, "a SIGHUP during the shutdown logged and ignored", func() bool {
		hup()
		return p.logged("SIGHUP while shutting down: ignored") || ended(p.exited)
	})
	diedOf("while it stopped")
	llm.Close() // the turn goes on without rephrasing
	select {
	case <-p.exited:
	case <-time.After(wait.Timeout):
		t.Fatalf("carebot still running %s after SIGTERM", wait.Timeout)
	}
	if p.err != nil {
		t.Errorf("carebot exit after SIGTERM and SIGHUPs: %v, want 0", p.err)
	}
	if err := <-turn; err != nil {
		t.Errorf("the turn in flight at SIGTERM: %v", err)
	}
}
