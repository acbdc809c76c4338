package nlu

import "testing"

// TestEndingLifeIsNoErrand: « en finir avec » a thing is an errand (« je
// veux en finir avec cet abonnement »), and the guard that says so read
// life as such a thing: « je veux en finir avec la vie », « avec ma vie »,
// « j'ai envie d'en finir avec cette vie » raised no crisis, where « je
// veux en finir » alone did and "I want to end my life" does (review20).
// Life and existence as the object are a crisis; the cost of living and
// a subscription stay calm.
func TestEndingLifeIsNoErrand(t *testing.T) {
	t.Parallel()
	crisisCases(t, builtinM(t), []crisisCase{
		{"fr", "je veux en finir avec la vie", true},
		{"fr", "je veux en finir avec ma vie", true},
		{"fr", "j'ai envie d'en finir avec cette vie", true},
		{"fr", "j'ai envie d'en finir avec la vie, je suis épuisée", true},
		{"fr", "je vais en finir avec mon existence", true},
		{"fr", "jveux en finir avec la vie", true},
		{"fr", "je veux en finir avec cet abonnement", false},
		{"fr", "je veux en finir avec la vie chère, je change de forfait", false},
		{"fr", "je veux en finir avec tous mes abonnements, je pars à l'étranger", false},
		{"fr", "je veux en finir avec la vie en colocation, je cherche un studio", false},
	})
}

// TestEndingLifeSaidOtherwise: the same wish in the other ways it is
// said: "done with my life" ("done with life" and "done with this life"
// were read), "end this life", « mettre un terme à ma vie », « en terminer
// avec la vie ». Insurance and a phone's last years stay calm.
func TestEndingLifeSaidOtherwise(t *testing.T) {
	t.Parallel()
	crisisCases(t, builtinM(t), []crisisCase{
		{"en", "I want to be done with my life", true},
		{"en", "i want to end this life", true},
		{"fr", "je veux mettre un terme à ma vie", true},
		{"fr", "je vais mettre un terme à mes jours", true},
		{"fr", "je veux en terminer avec la vie", true},
		{"en", "I'm done with my life insurance, cancel it", false},
		{"en", "how do i end this life insurance policy", false},
		{"en", "how do i end this life subscription", false},
		{"en", "i'm done with life admin for today, just need my invoice", false},
		{"fr", "je veux mettre un terme à mon abonnement", false},
		{"fr", "je veux en terminer avec ce dossier", false},
	})
}
