package desk_test

import (
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
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
		if err := r.desk.EnsureOpened(ctx, a, h); err != nil {
			t.Fatal(err)
		}
	}
	tk, err := r.store.OpenTicket(ctx, a)
	if err != nil || tk.ID != "h1" || tk.Thread == "" {
		t.Fatalf("open ticket %+v, %v: want h1 with its card posted", tk, err)
	}
	if n := posts(); n != 1 {
		t.Errorf("%d cards posted, want 1", n)
	}
	old := bot.Handoff{ID: "h0", Queue: "support", Status: bot.HandoffWaiting, Lang: "en", Opened: r.clock.Now().Add(-time.Minute)}
	if err := r.desk.EnsureOpened(ctx, a, old); err != nil {
		t.Fatal(err)
	}
	if tk, err := r.store.OpenTicket(ctx, a); err != nil || tk.ID != "h1" {
		t.Errorf("after an older hand-off's opening, open ticket %+v, %v: want h1 untouched", tk, err)
	}
	if n := posts(); n != 1 {
		t.Errorf("%d cards posted, want 1", n)
	}
}
