package nlu

import "testing"

// TestCrisisPlansAndSelfHarm: plans whose means meet a time or a decision
// (a box swallowed whole, a knife by the bed, a rope packed, charcoal and
// tape, a level crossing, a car driven into a tree, "j'ai tout prévu"),
// self-harm said as now or as an urge ("je me suis encore coupée", "envie
// de me couper", "I cut myself again"), and veiled endings ("tranquilles
// sans moi", "disparaître pour de bon"); and the look-alikes of the same
// words: a haircut, packaging, a trip, a barbecue, a move, a novel, a
// product. Rows written for this test, in no corpus and no development set.
func TestCrisisPlansAndSelfHarm(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		// self-harm, now or as an urge
		{"fr", "je me suis encore brûlée ce matin, personne le voit", true},
		{"fr", "j'ai tellement envie de me couper ce soir", true},
		{"fr", "je me coupe les cuisses pour que ça se voie pas", true},
		{"fr", "je me griffe les joues jusqu'au sang quand ça monte", true},
		{"fr", "je me griffe jusqu'au sang quand je stresse", true},
		{"fr", "je recommence à me brûler avec le briquet", true},
		{"fr", "j'ai besoin d'avoir mal, ça me calme", true},
		{"en", "I cut myself again last night, it's getting worse", true},
		{"en", "I have this urge to cut and I can't stop thinking about it", true},
		{"en", "started cutting again after two clean months", true},
		// look-alikes of self-harm words
		{"fr", "j'ai envie de me couper les cheveux très court", false},
		{"fr", "j'ai envie de me couper de tout pendant les vacances", false},
		{"en", "I cut myself shaving this morning, your razor is too sharp", false},
		{"en", "I cut myself on the lid of your tin, please fix the design", false},
		// swallowing it all, a means with a time or a decision
		{"fr", "j'ai la plaquette complète, ce soir je vais toutes les avaler", true},
		{"fr", "je prends mes vitamines, je les avale toutes les deux au petit déjeuner", false},
		{"fr", "j'ai tout prévu, personne n'est au courant, ce sera dimanche", true},
		{"fr", "j'ai tout prévu pour la fête de samedi, vous livrez le matin ?", false},
		{"fr", "le cutter est sur mon bureau, je le ferai quand ils seront couchés", true},
		{"fr", "demain soir je fonce contre un platane, c'est décidé", true},
		{"fr", "dans le roman il fonce contre un platane le soir du bal", false},
		{"fr", "j'ai du charbon de bois, ce soir c'est barbecue avec les voisins", false},
		{"en", "I'll swallow them all after dinner, nobody will stop me", true},
		{"en", "got it all planned, no one knows, it's sunday", true},
		{"en", "got it all planned for the party, can you deliver on saturday?", false},
		{"en", "bought a rope, I'll do it this afternoon in the woods", true},
		{"en", "bought a rope for climbing, we go this afternoon", false},
		// veiled endings
		{"fr", "vous serez enfin tranquilles sans moi", true},
		{"fr", "bientôt vous serez débarrassés de moi", true},
		{"fr", "je vais disparaître pour de bon, c'est mieux", true},
		{"fr", "je disparais pour de bon de vos listes d'envoi, merci", false},
		{"en", "you'll all be at peace without me soon", true},
		{"en", "soon you'll all be rid of me", true},
		// second round: a cord knotted to a rail, the medicine cabinet, a
		// service weapon, stepping over, the body marked by a blade, a
		// weight on nobody; and lights, a lamp, a kitchen finger
		{"fr", "le foulard est noué à la rampe, c'est aujourd'hui", true},
		{"fr", "la guirlande est nouée à la rampe, c'est aujourd'hui qu'on décore", false},
		{"fr", "j'ai vidé l'armoire à pharmacie sur le lit, je commence à la tombée de la nuit", true},
		{"fr", "l'arme de service de mon père est dans le tiroir, c'est décidé", true},
		{"fr", "je me suis marqué les cuisses à la lame toute la soirée", true},
		{"fr", "je me suis coupé le doigt en tranchant le pain", false},
		{"fr", "dans quelques jours je serai plus une charge pour vous", true},
		{"en", "the scarf is knotted to the bannister, today's the day", true},
		{"en", "the fairy lights are tied to the bannister, today's the day we decorate", false},
		{"en", "cleared out the medicine cabinet onto the bed, starting at dusk", true},
		{"en", "my dad's service weapon is in the drawer, it's decided", true},
		{"en", "scratched my legs raw again last night", true},
		{"en", "cut my finger slicing bread, the knife is too sharp", false},
		{"en", "I won't be a weight on anyone much longer", true},
		{"fr", "j'ai vidé l'armoire à pharmacie ce soir, les médicaments périmés vont à la pharmacie", false},
		{"en", "emptied the medicine cabinet tonight, the expired meds go back to the pharmacy", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}
