package bot_test

import (
	"slices"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// TestGriefWithAnErrandHeard plays a first message through the engine
// (feel17): a loss told with a practical request, in words the detector
// missed before (a burial, "dad passed" without "my", widowhood, a pet put
// to sleep, « on enterre maman », « nous a quittés »), is named as a loss
// first and once, then the help follows; a loss that is someone else's,
// or a thing's topic ("a book about grief", « une collègue en deuil »), is
// acknowledged not at all. Where the request routes is route17's; here
// only that the loss is heard. All 10 cases failed before.
func TestGriefWithAnErrandHeard(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	ack := func(key, lang string) string { return set.Common.Messages[key].In(lang, "en") }
	keys := []string{flow.MsgAckAnger, flow.MsgAckAnxiety, flow.MsgAckDistress, flow.MsgAckLonely, flow.MsgAckGrief}
	tests := []struct {
		name, lang, text string
		ack              string // the acknowledgment said first, or "" for none
	}{
		{"en_buried", "en", "we buried my grandmother on monday and I need her broadband stopped", flow.MsgAckGrief},
		{"en_passed", "en", "dad passed last week, can you take his name off the bill", flow.MsgAckGrief},
		{"en_widowed", "en", "I'm newly widowed and need to put the contract in my name", flow.MsgAckGrief},
		{"en_pet", "en", "our dog was put to sleep yesterday, please stop the treats box", flow.MsgAckGrief},
		{"fr_enterre", "fr", "on enterre maman jeudi et je dois arrêter son abonnement téléphone", flow.MsgAckGrief},
		{"fr_quittes", "fr", "mon grand-père nous a quittés, comment transférer son contrat à ma grand-mère", flow.MsgAckGrief},
		{"en_book", "en", "do you have the audiobook about grief by that poet, in english", ""},
		{"en_colleague", "en", "sending a sympathy card to a coworker whose father died, can it arrive friday", ""},
		{"fr_livre", "fr", "vous avez un livre sur le deuil pour enfants ?", ""},
		{"fr_collegue", "fr", "je voudrais des fleurs pour une collègue en deuil, livraison mardi possible ?", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			a := bot.Address{Platform: "test", Chat: tt.name, User: "u"}
			say(t, e, a, "start", "/start")
			rs := say(t, e, a, "1", tt.text)
			var said []string
			for _, r := range rs {
				for _, k := range keys {
					if r.Text == ack(k, tt.lang) {
						said = append(said, k)
					}
				}
			}
			switch {
			case tt.ack == "" && len(said) > 0:
				t.Errorf("%q: acknowledged %q, want none:\n%s", tt.text, said, texts(rs))
			case tt.ack != "" && (!slices.Equal(said, []string{tt.ack}) || rs[0].Text != ack(tt.ack, tt.lang)):
				t.Errorf("%q: want %s first and once, got %q:\n%s", tt.text, tt.ack, said, texts(rs))
			case len(rs) < 1 || (tt.ack != "" && len(rs) < 2):
				t.Errorf("%q: no help after the acknowledgment:\n%s", tt.text, texts(rs))
			}
		})
	}
}
