package nlu

import "testing"

// TestCrisisSaidAsMeant: "for real", "for good" after a wish to die say it
// is meant; the idiom "to die for" ("a cake to die for") guarded "I want
// to die for real this time" into calm.
func TestCrisisSaidAsMeant(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		text   string
		crisis bool
	}{
		{"i want to die for real this time", true},
		{"honestly i wanna die for good", true},
		{"this chocolate cake is to die for", false},
		{"i took about 30 paracetamol an hour ago", true},
	} {
		if got := m.Analyze("en", tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("%q: crisis %v, want %v", tt.text, got, tt.crisis)
		}
	}
}
