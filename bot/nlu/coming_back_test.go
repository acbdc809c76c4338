package nlu

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestComingBackWithTheNumberIsNoCrisis: one who comes back with the
// number a flow asked for, sorry for the wait ("Found it! It's AB-123456,
// sorry it took me so long"), got the crisis safety message: the learned
// signal read the apology and "so long" as a goodbye (3.27 against a cut of
// 3.0). Two calm corpus rows of that kind, in other words. The English
// row failed before; a goodbye said with a number is still a crisis.
func TestComingBackWithTheNumberIsNoCrisis(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "Found it! It's AB-123456, sorry it took me so long", false},
		{"en", "ok here it is AB-654321, sorry that took forever", false},
		{"fr", "trouvé ! c'est le AB-123456, désolé pour l'attente", false},
		{"en", "here's my order number AB-123456, I won't be needing it, this is goodbye, I'm ending it tonight", true},
	} {
		a := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v, want %v", tt.lang, tt.text, a.Signals.Crisis, tt.crisis)
		}
	}
}
