package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot/memstore"
)

// TestLostIsNotTheWholeMessage plays "I don't understand" said after what
// the person needs, and said as an answer. Lost is heard in a message's
// last sentence, so "I was charged twice for my order. I don't
// understand." got "Sorry, I wasn't clear" (carebot had said nothing) and
// the menu instead of the payment flow; and at a question that asks for
// the person's own words ("Tell me in your own words what's worrying
// you"), "I'm so confused" is what worries them, not a question missed:
// it was refused with the same question again.
func TestLostIsNotTheWholeMessage(t *testing.T) {
	t.Parallel()
	const simpler, simplerFR = "Let me put it more simply", "Je reformule plus simplement"
	tests := []struct {
		name  string
		turns []string
		want  []string // in the last turn's replies
		not   []string // nowhere in them
	}{
		// A need said first, then not understanding it: the need's flow.
		{"en_charge_then_lost", []string{"I was charged twice for my order. I don't understand."},
			[]string{"problem with a payment"}, []string{simpler}},
		{"en_parcel_then_lost", []string{"My parcel never came. What does that mean?"},
			[]string{"your order is giving you trouble"}, []string{simpler}},
		{"en_login_then_lost", []string{"I can't log in. I'm confused"},
			nil, []string{simpler}},
		{"fr_charge_then_lost", []string{"On m'a prélevé deux fois. Je comprends pas."},
			[]string{"problème de paiement"}, []string{simplerFR}},
		// The person's own words asked for: the answer, not a miss.
		{"en_worry_in_own_words", []string{"/worried", "I'm so confused"},
			nil, []string{simpler, "Tell me what is worrying you"}},
		{"fr_worry_in_own_words", []string{"/inquiet", "je suis perdue"},
			nil, []string{simplerFR, "Dites-moi ce qui vous inquiète"}},
		// Still lost, as before.
		{"en_sorry_then_lost", []string{"Sorry. I don't understand."},
			[]string{simpler}, nil},
		{"en_thanks_then_lost", []string{"thanks for that. I don't understand"},
			[]string{simpler}, nil},
		{"en_lost_at_the_number", []string{"my parcel is late", "I don't understand"},
			[]string{simpler}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			holds(t, tt.turns, texts(play(t, e, tt.name, tt.turns)), tt.want, tt.not)
		})
	}
}
