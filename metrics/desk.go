package metrics

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/carebot/carebot/bot/desk"
)

// Desk records the hand-off desk's tickets as Prometheus series. Hand-offs
// opened (by priority and reason) are counted by the engine's recorder as
// carebot_handoffs_opened_total; these follow a ticket after that.
type Desk struct {
	opened    *prometheus.CounterVec
	toTake    *prometheus.HistogramVec
	toReply   *prometheus.HistogramVec
	outcomes  *prometheus.CounterVec
	abandoned *prometheus.CounterVec
	timeouts  *prometheus.CounterVec
}

var _ desk.Recorder = (*Desk)(nil)

var waitBuckets = []float64{10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200}

// NewDesk registers the desk's metrics on reg.
func NewDesk(reg prometheus.Registerer) *Desk {
	m := &Desk{
		opened: counterVec("carebot_handoff_tickets_total",
			"Desk tickets opened, by queue, priority and reason.",
			"queue", "priority", "reason"),
		toTake: histogramVec("carebot_handoff_time_to_take_seconds",
			"Time from a hand-off opening to an agent taking it.",
			waitBuckets, "queue", "priority"),
		toReply: histogramVec("carebot_handoff_time_to_first_reply_seconds",
			"Time from a hand-off opening to the first words of a person from the team.",
			waitBuckets, "queue", "priority"),
		outcomes: counterVec("carebot_handoff_outcomes_total",
			"Desk tickets closed, by outcome (resolved, bot, cancelled, superseded, forgotten).",
			"queue", "outcome"),
		abandoned: counterVec("carebot_handoff_abandoned_total",
			"Hand-offs the person withdrew before anyone took them.",
			"queue"),
		timeouts: counterVec("carebot_handoff_timeouts_total",
			"Hand-offs nobody took within the wait.",
			"queue"),
	}
	reg.MustRegister(m.opened, m.toTake, m.toReply, m.outcomes, m.abandoned, m.timeouts)
	return m
}

// Opened implements desk.Recorder.
func (m *Desk) Opened(t desk.Ticket) {
	m.opened.WithLabelValues(t.Queue, t.Priority.String(), t.Reason).Inc()
}

// Taken implements desk.Recorder.
func (m *Desk) Taken(t desk.Ticket, waited time.Duration) {
	m.toTake.WithLabelValues(t.Queue, t.Priority.String()).Observe(waited.Seconds())
}

// FirstReply implements desk.Recorder.
func (m *Desk) FirstReply(t desk.Ticket, after time.Duration) {
	m.toReply.WithLabelValues(t.Queue, t.Priority.String()).Observe(after.Seconds())
}

// Closed implements desk.Recorder: a withdrawal before anyone took the
// ticket is also counted as abandoned.
func (m *Desk) Closed(t desk.Ticket) {
	m.outcomes.WithLabelValues(t.Queue, t.Outcome).Inc()
	if t.Outcome == desk.OutcomeCancelled && t.Taken.IsZero() {
		m.abandoned.WithLabelValues(t.Queue).Inc()
	}
}

// TimedOut implements desk.Recorder.
func (m *Desk) TimedOut(t desk.Ticket) { m.timeouts.WithLabelValues(t.Queue).Inc() }
