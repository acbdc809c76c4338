package flow

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// FollowUp is a check-in some time after a flow ended ("Did your order
// arrive?"). Nothing is scheduled unless the person agrees to Consent; a
// vulnerable person is offered CallBack instead, when the operator has a
// call-back queue and the flow gives its words.
//
// In YAML it sits on any step (follow_up: beside say, choose…) or in an
// end step:
//
//	end:
//	  text: {en: "…", fr: "…"}
//	  follow_up:
//	    after: 3d                    # a duration: 90m, 24h, 3d
//	    consent:
//	      text: {en: "May I message you in three days to make sure it arrived?", fr: "…"}
//	      yes: {en: "Yes, please", fr: "…"}
//	      no: {en: "No, thanks", fr: "…"}
//	      agreed: {en: "I'll check in then.", fr: "…"}
//	      declined: {en: "Of course.", fr: "…"}
//	    call_back: …                 # optional, the same keys as consent
//	    check_in: {en: "Hello again: did order {{order}} arrive?", fr: "…"}
//	    answers:
//	      - id: arrived
//	        label: {en: "Yes, it arrived", fr: "…"}
//	        text: {en: "I'm glad!", fr: "…"}
//	        satisfaction: true
//	      - id: still_not
//	        label: {en: "Still not", fr: "…"}
//	        flow: order_problem      # back into a flow with what was known
//	        step: send
//	      - id: person
//	        label: {en: "I'd like a person", fr: "…"}
//	        handoff: {queue: delivery, priority: high, text: {…}}
type FollowUp struct {
	Pos      Pos
	After    time.Duration
	Consent  Consent
	CallBack *Consent
	CheckIn  Text
	Answers  []*FollowUpAnswer
}

// NeedsPerson reports whether an answer to the check-in may hand the
// conversation to a person: such a check-in is never sent on a closed day.
func (f *FollowUp) NeedsPerson() bool {
	for _, a := range f.Answers {
		if a.Handoff != nil {
			return true
		}
	}
	return false
}

// Answer returns the answer with that id, or nil.
func (f *FollowUp) Answer(id string) *FollowUpAnswer {
	for _, a := range f.Answers {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// Consent is a yes-or-no question asked before anything is promised.
type Consent struct {
	Text     Text // the question
	Yes, No  Text // the two buttons
	Agreed   Text // said after yes
	Declined Text // said after no
}

// FollowUpAnswer is one button of a check-in. It says Text first, then
// asks for satisfaction, goes back into Flow (at Step, with the slots known
// when the check-in was agreed) or hands the conversation to a person; an
// answer with only Text ends there.
type FollowUpAnswer struct {
	Pos          Pos
	ID           string
	Label        Text
	Text         Text
	Satisfaction bool
	Flow         string
	Step         string
	Handoff      *Handoff
	// Synonyms are, per language, words a person may write for this answer
	// rather than the label ("much better", « toujours pas top »), as a
	// choice's (Choice.Synonyms): a check-in is as often answered in words.
	Synonyms map[string][]string
}

// Resolved reports whether the answer says the problem went away (for the
// follow-up outcome metric): it neither reopens a flow nor asks for a person.
func (a *FollowUpAnswer) Resolved() bool { return a.Flow == "" && a.Handoff == nil }

var (
	followUpKeys = []string{"after", "consent", "call_back", "check_in", "answers"}
	consentKeys  = []string{"text", "yes", "no", "agreed", "declined"}
	answerKeys   = []string{"id", "label", "text", "satisfaction", "flow", "step", "handoff", "synonyms"}
)

// Bounds of FollowUp.After: a minute lets a newcomer see a check-in in
// `carebot chat`; past a month nobody remembers what it is about.
const (
	minFollowUpAfter = time.Minute
	maxFollowUpAfter = 30 * 24 * time.Hour
)

// stepInFlowRef is a place that names a step of another flow.
type stepInFlowRef struct {
	pos        Pos
	where      string
	flow, step string
}

func (l *loader) followUp(pf *parsedFlow, n *yaml.Node, where string) *FollowUp {
	f := &FollowUp{Pos: l.pos(n)}
	m, ok := l.mapping(n, where, "follow_up", followUpKeys)
	if !ok {
		return f
	}
	if a := l.need(m, n, where, "after", " in follow_up: how long after the end to check in, like  after: 24h"); a != nil {
		f.After = l.after(a, where)
	}
	if c := l.need(m, n, where, "consent", " in follow_up: nothing is scheduled without asking first"); c != nil {
		f.Consent = l.consent(c, where, "consent")
	}
	if c := m.val("call_back"); c != nil {
		cb := l.consent(c, where, "call_back")
		f.CallBack = &cb
	}
	if t := l.need(m, n, where, "check_in", " in follow_up: the question sent when it is time"); t != nil {
		f.CheckIn = l.text(t, where, "check_in text")
	}
	if an := l.need(m, n, where, "answers", " in follow_up: the buttons of the check-in"); an != nil {
		l.synonyms = map[string]string{} // a phrase names one answer of the check-in
		f.Answers = buttons(l, pf, an, where, "answers", "follow_up has no answers: add at least one button", l.answer)
		l.synonyms = nil
	}
	return f
}

// after parses a duration that may count days ("3d").
func (l *loader) after(n *yaml.Node, where string) time.Duration {
	s, ok := l.str(n, where, "after")
	if !ok {
		return 0
	}
	d, err := parseAfter(s)
	switch {
	case err != nil:
		l.errf(n, where, "after %q is not a duration: write it like 90m, 24h or 3d", s)
	case d < minFollowUpAfter:
		l.errf(n, where, "after %q is too short: at least 1m", s)
	case d > maxFollowUpAfter:
		l.errf(n, where, "after %q is too long: at most 30d", s)
	default:
		return d
	}
	return 0
}

// parseAfter reads a time.Duration, or a whole number of days ("3d").
func parseAfter(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n <= 0 {
			return 0, fmt.Errorf("bad days %q", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	return time.ParseDuration(s)
}

func (l *loader) consent(n *yaml.Node, where, what string) Consent {
	var c Consent
	m, ok := l.mapping(n, where, what, consentKeys)
	if !ok {
		return c
	}
	for _, k := range []struct {
		key string
		t   *Text
		why string
	}{
		{"text", &c.Text, "the question"},
		{"yes", &c.Yes, "the button that agrees"},
		{"no", &c.No, "the button that declines"},
		{"agreed", &c.Agreed, "what is said after yes"},
		{"declined", &c.Declined, "what is said after no"},
	} {
		if v := l.need(m, n, where, k.key, " in "+what+": "+k.why); v != nil {
			*k.t = l.text(v, where, what+" "+k.key)
		}
	}
	return c
}

func (l *loader) answer(pf *parsedFlow, n *yaml.Node, stepWhere string, index int, ids map[string]*yaml.Node) *FollowUpAnswer {
	where := fmt.Sprintf("%s, follow_up answer %d", stepWhere, index)
	a := &FollowUpAnswer{Pos: l.pos(n)}
	m, ok := l.mapping(n, where, "an answer", answerKeys)
	if !ok {
		return nil
	}
	if idn := l.need(m, n, where, "id", ": give every answer an id, like  id: arrived"); idn != nil {
		a.ID = l.buttonID(idn, where, "answer id", maxStepID, ids, "")
	}
	if v := l.need(m, n, where, "label", ": the words on the button"); v != nil {
		a.Label = l.text(v, where, "answer label")
	}
	if v := m.val("text"); v != nil {
		a.Text = l.text(v, where, "answer text")
	}
	if v := m.val("satisfaction"); v != nil {
		a.Satisfaction = l.boolean(v, where, "satisfaction")
	}
	if v := m.val("flow"); v != nil {
		a.Flow = l.flowRef(v, where, "flow")
	}
	if v := m.val("step"); v != nil {
		if a.Flow == "" && m.val("flow") == nil {
			l.errf(v, where, "step needs flow: the flow the step belongs to")
		} else if s, ok := l.str(v, where, "step"); ok {
			a.Step = s
			l.stepInFlowRefs = append(l.stepInFlowRefs, stepInFlowRef{pos: l.pos(v), where: where, flow: a.Flow, step: s})
		}
	}
	if v := m.val("handoff"); v != nil {
		a.Handoff = l.handoff(pf, v, where)
	}
	if v := m.val("synonyms"); v != nil {
		a.Synonyms = l.perLang(v, where, "synonyms", "phrase", func(lang string, sn strNode) {
			l.synonym(where, a.ID, lang, sn)
		})
	}
	switch {
	case m.has("flow") && m.has("handoff"):
		l.errf(n, where, "has both flow and handoff: an answer does one thing")
	case m.has("satisfaction") && (m.has("flow") || m.has("handoff")):
		l.errf(n, where, "satisfaction goes with an answer that ends the conversation, not with flow or handoff")
	case !m.has("text") && !m.has("flow") && !m.has("handoff"):
		l.errf(n, where, "does nothing: give it text, flow or handoff")
	}
	return a
}

// checkStepsInFlows reports answers that name a step their flow lacks.
func (l *loader) checkStepsInFlows(set *Set) {
	for _, r := range l.stepInFlowRefs {
		f := set.Flows[r.flow]
		if f == nil {
			continue // the unknown flow is reported already
		}
		if f.Step(r.step) == nil {
			var ids []string
			for _, s := range f.Steps {
				ids = append(ids, s.ID)
			}
			l.errAt(r.pos, r.where, "step names unknown step %q of flow %q%s", r.step, r.flow, didYouMean(r.step, ids))
		}
	}
}

// followUpTargets are the steps of flow id that s's follow-up answers lead back to.
func followUpTargets(id string, s *Step) []string {
	if s.FollowUp == nil {
		return nil
	}
	var out []string
	for _, a := range s.FollowUp.Answers {
		if a.Flow == id && a.Step != "" {
			out = append(out, a.Step)
		}
	}
	return out
}
