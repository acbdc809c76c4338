package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// TestSurveyDeclined plays the goodbye flow to its end (it thanks the
// person and asks how we did), then
// answers the satisfaction question every way people do. A no ("no",
// "no thanks", "skip", « non merci ») is let go kindly, once; before, "no"
// and "skip" got "I'm not sure I understood" and the menu. A thank-you goes
// to the goodbye flow without the question asked a second time (before:
// "Before you go: …" twice in a row). A score is thanked, and a new request
// is served.
func TestSurveyDeclined(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	msg := func(key, lang string) string { return set.Common.Messages[key].In(lang, "en") }
	tests := []struct {
		name, lang, start, answer string
		want                      string // a message key said after the question, "" for none
		not                       []string
	}{
		{"en_no", "en", "/bye", "no", flow.MsgSatisfactionDeclined, []string{flow.MsgSatisfaction}},
		{"en_no_thanks", "en", "/bye", "No thanks!", flow.MsgSatisfactionDeclined, []string{flow.MsgSatisfaction}},
		{"en_skip", "en", "/bye", "skip", flow.MsgSatisfactionDeclined, []string{flow.MsgSatisfaction}},
		{"en_not_now", "en", "/bye", "not now", flow.MsgSatisfactionDeclined, []string{flow.MsgSatisfaction}},
		{"fr_non_merci", "fr", "au revoir", "non merci", flow.MsgSatisfactionDeclined, []string{flow.MsgSatisfaction}},
		{"fr_pas_maintenant", "fr", "au revoir", "pas maintenant", flow.MsgSatisfactionDeclined, []string{flow.MsgSatisfaction}},
		{"en_thanks_once", "en", "/bye", "great thanks", "", []string{flow.MsgSatisfaction, flow.MsgSatisfactionDeclined}},
		{"fr_merci_once", "fr", "au revoir", "super merci beaucoup", "", []string{flow.MsgSatisfaction, flow.MsgSatisfactionDeclined}},
		{"en_score", "en", "/bye", "4", flow.MsgThanks, []string{flow.MsgSatisfactionDeclined}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			a := bot.Address{Platform: "test", Chat: tt.name, User: "u"}
			asked := texts(say(t, e, a, "m2", tt.start))
			if q := msg(flow.MsgSatisfaction, tt.lang); !strings.Contains(asked, q) {
				t.Fatalf("the flow did not end with the satisfaction question %q:\n%s", q, asked)
			}
			got := texts(say(t, e, a, "m3", tt.answer))
			if tt.want != "" && !strings.Contains(got, msg(tt.want, tt.lang)) {
				t.Errorf("%q after the question: want %s (%q), got:\n%s", tt.answer, tt.want, msg(tt.want, tt.lang), got)
			}
			for _, k := range append(tt.not, flow.MsgClarify) {
				if m := msg(k, tt.lang); m != "" && strings.Contains(got, m) {
					t.Errorf("%q after the question: said %s (%q):\n%s", tt.answer, k, m, got)
				}
			}
			if fallback := set.Flow(set.Common.FallbackFlow).Steps[0].Say; len(fallback) > 0 {
				if m := fallback[0].In(tt.lang, "en"); strings.Contains(got, m) {
					t.Errorf("%q after the question reached the fallback:\n%s", tt.answer, got)
				}
			}
		})
	}

	t.Run("a_request_is_served", func(t *testing.T) {
		t.Parallel()
		e := newEngine(t, memstore.New(memstore.Config{}), nil)
		a := bot.Address{Platform: "test", Chat: "request", User: "u"}
		say(t, e, a, "m1", "/order")
		say(t, e, a, "m2", "I don't have it")
		got := texts(say(t, e, a, "m3", "where is my refund"))
		ask := set.Flow("cancel_refund").Steps[0].Say
		if strings.Contains(got, msg(flow.MsgSatisfactionDeclined, "en")) || len(ask) == 0 || !strings.Contains(got, ask[0].In("en", "en")) {
			t.Errorf("a request after the question was not served by its flow:\n%s", got)
		}
	})
}
