package bot

import (
	"slices"
	"strings"
	"unicode"

	"github.com/carebot/carebot/bot/flow"
)

// A reference given alone ("AB-123456", "it's ab123456 ?", an e-mail
// address) answers a question before it is asked: the person pastes the
// number they were asked for earlier ("whenever you have it, just write it
// here and we'll carry on"), or starts with it. It names no need the
// router can read, so it was met with "I'm not sure I understood" or, at
// the menu, "Sorry, I didn't catch which one you meant", and a guess from
// its few words ("here it is: AB-123456") could open the worries flow.
//
// Such a message goes to the flow that asks for it: the flow that ended
// last, when it does (the person comes back with what it asked for), else
// the router's own guess among them, else the only one, else the
// clarifying question with the flows that ask for it. Either way the flow's
// question is answered by the message (alreadySaid) or, after the
// clarifying question, by the earlier message (recallAnswer): nobody gives
// the number twice.

// aloneWords is how many words a message may hold and still be a
// reference given alone: "hi, my reference is AB-123456", « voici mon
// numéro AB-123456 ? ».
const aloneWords = 7

// referenceFlows returns the flows, in the order of the menu, with a
// question that the message answers and that a sentence may hold (an
// order reference, an e-mail address: tokenAnswer), when the message says
// nothing the router reads surely. It returns nil for any other message,
// at no cost for one without a digit or an @.
func (t *turn) referenceFlows() []string {
	an := t.an
	if an.Flow != "" && an.Flow != t.e.flows.Common.FallbackFlow && an.Confidence >= switchConfidence {
		return nil
	}
	if !t.triesReference() {
		return nil
	}
	long := len(strings.Fields(t.text)) > aloneWords
	aud := t.e.audience(t.m.From)
	var ids []string
	for _, id := range t.e.menuOrder() {
		f := t.e.flows.Flow(id)
		if f == nil || f.Audience != flow.AudienceAny && f.Audience != aud {
			continue
		}
		for _, st := range f.Steps {
			if st.Ask != nil && tokenAnswer(st.Ask) && answers(st.Ask, t.text) {
				ids = append(ids, id)
				break
			}
		}
	}
	if long {
		// Much more than a reference: "my order AB-123456 was a gift for
		// my late husband and I miss him so much" is grief first, and gets
		// what such a message gets (the menu, a person first), not a
		// choice between the flows that ask for a number. Only the flow
		// that asked for it takes it back ("found it! it's AB-123456, it was
		// in my other mailbox all along").
		if s := t.s; s.LastFlow != "" && slices.Contains(ids, s.LastFlow) {
			return []string{s.LastFlow}
		}
		return nil
	}
	return ids
}

// answers reports whether text answers a, whole ("ab123456") or as the
// one candidate of a sentence ("it's AB-123456"), as answer reads it.
func answers(a *flow.Ask, text string) bool {
	if _, ok := a.Answer(text); ok {
		return true
	}
	_, ok, _ := answerIn(a, text)
	return ok
}

// byReference starts the flow that asks for the reference the message
// gives (ids from referenceFlows), or asks which one it is about.
func (t *turn) byReference(ids []string) {
	if s := t.s; s.LastFlow != "" && slices.Contains(ids, s.LastFlow) {
		// Back with what the flow asked for: its matter goes on, so what
		// was said in it answers its questions again (recall).
		s.Misses, s.Before = 0, min(s.LastBefore, s.Before)
		t.carryOn = true
		t.startFlow(s.LastFlow)
		return
	}
	if id := t.an.Flow; id != "" && slices.Contains(ids, id) {
		t.s.Misses = 0
		t.startFlow(id)
		return
	}
	if len(ids) == 1 {
		t.s.Misses = 0
		t.startFlow(ids[0])
		return
	}
	t.clarify(ids...)
}

// referenceElsewhere sends a reference given alone at the buttons of a
// flow that never asks for it (the clarifying question after a message
// carebot did not follow, the menu, another flow's first question) to
// the flow that does, as byReference: most often the one that ended
// saying "just write it here and we'll carry on". Before, "AB-123456" at
// the clarifying question that followed "its on the paper? hold on" got
// "I'm not sure I understood" again.
//
// At a question of a problem flow (an order, a payment, signing in), the
// person is in a matter of its own: only the flow that paused for the
// reference takes it from there. An e-mail address at "What happened with
// order AB-123456?" is not taken for a wish to leave that matter for
// "which one is it?" among other flows; the question is asked again.
func (t *turn) referenceElsewhere() bool {
	ids := t.referenceFlows()
	if len(ids) == 0 || slices.Contains(ids, t.s.Flow) {
		return false
	}
	if f := t.e.flows.Flow(t.s.Flow); f != nil && slices.Contains(problemCategories, f.Category) && !slices.Contains(ids, t.s.LastFlow) {
		return false
	}
	t.byReference(ids)
	return true
}

// backWithReference sends a reference given alone ("AB-123456") at a
// question asking for the person's own words back to the flow that
// paused for it ("whenever you have it, just write it here and we'll
// carry on"), as byReference: it is what that flow waits for, not what
// worries them. Before, "Tell me what is worrying you" took it, and the
// flow never carried on. A longer message, or one no flow paused for,
// is the person's own words.
func (t *turn) backWithReference() bool {
	s := t.s
	if s.LastFlow == "" || s.LastFlow == s.Flow || len(strings.Fields(t.text)) > aloneWords {
		return false
	}
	ids := t.referenceFlows()
	if !slices.Contains(ids, s.LastFlow) || slices.Contains(ids, s.Flow) {
		return false
	}
	t.byReference(ids)
	return true
}

// menuOrder returns the flows in the order the start flow's menu offers
// them, then the others in file order.
func (e *Engine) menuOrder() []string {
	var ids []string
	if f := e.flows.Flow(e.flows.Common.StartFlow); f != nil {
		for _, st := range f.Steps {
			if st.Choose == nil {
				continue
			}
			for _, c := range st.Choose.Choices {
				if c.Flow != "" && !slices.Contains(ids, c.Flow) {
					ids = append(ids, c.Flow)
				}
			}
		}
	}
	for _, id := range e.flows.Order {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// carryOnWithReference returns the button that goes on with the flow when
// a person offered first ("Would you like a person from our team to help
// you now?", to one who said they are 84) answers with the reference the
// flow will ask for ("AB-123456", "it's AB-123456"): they have chosen to
// carry on, and the flow's question takes the reference in this turn
// (alreadySaid). Before, it got "Sorry, I didn't catch which one you
// meant" and the same question again. Only a question of two buttons, one
// reaching a person, and a message that says no yes ("yes, it's
// AB-123456" asks for the person, and is read as before).
func (t *turn) carryOnWithReference(ch *flow.Choose) *flow.Choice {
	shown := t.choices(ch)
	if len(shown) != 2 || t.toPerson(shown[0]) == t.toPerson(shown[1]) {
		return nil
	}
	if !t.givesReference() || opens(t.words(), t.e.yes) {
		return nil
	}
	if t.toPerson(shown[0]) {
		return shown[1]
	}
	return shown[0]
}

// givesReference reports whether the message gives a reference that a
// question of the current flow will ask for (an order number, an e-mail:
// tokenAnswer, not given yet), and asks for nothing the router reads
// surely elsewhere: "AB-123456", "the invoice is AB-123456" in the
// payment flow. Another number where one was given is a correction
// (corrected).
func (t *turn) givesReference() bool {
	an := t.an
	if an.Flow != "" && an.Flow != t.s.Flow && an.Flow != t.e.flows.Common.FallbackFlow && an.Confidence >= switchConfidence {
		return false
	}
	if len(strings.Fields(t.text)) > aloneWords || !t.triesReference() {
		return false
	}
	f := t.e.flows.Flow(t.s.Flow)
	if f == nil {
		return false
	}
	for _, st := range f.Steps {
		if st.Ask != nil && tokenAnswer(st.Ask) && t.s.Slots[st.Ask.Slot] == "" && answers(st.Ask, t.text) {
			return true
		}
	}
	return false
}

// triesReference reports a message holding a digit or an @: what an order
// number, an invoice number or an e-mail address needs. One without is no
// reference at all, at no cost.
func (t *turn) triesReference() bool {
	return strings.ContainsFunc(t.text, func(r rune) bool { return unicode.IsDigit(r) || r == '@' })
}
