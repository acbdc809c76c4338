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
		if betterWords[w] && (i == 0 || ws[i-1] != "tant") {
			return true
		}
	}
	return false
}
