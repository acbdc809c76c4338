package bot

import (
	"strings"

	"github.com/carebot/carebot/bot/flow"
)

// Nobody repeats themselves: what a person said in an earlier message of
// the conversation answers a later question when it answers it
// unambiguously ("my order is late", then "AB-123456", then no "What
// happened?"). The earlier messages are the person's turns of the
// history (Session.Recent) since the current matter began: not those of a
// flow that ended (Session.Before), nor those before a long silence. The
// question is not asked; the flow's said: text (or the common
// already_said) acknowledges what was taken, and the person may correct
// it in their next message (Session.Recalled).

// earlier calls yield with each earlier message of the person that may
// answer a question, oldest first, until yield returns false. The message
// this turn handles is not one (choiceSaid and alreadySaid read it).
func (t *turn) earlier(yield func(text string) bool) {
	s := t.s
	end := len(s.Recent)
	if t.text != "" && t.m.Event == "" && end > 0 {
		end-- // this message, remembered already
	}
	start := min(max(s.Before, 0), end)
	// A long silence starts a new conversation, as for feelings (ackForget).
	for i := end - 1; i > start; i-- {
		if s.Recent[i].At.Sub(s.Recent[i-1].At) >= ackForget {
			start = i
			break
		}
	}
	if end > 0 && end < len(s.Recent) && s.Recent[end].At.Sub(s.Recent[end-1].At) >= ackForget {
		return
	}
	for _, tu := range s.Recent[start:end] {
		if tu.From != SpeakerPerson || strings.HasPrefix(strings.TrimSpace(tu.Text), "/") {
			continue
		}
		if !yield(tu.Text) {
			return
		}
	}
}

// hasEarlier reports whether there is an earlier message to read: most
// questions are met with none, and pay nothing more.
func (t *turn) hasEarlier() bool {
	found := false
	t.earlier(func(string) bool { found = true; return false })
	return found
}

// saidIn are the words of a message by whether their clause denies (see
// choiceSaid), little words aside.
func saidIn(text string) map[saidWord]bool {
	said := map[saidWord]bool{}
	for _, cl := range clauses(text) {
		neg := denies(cl)
		for _, w := range cl {
			if !littleWords[w] {
				said[saidWord{w, neg}] = true
			}
		}
	}
	return said
}

// names reports whether said holds every word of label, each in a clause
// that denies as the label does ("it never arrived" names "It never
// arrived"; "it isn't late" does not name "It's late"), and whether it
// holds them all in clauses that deny the opposite (it contradicts it).
func names(said map[saidWord]bool, label string) (named, contradicted bool) {
	ws := labelWords(label)
	if len(ws) == 0 {
		return false, false
	}
	neg := denies(words(label))
	named, contradicted = true, true
	for _, w := range ws {
		named = named && said[saidWord{w, neg}]
		contradicted = contradicted && said[saidWord{w, !neg}]
	}
	return named, contradicted
}

// answerWords are the words of a consent or a polite reply: a button
// labelled only with them ("Yes, please", "Not now", « Oui, s'il vous
// plaît ») is never answered from an earlier message, which said yes to
// something else.
var answerWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`yes yeah yep no nope ok okay sure please thanks thank not now maybe
		oui ouais non merci pas maintenant plait accord peut etre volontiers`) {
		m[w] = true
	}
	return m
}()

// nameable reports whether a button's label has a word beyond the words of
// a consent, so that an earlier message may name it.
func nameable(label string) bool {
	for _, w := range labelWords(label) {
		if !answerWords[w] {
			return true
		}
	}
	return false
}

// bareAnswer reports a message all of whose words are words of the
// question's labels or of a consent: the answer to an earlier question
// ("late", "yes please"), not something the person told.
func bareAnswer(said map[saidWord]bool, labels map[string]bool) bool {
	for sw := range said {
		if !labels[sw.w] && !answerWords[sw.w] {
			return false
		}
	}
	return true
}

// recallChoice finds the button of ch that the person's earlier messages
// name: exactly one button named, by one or more messages, and
// contradicted by none ("my order is late" names "It's late"; "not late"
// and "late, and the wrong item" name nothing). A question with a button
// to another flow or to a person, a flow's recall: false, and a button
// without an acknowledgement to say (its said: or the common
// already_said) are asked.
func (t *turn) recallChoice(ch *flow.Choose) *flow.Choice {
	if ch.NoRecall || !t.hasEarlier() {
		return nil
	}
	_, common := t.e.flows.Common.Messages[flow.MsgAlreadySaid]
	labels := map[string]bool{}
	for _, c := range ch.Choices {
		if c.Flow != "" || t.toPerson(c) {
			return nil
		}
		for _, w := range labelWords(c.Label.In(t.lang, t.e.defaultLang())) {
			labels[w] = true
		}
	}
	var found *flow.Choice
	ambiguous := false
	contradicted := map[*flow.Choice]bool{}
	t.earlier(func(text string) bool {
		said := saidIn(text)
		if bareAnswer(said, labels) {
			return true
		}
		cls := clauses(text)
		var named *flow.Choice
		for _, c := range ch.Choices {
			label := c.Label.In(t.lang, t.e.defaultLang())
			if !nameable(label) {
				continue
			}
			yes, no := names(said, label)
			// or in the person's words ("it never came"): synonyms.go
			yes = yes || (!no && t.synonymSaid(c, cls))
			if no {
				contradicted[c] = true
			}
			if !yes {
				continue
			}
			if named != nil || (found != nil && found != c) {
				ambiguous = true
				return false
			}
			named = c
		}
		if named != nil {
			found = named
		}
		return true
	})
	if ambiguous || found == nil || contradicted[found] || (found.Said.IsZero() && !common) {
		return nil
	}
	return found
}

// recallAnswer finds the answer to an order-number or e-mail question in
// the person's earlier messages: exactly one candidate, the slot still
// empty, and an acknowledgement to say (the ask's said: or the common
// already_said).
func (t *turn) recallAnswer(a *flow.Ask) (string, bool) {
	if !a.Recalls() || t.s.Slots[a.Slot] != "" || !t.hasEarlier() {
		return "", false
	}
	if _, common := t.e.flows.Common.Messages[flow.MsgAlreadySaid]; a.Said.IsZero() && !common {
		return "", false
	}
	found, ambiguous := "", false
	t.earlier(func(text string) bool {
		if v, ok, two := answerIn(a, text); two || ok && found != "" && found != v {
			ambiguous = true
			return false
		} else if ok {
			found = v
		}
		return true
	})
	return found, !ambiguous && found != ""
}

// answerIn finds a's answer among the words of text: ok with exactly one
// candidate, two with several different ones.
func answerIn(a *flow.Ask, text string) (v string, ok, two bool) {
	for _, w := range strings.Fields(text) {
		w = strings.Trim(w, ".,;:!?()[]\"'«»")
		if x, good := a.Answer(w); good {
			if ok && x != v {
				return "", false, true
			}
			v, ok = x, true
		}
	}
	return v, ok, false
}

// recalled acknowledges a question answered from an earlier message, in
// the flow's words (said, else the common already_said), and remembers it
// for the person's next message, which may correct it. choice is the
// button taken, "" for an ask.
func (t *turn) recalled(st *flow.Step, said flow.Text, choice string) {
	if said.IsZero() {
		said = t.e.flows.Common.Messages[flow.MsgAlreadySaid]
	}
	t.text2(said, t.pause(st.Pause))
	t.s.Recalled = t.s.Flow + "." + st.ID
	if choice != "" {
		t.s.Recalled += "." + choice
	}
}

// corrected takes the message as a correction of the question answered
// from memory in the last turn, when it gives another answer to it where
// the waiting question found none: "no, it arrived damaged" after "You
// said it's late", another order number after "You gave me order
// AB-123456". The flow goes on from that question's new answer.
func (t *turn) corrected() bool {
	if t.recall == "" {
		return false
	}
	flowID, rest, _ := strings.Cut(t.recall, ".")
	stepID, choiceID, _ := strings.Cut(rest, ".")
	f := t.e.flows.Flow(flowID)
	if flowID != t.s.Flow || f == nil || f.Step(stepID) == nil {
		return false
	}
	st := f.Step(stepID)
	switch {
	case st.Choose != nil && choiceID != "":
		c := t.otherChoice(st.Choose, choiceID)
		if c == nil {
			return false
		}
		t.s.Step = st.ID
		t.choose(c)
		return true
	case st.Ask != nil:
		v, ok, _ := answerIn(st.Ask, t.text)
		if !ok || v == t.s.Slots[st.Ask.Slot] {
			return false
		}
		t.s.Slots[st.Ask.Slot] = v
		t.s.Attempts = 0
		t.s.Step = st.Next
		t.runSteps()
		return true
	}
	return false
}

// otherChoice finds the button of ch other than was that the message
// names, by all its words or by a word no other button has, said in a
// clause that does not deny it ("no, it's damaged" names "It arrived
// damaged"); nil unless exactly one.
func (t *turn) otherChoice(ch *flow.Choose, was string) *flow.Choice {
	said := saidIn(t.text)
	cls := clauses(t.text)
	count := map[string]int{}
	for _, c := range ch.Choices {
		for _, w := range labelWords(c.Label.In(t.lang, t.e.defaultLang())) {
			count[w]++
		}
	}
	var found *flow.Choice
	for _, c := range ch.Choices {
		if c.ID == was || c.Flow != "" {
			continue
		}
		label := c.Label.In(t.lang, t.e.defaultLang())
		if !nameable(label) {
			continue
		}
		yes, _ := names(said, label)
		yes = yes || t.synonymSaid(c, cls)
		neg := denies(words(label))
		for _, w := range labelWords(label) {
			yes = yes || (count[w] == 1 && !answerWords[w] && said[saidWord{w, neg}])
		}
		if !yes {
			continue
		}
		if found != nil {
			return nil
		}
		found = c
	}
	return found
}
