package nlu

import (
	"os"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time the process has used so far. On a shared
// machine, wall time per operation says more about the neighbours than
// about the code: the benchmarks report CPU time per operation too.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchMessages returns a mix of real development messages (routing and
// distress, English and French).
func benchMessages(tb testing.TB) []row {
	tb.Helper()
	var out []row
	for _, name := range []string{"routing", "distress"} {
		out = append(out, readRows(tb, dataDir+name+".dev.tsv")...)
	}
	return out
}

// readRows reads the labelled rows of the TSV file at path.
func readRows(tb testing.TB, path string) []row {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := readTSV(f, path)
	if err != nil {
		tb.Fatal(err)
	}
	return rows
}

// BenchmarkAnalyze routes real messages with every built-in flow loaded;
// it reports messages per second (one goroutine).
func BenchmarkAnalyze(b *testing.B) {
	m := New(builtin(b))
	msgs := benchMessages(b)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	cpu := cpuTime(b)
	for b.Loop() {
		r := msgs[i%len(msgs)]
		m.Analyze(r.lang, r.text)
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msg/s")
	b.ReportMetric(float64(b.N)/(cpuTime(b)-cpu).Seconds(), "msg/cpu-s")
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

// BenchmarkNew builds the model of the built-in flows, as loading a new
// version of the flows does (newModel: New would return its last model).
// It reports CPU time per load beside wall time: issue #10's budget is
// 300 ms, and on one core (-cpu 1) CPU time is what a load waits for.
// The first load of a process also pays BenchmarkCrisisCorpus once.
func BenchmarkNew(b *testing.B) {
	set := builtin(b)
	New(set) // the lexicons and crisis corpora are read once per process
	b.ReportAllocs()
	cpu := cpuTime(b)
	for b.Loop() {
		newModel(set, defaultParams)
	}
	// The calibration folds and the learned crisis signal train in
	// parallel: CPU time is the work, wall time what a loading carebot
	// waits on a quiet machine.
	reportCPU(b, cpu)
}

// BenchmarkCrisisCorpus reads and analyses the embedded crisis corpora,
// as the first load of the flows in a process does (crisisBase); later
// loads and reloads reuse them.
func BenchmarkCrisisCorpus(b *testing.B) {
	b.ReportAllocs()
	cpu := cpuTime(b)
	for b.Loop() {
		corpus, err := readCrisisCorpus()
		if err != nil {
			b.Fatal(err)
		}
		crisisVectors(corpus)
	}
	reportCPU(b, cpu)
}

// reportCPU reports the CPU time per operation since cpu, in ms.
func reportCPU(b *testing.B, cpu time.Duration) {
	b.ReportMetric(float64((cpuTime(b)-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}
