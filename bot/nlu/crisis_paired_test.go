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
		// Third round: a place reached now, a time by the dark, a ready
		// that ends, passwords left; and errands of the same words (a
		// hotel, a hike, a weekly pill box, traffic, a visa, a shaver).
		{"en", "i'm up on the roof of the office block now.", true},
		{"en", "the tablets are counted out on the desk, i'm ready", true},
		{"en", "the pin codes are in the drawer for my mum. goodbye", true},
		{"en", "left the keys at reception, thanks for everything, lovely stay", false},
		{"en", "my papers are in order for the visa now, thank you for everything", false},
		{"en", "i'm on the bridge in traffic, will the courier wait tonight?", false},
		{"en", "bought razor blades for my shaver, do they ship tonight?", false},
		{"en", "i counted my pills for the week, i've decided to switch pharmacy", false},
		{"en", "we're standing at the edge of the cliff path on our hike, amazing views tonight", false},
		{"en", "gave my old clothes away and said goodbye to the flat, moving to leeds, thanks for everything", false},
		{"en", "can you deliver all my pills tonight", false},
		// Fourth round: an old weapon taken out, a quarry edge, a tablet
		// saved one by one, legs over a bridge, an envelope for a son,
		// who gets my things; a balcony with bad wifi and a paintball gun
		// are errands.
		{"en", "took my uncle's old pistol out of the attic. doing it when the house is quiet", true},
		{"en", "i'll be at the quarry edge by sunday and i'm not coming down", true},
		{"en", "saved every sleeping tablet since june. decided on saturday", true},
		{"en", "sitting on the viaduct with my legs over. next one's due in 5", true},
		{"en", "put my bank card in an envelope for my son. thank you for everything, goodbye", true},
		{"en", "i'm on the balcony, the wifi is bad tonight", false},
		{"en", "got my paintball gun out of the loft for tonight's game", false},
		{"en", "saved all my receipts for the sleeping tablets, decided on friday to claim", false},
		// Fifth round: pills gathered from several shops, a road without a
		// barrier, a hunting rifle and a time, funeral instructions; a
		// plumber's key and a dog sitter are errands.
		{"en", "the paracetamol from four different chemists is in a bag, once my shift ends i'm done", true},
		{"en", "my dad's hunting rifle is in the garage. tomorrow while he's at work", true},
		{"en", "left instructions for the funeral with my brother. so long", true},
		{"en", "left a note explaining everything for the plumber, he has the spare key, bye and thanks for everything", false},
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
		{"fr", "je suis monté sur le toit du bureau, là.", true},
		{"fr", "les cachets de quatre pharmacies sont dans un sac, dès que ma garde finit j'arrête tout", true},
		{"fr", "la carabine de chasse de mon père est au garage. demain pendant qu'il travaille", true},
		{"fr", "j'ai laissé des instructions pour l'enterrement à mon frère. adieu", true},
		{"fr", "j'ai laissé un mot qui explique tout pour le plombier, il a le double des clés, merci pour tout", false},
		{"fr", "j'ai sorti le vieux pistolet de mon oncle du grenier. je le fais quand la maison sera calme", true},
		{"fr", "je serai au bord de la carrière dimanche et je redescendrai pas", true},
		{"fr", "assis sur le viaduc, les jambes dans le vide. le prochain passe dans 5 min", true},
		{"fr", "j'ai mis ma carte bancaire dans une enveloppe pour mon fils. merci pour tout, adieu", true},
		{"fr", "je suis sur le balcon, le wifi est nul ce soir", false},
		{"fr", "la carabine de paintball arrive ce soir, vous confirmez ?", false},
		{"fr", "les comprimés sont comptés sur le bureau, je suis prête", true},
		{"fr", "les codes sont dans le tiroir pour ma mère. adieu", true},
		{"fr", "j'ai laissé les clés à la réception, merci pour tout, super séjour", false},
		{"fr", "mes papiers sont en ordre pour le visa, merci pour tout", false},
		{"fr", "je suis sur le pont dans les bouchons, le livreur peut attendre ce soir ?", false},
		{"fr", "j'ai acheté des lames de rasoir pour mon rasoir, vous livrez ce soir ?", false},
		{"fr", "j'ai compté mes cachets de la semaine, j'ai décidé de changer de pharmacie", false},
		{"fr", "on est au bord de la falaise pendant la rando, vue magnifique ce soir", false},
		{"fr", "j'ai donné mes vieux vêtements et dit au revoir à l'appart, je déménage à lyon, merci pour tout", false},
		{"fr", "je voudrais toutes mes boîtes de cachets ce soir", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

// TestCrisisErrandFrameNarrow: an errand's frame ([away]) quiets paired
// cues only when it is an errand's: a year is no return date ("back in
// 2015" is a time gone by, not "back in 2 weeks"), and « à bientôt » is
// a goodbye as often as a holiday's ("à bientôt de l'autre côté").
// Rows written for this review (review2-s8), in no corpus.
func TestCrisisErrandFrameNarrow(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "back in 2015 i tried, that's behind me. i have the pills counted out and tonight is the night", true},
		{"fr", "je suis sur le pont, adieu. à bientôt de l'autre côté", true},
		// Errands still.
		{"en", "the keys are with my neighbour, thank you for everything, back in 2 weeks", false},
		{"en", "i'll be back in 3 days, left the keys with the neighbour, thanks for everything", false},
		{"fr", "les clés sont chez la voisine, merci pour tout, je pars en vacances, à bientôt", false},
		{"fr", "j'ai laissé les clés à la réception, merci pour tout, à bientôt", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}
