package desk_test

import (
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/desk"
)

// heldBoard is another replica's view of the same board: its first card
// update waits, once it reached the board, until release is closed (a
// slow chat.update).
type heldBoard struct {
	*memBoard
	once    sync.Once
	reached chan struct{}
	release chan struct{}
}

func (b *heldBoard) Update(ctx context.Context, ref string, c desk.Card) error {
	b.once.Do(func() {
		close(b.reached)
		<-b.release
	})
	return b.memBoard.Update(ctx, ref, c)
}

// TestCardShowsLatestAcrossReplicas: an agent takes a ticket on replica
// A, whose card update is slow; meanwhile the ticket is resolved on
// replica B, which updates the card at once. A's update, rendered from the
// older state ("taken"), reaches the board last: the card must still end
// showing the ticket closed. The old desk left it "taken", with the
// Resolve buttons of a ticket already closed.
func TestCardShowsLatestAcrossReplicas(t *testing.T) {
	t.Parallel()
	r := newDeskRig(t) // replica B
	ctx := t.Context()
	held := &heldBoard{memBoard: r.board, reached: make(chan struct{}), release: make(chan struct{})}
	a, err := desk.New(desk.Config{Store: r.store, Board: held, Texts: bottest.MustFlows(t),
		Senders: map[string]bot.Sender{"telegram": r.sender}, DefaultChannel: "CDESK", Wait: 5 * time.Minute, Now: r.clock.Now})
	if err != nil {
		t.Fatal(err)
	}

	tk := r.escalate(t, "1", "I need to speak to a human")
	taken := make(chan error, 1)
	go func() {
		_, won, err := a.Take(ctx, r.h, tk.ID, "UCAMILLE", "Camille")
		if err == nil && !won {
			err = context.Canceled
		}
		taken <- err
	}()
	select {
	case <-held.reached:
	case err := <-taken:
		t.Fatalf("take ended before its card update: %v", err)
	}
	if notice, err := r.desk.Resolve(ctx, r.h, tk.ID, "UCAMILLE", desk.OutcomeResolved); err != nil || notice != "" {
		t.Fatalf("resolve on B: %q %v", notice, err)
	}
	closed := r.board.card(tk.Thread)
	if closed.State != bot.HandoffClosed {
		t.Fatalf("B's card state %q, want closed", closed.State)
	}
	close(held.release)
	if err := <-taken; err != nil {
		t.Fatalf("take on A: %v", err)
	}
	if got := r.board.card(tk.Thread); !reflect.DeepEqual(got, closed) {
		t.Errorf("card after both updates: state %q, status %q; want B's, the ticket closed (state %q, status %q)", got.State, got.Status, closed.State, closed.Status)
	}
}
