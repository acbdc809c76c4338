package nlu

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestSarcasmSwornStaysAnger23: sarcasm that names a harm [trouble22]
// lacked ("cheers for ruining my birthday", « vous m'avez débité deux
// fois ») was read as joy sworn since 648365b, and raised no anger where
// at ce064b9 it did. Joy sworn is still no anger.
func TestSarcasmSwornStaysAnger23(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		anger      bool
	}{
		{"en", "wow fucking awesome, cheers for ruining my birthday", true},
		{"en", "fucking brilliant, you ruined christmas", true},
		{"fr", "putain génial, vous m'avez débité deux fois", true},
		{"fr", "super putain, merci d'avoir gâché mon anniversaire", true},

		// Sarcastic thanks: "thanks a fucking lot" was anger at ce064b9;
		// « merci pour rien » never was, where "thanks for nothing" is.
		{"en", "thanks a fucking lot", true},
		{"en", "well thanks a bloody lot for that", true},
		{"fr", "merci pour rien", true},
		{"fr", "merci pour rien, vraiment", true},

		{"en", "this is fucking awesome, thanks!", false},
		{"en", "thanks a lot, fucking brilliant", false},
		{"fr", "putain c'est génial, merci !", false},
	} {
		t.Run(tt.lang+"_"+tt.text, func(t *testing.T) {
			t.Parallel()
			a := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text)
			if a.Signals.Anger != tt.anger {
				t.Errorf("%s %q: anger %v, want %v (signals %+v)", tt.lang, tt.text, a.Signals.Anger, tt.anger, a.Signals)
			}
		})
	}
}
