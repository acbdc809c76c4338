package nlu

import "testing"

// TestCrisisBlind22: danger to life in the words of a blind set (blind22,
// the half the lead read) and their neighbours: no point going on said
// without "of" or "in", a plan to be alone for it, a jump with its time,
// someone hit and not moving, a Québec heart attack (« crise de cœur »,
// « y respire pus »). Look-alikes stay calm: a queue or a parcel not
// moving, no point carrying on with an order, a jump in a game or a meal
// skipped, a « crise de cœur » of a film.
func TestCrisisBlind22(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "no point carrying on. bought the stuff from the hardware store today, doing it when the house is empty", true},
		{"en", "no point carrying on", true},
		{"en", "no point going on anymore", true},
		{"en", "I see no point in carrying on", true},
		{"en", "Someone just got hit by a car right outside your shop and isn't moving", true},
		{"en", "my dad fell down the stairs and he's not moving", true},
		{"fr", "ce soir je saute. voilà. fallait que je le dise à quelqu'un", true},
		{"fr", "demain je saute, c'est décidé", true},
		{"fr", "mon père a fait une crise de cœur dans l'char, y respire pus, on est sur l'autoroute 20", true},
		{"fr", "ma mère respire pus", true},

		{"en", "the queue isn't moving, is the site down?", false},
		{"en", "my parcel isn't moving on the tracking", false},
		{"en", "no point carrying on with this order if it won't come before christmas", false},
		{"en", "the mouse you sent isn't moving the cursor", false},
		{"fr", "ce soir je saute le repas, je mange trop", false},
		{"fr", "dans le jeu je saute sur la plateforme et rien ne se passe", false},
		{"fr", "j'ai fait une crise de cœur en voyant le prix, c'est trop cher", false},
		{"fr", "j'en peux pus de ce site, la commande passe pas", false},
	})
}
