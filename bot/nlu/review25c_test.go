package nlu

import "testing"

// TestOxygenMaskIsNoGarment25c: person25's guard for breathing hindered by
// what one wears (« respirer avec ce masque », "a size, not an
// emergency") also took « je n'arrive pas à respirer avec mon masque à
// oxygène » from the crisis it was, where the English guard keeps "my
// oxygen mask" a crisis, as its comment says. Look-alikes stay calm: a
// mask's size, an oxygen mask worn without trouble.
func TestOxygenMaskIsNoGarment25c(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"fr", "je n'arrive pas à respirer avec mon masque à oxygène", true},
		{"fr", "j'arrive plus à respirer avec mon masque a oxygene", true},
		{"fr", "je ne peux plus respirer dans mon masque à oxygène", true},
		{"fr", "j'ai du mal à respirer avec le masque à oxygène", true},
		{"en", "i can't breathe through my oxygen mask", true},

		{"fr", "je n'arrive pas à respirer avec ce masque, vous avez une taille au-dessus ?", false},
		{"fr", "je respire avec un masque à oxygène la nuit, il me faut des tubulures", false},
		{"en", "I can't breathe through this mask, is there a bigger size?", false},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Signals.Crisis; got != tt.want {
			t.Errorf("%s %q: a crisis %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}
