package telegram

// End-to-end with several replicas on one real redis-server, in webhook
// mode behind a load balancer with no sticky sessions: every update may
// land on any replica, and replies go out through each conversation's
// outbox.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/memstore"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

const replicaSecret = "replica-secret"

// replicaUnderTest is one carebot process: adapter, engine, deliverer.
type replicaUnderTest struct {
	a *Adapter
	d *bot.Deliverer
}

// dyingOutlet sends through the adapter until it dies, then fails every
// send as a process that stopped would (its lease is left to expire).
type dyingOutlet struct {
	a     *Adapter
	after int32 // sends before dying; < 0 never dies
	sent  atomic.Int32
}

var errDead = errors.New("replica dead")

func (o *dyingOutlet) Deliver(ctx context.Context, to bot.Address, r bot.Reply, kb string) (string, error) {
	if o.after >= 0 && o.sent.Add(1) > o.after {
		return kb, errDead
	}
	return o.a.Deliver(ctx, to, r, kb)
}

func newReplica(t *testing.T, srv *telegramtest.Server, url, name string, dieAfter int32) *replicaUnderTest {
	t.Helper()
	set := bottest.MustFlows(t)
	a, _ := newAdapter(t, srv, func(c *Config) {
		c.WebhookURL = "https://bot.example.com/telegram/webhook"
		c.WebhookSecret = replicaSecret
	})
	store := newRedisStore(t, url)
	d, err := bot.NewDeliverer(bot.DelivererConfig{
		Store: store, Index: store, Owner: name, Logger: testLogger(t),
		Outlet: bot.Outlets{Platform: &dyingOutlet{a: a, after: dieAfter}},
		Lease:  time.Second, Sweep: 20 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	e, err := bot.New(bot.Config{Flows: set, Store: store, Logger: testLogger(t), Deliverer: d})
	if err != nil {
		t.Fatal(err)
	}
	start(t, a, e)
	ctx, cancel := context.WithCancel(t.Context())
	go func() { _ = d.Run(ctx) }()
	t.Cleanup(cancel)
	return &replicaUnderTest{a: a, d: d}
}

// liveKeyboards counts the messages to chat whose buttons were sent and
// never removed.
func liveKeyboards(srv *telegramtest.Server, chat int64) int {
	live := map[int]bool{}
	for _, c := range srv.Calls("sendMessage", "editMessageReplyMarkup") {
		if c.ChatID() != chat {
			continue
		}
		switch {
		case c.Method == "sendMessage" && len(c.Buttons()) > 0 && c.Status == http.StatusOK:
			live[c.MessageID] = true
		case c.Method == "editMessageReplyMarkup" && c.Params.Get("reply_markup") == "":
			id, _ := strconv.Atoi(c.Params.Get("message_id"))
			delete(live, id)
		}
	}
	return len(live)
}

// TestE2EReplicasTypingAhead: customers whose every message lands on the
// next replica, each written before the replies to the last went out, get
// every reply once, in order, with one live keyboard at most; one replica
// dies mid-run (its sends fail from then on) and loses nothing: another
// takes its leases over.
func TestE2EReplicasTypingAhead(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name     string
		replicas int
		dieAfter int32 // sends of replica 0 before it dies; -1: none dies
	}{
		{"two_replicas", 2, -1},
		{"three_replicas_one_dies", 3, 5},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			url := redistest.Start(t)
			srv := telegramtest.New(t)
			var rs []*replicaUnderTest
			for i := range tt.replicas {
				die := int32(-1)
				if i == 0 {
					die = tt.dieAfter
				}
				rs = append(rs, newReplica(t, srv, url, fmt.Sprintf("r%d", i), die))
			}
			msgs := []string{"/start", "my order is late", "AB-123456", "it never arrived", "thanks", "/start", "hello", "where is my parcel"}
			const people = 4
			// What one replica alone says, replies returned as before.
			ref := newEngine(t, bottest.MustFlows(t), memstore.New(memstore.Config{}))
			var want []string
			for i, text := range msgs {
				replies, err := ref.HandleMessage(t.Context(), bot.Message{ID: strconv.Itoa(i), From: bot.Address{Platform: Platform, Chat: "1", User: "1"}, Text: text})
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range replies {
					if r.Text != "" {
						want = append(want, r.Text)
					}
				}
			}
			for n, text := range msgs {
				for p := range people {
					chat := int64(100 + p)
					u := telegramtest.Text(chat, chat, text)
					u.UpdateID = srv.NextUpdateID()
					r := rs[(n+p)%len(rs)]
					if code := post(r.a.WebhookHandler(), u, replicaSecret); code != http.StatusOK {
						t.Fatalf("update %d of person %d: webhook answered %d", n, p, code)
					}
				}
			}
			for p := range people {
				chat := int64(100 + p)
				sent := srv.WaitSent(t, chat, len(want))
				if got := texts(sent); fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("person %d saw\n%q\nwant\n%q", p, got, want)
				}
				wait.Until(t, "old keyboards removed", func() bool { return liveKeyboards(srv, chat) <= 1 })
			}
		})
	}
}
