package bot_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
)

// relayDesk is a desk whose thread relays fail while failing says so: with
// a transient error, or with bot.ErrNoTicket (the ticket is gone, or was
// never posted). It records the relays it took and how often each was tried.
type relayDesk struct {
	bot.NopDesk
	mu      sync.Mutex
	failing func(text string) error
	got     []string
	tries   map[string]int
}

func (d *relayDesk) Relayed(_ context.Context, _ bot.Address, _ bot.Handoff, text string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.tries == nil {
		d.tries = map[string]int{}
	}
	d.tries[text]++
	if d.failing != nil {
		if err := d.failing(text); err != nil {
			return err
		}
	}
	d.got = append(d.got, text)
	return nil
}

func (d *relayDesk) relayed() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]string(nil), d.got...)
}

func (d *relayDesk) tried(text string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.tries[text]
}

func (d *relayDesk) setFailing(f func(string) error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.failing = f
}

// relayTurn stores a turn as the engine does while a hand-off is open: the
// person's words for the ticket's thread, then the bot's replies.
func relayTurn(t *testing.T, ctx context.Context, st outboxStore, d *bot.Deliverer, a bot.Address, relay string, replies ...bot.Reply) {
	t.Helper()
	var l *bot.Leased
	if err := st.Update(ctx, a, func(s *bot.Session) error {
		bot.QueueRelay(s, bot.Handoff{ID: "h1"}, relay, time.Now())
		l = d.Queue(s, replies, time.Now())
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if l != nil {
		d.Start(ctx, a, l)
	}
}

func outboxOf(t *testing.T, st outboxStore, a bot.Address) []bot.Outbound {
	t.Helper()
	var s bot.Session
	_ = st.Update(t.Context(), a, func(x *bot.Session) error { s = *x; return errors.New("read") })
	return s.Outbox
}

// TestDeliveryRelayNeverHoldsPersonBack: a desk relay that fails (Slack
// down) does not hold back the person's replies, a crisis safety message
// included: they are delivered at once, in order, while the relays wait and
// are tried again, in their own order, until the desk takes them.
func TestDeliveryRelayNeverHoldsPersonBack(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		p := newPlatform()
		st := newStore()
		desk := &relayDesk{failing: func(string) error { return errors.New("slack: 503") }}
		d, err := bot.NewDeliverer(bot.DelivererConfig{
			Store: st, Index: st, Outlet: &outlet{p: p}, Desk: desk, Owner: "r",
			Lease: 200 * time.Millisecond, Sweep: 10 * time.Millisecond,
		})
		if err != nil {
			t.Fatal(err)
		}
		ctx, stop := context.WithCancel(t.Context())
		defer stop()
		done := make(chan error, 1)
		go func() { done <- d.Run(ctx) }()
		a := bot.Address{Platform: "fake", Chat: "c", User: "u"}

		relayTurn(t, ctx, st, d, a, "I want to end it", bot.Reply{Text: "SAFETY MESSAGE"}, bot.Reply{Text: "call 112"})
		wait.Until(t, "the safety message delivered despite the failing relay", func() bool { return len(p.texts(a)) >= 2 })
		relayTurn(t, ctx, st, d, a, "still here", bot.Reply{Text: "we are with you"})
		wait.Until(t, "the next reply delivered too", func() bool { return len(p.texts(a)) >= 3 })
		if got, want := fmt.Sprint(p.texts(a)), "[SAFETY MESSAGE call 112 we are with you]"; got != want {
			t.Errorf("the person saw %s, want %s", got, want)
		}
		wait.Until(t, "the failing relay tried again", func() bool { return desk.tried("I want to end it") >= 2 })
		if n := desk.tried("still here"); n != 0 {
			// Relays keep their order: the second waits for the first.
			t.Errorf("the second relay was tried %d times while the first failed, want 0", n)
		}

		desk.setFailing(nil) // Slack is back
		wait.Until(t, "both relays in the thread", func() bool { return len(desk.relayed()) >= 2 })
		if got, want := fmt.Sprint(desk.relayed()), "[I want to end it still here]"; got != want {
			t.Errorf("the thread got %s, want %s", got, want)
		}
		wait.Until(t, "the outbox empty", func() bool { return len(outboxOf(t, st, a)) == 0 })
		stop()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		d.Wait()
		if got := len(p.texts(a)); got != 3 {
			t.Errorf("the person got %d replies, want 3 (none twice)", got)
		}
	})
}

// TestDeliveryRelayNoTicketGivenUp: a relay the desk can never take (its
// ticket is gone or has no thread: bot.ErrNoTicket) is given up at once,
// not tried again for RelayGiveUp.
func TestDeliveryRelayNoTicketGivenUp(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		p := newPlatform()
		st := newStore()
		desk := &relayDesk{failing: func(string) error {
			return fmt.Errorf("desk relay h1: ticket has no thread: %w", bot.ErrNoTicket)
		}}
		d, err := bot.NewDeliverer(bot.DelivererConfig{
			Store: st, Index: st, Outlet: &outlet{p: p}, Desk: desk, Owner: "r",
			Lease: time.Minute, Sweep: 10 * time.Millisecond,
		})
		if err != nil {
			t.Fatal(err)
		}
		a := bot.Address{Platform: "fake", Chat: "c", User: "u"}
		relayTurn(t, t.Context(), st, d, a, "hello?", bot.Reply{Text: "noted"})
		d.Wait()
		if got := fmt.Sprint(p.texts(a)); got != "[noted]" {
			t.Errorf("the person saw %s, want [noted]", got)
		}
		if out := outboxOf(t, st, a); len(out) != 0 {
			t.Errorf("outbox %+v, want empty: a relay with no ticket is given up at once", out)
		}
		if n := desk.tried("hello?"); n != 1 {
			t.Errorf("relay tried %d times, want 1", n)
		}
	})
}
