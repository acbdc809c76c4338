package desk_test

// Desk relays with several carebot replicas on one real redis-server:
// Telegram in webhook mode and Slack's Events API behind a load balancer
// with no sticky sessions, so the customer's messages and the agent's
// thread replies land on any replica. Both ways go through the customer's
// outbox: the agent's words to the person, the person's words to the
// ticket's thread.

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	slackad "github.com/carebot/carebot/adapters/slack"
	"github.com/carebot/carebot/adapters/slack/slackfake"
	"github.com/carebot/carebot/adapters/telegram"
	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/bot/storetest"
)

const relaySecret = "relay-webhook-secret"

var errDead = errors.New("replica dead")

// relayProc is one replica: engine with a Deliverer, desk, Telegram in
// webhook mode, Slack over HTTP.
type relayProc struct {
	store *redisstore.Store
	tg    *telegram.Adapter
	send  slackfake.Sender
	// armed, the replica dies at its next delivery attempt (to a person
	// or a thread): that one and every later one fail as in a process
	// that stopped, its sweeper stops, its leases are left to expire.
	armed atomic.Bool
	dead  atomic.Bool
	stop  context.CancelFunc
}

// alive reports false once the replica is dead, and kills it at this
// delivery attempt if it is armed.
func (p *relayProc) alive() bool {
	if p.armed.Load() {
		if !p.dead.Swap(true) {
			p.stop()
		}
		return false
	}
	return true
}

// outlet is a channel's Outlet on a replica that may die.
type outlet struct {
	p   *relayProc
	out bot.Outlet
}

// Pause implements bot.Pauser through out, as every Outlet wrapper must.
func (o outlet) Pause(ctx context.Context, to bot.Address, d time.Duration) error {
	return bot.PauseThrough(ctx, o.out, to, d)
}

func (o outlet) Deliver(ctx context.Context, to bot.Address, r bot.Reply, kb string) (string, error) {
	if !o.p.alive() {
		return kb, errDead
	}
	return o.out.Deliver(ctx, to, r, kb)
}

// relayer relays the person's words to the thread on a replica that may die.
type relayer struct {
	bot.Desk
	p *relayProc
}

func (r relayer) Relayed(ctx context.Context, a bot.Address, h bot.Handoff, text string) error {
	if !r.p.alive() {
		return errDead
	}
	return r.Desk.Relayed(ctx, a, h, text)
}

// startRelay runs replica n of w.
func (w *world) startRelay(t *testing.T, n int) *relayProc {
	t.Helper()
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelInfo})).With("replica", n)
	store := w.newStore(t)
	p := &relayProc{store: store}
	// The desk first, then the engine it serves, then the adapters; every
	// send to a person goes through the outbox (the Deliverer).
	outlets, senders := bot.Outlets{}, map[string]bot.Sender{}
	dk := w.newDesk(t, log, store, senders)
	d, err := bot.NewDeliverer(bot.DelivererConfig{
		Store: store, Index: store, Owner: fmt.Sprintf("r%d", n), Logger: log, Outlet: outlets,
		// The person's words reach the thread through this replica's
		// desk, unless it died.
		Desk: relayer{dk, p},
		// Longer than one send with its retries (a 429 asks for a second).
		Lease: 3 * time.Second, Sweep: 20 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	senders["telegram"], senders["slack"] = d, d
	engine, err := bot.New(bot.Config{Flows: w.set, Store: store, Desk: dk, Logger: log, Deliverer: d})
	if err != nil {
		t.Fatalf("engine: %v", err)
	}
	tga, err := telegram.New(telegram.Config{Token: telegramtest.Token, Endpoint: w.tg.Endpoint(), HTTPClient: w.tg.Client(), Logger: log,
		PaceScale: -1, Texts: w.set, WebhookURL: "https://bot.example.com/telegram/webhook", WebhookSecret: relaySecret})
	if err != nil {
		t.Fatalf("telegram: %v", err)
	}
	sa, err := slackad.New(w.slackConfig(log, store, dk))
	if err != nil {
		t.Fatalf("slack: %v", err)
	}
	outlets["telegram"], outlets["slack"] = outlet{p, tga}, outlet{p, sa}
	p.tg = tga

	send, srv := serveSlack(sa)
	ctx, cancel := context.WithCancel(context.Background())
	sweep, stopSweep := context.WithCancel(ctx)
	p.stop = stopSweep
	var wg sync.WaitGroup
	wg.Go(func() { _ = sa.Run(ctx, engine) })
	wg.Go(func() { _ = tga.Run(ctx, engine) })
	wg.Go(func() { _ = d.Run(sweep) })
	p.send = send
	t.Cleanup(func() {
		cancel()
		wg.Wait()
		d.Wait()
		srv.Close()
		store.Close()
	})
	wait.Until(t, "replica running", func() bool {
		if !slackUp(t, send, fmt.Sprintf("%d-", n)) {
			return false
		}
		// An update with nothing in it is answered 200 once Telegram's side runs.
		rec := httptest.NewRecorder()
		tga.WebhookHandler().ServeHTTP(rec, telegramtest.WebhookRequest(tgbotapi.Update{UpdateID: w.tg.NextUpdateID()}, relaySecret))
		return rec.Code == http.StatusOK
	})
	return p
}

// tell posts the customer's message to replica p's webhook and wants 200:
// the turn, and what it queued, are stored.
func (w *world) tell(t *testing.T, p *relayProc, chat int64, text string) {
	t.Helper()
	u := telegramtest.Text(chat, chat, text)
	u.UpdateID = w.tg.NextUpdateID()
	rec := httptest.NewRecorder()
	p.tg.WebhookHandler().ServeHTTP(rec, telegramtest.WebhookRequest(u, relaySecret))
	if rec.Code != http.StatusOK {
		t.Fatalf("webhook answered %d to %q", rec.Code, text)
	}
}

// tried reports whether the bot tried to send text to chat (the call may
// have been refused).
func (w *world) tried(chat int64, text string) bool {
	return slices.ContainsFunc(w.tg.Calls("sendMessage"), func(c telegramtest.Call) bool {
		return c.ChatID() == chat && c.Text() == text
	})
}

// queued reports whether text waits in a's outbox.
func queued(t *testing.T, s *redisstore.Store, a bot.Address, text string) bool {
	return slices.ContainsFunc(storetest.Load(t, s, a).Outbox, func(o bot.Outbound) bool { return o.Text == text })
}

// idle reports whether a's outbox is empty and nobody holds its delivery
// lease: the next reply queued for a is leased by the replica that queues it.
func idle(t *testing.T, s *redisstore.Store, a bot.Address) bool {
	sess := storetest.Load(t, s, a)
	return len(sess.Outbox) == 0 && !sess.Lease.Held(time.Now())
}

// only keeps the items of list that hold s, in order, from s on.
func only(list []string, s string) []string {
	var out []string
	for _, x := range list {
		if i := strings.Index(x, s); i >= 0 {
			out = append(out, x[i:])
		}
	}
	return out
}

// TestE2ERelaysAcrossReplicas: once an agent took the ticket, the agent's
// thread replies reach the customer in the order written, and the
// customer's messages reach the thread in the order typed, although each
// lands on the next replica and the platform makes the first send of each
// wait (a 429 with retry_after); with three replicas one dies mid-run,
// holding deliveries it leased, and the survivors' sweepers send them.
func TestE2ERelaysAcrossReplicas(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name     string
		replicas int
		dieAt    int // the agent's message (from 1) replica 0 dies delivering; 0: none dies
	}{
		{"two_replicas", 2, 0},
		{"three_replicas_one_dies", 3, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t)
			var rs []*relayProc
			for i := range tt.replicas {
				rs = append(rs, w.startRelay(t, i))
			}
			next := 0
			// pick is the next living replica, round robin.
			pick := func() *relayProc {
				for rs[next%len(rs)].dead.Load() {
					next++
				}
				next++
				return rs[(next-1)%len(rs)]
			}
			who := bot.Address{Platform: "telegram", Chat: fmt.Sprint(customer), User: fmt.Sprint(customer)}

			w.tell(t, pick(), customer, "my parcel never arrived")
			w.tell(t, pick(), customer, "I need to speak to a human")
			w.waitSent(t, customer, "I'm asking a person from our team")
			card := w.card(t, 1)
			press(t, pick().relayLike(), "UCAMILLE", card, "Take it")
			w.waitSent(t, customer, "Camille, from our team, is here with you now.")

			// Agent → person: Telegram makes the first send wait a second.
			w.tg.Fail("sendMessage", telegramtest.Fault{Code: http.StatusTooManyRequests, RetryAfter: 1})
			var want []string
			for i := range 6 {
				text := fmt.Sprintf("step %d", i+1)
				want = append(want, "Camille: "+text)
				to := pick()
				if i+1 == tt.dieAt {
					// Replica 0 dies holding this message's lease: once
					// nobody holds the lease, the replica the agent's
					// reply lands on leases it as it queues it, and
					// tries it at once; armed, replica 0 dies then.
					wait.Until(t, "the customer's outbox idle", func() bool { return idle(t, rs[0].store, who) })
					rs[0].armed.Store(true)
					to = rs[0]
				}
				agentSays(t, to.relayLike(), "UCAMILLE", card, text)
				if i+1 == tt.dieAt {
					wait.Until(t, "replica 0 dead", rs[0].dead.Load)
				}
				// The agent writes the next once this one is on its way.
				wait.Until(t, "agent message accepted", func() bool {
					return w.tried(customer, "Camille: "+text) || queued(t, rs[len(rs)-1].store, who, "Camille: "+text)
				})
			}
			w.tg.Wait(t, "every agent message delivered", func(*telegramtest.Server) bool {
				return len(only(w.sentTexts(customer), "Camille: ")) >= len(want)
			})

			// Person → thread: Slack makes the first thread post wait a second.
			w.sl.Fail("chat.postMessage", slackfake.RateLimited(1))
			var typed []string
			for i := range 6 {
				text := fmt.Sprintf("detail %d", i+1)
				typed = append(typed, "Person: "+text)
				w.tell(t, pick(), customer, text)
			}
			w.sl.Wait(t, "every person message in the thread", func() bool {
				return len(only(w.thread(card), "Person: detail")) >= len(typed)
			})

			if got := only(w.sentTexts(customer), "Camille: "); !slices.Equal(got, want) {
				t.Errorf("the customer read\n%q\nwant\n%q", got, want)
			}
			if got := only(w.thread(card), "Person: detail"); !slices.Equal(got, typed) {
				t.Errorf("the thread reads\n%q\nwant\n%q", got, typed)
			}
			if tt.dieAt > 0 && !rs[0].dead.Load() {
				t.Error("replica 0 never died: the test proved nothing about a takeover")
			}
		})
	}
}

// relayLike is p as the helpers of e2e_test.go take it.
func (p *relayProc) relayLike() *proc { return &proc{store: p.store, send: p.send} }
