package bot

import (
	"slices"
	"strings"

	"github.com/carebot/carebot/bot/flow"
)

// betterWords say that the person feels better (folded).
var betterWords = wordSet(`better mieux`)

// ifWords make a "better" a wish or a condition, not how the person is:
// "it would be better if…", « ça irait mieux si… ».
var ifWords = wordSet(`if would could should si irait serait pourrait aurait`)

// notFeltWords, just before a "better" (past betterMore), make it said of
// something or someone else, or no feeling at all: "you need to do
// better", "the old website was better", "i'd better go", "i've been
// better", « vous pouvez faire mieux », « c'était mieux avant », « j'ai
// connu mieux ». Each heard "I'm glad you're feeling better." (review25b).
var notFeltWords = wordSet(`do done was were is s be been had d seen known deserve deserved expected ` +
	`faire fait fais etait etaient est sont etre connu vu merite attendais`)

// betterMore say how much better, and are looked past: "a bit better",
// « un peu mieux ».
var betterMore = wordSet(`a bit much lot little way far even so slightly somewhat quite ` +
	`un peu beaucoup bien encore deja tellement nettement plutot`)

// feltBetter reports a message that says, at the satisfaction question,
// that the person feels better ("i feel a bit better now", « ça va un peu
// mieux »). It is no score, and before it was read as a new request:
// "I'm sorry, I'm not sure I understood" and the menu, or the welcome
// from the start, to one who had just said they were better (fix25). A
// better denied ("not better", « pas mieux »), wished for ("it would be
// better if…"), « tant mieux » and a question are not.
func (t *turn) feltBetter() bool {
	if _, ok := t.e.flows.Common.Messages[flow.MsgFeltBetter]; !ok || strings.ContainsAny(t.text, "?¿") {
		return false
	}
	ws := t.words()
	if len(ws) > 12 || denies(ws) || slices.ContainsFunc(ws, func(w string) bool { return ifWords[w] }) {
		return false
	}
	for i, w := range ws {
		if betterWords[w] && (i == 0 || ws[i-1] != "tant") && saidOfThePerson(ws, i) {
			return true
		}
	}
	return false
}

// saidOfThePerson reports that the "better" at ws[i] tells how the person
// is: not said of something else (notFeltWords before it), nor compared
// ("better than the old one", « mieux que rien »).
func saidOfThePerson(ws []string, i int) bool {
	if i+1 < len(ws) && (ws[i+1] == "than" || ws[i+1] == "que" || ws[i+1] == "qu") {
		return false
	}
	j := i - 1
	for j >= 0 && betterMore[ws[j]] {
		j--
	}
	return j < 0 || !notFeltWords[ws[j]]
}
