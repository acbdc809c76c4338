package bot_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
)

// estimateLine is what estimateDesk tells a person waiting.
const estimateLine = "It may take about 5 minutes."

// estimateDesk is a desk that tells the person how long it may take
// (Desk.Opened's lines), once entered is told; with release set, Opened
// waits for it first: a slow Slack, while the person goes on.
type estimateDesk struct {
	bot.NopDesk
	entered chan struct{}
	release chan struct{}
}

func newEstimateDesk(hold bool) *estimateDesk {
	d := &estimateDesk{entered: make(chan struct{}, 16)}
	if hold {
		d.release = make(chan struct{})
	}
	return d
}

func (d *estimateDesk) Opened(ctx context.Context, _ bot.Address, _ bot.Handoff, _ []bot.Turn) ([]bot.Reply, error) {
	d.entered <- struct{}{}
	if d.release != nil {
		select {
		case <-d.release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return []bot.Reply{{Text: estimateLine}}, nil
}

// deskReplica is an engine delivering through its own Deliverer on s,
// with desk.
func deskReplica(t *testing.T, s outboxStore, name string, out bot.Outlet, desk bot.Desk) (*bot.Engine, *bot.Deliverer) {
	t.Helper()
	d, err := bot.NewDeliverer(bot.DelivererConfig{Store: s, Index: s, Outlet: out, Owner: name})
	if err != nil {
		t.Fatal(err)
	}
	return newEngine(t, s, func(c *bot.Config) { c.Deliverer, c.Desk = d, desk }), d
}

// handleAsync runs m through e in the background; the channel gets its error.
func handleAsync(ctx context.Context, e *bot.Engine, m bot.Message) <-chan error {
	done := make(chan error, 1)
	go func() {
		_, err := e.HandleMessage(ctx, m)
		done <- err
	}()
	return done
}

func recvErr(t *testing.T, what string, ch <-chan error) {
	t.Helper()
	select {
	case err := <-ch:
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	case <-time.After(wait.Timeout):
		t.Fatalf("timed out after %s waiting for %s", wait.Timeout, what)
	}
}

// TestDeskLinesNeverUndoForget: the desk's lines of a hand-off turn (how
// long it may take) are known only once the desk answered, after the turn
// was stored. /forget of the same person in that gap deletes their
// session; nothing written for the turn afterwards may bring it back. The
// old engine queued the lines in a second store update, without the
// conversation's lock or a check that the session still existed: it
// stored a new session holding them for the whole TTL.
func TestDeskLinesNeverUndoForget(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		desk := newEstimateDesk(true)
		e, d := deskReplica(t, newStore(), "r1", &outlet{p: newPlatform()}, desk)
		a := bot.Address{Platform: "telegram", Chat: "forget", User: "1"}
		turn := handleAsync(t.Context(), e, bot.Message{ID: "1", From: a, Text: "I need to speak to a human", Lang: "en"})
		recv(t, "the hand-off turn to reach the desk", desk.entered)
		if _, err := e.HandleMessage(t.Context(), bot.Message{ID: "2", From: a, Text: "/forget", Lang: "en"}); err != nil {
			t.Fatal(err)
		}
		close(desk.release)
		recvErr(t, "the hand-off turn", turn)
		d.Wait()
		if s := session(t, newStore(), a); s.Version != 0 {
			t.Errorf("after /forget and the hand-off turn's desk lines: a session is stored (version %d, outbox %d), want none", s.Version, len(s.Outbox))
		}
	})
}

// TestDeskLinesInOrderAcrossReplicas: the desk's lines come right after
// the reply that promises a person, before the replies of the person's
// next message, even when that message is handled by another replica
// while the desk is still answering the first. The old engine appended
// them to the outbox once the desk answered: after the next turn's reply.
func TestDeskLinesInOrderAcrossReplicas(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		p := newPlatform()
		desk := newEstimateDesk(true)
		e1, d1 := deskReplica(t, newStore(), "r1", &outlet{p: p}, desk)
		e2, d2 := deskReplica(t, newStore(), "r2", &outlet{p: p}, newEstimateDesk(false))
		a := bot.Address{Platform: "telegram", Chat: "order", User: "1"}
		turn := handleAsync(t.Context(), e1, bot.Message{ID: "1", From: a, Text: "I need to speak to a human", Lang: "en"})
		recv(t, "the hand-off turn to reach the desk", desk.entered)
		if _, err := e2.HandleMessage(t.Context(), bot.Message{ID: "2", From: a, Text: "hello? anyone?", Lang: "en"}); err != nil {
			t.Fatal(err)
		}
		close(desk.release)
		recvErr(t, "the hand-off turn", turn)
		passed := func(s string) bool { return strings.Contains(s, "passed your message on") }
		wait.Until(t, "every reply delivered", func() bool {
			got := p.texts(a)
			return slices.Contains(got, estimateLine) && slices.ContainsFunc(got, passed)
		})
		d1.Wait()
		d2.Wait()
		got := p.texts(a)
		i := slices.Index(got, estimateLine)
		if n := strings.Count(fmt.Sprint(got), estimateLine); n != 1 {
			t.Errorf("the person saw %q: the estimate %d times, want once", got, n)
		}
		if i < 1 || !strings.Contains(got[i-1], "asking a person from our team") {
			t.Errorf("the person saw %q: want the estimate right after the promise of a person", got)
		}
		if j := slices.IndexFunc(got, passed); j < i {
			t.Errorf("the person saw %q: the next message's reply came before the first turn's estimate", got)
		}
	})
}

// TestHandoffTurnOneStoreUpdate: a hand-off turn whose desk has lines
// for the person costs one store update, as any turn: the lines have a
// place in the outbox the turn queued. The old engine wrote them in a
// second update (a second compare-and-set on Redis).
func TestHandoffTurnOneStoreUpdate(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		p := newPlatform()
		s := newStore()
		cs := &countingStore{outboxStore: s}
		d, err := bot.NewDeliverer(bot.DelivererConfig{Store: s, Index: s, Outlet: &outlet{p: p}, Owner: "r1"})
		if err != nil {
			t.Fatal(err)
		}
		e := newEngine(t, cs, func(c *bot.Config) { c.Deliverer, c.Desk = d, newEstimateDesk(false) })
		a := bot.Address{Platform: "telegram", Chat: "count", User: "1"}
		if _, err := e.HandleMessage(t.Context(), bot.Message{ID: "1", From: a, Text: "I need to speak to a human", Lang: "en"}); err != nil {
			t.Fatal(err)
		}
		if got := cs.n.Load(); got != 1 {
			t.Errorf("the hand-off turn made %d store updates, want 1", got)
		}
		wait.Until(t, "the estimate delivered", func() bool { return slices.Contains(p.texts(a), estimateLine) })
		d.Wait()
		if got := p.texts(a); got[len(got)-1] != estimateLine || !strings.Contains(got[len(got)-2], "asking a person") {
			t.Errorf("the person saw %q, want the promise then the estimate", got)
		}
	})
}

// failedOpenDesk fails the turn's Desk.Opened (Slack down for a moment);
// the opening queued with the turn then opens the ticket, and the desk can
// say how long it may take when asked (DeskTeller).
type failedOpenDesk struct {
	bot.NopDesk
	ev *events
}

func (d *failedOpenDesk) Opened(context.Context, bot.Address, bot.Handoff, []bot.Turn) ([]bot.Reply, error) {
	return nil, errors.New("slack: 503")
}

func (d *failedOpenDesk) EnsureOpened(context.Context, bot.Address, bot.Handoff) error {
	d.ev.add("ticket")
	return nil
}

func (d *failedOpenDesk) Tell(context.Context, bot.Address, bot.Handoff) ([]bot.Reply, error) {
	d.ev.add("told")
	return []bot.Reply{{Text: estimateLine}}, nil
}

// TestDeskLinesAfterAFailedOpen: when the turn's own Desk.Opened failed
// and said nothing, the delivery does not take that silence for the
// desk's answer: once the opening queued with the turn opened the ticket,
// it asks the desk what to tell the person, who is told, right after the
// promise. The first engine with a place for the lines kept the silence.
func TestDeskLinesAfterAFailedOpen(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		p := newPlatform()
		ev := &events{}
		e, d := deskReplica(t, newStore(), "r1", &outlet{p: p}, &failedOpenDesk{ev: ev})
		a := bot.Address{Platform: "telegram", Chat: "failed", User: "1"}
		if _, err := e.HandleMessage(t.Context(), bot.Message{ID: "1", From: a, Text: "I need to speak to a human", Lang: "en"}); err != nil {
			t.Fatal(err)
		}
		wait.Until(t, "the estimate delivered", func() bool { return slices.Contains(p.texts(a), estimateLine) })
		d.Wait()
		if got := p.texts(a); got[len(got)-1] != estimateLine || !strings.Contains(got[len(got)-2], "asking a person") {
			t.Errorf("the person saw %q, want the promise then the estimate", got)
		}
		if got := ev.all(); !slices.Equal(got, []string{"ticket", "told"}) {
			t.Errorf("desk calls %q, want the ticket opened, then the lines asked for", got)
		}
	})
}

// recentDesk opens tickets from the outbox with the conversation's turns
// (bot.DeskRecentOpener), recording what it opened them with.
type recentDesk struct {
	bot.NopDesk
	ev *events
}

func (d *recentDesk) EnsureOpenedRecent(ctx context.Context, _ bot.Address, h bot.Handoff, recent func(context.Context) ([]bot.Turn, error)) error {
	turns, err := recent(ctx)
	if err != nil {
		return fmt.Errorf("open %s: %w", h.ID, err)
	}
	d.ev.add(fmt.Sprintf("ticket with %d turns", len(turns)))
	return nil
}

// TestOpeningOfAForgottenPerson: a delivery holding a hand-off's opening
// in memory (leased before the person asked to be forgotten) opens no
// ticket for them: the turns for its summary are read from the session,
// and there is none.
func TestOpeningOfAForgottenPerson(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		st, ev, p := newStore(), &events{}, newPlatform()
		d, err := bot.NewDeliverer(bot.DelivererConfig{Store: st, Index: st, Outlet: &outlet{p: p}, Desk: &recentDesk{ev: ev}, Owner: "r1"})
		if err != nil {
			t.Fatal(err)
		}
		a := bot.Address{Platform: "telegram", Chat: "forgotten", User: "1"}
		at := time.Now()
		h := bot.Handoff{ID: "h1", Queue: "general", Status: bot.HandoffWaiting, Lang: "en", Opened: at}
		var l *bot.Leased
		if err := st.Update(t.Context(), a, func(s *bot.Session) error {
			s.Recent = []bot.Turn{{From: bot.SpeakerPerson, Text: "a human please", At: at}}
			bot.QueueOpen(s, h, at)
			l = d.Queue(s, []bot.Reply{{Text: "someone is coming", Handoff: &h}}, at)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		// While the person's session is stored, the opening reads its turns.
		if err := d.Deliver(t.Context(), a, &bot.Leased{Owner: l.Owner, Batch: l.Batch[:1]}); err != nil {
			t.Fatal(err)
		}
		if got := ev.all(); !slices.Equal(got, []string{"ticket with 1 turns"}) {
			t.Fatalf("desk calls %q, want one ticket with the person's turn", got)
		}
		if err := st.Delete(t.Context(), a); err != nil {
			t.Fatal(err)
		}
		if err := d.Deliver(t.Context(), a, l); err != nil {
			t.Fatal(err)
		}
		d.Wait()
		if got := ev.all(); len(got) != 1 {
			t.Errorf("desk calls %q: a ticket was opened for a person forgotten", got)
		}
		if s := session(t, st, a); s.Version != 0 {
			t.Errorf("a session is stored (version %d) after /forget, want none", s.Version)
		}
	})
}
