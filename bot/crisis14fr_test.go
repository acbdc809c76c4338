package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// TestFrenchStrangersCrisisPreempts: French crisis constructions of
// strangers (crisis14fr's families: self-harm in two chat words, the end
// of oneself said as the end of a problem) in the middle of a flow get the
// safety message, then the alert with the urgent hand-off; the hyperbole
// that raised a false alarm before (« c'est à se pendre ») gets no safety
// message.
func TestFrenchStrangersCrisisPreempts(t *testing.T) {
	t.Parallel()
	alert := bottest.MustFlows(t).Common.Messages[flow.MsgCrisisAlert].ByLang
	tests := []struct {
		name, start, text string
		crisis            bool
	}{
		{"selfharm", "mon colis est en retard", "jme coupe là, j'arrive pas à arrêter", true},
		{"veiled", "ma facture est fausse", "bientôt je poserai plus de problème à personne, promis", true},
		{"hyperbole", "ma facture est fausse", "c'est à se pendre votre service client", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			a := bot.Address{Platform: "test", Chat: "c", User: "crisis14fr-" + tt.name}
			if got := say(t, e, a, "1", tt.start); len(got) == 0 || strings.Contains(texts(got), "112") {
				t.Fatalf("%q: %q; want a flow, not the safety message", tt.start, texts(got))
			}
			got := say(t, e, a, "2", tt.text)
			safety := len(got) > 0 && got[0].Verbatim && strings.Contains(got[0].Text, "112")
			if !tt.crisis {
				if safety || strings.Contains(texts(got), alert["fr"]) {
					t.Errorf("%q got %q; want no safety message", tt.text, texts(got))
				}
				return
			}
			if len(got) != 2 || !safety || got[1].Text != alert["fr"] ||
				got[1].Handoff == nil || got[1].Handoff.Priority != bot.PriorityUrgent {
				t.Errorf("in the middle of a flow, %q got %q; want the safety message, then the alert with the urgent hand-off", tt.text, texts(got))
			}
		})
	}
}
