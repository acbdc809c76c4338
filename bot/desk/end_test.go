package desk

import (
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
)

func TestTicketEnd(t *testing.T) {
	t.Parallel()
	at := time.Date(2025, 3, 4, 10, 0, 0, 0, time.UTC)
	waiting := Ticket{Status: bot.HandoffWaiting}
	taken := Ticket{Status: bot.HandoffTaken, AgentID: "UA", AgentName: "A"}
	closed := Ticket{Status: bot.HandoffClosed, Outcome: OutcomeResolved}
	for _, tc := range []struct {
		name    string
		t       Ticket
		by      string
		lead    bool
		outcome string
		want    Notice
	}{
		{"holder_resolves", taken, "UA", false, OutcomeResolved, NoticeNone},
		{"holder_gives_back", taken, "UA", false, OutcomeBot, NoticeNone},
		{"lead_resolves_held", taken, "ULEAD", true, OutcomeResolved, NoticeNone},
		{"lead_gives_back_held", taken, "ULEAD", true, OutcomeBot, NoticeNone},
		{"stranger_resolves_held", taken, "UB", false, OutcomeResolved, NoticeNotYours},
		{"stranger_gives_back_held", taken, "UB", false, OutcomeBot, NoticeNotYours},
		{"nobody_resolves_held", taken, "", false, OutcomeResolved, NoticeNotYours},
		{"stranger_resolves_untaken", waiting, "UB", false, OutcomeResolved, NoticeUntaken},
		{"lead_resolves_untaken", waiting, "ULEAD", true, OutcomeResolved, NoticeUntaken},
		{"lead_gives_back_untaken", waiting, "ULEAD", true, OutcomeBot, NoticeUntaken},
		{"lead_cancels_untaken", waiting, "ULEAD", true, OutcomeCancelledByTeam, NoticeNone},
		{"stranger_cancels_untaken", waiting, "UB", false, OutcomeCancelledByTeam, NoticeLeadsOnly},
		{"lead_cancels_held", taken, "ULEAD", true, OutcomeCancelledByTeam, NoticeTakenCancel},
		{"holder_cancels_held", taken, "UA", false, OutcomeCancelledByTeam, NoticeLeadsOnly},
		{"person_withdraws", waiting, "", false, OutcomeCancelled, NoticeNone},
		{"newer_handoff", taken, "", false, OutcomeSuperseded, NoticeNone},
		{"forget", taken, "", false, OutcomeForgotten, NoticeNone},
		{"holder_resolves_closed", closed, "UA", false, OutcomeResolved, NoticeClosed},
		{"lead_cancels_closed", closed, "ULEAD", true, OutcomeCancelledByTeam, NoticeClosed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tk := tc.t
			got := tk.End(tc.by, tc.lead, tc.outcome, at)
			if got != tc.want {
				t.Fatalf("End = %q, want %q", got, tc.want)
			}
			if got != NoticeNone {
				if tk.Status != tc.t.Status || tk.Outcome != tc.t.Outcome {
					t.Errorf("a refused end changed the ticket: %+v", tk)
				}
				return
			}
			if tk.Status != bot.HandoffClosed || tk.Outcome != tc.outcome || tk.ClosedBy != tc.by || !tk.Closed.Equal(at) {
				t.Errorf("ended ticket = %+v", tk)
			}
		})
	}
}
