package desk_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/desk"
	"github.com/carebot/carebot/bot/memstore"
)

// cardBoard is a board that keeps each ticket's last card.
type cardBoard struct {
	mu    sync.Mutex
	cards map[string]desk.Card
}

func (b *cardBoard) Post(_ context.Context, c desk.Card) (string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cards == nil {
		b.cards = map[string]desk.Card{}
	}
	ref := "ref-" + c.Ticket
	b.cards[ref] = c
	return ref, nil
}

func (b *cardBoard) Update(_ context.Context, ref string, c desk.Card) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.cards[ref] = c
	return nil
}

func (b *cardBoard) Reply(context.Context, string, string) error { return nil }

func (b *cardBoard) card(ref string) desk.Card {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.cards[ref]
}

// TestRelayRaisesPriority25: a person who says, while waiting, that they
// are 85 or in distress is a high-priority hand-off from then on (the
// engine relays the hand-off at its new priority): before, the ticket kept
// the normal priority it was opened with, behind every older normal
// ticket, and its card said "normal". Now the ticket is raised, comes
// before the older normal one, and its card says so; a relay at a lower
// priority lowers nothing.
func TestRelayRaisesPriority25(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	clock := bottest.NewClock(time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC))
	store := memstore.NewDeskStore(clock.Now)
	board := &cardBoard{}
	d, err := desk.New(desk.Config{Store: store, Board: board, Texts: bottest.MustFlows(t), DefaultChannel: "desk", Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	older := bot.Address{Platform: "test", Chat: "c1", User: "u1"}
	later := bot.Address{Platform: "test", Chat: "c2", User: "u2"}
	h1 := bot.Handoff{ID: "h1", Queue: "delivery", Priority: bot.PriorityNormal, Status: bot.HandoffWaiting}
	h2 := bot.Handoff{ID: "h2", Queue: "delivery", Priority: bot.PriorityNormal, Status: bot.HandoffWaiting}
	if _, err := d.Opened(ctx, older, h1, nil); err != nil {
		t.Fatal(err)
	}
	clock.Add(time.Minute)
	if _, err := d.Opened(ctx, later, h2, nil); err != nil {
		t.Fatal(err)
	}
	normalCard := board.card("ref-h2")
	h2.Priority, h2.Signals = bot.PriorityHigh, bot.Signals{Vulnerable: []string{"senior"}}
	if err := d.Relayed(ctx, later, h2, "by the way I'm 85, please be patient with me"); err != nil {
		t.Fatal(err)
	}
	open, err := store.OpenTickets(ctx, "delivery")
	if err != nil || len(open) != 2 {
		t.Fatalf("open tickets = %+v, %v", open, err)
	}
	if open[0].ID != "h2" || open[0].Priority != bot.PriorityHigh {
		t.Errorf("queue = %s (%v), %s (%v); want h2 raised to high first", open[0].ID, open[0].Priority, open[1].ID, open[1].Priority)
	}
	if got := board.card("ref-h2"); got.Title == normalCard.Title || !strings.Contains(strings.Join(got.Lines, "|"), "senior") {
		t.Errorf("card not updated: %q %q (was %q)", got.Title, got.Lines, normalCard.Title)
	}
	// A relay at a lower priority lowers nothing.
	h2.Priority = bot.PriorityNormal
	if err := d.Relayed(ctx, later, h2, "thanks"); err != nil {
		t.Fatal(err)
	}
	if tk, err := store.Ticket(ctx, "h2"); err != nil || tk.Priority != bot.PriorityHigh {
		t.Errorf("after a normal relay: %+v, %v; want high kept", tk.Priority, err)
	}
}
