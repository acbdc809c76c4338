package telegram

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestDeliverPauseHandedOver: a replica whose Deliverer stops while it
// shows "typing…" before a reply does not send that reply: the pause is
// abandoned, the lease released, and the replica taking over shows
// "typing…" again for the whole pause, then sends it. The old adapter
// paused inside Deliver, out of the Deliverer's reach: it sent the reply
// after the pause, Shutdown waiting for it (or, with the adapter stopping first, the reply
// went out at once, with no pause).
func TestDeliverPauseHandedOver(t *testing.T) {
	t.Parallel()
	srv := telegramtest.New(t)
	store := memstore.New(memstore.Config{})
	to := bot.Address{Platform: Platform, Chat: "7", User: "7"}

	a, _ := newAdapter(t, srv, func(c *Config) { c.PaceScale = 1 })
	a.sleep = bot.Sleep // real waits: only the stop may end the pause
	start(t, a, answer(nil))
	da, err := bot.NewDeliverer(bot.DelivererConfig{Store: store, Outlet: bot.Outlets{Platform: a}, Owner: "a", Lease: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	var l *bot.Leased
	err = store.Update(t.Context(), to, func(s *bot.Session) error {
		l = da.Queue(s, []bot.Reply{{Text: "first"}, {Text: "second", Pause: 9 * time.Second}}, time.Now())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	da.Start(t.Context(), to, l)
	srv.Wait(t, "typing after the first reply", func(s *telegramtest.Server) bool {
		return len(s.Sent(7)) == 1 && len(s.Calls("sendChatAction")) == 1
	})
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if err := da.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v (the pause was not abandoned)", err)
	}
	if got := texts(srv.Sent(7)); !slices.Equal(got, []string{"first"}) {
		t.Fatalf("the stopping replica sent %q, want [first]", got)
	}

	b, sleeps := newAdapter(t, srv, func(c *Config) { c.PaceScale = 1 })
	start(t, b, answer(nil))
	db, err := bot.NewDeliverer(bot.DelivererConfig{Store: store, Outlet: bot.Outlets{Platform: b}, Owner: "b", Lease: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	db.Start(t.Context(), to, nil) // as its sweeper does
	db.Wait()
	if got := texts(srv.Sent(7)); !slices.Equal(got, []string{"first", "second"}) {
		t.Errorf("the person got %q, want [first second]", got)
	}
	if n := len(srv.Calls("sendChatAction")); n != 1+3 {
		t.Errorf("%d typing actions, want 1 cut short, then 3 over the 9 s", n)
	}
	if diff := cmp.Diff([]time.Duration{4 * time.Second, 4 * time.Second, time.Second}, sleeps.All()); diff != "" {
		t.Errorf("the next replica's waits (-want +got):\n%s", diff)
	}
}
