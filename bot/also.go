package bot

import (
	"slices"
	"strings"

	"github.com/carebot/carebot/bot/flow"
)

// A message may name two needs: "my lamp still hasn't shown up and you
// charged me twice", « j'arrive pas à me connecter et mon colis est pas
// arrivé ». The router hears both (nlu.Analysis.TwoNeeds), and the
// clarifying question asks which comes first. Before, the one not chosen
// was lost: when the payment was noted the bot said "write menu to see
// what I can do", the lamp never spoken of again. The other need now
// waits in Session.Also and starts when the chosen one is done, with the
// also_next message (optional) before it. A person who stops ("cancel",
// "menu"), says goodbye, asks for a person or is in danger is not taken
// to it.

// startNeed starts flow id, chosen at a clarifying question, and keeps
// the other need the question offered, if the message named two.
func (t *turn) startNeed(id string) {
	pair := strings.Fields(t.s.Also)
	t.s.Also = ""
	if len(pair) == 2 && slices.Contains(pair, id) {
		t.s.Also = pair[0]
		if pair[0] == id {
			t.s.Also = pair[1]
		}
	}
	t.startFlow(id)
}

// alsoNext starts the other need once the one chosen first is done: at an
// end step, or when nobody could come for its hand-off. It reports
// whether it did; the waiting need is let go either way.
func (t *turn) alsoNext() bool {
	id := t.s.Also
	t.s.Also = ""
	if id == "" || strings.Contains(id, " ") {
		return false
	}
	if f := t.e.flows.Flow(id); f == nil || len(f.Steps) == 0 {
		return false
	}
	if _, ok := t.e.flows.Common.Messages[flow.MsgAlsoNext]; ok {
		t.say(flow.MsgAlsoNext)
	}
	t.startFlow(id)
	return true
}
