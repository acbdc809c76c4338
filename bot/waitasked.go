package bot

import (
	"slices"
	"strings"

	"github.com/carebot/carebot/bot/flow"
)

// asksAboutTheWait reports a message, written while a person is awaited,
// that asks about the wait: how long it will be ("how long?", « combien
// de temps ? »), whether anyone is there ("is anyone there??", « y a
// quelqu'un ? »), or a lone "?" after silence; or that it goes unanswered
// ("where did you go", "you didnt even answer me", « personne ne me
// répond »). Before, the first got
// "Thank you, I've passed your message on" and the next ones nothing.
func (t *turn) asksAboutTheWait() bool {
	ws := t.words()
	if len(ws) == 0 {
		return strings.Contains(t.text, "?")
	}
	if len(ws) > 14 {
		return false
	}
	return phraseAt(ws, waitQuestions) >= 0
}

// waitQuestions ask about the wait for a person, in folded words.
var waitQuestions = []string{
	"how long", "how much longer", "how many minutes", "how much time",
	"when will someone", "when will somebody", "when will a person", "when will you", "when will they", "when is someone",
	"anyone there", "anybody there", "someone there", "somebody there", "anyone here", "anybody here",
	"still nobody", "still no one", "still waiting", "is someone coming", "is anyone coming", "is somebody coming",
	"taking so long", "taking forever", "taking ages", "where is everyone", "where are you", "where did you go", "where did they go",
	"didn t answer", "did not answer", "didn t even answer", "not answering", "nobody answers", "nobody is answering", "no one answers", "ignoring me",
	"combien de temps", "encore longtemps", "ca va etre long", "c est long", "ca prend du temps", "c est quand",
	"toujours personne", "y a quelqu un", "il y a quelqu un", "quelqu un est la", "y a personne", "il y a personne",
	"quand est ce que quelqu un", "quand quelqu un", "vous etes ou", "toujours en attente", "j attends toujours",
	"ca vient", "ca arrive quand", "quelqu un va venir", "quelqu un va me repondre",
	// A call or a reply asked after (play25): "when are you going to call
	// me back?", « donc quand est-ce qu'on va m'appeler ? ».
	"when are you going to", "when will i hear", "will someone call", "will anyone call", "will somebody call",
	"is someone going to call", "is anyone going to call", "someone going to call me",
	"quand est ce qu on", "quand va t on", "quand allez vous", "quand vais je", "on va m appeler", "on va me rappeler",
	"on va me contacter", "vous allez m appeler", "vous allez me rappeler", "quelqu un va m appeler", "quelqu un va me rappeler",
	"personne ne repond", "personne ne me repond", "vous etes passe ou", "pas repondu", "on m ignore",
}

// nobodyYetAgain answers a question about the wait ("still nobody?", «
// toujours personne ? ») at st, the step a hand-off goes on at when
// nobody came in time (on_timeout): what that step said is its honest
// answer ("I'm sorry: nobody from our team could join yet"), said again,
// and st is asked again, with no miss. Before, "still nobody?" started
// the worries flow, « toujours personne ? » was "not understood", and
// "is anyone there??" (a person asked for) got the question alone.
func (t *turn) nobodyYetAgain(st *flow.Step) bool {
	// The step first: it is cheaper than the words, and rarely the one.
	return t.afterNobodyCame(st) && t.asksAboutTheWait() && t.nobodyCameAgain(st)
}

// afterNobodyCame reports whether st is where a hand-off of the flow
// goes on when nobody came in time, with words of its own to say again.
func (t *turn) afterNobodyCame(st *flow.Step) bool {
	f := t.e.flows.Flow(t.s.Flow)
	return f != nil && len(st.Say) > 0 && slices.ContainsFunc(f.Steps, func(p *flow.Step) bool {
		return p.Handoff != nil && p.Handoff.OnTimeout == st.ID
	})
}

// nobodyCameAgain says again what st said, when st is where a hand-off
// goes on when nobody came in time, and asks st again.
func (t *turn) nobodyCameAgain(st *flow.Step) bool {
	if !t.afterNobodyCame(st) {
		return false
	}
	for _, txt := range st.Say {
		t.text2(txt, t.pause(st.Pause))
	}
	t.question(st)
	return true
}

// loneQuestionMark reports "?" (or "??", "?!") alone at a flow's question
// with buttons: one who did not follow it, as "I don't understand" says
// (nlu's Lost). Before, it was a wrong choice: "Sorry, I didn't catch
// which one you meant", a miss. At a question that asks for something
// written (an order number), "?" stays a try that is not it: after a few,
// the flow offers help to find it (its attempts), which serves better.
func (t *turn) loneQuestionMark() bool {
	st := t.waitingStep()
	return len(t.words()) == 0 && strings.Contains(t.text, "?") && st != nil && st.Choose != nil
}

// saysOnlyGoodbye reports a message made of nothing but a goodbye
// (farewell_words) with thanks (politeWords) and an ok first (okay_words):
// "thanks bye", « merci au revoir », "ok thank you so much, have a nice
// day". A farewell word among other words is no goodbye while a person
// is awaited: "I don't need a refund, I need a replacement", "i'm done
// waiting", « tant pis, j'attends » and « c'est tout ce que vous savez
// dire ? » heard "Goodbye, and take care. Your request stays open"
// (review24b).
func (t *turn) saysOnlyGoodbye() bool {
	if strings.Contains(t.text, "?") {
		return false
	}
	c := t.e.flows.Common
	ws := t.words()
	ws = ws[longestAt(ws, wordPhrases(nil, c.OkayWords)):]
	return covered(ws, wordPhrases(nil, c.FarewellWords), goodbyeFillers)
}

// goodbyeFillers are the words a goodbye may come with: thanks
// (politeWords), and a word of affection, as older people often write
// ("thank you dear, bye", « merci ma chère, au revoir »): before, those
// heard "I've passed your message on" alone (review25c).
var goodbyeFillers = politeAnd(`dear dearie love luv hun honey sweetie darling mate pet
	ma mon chere cher cherie cheri petit petite madame monsieur`)

// longestAt returns how many words of the longest of phrases ws starts
// with, or 0.
func longestAt(ws []string, phrases [][]string) int {
	n := 0
	for _, p := range phrases {
		if len(p) > n && len(p) <= len(ws) && slices.Equal(ws[:len(p)], p) {
			n = len(p)
		}
	}
	return n
}
