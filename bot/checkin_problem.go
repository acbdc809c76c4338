package bot

import (
	"slices"
	"strings"

	"github.com/carebot/carebot/bot/flow"
)

// problemAfterBut reports a message that goes on, after a word of
// contrast ("but", "except", « mais », « sauf que », « par contre »), with
// a need of its own: "it came yesterday but the lamp is broken", « oui
// elle est arrivée mais elle est cassée ». Said to a check-in, its good
// news is not the whole answer. What follows the contrast must be read as
// a need, those words alone: "it came, but thanks anyway" is good news
// still.
func (t *turn) problemAfterBut() bool {
	ws := t.words()
	for i, w := range ws {
		if !contrastWords[w] || i+1 == len(ws) {
			continue
		}
		m := t.e.current().model
		if m == nil {
			return false
		}
		an := m.AnalyzeFor(t.e.audience(t.m.From), t.lang, strings.Join(ws[i+1:], " "))
		// A few words are read with little confidence ("the lamp is
		// broken"): any flow but a greeting, a goodbye or nothing known
		// is a need told.
		f := t.e.flows.Flow(an.Flow)
		switch {
		case f != nil && (f.Category == flow.CategoryGreeting || f.Category == flow.CategoryGratitudeClosing):
			return false
		case f != nil && f.Category != flow.CategoryOutOfScope:
			return true
		}
		// Nothing the router knows, but a story of its own ("but my
		// manager still blames me for it"), its words counted as
		// storySaid counts them; thanks ("but thanks anyway for asking")
		// tell none.
		rest := ws[i+1:]
		return storyWords(strings.Join(rest, " ")) >= 3 && !slices.ContainsFunc(rest, func(w string) bool { return thanksWords[w] })
	}
	return false
}

// contrastWords open what goes against what was said before them.
var contrastWords = wordSet(`but except however though although mais sauf cependant pourtant contre`)

// checkInNewProblem answers a check-in whose good news comes with a new
// problem (problemAfterBut): the check-in is answered, and the message is
// read again in the check-in's flow, from its start, with what was known
// (its order number): the problem is heard there, as if told first. Before,
// "Yes, it arrived" was chosen for the person, "I'm glad it arrived", the
// satisfaction question, the broken lamp never spoken of.
func (t *turn) checkInNewProblem() {
	s := t.s
	state := s.FollowUp
	t.care(CareFollowUp, state.Flow, FollowUpEvAnswered)
	t.res.care[len(t.res.care)-1].Detail = "unresolved"
	s.Pending, s.FollowUp = "", nil
	t.knownKept = true
	t.startFlow(state.Flow)
}

// checkInOpenedYesNo answers the check-in at st (its answers as ch) with
// the yes or no that opens the message ("yes finally", « oui enfin »,
// "nope sadly", « oui mais en retard de 2 semaines »), when the whole of
// it is no yes or no: the answer that the yes or no takes, or, for good
// news with a need after a contrast, the flow again (checkInNewProblem).
// Before, such messages were read as new ones: "I'm not sure I
// understood" and the menu, the check-in dropped.
func (t *turn) checkInOpenedYesNo(st *flow.Step, ch *flow.Choose) bool {
	ws := t.words()
	said := neither
	switch {
	case len(ws) == 0 || len(t.text) > 200:
	case factYesWords[ws[0]]:
		said = saysYes
	case opens(ws, t.e.no):
		said = saysNo
	}
	c := t.answerChoice(ch, said)
	if c == nil {
		return false
	}
	if a := st.FollowUp.Answer(c.ID); a != nil && a.Resolved() && t.problemAfterBut() {
		t.checkInNewProblem()
		return true
	}
	t.checkInAnswer(c.ID)
	return true
}
