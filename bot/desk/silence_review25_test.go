package desk_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
)

// TestAgentSilenceRaces25: the holder's silence across what happens at
// the same moment elsewhere (another replica, the agent's Slack, the
// person's phone).
func TestAgentSilenceRaces25(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		run  func(t *testing.T, r *silenceRig)
	}{
		// The second period ends while nobody can come, and Camille answers
		// at that very moment: her answer reached the person, so the
		// conversation is hers still. Before, the ticket closed as silent
		// anyway and the person, just answered by Camille, heard "nobody
		// will reply to you here".
		{"answer_as_nobody_can_come", func(t *testing.T, r *silenceRig) {
			tk := r.escalate(t, "p", "I need to speak to a human")
			r.take(t, tk, "UCAMILLE", "Camille")
			r.say(t, "p", "hello?")
			r.after(t, "p", 10*time.Minute+time.Second)
			r.present.Store(false)
			r.onPresent = func() { r.agentSays(t, tk, "UCAMILLE", "Sorry, I'm here now") }
			if got := r.after(t, "p", 10*time.Minute); strings.Contains(got, endedEN) {
				t.Errorf("Camille answered as the wait ended, the person heard %q", got)
			}
			if got := r.ticket(t, tk.ID); got.Status != bot.HandoffTaken || got.AgentID != "UCAMILLE" {
				t.Errorf("ticket %s held by %q (outcome %q), want taken by Camille", got.Status, got.AgentID, got.Outcome)
			}
		}},
		// Camille answers while the person writes again: the person's new
		// line starts a silence (its check scheduled) just before Camille's
		// answer drops the old check. Before, the drop took the new check
		// with it, and the person's line was never watched: Camille could
		// stay silent for ever.
		{"line_as_the_answer_drops_the_check", func(t *testing.T, r *silenceRig) {
			tk := r.escalate(t, "p", "I need to speak to a human")
			r.take(t, tk, "UCAMILLE", "Camille")
			r.say(t, "p", "hello?")
			r.clock.Add(5 * time.Minute)
			r.beforeDrop = func() { r.say(t, "p", "so what about my parcel?") }
			r.agentSays(t, tk, "UCAMILLE", "Sorry, I'm here")
			if got := r.after(t, "p", 10*time.Minute+time.Second); !strings.Contains(got, remindedEN) {
				t.Errorf("Camille left the person's last line unanswered 10m, the person heard %q, want %q", got, remindedEN)
			}
		}},
		// A check found nothing unanswered (Camille had answered) and, as
		// it was dropped, the person wrote again. Before, the drop took the
		// new line's check with it.
		{"line_as_a_check_finds_nothing", func(t *testing.T, r *silenceRig) {
			tk := r.escalate(t, "p", "I need to speak to a human")
			r.take(t, tk, "UCAMILLE", "Camille")
			r.say(t, "p", "hello?")
			r.agentSays(t, tk, "UCAMILLE", "Hello, I'm Camille")
			// A check left behind, as by a line and an answer that crossed
			// on two replicas.
			if err := r.store.AddSilence(t.Context(), tk.ID, r.clock.Now().Add(time.Minute)); err != nil {
				t.Fatal(err)
			}
			r.beforeDrop = func() { r.say(t, "p", "thanks, my parcel is 12345") }
			r.after(t, "p", time.Minute)
			if got := r.after(t, "p", 10*time.Minute); !strings.Contains(got, remindedEN) {
				t.Errorf("Camille left the person's line unanswered 10m, the person heard %q, want %q", got, remindedEN)
			}
		}},
		// The replica telling the person dies (or the engine fails) as the
		// reminder is due: the check's lease ends and another replica tells
		// the person. Before, the ticket was marked reminded first, and the
		// person never heard that Camille had not answered: the next thing
		// they heard, a period later, was that their request went back.
		{"reminder_lost_is_told_again", func(t *testing.T, r *silenceRig) {
			tk := r.escalate(t, "p", "I need to speak to a human")
			r.take(t, tk, "UCAMILLE", "Camille")
			r.say(t, "p", "hello?")
			engine := r.h
			r.h = failingEvent{engine, bot.EventHandoffAgentSilent}
			if got := r.after(t, "p", 10*time.Minute+time.Second); got != "" {
				t.Fatalf("the engine failed, yet the person heard %q", got)
			}
			r.h = engine
			if got := r.after(t, "p", time.Minute); !strings.Contains(got, remindedEN) {
				t.Errorf("once the check's lease ended, the person heard %q, want %q", got, remindedEN)
			}
			if got := r.after(t, "p", time.Minute); strings.Contains(got, remindedEN) {
				t.Errorf("the person heard the reminder twice: %q", got)
			}
		}},
		// The same when the request goes back to the queue: before, the
		// ticket went back (Take it shown, the check dropped) and the
		// person, never told, still believed Camille was with them.
		{"requeue_lost_is_told_again", func(t *testing.T, r *silenceRig) {
			tk := r.escalate(t, "p", "I need to speak to a human")
			r.take(t, tk, "UCAMILLE", "Camille")
			r.say(t, "p", "hello?")
			r.after(t, "p", 10*time.Minute+time.Second)
			engine := r.h
			r.h = failingEvent{engine, bot.EventHandoffAgentSilentRequeued}
			if got := r.after(t, "p", 10*time.Minute); got != "" {
				t.Fatalf("the engine failed, yet the person heard %q", got)
			}
			r.h = engine
			if got := r.after(t, "p", time.Minute); !strings.Contains(got, requeuedEN) {
				t.Errorf("once the check's lease ended, the person heard %q, want %q", got, requeuedEN)
			}
			if c := r.board.card(tk.Thread); c.State != bot.HandoffWaiting {
				t.Errorf("card state %q, want waiting (Take it)", c.State)
			}
			if lines := strings.Join(r.board.lines[tk.Thread], "\n"); strings.Count(lines, "Camille did not answer within") != 1 {
				t.Errorf("the thread does not say once that Camille did not answer:\n%s", lines)
			}
		}},
		// The store fails as the desk's wait is scheduled again: before, the
		// ticket was back in the queue with no wait, and the person was
		// never told that nobody took it.
		{"requeue_wait_scheduled", func(t *testing.T, r *silenceRig) {
			tk := r.escalate(t, "p", "I need to speak to a human")
			r.take(t, tk, "UCAMILLE", "Camille")
			r.say(t, "p", "hello?")
			r.after(t, "p", 10*time.Minute+time.Second)
			r.failAddDue = true
			r.after(t, "p", 10*time.Minute)
			got := r.after(t, "p", time.Minute)
			if tk := r.ticket(t, tk.ID); tk.Status != bot.HandoffWaiting {
				t.Fatalf("ticket %s, want back in the queue", tk.Status)
			}
			if ids, _ := r.store.PopDue(t.Context(), r.clock.Now().Add(5*time.Minute), 10); len(ids) != 1 || ids[0] != tk.ID {
				t.Errorf("the ticket back in the queue has no wait (due %v); the person heard %q", ids, got)
			}
		}},
		// Whether someone is there cannot be read (the store blinked) as
		// the second period ends: that says nothing of the team. Before,
		// the ticket closed and the person heard that nobody else could
		// join them; now the check runs again once its lease ends.
		{"presence_unknown_is_no_absence", func(t *testing.T, r *silenceRig) {
			tk := r.escalate(t, "p", "I need to speak to a human")
			r.take(t, tk, "UCAMILLE", "Camille")
			r.say(t, "p", "hello?")
			r.after(t, "p", 10*time.Minute+time.Second)
			r.presentFails = true
			if got := r.after(t, "p", 10*time.Minute); strings.Contains(got, endedEN) {
				t.Fatalf("presence unknown, the person heard %q", got)
			}
			if got := r.after(t, "p", time.Minute); !strings.Contains(got, requeuedEN) {
				t.Errorf("once the check's lease ended, the person heard %q, want %q", got, requeuedEN)
			}
		}},
		// The check of the person's first unanswered line cannot be
		// scheduled (the store blinked). Before, the line was recorded as
		// unanswered all the same, so the next lines scheduled nothing
		// either: nobody ever noticed Camille's silence. Now the next line
		// starts it.
		{"check_not_scheduled_next_line_starts_it", func(t *testing.T, r *silenceRig) {
			tk := r.escalate(t, "p", "I need to speak to a human")
			r.take(t, tk, "UCAMILLE", "Camille")
			r.failAddSilence = true
			r.say(t, "p", "hello?")
			r.clock.Add(time.Minute)
			r.say(t, "p", "hello??")
			if got := r.after(t, "p", 10*time.Minute+time.Second); !strings.Contains(got, remindedEN) {
				t.Errorf("Camille silent 10m after the second line, the person heard %q, want %q", got, remindedEN)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.run(t, newSilenceRig(t))
		})
	}
}

// failingEvent is an engine that fails the desk's event of one kind, as
// a replica that dies before its turn is saved.
type failingEvent struct {
	bot.Handler
	event bot.Event
}

func (f failingEvent) HandleMessage(ctx context.Context, m bot.Message) ([]bot.Reply, error) {
	if m.Event == f.event {
		return nil, errors.New("replica stopped")
	}
	return f.Handler.HandleMessage(ctx, m)
}
