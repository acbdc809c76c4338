package bot

import "github.com/carebot/carebot/bot/flow"

// refusedPromise answers a person who pushes for a promise at the
// question st ("just tell me yes", "promise me I'll get a refund", "can
// you guarantee it'll be here by friday?", « promettez-moi », « dites-moi
// juste oui »): carebot decides no refund, date or compensation, and says
// so (cannot_promise), rather than read the words as an answer. Before,
// "promise me ill get a refund" at the order number started the refund
// flow, "just tell me yes" was "not quite an order number", and at a
// yes-or-no question the push was a miss. The question is asked again,
// with no miss counted; a message that also answers it (an order number
// given with the push) is then taken as its answer, and it reports false.
func (t *turn) refusedPromise(st *flow.Step) bool {
	if _, ok := t.e.flows.Common.Messages[flow.MsgCannotPromise]; !ok || !t.pushesForPromise() {
		return false
	}
	t.reply(Reply{Text: t.e.message(flow.MsgCannotPromise, t.lang, t.s.Slots), Verbatim: true}, nil)
	if st.Ask != nil && t.answersAsk(st.Ask) {
		return false
	}
	t.repeat()
	return true
}

// answersAsk reports whether the message holds an answer to a: the whole
// of it, or one candidate among its words (see answer).
func (t *turn) answersAsk(a *flow.Ask) bool {
	if _, ok := a.Answer(t.text); ok {
		return true
	}
	if !tokenAnswer(a) {
		return false
	}
	_, ok, _ := answerIn(a, t.text)
	return ok
}

// pushesForPromise reports a message that asks carebot for a promise or a
// yes it cannot give (promiseDemands), not denied.
func (t *turn) pushesForPromise() bool {
	return phraseAt(t.words(), promiseDemands) >= 0
}

// promiseDemands ask for a promise, a guarantee or a yes, in folded words.
var promiseDemands = []string{
	"promise me", "can you promise", "will you promise", "you promise", "promise that", "promise it",
	"just tell me yes", "just say yes", "tell me yes", "say yes", "tell me it will", "tell me i will", "tell me i ll",
	"guarantee me", "guarantee that", "guarantee it", "guarantee i", "you guarantee", "give me your word", "assure me",
	"promettez moi", "promets moi", "me promettre", "vous me promettez", "tu me promets", "promettez le", "promettez que",
	"dites moi oui", "dites moi juste oui", "dis moi oui", "dites oui", "dites juste oui", "dites moi que je vais", "dites moi que je serai",
	"garantissez moi", "me garantir", "vous me garantissez", "garantir que", "garantissez que", "jurez moi", "jurez le", "assurez moi",
}

// refusedPromiseIdle answers a push for a promise written when no
// question waits ("just tell me yes", « dites-moi juste oui »), that names
// no need the router is sure of: cannot_promise, then the menu. Before,
// "I'm sorry, I'm not sure I understood". A push that names a need
// ("promise me I'll get a refund") starts its flow, which says what it
// cannot promise.
func (t *turn) refusedPromiseIdle() bool {
	if _, ok := t.e.flows.Common.Messages[flow.MsgCannotPromise]; !ok || !t.pushesForPromise() || t.newMatter() {
		return false
	}
	t.reply(Reply{Text: t.e.message(flow.MsgCannotPromise, t.lang, t.s.Slots), Verbatim: true}, nil)
	t.menu()
	return true
}
