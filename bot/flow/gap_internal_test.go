package flow

import "testing"

// TestGapTakes: a phrase with "..." takes all of another phrase's words
// (both would be found over the same words of a message), or not.
func TestGapTakes(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		words, ws string
		want      bool
	}{
		{"still waiting", "still ... waiting", true},
		{"where is my refund", "where ... refund", true},
		{"still waiting", "still", false},                  // no gap: the longer is meant
		{"still waiting here", "still ... waiting", false}, // the longer is meant
		{"is my refund", "where ... refund", false},
		{"still ... waiting for", "still ... waiting", false},
		{"rembourse moi", "rembours* ... moi", true},
		{"lost my old blue paper invoice", "lost ... invoice", false}, // four words between
	} {
		if got := gapTakes(SynonymWords(tt.words), SynonymWords(tt.ws)); got != tt.want {
			t.Errorf("%q takes all of %q = %v, want %v", tt.ws, tt.words, got, tt.want)
		}
	}
}
