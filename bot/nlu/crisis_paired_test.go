package nlu

import "testing"

// TestCrisisPairedCues: a plan or a goodbye said without a crisis word is
// heard by two cues of different families (a means or a place with a time,
// a decision or a finality; arrangements with a finality), and veiled
// endings by their own entries; one cue alone, or the same words in an
// errand, a product, a film or a game, stays calm. Rows written for this
// test, in no corpus and in no development set.
func TestCrisisPairedCues(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		// means x time or decision
		{"en", "i've counted out the tablets, it'll be tonight once my flatmate is out", true},
		{"en", "standing on the ledge of the car park, mind is made up", true},
		{"en", "my uncle's rifle is loaded and sitting on my bed. no turning back", true},
		{"en", "got the bottle of pills next to me and everyone is asleep", true},
		// means x finality
		{"en", "razor blades on the sink. thank you for everything", true},
		// arrangements x finality
		{"en", "my affairs are in order and the dog is with my neighbour. this is goodbye", true},
		{"en", "paid off the loan, left my keys with dad. take care of yourselves", true},
		// veiled
		{"en", "you lot won't have to put up with me much longer", true},
		{"en", "this is the last time you'll hear from me, honestly", true},
		// one cue, or an errand, a product, a film
		{"en", "tonight i'm finally tidying the garage", false},
		{"en", "bought a rope for the boat trip this weekend", false},
		{"en", "left the keys with the concierge for the cleaner", false},
		{"en", "goodbye and thanks for everything, i'm closing my account", false},
		{"en", "i'm on the roof fixing the aerial, which cable goes where?", false},
		{"en", "in the film the hero keeps a bottle of pills by the bed, tonight is the finale", false},
		{"en", "the box of pills is ready for collection at the pharmacy", false},
		{"fr", "j'ai compté les comprimés, ce sera ce soir quand mon coloc sera sorti", true},
		{"fr", "je suis au bord du vide sur le parking, c'est décidé", true},
		{"fr", "la carabine de mon oncle est sur mon lit, j'hésite plus", true},
		{"fr", "la boîte de cachets à côté de moi et tout le monde dort", true},
		{"fr", "les lames de rasoir sur le lavabo. merci pour tout", true},
		{"fr", "mes papiers sont en ordre et le chien est chez la voisine. adieu", true},
		{"fr", "j'ai réglé mes dettes, laissé mes clés à papa. prenez soin de vous", true},
		{"fr", "vous aurez plus à me supporter bien longtemps", true},
		{"fr", "c'est la dernière fois que vous entendez parler de moi, vraiment", true},
		{"fr", "ce soir je range enfin le garage", false},
		{"fr", "j'ai acheté une corde pour le bateau ce week-end", false},
		{"fr", "j'ai laissé les clés à la gardienne pour la femme de ménage", false},
		{"fr", "adieu et merci pour tout, je ferme mon compte", false},
		{"fr", "je suis sur le toit pour réparer l'antenne, quel câble va où ?", false},
		{"fr", "dans le film il est au bord du toit ce soir, scène tendue", false},
		{"fr", "la boîte de cachets est prête à retirer à la pharmacie", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}
