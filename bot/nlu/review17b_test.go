package nlu

import "testing"

// TestCrisisCannotLiveOn17b: not being able to live (on) any more, said
// plainly ("I can't live anymore", "I can't go on living") or in French
// after a menu phrase (« retour au début, je suis plus capable de vivre »:
// the learned signal alone heard the bare sentence, and lost it with the
// menu words before it). The look-alikes are things one cannot live without.
// Rows written for this review, in no corpus and no development set.
func TestCrisisCannotLiveOn17b(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "I can't live anymore", true},
		{"en", "honestly i cant live any more, everything hurts", true},
		{"en", "I can't go on living", true},
		{"en", "take me back to the start, I can't go on living", true},
		{"en", "I can't live anymore without my morning coffee, when is it shipped?", false},
		{"en", "I can't go on living without wifi, when will the router come?", false},
		{"fr", "retour au début, je suis plus capable de vivre", true},
		{"fr", "début, chu pu capable de vivre", true},
		{"fr", "je suis plus capable de vivre comme ça", true},
		{"fr", "je serais plus capable de vivre sans mon ordi, il arrive quand", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

// TestShootingThreat17b: a shooting threatened at a place many people are
// ("shoot up my school"), or on everyone there, is a crisis, laughing or
// not (violence17's [threat] names persons, not places or everyone, so
// none of these was heard). Games and photos stay calm.
func TestShootingThreat17b(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "I'm going to shoot up my school tomorrow", true},
		{"en", "gonna shoot up the office on monday lol", true},
		{"en", "i'm going to shoot everyone at work tomorrow", true},
		{"en", "I'm going to kill everybody in my class", true},
		{"en", "we're going to shoot everyone at paintball tomorrow", false},
		{"en", "going to kill everyone at karaoke with my singing", false},
		{"en", "i'm going to kill everyone in the office with these cupcakes", false},
		{"fr", "je vais tirer sur tout le monde au bureau demain", true},
		{"fr", "demain je vais tuer tout le monde au lycée mdr", true},
		{"fr", "je vais tirer sur tout le monde au paintball samedi", false},
		{"fr", "je vais tuer tout le monde avec mon gâteau au chocolat", false},
		{"en", "i'm going to shoot everyone at school with my dad's rifle", true},
		{"fr", "je vais tirer sur tout le monde avec le fusil de mon père", true},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

// TestCrisisPillsAndThreatsHeard17b: pills all taken, said in the feminine
// (« toutes mes pilules ») or swallowed, and a partner's threat to kill
// the writer if they call for help or leave, were heard in none of their
// forms. The look-alikes: a parent's "kill me" over a grade, pills taken
// one by one as prescribed.
func TestCrisisPillsAndThreatsHeard17b(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"fr", "j'ai pris toutes mes pilules", true},
		{"fr", "je veux pas mourir mais j'ai pris toutes mes pilules", true},
		{"fr", "j'ai avalé toutes les pilules de la boîte", true},
		{"en", "my husband said he'll kill me if I call the police", true},
		{"en", "he will kill me if I tell anyone, please help", true},
		{"en", "he says he'll kill me if I leave him", true},
		{"en", "I'm scared he'll hurt me when he gets back", true},
		{"en", "my mum will kill me if I fail this exam lol", false},
		{"fr", "j'ai pris ma pilule ce matin, quand arrive la commande ?", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}
