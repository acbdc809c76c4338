package nlu

import (
	"reflect"
	"strings"
	"testing"
)

// FuzzCrisisParts: crisis4's paths (a denied entry read
// without its tokens, long messages read in windows, chat 'je' split in
// two) never panic, and a message's analysis does not depend on what the
// pooled scratch analysed before: the same text gives the same parts
// after any other text.
func FuzzCrisisParts(f *testing.F) {
	long := strings.Repeat("my order was late again and the courier left it in the rain ", 5)
	for _, s := range []string{
		"I'm not going to kill myself, but I've been giving my stuff away",
		"ce n'est pas une overdose, jveux juste dormir",
		long + "I'm not suicidal. the blade is in my hand",
		long + "jveux mourir jpeux plus respirer chui fatigué",
		"je ne peux plus respirer",
		"not not not kill myself " + long,
		"jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux jveux",
	} {
		f.Add("en", s, long)
		f.Add("fr", s, "je ne veux pas mourir")
	}
	m := New(fixture(f))
	f.Fuzz(func(t *testing.T, lang, text, other string) {
		s := m.pool.Get().(*scratch)
		defer m.pool.Put(s)
		a1, p1 := m.analyze(s, "", lang, text)
		m.analyze(s, "", lang, other)
		a2, p2 := m.analyze(s, "", lang, text)
		if !reflect.DeepEqual(a1, a2) || !reflect.DeepEqual(p1, p2) {
			t.Fatalf("%q after %q: %+v %+v, first %+v %+v", text, other, a2, p2, a1, p1)
		}
	})
}
