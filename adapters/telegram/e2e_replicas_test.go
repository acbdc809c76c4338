package telegram

// End-to-end with several replicas on one real redis-server, in webhook
// mode behind a load balancer with no sticky sessions: every update may
// land on any replica, and replies go out through each conversation's
// outbox.

import (
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/carebot/carebot/adapters/internal/adaptertest"
	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

const replicaSecret = "replica-secret"

// replicaUnderTest is one carebot process: adapter, engine, deliverer.
type replicaUnderTest struct {
	a     *Adapter
	store *redisstore.Store
	out   *adaptertest.Dying // sends through the adapter until it dies
}

func newReplica(t *testing.T, srv *telegramtest.Server, url, name string) *replicaUnderTest {
	t.Helper()
	set := bottest.MustFlows(t)
	a, _ := newAdapter(t, srv, webhook(replicaSecret))
	store := adaptertest.Redis(t, url)
	out := &adaptertest.Dying{Next: a}
	d := adaptertest.Deliverer(t, store, name, Platform, out, adaptertest.Logger(t))
	start(t, a, newEngine(t, bot.Config{Flows: set, Store: store, Deliverer: d}))
	adaptertest.Sweep(t, d)
	return &replicaUnderTest{a: a, store: store, out: out}
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
		dieAt    int // person 0's message (from 1) replica 0 dies replying to; 0: none dies
	}{
		{"two_replicas", 2, 0},
		{"three_replicas_one_dies", 3, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			url := redistest.Start(t)
			srv := telegramtest.New(t)
			var rs []*replicaUnderTest
			for i := range tt.replicas {
				rs = append(rs, newReplica(t, srv, url, fmt.Sprintf("r%d", i)))
			}
			msgs := []string{"/start", "my order is late", "AB-123456", "it never arrived", "thanks", "/start", "hello", "where is my parcel"}
			const people = 4
			// What one replica alone says, replies returned as before.
			var want []string
			for _, r := range adaptertest.Alone(t, bot.Config{Flows: bottest.MustFlows(t)}, address(1, 1), msgs) {
				if r.Text != "" {
					want = append(want, r.Text)
				}
			}
			for n, text := range msgs {
				for p := range people {
					chat := int64(100 + p)
					u := telegramtest.Text(chat, chat, text)
					u.UpdateID = srv.NextUpdateID()
					r := rs[(n+p)%len(rs)]
					dies := p == 0 && n+1 == tt.dieAt
					if dies {
						// Replica 0 dies holding this message's replies:
						// once nobody holds the lease, the replica that
						// runs the turn leases its replies as it stores
						// them and sends at once; armed, replica 0 dies
						// then.
						who := address(chat, chat)
						wait.Until(t, "person 0's outbox idle", func() bool { return adaptertest.Idle(t, rs[0].store, who) })
						rs[0].out.Armed.Store(true)
						r = rs[0]
					}
					if code := post(r.a.WebhookHandler(), u, replicaSecret); code != http.StatusOK {
						t.Fatalf("update %d of person %d: webhook answered %d", n, p, code)
					}
					if dies {
						wait.Until(t, "replica 0 dead", rs[0].out.Dead.Load)
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
			if tt.dieAt > 0 && !rs[0].out.Dead.Load() {
				t.Error("replica 0 never died: the test proved nothing about a takeover")
			}
		})
	}
}
