package nlu

import "testing"

// TestReportedInsultEnds22: a customer's anger said after "called me",
// "said I'm", "told me I was", « m'a dit que je suis » or « me traitez »
// is theirs when it is no insult they report: a call ("nobody called me
// back this is a joke", "your driver called me at 6am this is
// outrageous"), a statement of their own after the report ("…said I'm
// not eligible which is ridiculous", « …c'est scandaleux »), or how they
// were treated (« vous me traitez comme de la merde »). Since feel20's
// [reported] section, each was heard as no anger at all (review22). The
// insults reported stay the reporter's words.
func TestReportedInsultEnds22(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []angerRow{
		{"en", "your driver called me at 6am this is outrageous", true},
		{"en", "your courier called me 5 times today this is ridiculous", true},
		{"en", "nobody called me back this is a joke", true},
		{"en", "nobody called me back and this is absolutely ridiculous", true},
		{"en", "your agent said I'm not eligible which is ridiculous", true},
		{"en", "the support told me I was not eligible this is outrageous", true},
		{"fr", "votre conseiller m'a dit que je suis pas éligible c'est scandaleux", true},
		{"fr", "vous me traitez comme de la merde", true},
		// The insults reported, as feel20 reads them.
		{"en", "some guy called me a moron today", false},
		{"en", "a customer called me a useless idiot and I can't stop shaking", false},
		{"en", "she told me I was pathetic", false},
		{"fr", "un client m'a traitée de conne aujourd'hui", false},
		{"fr", "ma cheffe m'a dit que j'étais nulle devant tout le monde", false},
	}
	angerRows(t, m, tests)
}
