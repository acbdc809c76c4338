package nlu

import "testing"

// TestCrisisQuotedForEmphasis24: a crisis word in quotation marks with a
// capital inside a sentence, put there for emphasis ("tonight I will take
// an \"Overdose\"", "I'm planning \"Suicide\" tonight", « je vais faire
// une "Overdose" ce soir »), raised no crisis since 7bf78ec, which reads any
// short capitalised quotation as a product's or a film's name. A name is
// what the quotation is when it stands between the article that points
// at a thing and the word that says what thing ("the \"Overdose\" energy
// drink bundle", "the \"Suicide Squad\" poster", « le "Overdose" pack »):
// those stay calm.
func TestCrisisQuotedForEmphasis24(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "tonight I will take an \"Overdose\"", true},
		{"en", "I'm planning \"Suicide\" tonight", true},
		{"fr", "je vais faire une \"Overdose\" ce soir", true},
		// Names: calm.
		{"en", "Bought the \"Overdose\" energy drink bundle, can I swap the flavour for the mango one?", false},
		{"en", "Is the \"Suicide Squad\" poster back in stock?", false},
		{"fr", "le \"Overdose\" pack est en rupture ?", false},
	})
}
