package nlu

import "testing"

// TestCrisisFamilies: crisis9's structures hear a family of phrasings,
// not a sentence. The rows are written for this test (in no corpus and
// in no development set): French without the "ne" of a negation, chat
// spelling ("jen", "jpp", "jaimerais"), a wish before a way of not
// existing, means made ready, a goodbye said as a thanks and an end,
// harm said of another ("se mutile"); and look-alikes of the same words,
// which must stay quiet.
func TestCrisisFamilies(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"fr", "franchement je vois pas l'intérêt de vivre comme ça encore des années", true},
		{"fr", "jen peux plus de vivre", true},
		{"fr", "jpp de vivre", true},
		{"fr", "jaimerais juste disparaître.", true},
		{"fr", "je voudrais ne plus exister", true},
		{"fr", "je suis fatiguée de vivre", true},
		{"fr", "si seulement je pouvais mourir dans mon sommeil", true},
		{"fr", "à quoi bon rester en vie", true},
		{"fr", "personne remarquerait si je partais", true},
		{"fr", "mon frère se mutile depuis l'été", true},
		{"fr", "ma copine parle de se jeter du balcon", true},
		{"fr", "la corde est prête, je la garde dans la cave", true},
		{"fr", "voilà, au revoir à tout le monde, prenez soin de vous", true},
		{"en", "i'm just so tired of existing", true},
		{"en", "if only i could disappear and never come back", true},
		{"en", "my son keeps cutting his arms and hiding it", true},
		{"en", "i've been stockpiling my tablets since june", true},
		{"en", "thanks for being there. bye to everyone", true},
		{"en", "i'll drive into the lake after work", true},
		// Second round: a goodbye or a plan said by two cues of general
		// families; agreement (a plural the entry does not spell).
		{"fr", "je vous fais mes adieux, pardonnez-moi.", true},
		{"fr", "si tu lis ce mot, je suis déjà partie", true},
		{"fr", "les cachets sont prêts, j'ai plus qu'à les prendre", true},
		{"fr", "je voudrais me reposer pour toujours", true},
		{"fr", "mes parents sont inconscients, ils respirent à peine", true},
		{"en", "forgive me. i'm saying goodbye", true},
		{"en", "if you are reading this i'm already gone", true},
		{"en", "the pills are ready, all i have to do is take them", true},
		// Third round: everyday and Québécois words, goodbye to the world.
		{"fr", "chu tannée de vivre", true},
		{"fr", "jen peux pu de vivre", true},
		{"fr", "adieu le monde", true},
		{"en", "goodbye cruel world", true},
		{"en", "goodbye world. i'm done", true},
		{"en", "i don't see the point of being alive", true}, // a negation that is the statement's own
		{"fr", "je vois aucun intérêt de vivre", true},
		{"en", "goodbye world, hello retirement! please update my address", false},
		{"fr", "adieu le monde du travail, bonjour la retraite ! changez mon adresse svp", false},
		{"en", "i'm done, this is the end for me.", true},
		{"fr", "j'ai pu passer au magasin, tout va bien", false},
		{"fr", "à quoi ça sert ce bouton ?", false},
		{"en", "this is the end for me with your company, i'm cancelling", false},
		// Fourth round: violence, someone else, medical in everyday words.
		{"fr", "il m'a mis une baffe et m'a enfermée dehors", true},
		{"fr", "j'ai peur qu'elle me tue cette nuit", true},
		{"fr", "mon oncle ne veut plus vivre depuis l'enterrement", true},
		{"en", "my girlfriend slapped me again", true},
		{"fr", "ça me touche quand vous m'écrivez", false},
		{"fr", "je veux plus vivre à Paris, je déménage", false},
		{"en", "the black and blue dress is sold out", false},
		{"fr", "j'ai un peu de mal à respirer avec ce masque, vous en avez d'autres ?", false},
		// "I'm going to kill him" needs a second cue, in both languages.
		{"en", "i'm going to kill him, i've got a knife", true},
		{"fr", "je vais le tuer, j'ai un couteau", true},
		{"en", "i'm going to kill the delivery guy, late again", false},
		{"fr", "j'ai envie de mourir de honte, mauvaise adresse", false},
		{"en", "i want to die of embarrassment, wrong address", false},
		// Look-alikes
		{"fr", "je vous dis adieu, je passe chez un autre opérateur", false},
		{"fr", "si vous lisez ce message, rappelez-moi svp", false},
		{"fr", "les cachets sont prêts à retirer en pharmacie ?", false},
		{"en", "if you're reading this, please call me back", false},
		{"en", "i'm saying goodbye to your company, switching providers", false},
		{"en", "farewell to hidden fees, i'm cancelling", false},
		{"fr", "votre appli répond plus depuis ce matin", false},
		{"fr", "le site ne répond plus, je n'arrive pas à payer", false},
		{"fr", "l'appli me laisse pas sortir du menu", false},
		{"fr", "je suis fatigué de vivre dans un appart sans chauffage", false},
		{"fr", "je veux disparaître de votre fichier client", false},
		{"fr", "je voudrais disparaître définitivement de votre liste de diffusion", false},
		{"fr", "jpp de ce service, trois semaines sans réponse", false},
		{"fr", "votre livreur va finir par me tuer, encore en retard", false},
		{"fr", "j'ai vu un film où le héros se jette d'un pont", false},
		{"fr", "je vais le tuer ce livreur, encore en retard", false},
		{"fr", "on a fait un saut en parachute du haut d'un pont, génial", false},
		{"en", "i'm tired of living with this broken boiler", false},
		{"en", "please let me disappear for good from your mailing list", false},
		{"en", "i'm stockpiling pills for the trip, do you ship abroad", false},
	})
}

// TestFrenchChatWords: the chat words of French read as the words the
// entries are written with, and not in an English text.
func TestFrenchChatWords(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"jen ai marre", "j en ai marre"},
		{"jai plus envie", "j ai plus envie"},
		{"jpp de ce truc", "j en peux plus de ce truc"},
		{"pk tt le monde", "pourquoi tout le monde"},
		{"qqn peut m'aider", "quelquun peut m aider"},
		{"c'est fini", "c est fini"},
		{"j'ai mal", "j ai mal"},
		{"Jen a appelé", "jen a appele"},    // a name, even first
		{"JEN PEUX PLUS", "j en peux plus"}, // shouted
	}
	var d doc
	for _, tt := range tests {
		normalize(&d, tt.in)
		if got := string(d.buf); got != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	normalizeTrain(&d, "jen ai marre, jveux partir")
	if got := string(d.buf); got != "jen ai marre je veux partir" {
		t.Errorf("normalizeTrain = %q, want the training rows' reading", got)
	}
}

// TestFrenchCrisisEntryForms: a French crisis entry hears its words in
// every form of agreement and without the "ne" of its negation; an
// English entry and a "né" (born) stay as written.
func TestFrenchCrisisEntryForms(t *testing.T) {
	t.Parallel()
	lx, err := loadLexicons(mapFS(map[string]string{
		"modifiers.fr.txt": "[negation]\n1 pas\n1 ne\n1 n'\n",
		"crisis.fr.txt":    "1 je suis prete a partir pour toujours\n1 ne veux plus vivre\n1 si j etais jamais ne\n",
		"crisis.en.txt":    "1 tired of living\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang, text string
		want       bool
	}{
		{"fr", "je suis prête à partir pour toujours", true},
		{"fr", "je suis prêt à partir pour toujours", true},
		{"fr", "nous sommes prêts, je suis prêtes à partir pour toujours", true},
		{"fr", "je ne veux plus vivre", true},
		{"fr", "je veux plus vivre", true},
		{"fr", "je ne veux pas vivre ici", false},
		{"fr", "si j'étais jamais né", true},
		{"fr", "si j'étais jamais", false}, // "né" is no "ne": not optional
		{"en", "tired of living", true},
		{"en", "tired of livings", false}, // English entries as written
	}
	for _, tt := range tests {
		l := lx.byLang[tt.lang]
		var d doc
		normalize(&d, tt.text)
		var f lexMatches
		cand := make([]uint32, len(d.toks))
		l.starts.candidates(&d, cand)
		var s signalScratch
		s.guards = l.find(&d, cand, &f, nil, true)
		var sc scores
		l.score(&d, &f, &s, &sc, l)
		if got := sc[kindCrisis] >= threshold; got != tt.want {
			t.Errorf("%s %q: crisis %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"fatiguees", "fatigu"}, {"fatigue", "fatigu"}, {"prete", "pret"}, {"lames", "lame"}, {"lame", "lame"}, {"tue", "tue"},
	} {
		if got := agreeBase(c.in); got != c.want {
			t.Errorf("agreeBase(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
