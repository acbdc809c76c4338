package nlu

import "testing"

// TestThreatIfFoundOutReachingOut: a threat to the writer if someone finds
// out they reached out for help ("he'll kill me if he finds out I wrote to
// you", « s'il voit ce message il me tue ») is what a person in danger at
// home fears: a crisis. The guards "kill me if he finds", written for the
// hyperbole of a broken vase or money spent, silenced it; those stay
// calm. So is a partner's threat "when he gets home" ([mate], as their
// threat over a bill), not a mum's over grades. 6 of the 10 threats were
// calm before.
func TestThreatIfFoundOutReachingOut(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "he'll kill me if he finds out I wrote to you", true},
		{"en", "my husband will kill me if he finds out I contacted you", true},
		{"en", "my boyfriend will kill me if he sees I messaged you", true},
		{"en", "please be quick, he will kill me if he reads this", true},
		{"fr", "il va me tuer s'il apprend que je vous ai écrit", true},
		{"fr", "s'il voit ce message il me tue", true},
		{"fr", "mon mari va me tuer s'il voit ce message", true},
		{"fr", "faites vite, il me tue s'il sait que je vous contacte", true},
		{"en", "my husband is going to kill me when he gets home", true},
		{"en", "my partner will kill me when he comes home, I'm scared", true},
		{"en", "my mum is going to kill me when she gets home and sees my grades", false},
		{"en", "my wife is going to kill me when she sees I ordered another guitar haha", false},
		{"en", "my mum will kill me if she finds out I broke the vase", false},
		{"en", "my dad will kill me if he finds out I spent the money lol", false},
		{"en", "my boss will kill me if he finds out I forgot the invoice", false},
		{"fr", "ma mère va me tuer si elle voit la facture", false},
		{"fr", "mon père va me tuer s'il apprend que j'ai cassé la télé", false},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			if got := m.Analyze(tt.lang, tt.text).Signals.Crisis; got != tt.crisis {
				t.Errorf("Analyze(%q).Signals.Crisis = %v, want %v", tt.text, got, tt.crisis)
			}
		})
	}
}
