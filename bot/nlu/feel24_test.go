package nlu

import "testing"

// TestFeelingsOfBlind24: feelings in the words of a second blind set
// (blind24, the half the lead read): hurt said as "killing me inside",
// French morale said with its verb (« le moral est à zéro »), sick at the
// thought (« malade rien que d'y penser »); a success said as "I killed it"
// is no feeling of distress. Before, the first three were heard calm and
// the last as distress (a colleague sharing a win was told their pain was
// heard).
func TestFeelingsOfBlind24(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		distress   bool
	}{
		{"en", "this is killing me inside, I only wanted one thing to go right this month and even the parcel got lost", true},
		{"fr", "le moral est à zéro aujourd'hui et ce remboursement qui traîne n'arrange rien", true},
		{"fr", "le moral est au plus bas depuis lundi", true},
		{"fr", "je crois que je me suis fait avoir, plus de nouvelles du vendeur, je suis malade rien que d'y penser", true},
		{"en", "I killed it in the demo today!! Just wanted to share somewhere", false},
		{"fr", "le moral est au beau fixe, merci pour le colis !", false},
		{"en", "this price is killing me", false},
	} {
		if got := m.Analyze(tt.lang, tt.text).Signals.Distress; got != tt.distress {
			t.Errorf("%s %q: distress %v, want %v", tt.lang, tt.text, got, tt.distress)
		}
	}
}
