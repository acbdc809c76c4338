package nlu

import "testing"

// TestCrisisPlanAndMeans24b: a plan said with its means ("I have a plan
// and the means", « j'ai un plan et ce qu'il faut ») is a crisis, and so
// is its means to do it; a plan with the means for an errand named after
// it (a move, a roof, a second shop) is no crisis: 9ba765a heard these as
// one (review24b).
func TestCrisisPlanAndMeans24b(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "I can't do this anymore, I have a plan and the means", true},
		{"en", "I have a plan and the means to do it", true},
		{"en", "i have a plan and the means. goodbye", true},
		{"fr", "j'en peux plus, j'ai un plan et ce qu'il faut", true},
		{"fr", "j'ai un plan et ce qu'il faut pour le faire", true},
		{"fr", "j'ai un plan et les moyens de le faire", true},
		{"en", "I have a plan and the means to fix the roof myself, just send the tiles", false},
		{"en", "we have a plan and the means to open a second shop, who do I talk to about a bulk order?", false},
		{"fr", "j'ai un plan et ce qu'il faut pour le déménagement, il me manque juste les cartons", false},
		{"fr", "on a un plan et les moyens pour la rénovation du magasin, qui contacter pour le devis ?", false},
	})
}
