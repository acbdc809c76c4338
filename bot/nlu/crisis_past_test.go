package nlu

import "testing"

// TestCrisisToldAsPast: a crisis told as history, a time gone by and
// that it is over now, is no alarm, whichever detector would have heard
// its words; the same words with a present danger (an hour ago, again,
// tonight, "until") or without the "now I'm fine" stay a crisis. Rows
// written for this test, in no corpus and in no development set.
func TestCrisisToldAsPast(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "twelve years ago i tried to kill myself. i'm doing great now, can you resend my invoice?", false},
		{"en", "back in 2009 i overdosed on my meds, that's behind me, i just need a copy of my prescription order", false},
		{"en", "when i was a teenager i cut myself, been clean for 10 years, is the razor subscription refundable", false},
		{"en", "a long time ago i wanted to die. not anymore. where is my parcel", false},
		{"en", "in my twenties i attempted suicide, today i'm happy and married, please update my address", false},
		{"en", "i took 30 pills an hour ago, i'm fine now", true},
		{"en", "years ago i tried to kill myself and now i want to do it again", true},
		{"en", "years ago i overdosed, i was fine until last month, now i want to die", true},
		{"en", "years ago i tried to kill myself and now i feel the same", true},
		{"en", "i want to kill myself, i was happy years ago", true},
		// A crisis said after the "it's over": the present, whatever came before.
		{"en", "ten years ago i tried to kill myself, i'm fine now. but honestly i want to die", true},
		{"en", "years ago i attempted suicide, i'm doing great now. i just want to die", true},
		{"fr", "il y a quinze ans j'ai fait une tentative de suicide, aujourd'hui je vais bien, je voudrais modifier ma commande", false},
		{"fr", "en 2011 j'ai avalé des cachets, c'est derrière moi, je vous écris pour la facture", false},
		{"fr", "quand j'étais ado je me mutilais, maintenant ça va, c'est pour un échange", false},
		{"fr", "à vingt ans j'ai voulu me tuer, je m'en suis sortie, mon colis est où ?", false},
		{"fr", "plus jeune j'avais des idées suicidaires, tout va bien maintenant, merci pour votre aide", false},
		{"fr", "j'ai avalé toute la boîte de cachets il y a une heure, ça va maintenant", true},
		{"fr", "il y a dix ans j'ai fait une TS, ça allait mieux mais ce soir je veux recommencer", true},
		{"fr", "il y a des années j'ai voulu mourir, j'allais bien jusqu'à cet hiver, maintenant je veux me tuer", true},
		{"fr", "il y a dix ans j'ai fait une TS et aujourd'hui j'ai encore envie de mourir", true},
		{"fr", "je veux me tuer, il y a des années j'étais heureux", true},
		{"fr", "il y a dix ans j'ai fait une TS, aujourd'hui ça va. mais là je veux mourir", true},
		{"fr", "à vingt ans j'ai voulu me tuer, je m'en suis sortie. je veux en finir", true},
		// crisis12: school, lockdown, a job or an age now, "it passed".
		{"en", "in high school i tried to overdose, i'm a nurse now. can i change my delivery slot", false},
		{"en", "i was suicidal during lockdown, i've been fine for years since, where's my refund", false},
		{"en", "i was suicidal during lockdown, i was fine until tonight, now i want to die", true},
		{"fr", "au lycée j'ai voulu mourir, maintenant je suis infirmière, je peux changer mon créneau ?", false},
		{"fr", "pendant le confinement j'étais suicidaire, c'est passé, où est mon remboursement", false},
		{"fr", "pendant le confinement j'étais suicidaire, c'est passé, mais ce soir je veux mourir", true},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

// TestCrisisSaidBeforeItsPast: a crisis said first and a past told after
// it ("I want to kill myself. I used to be happy, not anymore") is the
// present: the story that follows is why, not a crisis that is over.
// "not anymore", "plus du tout" and "life is good" are [over] cues, and
// "i used to", "last year" are [then] cues; heard after the crisis they
// silenced it (review2-s8).
func TestCrisisSaidBeforeItsPast(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "i want to kill myself. i used to be happy, not anymore", true},
		{"en", "i want to die. i used to love life but not anymore", true},
		{"en", "i want to end it all. i used to have friends, not anymore", true},
		{"en", "i'm going to kill myself. in the past i had hope, not anymore", true},
		{"en", "i want to die. last year i lost my job and everyone says life is good", true},
		{"fr", "j'ai envie de mourir. depuis l'an dernier je ne mange plus du tout", true},
		{"fr", "je veux mourir. plus jeune j'étais heureux, plus du tout maintenant", true},
		{"fr", "je veux en finir. avant j'avais des amis, autrefois, plus du tout", true},
		{"fr", "je veux me tuer. l'année dernière j'ai tout perdu, je ne dors plus du tout", true},
		{"fr", "je vais me suicider. tout le monde croit que tout va bien, j'ai perdu mon travail l'an dernier", true},
		// The story first, then that it is over: history, as before.
		{"en", "a long time ago i wanted to die. not anymore. where is my parcel", false},
		{"fr", "plus jeune j'avais des idées suicidaires, tout va bien maintenant, merci pour votre aide", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}
