package bot_test

import (
	"slices"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// TestPoliteFearGetsTheHelp plays whole conversations through the engine,
// its real detector and the built-in flows (feel16): a request opened
// with a polite "I'm afraid…" (« j'ai peur d'avoir… ») gets the help and
// no acknowledgment of a feeling, while a real fear said the same way
// ("I'm afraid I'll lose my flat…", « j'ai peur qu'ils me coupent… »)
// gets the anxiety acknowledgment first, then the help. Before feel16 the
// polite requests were told "That sounds really stressful" first.
func TestPoliteFearGetsTheHelp(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	ack := func(key, lang string) string { return set.Common.Messages[key].In(lang, "en") }
	keys := []string{flow.MsgAckAnger, flow.MsgAckAnxiety, flow.MsgAckDistress, flow.MsgAckLonely, flow.MsgAckGrief}
	tests := []struct {
		name, lang, text string
		ack              string // the acknowledgment said first, or "" for none
	}{
		{"en_polite", "en", "I'm afraid my order came in the wrong size", ""},
		{"en_fear", "en", "I'm afraid I'll lose my flat if this payment bounces again", flow.MsgAckAnxiety},
		{"fr_polite", "fr", "j'ai peur d'avoir mis la mauvaise adresse sur ma commande", ""},
		{"fr_fear", "fr", "j'ai peur qu'ils me coupent l'électricité si le paiement passe pas", flow.MsgAckAnxiety},
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
