package nlu

import "testing"

// TestLaughTakenBack17b: a laugh makes a feeling a joke ([laugh], feel17),
// unless the message takes it back ("not joking", « sérieux », « je rigole
// pas »): then the laugh was nerves and the feeling is heard. A laugh with
// no take-back still quiets the joke. Rows written for this review.
func TestLaughTakenBack17b(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		felt       bool // distress or anxiety
	}{
		{"en", "i'm so stressed lol not joking", true},
		{"en", "I can't stop crying lol, for real", true},
		{"en", "haha jokes aside I'm really scared", true},
		{"fr", "je pleure depuis ce matin mdr sérieux", true},
		{"fr", "j'ai peur mdr je rigole pas", true},
		{"en", "my wallet is crying lol", false},
		{"fr", "mon portefeuille pleure mdr", false},
	}
	for _, tt := range tests {
		a := m.Analyze(tt.lang, tt.text)
		if got := a.Signals.Distress || a.Signals.Anxiety; got != tt.felt {
			t.Errorf("%q: distress %v anxiety %v, want felt %v", tt.text, a.Signals.Distress, a.Signals.Anxiety, tt.felt)
		}
	}
}
