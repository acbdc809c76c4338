package nlu

import "testing"

// TestCrisisQuotedAtSentenceStart24: a crisis word put in quotation
// marks at the start of a sentence ("\"Suicide\" is all I think about",
// "\"Overdose\" is my plan for tonight") was read as a product's or a
// film's name since 7bf78ec, which hears a short quotation opening with a
// capital as a title: the capital of a sentence's first word is no
// title's, and the safety message was never said, where the same words
// without quotes raise it. Names in quotes inside a sentence stay calm.
func TestCrisisQuotedAtSentenceStart24(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "\"Suicide\" is all I think about", true},
		{"en", "\"Overdose\" is my plan for tonight", true},
		{"en", "Sorry for the late message. \"Overdose\" is my plan for tonight", true},
		{"fr", "« Overdose », c'est mon plan pour ce soir", true},
		// Names, as 7bf78ec reads them: calm.
		{"en", "Bought the \"Overdose\" energy drink bundle, can I swap the flavour for the mango one?", false},
		{"en", "Is the \"Suicide Squad\" poster back in stock?", false},
	})
}
