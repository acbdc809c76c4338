package bot

import (
	"strings"

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
// (Session.LastNoted) that the router reads as that matter again, or that
// only asks what happens now, whatever the router reads (asksWhatNext).
func (t *turn) askedAboutNoted() bool {
	s := t.s
	if !s.LastNoted || s.Flow != "" || s.Handoff != nil || !t.asksSomething() || t.asksToDo() {
		return false
	}
	if f := t.an.Flow; f != s.LastFlow && f != "" && f != t.e.flows.Common.FallbackFlow && t.an.Confidence >= switchConfidence && !t.asksWhatNext() {
		return false // another matter, said plainly ("my delivery is late, when will it come?")
	}
	if s.LastFlow == t.e.flows.Common.HumanFlow {
		return false // a person asked for and nobody to come: nothing was noted
	}
	if t.triesReference() || t.saysAnother() {
		return false // a reference, or "another": a new request
	}
	if _, ok := t.e.flows.Common.Messages[flow.MsgNotedAsked]; !ok {
		return false // a set without it: the flow again, as before
	}
	t.acknowledge() // "I'm so worried, will I get my money back?": the worry first, as a flow's start names it
	t.say(flow.MsgNotedAsked)
	t.contacts(false)
	return true
}

// asksSomething reports whether the message asks how the matter will turn
// out: a question mark, or a first word that opens such a question ("when
// will I get my refund", « est-ce que je vais être remboursé », "what
// happens now", "how long"), after a word that only links it to what came
// before ("so", « alors »), "what now" in its words (asksWhatNext), a
// question word last (« je récupère mon argent quand »), or a question
// asked without its mark (« c'est quand que je suis remboursé », «
// sera-t-elle annulée »: asksByForm), or one that ends "or not", « ou
// pas ».
func (t *turn) asksSomething() bool {
	ws := t.words()
	if strings.Contains(t.text, "?") || t.asksWhatNext() || asksByForm(ws) {
		return true
	}
	if len(ws) > 1 && questionLast[ws[len(ws)-1]] {
		return true // « je récupère mon argent quand », "i get my money back when"
	}
	if n := len(ws); n > 2 && (ws[n-2] == "or" && ws[n-1] == "not" || ws[n-2] == "ou" && ws[n-1] == "pas") {
		return true // "i get my money back or not", « je vais être remboursé ou pas » (play23)
	}
	for i, w := range ws {
		if linkWords[w] {
			continue
		}
		if questionOpeners[w] {
			return true
		}
		next := ""
		if i+1 < len(ws) {
			next = ws[i+1]
		}
		return w == "how" && outcomeAfterHow[next] || w == "what" && outcomeAfterWhat[next]
	}
	return false
}

// asksToDo reports a question that asks to do something ("can I cancel
// my subscription?", "how do I…", « comment j'annule… », « est-ce que je
// peux… », "is it possible to…", « y a-t-il un moyen de… »): a request
// of its own, for the router, not a question about what was noted.
func (t *turn) asksToDo() bool {
	ws := t.words()
	for i, w := range ws {
		if doWords[w] && !(w == "how" && i+1 < len(ws) && outcomeAfterHow[ws[i+1]]) {
			return true
		}
	}
	return holdsAny(ws, doPhrases)
}

// saysAnother reports a message about another matter of the same kind
// ("can I also cancel my subscription?", « et pour une autre commande ? »).
func (t *turn) saysAnother() bool {
	for _, w := range t.words() {
		if anotherWords[w] {
			return true
		}
	}
	return false
}

// asksWhatNext reports a message that only asks what happens now ("now
// what", "what happens next", « et maintenant ? », « il se passe quoi
// maintenant », « qu'est-ce qui se passe »): it names no matter, so it
// asks about the one noted, whatever flow the router guessed from it
// (« et maintenant ? » read as a worry, « alors il se passe quoi » as a
// payment).
func (t *turn) asksWhatNext() bool {
	return covered(t.words(), whatNextPhrases, linkWords)
}

// whatNextPhrases ask what happens now, in English and French, as words.
var whatNextPhrases = func() [][]string {
	var ps [][]string
	for _, p := range []string{"what now", "now what", "and now", "what next", "what's next", "what happens", "what happens now",
		"what happens next", "what happens then", "what now then",
		"et maintenant", "et apres", "et ensuite", "il se passe quoi", "il se passe quoi maintenant", "qu'est-ce qui se passe",
		"qu'est-ce qui se passe maintenant", "que se passe-t-il", "que se passe-t-il maintenant", "qu'est-ce qui va se passer",
		"que va-t-il se passer", "on fait quoi", "on fait quoi maintenant", "je fais quoi", "je fais quoi maintenant"} {
		ps = append(ps, words(p))
	}
	return ps
}()

// questionLast ask a question from the end of a message, as French
// often does: « je récupère mon argent quand », « il se passe quoi ».
var questionLast = wordSet(`when quand quoi`)

// anotherWords speak of another matter than the one noted.
var anotherWords = wordSet(`another other also too second different new autre autres aussi egalement deuxieme seconde
	nouvelle nouveau nouvelles nouveaux different differente`)

// questionOpeners open a question about how a matter turns out, in
// English and French; "how" and "what" do when the next word says so
// (outcomeAfterHow, outcomeAfterWhat).
var questionOpeners = wordSet(`will when is are am does did has have shall
	est quand vais va vont ou combien serai sera aurai`)

// outcomeAfterHow and outcomeAfterWhat make "how long", "what happens now"
// a question about the outcome; "how do I" asks to do something.
var (
	outcomeAfterHow  = wordSet(`long soon much many`)
	outcomeAfterWhat = wordSet(`happens happen now next`)
)

// doWords ask for something to be done or how to do it, in English and
// French ("can I", "how do I", « je peux », « comment »).
var doWords = wordSet(`can could how may peux peut pouvez pourrais pourrai pourrait pourriez puis comment`)

// doPhrases ask whether a thing can be done, as "can I" does: "is it
// possible to cancel…", "is there a way to…", « est-il possible
// d'annuler… », « un moyen de… ». "Possible" alone does not: "as soon as
// possible" and « dès que possible » ask when.
var doPhrases = [][]string{{"possible", "to"}, {"way", "to"}, {"possible", "de"}, {"possible", "d"}, {"moyen", "de"}, {"moyen", "d"}}

// linkWords tie a question to what was said before, and say nothing of it.
var linkWords = wordSet(`so and but ok okay then well et alors donc mais bon ben du coup`)
