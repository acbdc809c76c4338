package bot

import (
	"strconv"
	"strings"

	"github.com/carebot/carebot/bot/flow"
)

// complainedOfCare answers the satisfaction question answered with a
// complaint about how we looked after the person ("it took ages", "you
// never answered my question", « ça m'a servi à rien »): a poor verdict,
// apologised for as a low score is (satisfaction_low, and a person offered
// when one can come). A verdict of the scale said in it ("meh", « bof »)
// is its score; without one, none is made up for the person. Before, such
// words went to the router, which read them as thanks ("You're welcome"),
// a greeting (the welcome again), a worry, or nothing at all. A new matter
// said with them (the router sure of a flow that serves one) or a request
// for a person is read as usual.
func (t *turn) complainedOfCare() bool {
	if _, ok := t.e.flows.Common.Messages[flow.MsgSatisfactionLow]; !ok {
		return false
	}
	if t.an.Escalate || t.an.Signals.Crisis || t.newMatter() || !t.complains() {
		return false
	}
	if n, ok := t.verdictIn(); ok && n <= lowScore {
		t.score(strconv.Itoa(n))
		return true
	}
	t.say(flow.MsgSatisfactionLow)
	t.offerPersonAfterLowScore()
	t.afterScore()
	return true
}

// newMatter reports a message the router is sure asks for a flow that
// serves a need (an order, a payment, an account, a refund, a person, a
// colleague): not a greeting, a goodbye, a worry or nothing it knows.
func (t *turn) newMatter() bool {
	f := t.e.flows.Flow(t.an.Flow)
	return f != nil && t.an.Confidence >= switchConfidence && needCategory(f.Category)
}

// needCategory reports a category of flows that serve a need: not a
// greeting, a goodbye, a worry or what carebot does not know.
func needCategory(c string) bool {
	switch c {
	case flow.CategoryGreeting, flow.CategoryGratitudeClosing, flow.CategoryOutOfScope, flow.CategoryComplaintProblem:
		return false
	}
	return true
}

// complains reports a message that holds a complaint about how the person
// was looked after (complaintPhrases), or a poor verdict of the scale
// (surveyVerdicts, 1 or 2) among other words, neither denied ("it wasn't
// too long", « pas trop long »), or anger at us (angryAtUs).
func (t *turn) complains() bool {
	if n, ok := t.verdictIn(); ok && n <= lowScore {
		return true
	}
	return phraseAt(t.words(), complaintPhrases) >= 0 || t.angryAtUs()
}

// angryAtUs reports anger said at the satisfaction question ("😡", "this
// is fucking ridiculous", « c'est du foutage de gueule »), with no thanks
// and no word of good news: the swearing of joy ("holy shit that was
// quick, thanks") is no complaint.
func (t *turn) angryAtUs() bool {
	if !t.an.Signals.Anger {
		return false
	}
	for _, w := range t.words() {
		if thanksWords[w] || goodNewsWords[w] {
			return false
		}
	}
	return true
}

// goodNewsWords say that something went well (folded).
var goodNewsWords = wordSet(`great good quick fast perfect super excellent amazing brilliant yes yay wow
	top genial parfait rapide bien excellent oui trop cool`)

// verdictIn returns the point of the scale a verdict among the message's
// words says ("meh it took ages": 2), the longest first, when none is
// denied; false when there is none.
func (t *turn) verdictIn() (int, bool) {
	ws := t.words()
	for _, v := range surveyVerdictsLongestFirst {
		if phraseAt(ws, []string{v.words}) >= 0 {
			return v.n, true
		}
	}
	return 0, false
}

// phraseAt returns where in ws the first of phrases (folded words) starts
// that no negation comes just before, or -1. It runs at most questions of
// every turn, so it looks for each phrase in the words joined once,
// without building a string per phrase.
func phraseAt(ws []string, phrases []string) int {
	if len(ws) == 0 {
		return -1
	}
	text := " " + strings.Join(ws, " ") + " "
	for _, p := range phrases {
		for from := 0; ; {
			i := strings.Index(text[from:], p)
			if i < 0 {
				break
			}
			at := from + i
			end := at + len(p)
			from = at + 1
			if text[at-1] != ' ' || end >= len(text) || text[end] != ' ' {
				continue // inside a word: "along" is not "long"
			}
			before := strings.Count(text[:at-1], " ")
			if before == 0 || !negations[ws[before-1]] {
				return before
			}
		}
	}
	return -1
}

// negations deny the words that follow ("not too long", « pas trop
// long », "wasn't bad": "wasn t bad").
var negations = wordSet(`not never t no pas ne n jamais`)

// complaintPhrases complain about how the person was looked after, in
// folded words (an apostrophe splits: "didn't" is "didn t", and so is
// "didnt", see chatWords).
var complaintPhrases = []string{
	"waste of time", "took ages", "took forever", "took so long", "took too long", "too long", "so slow", "too slow",
	"never answered", "never replied", "didn t answer", "did not answer", "didn t reply", "did not reply", "no answer",
	"didn t help", "did not help", "no help", "not helpful", "unhelpful", "pointless", "thanks for nothing",
	"nobody answered", "no one answered", "nobody came", "no one came", "didn t listen", "did not listen",
	"perte de temps", "trop long", "c etait long", "tres long", "super long", "trop lent",
	"pas repondu", "jamais repondu", "pas de reponse", "aucune reponse",
	"servi a rien", "sert a rien", "aucune aide", "pas d aide", "pas aide", "pas aidee", "merci pour rien", "inutile",
	"personne n a repondu", "personne ne m a repondu", "personne n est venu", "pas ecoute", "pas ecoutee",
}

// surveyVerdictsLongestFirst are surveyVerdicts, the longest words first:
// "not great" is found before "great", "pas terrible" before "terrible".
var surveyVerdictsLongestFirst = func() []struct {
	n     int
	words string
} {
	vs := append(surveyVerdicts[:0:0], surveyVerdicts...)
	for i := 1; i < len(vs); i++ {
		for j := i; j > 0 && len(vs[j].words) > len(vs[j-1].words); j-- {
			vs[j], vs[j-1] = vs[j-1], vs[j]
		}
	}
	return vs
}()
