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
	tests := []struct {
		lang, text string
		crisis     bool
	}{
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
		// Look-alikes
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
	}
	for _, tt := range tests {
		if got := m.Analyze(tt.lang, tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("%s %q: crisis %v, want %v", tt.lang, tt.text, got, tt.crisis)
		}
	}
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
		{"Jen a appelé", "jen a appele"}, // a name, even first
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
