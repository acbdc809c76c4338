package main

// The graceful half of issue 13, with separate OS processes: two `carebot
// serve` replicas share a real Redis and the Telegram fake (webhook mode).
// Replica A is delivering long turns, reply by reply with typing pauses,
// and one more turn is still in flight on it, when it gets SIGTERM. It must
// hand its deliveries over (abandon the pause it is in, without sending
// that reply, mark what it sent, release the lease) so that replica B's
// sweeper sends the rest, with their pauses, at its next sweep: in order,
// nothing lost, nothing sent twice (a graceful stop is no crash), long
// before A's lease would have run out, and with no stale keyboard left
// pressable.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/carebot/carebot/adapters/telegram"
	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/llm/llmtest"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// The hand-over run's settings. The lease is long, so that only the
// hand-over can explain B delivering within seconds; the sweep is short,
// so that B finds the released outboxes at once. The pace scale turns the
// breathing flow's 5 s pauses into 0.5 s ones: A is still delivering when
// it is stopped, and the run takes seconds. The rephraser's timeout is
// how long the last turn stays in flight on A after SIGTERM.
const (
	handLease   = 30 * time.Second
	handSweep   = "100ms"
	handPace    = "0.1"
	handLLMWait = "2s"
	handPeople  = 3 // mid-delivery when A is stopped; one more is mid-turn
)

// handScript is what each person writes to A: /start shows the menu (a
// keyboard A sends and B must remove), /breathe starts a turn of a dozen
// replies with typing pauses between them, ending on a question with
// buttons. One more person writes lateText as A is stopped: a reply the
// rephraser has not seen (it caches what it rephrased), so the turn waits
// for it.
var (
	handScript = [][]string{{"/start"}, {"/breathe"}}
	lateText   = "my order is late"
)

func TestReplicasSIGTERMHandsOver(t *testing.T) {
	t.Parallel()
	bin := carebotBinary(t)
	ref := referenceReplies(t, handScript...)
	// A must be stopped with replies left to send, whatever the load.
	const before = 3 // of /breathe's replies sent when A is stopped
	if len(ref[1]) < before+4 {
		t.Fatalf("/breathe has %d replies, want a long turn (at least %d)", len(ref[1]), before+4)
	}
	late := handPeople // the person whose turn is in flight at SIGTERM
	want := make([][]string, handPeople+1)
	for p := range handPeople {
		want[p] = slices.Concat(ref...)
	}
	want[late] = referenceReplies(t, []string{lateText})[0]

	redisURL := redistest.Start(t)
	tg := telegramtest.New(t)
	// A's rephraser says each script back, until the late turn, which
	// waits for it until OPENAI_TIMEOUT.
	llm := llmtest.NewServer(t, llmtest.Func("echo", func(d llmtest.Data) string { return d.ScriptedReply }))
	env := []string{
		"CAREBOT_LOG_LEVEL=debug",
		"CAREBOT_DELIVERY_LEASE=" + handLease.String(), "CAREBOT_DELIVERY_SWEEP=" + handSweep,
		"TELEGRAM_PACE_SCALE=" + handPace,
	}
	// Each replica reaches Telegram through its own proxy, which tells
	// which replica sent which message.
	viaA, viaB := newSenderProxy(t, tg), newSenderProxy(t, tg)
	a := startReplica(t, "replica A", bin, redisURL, tg, append(env, "TELEGRAM_API_ENDPOINT="+viaA.endpoint(),
		"OPENAI_API_KEY=sk-test", "OPENAI_BASE_URL="+llm.URL, "OPENAI_TIMEOUT="+handLLMWait)...)
	b := startReplica(t, "replica B", bin, redisURL, tg, append(env, "TELEGRAM_API_ENDPOINT="+viaB.endpoint())...)

	store, err := redisstore.New(redisstore.Config{URL: redisURL, WarmSessions: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	chat := func(p int) int64 { return int64(2000 + p) }
	people := make([]bot.Address, len(want))
	for p := range people {
		c := strconv.FormatInt(chat(p), 10)
		people[p] = bot.Address{Platform: telegram.Platform, Chat: c, User: c}
	}

	// Everybody talks to A: its leases hold every conversation.
	for p := range handPeople {
		a.say(t, tg, chat(p), handScript[0][0])
	}
	for p := range handPeople {
		tg.WaitSent(t, chat(p), len(ref[0]))
	}
	for p := range handPeople {
		a.say(t, tg, chat(p), handScript[1][0])
	}
	// A is "typing" in every conversation: pausing before a reply, with
	// more to come.
	tg.Wait(t, "A pausing in every chat", func(s *telegramtest.Server) bool {
		for p := range handPeople {
			if n, typing := progress(s, chat(p)); n < len(ref[0])+before || !typing {
				return false
			}
		}
		return true
	})
	// The late turn is stored, and waits for the rephraser, as A stops.
	llm.SetMode(llmtest.Slow(wait.Timeout))
	lateDone := make(chan error, 1)
	go func() {
		u := telegramtest.Text(chat(late), chat(late), lateText)
		u.UpdateID = tg.NextUpdateID()
		code, err := webhook(a.addr, u)
		if err == nil && code != http.StatusOK {
			err = fmt.Errorf("webhook answered %d", code)
		}
		lateDone <- err
	}()
	wait.Until(t, "the late turn waiting for the rephraser", func() bool { return llm.Sleeping() > 0 })

	stopped := time.Now()
	if err := a.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-a.exited:
	case <-time.After(wait.Timeout):
		t.Fatalf("%s still running %s after SIGTERM", a.name, wait.Timeout)
	}
	exited := time.Now()
	t.Logf("%s exited %v after SIGTERM", a.name, exited.Sub(stopped).Round(time.Millisecond))
	// (a) Cleanly: exit 0, the turn in flight finished (its webhook
	// answered 200, so Telegram will not send it again), no deadline hit,
	// no delivery left to its lease.
	if a.err != nil {
		t.Errorf("%s exit after SIGTERM: %v, want 0", a.name, a.err)
	}
	if err := <-lateDone; err != nil {
		t.Errorf("the turn in flight at SIGTERM: %v", err)
	}
	for _, bad := range []string{"shutdown timed out", "lease will expire"} {
		if strings.Contains(a.logs.String(), bad) {
			t.Errorf("%s logged %q at shutdown", a.name, bad)
		}
	}

	// (b) B delivers the rest, in order, none lost, none twice.
	for p := range want {
		tg.WaitSent(t, chat(p), len(want[p]))
	}
	waitOutboxesDelivered(t, store, people...)
	for p := range want {
		sent := tg.Sent(chat(p))
		got := make([]string, len(sent))
		for i, c := range sent {
			got[i] = c.Text()
		}
		if !slices.Equal(got, want[p]) {
			t.Errorf("person %d saw %d replies:\n%s\nwant %d, in this order, none twice:\n%s",
				p, len(got), strings.Join(got, "\n"), len(want[p]), strings.Join(want[p], "\n"))
			continue
		}
		// Who sent what: A everything before SIGTERM and nothing after it
		// but a reply it was already sending (its pause over), B the rest,
		// each after its pause (0.3 s at least here, see handPace).
		const minPause = 250 * time.Millisecond
		var fromA, fromB, lateA int
		var firstB time.Time
		for _, c := range sent {
			switch {
			case viaA.sent(c.MessageID):
				fromA++
				if c.At.After(stopped) {
					lateA++
					if typed := c.At.Sub(viaA.typedBefore(chat(p), c.At)); typed < minPause {
						t.Errorf("person %d: A sent %q after SIGTERM %v after it began typing: the pause was cut and the reply sent anyway", p, c.Text(), typed)
					}
				}
			case viaB.sent(c.MessageID):
				if fromB == 0 && p != late {
					typed := c.At.Sub(viaB.typedBefore(chat(p), c.At))
					t.Logf("person %d: B typed %v before its first reply", p, typed.Round(time.Millisecond))
					if typed < minPause {
						t.Errorf("person %d: B's first reply %q came %v after B began typing, want its whole pause", p, c.Text(), typed)
					}
				}
				if fromB == 0 {
					firstB = c.At
				}
				fromB++
				if c.At.Before(stopped) {
					t.Errorf("person %d: %s sent %q before A was stopped, while A held the lease", p, b.name, c.Text())
				}
			default:
				t.Errorf("person %d: message %d came through neither replica's proxy", p, c.MessageID)
			}
		}
		t.Logf("person %d: A sent %d (%d after SIGTERM), B sent %d", p, fromA, lateA, fromB)
		if p == late && fromA > 0 {
			// Its delivery started once the hand-over had begun.
			t.Errorf("person %d: A sent %d replies of the turn in flight at SIGTERM, want none", p, fromA)
		}
		if lateA > 1 {
			t.Errorf("person %d: A sent %d replies after SIGTERM, want at most one it was already sending", p, lateA)
		}
		if fromB == 0 {
			t.Errorf("person %d: B sent nothing; want the replies A left", p)
			continue
		}
		// (c) Promptly: at B's next sweep, not once A's lease ran out.
		took := firstB.Sub(exited)
		t.Logf("person %d: B's first reply %v after A exited", p, took.Round(time.Millisecond))
		if took > handLease/2 {
			t.Errorf("person %d: B's first reply came %v after A exited; a hand-over takes a sweep, the lease %v", p, took, handLease)
		}
		// (d) Only the last keyboard is live: B removed the menu A sent.
		var last []int
		for _, c := range sent {
			if len(c.Buttons()) > 0 {
				last = []int{c.MessageID}
			}
		}
		if live := liveKeyboardsOf(tg, chat(p), -1, 0, sent); !slices.Equal(live, last) {
			t.Errorf("person %d has live keyboards on messages %v; want only the last one sent, %v", p, live, last)
		}
	}
}

// progress returns how many messages chat received and whether the bot
// is "typing" there now: a typing action came after the last message.
func progress(s *telegramtest.Server, chat int64) (sent int, typing bool) {
	for _, c := range s.Calls("sendMessage", "sendChatAction") {
		if c.ChatID() != chat || c.Status != http.StatusOK {
			continue
		}
		typing = c.Method == "sendChatAction"
		if !typing {
			sent++
		}
	}
	return sent, typing
}

// senderProxy stands between one replica and the Telegram fake and
// records the ids of the messages that replica sent, and when it began
// "typing" in each chat.
type senderProxy struct {
	srv    *httptest.Server
	mu     sync.Mutex
	ids    map[int]bool
	typing map[int64][]time.Time
}

func newSenderProxy(t *testing.T, tg *telegramtest.Server) *senderProxy {
	t.Helper()
	target, err := url.Parse(strings.TrimSuffix(tg.Endpoint(), "/bot%s/%s"))
	if err != nil {
		t.Fatal(err)
	}
	sp := &senderProxy{ids: map[int]bool{}, typing: map[int64][]time.Time{}}
	rp := &httputil.ReverseProxy{
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(target)
			if strings.HasSuffix(r.In.URL.Path, "/sendChatAction") {
				sp.typed(r.Out)
			}
		},
		ModifyResponse: func(resp *http.Response) error {
			if !strings.HasSuffix(resp.Request.URL.Path, "/sendMessage") || resp.StatusCode != http.StatusOK {
				return nil
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				return err
			}
			resp.Body = io.NopCloser(bytes.NewReader(body))
			var m struct {
				Result struct {
					MessageID int `json:"message_id"`
				} `json:"result"`
			}
			if json.Unmarshal(body, &m) == nil && m.Result.MessageID != 0 {
				sp.mu.Lock()
				sp.ids[m.Result.MessageID] = true
				sp.mu.Unlock()
			}
			return nil
		},
	}
	sp.srv = httptest.NewServer(rp)
	t.Cleanup(sp.srv.Close)
	return sp
}

// typed records a sendChatAction request on its way: its chat and now.
func (sp *senderProxy) typed(r *http.Request) {
	at := time.Now()
	body, err := io.ReadAll(r.Body)
	r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return
	}
	form, _ := url.ParseQuery(string(body))
	chat, err := strconv.ParseInt(form.Get("chat_id"), 10, 64)
	if err != nil {
		return
	}
	sp.mu.Lock()
	sp.typing[chat] = append(sp.typing[chat], at)
	sp.mu.Unlock()
}

// typedBefore returns when this replica last began "typing" in chat
// before at; the zero time if it never did.
func (sp *senderProxy) typedBefore(chat int64, at time.Time) time.Time {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	var last time.Time
	for _, t := range sp.typing[chat] {
		if t.Before(at) {
			last = t
		}
	}
	return last
}

// endpoint is the library's endpoint format through the proxy.
func (sp *senderProxy) endpoint() string { return sp.srv.URL + "/bot%s/%s" }

// sent reports whether the message id was sent through the proxy.
func (sp *senderProxy) sent(id int) bool {
	sp.mu.Lock()
	defer sp.mu.Unlock()
	return sp.ids[id]
}
