package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// TestFeelingAtButtonsAnswered20: a feeling said at a question with
// buttons, after a loss was named the turn before ("I don't know, I just
// feel numb", « je sais pas, je me sens vide »), may not be named again
// (never two acknowledgments in a row, each feeling once), but it is not
// met with the bare question either, as if unread: "Take your time: I'm
// here whenever you're ready.", then the question and its buttons again,
// and no "sorry, I didn't catch which one you meant".
func TestFeelingAtButtonsAnswered20(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	msg := func(key, lang string) string { return set.Common.Messages[key].In(lang, "en") }
	tests := []struct {
		name, lang, loss, feeling string
	}{
		{"en_numb", "en", "my husband died last month and I need to close his account", "I don't know, I just feel numb"},
		{"en_nothing", "en", "my husband died last month and I need to close his account", "I feel nothing anymore"},
		{"fr_vide", "fr", "mon mari est décédé le mois dernier, je voudrais une annulation ou un remboursement", "je sais pas, je me sens vide"},
		{"fr_rien", "fr", "mon mari est décédé le mois dernier, je voudrais une annulation ou un remboursement", "je ne ressens plus rien"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			a := bot.Address{Platform: "test", Chat: tt.name, User: "u"}
			say(t, e, a, "start", "/start")
			first := say(t, e, a, "1", tt.loss)
			if len(first) == 0 || first[0].Text != msg(flow.MsgAckGrief, tt.lang) || len(first[len(first)-1].Choices) == 0 {
				t.Fatalf("%q: want the loss named, then a question with buttons:\n%s", tt.loss, texts(first))
			}
			question := first[len(first)-1].Text
			rs := say(t, e, a, "2", tt.feeling)
			if len(rs) < 2 || rs[0].Text != msg(flow.MsgTakeYourTime, tt.lang) {
				t.Errorf("%q at %q: want %q first:\n%s", tt.feeling, question, msg(flow.MsgTakeYourTime, tt.lang), texts(rs))
			}
			if len(rs) == 0 || rs[len(rs)-1].Text != question || len(rs[len(rs)-1].Choices) == 0 {
				t.Errorf("%q: want the question and its buttons again:\n%s", tt.feeling, texts(rs))
			}
			for _, r := range rs {
				if r.Text == msg(flow.MsgAckGrief, tt.lang) || r.Text == msg(flow.MsgPickOne, tt.lang) || strings.Contains(r.Text, "didn't catch") {
					t.Errorf("%q: %q said:\n%s", tt.feeling, r.Text, texts(rs))
				}
			}
		})
	}
}
