package metrics

import (
	"sync"

	"github.com/prometheus/client_golang/prometheus"
)

// Flows records the flow set in use and the outcome of reloads.
type Flows struct {
	mu      sync.Mutex
	version string
	info    *prometheus.GaugeVec
	ok      prometheus.Gauge
	reloads *prometheus.CounterVec
}

// Reload results, the label of carebot_flows_reloads_total.
const (
	ReloadOK     = "ok"
	ReloadFailed = "failed"
)

// NewFlows registers the flow metrics on reg, with version as the flow set in use.
func NewFlows(reg prometheus.Registerer, version string) *Flows {
	f := &Flows{
		info: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "carebot_flows_info",
			Help: "The flow set in use: 1 with its version (content hash) as a label.",
		}, []string{"version"}),
		ok: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "carebot_flows_last_reload_ok",
			Help: "1 if the last reload of the flows succeeded (or none was tried), 0 if it failed and the previous flows still run.",
		}),
		reloads: counterVec("carebot_flows_reloads_total",
			"Reloads of the flows, prompts and texts, by result (ok, failed).",
			"result"),
	}
	reg.MustRegister(f.info, f.ok, f.reloads)
	f.reloads.WithLabelValues(ReloadOK)
	f.reloads.WithLabelValues(ReloadFailed)
	f.ok.Set(1)
	f.version = version
	f.info.WithLabelValues(version).Set(1)
	return f
}

// Reloaded records a successful reload to version.
func (f *Flows) Reloaded(version string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if version != f.version {
		f.info.DeleteLabelValues(f.version)
		f.version = version
		f.info.WithLabelValues(version).Set(1)
	}
	f.ok.Set(1)
	f.reloads.WithLabelValues(ReloadOK).Inc()
}

// ReloadFailed records a refused reload: the flows in use stay.
func (f *Flows) ReloadFailed() {
	f.ok.Set(0)
	f.reloads.WithLabelValues(ReloadFailed).Inc()
}
