package nlu

import (
	"testing"
)

// TestExamplesHeldOut keeps the routing figures honest: no example or
// keyword of the built-in flows may copy, or nearly copy, a message of
// the labelled data they are measured on (the shared English dev split,
// the French corpus of testdata). A support lead who pastes a real
// message into a flow would make the figure say nothing.
func TestExamplesHeldOut(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, path := range []string{dataDir + "routing.dev.tsv", frRoutingPath} {
		rows := readRows(t, path)
		texts := make([]string, len(rows))
		for i, r := range rows {
			texts[i] = r.text
		}
		ci := newCopyIndex(texts) // a copy either way round: index the rows, look up the examples
		for _, e := range m.examples {
			if ci.has(e.text) {
				t.Errorf("%s example %q of flow %s copies a row of %s: write examples in your own words", e.lang, e.text, m.flows[e.flow].id, path)
			}
		}
	}
}

// TestCopyIndex pins what counts as a copy.
func TestCopyIndex(t *testing.T) {
	t.Parallel()
	ci := newCopyIndex([]string{"where is my parcel", "hi there", "I want my money back now"})
	tests := []struct {
		text string
		want bool
	}{
		{"Where is my parcel?", true},             // the same words
		{"where is my parcel please", true},       // a word added
		{"where is parcel", true},                 // a word removed
		{"where is my order", true},               // a word changed
		{"where is my order please", false},       // two edits
		{"hi there", false},                       // two words: vocabulary, not a sentence
		{"I want my cash back now", true},         // a word changed
		{"I would like my money returned", false}, // a paraphrase
		{"my parcel is where", false},             // reordered
	}
	for _, tt := range tests {
		if got := ci.has(tt.text); got != tt.want {
			t.Errorf("has(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
