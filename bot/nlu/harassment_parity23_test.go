package nlu

import "testing"

// TestHarassmentAtWorkIsNoCrisis23: « un collègue me harcèle » and « mon
// chef me harcèle depuis des mois » got the safety message (crisis.fr's
// « me harcèle », written for a stranger who stalks), and never reached
// peer support's harassment step (play22s), where "a colleague is
// harassing me" and « je suis harcelée par un collègue » go. Someone who
// harasses from outside, or with a threat, is still a crisis.
func TestHarassmentAtWorkIsNoCrisis23(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"fr", "un collègue me harcèle", false},
		{"fr", "mon chef me harcèle depuis des mois", false},
		{"fr", "mes collègues me harcèlent", false},
		{"fr", "ma manager me harcèle", false},
		{"fr", "un client me harcèle au téléphone", false},
		{"en", "a colleague is harassing me", false},

		{"fr", "un inconnu me harcèle et me suit jusque chez moi", true},
		{"fr", "mon ex me harcèle", true},
		{"fr", "mon collègue me harcèle et il m'a menacé de me tuer", true},
	})
}
