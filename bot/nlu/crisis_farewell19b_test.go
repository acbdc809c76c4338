package nlu

import "testing"

// TestCrisisFarewellToAService19b: a customer leaving a service with its
// reason ("I can't take it anymore with this billing, I'm leaving for
// good") says a farewell and distress as the goodbye of a crisis does,
// but of the service: the farewell's low cut (crisisCutFarewell) is no
// reading of it, as it named what it leaves (the [service19] words:
// billing, cancelling, an app, « service client »). Without one, a
// farewell with its reason is still heard (TestCrisisFarewellWithReason19).
// Rows written for this test, in no corpus and in no probe set.
func TestCrisisFarewellToAService19b(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "I just can't take it anymore with this billing, I'm leaving for good", false},
		{"en", "I've had enough of this mess, I'm gone for good, cancel my plan", false},
		{"en", "I can't do this anymore, I'm cancelling for good, bye", false},
		{"fr", "merci pour tout, j'en ai plus la force de me battre avec votre service client", false},
		// a farewell with its reason and no service named: still a crisis
		{"en", "thanks for all you've done. i'm so tired of fighting", true},
		{"en", "take care of yourselves. i can't do this anymore", true},
		{"fr", "merci pour tout. j'en peux plus", true},
		{"fr", "merci pour tout ce que vous avez fait. j'ai plus la force", true},
	})
}
