package slack

// End-to-end with several carebot replicas on one real redis-server, each
// holding its own Socket Mode connection to the Slack fake: Slack spreads
// envelopes over an app's connections, so an employee's messages land on
// any replica, and their replies go out through the conversation's outbox.

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/adapters/internal/adaptertest"
	"github.com/carebot/carebot/adapters/slack/slackfake"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// replicaPause is the "typing" pause before every reply: long enough that
// a message typed meanwhile, handled by another replica, would overtake
// the replies still waiting.
const replicaPause = 60 * time.Millisecond

// replica is one carebot process: Slack adapter, engine, deliverer.
type replica struct {
	store *redisstore.Store
	// out is its outlet: the pause, then the adapter's Deliver, until it
	// dies; its sweeper stops then.
	out   *adaptertest.Dying
	turns *bottest.Paced // counts the turns the replica ran
}

// startReplica runs one replica in Socket Mode against fake, its sessions
// on the redis-server at url, and waits for its connection (the n-th).
func startReplica(t *testing.T, fake *slackfake.Server, url string, n int) *replica {
	t.Helper()
	name := fmt.Sprintf("r%d", n)
	store := adaptertest.Redis(t, url)
	r := &replica{store: store}
	cfg := testConfig(t, fake, store)
	cfg.AppToken = slackfake.AppToken
	cfg.SigningSecret = ""
	cfg.Logger = adaptertest.Logger(t).With("replica", name)
	a, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	r.out = &adaptertest.Dying{Next: a, Typing: replicaPause}
	d := adaptertest.Deliverer(t, store, name, Platform, r.out, cfg.Logger)
	e, err := bot.New(staff(t, bot.Config{Store: store, Logger: cfg.Logger, Deliverer: d}))
	if err != nil {
		t.Fatal(err)
	}
	r.turns = &bottest.Paced{Next: e}
	runUntilCleanup(t, a, r.turns)
	r.out.Died = adaptertest.Sweep(t, d)
	fake.WaitSockets(t, n+1)
	return r
}

// alone is what one replica alone, replies returned as before the outbox,
// posts for msgs: the texts as Slack shows them.
func alone(t *testing.T, msgs []string) []string {
	t.Helper()
	var want []string
	for _, r := range adaptertest.Alone(t, staff(t, bot.Config{}), bot.Address{Platform: Platform, Chat: "D1", User: "U1"}, msgs) {
		if txt, _ := render(r, ""); txt != "" {
			want = append(want, txt)
		}
	}
	return want
}

// liveButtons counts the messages of channel that still have buttons.
func liveButtons(fake *slackfake.Server, channel string) int {
	n := 0
	for _, m := range fake.Messages(channel) {
		if len(m.Buttons()) > 0 {
			n++
		}
	}
	return n
}

// TestReplicasTypingAhead: employees whose every message lands on the next
// replica's connection, each typed while the replies to the last are
// still in their pauses, get every reply once, in the order one replica
// alone gives, and at most one question with live buttons; with three
// replicas, one dies mid-run, leaving replies it had stored but not sent,
// and the survivors' sweepers send them.
func TestReplicasTypingAhead(t *testing.T) {
	t.Parallel()
	msgs := []string{"hello", "I feel stressed at work", "I had a hard call with a customer", "thanks", "hello", "menu", "I need to talk", "ok"}
	want := alone(t, msgs)
	for _, tt := range []struct {
		name     string
		replicas int
		dieAt    int // person 0's message (from 1) replica 0 dies replying to; 0: none dies
	}{
		{"two_replicas", 2, 0},
		{"three_replicas_one_dies", 3, 4},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			url := redistest.Start(t)
			fake := slackfake.New(t)
			var rs []*replica
			for i := range tt.replicas {
				rs = append(rs, startReplica(t, fake, url, i))
			}
			const people = 3
			var wg sync.WaitGroup
			for p := range people {
				wg.Go(func() {
					chat, user := fmt.Sprintf("DP%d", p), fmt.Sprintf("UP%d", p)
					from := bot.Address{Platform: Platform, Chat: chat, User: user}
					next := p
					for n, text := range msgs {
						// The next living replica takes it (a dead one's
						// connection would be gone).
						for rs[next%len(rs)].out.Dead.Load() {
							next++
						}
						i := next % len(rs)
						next++
						dies := p == 0 && n+1 == tt.dieAt
						if dies {
							// Replica 0 dies holding this message's
							// replies: once nobody holds person 0's
							// lease, the replica that runs the turn
							// leases its replies as it stores them and
							// sends at once; armed, replica 0 dies then
							// (or already died sending to another).
							wait.Until(t, "person 0's outbox idle", func() bool { return adaptertest.Idle(t, rs[0].store, from) })
							rs[0].out.Armed.Store(true)
							if !rs[0].out.Dead.Load() {
								i = 0
							}
						}
						ts := fmt.Sprintf("1700002000.%03d%03d", p, n)
						fake.SendEventTo(t, i, fmt.Sprintf("Ev%d-%d", p, n), slackfake.DM(chat, user, text, ts))
						// The next message is typed once this one is stored, not
						// before (Socket Mode acks an envelope before its turn runs).
						wait.Until(t, "message "+ts+" stored", func() bool { return adaptertest.Stored(t, rs[i].store, from, ts) })
						if dies {
							wait.Until(t, "replica 0 dead", rs[0].out.Dead.Load)
						}
					}
				})
			}
			wg.Wait()
			for p := range people {
				chat := fmt.Sprintf("DP%d", p)
				got := fake.WaitMessages(t, chat, len(want))
				var texts []string
				for _, m := range got {
					texts = append(texts, m.Text)
				}
				if fmt.Sprint(texts) != fmt.Sprint(want) {
					t.Errorf("person %d read\n%q\nwant\n%q", p, texts, want)
				}
				fake.Wait(t, "old questions' buttons removed", func() bool { return liveButtons(fake, chat) <= 1 })
			}
			if tt.dieAt > 0 && !rs[0].out.Dead.Load() {
				t.Error("replica 0 never died: the test proved nothing about a takeover")
			}
		})
	}
}

// TestReplicasDuplicateEvent: Slack sends one event twice, on the
// connections of two replicas (it had not seen the first ack): the
// employee gets one set of replies; the next message is answered as usual.
func TestReplicasDuplicateEvent(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	fake := slackfake.New(t)
	rs := []*replica{startReplica(t, fake, url, 0), startReplica(t, fake, url, 1)}
	first, want := alone(t, []string{"hello"}), alone(t, []string{"hello", "I feel stressed at work"})
	if len(first) == 0 || len(want) <= len(first) {
		t.Fatal("the reference conversation says nothing")
	}
	dm := slackfake.DM("DDUP", "UDUP", "hello", "1700003000.000001")
	fake.WaitAck(t, fake.SendEventTo(t, 0, "EvDup", dm))
	fake.WaitAck(t, fake.SendEventTo(t, 1, "EvDup", dm))
	wait.Until(t, "both replicas to have run the event", func() bool {
		return rs[0].turns.Turns.Load() >= 1 && rs[1].turns.Turns.Load() >= 1
	})
	fake.WaitAck(t, fake.SendEventTo(t, 1, "EvNext", slackfake.DM("DDUP", "UDUP", "I feel stressed at work", "1700003000.000002")))
	fake.Wait(t, "the replies to the second message", func() bool {
		msgs := fake.Messages("DDUP")
		return len(msgs) > 0 && msgs[len(msgs)-1].Text == want[len(want)-1] && len(msgs) >= len(want)
	})
	var got []string
	for _, m := range fake.Messages("DDUP") {
		got = append(got, m.Text)
	}
	if !slices.Equal(got, want) {
		t.Errorf("the employee read\n%q\nwant\n%q", got, want)
	}
}
