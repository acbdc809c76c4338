package nlu

import (
	"slices"
	"testing"
)

// TestCrisisConcepts: a word of a concept's class gives the concept's
// feature, the same in every language; other words give none; and every
// class crisisConcepts names exists (a renamed class would silently drop
// its concept).
func TestCrisisConcepts(t *testing.T) {
	t.Parallel()
	concepts := func(text string) []uint64 {
		var d doc
		normalize(&d, text)
		var hs []uint64
		for _, f := range appendConcepts(nil, &d) {
			hs = append(hs, f.h)
		}
		return hs
	}
	means := hashBytes(seedConcept, "means")
	for _, text := range []string{
		"i took all my tablets",
		"he swallowed the bleach",
		"j'ai pris tous mes somnifères",
		"elle a avalé de la javel",
	} {
		if got := concepts(text); !slices.Contains(got, means) {
			t.Errorf("%q: concepts %v, want the means concept among them", text, got)
		}
	}
	for _, text := range []string{"where is my parcel", "où est mon colis"} {
		if got := concepts(text); len(got) != 0 {
			t.Errorf("%q: concepts %v, want none", text, got)
		}
	}
	lx, err := embeddedLexicons()
	if err != nil {
		t.Fatal(err)
	}
	for lang, classes := range crisisConcepts {
		l := lx.byLang[lang]
		if l == nil {
			t.Errorf("crisisConcepts names language %s, which has no lexicon", lang)
			continue
		}
		for name := range classes {
			if l.classes[name] == nil {
				t.Errorf("crisisConcepts names the class %s, which words.%s.txt does not define", name, lang)
			}
		}
	}
}
