package bot

import (
	"strings"

	"github.com/carebot/carebot/bot/flow"
)

// People answer a question with buttons in their own words: "it never
// came" for "It never arrived", "I want my money back" for "Ask for a
// refund". A flow's choices list such words (synonyms:, see
// flow.Choice.Synonyms);
// a message that holds the phrases of one button only, each in a clause
// that denies as the phrase does ("it's not late" names no "late"),
// chooses it.

// synonymChoice returns the one choice of ch whose synonyms: phrases, in
// the conversation's language, text holds; nil when none does or the phrases
// of several choices are there.
func (t *turn) synonymChoice(ch *flow.Choose, text string) *flow.Choice {
	var cls [][]string
	var found *flow.Choice
	for _, c := range ch.Choices {
		if len(c.Synonyms[t.lang]) == 0 {
			continue
		}
		if cls == nil {
			cls = clauses(text)
		}
		if t.synonymSaid(c, cls) {
			if found != nil {
				return nil
			}
			found = c
		}
	}
	return found
}

// synonymSaid reports whether the clauses cls (of clauses) hold one of
// c's synonyms: phrases in the conversation's language.
func (t *turn) synonymSaid(c *flow.Choice, cls [][]string) bool {
	for _, p := range c.Synonyms[t.lang] {
		if synonymIn(cls, flow.SynonymWords(p)) {
			return true
		}
	}
	return false
}

// synonymIn reports whether one of cls holds the words ws in a row, in a
// clause that denies as ws does.
func synonymIn(cls [][]string, ws []string) bool {
	return phraseIn(cls, ws, true)
}

// phraseIn reports whether one of cls holds the words ws in a row; with
// sameNegation, in a clause that denies as ws does.
func phraseIn(cls [][]string, ws []string, sameNegation bool) bool {
	if len(ws) == 0 {
		return false
	}
	neg := denies(ws)
	for _, cl := range cls {
		if len(cl) < len(ws) || sameNegation && denies(cl) != neg {
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

// cannotSay reports whether the message, an answer that does not fit the
// ask a, says the person cannot give it ("I don't have it", « jsp »,
// "where do I find it?": common.yaml's unknown_words): asking again with
// "that doesn't look like an order number" would not help them, so the
// ask goes where too many wrong answers go. A free-text ask takes any
// answer and never gets here.
func (t *turn) cannotSay(a *flow.Ask) bool {
	phrases := t.e.flows.Common.UnknownWords[t.lang]
	if len(phrases) == 0 || a.Validate == flow.ValidateText {
		return false
	}
	// Not knowing is said with or without a "not" around it ("jsp, je
	// l'ai pas"): the phrase is heard whatever its clause denies.
	cls := clauses(t.text)
	for _, p := range phrases {
		if phraseIn(cls, flow.SynonymWords(p), false) {
			return true
		}
	}
	return false
}
