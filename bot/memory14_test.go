package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestAnsweredEarlier plays whole conversations through the engine, its
// real detector and the built-in flows (memory14): what a person said in
// an earlier message of the conversation answers a later question when it
// answers it unambiguously, with a short acknowledgement in the flow's
// words instead of the question; a negated or ambiguous mention, a matter
// already over, and a yes given to another question answer nothing. Before,
// "my order is late" then "AB-123456" was asked "What happened?", and an
// order number said at the menu was asked again.
func TestAnsweredEarlier(t *testing.T) {
	t.Parallel()
	type turn struct {
		text string
		want []string // said in this turn, in order (substrings)
		not  []string // not said in this turn
	}
	tests := []struct {
		name  string
		turns []turn
	}{
		{"en_late_then_number", []turn{
			{"my order is late", []string{"order number"}, nil},
			{"AB-123456", []string{"You said it's late", "I've noted that order AB-123456 is late"}, []string{"What happened"}},
		}},
		{"fr_late_then_number", []turn{
			{"ma commande est en retard", []string{"numéro de commande"}, nil},
			{"AB-123456", []string{"Vous m'avez dit qu'elle est en retard", "J'ai noté que la commande AB-123456 est en retard"}, []string{"Que s'est-il passé"}},
		}},
		// A reference with little else goes to the flow that asks for it
		// (reference.go): the number is taken at once.
		{"en_number_first_problem_second", []turn{
			{"hi, about order AB-123456", []string{"What happened with order AB-123456?"}, []string{"What is your order number"}},
			{"it arrived damaged", []string{"I'm sorry it arrived damaged", "order AB-123456"}, []string{"What is your order number", "What happened"}},
		}},
		{"fr_number_first_problem_second", []turn{
			{"bonjour, commande AB-123456", nil, nil},
			{"elle est arrivée abîmée", []string{"commande AB-123456", "Je suis désolé qu'elle soit arrivée abîmée"}, []string{"Quel est votre numéro de commande", "Que s'est-il passé"}},
		}},
		{"en_negated", []turn{
			{"my order is not late", []string{"order number"}, nil},
			{"AB-123456", []string{"What happened with order AB-123456"}, []string{"You said"}},
		}},
		{"fr_negated", []turn{
			{"ma commande n'est pas en retard", []string{"numéro de commande"}, nil},
			{"AB-123456", []string{"Que s'est-il passé avec la commande AB-123456"}, []string{"Vous m'avez dit"}},
		}},
		{"en_two_named", []turn{
			{"my order is late and I got the wrong item", []string{"order number"}, nil},
			{"AB-123456", []string{"What happened with order AB-123456"}, []string{"You said"}},
		}},
		{"en_corrected", []turn{
			{"my order is late", []string{"order number"}, nil},
			{"AB-123456", []string{"You said it's late", "Shall I pass order AB-123456"}, nil},
			{"no, it's damaged", []string{"I'm sorry it arrived damaged"}, []string{"Sorry"}},
		}},
		{"fr_corrected", []turn{
			{"ma commande est en retard", []string{"numéro de commande"}, nil},
			{"AB-123456", []string{"Vous m'avez dit qu'elle est en retard", "Je transmets la commande AB-123456"}, nil},
			{"non, elle est abîmée", []string{"Je suis désolé qu'elle soit arrivée abîmée"}, nil},
		}},
		{"en_number_corrected", []turn{
			{"hi, my reference is AB-123456", []string{"which one is it?"}, nil},
			{"it arrived damaged", []string{"You already gave me order AB-123456", "Shall I pass order AB-123456"}, nil},
			{"sorry, it's CD-654321", []string{"CD-654321"}, []string{"AB-123456"}},
		}},
		{"en_matter_over", []turn{
			{"my order AB-111111 is late", []string{"is late"}, nil},
			{"not now", []string{"haven't sent anything"}, nil},
			{"5", nil, nil},
			{"my order is damaged", []string{"What is your order number"}, []string{"AB-111111"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			a := bot.Address{Platform: "test", Chat: tt.name, User: "u"}
			for i, tu := range tt.turns {
				all := texts(say(t, e, a, tt.name+string(rune('a'+i)), tu.text))
				at := 0
				for _, w := range tu.want {
					j := strings.Index(all[at:], w)
					if j < 0 {
						t.Fatalf("turn %d %q: want %q (in order), got:\n%s", i+1, tu.text, w, all)
					}
					at += j + len(w)
				}
				for _, w := range tu.not {
					if strings.Contains(all, w) {
						t.Fatalf("turn %d %q: said %q, want not:\n%s", i+1, tu.text, w, all)
					}
				}
			}
		})
	}
}
