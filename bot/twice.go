package bot

import (
	"strings"
	"unicode"

	"github.com/carebot/carebot/bot/flow"
)

// saidTwice answers, at the question st, the same message as the
// person's one before (a double tap, a resend on a slow network) when it
// does not answer st: it was heard already (already_said), and st is
// asked again, with no miss. Before, "my parcel hasnt arrived" sent twice
// got "That doesn't look quite like an order number", and "AB-123456"
// twice "Sorry, I didn't catch which one you meant", each a miss. A
// message of a word or two ("yes", "hello?") is often said again on
// purpose, and is read as before; so is one that answers st.
func (t *turn) saidTwice(st *flow.Step) bool {
	if _, ok := t.e.flows.Common.Messages[flow.MsgAlreadySaid]; !ok || !t.sameAsBefore() {
		return false
	}
	if len(t.words()) < 3 && !strings.ContainsFunc(t.text, unicode.IsDigit) {
		return false
	}
	if st.Choose != nil && t.matchChoice(st.Choose) != nil || st.Ask != nil && t.answersAsk(st.Ask) {
		return false
	}
	t.say(flow.MsgAlreadySaid)
	t.repeat()
	return true
}

// sameAsBefore reports whether this message (remembered last in
// Session.Recent) says what the person's message before it said.
func (t *turn) sameAsBefore() bool {
	r := t.s.Recent
	n := len(r)
	if n < 2 || r[n-1].From != SpeakerPerson {
		return false
	}
	for i := n - 2; i >= 0; i-- {
		if r[i].From == SpeakerPerson {
			return normalize(r[i].Text) == normalize(r[n-1].Text)
		}
	}
	return false
}
