package nlu

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestLostIsHeard: a message that says the person does not follow what
// carebot said is heard as such (Lost), in English and French, and asks
// for nobody; one that does not understand a charge, a delay or how to do
// something is a problem to route, and "I'm lost without my husband" is a
// feeling. Every Lost row failed before (there was no Lost).
func TestLostIsHeard(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		lost       bool
		category   string // when not lost: where it goes ("" for anywhere)
	}{
		{"en", "I don't understand", true, ""},
		{"en", "i dont understand", true, ""},
		{"en", "I don't understand any of this, I'm 79", true, ""},
		{"en", "what do you mean?", true, ""},
		{"en", "sorry I'm confused", true, ""},
		{"en", "huh?", true, ""},
		{"en", "you lost me", true, ""},
		{"en", "this is too complicated", true, ""},
		{"fr", "je comprends pas", true, ""},
		{"fr", "j'ai rien compris", true, ""},
		{"fr", "c'est-à-dire ?", true, ""},
		{"fr", "je suis perdue", true, ""},
		{"fr", "vous voulez dire quoi ?", true, ""},
		{"fr", "c'est trop compliqué pour moi", true, ""},

		{"en", "I don't understand this charge", false, flow.CategoryBillingPayment},
		{"en", "I don't understand why my order is late", false, flow.CategoryOrderDelivery},
		{"en", "what do you mean my card was declined", false, flow.CategoryBillingPayment},
		{"en", "I'm lost without my husband", false, ""},
		{"fr", "je comprends pas ce prélèvement", false, flow.CategoryBillingPayment},
		{"fr", "je comprends pas pourquoi ma commande est en retard", false, flow.CategoryOrderDelivery},
		{"fr", "je suis perdue depuis la mort de mon mari", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			a := m.Analyze(tt.lang, tt.text)
			if a.Lost != tt.lost || a.Escalate {
				t.Errorf("Analyze(%q): Lost %v, Escalate %v; want Lost %v and no request for a person", tt.text, a.Lost, a.Escalate, tt.lost)
			}
			if tt.category != "" && a.Category != tt.category {
				t.Errorf("Analyze(%q): category %q, want %q", tt.text, a.Category, tt.category)
			}
		})
	}
}
