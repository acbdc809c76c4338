package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// TestTypedCrisisPreempts: danger to life typed as people type it in a
// chat, with no crisis word the old lexicon knew ("my flatmate says shell
// jump off the roof", "he put his hands round my throat", « il m'a
// traînée par les cheveux »), pre-empts the flow the person is in: the
// safety message, then the alert with the urgent hand-off (bot/nlu
// TestCrisisAsTyped).
func TestTypedCrisisPreempts(t *testing.T) {
	t.Parallel()
	midFlowCrisis(t, "crisis13-", []midFlowCase{
		{"other_en", "en", "my parcel is late", "sorry to bother, my flatmate says shell jump off the roof", true},
		{"violence_en", "en", "my parcel is late", "he put his hands round my throat and hes still here", true},
		{"medical_en", "en", "i was charged twice", "i can barely breathe and im dizzy", true},
		{"violence_fr", "fr", "mon colis est en retard", "il m'a traînée par les cheveux", true},
	})
}

// midFlowCase is a conversation for midFlowCrisis: start starts a flow,
// then text is said in the middle of it.
type midFlowCase struct {
	name, lang, start, text string
	crisis                  bool
}

// midFlowCrisis runs each case in a conversation of its own (user
// prefix+name, a desk staffed) and checks that text, in the middle of the
// flow start began, gets exactly the safety message then the alert with
// the urgent hand-off when crisis is set, and neither otherwise.
func midFlowCrisis(t *testing.T, prefix string, tests []midFlowCase) {
	t.Helper()
	alert := bottest.MustFlows(t).Common.Messages[flow.MsgCrisisAlert].ByLang
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			a := bot.Address{Platform: "test", Chat: "c", User: prefix + tt.name}
			if got := say(t, e, a, "1", tt.start); len(got) == 0 || strings.Contains(texts(got), "112") {
				t.Fatalf("%q: %q; want a flow, not the safety message", tt.start, texts(got))
			}
			got := say(t, e, a, "2", tt.text)
			if !tt.crisis {
				if strings.Contains(texts(got), "112") || strings.Contains(texts(got), alert[tt.lang]) {
					t.Errorf("%q got %q; want no safety message", tt.text, texts(got))
				}
				return
			}
			if len(got) != 2 || !got[0].Verbatim || !strings.Contains(got[0].Text, "112") ||
				got[1].Text != alert[tt.lang] || got[1].Handoff == nil || got[1].Handoff.Priority != bot.PriorityUrgent {
				t.Errorf("in the middle of a flow, %q got %q; want the safety message, then the alert with the urgent hand-off", tt.text, texts(got))
			}
		})
	}
}

// TestWhoIsNoAlarm: a customer who says, in the middle of the order flow,
// that she is pregnant and needs her parcel gets priority and a word of
// thanks, never the safety message meant for danger to life (before,
// the learned crisis signal read "pregnant" as an emergency: bot/nlu
// TestWhoIsNotADanger). The same customer saying the baby has stopped
// moving gets it at once.
func TestWhoIsNoAlarm(t *testing.T) {
	t.Parallel()
	fl := bottest.MustFlows(t)
	ack := fl.Common.Messages[flow.MsgAckVulnerable].ByLang
	alert := fl.Common.Messages[flow.MsgCrisisAlert].ByLang
	tests := []struct{ lang, start, number, said, danger string }{
		{"en", "my order hasn't come", "AB-123456", "it's been 3 weeks, I'm pregnant and I really need it",
			"I'm 30 weeks and I can't feel the baby moving since this morning"},
		{"fr", "ma commande n'est pas arrivée", "AB-123456", "je suis enceinte et j'en ai vraiment besoin",
			"je sens plus le bébé bouger depuis ce matin"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			a := bot.Address{Platform: "test", Chat: "c", User: "who-" + tt.lang}
			say(t, e, a, "1", tt.start)
			say(t, e, a, "2", tt.number)
			got := say(t, e, a, "3", tt.said)
			if strings.Contains(texts(got), "112") {
				t.Fatalf("%q: %q; want no safety message", tt.said, texts(got))
			}
			if len(got) == 0 || got[0].Text != ack[tt.lang] {
				t.Errorf("%q: %q; want the thanks for saying it (%q) first", tt.said, texts(got), ack[tt.lang])
			}
			got = say(t, e, a, "4", tt.danger)
			if len(got) != 2 || !strings.Contains(got[0].Text, "112") || got[1].Text != alert[tt.lang] ||
				got[1].Handoff == nil || got[1].Handoff.Priority != bot.PriorityUrgent {
				t.Errorf("%q: %q; want the safety message, then the alert with the urgent hand-off", tt.danger, texts(got))
			}
		})
	}
}

// TestNeedBeforeFrustration: a customer who shouts that this is the third
// time they write and asks where their parcel is hears their anger named
// once, then the order flow; before, the whole message went to the flow
// for worries and complaints, which never asked for the order (bot/nlu
// TestNeedBeforeFrustration).
func TestNeedBeforeFrustration(t *testing.T) {
	t.Parallel()
	fl := bottest.MustFlows(t)
	anger := fl.Common.Messages[flow.MsgAckAnger].ByLang
	open := fl.Flow("order_problem").Steps[0].Say[0].ByLang
	tests := []struct{ lang, text string }{
		{"en", "THIS IS THE THIRD TIME I WRITE, WHERE IS MY PARCEL"},
		{"fr", "C'EST LA TROISIÈME FOIS QUE J'ÉCRIS, OÙ EST MON COLIS"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			a := bot.Address{Platform: "test", Chat: "c", User: "need-" + tt.lang}
			got := say(t, e, a, "1", tt.text)
			if len(got) < 2 || got[0].Text != anger[tt.lang] || got[1].Text != open[tt.lang] {
				t.Errorf("%q: %q; want the anger named (%q), then the order flow (%q)", tt.text, texts(got), anger[tt.lang], open[tt.lang])
			}
		})
	}
}
