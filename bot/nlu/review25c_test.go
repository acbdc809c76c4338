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

// TestUnsafeAtHomeWithoutSomeone25c: person25's guard "safe at home
// without" (no smoke alarm is no danger) also quieted "i'm not safe at
// home without someone here, he said he'd come back and hurt me", which
// its French twin « je ne suis pas en sécurité chez moi sans quelqu'un
// ici… » still says is a crisis. The smoke alarm stays calm.
func TestUnsafeAtHomeWithoutSomeone25c(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "i'm not safe at home without someone here, he said he'd come back and hurt me", true},
		{"en", "i'm not safe at home without someone here", true},
		{"en", "I don't feel safe at home without my brother, my ex has been following me", true},
		{"fr", "je ne suis pas en sécurité chez moi sans quelqu'un ici, il a dit qu'il reviendrait me frapper", true},

		{"en", "i'm not safe at home without a smoke alarm", false},
		{"en", "not safe at home without a smoke alarm, can you deliver one today?", false},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Signals.Crisis; got != tt.want {
			t.Errorf("%s %q: a crisis %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}
