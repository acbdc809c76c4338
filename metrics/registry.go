package metrics

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Registry holds every metric carebot serves at /metrics, with the Go
// runtime's and the process's. It is a prometheus.Registerer, so the
// constructors here take it, and the root wires it without importing the
// Prometheus client (this package is its one importer).
type Registry struct{ *prometheus.Registry }

// NewRegistry returns a Registry with the Go and process collectors.
func NewRegistry() *Registry {
	r := &Registry{prometheus.NewRegistry()}
	r.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return r
}

// Handler serves the metrics in the Prometheus text format.
func (r *Registry) Handler() http.Handler {
	return promhttp.HandlerFor(r.Registry, promhttp.HandlerOpts{})
}
