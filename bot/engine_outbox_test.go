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

// TestEngineFloodNoticeThroughOutbox: the flood notice of a person whose
// replies go through the outbox is queued there too: it comes after the
// replies of their earlier messages still being delivered, never before,
// and the adapter is given nothing to send itself.
func TestEngineFloodNoticeThroughOutbox(t *testing.T) {
	t.Parallel()
	msgs := []string{"hello", "my order is late", "where is it"}
	flood := func(c *bot.Config) { c.FloodLimit, c.FloodWindow = 2, time.Hour }
	a := bot.Address{Platform: "telegram", Chat: "1", User: "1"}
	// What one engine says when it returns its replies, notice included.
	ref := newEngine(t, memstore.New(memstore.Config{}), flood)
	var want []string
	for i, text := range msgs {
		m := bot.Message{ID: fmt.Sprint(i), From: a, Text: text, Lang: "en"}
		v, notice := ref.Admit(t.Context(), m)
		if v == bot.AdmitNotice {
			for _, r := range notice {
				want = append(want, r.Text)
			}
			continue
		}
		m.Admitted = true
		rs, err := ref.HandleMessage(t.Context(), m)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			want = append(want, r.Text)
		}
	}
	p := newPlatform()
	s := memstore.New(memstore.Config{})
	d, err := bot.NewDeliverer(bot.DelivererConfig{Store: s, Index: s, Outlet: bot.Outlets{"telegram": &outlet{p: p, paced: true}}, Owner: "r1"})
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(t, s, func(c *bot.Config) { flood(c); c.Deliverer = d })
	notices := 0
	for i, text := range msgs {
		m := bot.Message{ID: fmt.Sprint(i), From: a, Text: text, Lang: "en"}
		v, notice := e.Admit(t.Context(), m)
		if len(notice) != 0 {
			t.Fatalf("message %d: Admit returned %d replies to send, want none: the outbox sends the notice", i, len(notice))
		}
		if v == bot.AdmitNotice {
			notices++
			continue
		}
		m.Admitted = true
		if _, err := e.HandleMessage(t.Context(), m); err != nil {
			t.Fatal(err)
		}
	}
	if notices != 1 {
		t.Fatalf("%d flood notices, want 1", notices)
	}
	wait.Until(t, "every reply delivered", func() bool { return len(p.texts(a)) >= len(want) })
	d.Wait()
	if got := p.texts(a); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the person saw\n%q\nwant\n%q", got, want)
	}
}
