package nlu

import (
	"testing"
)

// TestCorpora requires every positive of the project's person and crisis
// corpora (testdata/*.tsv) to be caught and no hard negative flagged, in
// every language and category.
func TestCorpora(t *testing.T) {
	t.Parallel()
	reps, err := evalCorpora(builtinM(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) == 0 {
		t.Fatal("no corpus found")
	}
	for _, r := range reps {
		t.Run(r.Detector+"_"+r.Lang+"_"+r.Category, func(t *testing.T) {
			if r.Positives == 0 {
				t.Errorf("no positives")
			}
			for _, m := range r.Misses {
				t.Error(m)
			}
		})
	}
}
