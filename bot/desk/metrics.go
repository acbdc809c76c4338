package desk

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the desk's Prometheus series. Hand-offs opened (by priority
// and reason) are counted by the engine's recorder as
// carebot_handoffs_opened_total; these follow a ticket after that.
type metrics struct {
	opened    *prometheus.CounterVec
	toTake    *prometheus.HistogramVec
	toReply   *prometheus.HistogramVec
	outcomes  *prometheus.CounterVec
	abandoned *prometheus.CounterVec
	timeouts  *prometheus.CounterVec
}

var waitBuckets = []float64{10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		opened: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "carebot_handoff_tickets_total",
			Help: "Desk tickets opened, by queue, priority and reason.",
		}, []string{"queue", "priority", "reason"}),
		toTake: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "carebot_handoff_time_to_take_seconds",
			Help:    "Time from a hand-off opening to an agent taking it.",
			Buckets: waitBuckets,
		}, []string{"queue", "priority"}),
		toReply: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "carebot_handoff_time_to_first_reply_seconds",
			Help:    "Time from a hand-off opening to the first words of a person from the team.",
			Buckets: waitBuckets,
		}, []string{"queue", "priority"}),
		outcomes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "carebot_handoff_outcomes_total",
			Help: "Desk tickets closed, by outcome (resolved, bot, cancelled, superseded, forgotten).",
		}, []string{"queue", "outcome"}),
		abandoned: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "carebot_handoff_abandoned_total",
			Help: "Hand-offs the person withdrew before anyone took them.",
		}, []string{"queue"}),
		timeouts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "carebot_handoff_timeouts_total",
			Help: "Hand-offs nobody took within the wait (or opened outside business hours).",
		}, []string{"queue", "hours"}),
	}
	if reg != nil {
		reg.MustRegister(m.opened, m.toTake, m.toReply, m.outcomes, m.abandoned, m.timeouts)
	}
	return m
}

func seconds(d time.Duration) float64 { return d.Seconds() }
