package nlu

import "testing"

// TestDeathWishLaughTakenBack: "I want to die lol" is read as the
// hyperbole it usually is (the guards "die lol", "die haha"), but a laugh
// taken back in the same breath ("wanna die haha not joking", "I want to
// die lol seriously I can't do this anymore") is a death wish said in
// earnest. The 5 taken-back rows were all calm before. Left: a take-back
// after a comma or a full stop is another clause, where these entries do
// not reach ("I want to die lol, seriously…").
func TestDeathWishLaughTakenBack(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"wanna die haha not joking", true},
		{"I want to die lol seriously I can't do this anymore", true},
		{"i just want to die lol for real this time", true},
		{"honestly I want to die lmao no joke", true},
		{"I want to die 😂 I mean it", true},
		{"ugh this exam, I want to die lol", false},
		{"this heat, I could die haha", false},
		{"if they cancel the show I will die lol", false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			t.Parallel()
			if got := m.Analyze("en", tt.text).Signals.Crisis; got != tt.crisis {
				t.Errorf("Analyze(%q).Signals.Crisis = %v, want %v", tt.text, got, tt.crisis)
			}
		})
	}
}
