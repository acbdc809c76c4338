package nlu

import "testing"

// TestPregnantAndBleeding: bleeding said with a pregnancy is an emergency
// however short the message. Before, "pregnant and bleeding" and
// « enceinte et je saigne » were calm: too short for the learned signal,
// and the lexicon held only "bleeding a lot / heavily" (and « saigne
// beaucoup »). A pregnancy without bleeding stays a reason for priority,
// not an alarm (TestWhoIsNotADanger).
func TestPregnantAndBleeding(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "pregnant and bleeding", true},
		{"en", "I'm pregnant and I'm bleeding", true},
		{"en", "im 20 weeks pregnant and started bleeding", true},
		{"fr", "enceinte et je saigne", true},
		{"fr", "je suis enceinte et j'ai des saignements", true},
		{"en", "I'm pregnant and the cot you sent is missing screws", false},
		{"fr", "je suis enceinte et le colis n'est pas arrivé", false},
	})
}
