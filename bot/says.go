package bot

import (
	"strings"

	"github.com/carebot/carebot/bot/flow"
)

// People answer a question with buttons in their own words: "it never
// came" for "It never arrived", "I want my money back" for "Ask for a
// refund". A flow's choices list such words (says:, see flow.Choice.Says);
// a message that holds the phrases of one button only, each in a clause
// that denies as the phrase does ("it's not late" names no "late"),
// chooses it.

// saysChoice returns the one choice of ch whose says: phrases, in the
// conversation's language, text holds; nil when none does or the phrases
// of several choices are there.
func (t *turn) saysChoice(ch *flow.Choose, text string) *flow.Choice {
	var cls [][]string
	var found *flow.Choice
	for _, c := range ch.Choices {
		phrases := c.Says[t.lang]
		if len(phrases) == 0 {
			continue
		}
		if cls == nil {
			cls = clauses(text)
		}
		for _, p := range phrases {
			if saysIn(cls, flow.SaysWords(p)) {
				if found != nil && found != c {
					return nil
				}
				found = c
				break
			}
		}
	}
	return found
}

// saysIn reports whether one of cls holds the words ws in a row, in a
// clause that denies as ws does.
func saysIn(cls [][]string, ws []string) bool {
	if len(ws) == 0 {
		return false
	}
	neg := denies(ws)
	for _, cl := range cls {
		if len(cl) < len(ws) || denies(cl) != neg {
			continue
		}
		for i := 0; i+len(ws) <= len(cl); i++ {
			if wordsAt(cl[i:], ws) {
				return true
			}
		}
	}
	return false
}

// wordsAt reports whether cl starts with ws; a word of ws ending in *
// stands for any word it starts.
func wordsAt(cl, ws []string) bool {
	for j, w := range ws {
		if stem, ok := strings.CutSuffix(w, "*"); ok {
			if !strings.HasPrefix(cl[j], stem) {
				return false
			}
		} else if cl[j] != w {
			return false
		}
	}
	return true
}
