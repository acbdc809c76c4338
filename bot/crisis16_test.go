package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// TestPastToldWhileAsking: a whole conversation per language. A customer
// names a past crisis as the reason for their request (an overdose last
// year, « ma TS il y a deux ans ») and gets the order flow, not the safety
// message; later in the same conversation, a goodbye said now inside a
// request (the refund for a sister "after I'm gone") gets the safety
// message, then the alert with the urgent hand-off (bot/nlu
// TestCrisisPastEvent, TestCrisisInARequest). Before crisis16 the English
// past got the safety message and the French goodbye the refund flow.
func TestPastToldWhileAsking(t *testing.T) {
	t.Parallel()
	fl := bottest.MustFlows(t)
	alert := fl.Common.Messages[flow.MsgCrisisAlert].ByLang
	open := fl.Flow("order_problem").Steps[0].Say[0].ByLang
	tests := []struct{ lang, past, number, goodbye string }{
		{"en",
			"after my overdose last year i moved in with my sister and my order never arrived at the new address",
			"AB-123456",
			"can you send the refund to my sister's account, she'll need it after i'm gone. i've made my peace with it"},
		{"fr",
			"quand j'ai fait ma TS il y a deux ans j'ai changé d'adresse, ça va mieux maintenant, mais ma commande est jamais arrivée",
			"AB-123456",
			"vous pouvez virer le remboursement sur le compte de ma sœur, quand il arrivera je serai déjà partie pour de bon"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			a := bot.Address{Platform: "test", Chat: "c", User: "crisis16-" + tt.lang}
			got := say(t, e, a, "1", tt.past)
			if strings.Contains(texts(got), "112") || strings.Contains(texts(got), alert[tt.lang]) {
				t.Fatalf("%q: %q; want no safety message", tt.past, texts(got))
			}
			if !strings.Contains(texts(got), open[tt.lang]) {
				t.Errorf("%q: %q; want the order flow (%q)", tt.past, texts(got), open[tt.lang])
			}
			if got := say(t, e, a, "2", tt.number); strings.Contains(texts(got), "112") {
				t.Fatalf("%q: %q; want no safety message", tt.number, texts(got))
			}
			got = say(t, e, a, "3", tt.goodbye)
			if len(got) != 2 || !got[0].Verbatim || !strings.Contains(got[0].Text, "112") ||
				got[1].Text != alert[tt.lang] || got[1].Handoff == nil || got[1].Handoff.Priority != bot.PriorityUrgent {
				t.Errorf("%q: %q; want the safety message, then the alert with the urgent hand-off", tt.goodbye, texts(got))
			}
		})
	}
}
