package nlu

import "testing"

// TestWhyGoOnLiving: asking why one should go on living ("why should I
// keep living", « pourquoi vivre ») is a passive wish not to exist, a
// crisis; where to live is not ("why keep living in a city this
// expensive", "why should I keep living with my parents"). Found by
// review17b; 5 of the 6 crisis rows were calm before.
func TestWhyGoOnLiving(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "why should I keep living", true},
		{"en", "honestly why go on living, nothing ever changes", true},
		{"en", "why keep living like this", true},
		{"fr", "pourquoi vivre", true},
		{"fr", "franchement pourquoi vivre encore", true},
		{"fr", "pourquoi rester en vie", true},
		{"en", "why should I keep living here when rent is so high", false},
		{"en", "why keep living in a city this expensive lol", false},
		{"en", "why should I keep living with my parents if I can afford a flat", false},
		{"fr", "pourquoi vivre à Paris quand on peut vivre à Lyon", false},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			if got := m.Analyze(tt.lang, tt.text).Signals.Crisis; got != tt.crisis {
				t.Errorf("Analyze(%q).Signals.Crisis = %v, want %v", tt.text, got, tt.crisis)
			}
		})
	}
}
