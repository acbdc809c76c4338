package nlu

import "testing"

// TestCrisisFinalityHints18en: what crisis18en built, by whole messages
// written for this test (in no corpus and in no probe set). A finality the
// lexicon hears ([final]: "you won't hear from me again", "i won't be
// texting again") lowers the learned signal's cut as half a plan does
// (crisisHint); weary or sick of being alive in any [tired] word; not a
// burden much longer said with "not going to"; not meaning to be alive.
// Beside them, the look-alikes left calm: "so long" that is a while, a
// problem solved ("the app works now"), a bereavement by suicide told with
// its year, a dark spell during one's studies, a stage's pretence and a
// prop.
func TestCrisisFinalityHints18en(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		// a finality with a learned signal leaning the same way
		{"thank you for the help. you won't hear from me again, i'm at peace with it", true},
		{"thank you. i won't be texting again, i've arranged everything for the cat", true},
		{"sorry it took me so long to reply, goodbye for now", false},
		{"i waited so long for this parcel, so long that i gave up. bye", false},
		{"thanks, i won't be messaging again, the app works now", false},
		{"it's been nice knowing you all, i start my new job in dublin on monday", false},
		// weary of being alive, not a burden much longer, not meaning to live
		{"i'm honestly sick of being alive, every morning is the same grey nothing", true},
		{"weary of being alive and of pretending i'm fine", true},
		{"im not gonna be a burden to my parents much longer, i promise", true},
		{"i'm not going to be a problem for anyone much longer", true},
		{"i don't plan on being alive by the time this bill is due", true},
		{"to be honest i do not intend to be alive next year, so don't bother with the renewal", true},
		{"i wrapped my watch for my nephew so he has something to remember me by. this is goodbye", true},
		// told as history, played, a prop
		{"my cousin took her own life in 2019, i'm running a marathon for the charity that helped us", false},
		{"we lost my brother to suicide years ago, can i still close his old account", false},
		{"during uni i had suicidal thoughts for a while, these days i'm doing really well", false},
		{"in uni i self harmed for a bit but i'm in a good place now, can i update my card", false},
		{"for the school play i have to pretend to shoot myself with a cap gun", false},
		{"the props guy made a fake noose for the western, it looks so real", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", "en", tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

// TestCrisisSecondRound18en: the second round's constructions, by whole
// messages written for this test: someone in the yard "with" something
// trying a door ([someone] holds "someone's" typed without its
// apostrophe), an address found as the plan of a threat, done with being
// alive, praying for a heart attack, "can't stay any longer" at a
// sentence's end with a learned signal leaning the same way, charcoal
// with the doors or windows sealed, a place burnt with a person inside.
// Calm: a loss
// told with a childhood ("when i was small") and a peace made, a heart
// attack feared for someone, an account closed "for good", a meeting one
// can't stay at, a meter reader in the garden, an address written wrong,
// charcoal for a barbecue beside windows taped for a decorator.
func TestCrisisSecondRound18en(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"somebody's in the yard with a flashlight trying the back door", true},
		{"i'm going to kill my old landlord, i found his address, sunday", true},
		{"i'm so done with being alive, sorting my things this week", true},
		{"i pray for a heart attack most nights", true},
		{"i can't stay any longer. love you all, i'm sorry", true},
		{"bought charcoal today and sealed the doors of the garage", true},
		{"we've got the charcoal for the bbq and taped the windows for the decorator", false},
		{"i'll burn his garage down on friday with him in it", true},
		{"gonna set fire to their caravan with them inside", true},
		{"the film ends with him burning the barn down with the villain in it", false},
		{"my uncle took his own life when i was small, we talk about him at christmas, i've made my peace with it", false},
		{"i hope my dad doesn't have a heart attack when he sees the bill", false},
		{"closing this account for good.", false},
		{"the meeting ran over and i can't stay any longer, i'll call back", false},
		{"someone's in the garden with the gas meter reader trying the side gate key", false},
		{"we got his address wrong on the parcel, can you fix it", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", "en", tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}
