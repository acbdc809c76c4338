package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/memstore"
)

// TestOrderNumberNotGuessedFromASentence: a sentence answering the order
// flow's question for an order number gives no number when what looks
// like one is something else. A product's model written as one word
// ("my RTX4090 never arrived", « mon XPS9310 ») was taken for order
// RTX-4090 and passed on to the team as such; a person saying they don't
// have the number had another reference of theirs (an invoice) taken
// for it, and was not offered the help to find it. The number is asked
// for again, or the flow's help for a missing number follows.
func TestOrderNumberNotGuessedFromASentence(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, start, answer string
		not                 string // the next question must not name it
	}{
		{"en_model", "/order", "my RTX4090 never arrived", "RTX-4090"},
		{"en_model_end", "/order", "it's about the laptop, an XPS9310", "XPS-9310"},
		{"fr_model", "/commande", "mon XPS9310 n'est jamais arrivé", "XPS-9310"},
		{"en_no_number", "/order", "I don't have it, only the invoice INV-204511", "INV-204511"},
		{"fr_no_number", "/commande", "je l'ai pas, juste la facture FAC-204511", "FAC-204511"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			if got := texts(play(t, e, tt.name, []string{tt.start, tt.answer})); strings.Contains(got, tt.not) {
				t.Errorf("%q: %s taken for the order number:\n%s", tt.answer, tt.not, got)
			}
		})
	}
}
