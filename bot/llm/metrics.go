package llm

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the rephraser's Prometheus collectors. They always exist, so
// the code never checks for nil; they are registered only when a Registerer
// is given.
type metrics struct {
	calls     prometheus.Counter
	accepted  prometheus.Counter
	rejected  *prometheus.CounterVec
	fallbacks *prometheus.CounterVec
	latency   prometheus.Histogram
	cacheHits prometheus.Counter
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		calls: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "carebot_rephrase_calls_total",
			Help: "Calls made to the rephrasing model.",
		}),
		accepted: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "carebot_rephrase_accepted_total",
			Help: "Rephrases that passed every guardrail and were sent (cache hits excluded).",
		}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "carebot_rephrase_rejected_total",
			Help: "Rephrases discarded by a guardrail, by the first check they failed.",
		}, []string{"check"}),
		fallbacks: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "carebot_rephrase_fallbacks_total",
			Help: "Replies sent as scripted instead of rephrased, by cause.",
		}, []string{"cause"}),
		latency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "carebot_rephrase_latency_seconds",
			Help:    "Duration of calls to the rephrasing model, failed ones included.",
			Buckets: []float64{0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5},
		}),
		cacheHits: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "carebot_rephrase_cache_hits_total",
			Help: "Replies served from the rephrase cache without calling the model.",
		}),
	}
	// Every label value exists from the start, so dashboards and alerts see
	// zeros rather than missing series.
	for _, c := range Checks {
		m.rejected.WithLabelValues(c)
	}
	for _, c := range Causes {
		m.fallbacks.WithLabelValues(c)
	}
	if reg == nil {
		return m, nil
	}
	cs := []prometheus.Collector{m.calls, m.accepted, m.rejected, m.fallbacks, m.latency, m.cacheHits}
	for i, c := range cs {
		if err := reg.Register(c); err != nil {
			for _, done := range cs[:i] {
				reg.Unregister(done)
			}
			return nil, fmt.Errorf("register metrics: %w", err)
		}
	}
	return m, nil
}
