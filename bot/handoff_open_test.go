package bot_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
)

// events is what happened, in order, across the desk and the platform.
type events struct {
	mu  sync.Mutex
	log []string
}

func (e *events) add(s string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.log = append(e.log, s)
}

func (e *events) all() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]string(nil), e.log...)
}

// hungDesk is the desk as seen by a replica that dies after storing the
// turn, before telling the desk: its Opened never returns (until stopped).
type hungDesk struct {
	bot.NopDesk
	entered chan struct{}
	once    sync.Once
}

func (d *hungDesk) Opened(ctx context.Context, _ bot.Address, _ bot.Handoff, _ []bot.Turn) ([]bot.Reply, error) {
	d.once.Do(func() { close(d.entered) })
	<-ctx.Done()
	return nil, ctx.Err()
}

// openerDesk is the desk as seen by the surviving replica.
type openerDesk struct {
	bot.NopDesk
	ev *events
}

func (d *openerDesk) EnsureOpened(_ context.Context, _ bot.Address, h bot.Handoff) error {
	d.ev.add("ticket:" + h.Queue)
	return nil
}

type eventOutlet struct{ ev *events }

func (o eventOutlet) Deliver(_ context.Context, _ bot.Address, r bot.Reply, kb string) (string, error) {
	o.ev.add("person:" + r.Text)
	return kb, nil
}

type nullOutlet struct{}

func (nullOutlet) Deliver(_ context.Context, _ bot.Address, _ bot.Reply, kb string) (string, error) {
	return kb, nil
}

// TestHandoffTicketOpenedFromOutbox: a replica stores a turn that opens a
// hand-off and dies before telling the desk. Another replica's sweeper
// delivers the outbox: the ticket is opened before the person is promised
// a person, not never.
func TestHandoffTicketOpenedFromOutbox(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		ev := &events{}
		const lease = 200 * time.Millisecond
		st := newStore()
		hung := &hungDesk{entered: make(chan struct{})}
		d1, err := bot.NewDeliverer(bot.DelivererConfig{Store: st, Index: st, Outlet: nullOutlet{}, Owner: "dying", Lease: lease})
		if err != nil {
			t.Fatal(err)
		}
		e1 := mustNew(t, bot.Config{Flows: bottest.MustFlows(t), Store: st, Desk: hung, Deliverer: d1})
		a := bot.Address{Platform: "fake", Chat: "c", User: "u"}
		dead, kill := context.WithCancel(t.Context())
		turned := make(chan error, 1)
		go func() {
			_, err := e1.HandleMessage(dead, bot.Message{ID: "1", From: a, Text: "human please", Lang: "en"})
			turned <- err
		}()
		select {
		case <-hung.entered: // the turn is stored; the replica "dies" now
		case <-time.After(time.Minute):
			t.Fatal("the turn never reached the desk")
		}

		st2 := newStore()
		d2, err := bot.NewDeliverer(bot.DelivererConfig{Store: st2, Index: st2, Outlet: eventOutlet{ev}, Desk: &openerDesk{ev: ev}, Owner: "survivor", Lease: lease, Sweep: 10 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		ctx, stop := context.WithCancel(t.Context())
		done := make(chan error, 1)
		go func() { done <- d2.Run(ctx) }()
		wait.Until(t, "the survivor delivered the hand-off's replies", func() bool {
			return len(outboxOf(t, st2, a)) == 0 && strings.Contains(fmt.Sprint(ev.all()), "person:")
		})
		stop()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		got := ev.all()
		if !strings.HasPrefix(got[0], "ticket:") {
			t.Errorf("events %q: want the ticket opened first, before the person is promised anyone", got)
		}
		if n := strings.Count(fmt.Sprint(got), "ticket:"); n != 1 {
			t.Errorf("events %q: ticket opened %d times, want 1", got, n)
		}
		kill()
		<-turned
		d1.Wait()
	})
}
