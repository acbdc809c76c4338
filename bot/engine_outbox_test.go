package bot_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/memstore"
)

// slowOutlet delivers to the shared platform after a short stand-in for
// the reply's pause, so that the next turn is stored while replies wait.
type slowOutlet struct{ outlet }

func (o *slowOutlet) Deliver(ctx context.Context, a bot.Address, r bot.Reply, kb string) (string, error) {
	if r.Pause > 0 {
		t := time.NewTimer(2 * time.Millisecond)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return kb, ctx.Err()
		case <-t.C:
		}
	}
	return o.outlet.Deliver(ctx, a, r, kb)
}

// TestEngineOutboxTypingAhead: a person whose every message lands on the
// other replica, each written before the replies to the last went out,
// sees every reply once, in the order one replica alone would have said
// them, and at most one live keyboard.
func TestEngineOutboxTypingAhead(t *testing.T) {
	t.Parallel()
	msgs := []string{"hello", "my order is late", "AB-123456", "yes", "what can you do", "thanks", "/start", "where is my parcel"}
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		// What one replica says, returned to the adapter as before.
		ref := newEngine(t, memstore.New(memstore.Config{}), nil)
		a := bot.Address{Platform: "telegram", Chat: "1", User: "1"}
		var want []string
		for i, text := range msgs {
			rs, err := ref.HandleMessage(t.Context(), bot.Message{ID: fmt.Sprint(i), From: a, Text: text, Lang: "en"})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rs {
				want = append(want, r.Text)
			}
		}

		if len(want) < len(msgs) {
			t.Fatalf("reference run said %d replies, want at least one per message", len(want))
		}
		p := newPlatform()
		var engines []*bot.Engine
		for i := range 2 {
			s := newStore()
			d, err := bot.NewDeliverer(bot.DelivererConfig{
				Store: s, Index: s, Outlet: bot.Outlets{"telegram": &slowOutlet{outlet{p: p}}},
				Owner: fmt.Sprintf("replica-%d", i),
			})
			if err != nil {
				t.Fatal(err)
			}
			engines = append(engines, newEngine(t, s, func(c *bot.Config) { c.Deliverer = d }))
		}
		for i, text := range msgs {
			rs, err := engines[i%2].HandleMessage(t.Context(), bot.Message{ID: fmt.Sprint(i), From: a, Text: text, Lang: "en"})
			if err != nil || len(rs) != 0 {
				t.Fatalf("turn %d: %d replies returned, %v; want none, the outbox delivers", i, len(rs), err)
			}
		}
		wait.Until(t, "every reply delivered", func() bool { return len(p.texts(a)) >= len(want) })
		if got := p.texts(a); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("the person saw\n%q\nwant\n%q", got, want)
		}
		if n := p.liveButtons(a); n > 1 {
			t.Errorf("%d live keyboards, want at most 1", n)
		}
	})
}

// TestEngineOutboxRedeliveryOnStaleReplica: the platform delivers a message
// again to a replica whose remembered session is older than the turn that
// handled it (Telegram redelivering to another replica behind a load
// balancer). The replica's first try runs on what it remembered, where the
// message looks new, and loses the compare-and-set; the try that counts
// finds it a duplicate. Nothing of the lost try may survive it: the person
// gets every reply once.
func TestEngineOutboxRedeliveryOnStaleReplica(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		p := newPlatform()
		var (
			engines []*bot.Engine
			ds      []*bot.Deliverer
		)
		for i := range 2 {
			s := newStore()
			d, err := bot.NewDeliverer(bot.DelivererConfig{
				Store: s, Index: s, Outlet: bot.Outlets{"telegram": &outlet{p: p}},
				Owner: fmt.Sprintf("replica-%d", i),
			})
			if err != nil {
				t.Fatal(err)
			}
			ds = append(ds, d)
			engines = append(engines, newEngine(t, s, func(c *bot.Config) { c.Deliverer = d }))
		}
		a := bot.Address{Platform: "telegram", Chat: "1", User: "1"}
		say := func(e int, id, text string) {
			t.Helper()
			if _, err := engines[e].HandleMessage(t.Context(), bot.Message{ID: id, From: a, Text: text, Lang: "en"}); err != nil {
				t.Fatal(err)
			}
			for _, d := range ds {
				d.Wait()
			}
		}
		say(1, "1", "hello") // replica 1 remembers the session as it left it
		n := len(p.texts(a))
		say(0, "2", "my order is late") // replica 0 moves it on
		want := p.texts(a)
		if len(want) == n {
			t.Fatalf("the second message got no reply: %q", want)
		}
		say(1, "2", "my order is late") // delivered again, to replica 1
		if got := p.texts(a); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("after the redelivery the person saw\n%q\nwant\n%q", got, want)
		}
	})
}
