package nlu

import "testing"

// TestUltimatumKeepsACrisis23: since [ultimatum] (0347be8), a consumer's
// recourse guarded every crisis entry of the clause before it and of its
// own: "I want to kill myself, if no reply i'm going to the ombudsman", «
// je vais me tuer, sans réponse je saisis le médiateur » got no safety
// message (at ce064b9 they did). Only a last message said there is a
// complaint's finality; the ultimatums of TestCrisisUltimatum stay calm.
func TestUltimatumKeepsACrisis23(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "I want to kill myself, if no reply i'm going to the ombudsman", true},
		{"en", "I want to kill myself. if no reply i'm going to the ombudsman", true},
		{"en", "i'm going to end it all tonight, if no reply i'm going to the ombudsman", true},
		{"fr", "je vais me tuer, sans réponse je saisis le médiateur", true},
		{"fr", "je veux mourir. sans réponse je saisis le médiateur", true},

		{"en", "this is my last message, if no reply i'm going to the ombudsman", false},
		{"fr", "c'est mon dernier message, sans reponse je saisis le mediateur", false},
	})
}
