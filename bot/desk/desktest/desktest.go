// Package desktest checks a desk.Store implementation: the same tests run
// on the in-memory store and on a real redis-server.
package desktest

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/desk"
	"github.com/carebot/carebot/bot/storetest"
)

// Run checks s, which must be empty.
func Run(t *testing.T, s desk.Store) {
	t.Helper()
	ctx := t.Context()
	base := time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC)
	who := func(i int) bot.Address {
		return bot.Address{Platform: "telegram", Chat: fmt.Sprint(i), User: fmt.Sprint(i)}
	}
	save := func(id string, a bot.Address, p bot.Priority, opened time.Time) {
		t.Helper()
		update(t, s, id, func(tk *desk.Ticket) {
			*tk = desk.Ticket{Address: a, Queue: "general", Priority: p, Status: bot.HandoffWaiting, Opened: opened, Thread: "C1:" + id}
		})
	}

	if _, err := s.Ticket(ctx, "nope"); !errors.Is(err, desk.ErrNotFound) {
		t.Errorf("missing ticket: %v, want ErrNotFound", err)
	}
	save("old-normal", who(1), bot.PriorityNormal, base)
	save("new-urgent", who(2), bot.PriorityUrgent, base.Add(time.Minute))
	save("high", who(3), bot.PriorityHigh, base.Add(2*time.Minute))
	save("new-normal", who(4), bot.PriorityNormal, base.Add(3*time.Minute))

	open, err := s.OpenTickets(ctx, "general")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, o := range open {
		ids = append(ids, o.ID)
	}
	if want := []string{"new-urgent", "high", "old-normal", "new-normal"}; !slices.Equal(ids, want) {
		t.Errorf("queue order %v, want %v", ids, want)
	}
	if tk, err := s.TicketByThread(ctx, "C1:high"); err != nil || tk.ID != "high" {
		t.Errorf("by thread: %+v, %v", tk, err)
	}
	if tk, err := s.OpenTicket(ctx, who(2)); err != nil || tk.ID != "new-urgent" {
		t.Errorf("open ticket of a conversation: %+v, %v", tk, err)
	}

	// Closing removes it from the queue and the conversation.
	update(t, s, "high", func(tk *desk.Ticket) { tk.Status = bot.HandoffClosed })
	if _, err := s.OpenTicket(ctx, who(3)); !errors.Is(err, desk.ErrNotFound) {
		t.Errorf("closed ticket still open for its conversation: %v", err)
	}
	if open, _ := s.OpenTickets(ctx, "general"); len(open) != 3 {
		t.Errorf("%d open tickets after closing one, want 3", len(open))
	}
	// fn's error saves nothing.
	boom := errors.New("boom")
	if _, err := s.UpdateTicket(ctx, "old-normal", func(tk *desk.Ticket) error { tk.Reason = "x"; return boom }); !errors.Is(err, boom) {
		t.Errorf("fn error: %v", err)
	}
	if tk, _ := s.Ticket(ctx, "old-normal"); tk.Reason != "" {
		t.Error("a failed update was saved")
	}

	// The tickets an agent holds in a channel, oldest first; closing one,
	// or another agent or channel, leaves it out.
	hold := func(id, channel, agent string, status bot.HandoffStatus, opened time.Time) {
		t.Helper()
		update(t, s, id, func(tk *desk.Ticket) {
			*tk = desk.Ticket{Address: bot.Address{Platform: "slack", Chat: "D" + id, User: "U" + id}, Queue: "held", Channel: channel, Status: status, AgentID: agent, AgentName: agent, Opened: opened, Taken: opened.Add(time.Minute)}
		})
	}
	heldIDs := func(channel, agent string) []string {
		t.Helper()
		list, err := s.HeldTickets(ctx, channel, agent)
		if err != nil {
			t.Fatalf("held tickets %s %s: %v", channel, agent, err)
		}
		var ids []string
		for _, tk := range list {
			if tk.Status != bot.HandoffTaken || tk.AgentID != agent || tk.Channel != channel {
				t.Errorf("held ticket %+v is not %s's in %s", tk, agent, channel)
			}
			ids = append(ids, tk.ID)
		}
		return ids
	}
	hold("held-new", "CDESK", "UA", bot.HandoffTaken, base.Add(time.Hour))
	hold("held-old", "CDESK", "UA", bot.HandoffTaken, base)
	hold("held-b", "CDESK", "UB", bot.HandoffTaken, base)
	hold("held-other-channel", "CBILL", "UA", bot.HandoffTaken, base)
	hold("held-waiting", "CDESK", "", bot.HandoffWaiting, base)
	if got, want := heldIDs("CDESK", "UA"), []string{"held-old", "held-new"}; !slices.Equal(got, want) {
		t.Errorf("held by UA in CDESK = %v, want %v", got, want)
	}
	if got := heldIDs("CBILL", "UA"); !slices.Equal(got, []string{"held-other-channel"}) {
		t.Errorf("held by UA in CBILL = %v", got)
	}
	if got := heldIDs("CDESK", "UC"); len(got) != 0 {
		t.Errorf("held by nobody = %v", got)
	}
	update(t, s, "held-old", func(tk *desk.Ticket) { tk.Status = bot.HandoffClosed })
	if got := heldIDs("CDESK", "UA"); !slices.Equal(got, []string{"held-new"}) {
		t.Errorf("held by UA after closing one = %v, want [held-new]", got)
	}

	// Concurrent updates lose nothing.
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if _, err := s.UpdateTicket(ctx, "counter", func(tk *desk.Ticket) error { tk.Reason += "x"; return nil }); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if tk, _ := s.Ticket(ctx, "counter"); len(tk.Reason) != 10 {
		t.Errorf("concurrent updates: %d of 10 kept", len(tk.Reason))
	}

	// Ending a ticket is decided inside the compare-and-set: a lead's
	// cancel racing an agent's take, with a stranger pressing Resolve,
	// ends with exactly one of the first two, never the stranger's.
	endRace(t, s, base)

	// Due waits go to exactly one caller.
	for i := range 20 {
		storetest.Must(t, s.AddDue(ctx, fmt.Sprint("due", i), base.Add(time.Duration(i)*time.Second)))
	}
	got := storetest.Tally(t, 4, func() ([]string, error) {
		var all []string
		for {
			ids, err := s.PopDue(ctx, base.Add(9*time.Second), 3)
			if err != nil || len(ids) == 0 {
				return all, err
			}
			all = append(all, ids...)
		}
	})
	storetest.Once(t, got, 10, "due waits popped")

	// Silence checks: one per ticket (a later one replaces it), each
	// leased to exactly one caller, none once dropped, none mixed with the
	// waits; a lease that ends gives the check to the next caller.
	for i := range 20 {
		storetest.Must(t, s.AddSilence(ctx, fmt.Sprint("quiet", i), base.Add(time.Hour)))
		storetest.Must(t, s.AddSilence(ctx, fmt.Sprint("quiet", i), base.Add(time.Duration(i)*time.Second)))
	}
	storetest.Must(t, s.DropSilence(ctx, "quiet0"))
	storetest.Must(t, s.DropSilence(ctx, "never-watched"))
	got = storetest.Tally(t, 4, func() ([]string, error) {
		var all []string
		for {
			ids, err := s.LeaseSilences(ctx, base.Add(9*time.Second), time.Minute, 3)
			if err != nil || len(ids) == 0 {
				return all, err
			}
			all = append(all, ids...)
		}
	})
	storetest.Once(t, got, 9, "silence checks popped")
	if ids, err := s.PopDue(ctx, base.Add(time.Hour), 50); err != nil || len(ids) != 10 {
		t.Errorf("due waits after the silence checks = %v, %v; want the 10 left", ids, err)
	}
	if ids, err := s.LeaseSilences(ctx, base.Add(time.Minute+9*time.Second), time.Minute, 50); err != nil || len(ids) != 19 {
		t.Errorf("silence checks after their lease ended = %v, %v; want the 9 leased again and the 10 due since", ids, err)
	}
	storetest.Must(t, s.AddSilence(ctx, "quiet1", base.Add(time.Hour)))
	storetest.Must(t, s.DropSilence(ctx, "quiet2"))
	if ids, err := s.LeaseSilences(ctx, base.Add(3*time.Minute), time.Minute, 50); err != nil || len(ids) != 17 || slices.Contains(ids, "quiet1") || slices.Contains(ids, "quiet2") {
		t.Errorf("silence checks rescheduled or dropped = %v, %v; want 17, not quiet1 nor quiet2", ids, err)
	}
	if _, err := s.LeaseSilences(ctx, base, time.Minute, 0); err == nil {
		t.Error("LeaseSilences with max 0: no error")
	}

	// Recent waits, newest first, capped.
	for i := range desk.MaxWaits + 5 {
		storetest.Must(t, s.AddWait(ctx, "general", time.Duration(i+1)*time.Second))
	}
	w, err := s.Waits(ctx, "general")
	if err != nil || len(w) != desk.MaxWaits || w[0] != time.Duration(desk.MaxWaits+5)*time.Second {
		t.Errorf("waits = %v, %v", w, err)
	}

	// Claims: one holder.
	if h, _ := s.Claim(ctx, "k", "a", time.Minute); h != "a" {
		t.Errorf("first claim holder %q", h)
	}
	if h, _ := s.Claim(ctx, "k", "b", time.Minute); h != "a" {
		t.Errorf("second claim holder %q, want a", h)
	}
}

// update changes ticket id with fn, and fails the test if it cannot.
func update(t *testing.T, s desk.Store, id string, fn func(*desk.Ticket)) {
	t.Helper()
	if _, err := s.UpdateTicket(t.Context(), id, func(tk *desk.Ticket) error { fn(tk); return nil }); err != nil {
		t.Fatalf("update %s: %v", id, err)
	}
}

// endRace runs, on each of many waiting tickets at once, an agent taking
// it, a lead cancelling it (Ticket.End) and a stranger resolving it, each
// as its own UpdateTicket (as two carebot processes would).
func endRace(t *testing.T, s desk.Store, opened time.Time) {
	t.Helper()
	ctx := t.Context()
	const n = 20
	for i := range n {
		id := fmt.Sprint("race", i)
		update(t, s, id, func(tk *desk.Ticket) {
			*tk = desk.Ticket{Address: bot.Address{Platform: "telegram", Chat: id, User: id}, Queue: "race", Channel: "CDESK", Status: bot.HandoffWaiting, Opened: opened}
		})
	}
	type result struct{ took, cancelled, strangerEnded bool }
	results := make([]result, n)
	var wg sync.WaitGroup
	for i := range n {
		id := fmt.Sprint("race", i)
		r := &results[i]
		race := func(fn func(tk *desk.Ticket)) {
			wg.Go(func() {
				if _, err := s.UpdateTicket(ctx, id, func(tk *desk.Ticket) error { fn(tk); return nil }); err != nil {
					t.Error(err)
				}
			})
		}
		race(func(tk *desk.Ticket) {
			r.took = tk.Status == bot.HandoffWaiting
			if r.took {
				tk.Status, tk.AgentID, tk.AgentName, tk.Taken = bot.HandoffTaken, "UA", "A", opened.Add(time.Minute)
			}
		})
		race(func(tk *desk.Ticket) {
			r.cancelled = tk.End("ULEAD", true, desk.OutcomeCancelledByTeam, opened.Add(time.Minute)) == desk.NoticeNone
		})
		race(func(tk *desk.Ticket) {
			r.strangerEnded = tk.End("UB", false, desk.OutcomeResolved, opened.Add(time.Minute)) == desk.NoticeNone
		})
	}
	wg.Wait()
	for i, r := range results {
		tk, err := s.Ticket(ctx, fmt.Sprint("race", i))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case r.strangerEnded:
			t.Errorf("ticket %d: a stranger resolved it", i)
		case r.took == r.cancelled:
			t.Errorf("ticket %d: taken %v and cancelled %v: exactly one must win", i, r.took, r.cancelled)
		case r.took && (tk.Status != bot.HandoffTaken || tk.AgentID != "UA"):
			t.Errorf("ticket %d: taken, but stored as %s by %q", i, tk.Status, tk.AgentID)
		case r.cancelled && (tk.Status != bot.HandoffClosed || tk.Outcome != desk.OutcomeCancelledByTeam || tk.ClosedBy != "ULEAD"):
			t.Errorf("ticket %d: cancelled, but stored as %s/%s by %q", i, tk.Status, tk.Outcome, tk.ClosedBy)
		}
	}
}
