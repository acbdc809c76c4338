package desk_test

import (
	"errors"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/desk"
	"github.com/carebot/carebot/bot/storetest"
)

// TestEnsureOpened: the ticket of a hand-off whose turn's replica died
// before telling the desk is opened from the outbox, once; one the turn
// opened is left alone, and so is a superseded (older) hand-off, which
// must not close the newer ticket.
func TestEnsureOpened(t *testing.T) {
	r := newDeskRig(t)
	ctx := t.Context()
	a := r.who("p")
	h := bot.Handoff{ID: "h1", Queue: "support", Status: bot.HandoffWaiting, Lang: "en", Opened: r.clock.Now()}
	posts := func() int {
		r.board.mu.Lock()
		defer r.board.mu.Unlock()
		return r.board.n
	}
	for range 2 {
		storetest.Must(t, r.desk.EnsureOpened(ctx, a, h))
	}
	tk, err := r.store.OpenTicket(ctx, a)
	if err != nil || tk.ID != "h1" || tk.Thread == "" {
		t.Fatalf("open ticket %+v, %v: want h1 with its card posted", tk, err)
	}
	if n := posts(); n != 1 {
		t.Errorf("%d cards posted, want 1", n)
	}
	old := bot.Handoff{ID: "h0", Queue: "support", Status: bot.HandoffWaiting, Lang: "en", Opened: r.clock.Now().Add(-time.Minute)}
	storetest.Must(t, r.desk.EnsureOpened(ctx, a, old))
	if tk, err := r.store.OpenTicket(ctx, a); err != nil || tk.ID != "h1" {
		t.Errorf("after an older hand-off's opening, open ticket %+v, %v: want h1 untouched", tk, err)
	}
	if n := posts(); n != 1 {
		t.Errorf("%d cards posted, want 1", n)
	}
}

// TestRelayedNoTicket: a relay that no retry can help (no ticket, or a
// ticket whose card was never posted) says so with bot.ErrNoTicket, so
// that delivery gives it up at once; a posted ticket takes it.
func TestRelayedNoTicket(t *testing.T) {
	r := newDeskRig(t)
	ctx := t.Context()
	a := r.who("p")
	if _, err := r.store.UpdateTicket(ctx, "bare", func(cur *desk.Ticket) error {
		*cur = desk.Ticket{ID: "bare", Handoff: "bare", Address: r.who("q"), Status: bot.HandoffWaiting}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		a    bot.Address
		id   string
	}{
		{"no ticket", a, "gone"},
		{"no thread", r.who("q"), "bare"},
	} {
		err := r.desk.Relayed(ctx, tc.a, bot.Handoff{ID: tc.id}, "hello?")
		if !errors.Is(err, bot.ErrNoTicket) {
			t.Errorf("%s: Relayed = %v, want an error wrapping bot.ErrNoTicket", tc.name, err)
		}
	}
	tk := r.escalate(t, "p", "I want to talk to a human")
	if err := r.desk.Relayed(ctx, a, bot.Handoff{ID: tk.ID}, "hello?"); err != nil {
		t.Errorf("Relayed to a posted ticket: %v", err)
	}
}
