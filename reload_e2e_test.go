package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/redisstore/redistest"

	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
)

const webhookSecret = "replicas-e2e-secret"

// startReplica runs the built binary's serve on the Telegram fake in
// webhook mode (so the test chooses which replica each message reaches,
// as a load balancer would), with sessions and flow versions in Redis;
// env adds settings or overrides these.
func startReplica(t *testing.T, name, bin, redisURL string, tg *telegramtest.Server, env ...string) *proc {
	t.Helper()
	p := startProc(t, name, bin, append(webhookEnv(tg.Endpoint(), "REDIS_URL="+redisURL), env...)...)
	// As a load balancer does: no webhook before /readyz says 200.
	wait.Until(t, name+" ready", func() bool {
		code, _ := httpGet(t, "http://"+p.addr+"/readyz")
		return code == http.StatusOK || ended(p.exited)
	})
	if ended(p.exited) {
		t.Fatalf("%s exited while starting: %v", name, p.err)
	}
	return p
}

// webhookEnv is the environment of a carebot serve on a free loopback
// port that takes Telegram's updates by webhook from the Bot API at
// endpoint, with JSON logs at info, nothing else enabled and the built-in
// flows; env adds settings or overrides these (the last value wins).
func webhookEnv(endpoint string, env ...string) []string {
	return append([]string{
		"CAREBOT_HTTP_ADDR=127.0.0.1:0",
		"CAREBOT_LOG_FORMAT=json",
		"CAREBOT_LOG_LEVEL=info",
		"REDIS_URL=",
		"TELEGRAM_BOT_TOKEN=" + telegramtest.Token,
		"TELEGRAM_API_ENDPOINT=" + endpoint,
		"TELEGRAM_WEBHOOK_URL=https://care.example.test/telegram/webhook",
		"TELEGRAM_WEBHOOK_SECRET=" + webhookSecret,
		"OPENAI_API_KEY=", "SLACK_BOT_TOKEN=", "CAREBOT_CONFIG=", "CAREBOT_FLOWS_DIR=", "CAREBOT_PROMPTS_DIR=",
	}, env...)
}

// get returns the body of GET path on the replica.
func (p *proc) get(t *testing.T, path string) string {
	t.Helper()
	_, body := httpGet(t, "http://"+p.addr+path)
	return body
}

// say posts a person's message to the replica's webhook, as Telegram does.
func (p *proc) say(t *testing.T, tg *telegramtest.Server, chat int64, text string) {
	t.Helper()
	u := telegramtest.Text(chat, chat, text)
	u.UpdateID = tg.NextUpdateID()
	p.post(t, u)
}

func (p *proc) post(t *testing.T, u tgbotapi.Update) {
	t.Helper()
	if code, err := webhook(p.addr, u); err != nil || code != http.StatusOK {
		t.Fatalf("%s webhook: %d, %v", p.name, code, err)
	}
}

// webhook posts u to the webhook of the replica at addr, as Telegram
// does, and returns the answer's status.
func webhook(addr string, u tgbotapi.Update) (int, error) {
	body, err := json.Marshal(u)
	if err != nil {
		return 0, err
	}
	req, err := http.NewRequest(http.MethodPost, "http://"+addr+"/telegram/webhook", bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(telegramtest.SecretHeader, webhookSecret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// waitSaid waits until chat received a message containing want, after the
// first n messages, and returns how many it has received.
func waitSaid(t *testing.T, tg *telegramtest.Server, chat int64, n int, want string) int {
	t.Helper()
	var sent []telegramtest.Call
	tg.Wait(t, "chat "+want, func(s *telegramtest.Server) bool {
		sent = s.Sent(chat)
		for _, c := range sent[min(n, len(sent)):] {
			if strings.Contains(c.Text(), want) {
				return true
			}
		}
		return false
	})
	return len(sent)
}

// editFile replaces old by new in dir/name, writing a temporary file and
// renaming it over the old one, as editors and `git pull` do.
func editFile(t *testing.T, dir, name string, pairs ...string) {
	t.Helper()
	path := filepath.Join(dir, name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(src, pairs[i]) {
			t.Fatalf("%s has no %q", name, pairs[i])
		}
		src = strings.ReplaceAll(src, pairs[i], pairs[i+1])
	}
	tmp := filepath.Join(dir, ".edit-"+name)
	if err := os.WriteFile(tmp, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func mustVersion(t *testing.T, dir string) string {
	t.Helper()
	set, err := flow.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return set.Version
}

// TestHotReloadTwoReplicas is issue 14's done-when, through a real channel
// (the Telegram fake, spoken to by go-telegram-bot-api inside carebot), a
// real redis-server and two carebot OS processes sharing both:
//
//   - replica 1 runs v1; conversation A reaches the order-number question;
//   - the flows folder is edited: replica 1 reloads v2 by itself;
//   - replica 2 starts on v2 only; a new conversation B starts there on v2;
//   - A's answer reaches replica 2, which never loaded v1: it fetches v1
//     from Redis, and A finishes its flow on v1's words; B's answer reaches
//     replica 1 and goes on in v2's words;
//   - an invalid edit is refused by both replicas (problems logged as
//     FILE:LINE:COL, the reload metric says it failed), and v2 keeps running,
//     as it does after SIGHUP with the edit still broken.
func TestHotReloadTwoReplicas(t *testing.T) {
	t.Parallel()
	bin := carebotBinary(t)
	redisURL := redistest.Start(t)
	tg := telegramtest.New(t)
	dir := bottest.CopyFlows(t)
	v1 := mustVersion(t, dir)

	const (
		askV1  = "What is your order number?"
		askV2  = "Which order is it about?"
		whatV1 = "Thank you. What happened with order AB-123456?"
		whatV2 = "Got it. What went wrong with order AB-123456?"
		chatA  = 101
		chatB  = 202
		chatC  = 303
	)

	r1 := startReplica(t, "replica 1", bin, redisURL, tg, "CAREBOT_FLOWS_DIR="+dir, "CAREBOT_RELOAD_SKIP_TESTS=true") // the edit rewords what the folder's tests quote
	if got := r1.get(t, "/readyz"); !strings.Contains(got, "flows "+v1) {
		t.Fatalf("replica 1 /readyz = %q, want flows %s", got, v1)
	}
	r1.say(t, tg, chatA, "my order")
	nA := waitSaid(t, tg, chatA, 0, askV1)

	// The edit: replica 1 sees it in the folder and reloads, on its own.
	editFile(t, dir, "order_problem.yaml",
		"What is your order number? It looks like", "Which order is it about? It looks like",
		"Thank you. What happened with order {{order}}?", "Got it. What went wrong with order {{order}}?")
	v2 := mustVersion(t, dir)
	wait.Until(t, "replica 1 runs "+v2, func() bool { return strings.Contains(r1.get(t, "/readyz"), "flows "+v2) })
	if got := r1.get(t, "/readyz"); !strings.Contains(got, "flows_kept "+v1) {
		t.Errorf("replica 1 /readyz = %q, want v1 kept for conversation A", got)
	}
	wait.Until(t, "replica 1's metrics label the flows "+v2+" alone", func() bool {
		m := r1.get(t, "/metrics")
		return strings.Contains(m, `carebot_flows_info{version="`+v2+`"} 1`) && !strings.Contains(m, `version="`+v1+`"`) &&
			strings.Contains(m, "carebot_flows_last_reload_ok 1")
	})

	// Replica 2 starts after the edit: it has never loaded v1.
	r2 := startReplica(t, "replica 2", bin, redisURL, tg, "CAREBOT_FLOWS_DIR="+dir, "CAREBOT_RELOAD_SKIP_TESTS=true")
	if got := r2.get(t, "/readyz"); !strings.Contains(got, "flows "+v2) || strings.Contains(got, v1) {
		t.Fatalf("replica 2 /readyz = %q, want flows %s only", got, v2)
	}
	r2.say(t, tg, chatB, "my order")
	nB := waitSaid(t, tg, chatB, 0, askV2)

	// A, in the middle of the flow it started on v1, reaches replica 2.
	r2.say(t, tg, chatA, "AB-123456")
	nA = waitSaid(t, tg, chatA, nA, whatV1)
	// stderr reaches the test through a pipe: wait for the line, too.
	wait.Until(t, "replica 2 logs that it fetched v1 from Redis", func() bool {
		return strings.Contains(r2.logs.String(), "flows fetched for a conversation in progress")
	})
	// B, on v2, reaches replica 1.
	r1.say(t, tg, chatB, "AB-123456")
	waitSaid(t, tg, chatB, nB, whatV2)
	for _, c := range tg.Sent(chatA) {
		if strings.Contains(c.Text(), askV2) || strings.Contains(c.Text(), whatV2) {
			t.Errorf("conversation A, started on v1, was told v2's %q", c.Text())
		}
	}
	// A finishes its flow on v1: pressing "It's late" goes on from v1's question.
	last := tg.Sent(chatA)[nA-1]
	if len(last.Buttons()) == 0 {
		t.Fatalf("v1's question came without buttons: %q", last.Text())
	}
	press := telegramtest.PressOn(last, chatA, 0)
	press.UpdateID = tg.NextUpdateID()
	r1.post(t, press)
	tg.Wait(t, "A's flow goes on", func(s *telegramtest.Server) bool { return len(s.Sent(chatA)) > nA })

	// An invalid edit: both replicas refuse it and keep v2.
	editFile(t, dir, "order_problem.yaml", "next: what_happened", "next: what_hapened")
	problem := regexp.MustCompile(`order_problem\.yaml:\d+:\d+: .*what_hapened`)
	for _, r := range []*proc{r1, r2} {
		wait.Until(t, r.name+" refuses the broken edit", func() bool {
			return strings.Contains(r.get(t, "/metrics"), "carebot_flows_last_reload_ok 0")
		})
		wait.Until(t, r.name+" logs the problem as FILE:LINE:COL", func() bool { return problem.MatchString(r.logs.String()) })
		if got := r.get(t, "/readyz"); !strings.Contains(got, "flows "+v2) {
			t.Errorf("%s /readyz = %q after a broken edit, want flows %s still", r.name, got, v2)
		}
	}
	// SIGHUP with the edit still broken: refused again, v2 still runs.
	failed := func() string {
		m := regexp.MustCompile(`carebot_flows_reloads_total\{result="failed"\} (\d+)`).FindStringSubmatch(r1.get(t, "/metrics"))
		if m == nil {
			t.Fatal("no carebot_flows_reloads_total in replica 1's metrics")
		}
		return m[1]
	}
	before := failed()
	if err := r1.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	wait.Until(t, "replica 1 refuses the reload on SIGHUP", func() bool { return failed() != before })
	r1.say(t, tg, chatC, "my order")
	waitSaid(t, tg, chatC, 0, askV2)
}
