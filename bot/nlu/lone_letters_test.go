package nlu

import "testing"

// TestLoneLettersRouteNowhere: a message of single letters, however drawn
// out ("mmm", "n", "xx x"), names no need, and goes to the fallback,
// which says it did not catch it. The learned weights of a lone letter
// sent it somewhere: "mmm" and "m" (the "m" of "I'm" in many examples) to
// the worries flow at 0.88, "n" to it at 0.71. A farewell written with
// its letter (« a+ », « à+ ») stays one, and words of two letters or
// more are routed as ever.
func TestLoneLettersRouteNowhere(t *testing.T) {
	t.Parallel()
	checkRoutes(t, []route17Row{
		{"customer", "en", "mmm", ""},
		{"customer", "en", "m", ""},
		{"customer", "en", "mmmmm", ""},
		{"customer", "en", "n", ""},
		{"customer", "en", "x x", ""},
		{"customer", "fr", "mmm", ""},
		{"customer", "fr", "n", ""},
		{"employee", "en", "mmm", ""},
		{"customer", "fr", "a+", "goodbye"},
		{"customer", "fr", "à+", "goodbye"},
		{"customer", "en", "my order is late", "order_problem"},
		{"customer", "fr", "ma commande n'est pas arrivée", "order_problem"},
	}, false)
}

// TestLoneLetterNamesNoLanguage: a letter alone ("n", "mmm" drawn out to
// "m") is no French elision (« n'est », « m'a »: the letter before a word
// of its clause), and names no language. "mmm" in an English conversation
// was guessed French, and the conversation went on in French: "my order
// is late" then got « Pardon, je n'ai pas compris votre choix ».
func TestLoneLetterNamesNoLanguage(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct{ text, lang string }{
		{"mmm", ""},
		{"m", ""},
		{"n", ""},
		{"n.", ""},
		{"hmm n", ""},
		{"ok m", ""},
		{"c'est pas arrivé", "fr"},
		{"j'ai un souci", "fr"},
		{"n'importe quoi ce site", "fr"},
		{"jai pas recu ma commande", "fr"},
	} {
		if got := m.Analyze("", tt.text).Lang; got != tt.lang {
			t.Errorf("%q: language %q, want %q", tt.text, got, tt.lang)
		}
	}
}
