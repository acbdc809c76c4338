// Package metrics exposes carebot's care metrics in Prometheus format:
// turns by outcome (containment), hand-offs by priority and reason, and
// satisfaction scores.
package metrics

import (
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/prometheus/client_golang/prometheus"
)

// Recorder records the engine's events as Prometheus metrics.
type Recorder struct {
	turns        *prometheus.CounterVec
	turnSeconds  prometheus.Histogram
	handoffs     *prometheus.CounterVec
	satisfaction prometheus.Histogram
}

var _ bot.Recorder = (*Recorder)(nil)

// New registers carebot's metrics on reg.
func New(reg prometheus.Registerer) *Recorder {
	r := &Recorder{
		turns: counterVec("carebot_turns_total",
			"Messages handled, by outcome (flow, fallback, handoff, crisis, duplicate, flood, error).",
			"outcome"),
		turnSeconds: histogram("carebot_turn_seconds",
			"Time to answer one message, rephrasing included.",
			[]float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}),
		handoffs: counterVec("carebot_handoffs_opened_total",
			"Hand-offs to a person, by priority and reason.",
			"priority", "reason"),
		satisfaction: histogram("carebot_satisfaction_score",
			"Satisfaction scores given at the end of conversations (1 to 5).",
			[]float64{1, 2, 3, 4, 5}),
	}
	reg.MustRegister(r.turns, r.turnSeconds, r.handoffs, r.satisfaction)
	for _, o := range []bot.Outcome{bot.OutcomeFlow, bot.OutcomeFallback, bot.OutcomeHandoff, bot.OutcomeCrisis, bot.OutcomeDuplicate, bot.OutcomeFlood, bot.OutcomeError} {
		r.turns.WithLabelValues(string(o)) // present at zero, so rates work from the start
	}
	return r
}

// Turn implements bot.Recorder.
func (r *Recorder) Turn(outcome bot.Outcome, took time.Duration) {
	r.turns.WithLabelValues(string(outcome)).Inc()
	r.turnSeconds.Observe(took.Seconds())
}

// HandoffOpened implements bot.Recorder.
func (r *Recorder) HandoffOpened(h bot.Handoff) {
	// A label value from a flow file: clipped, to keep cardinality sane.
	r.handoffs.WithLabelValues(h.Priority.String(), clipLabel(h.Reason)).Inc()
}

// Satisfaction implements bot.Recorder.
func (r *Recorder) Satisfaction(score int) { r.satisfaction.Observe(float64(score)) }
