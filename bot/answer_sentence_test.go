package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/memstore"
)

// TestOrderNumberInASentence plays the order flow's question for an order
// number answered the way people answer it, in a sentence: the number is
// taken and the flow goes on. Before, "my order number is AB-123456" was
// told "That doesn't look quite like an order number" (every "took" row
// failed). Two different numbers are asked about again, not guessed.
func TestOrderNumberInASentence(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, start, answer string
		took                string // what the next question names, "" when asked again
	}{
		{"en_sentence", "/order", "my order number is AB-123456", "order AB-123456"},
		{"en_i_think", "/order", "the number is ab-123456 i think", "order AB-123456"},
		{"en_before", "/order", "ok so AB-123456.", "order AB-123456"},
		{"fr_cest_le", "/commande", "c'est le AB-123456", "commande AB-123456"},
		{"fr_numero", "/commande", "mon numéro de commande : AB-123456 merci", "commande AB-123456"},
		{"en_two_numbers", "/order", "AB-123456 or maybe AB-654321", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			got := texts(play(t, e, tt.name, []string{tt.start, tt.answer}))
			switch {
			case tt.took != "" && !strings.Contains(got, tt.took):
				t.Errorf("%q: the number was not taken (want %q):\n%s", tt.answer, tt.took, got)
			case tt.took == "" && strings.Contains(got, "order AB-"):
				t.Errorf("%q: a number was guessed from two:\n%s", tt.answer, got)
			}
		})
	}
}
