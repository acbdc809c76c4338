package bot

import (
	"strings"
	"unicode"

	"github.com/carebot/carebot/bot/flow"
)

// A matter that ends with a hand-off nobody can take was noted ("Thank
// you, I've noted your refund request for order AB-123456… nobody from our
// team can join"), and nothing more will happen in this conversation. A
// question about it right after ("will I get my money back?", « est-ce que
// je vais être remboursé ? ») is read by the router as the matter itself:
// it started the flow again and asked for the order number again. Such a
// question is answered with what is true: it is noted, no person has
// looked at it or decided anything, and the ways to reach the team, if
// any. A new request (a reference given: another order) still starts the
// flow, and so does a sentence that asks nothing.

// askedAboutNoted answers a question about the matter just noted
// (Session.LastNoted) that the router reads as that matter again.
func (t *turn) askedAboutNoted() bool {
	s := t.s
	if !s.LastNoted || s.Flow != "" || s.Handoff != nil || t.an.Flow != s.LastFlow || !t.asksSomething() {
		return false
	}
	if s.LastFlow == t.e.flows.Common.HumanFlow {
		return false // a person asked for and nobody to come: nothing was noted
	}
	if strings.ContainsFunc(t.text, func(r rune) bool { return unicode.IsDigit(r) || r == '@' }) || t.saysAnother() {
		return false // a reference, or "another": a new request
	}
	if _, ok := t.e.flows.Common.Messages[flow.MsgNotedAsked]; !ok {
		return false // a set without it: the flow again, as before
	}
	t.say(flow.MsgNotedAsked)
	t.contacts(false)
	return true
}

// asksSomething reports whether the message is a question: a question
// mark, or a first word that opens one ("when will I get my refund"),
// after a word that only links it to what came before ("so", « alors »).
func (t *turn) asksSomething() bool {
	if strings.Contains(t.text, "?") {
		return true
	}
	for _, w := range strings.FieldsFunc(flow.Fold(t.text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if !linkWords[w] {
			return questionOpeners[w]
		}
	}
	return false
}

// saysAnother reports a message about another matter of the same kind
// ("can I also cancel my subscription?", « et pour une autre commande ? »).
func (t *turn) saysAnother() bool {
	for _, w := range strings.FieldsFunc(flow.Fold(t.text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if anotherWords[w] {
			return true
		}
	}
	return false
}

// anotherWords speak of another matter than the one noted.
var anotherWords = wordSet(`another other also too second autre autres aussi egalement deuxieme seconde`)

// questionOpeners open a question, in English and French.
var questionOpeners = wordSet(`will when how is are am do does did can could has have what where why shall should would
	est quand comment vais va vont ou combien pourquoi quel quelle serai sera aurai pourrai`)

// linkWords tie a question to what was said before, and say nothing of it.
var linkWords = wordSet(`so and but ok okay then well et alors donc mais bon ben du coup`)

func wordSet(ws string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(ws) {
		m[w] = true
	}
	return m
}
