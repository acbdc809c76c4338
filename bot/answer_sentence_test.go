package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// TestOrderNumberInASentence plays the order flow's question for an order
// number answered the way people answer it, in a sentence: the number is
// taken and the flow goes on. Before, "my order number is AB-123456" was
// told "That doesn't look quite like an order number" (every "took" row
// failed). Two different numbers are asked about again, not guessed. A
// reference written with a space ("AB 123456") is taken too (before: told
// it did not look like one, 5 rows failed); a model ("RTX 4090") or "no
// 123456" is not.
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
		{"en_spaced", "/order", "my order is AB 123456", "order AB-123456"},
		{"en_spaced_lower", "/order", "it's ab 123456 I think", "order AB-123456"},
		{"en_spaced_comma", "/order", "order number XY 987654, thanks", "order XY-987654"},
		{"fr_spaced", "/commande", "c'est le AB 123456", "commande AB-123456"},
		{"fr_spaced_numero", "/commande", "numéro ab 123456 merci", "commande AB-123456"},
		{"en_same_twice", "/order", "AB-123456, yes AB 123456", "order AB-123456"},
		{"en_no_is_no_letters", "/order", "order no 123456", ""},
		{"en_card_model", "/order", "it's for my RTX 4090", ""},
		{"en_across_comma", "/order", "it was AB, 123456 was the price", ""},
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

// TestTwoOrderNumbersAskWhich plays a message holding two different order
// numbers, at the question or in the message that starts the order flow:
// the bot names both and asks which one (which_one), where it said "That
// doesn't look quite like an order number" of two that do, sent "AB-123456
// and CD-654321" to the worries flow, or asked for the number as if none
// was given (every row failed before). The answer after it is taken.
func TestTwoOrderNumbersAskWhich(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	tests := []struct {
		name, lang string
		turns      []string
		nums       []string
	}{
		{"en_or", "en", []string{"/order", "it's either AB-123456 or AB-654321"}, []string{"AB-123456", "AB-654321"}},
		{"en_and", "en", []string{"/order", "AB-123456 and CD-654321"}, []string{"AB-123456", "CD-654321"}},
		{"en_spaced", "en", []string{"/order", "AB 111111 / ab-222222"}, []string{"AB-111111", "AB-222222"}},
		{"en_first_message", "en", []string{"my orders AB-123456 and AB-765432 both haven't arrived"}, []string{"AB-123456", "AB-765432"}},
		{"fr_ou", "fr", []string{"/commande", "c'est AB-123456 ou AB-654321"}, []string{"AB-123456", "AB-654321"}},
		{"fr_deux", "fr", []string{"/commande", "j'ai deux commandes : AB-111111 et CD-222222"}, []string{"AB-111111", "CD-222222"}},
		{"fr_first_message", "fr", []string{"mes commandes AB-123456 et AB-765432 ne sont pas arrivées"}, []string{"AB-123456", "AB-765432"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			rs := play(t, e, tt.name, tt.turns)
			last := texts(rs[len(rs)-1:])
			which := set.Common.Messages[flow.MsgWhichOne].In(tt.lang, "en")
			head, _, _ := strings.Cut(which, "{{")
			if !strings.Contains(last, head) {
				t.Errorf("not asked which one (want %q):\n%s", head, texts(rs))
			}
			for _, n := range tt.nums {
				if !strings.Contains(last, n) {
					t.Errorf("%s not named back:\n%s", n, last)
				}
			}
			if invalid := set.Flow("order_problem").Step("ask_order").Ask.Invalid.In(tt.lang, "en"); strings.Contains(last, invalid) {
				t.Errorf("told the numbers do not look like one:\n%s", last)
			}
			next := texts(say(t, e, bot.Address{Platform: "test", Chat: tt.name, User: "u"}, tt.name+"-answer", tt.nums[1]))
			if took := map[string]string{"en": "order ", "fr": "commande "}[tt.lang] + tt.nums[1]; !strings.Contains(next, took) {
				t.Errorf("the answer after it was not taken (want %q):\n%s", took, next)
			}
		})
	}
}
