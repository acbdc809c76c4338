package desk

import (
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
)

// TestTicketSilence: what a due check does, from the ticket alone: nothing
// unless the holder has something unanswered; the reminder after one
// period from the person's first unanswered line; giving the ticket back
// one period after the reminder; a check too early is scheduled again.
func TestTicketSilence(t *testing.T) {
	t.Parallel()
	t0 := time.Date(2026, 12, 6, 17, 0, 0, 0, time.UTC)
	const period = 10 * time.Minute
	taken := Ticket{Status: bot.HandoffTaken, AgentID: "U1"}
	with := func(f func(*Ticket)) Ticket { tk := taken; f(&tk); return tk }
	for _, tc := range []struct {
		name  string
		t     Ticket
		at    time.Time
		step  silenceStep
		again time.Time
	}{
		{"nothing_unanswered", taken, t0.Add(time.Hour), silenceNone, time.Time{}},
		{"waiting", with(func(k *Ticket) { k.Status, k.Unanswered = bot.HandoffWaiting, t0 }), t0.Add(time.Hour), silenceNone, time.Time{}},
		{"closed", with(func(k *Ticket) { k.Status, k.Unanswered = bot.HandoffClosed, t0 }), t0.Add(time.Hour), silenceNone, time.Time{}},
		{"early", with(func(k *Ticket) { k.Unanswered = t0 }), t0.Add(period - time.Second), silenceLater, t0.Add(period)},
		{"remind", with(func(k *Ticket) { k.Unanswered = t0 }), t0.Add(period), silenceRemind, time.Time{}},
		{"reminded_early", with(func(k *Ticket) { k.Unanswered, k.Reminded = t0, t0.Add(period) }), t0.Add(period + time.Minute), silenceLater, t0.Add(2 * period)},
		{"requeue", with(func(k *Ticket) { k.Unanswered, k.Reminded = t0, t0.Add(period) }), t0.Add(2 * period), silenceRequeue, time.Time{}},
		{"requeued_untold", with(func(k *Ticket) { k.Status, k.Requeued = bot.HandoffWaiting, 1 }), t0, silenceRequeued, time.Time{}},
		{"requeued_told", with(func(k *Ticket) { k.Status, k.Requeued, k.RequeueTold = bot.HandoffWaiting, 1, 1 }), t0, silenceNone, time.Time{}},
		{"answered_after_reminder", with(func(k *Ticket) { k.Reminded = t0 }), t0.Add(time.Hour), silenceNone, time.Time{}},
	} {
		step, again := tc.t.silence(tc.at, period)
		if step != tc.step || !again.Equal(tc.again) {
			t.Errorf("%s: silence = %v, %v; want %v, %v", tc.name, step, again, tc.step, tc.again)
		}
	}
}
