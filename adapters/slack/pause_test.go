package slack

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/carebot/carebot/adapters/slack/slackfake"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestDeliverPauseHandedOver: a replica whose Deliverer stops while it
// waits a reply's pause does not post that reply: the pause is abandoned,
// the lease released, and the replica taking over waits the whole pause,
// then posts it. The old adapter paused inside Deliver, out of the
// Deliverer's reach: it posted the reply after the pause, Shutdown waiting
// for it.
func TestDeliverPauseHandedOver(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	store := memstore.New(memstore.Config{})
	to := bot.Address{Platform: Platform, Chat: "D1", User: "U1"}
	replica := func(name string, sleep func(context.Context, time.Duration) error) *bot.Deliverer {
		t.Helper()
		cfg := testConfig(t, fake, newClaimer(0))
		cfg.PaceScale = 1
		a, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		a.sleep = sleep
		d, err := bot.NewDeliverer(bot.DelivererConfig{Store: store, Outlet: bot.Outlets{Platform: a}, Owner: name, Lease: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	pausing := make(chan time.Duration, 1)
	da := replica("a", func(ctx context.Context, d time.Duration) error {
		pausing <- d
		return bot.Sleep(ctx, d) // real: only the stop may end it
	})
	var l *bot.Leased
	err := store.Update(t.Context(), to, func(s *bot.Session) error {
		l = da.Queue(s, []bot.Reply{{Text: "first"}, {Text: "second", Pause: 9 * time.Second}}, time.Now())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	da.Start(t.Context(), to, l)
	if d := <-pausing; d != 9*time.Second {
		t.Fatalf("paused %v, want 9s", d)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	if err := da.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v (the pause was not abandoned)", err)
	}
	if got := texts(fake.Messages("D1")); fmt.Sprint(got) != "[first]" {
		t.Fatalf("the stopping replica posted %q, want [first]", got)
	}

	var waited []time.Duration
	db := replica("b", func(_ context.Context, d time.Duration) error {
		waited = append(waited, d) // one delivery: no concurrent calls
		return nil
	})
	db.Start(t.Context(), to, nil) // as its sweeper does
	db.Wait()
	if got := texts(fake.Messages("D1")); fmt.Sprint(got) != "[first second]" {
		t.Errorf("the person got %q, want [first second]", got)
	}
	if fmt.Sprint(waited) != "[9s]" {
		t.Errorf("the next replica waited %v, want [9s] before the reply", waited)
	}
}

func texts(ms []slackfake.Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Text)
	}
	return out
}
