package main

// Issue 13's done-when, with separate OS processes: several `carebot serve`
// replicas share a real Redis (one server, or a three-master Cluster) and
// the Telegram fake, in webhook mode behind a small load balancer of the
// test (round robin, no sticky sessions, some updates redelivered to
// another replica). People type ahead while the bot is "typing…", and one
// replica is killed with SIGKILL while it holds the delivery leases of
// conversations whose replies are pending. The survivors take its leases
// over: nothing is lost, each chat's replies come in order, at most one
// burst (replies sent back to back) per conversation the dead replica was
// delivering comes twice, and
// every keyboard is removed when the next one is sent, whichever replica
// sent it.

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/carebot/carebot/adapters/telegram"
	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/config"
)

// The run's settings. The lease must outlast the longest pause of one
// reply (1 s in the order flow's greeting) on a loaded machine; a short
// one keeps the take-over, and so the test, within seconds.
const (
	killLease     = "4s"
	killSweep     = "100ms"
	killPeople    = 24
	killRedeliver = 10 // one update in this many is delivered again to another replica
)

// killScript is what each person writes: the order flow twice over, typed
// ahead (each message as soon as the last one is stored, while the bot is
// still "typing"). The test waits for every reply of the first half before
// the second, so that people keep writing after the crash, to the
// survivors, in conversations the dead replica was delivering.
var killScript = [2][]string{
	{"/start", "my order is late", "AB-123456", "it never arrived"},
	{"thanks", "/start", "where is my parcel", "AB-654321"},
}

func TestReplicasSurviveSIGKILL(t *testing.T) {
	t.Parallel()
	bin := carebotBinary(t)
	want := referenceReplies(t, killScript[:]...)
	for _, tt := range []struct {
		name     string
		replicas int
		cluster  bool
	}{
		{"two_replicas", 2, false},
		{"three_replicas", 3, false},
		{"three_replicas_on_a_three_master_cluster", 3, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var url string
			if tt.cluster {
				url = redistest.StartClusterN(t, 3).URL()
			} else {
				url = redistest.Start(t)
			}
			runKill(t, bin, url, tt.replicas, want)
		})
	}
}

// referenceReplies is what one carebot alone says to one person who
// waits for each answer: the texts of the replies to each part of script
// (one conversation throughout), in order.
func referenceReplies(t *testing.T, script ...[]string) [][]string {
	t.Helper()
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	a, err := newApp(t.Context(), cfg, slog.New(slog.DiscardHandler), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	out := make([][]string, len(script))
	n := 0
	for part, msgs := range script {
		for _, text := range msgs {
			n++
			m := bot.Message{ID: strconv.Itoa(n), From: bot.Address{Platform: telegram.Platform, Chat: "1", User: "1"}, Text: text}
			replies, err := a.engine.HandleMessage(t.Context(), m)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range replies {
				switch {
				case r.Text != "":
					out[part] = append(out[part], r.Text)
				case len(r.Choices) > 0:
					out[part] = append(out[part], "…") // Telegram needs text under buttons
				}
			}
		}
	}
	return out
}

// balancer is the load balancer in front of the replicas: round robin, no
// sticky sessions. A replica whose connection fails is taken out, and the
// update goes to the next one, as Telegram retries an update until some
// replica answers 200.
type balancer struct {
	mu   sync.Mutex
	reps []*proc
	dead []bool
	next int
}

var errNoReplica = errors.New("no replica answered 200")

// post delivers u to the next live replica other than not (-1 for any) and
// returns the one that answered 200.
func (b *balancer) post(u tgbotapi.Update, not int) (int, error) {
	for range 3 * len(b.reps) {
		b.mu.Lock()
		i := b.next % len(b.reps)
		b.next++
		dead := b.dead[i]
		b.mu.Unlock()
		if dead || (i == not && b.live() > 1) {
			continue
		}
		code, err := webhook(b.reps[i].addr, u)
		if err != nil {
			b.mu.Lock()
			b.dead[i] = true
			b.mu.Unlock()
			continue
		}
		if code == http.StatusOK {
			return i, nil
		}
	}
	return -1, errNoReplica
}

func (b *balancer) live() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := 0
	for _, d := range b.dead {
		if !d {
			n++
		}
	}
	return n
}

// redelivered says whether the update of person p's n-th message is
// delivered twice: one in killRedeliver, the same in every run.
func redelivered(p, n int) bool {
	h := fnv.New32a()
	fmt.Fprintf(h, "%d/%d", p, n)
	return h.Sum32()%killRedeliver == 0
}

func runKill(t *testing.T, bin, redisURL string, replicas int, want [][]string) {
	tg := telegramtest.New(t)
	lb := &balancer{}
	for i := range replicas {
		lb.reps = append(lb.reps, startReplica(t, fmt.Sprintf("replica %d", i+1), bin, redisURL, tg,
			"CAREBOT_LOG_LEVEL=debug", "CAREBOT_DELIVERY_LEASE="+killLease, "CAREBOT_DELIVERY_SWEEP="+killSweep, "TELEGRAM_PACE_SCALE=1"))
		lb.dead = append(lb.dead, false)
	}
	store, err := redisstore.New(redisstore.Config{URL: redisURL, WarmSessions: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = store.Close() })
	addr := func(p int) bot.Address {
		c := strconv.Itoa(1000 + p)
		return bot.Address{Platform: telegram.Platform, Chat: c, User: c}
	}
	chat := func(p int) int64 { return int64(1000 + p) }

	// The victim is the last replica: its leases carry its pid.
	victim := lb.reps[replicas-1]
	host, _ := os.Hostname()
	victimOwner := fmt.Sprintf("%s-%d-", host, victim.cmd.Process.Pid)
	// leasedByVictim returns the people whose replies are pending under a
	// lease of the victim.
	leasedByVictim := func() map[int]bool {
		out := map[int]bool{}
		for p := range killPeople {
			s, err := storedSession(t.Context(), store, addr(p))
			if err != nil {
				t.Errorf("read session of person %d: %v", p, err)
				return out
			}
			if len(s.Outbox) > 0 && strings.HasPrefix(s.Lease.Owner, victimOwner) {
				out[p] = true
			}
		}
		return out
	}

	// People type ahead, each starting once the one before has been
	// answered 200 for a first message, so that the run is under way on
	// every replica when the victim dies.
	say := func(p, n int, text string) {
		u := telegramtest.Text(chat(p), chat(p), text)
		u.UpdateID = tg.NextUpdateID()
		got, err := lb.post(u, -1)
		if err != nil {
			t.Errorf("person %d, message %d: %v", p, n, err)
			return
		}
		if redelivered(p, n) {
			if _, err := lb.post(u, got); err != nil {
				t.Errorf("person %d, message %d, redelivered: %v", p, n, err)
			}
		}
	}
	half := func(h int) {
		var wg sync.WaitGroup
		started := make(chan struct{})
		close(started)
		for p := range killPeople {
			prev := started
			first := make(chan struct{})
			started = first
			wg.Go(func() {
				<-prev
				for i, text := range killScript[h] {
					say(p, h*len(killScript[0])+i, text)
					if i == 0 {
						close(first)
					}
				}
			})
		}
		wg.Wait()
	}

	// The victim dies the moment Telegram accepted a message with buttons
	// from it (only a conversation's lease holder sends), before it hears
	// so, while it holds the leases of other conversations whose replies
	// are pending (typing before the greeting's menu, or queued behind
	// it): that message's reply is sent but never marked delivered.
	var (
		leased map[int]bool
		caught = -1 // the person whose accepted message the victim never learnt of
		dying  atomic.Bool
	)
	killed := make(chan struct{})
	tg.OnAccepted(func(c telegramtest.Call) {
		p := int(c.ChatID()) - 1000
		if dying.Load() || len(c.Buttons()) == 0 {
			return
		}
		if l := leasedByVictim(); !l[p] || len(l) < 2 || !dying.CompareAndSwap(false, true) {
			return
		}
		if err := victim.cmd.Process.Kill(); err != nil {
			t.Errorf("SIGKILL: %v", err)
		}
		// Dead once its port refuses connections (the kernel closed its
		// sockets); only then is this send answered, to nobody.
		if !wait.Within(wait.Timeout, nil, func() bool {
			c, err := net.Dial("tcp", victim.addr)
			if err == nil {
				c.Close()
			}
			return err != nil
		}) {
			t.Errorf("%s still listens after SIGKILL", victim.name)
		}
		// Read at once: the lease runs another few seconds.
		leased, caught = leasedByVictim(), p
		close(killed)
	})
	start := time.Now()
	half(0)
	if !wait.Within(wait.Timeout, func() <-chan struct{} { return killed }, func() bool {
		select {
		case <-killed:
			return true
		default:
			return false
		}
	}) {
		t.Fatalf("the victim never sent a keyboard while holding another lease with replies pending")
	}
	if t.Failed() {
		return
	}
	if !leased[caught] || len(leased) < 2 {
		t.Fatalf("the victim died holding the leases of %v, want person %d's and another", leased, caught)
	}
	t.Logf("%s killed after Telegram accepted a keyboard for person %d, holding the leases of %d conversations with replies pending",
		victim.name, caught, len(leased))
	for p := range killPeople {
		tg.WaitSent(t, chat(p), len(want[0]))
	}
	t.Logf("first half delivered after %v", time.Since(start).Round(time.Millisecond))
	half(1)
	all := append(slices.Clone(want[0]), want[1]...)
	for p := range killPeople {
		tg.WaitSent(t, chat(p), len(all))
	}
	people := make([]bot.Address, killPeople)
	for p := range people {
		people[p] = addr(p)
	}
	waitOutboxesDelivered(t, store, people...)
	t.Logf("run took %v", time.Since(start).Round(time.Millisecond))

	doubled := 0
	for p := range killPeople {
		sent := tg.Sent(chat(p))
		got := make([]string, len(sent))
		for i, c := range sent {
			got[i] = c.Text()
		}
		// At most one burst (replies sent back to back, with no pause
		// between them) comes twice, right after itself, and only in a
		// conversation the victim was delivering when it died.
		dup, n := doubledBurst(got, all)
		switch {
		case p == caught && dup < 0:
			t.Errorf("person %d, whose keyboard the victim sent as it died, saw %d replies, want the unmarked burst again:\n%s", p, len(got), strings.Join(got, "\n"))
			continue
		case slices.Equal(got, all):
		case dup >= 0 && leased[p]:
			doubled++
		default:
			for _, r := range lb.reps { // what each replica did in this chat
				for l := range strings.Lines(r.logs.String()) {
					if strings.Contains(l, addr(p).Hash()) {
						t.Logf("%s: %s", r.name, strings.TrimSpace(l))
					}
				}
			}
			t.Errorf("person %d (victim's lease: %v) saw %d replies:\n%s\nwant %d, in this order, one burst at most doubled:\n%s",
				p, leased[p], len(got), strings.Join(got, "\n"), len(all), strings.Join(all, "\n"))
			continue
		}
		last := 0
		for _, c := range sent {
			if len(c.Buttons()) > 0 {
				last = c.MessageID
			}
		}
		if live := liveKeyboardsOf(tg, chat(p), dup, n, sent); !slices.Equal(live, []int{last}) {
			t.Errorf("person %d has live keyboards on messages %v; want only the last one sent, %d", p, live, last)
		}
	}
	t.Logf("%d of %d people got one burst twice (the victim held %d leases)", doubled, killPeople, len(leased))
	if doubled == 0 {
		t.Errorf("nobody got a reply twice; want person %d's unmarked one", caught)
	}
}

var errRead = errors.New("read only")

// storedSession returns a's session as stored, changing nothing.
func storedSession(ctx context.Context, store *redisstore.Store, a bot.Address) (bot.Session, error) {
	var s bot.Session
	err := store.Update(ctx, a, func(x *bot.Session) error { s = *x; return errRead })
	if errors.Is(err, errRead) {
		err = nil
	}
	return s, err
}

// waitOutboxesDelivered waits until the outbox of every conversation of
// as is empty: each reply was sent and recorded delivered.
func waitOutboxesDelivered(t *testing.T, store *redisstore.Store, as ...bot.Address) {
	t.Helper()
	wait.Until(t, "every outbox delivered", func() bool {
		for _, a := range as {
			if s, err := storedSession(t.Context(), store, a); err != nil || len(s.Outbox) > 0 {
				return false
			}
		}
		return true
	})
}

// doubledBurst finds in got the one burst sent twice: got is want with
// got[dup:dup+n] inserted again right after its first copy,
// got[dup-n:dup]. dup < 0 if got is not that.
func doubledBurst(got, want []string) (dup, n int) {
	n = len(got) - len(want)
	if n <= 0 {
		return -1, 0
	}
	for i := n; i+n <= len(got); i++ {
		if slices.Equal(got[i:i+n], got[i-n:i]) && slices.Equal(slices.Delete(slices.Clone(got), i, i+n), want) {
			return i, n
		}
	}
	return -1, 0
}

// liveKeyboardsOf returns the ids of chat's messages whose buttons were
// sent and never removed, leaving out the first copy of the burst sent
// twice (sent[dup-n:dup], dup < 0 if none): the replica that sent it died
// before it could record the message's id, so nobody knows what to remove.
func liveKeyboardsOf(tg *telegramtest.Server, chat int64, dup, n int, sent []telegramtest.Call) []int {
	removed := map[int]bool{}
	for _, c := range tg.Calls("editMessageReplyMarkup") {
		if c.ChatID() == chat && c.Status == http.StatusOK && c.Params.Get("reply_markup") == "" {
			id, _ := strconv.Atoi(c.Params.Get("message_id"))
			removed[id] = true
		}
	}
	var live []int
	for i, c := range sent {
		if len(c.Buttons()) > 0 && !removed[c.MessageID] && !(dup > 0 && i >= dup-n && i < dup) {
			live = append(live, c.MessageID)
		}
	}
	return live
}
