package desk_test

import (
	"errors"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/desk"
)

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
