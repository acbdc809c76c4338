package bot

import "github.com/carebot/carebot/bot/flow"

// lookedForTheTeam answers, at the satisfaction question asked because
// the person from the team ended the conversation, a message that looks
// for them ("hello? where did you go", « allô ? vous êtes où ? »): the
// team has finished (the closing line again), a person is offered when
// one can come, and how we did is asked again. Before, the router read a
// greeting, and the person who had just been talking to someone heard
// "Hello, and welcome! I'm carebot…" and the menu, as if new. A new
// matter said with it ("hi, my parcel still hasn't come") is read as
// usual.
func (t *turn) lookedForTheTeam() bool {
	ws := t.words()
	if len(ws) > 10 || phraseAt(ws, lookingForSomeone) < 0 || t.newMatter() {
		return false
	}
	closed, ok := t.closedJustNow()
	if !ok {
		return false
	}
	t.text2(closed, 0)
	t.offerPersonAfterLowScore()
	t.s.Pending = PendingSatisfaction
	t.repeat()
	return true
}

// closedJustNow returns the closing line of a hand-off said since the
// person last wrote (handoff_closed, or the flow's own closed: text),
// and whether there is one.
func (t *turn) closedJustNow() (flow.Text, bool) {
	from := len(t.s.Recent)
	for from > 0 && t.s.Recent[from-1].From != SpeakerPerson {
		from--
	}
	if from > 0 && t.s.Recent[from-1].Text == clip(t.text) {
		// This very message, remembered already: look before it.
		from--
		for from > 0 && t.s.Recent[from-1].From != SpeakerPerson {
			from--
		}
	}
	texts := []flow.Text{t.e.flows.Common.Messages[flow.MsgHandoffClosed]}
	for _, f := range t.e.flows.Flows {
		for _, st := range f.Steps {
			if st.Handoff != nil && !st.Handoff.Closed.IsZero() {
				texts = append(texts, st.Handoff.Closed)
			}
		}
	}
	for _, txt := range texts {
		if !txt.IsZero() && t.saidSince(txt, from) {
			return txt, true
		}
	}
	return flow.Text{}, false
}

// lookingForSomeone are the words of one who looks for the person who
// was talking to them, in folded words.
var lookingForSomeone = []string{
	"where did you go", "where did they go", "where did he go", "where did she go", "where are you", "where d you go",
	"are you there", "you still there", "anyone there", "anybody there", "come back", "hello", "hellooo", "helloo", "hi",
	"vous etes ou", "ou etes vous", "t es ou", "ou est il", "ou est elle", "ou est passe", "vous etes la", "tu es la",
	"y a quelqu un", "il y a quelqu un", "revenez", "allo", "bonjour", "coucou",
}
