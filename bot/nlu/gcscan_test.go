package nlu

import (
	"io/fs"
	"math"
	"runtime"
	"runtime/metrics"
	"testing"
)

// TestLexiconsLightForTheCollector: the lexicons hold few pointers. Every
// collection scans what a process keeps that holds pointers, and a turn
// that arrives during a collection waits for part of it; the lexicons live
// for the whole process. Their second-word index was a map of strings per
// first word (34,000 keys): 6.1 MB to scan, each collection's mark phase
// longer by about a third on the Redis bench. As hashes and indexes
// (matcher.pairs) it was nothing to scan, and the lexicons 2.9 MB; with
// entries added, 4.4 MB in December 2026, most of it phrases whose parts
// held strings and class pointers, first words in maps of strings, and
// word classes in maps. Kept as numbers and extents of text (mpart,
// strIndex, strList), they are 0.3 MB, and an entry added grows what
// holds no pointer: the budget is for a structure gone wrong, not for
// entries. Not parallel: the measure is of the whole heap.
func TestLexiconsLightForTheCollector(t *testing.T) {
	sub, err := fs.Sub(lexiconFS, "lexicon")
	if err != nil {
		t.Fatal(err)
	}
	before := scannableHeap()
	l, err := loadLexicons(sub)
	if err != nil {
		t.Fatal(err)
	}
	got := int64(scannableHeap()) - int64(before)
	runtime.KeepAlive(l)
	const budget = 1 << 20 // 1 MB
	if got > budget {
		t.Errorf("the lexicons hold %.1f MB the collector scans, budget %.1f MB", float64(got)/(1<<20), float64(budget)/(1<<20))
	}
}

// TestTrainingRowsLightForTheCollector: the learned signals' training
// rows, kept for the process's life with their features (18 MB), hold
// next to nothing the collector scans: as slices of samples with a text,
// a language and a slice of features each, the crisis and person rows
// were 0.83 MB to scan and some 30,000 objects to mark at every
// collection. Not parallel: the measure is of the whole heap.
func TestTrainingRowsLightForTheCollector(t *testing.T) {
	// What reading them loads once per process (lexicons, concept
	// indexes) is loaded first: its share is not theirs.
	if _, err := crisisStore(); err != nil {
		t.Fatal(err)
	}
	if _, err := personStore(); err != nil {
		t.Fatal(err)
	}
	// The least of three measures: the rest of the heap (what earlier
	// tests left running) only adds to one.
	got := int64(math.MaxInt64)
	for range 3 {
		before := scannableHeap()
		crisis, err := crisisStore()
		if err != nil {
			t.Fatal(err)
		}
		person, err := personStore()
		if err != nil {
			t.Fatal(err)
		}
		got = min(got, int64(scannableHeap())-int64(before))
		runtime.KeepAlive(crisis)
		runtime.KeepAlive(person)
	}
	const budget = 64 << 10
	if got > budget {
		t.Errorf("the training rows hold %d KB the collector scans, budget %d KB", got>>10, budget>>10)
	}
}

// scannableHeap is the heap that holds pointers, after two collections:
// what sync.Pools held (the models' scratch, put there by earlier tests)
// survives the first one, and would be gone from a later measure.
func scannableHeap() uint64 {
	runtime.GC()
	runtime.GC()
	ms := []metrics.Sample{{Name: "/gc/scan/heap:bytes"}}
	metrics.Read(ms)
	return ms[0].Value.Uint64()
}
