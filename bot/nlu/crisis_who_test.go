package nlu

import (
	"slices"
	"testing"
)

// TestWhoIsNotADanger: saying who one is (pregnant, 91, blind, in a
// wheelchair) is a reason for priority, never an alarm by itself. Before,
// the learned crisis signal sent the safety message to "I'm pregnant and
// I really need it" (its few pregnancy rows are emergencies) and to "I'm
// 91 and my eyes aren't good anymore"; it now has to hear the danger in
// the rest of the message. Crises said by the same people stay crises,
// among them a baby who stops moving in the womb (an emergency the
// lexicon did not know: before, the learned signal heard it through the
// word "pregnant" only). Rows written for this test, in no corpus and in
// no development set.
func TestWhoIsNotADanger(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		who        string // the vulnerability heard
		crisis     bool
	}{
		// false alarms before
		{"en", "I'm pregnant and I really need it", "pregnant", false},
		{"en", "it's been 3 weeks, I'm pregnant and I really need it", "pregnant", false},
		{"en", "I'm 91 and my eyes aren't good anymore", "senior", false},
		{"fr", "j'ai 91 ans et mes yeux ne sont plus bons", "senior", false},
		// calm before and after
		{"en", "i'm 8 months pregnant and the pram still hasn't arrived, can you check", "pregnant", false},
		{"en", "I'm disabled and I can't get to the post office to collect my parcel", "disabled", false},
		{"en", "I'm in a wheelchair and the driver left the parcel at the top of the stairs", "disabled", false},
		{"en", "I'm 90 and I really need my medication delivery, it's late", "senior", false},
		{"fr", "je suis enceinte et j'en ai vraiment besoin", "pregnant", false},
		{"fr", "je suis en fauteuil roulant et le livreur a laissé le colis en bas", "disabled", false},
		{"fr", "j'ai 85 ans et j'ai vraiment besoin de mes médicaments, la livraison est en retard", "senior", false},
		// crises said by the same people
		{"en", "I'm pregnant and bleeding heavily, the pain is unbearable", "pregnant", true},
		{"en", "I'm 30 weeks pregnant and I can't feel the baby moving", "pregnant", true},
		{"en", "I'm 84 and I fell, I can't get up and my hip hurts badly", "senior", true},
		{"en", "I'm 88 and I have crushing chest pain down my left arm", "senior", true},
		{"en", "I'm pregnant and I don't want to live anymore", "pregnant", true},
		{"en", "I'm 80 and I've saved up my pills, I'm going to take them all tonight", "senior", true},
		{"fr", "je suis enceinte et je saigne beaucoup, j'ai très mal", "pregnant", true},
		{"fr", "j'ai 86 ans, je suis tombée et je n'arrive pas à me relever", "senior", true},
		{"fr", "je suis enceinte de 7 mois et je sens plus le bébé bouger depuis ce matin", "pregnant", true},
		{"fr", "je suis enceinte et je veux plus vivre", "pregnant", true},
	}
	for _, tt := range tests {
		s := m.Analyze(tt.lang, tt.text).Signals
		if s.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v, want %v", tt.lang, tt.text, s.Crisis, tt.crisis)
		}
		if !slices.Contains(s.Vulnerable, tt.who) {
			t.Errorf("%s %q: vulnerable %v, want %s heard", tt.lang, tt.text, s.Vulnerable, tt.who)
		}
	}
}

// TestBabyStillFallen: a baby who stops moving in the womb is an
// emergency whoever says it, without the word "pregnant" (a monitor or a
// toy that stops is not), and so is a fall one cannot get up from, said
// in French of oneself (« je n'arrive pas à me relever »: before, only « se
// relever » of another was heard); not getting over a break-up is not.
func TestBabyStillFallen(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "I can't feel the baby moving since yesterday", true},
		{"en", "I haven't felt the baby move all day", true},
		{"en", "the baby has stopped moving", true},
		{"fr", "je sens plus le bébé bouger depuis ce matin", true},
		{"fr", "j'ai pas senti le bébé bouger depuis hier", true},
		{"fr", "le bébé ne bouge plus", true},
		{"en", "the baby monitor stopped working", false},
		{"en", "the baby swing stopped moving after a week, can I return it", false},
		{"fr", "le mobile du bébé ne tourne plus", false},
		{"fr", "je suis tombée et je n'arrive pas à me relever", true},
		{"fr", "je suis tombé je peux pas me relever", true},
		{"fr", "je peux plus me relever de cette rupture", false},
		{"fr", "j'arrive pas à me relever de ce licenciement", false},
	})
}
