package nlu

import (
	"strings"
	"testing"
)

// TestCalmNearCrisisPaths: calm customer messages near crisis4's paths
// (denials read without their tokens, long messages in windows, chat
// 'je') raise no crisis alarm.
func TestCalmNearCrisisPaths(t *testing.T) {
	m := fixtureM(t)
	story := "I ordered the blue jacket three weeks ago and the tracking has not moved since Monday, the courier says it is at the depot and the depot says it left, "
	for _, tt := range []struct{ lang, text string }{
		{"en", "I'm not going to kill myself over a late parcel, but I want my money back"},
		{"en", "no I don't want to die, I want a refund for the broken charger"},
		{"en", "I'm not suicidal lol, just want to cancel my subscription and get my money back"},
		{"en", story + story + "honestly this whole thing is killing me, I could die of embarrassment, my sister will kill me when she sees the gift is late"},
		{"en", story + story + "I'm not going to hurt anyone, I just want the jacket or my money, I'm done waiting"},
		{"en", story + story + "I feel like giving up on your shop and giving all my stuff away to charity instead"},
		{"fr", "je ne vais pas me tuer pour un colis en retard, mais je veux être remboursé"},
		{"fr", "ce n'est pas une overdose de colis, juste un retard de plus"},
		{"fr", strings.Repeat("j'ai commandé une veste il y a trois semaines et le suivi ne bouge plus depuis lundi, ", 3) + "franchement ça me tue, jveux juste mon argent, chui à bout de patience"},
	} {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis {
			t.Errorf("a calm message is a crisis (lexicon %v, learned %v, logit %.2f): %q", p.lexicon, p.learned, p.logit, tt.text)
		}
	}
}
