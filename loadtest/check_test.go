package loadtest

import (
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
)

// TestCheckDelivery: a conversation fails the run unless every reply was
// accepted by the platform and marked delivered in the store by its end;
// only acceptance is timed.
func TestCheckDelivery(t *testing.T) {
	t.Parallel()
	// Two turns: the first queues replies 1 and 2, the second reply 3.
	pl := &plan{msgs: make([]bot.Message, 2), cum: []int64{2, 3}, name: "s"}
	tests := []struct {
		name     string
		accepted []int64 // replies the platform accepted, in order
		marks    []int64 // marks written, each up to a seq
		timed    int64   // turns timed: those whose last reply was accepted
		want     string  // the run's error, "" for none
	}{
		{"accepted_and_marked", []int64{1, 2, 3}, []int64{2, 3}, 2, ""},
		{"last_mark_missing", []int64{1, 2, 3}, []int64{2}, 2, "3 of 3 replies delivered, 2 of 2 turns accepted, 1 of 2 marked"},
		{"never_marked", []int64{1, 2, 3}, nil, 2, "3 of 3 replies delivered, 2 of 2 turns accepted, 0 of 2 marked"},
		{"last_reply_not_accepted", []int64{1, 2}, []int64{2}, 1, "2 of 3 replies delivered, 1 of 2 turns accepted, 1 of 2 marked"},
		{"marked_not_accepted", nil, []int64{2, 3}, 0, "0 of 3 replies delivered, 0 of 2 turns accepted, 2 of 2 marked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := &person{chat: "c"}
			t0 := time.Now().Add(-time.Minute)
			c := &conv{sched: []time.Time{t0, t0}, sent: 2}
			p.convs = []*conv{c}
			var rec recorder
			for _, seq := range tt.accepted {
				c.delivered++
				p.accepted(c, pl, seq, &rec, nil)
			}
			for _, seq := range tt.marks {
				p.marked(c, pl, seq)
			}
			var rep Report
			p.check(pl, &Config{Deliver: true}, &rep)
			got := strings.Join(p.errs, "; ")
			if tt.want == "" && (got != "" || p.finished != 1) || tt.want != "" && (!strings.Contains(got, tt.want) || p.finished != 0) {
				t.Errorf("errors %q, %d finished; want %q", got, p.finished, tt.want)
			}
			// Each timed turn waited its minute; marks time nothing.
			if l := rec.latency(); l.Count != tt.timed || tt.timed > 0 && l.P50 < time.Minute {
				t.Errorf("delivery %+v, want %d turn(s) timed, each at least a minute", l, tt.timed)
			}
		})
	}
}
