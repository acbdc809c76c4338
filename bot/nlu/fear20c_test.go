package nlu

import "testing"

// TestFearSaidStrongly20c: a fear said with its strength (« j'ai très peur
// que quelqu'un utilise ma carte », « j'ai vraiment peur que ce soit une
// arnaque ») is a fear, as "I'm really afraid someone is using my card" is
// in English. Before, the guard for « j'ai peur que » said as politeness
// (« j'ai peur que ma carte soit expirée », the English "I'm afraid")
// took the strong French fear too: no worry heard, so « je veux parler à
// un conseiller » after it got no acknowledgement, while the same words in
// English got one. The polite forms stay calm (« j'ai bien peur que »).
func TestFearSaidStrongly20c(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		felt       bool
	}{
		{"en", "I'm really afraid someone is using my card", true},
		{"en", "I'm so scared that it's a scam", true},
		{"en", "I'm so afraid", true},
		{"en", "im really afraid my account was hacked", true},
		{"fr", "j'ai très peur que quelqu'un utilise ma carte", true},
		{"fr", "j'ai vraiment peur que ce soit une arnaque", true},
		{"fr", "j'ai trop peur qu'on ait mes codes bancaires", true},
		{"fr", "jai super peur que le colis soit vole", true},
		{"fr", "j'ai terriblement peur que ça recommence ce mois-ci", true},
		// Politeness, as before.
		{"fr", "j'ai peur que ma carte soit expirée", false},
		{"fr", "j'ai bien peur que la taille soit trop petite", false},
		{"en", "I'm afraid the size is too small", false},
		{"en", "I'm just afraid the size is too small", false},
		{"fr", "j'ai juste peur que la taille soit trop petite", false},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			s := m.Analyze(tt.lang, tt.text).Signals
			if got := s.Anxiety || s.Distress; got != tt.felt || s.Crisis {
				t.Errorf("Analyze(%q).Signals = %+v, want fear %v and no crisis", tt.text, s, tt.felt)
			}
		})
	}
}
