package nlu

import "testing"

// TestNotGreatInFrench: "not great today" is distress, and its French, «
// pas terrible aujourd'hui », « ça va pas top », was none: a colleague
// or a customer who said it in French was listened to without the
// feeling being named, where the English was (review20).
func TestNotGreatInFrench(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		distress   bool
	}{
		{"en", "not great today", true},
		{"fr", "pas terrible aujourd'hui", true},
		{"fr", "ça va pas terrible", true},
		{"fr", "franchement pas top en ce moment", true},
		{"fr", "je suis pas top", true},
		{"fr", "ce n'est pas terriblement urgent, je voulais changer mon adresse", false},
	} {
		if got := m.Analyze(tt.lang, tt.text).Signals.Distress; got != tt.distress {
			t.Errorf("%s %q: distress %v, want %v", tt.lang, tt.text, got, tt.distress)
		}
	}
}
