package loadtest

import (
	"testing"
	"time"
)

// TestRecorderPrepared: once prepared, a recorder records without
// allocating, whichever shard a latency goes to, and counts it.
func TestRecorderPrepared(t *testing.T) {
	var r recorder
	r.prepare()
	hint := 0
	allocs := testing.AllocsPerRun(recorderShards, func() {
		r.record(hint, time.Duration(hint)*time.Microsecond)
		hint++
	})
	if allocs != 0 {
		t.Errorf("record allocates %.1f times per latency after prepare, want 0", allocs)
	}
	if l := r.latency(); l.Count != int64(hint) || l.Max != time.Duration(hint-1)*time.Microsecond {
		t.Errorf("latency() = %+v, want %d counted, the largest %v", l, hint, time.Duration(hint-1)*time.Microsecond)
	}
}

// TestRecorderOne: a recorder of one histogram (a warm-up's) makes only
// that one, whatever the hints, and counts every latency.
func TestRecorderOne(t *testing.T) {
	r := recorder{one: true}
	r.prepare()
	for hint := range 3 * recorderShards {
		r.record(hint, time.Duration(hint+1)*time.Microsecond)
	}
	for i := 1; i < recorderShards; i++ {
		if r.shards[i].h != nil {
			t.Fatalf("shard %d has a histogram, want only the first", i)
		}
	}
	if l := r.latency(); l.Count != 3*recorderShards || l.Max != 3*recorderShards*time.Microsecond {
		t.Errorf("latency() = %+v, want %d counted, the largest %v", l, 3*recorderShards, 3*recorderShards*time.Microsecond)
	}
}
