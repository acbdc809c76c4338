package metrics

import (
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Rephrase records what the LLM rephraser does: calls and their latency,
// rephrases accepted, rejected by a guardrail (check) or replaced by the
// script (cause), and cache hits. It implements llm.Recorder.
type Rephrase struct {
	calls     prometheus.Counter
	accepted  prometheus.Counter
	rejected  *prometheus.CounterVec
	fallbacks *prometheus.CounterVec
	latency   prometheus.Histogram
	cacheHits prometheus.Counter
}

// NewRephrase registers the rephraser's metrics on reg, with a series at
// zero for every guardrail check and fallback cause, so that dashboards and
// alerts see zeros rather than missing series. A second set on the same
// registry is an error, and then none is registered.
func NewRephrase(reg prometheus.Registerer, checks, causes []string) (*Rephrase, error) {
	m := &Rephrase{
		calls: counter("carebot_rephrase_calls_total",
			"Calls made to the rephrasing model."),
		accepted: counter("carebot_rephrase_accepted_total",
			"Rephrases that passed every guardrail and were sent (cache hits excluded)."),
		rejected: counterVec("carebot_rephrase_rejected_total",
			"Rephrases discarded by a guardrail, by the first check they failed.",
			"check"),
		fallbacks: counterVec("carebot_rephrase_fallbacks_total",
			"Replies sent as scripted instead of rephrased, by cause.",
			"cause"),
		latency: histogram("carebot_rephrase_latency_seconds",
			"Duration of calls to the rephrasing model, failed ones included.",
			[]float64{0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5}),
		cacheHits: counter("carebot_rephrase_cache_hits_total",
			"Replies served from the rephrase cache without calling the model."),
	}
	for _, c := range checks {
		m.rejected.WithLabelValues(c)
	}
	for _, c := range causes {
		m.fallbacks.WithLabelValues(c)
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

// Called records one call to the model and how long it took.
func (m *Rephrase) Called(took time.Duration) {
	m.calls.Inc()
	m.latency.Observe(took.Seconds())
}

// Accepted records a rephrase that passed every guardrail.
func (m *Rephrase) Accepted() { m.accepted.Inc() }

// Rejected records a rephrase discarded by the guardrail check.
func (m *Rephrase) Rejected(check string) { m.rejected.WithLabelValues(check).Inc() }

// FellBack records a reply sent as scripted, and why.
func (m *Rephrase) FellBack(cause string) { m.fallbacks.WithLabelValues(cause).Inc() }

// CacheHit records a reply served from the rephrase cache.
func (m *Rephrase) CacheHit() { m.cacheHits.Inc() }
