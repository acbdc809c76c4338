package bot

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/nlu"
)

// TestAckNextFeeling: a feeling acknowledged once does not silence
// another one said with it later. A widower's loss is named at his first
// message; when he later writes that he is furious to see his late wife
// billed again, the loss is in that message too, and the anger was never
// named (ack_grief, first, was found said and nothing else tried). A
// feeling already named, said again, gets nothing, and grief or
// loneliness named already is not named again as general distress.
func TestAckNextFeeling(t *testing.T) {
	t.Parallel()
	e := mustTableEngine(t, os.DirFS("../flows"), nil)
	now := time.Unix(1_700_000_000, 0)
	msg := func(key string) string { return e.flows.Common.Messages[key].In("en", "en") }
	tests := []struct {
		name string
		acks Acks
		sig  nlu.Signals
		want string // the acknowledgment said, "" for none
	}{
		{"grief_then_anger", AckGrief, nlu.Signals{Grief: true, Anger: true, Distress: true}, flow.MsgAckAnger},
		{"anger_then_anxiety", AckAnger, nlu.Signals{Anger: true, Anxiety: true}, flow.MsgAckAnxiety},
		{"lonely_then_anger", AckLonely, nlu.Signals{Lonely: true, Anger: true, Distress: true}, flow.MsgAckAnger},
		{"grief_again", AckGrief, nlu.Signals{Grief: true, Distress: true}, ""},
		{"lonely_again", AckLonely, nlu.Signals{Lonely: true, Distress: true}, ""},
		{"all_said", AckGrief | AckAnger, nlu.Signals{Grief: true, Anger: true, Distress: true}, ""},
		{"anger_again", AckAnger, nlu.Signals{Anger: true, Distress: true}, ""},
		{"distress_after_anger", AckAnger, nlu.Signals{Distress: true}, flow.MsgAckDistress},
	}
	keys := []string{flow.MsgAckDistress, flow.MsgAckAnger, flow.MsgAckAnxiety, flow.MsgAckLonely, flow.MsgAckGrief}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := &Session{Acks: tt.acks, Updated: now.Add(-time.Minute)}
			an := nlu.Analysis{Lang: "en", Flow: "billing_problem", Confidence: 0.9, Signals: tt.sig}
			r := e.advance(s, Message{Text: "some words"}, "some words", an, now, false, nil)
			var all []string
			for _, rep := range r.replies {
				all = append(all, rep.Text)
			}
			whole := strings.Join(all, "\n")
			for _, k := range keys {
				said := strings.Contains(whole, msg(k))
				if k == tt.want && !said {
					t.Errorf("%s not said:\n%s", k, whole)
				}
				if k != tt.want && said {
					t.Errorf("%s said, want %q:\n%s", k, tt.want, whole)
				}
			}
		})
	}
}
