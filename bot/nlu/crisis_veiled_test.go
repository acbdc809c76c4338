package nlu

import "testing"

// TestCrisisVeiledPlansGoodbyes: danger to life said without "die" or
// "kill", by families of wording (crisis12): the others better off once
// I'm gone, not being here for a season, nobody having to bear me; a
// ligature fastened to a point, a car in a closed garage, a weapon and its
// ammunition, medicines put aside with "there's enough"; goodbyes said by
// two strong endings. Their look-alikes stay calm: a family phone plan, a
// tree swing, a car warming up, a sunset by the cliffs, a weekly pill box,
// a burn from the iron, a paintball gun. Rows written for this test, in no
// corpus and in no development set.
func TestCrisisVeiledPlansGoodbyes(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		// veiled
		{"en", "they'd all be better off once i'm gone, honestly", true},
		{"en", "my kids will be better without me, i know that now", true},
		{"en", "i won't be taking up space much longer", true},
		{"en", "i won't be here to see christmas, it's for the best", true},
		{"en", "nobody will have to look after me anymore", true},
		{"en", "my family will be better off on the family plan, can you switch us", false},
		{"en", "i won't be here for christmas, we're visiting my in-laws", false},
		// plans and means
		{"en", "the belt is fastened to the banister and the stool is ready", true},
		{"en", "the garage door is shut and the engine is running", true},
		{"en", "my husband's shotgun is unlocked and i know where the shells are", true},
		{"en", "i've been putting aside my sleeping tablets, there's enough now", true},
		{"en", "the rope for the tree swing is tied to the branch, ready for saturday", false},
		{"en", "the car's in the garage with the engine running to warm up, door shut", false},
		{"en", "we're parked by the cliffs for the sunset tonight", false},
		{"en", "i counted the tablets into the pill box for the week, tonight i start", false},
		{"en", "i burned myself with the iron, the steam setting is broken", false},
		{"en", "the paintball gun is loaded for tonight's game", false},
		// goodbyes by two strong endings
		{"en", "don't blame yourselves, it was my choice", true},
		{"en", "going on holiday for two weeks. left my keys with the neighbour. thanks for everything", false},
		{"fr", "mes parents seront soulagés quand je serai plus là", true},
		{"fr", "bientôt j'embêterai plus personne avec mes problèmes", true},
		{"fr", "dans pas longtemps je gênerai plus personne", true},
		{"fr", "vous aurez plus à vous inquiéter pour moi", true},
		{"fr", "mon dernier noël dans cet appart, on déménage en janvier", false},
		{"fr", "ma famille sera mieux avec le forfait famille, vous pouvez nous basculer ?", false},
		{"fr", "la ceinture est accrochée à la poutre, je suis prête", true},
		{"fr", "le moteur tourne et la porte du garage est fermée à clé", true},
		{"fr", "la carabine de mon père est pas sous clé et je sais où sont les cartouches", true},
		{"fr", "j'ai mis de côté mes somnifères depuis un mois, y en a assez", true},
		{"fr", "la corde de la balançoire est attachée à la branche, prête pour samedi", false},
		{"fr", "la voiture est dans le garage, moteur allumé pour chauffer", false},
		{"fr", "on est garés près de la falaise pour le coucher de soleil ce soir", false},
		{"fr", "je me suis brûlée avec le fer à repasser, c'est normal ?", false},
		{"fr", "c'était mon choix, me cherchez pas", true},
		{"fr", "je déménage à Lyon. j'ai donné mes meubles. merci pour tout !", false},
		// Second round: a rope knotted to a beam says the plan alone (a
		// means of weight 2); a means with arrangements; two halves of a
		// veiled ending (my absence, the others' relief). A lead on its
		// hook, lights round a beam, a babysitter's note stay calm.
		{"en", "the rope is knotted round the rafter in the garage", true},
		{"en", "the note is on the kitchen table and the pills are by the bed", true},
		{"en", "everyone would breathe easier once i'm gone", true},
		{"en", "i've been a drain on my family, that ends this friday", true},
		{"en", "the bath is running and the razor blades are on the side", true},
		{"en", "you'd be better off with the annual plan, and breathe easier at renewal", false},
		{"en", "my dog's lead is hanging from the hook by the door", false},
		{"en", "the fairy lights cable is looped round the beam for the party tonight", false},
		{"en", "the note for the babysitter is on the table and the kids' pills are by the bed for the fever", false},
		{"fr", "la corde est nouée autour de la poutre du grenier", true},
		{"fr", "le mot est écrit et les cachets sont à côté du lit", true},
		{"fr", "ils vont enfin pouvoir souffler quand je serai parti", true},
		{"fr", "j'ai assez pesé sur ma famille, ça se termine vendredi", true},
		{"fr", "la sangle du sac pend au crochet, elle est cassée", false},
		{"fr", "la corde à linge est attachée à l'arbre, elle est prête pour l'été", false},
		{"fr", "je vous aime, merci pour le remboursement, bye", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

// TestCrisisErrandFrameIsLocal: an errand's frame ([away]) makes the plan
// cues of its own sentence an errand, not those of another sentence: "the
// pills are counted, tonight. I'm moving out anyway" is a plan. A goodbye
// (arrangements and a finality) stays an errand with a frame anywhere in
// the message, as moves and holidays are told over several sentences.
func TestCrisisErrandFrameIsLocal(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "the pills are counted, tonight. i'm moving out anyway", true},
		{"en", "the tablets are lined up, tonight. my landlord can keep the deposit", true},
		{"en", "the rope is tied to the beam, it's decided. i was supposed to go hiking anyway", true},
		{"en", "i'm standing at the edge of the cliff path on our hike, amazing views tonight", false},
		{"en", "bought razor blades for my shaver, do they ship tonight?", false},
		{"en", "moving to leeds. gave my furniture away. thanks for everything!", false},
		{"fr", "les cachets sont alignés, c'est pour ce soir. je déménage de toute façon", true},
		{"fr", "la corde est prête, c'est décidé. le plombier peut garder la clé", true},
		{"fr", "j'ai compté les cachets du pilulier pour la semaine, vous pouvez le remplir vendredi ?", false},
		{"fr", "je suis sur le pont dans les bouchons, la livraison sera en retard ce soir", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

// TestLearnedCrisisAfterOver: a crisis told as past and over silences both
// detectors, but what follows the last "it is over" is the present: the
// learned signal reads it on its own ("that's behind me. still, I feel
// calm since I decided and I wrote to everyone"). An errand after the
// past stays calm.
func TestLearnedCrisisAfterOver(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "back in 2012 i attempted suicide, that's behind me. still, i feel calm since i decided and i wrote to everyone", true},
		{"fr", "en 2012 j'ai fait une TS, c'est derrière moi. pourtant je suis calme depuis que j'ai décidé et j'ai écrit à tout le monde", true},
		{"en", "back in 2012 i attempted suicide, that's behind me. anyway, can you resend my invoice, i changed my address", false},
		{"fr", "en 2012 j'ai fait une TS, c'est derrière moi. bref, vous pouvez renvoyer ma facture, j'ai changé d'adresse", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f, learned %v), want %v", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit, p.learned, tt.crisis)
		}
	}
}

// TestLearnedCrisisHintedByHalfAPlan: half of a plan heard by the lexicon
// (arrangements made, a means) and the learned signal leaning the same
// way, short of its own cut, are a crisis together (crisisCutHinted); the
// same arrangements with an errand's reason stay calm.
func TestLearnedCrisisHintedByHalfAPlan(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "i have left the keys with my neighbour and i feel calm now", true},
		{"fr", "j'ai laissé les clés à la voisine et je me sens calme depuis que j'ai décidé", true},
		{"en", "i have left the keys with my neighbour, she will feed the cat, i feel calm now", false},
		{"fr", "j'ai laissé les clés à la voisine pour qu'elle nourrisse le chat, je suis calme", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f, learned %v), want %v", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit, p.learned, tt.crisis)
		}
		if tt.crisis && p.logit >= crisisCut {
			t.Errorf("%s %q: learned log-odds %.2f reach the cut alone: the row does not test the hint", tt.lang, tt.text, p.logit)
		}
	}
}
