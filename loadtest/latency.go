package loadtest

import (
	"sync"
	"time"

	hdrhistogram "github.com/HdrHistogram/hdrhistogram-go"
)

// Latency is a distribution of latencies: the percentiles operators plan
// with. Durations are in nanoseconds in JSON.
type Latency struct {
	Count int64         `json:"count"`
	P50   time.Duration `json:"p50_ns"`
	P99   time.Duration `json:"p99_ns"`
	P999  time.Duration `json:"p999_ns"`
	Max   time.Duration `json:"max_ns"`
}

// Histogram bounds: 1 ns to 10 min, 3 significant digits (values up to
// 2,048 ns are exact, above that within 0.1%). A longer latency is
// recorded as 10 min: no run of the bench waits that long for a turn.
const (
	histLowest  = 1
	histHighest = int64(10 * time.Minute)
	histDigits  = 3
)

// recorderShards spreads the recorders' locks: each simulated person (and
// each delivery, by its person) records into one shard.
const recorderShards = 16

// recorder collects latencies from many goroutines into HdrHistograms, a
// few shards of them so that recording hardly ever waits for a lock, and
// keeps the exact maximum (a histogram rounds it up by up to 0.1%).
type recorder struct {
	shards [recorderShards]recorderShard
	// one keeps every value in the first shard: a recorder of few values
	// (an open loop's warm-up), whose shards' histograms would only add
	// to the heap the run's collections pace by.
	one bool
}

type recorderShard struct {
	mu  sync.Mutex
	h   *hdrhistogram.Histogram // nil until the first value
	max time.Duration
	_   [40]byte // keep the shards' locks on separate cache lines
}

// prepare makes the shards' histograms (a quarter of a megabyte each), so
// that the run's first latencies are not recorded with the page faults of
// making them: a run prepares its recorders before its clock starts.
func (r *recorder) prepare() {
	n := len(r.shards)
	if r.one {
		n = 1
	}
	for i := range n {
		sh := &r.shards[i]
		sh.mu.Lock()
		if sh.h == nil {
			sh.h = hdrhistogram.New(histLowest, histHighest, histDigits)
		}
		sh.mu.Unlock()
	}
}

// record adds d, from the goroutine numbered hint (any number: a person's).
func (r *recorder) record(hint int, d time.Duration) {
	i := uint(hint) % recorderShards
	if r.one {
		i = 0
	}
	sh := &r.shards[i]
	sh.mu.Lock()
	if sh.h == nil {
		sh.h = hdrhistogram.New(histLowest, histHighest, histDigits)
	}
	if sh.h.RecordValue(min(max(int64(d), histLowest), histHighest)) == nil {
		sh.max = max(sh.max, d)
	}
	sh.mu.Unlock()
}

// latency returns the percentiles of everything recorded.
func (r *recorder) latency() Latency {
	all := hdrhistogram.New(histLowest, histHighest, histDigits)
	var top time.Duration
	for i := range r.shards {
		sh := &r.shards[i]
		sh.mu.Lock()
		if sh.h != nil {
			all.Merge(sh.h)
			top = max(top, sh.max)
		}
		sh.mu.Unlock()
	}
	l := Latency{Count: all.TotalCount(), Max: top}
	if l.Count == 0 {
		return l
	}
	at := func(q float64) time.Duration { return min(time.Duration(all.ValueAtQuantile(q)), top) }
	l.P50, l.P99, l.P999 = at(50), at(99), at(99.9)
	return l
}
