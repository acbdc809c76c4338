package nlu

import "testing"

// TestCrisisCannotLiveOn17b: not being able to live (on) any more, said
// plainly ("I can't live anymore", "I can't go on living") or in French
// after a menu phrase (« retour au début, je suis plus capable de vivre »:
// the learned signal alone heard the bare sentence, and lost it with the
// menu words before it). The look-alikes are things one cannot live without.
// Rows written for this review, in no corpus and no development set.
func TestCrisisCannotLiveOn17b(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "I can't live anymore", true},
		{"en", "honestly i cant live any more, everything hurts", true},
		{"en", "I can't go on living", true},
		{"en", "take me back to the start, I can't go on living", true},
		{"en", "I can't live anymore without my morning coffee, when is it shipped?", false},
		{"en", "I can't go on living without wifi, when will the router come?", false},
		{"fr", "retour au début, je suis plus capable de vivre", true},
		{"fr", "début, chu pu capable de vivre", true},
		{"fr", "je suis plus capable de vivre comme ça", true},
		{"fr", "je serais plus capable de vivre sans mon ordi, il arrive quand", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}
