package bot_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// holdOutlet is a replica's outlet on the shared platform that holds its
// first pause (or, for a reply with none, its first send) until release
// is closed, telling held once it is there: a reply "typing…" on that
// replica.
type holdOutlet struct {
	outlet
	once    sync.Once
	held    chan struct{}
	release chan struct{}
}

func newHoldOutlet(p *platform) *holdOutlet {
	return &holdOutlet{outlet: outlet{p: p}, held: make(chan struct{}, 1), release: make(chan struct{})}
}

func (o *holdOutlet) hold() {
	first := false
	o.once.Do(func() { first = true })
	if first {
		o.held <- struct{}{}
		<-o.release
	}
}

func (o *holdOutlet) Pause(ctx context.Context, _ bot.Address, _ time.Duration) error {
	o.hold()
	return ctx.Err()
}

func (o *holdOutlet) Deliver(ctx context.Context, a bot.Address, r bot.Reply, keyboard string) (string, error) {
	if r.Pause > 0 {
		o.hold()
		r.Pause = 0
	}
	return o.outlet.Deliver(ctx, a, r, keyboard)
}

// TestForgetConfirmationComesLast: /forget lands on replica B while
// replica A is "typing" a reply (in its pause, holding the delivery
// lease). The person gets A's reply, then the confirmation, and nothing
// of the forgotten conversation after it: the replies A had not begun are
// dropped. The confirmation is queued in the conversation's outbox, in a
// tombstone that keeps nothing personal, and the tombstone goes once the
// confirmation is delivered. The old engine deleted the session and
// returned the confirmation at once: A's reply came after it.
func TestForgetConfirmationComesLast(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		confirm := bottest.MustFlows(t).Common.Messages[flow.MsgForgotten].ByLang["en"]
		type node struct {
			e *bot.Engine
			d *bot.Deliverer
			s outboxStore
		}
		newNode := func(t *testing.T, name string, out bot.Outlet) node {
			s := newStore()
			d, err := bot.NewDeliverer(bot.DelivererConfig{Store: s, Index: s, Outlet: bot.Outlets{"telegram": out}, Owner: name, Flush: 5 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			return node{newEngine(t, s, func(c *bot.Config) { c.Deliverer = d }), d, s}
		}
		// tell sends a message to n as its adapter would: what the
		// engine returns (not through the outbox) reaches the person at once.
		tell := func(t *testing.T, p *platform, n node, a bot.Address, id, text string) {
			t.Helper()
			replies, err := n.e.HandleMessage(t.Context(), bot.Message{ID: id, From: a, Text: text, Lang: "en"})
			if err != nil {
				t.Fatal(err)
			}
			p.mu.Lock()
			for _, r := range replies {
				p.seen[a] = append(p.seen[a], r.Text)
			}
			p.mu.Unlock()
		}
		// setup: the person talked with B (their history, their order
		// number), then A's turn queued three replies and A holds the
		// second one's pause. /forget then lands on B.
		setup := func(t *testing.T, chat string) (*platform, node, node, *holdOutlet, bot.Address) {
			p := newPlatform()
			hold := newHoldOutlet(p)
			a, b := newNode(t, "A", hold), newNode(t, "B", &outlet{p: p})
			to := bot.Address{Platform: "telegram", Chat: chat, User: "1"}
			tell(t, p, b, to, "1", "my parcel AB-123456 never arrived")
			b.d.Wait()
			var l *bot.Leased
			err := a.s.Update(t.Context(), to, func(s *bot.Session) error {
				a.d.Settle(to, s)
				l = a.d.Queue(s, []bot.Reply{{Text: "one"}, {Text: "two", Pause: time.Millisecond}, {Text: "three", Pause: time.Millisecond}}, time.Now())
				return nil
			})
			if err != nil || l == nil {
				t.Fatalf("A's turn: leased %v, %v", l != nil, err)
			}
			a.d.Start(t.Context(), to, l)
			recv(t, "A to pause before its second reply", hold.held)
			tell(t, p, b, to, "2", "/forget")
			return p, a, b, hold, to
		}
		// after returns what the person saw once "one" went out from A.
		after := func(p *platform, to bot.Address) []string {
			got := p.texts(to)
			return got[slices.Index(got, "one")+1:]
		}

		t.Run("in_flight_reply_then_confirmation", func(t *testing.T) {
			p, a, b, hold, to := setup(t, "order")
			// Nothing personal is left, at once, though A still sends.
			if s := session(t, b.s, to); len(s.Recent) != 0 || len(s.Slots) != 0 || s.Lang != "" || s.Flow != "" || !s.Forgotten {
				t.Errorf("session after /forget: recent %d slots %v lang %q flow %q forgotten %v; want a tombstone with nothing personal", len(s.Recent), s.Slots, s.Lang, s.Flow, s.Forgotten)
			}
			close(hold.release)
			wait.Until(t, "the confirmation delivered", func() bool { return slices.Contains(p.texts(to), confirm) })
			a.d.Wait()
			b.d.Wait()
			if got, want := after(p, to), []string{"two", confirm}; !slices.Equal(got, want) {
				t.Errorf("after A's first reply the person saw %q, want %q: the reply being typed, then the confirmation, nothing after", got, want)
			}
			wait.Until(t, "the tombstone deleted", func() bool { return session(t, b.s, to).Version == 0 })
		})

		t.Run("new_message_starts_afresh", func(t *testing.T) {
			// The person writes again before the confirmation went out:
			// a new conversation, whose replies follow the confirmation.
			p, a, b, hold, to := setup(t, "again")
			tell(t, p, b, to, "3", "hello")
			s := session(t, b.s, to)
			if s.Forgotten || len(s.Slots) != 0 || len(s.Recent) == 0 || s.Recent[0].Text != "hello" {
				t.Errorf("after a new message: forgotten %v slots %v recent %+v; want a fresh conversation with the new turn only", s.Forgotten, s.Slots, s.Recent)
			}
			close(hold.release)
			wait.Until(t, "the greeting delivered", func() bool {
				got := p.texts(to)
				return slices.Contains(got, confirm) && slices.Index(got, confirm) < len(got)-1
			})
			a.d.Wait()
			b.d.Wait()
			got := after(p, to)
			if len(got) < 3 || got[0] != "two" || got[1] != confirm || slices.Contains(got, "three") {
				t.Errorf("the person saw %q after A's first reply, want two, the confirmation, then the new conversation's replies", got)
			}
			if s := session(t, b.s, to); s.Version == 0 || s.Forgotten || len(s.Outbox) != 0 {
				t.Errorf("the new conversation: version %d forgotten %v outbox %d; want it stored, delivered", s.Version, s.Forgotten, len(s.Outbox))
			}
		})

		t.Run("late_desk_event_ignored", func(t *testing.T) {
			// The desk's word on the forgotten conversation's ticket
			// (taken by an agent, timed out) arrives while the tombstone
			// waits for its confirmation: nothing is said after the
			// confirmation, and the tombstone still goes.
			p, a, b, hold, to := setup(t, "desk")
			for _, ev := range []bot.Event{bot.EventHandoffTaken, bot.EventHandoffTimeout, bot.EventHandoffClosed} {
				replies, err := b.e.HandleMessage(t.Context(), bot.Message{From: to, Event: ev, Text: "Sam", Lang: "en"})
				if err != nil || len(replies) != 0 {
					t.Errorf("%s on a tombstone: %q, %v; want nothing", ev, texts(replies), err)
				}
			}
			if s := session(t, b.s, to); !s.Forgotten || s.Handoff != nil || len(s.Outbox) != 1 {
				t.Errorf("after the desk's events: forgotten %v handoff %v outbox %d; want the tombstone as it was", s.Forgotten, s.Handoff != nil, len(s.Outbox))
			}
			close(hold.release)
			wait.Until(t, "the tombstone deleted", func() bool { return session(t, b.s, to).Version == 0 })
			a.d.Wait()
			b.d.Wait()
			if got, want := after(p, to), []string{"two", confirm}; !slices.Equal(got, want) {
				t.Errorf("the person saw %q, want %q: nothing after the confirmation", got, want)
			}
		})

		t.Run("duplicate_forget_confirmed_once", func(t *testing.T) {
			p, a, b, hold, to := setup(t, "twice")
			c := newNode(t, "C", &outlet{p: p})
			tell(t, p, c, to, "2", "/forget") // the same update, redelivered to C
			tell(t, p, b, to, "2", "/forget")
			close(hold.release)
			wait.Until(t, "the tombstone deleted", func() bool { return session(t, b.s, to).Version == 0 })
			for _, n := range []node{a, b, c} {
				n.d.Wait()
			}
			if got, want := after(p, to), []string{"two", confirm}; !slices.Equal(got, want) {
				t.Errorf("the person saw %q, want %q: one confirmation", got, want)
			}
		})
	})
}

// saveFailing is a memstore whose saves fail while down is set, after
// fn ran (Redis lost mid-turn): reads still work.
type saveFailing struct {
	*memstore.Store
	down atomic.Bool
}

func (s *saveFailing) Update(ctx context.Context, a bot.Address, fn func(*bot.Session) error) error {
	if !s.down.Load() {
		return s.Store.Update(ctx, a, fn)
	}
	return s.Store.Update(ctx, a, func(x *bot.Session) error {
		if err := fn(x); err != nil {
			return err
		}
		return fmt.Errorf("dial tcp: %w", bot.ErrUnavailable)
	})
}

// TestForgetStoreDown: the store fails during /forget. The person gets the
// kind trouble line, and the session is left whole, never half-erased: a
// second /forget erases it.
func TestForgetStoreDown(t *testing.T) {
	t.Parallel()
	s := &saveFailing{Store: memstore.New(memstore.Config{})}
	e := newEngine(t, s, nil)
	a := bot.Address{Platform: "test", Chat: "down", User: "u"}
	say(t, e, a, "1", "my parcel AB-123456 never arrived")
	s.down.Store(true)
	replies, err := e.HandleMessage(t.Context(), bot.Message{ID: "2", From: a, Text: "/forget", Lang: "en"})
	trouble := bottest.MustFlows(t).Common.Messages[flow.MsgTrouble].ByLang["en"]
	if err == nil || len(replies) != 1 || replies[0].Text != trouble {
		t.Fatalf("/forget with the store down: %q, %v; want the trouble line and an error", texts(replies), err)
	}
	if got := session(t, s, a); got.Forgotten || len(got.Recent) == 0 {
		t.Errorf("after a failed /forget: forgotten %v recent %d; want the session whole", got.Forgotten, len(got.Recent))
	}
	s.down.Store(false)
	say(t, e, a, "3", "/forget")
	if got := session(t, s, a); got.Version != 0 {
		t.Errorf("after /forget: version %d, want nothing stored", got.Version)
	}
}
