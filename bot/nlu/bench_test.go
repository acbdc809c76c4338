package nlu

import (
	"os"
	"testing"
)

// benchMessages returns a mix of real development messages (routing and
// distress, English and French).
func benchMessages(tb testing.TB) []row {
	tb.Helper()
	var out []row
	for _, name := range []string{"routing", "distress"} {
		f, err := os.Open(dataDir + name + ".dev.tsv")
		if err != nil {
			tb.Fatal(err)
		}
		rows, err := readTSV(f, name)
		f.Close()
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, rows...)
	}
	return out
}

// BenchmarkAnalyze routes real messages with every built-in flow loaded;
// it reports messages per second (one goroutine).
func BenchmarkAnalyze(b *testing.B) {
	m := New(builtin(b))
	msgs := benchMessages(b)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		r := msgs[i%len(msgs)]
		m.Analyze(r.lang, r.text)
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msg/s")
}

// BenchmarkAnalyzeParallel is BenchmarkAnalyze on every core.
func BenchmarkAnalyzeParallel(b *testing.B) {
	m := New(builtin(b))
	msgs := benchMessages(b)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			r := msgs[i%len(msgs)]
			m.Analyze(r.lang, r.text)
			i++
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msg/s")
}

// BenchmarkNew builds the model of the built-in flows.
func BenchmarkNew(b *testing.B) {
	set := builtin(b)
	New(set) // the lexicons are parsed once per process
	b.ReportAllocs()
	for b.Loop() {
		New(set)
	}
}
