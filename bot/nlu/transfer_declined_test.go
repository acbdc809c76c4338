package nlu

import "testing"

// TestTransferDeclined checks a person who says no to being passed to a
// person ("don't transfer me to an agent, I just want the tracking link",
// « inutile de me transférer à un agent »): no hand-off they did not want.
// Requests said beside a refusal of the bot still ask ("don't transfer me
// to the bot again, I want a human"). 6 of the 8 declining rows escalated
// before.
func TestTransferDeclined(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		asks       bool
	}{
		{"en", "don't transfer me to an agent please, I just want the tracking link", false},
		{"en", "you're fine, no need to get a person involved", false},
		{"en", "no need to transfer me, I'll wait for the email", false},
		{"en", "do not transfer me to anyone, just cancel it", false},
		{"en", "no need to involve a human, the refund form is enough", false},
		{"fr", "inutile de me transférer à un agent", false},
		{"fr", "ne me passez pas de conseiller, je veux juste le suivi", false},
		{"fr", "pas la peine de me transférer, je veux juste annuler", false},
		{"en", "transfer me to an agent", true},
		{"en", "please transfer me to a human now", true},
		{"en", "don't transfer me to the bot again, I want a human", true},
		{"en", "I want a person, don't put me through to the bot", true},
		{"fr", "transférez-moi à un humain svp", true},
		{"fr", "passez-moi un conseiller", true},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			if got := m.Analyze(tt.lang, tt.text).Escalate; got != tt.asks {
				t.Errorf("Analyze(%q).Escalate = %v, want %v", tt.text, got, tt.asks)
			}
		})
	}
}

// TestNoPersonNeeded: "no person needed" said outright was read by the
// router alone as a request for a person (the human flow, 0.87 for "you're
// fine, no person needed"); a guard of the person file says it is none.
func TestNoPersonNeeded(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"you're fine, no person needed", false},
		{"no human needed thanks", false},
		{"no agent necessary, just the link", false},
		{"I need a person, no bot", true},
	} {
		a := m.Analyze("en", tt.text)
		if got := a.Escalate || a.Flow == "human"; got != tt.want {
			t.Errorf("%q: a person asked = %v (escalate %v, flow %q), want %v", tt.text, got, a.Escalate, a.Flow, tt.want)
		}
	}
}
