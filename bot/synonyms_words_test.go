package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestSynonymsSayWhatTheyName: a choice's synonyms: are taken as its
// answer at the question and from an earlier message, so a phrase that
// often means something else gives a wrong answer, worse than asking
// again. Before, "friday instead of monday" (a date) and « pas la bonne
// adresse » were a wrong item, and "I lost my receipt" an order that never
// arrived, acknowledged as what the person said. Their own phrasings of
// those answers still name them.
func TestSynonymsSayWhatTheyName(t *testing.T) {
	t.Parallel()
	type turn struct {
		text string
		want []string // said in this turn (substrings)
		not  []string // not said in this turn
	}
	tests := []struct {
		name  string
		turns []turn
	}{
		{"en_date_instead_of_earlier", []turn{
			{"my order came on friday instead of monday", nil, nil},
			{"AB-123456", []string{"What happened with order AB-123456"}, []string{"wrong item"}},
		}},
		{"en_date_instead_of_at_question", []turn{
			{"my order", nil, nil},
			{"AB-123456", []string{"What happened"}, nil},
			{"it came on friday instead of monday", nil, []string{"wrong item"}},
		}},
		{"fr_date_au_lieu_de_earlier", []turn{
			{"ma commande est arrivée vendredi au lieu de lundi", nil, nil},
			{"AB-123456", []string{"Que s'est-il passé avec la commande AB-123456"}, []string{"mauvais article"}},
		}},
		{"fr_address_earlier", []turn{
			{"ma commande a été livrée à une adresse qui n'est pas la bonne", nil, nil},
			{"AB-123456", []string{"Que s'est-il passé avec la commande AB-123456"}, []string{"mauvais article"}},
		}},
		{"fr_address_at_question", []turn{
			{"ma commande", nil, nil},
			{"AB-123456", []string{"Que s'est-il passé"}, nil},
			{"elle a été livrée à pas la bonne adresse", nil, []string{"mauvais article"}},
		}},
		{"en_lost_receipt_earlier", []turn{
			{"I lost my receipt, my order", nil, nil},
			{"AB-123456", []string{"What happened with order AB-123456"}, []string{"never arrived"}},
		}},
		{"fr_lost_receipt_earlier", []turn{
			{"j'ai perdu mon ticket, c'est pour ma commande", nil, nil},
			{"AB-123456", []string{"Que s'est-il passé avec la commande AB-123456"}, []string{"jamais arrivée"}},
		}},
		// Their own phrasings still answer.
		{"en_wrong_size", []turn{
			{"my order", nil, nil},
			{"AB-123456", nil, nil},
			{"they sent the wrong size", []string{"wrong item"}, nil},
		}},
		{"en_parcel_lost", []turn{
			{"my order", nil, nil},
			{"AB-123456", nil, nil},
			{"the parcel got lost", []string{"never arrived"}, nil},
		}},
		{"en_lost_earlier", []turn{
			{"my parcel was lost in the post", nil, nil},
			{"AB-123456", []string{"You said it never arrived"}, nil},
		}},
		{"fr_colis_perdu", []turn{
			{"ma commande", nil, nil},
			{"AB-123456", nil, nil},
			{"le colis est perdu", []string{"jamais arrivée"}, nil},
		}},
		{"fr_pas_le_bon_article", []turn{
			{"ma commande", nil, nil},
			{"AB-123456", nil, nil},
			{"ce n'est pas le bon article", []string{"mauvais article"}, nil},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			a := bot.Address{Platform: "test", Chat: tt.name, User: "u"}
			for i, tu := range tt.turns {
				all := texts(say(t, e, a, tt.name+string(rune('a'+i)), tu.text))
				for _, w := range tu.want {
					if !strings.Contains(all, w) {
						t.Fatalf("turn %d %q: want %q, got:\n%s", i+1, tu.text, w, all)
					}
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
