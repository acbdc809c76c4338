package nlu

import "testing"

// TestHardshipIsDistress: money that does not reach the month's end is
// heard as distress ("I can't pay my rent", « je n'ai plus de quoi
// manger »), so the person is answered with care and gentler steps; a card
// that does not go through is no hardship. Every hardship row failed
// before.
func TestHardshipIsDistress(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		distress   bool
	}{
		{"en", "I can't pay my rent", true},
		{"en", "I can't afford food this month", true},
		{"en", "I need the refund or I can't feed my kids", true},
		{"en", "we're behind on the rent and now this", true},
		{"fr", "je ne peux plus payer mon loyer", true},
		{"fr", "je n'ai plus de quoi manger ce mois-ci", true},
		{"fr", "sans ce remboursement je peux plus nourrir mes enfants", true},
		{"en", "I can't pay with my card", false},
		{"en", "my kids love the food you sell", false},
		{"fr", "je peux pas payer avec ma carte", false},
		{"fr", "le loyer est payé, merci", false},
	} {
		a := m.Analyze(tt.lang, tt.text)
		if a.Signals.Distress != tt.distress || a.Signals.Crisis {
			t.Errorf("%s %q: distress %v, crisis %v; want distress %v and no crisis", tt.lang, tt.text, a.Signals.Distress, a.Signals.Crisis, tt.distress)
		}
	}
}
