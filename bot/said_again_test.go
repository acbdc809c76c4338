package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// TestSaidAgainAtAQuestion: "I already told you that" at the order
// number's question is heard (the anger named, once) and the question
// comes again, in English and French; before, the person was told "That
// doesn't look quite like an order number". The next answer is taken.
func TestSaidAgainAtAQuestion(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	ask := set.Flow("order_problem").Step("ask_order").Ask
	tests := []struct{ name, lang, start, again, took string }{
		{"en", "en", "/order", "I already told you that", "order AB-123456"},
		{"fr", "fr", "/commande", "je vous l'ai déjà dit", "commande AB-123456"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			got := texts(play(t, e, tt.name, []string{tt.start, tt.again}))
			if !strings.Contains(got, set.Common.Messages[flow.MsgAckAnger].In(tt.lang, "en")) || !strings.Contains(got, ask.Text.In(tt.lang, "en")) {
				t.Errorf("want the anger named and the question again:\n%s", got)
			}
			if strings.Contains(got, ask.Invalid.In(tt.lang, "en")) {
				t.Errorf("told the answer does not fit:\n%s", got)
			}
			a := bot.Address{Platform: "test", Chat: tt.name, User: "u"} // play's conversation
			if got := texts(say(t, e, a, "next", "AB-123456")); !strings.Contains(got, tt.took) {
				t.Errorf("the number after it was not taken:\n%s", got)
			}
		})
	}
}
