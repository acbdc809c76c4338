package bot

import (
	"maps"
	"slices"

	"github.com/carebot/carebot/bot/flow"
)

// People answer a yes-or-no question as they would a person: "yes
// please", "yeah", "sure", "no thank you", « oui svp », « ouais », « non
// merci ». Before, only a button's label, its number or "yes" inside it
// was read: an 84-year-old who wrote "yes please" to "Would you like a
// person from our team to help you now?" was told "Sorry, I didn't catch
// which one you meant", "yes thank you" to "Shall I pass it to our team
// now?" got "You're welcome." and nothing was sent, and "no thanks" the
// goodbye and its survey.
//
// A question answers to yes and no when one of its buttons opens with a
// yes word ("Yes, please", « Oui, une personne ») or a no word ("Not
// now", "No, here is fine"); at a question of two buttons, the one beside
// it is the other answer ("Let's carry on together"). The words are
// common.yaml's yes_words, and its decline_words with "no" and « non »,
// of every language: a person who writes "ok" in a French conversation
// still says yes.

// yesNo is the answer a whole message gives to a yes-or-no question.
type yesNo int

const (
	neither yesNo = iota
	saysYes
	saysNo
)

// yesNoPhrases returns the yes phrases and the no phrases of set, as
// words (see words), in every language.
func yesNoPhrases(set *flow.Set) (yes, no [][]string) {
	return wordPhrases(nil, set.Common.YesWords), wordPhrases([][]string{{"no"}, {"non"}}, set.Common.DeclineWords)
}

// ownLittlePhrases returns, per language, the yes, decline, okay and
// farewell phrases of set in that language, as words: little words that
// say nothing of the language when a conversation already has one ("y",
// « go », "bye" in French).
func ownLittlePhrases(set *flow.Set) map[string][][]string {
	own := map[string][][]string{}
	for _, byLang := range []map[string][]string{set.Common.YesWords, set.Common.DeclineWords, set.Common.OkayWords, set.Common.FarewellWords} {
		for lang, ps := range byLang {
			own[lang] = wordPhrases(own[lang], map[string][]string{lang: ps})
		}
	}
	return own
}

// ownLittleWords reports whether the whole message is a yes, a no, an okay or
// a farewell in lang's own words ("y", « go », « ouais merci », "bye" in
// French): one that reads as another language's word still says nothing
// of the language (setLanguage).
func (t *turn) ownLittleWords(lang string) bool {
	return t.text != "" && len(t.text) <= 60 && covered(t.words(), t.e.ownLittle[lang], politeWords)
}

// wordPhrases appends to ps each phrase of byLang as words (see words),
// every language in a fixed order.
func wordPhrases(ps [][]string, byLang map[string][]string) [][]string {
	for _, lang := range slices.Sorted(maps.Keys(byLang)) {
		for _, p := range byLang[lang] {
			if ws := words(p); len(ws) > 0 {
				ps = append(ps, ws)
			}
		}
	}
	return ps
}

// politeWords may come with a yes or a no, and say neither alone: "yes
// thank you so much", "yes thanks a lot", « non merci beaucoup », « oui,
// mille mercis », "nope, thanks".
var politeWords = map[string]bool{
	"thanks": true, "thank": true, "you": true, "thx": true, "ty": true, "cheers": true, "so": true, "very": true, "much": true,
	"a": true, "lot": true, "lots": true, "kindly": true, "million": true, "again": true,
	"merci": true, "beaucoup": true, "bcp": true, "bien": true, "mille": true, "mercis": true, "fois": true, "infiniment": true, "encore": true,
}

// covered reports whether ws is, word for word, a run of phrases of ps
// ("ok yes please": "ok", "yes please"), with words of fillers anywhere
// among them but not alone.
func covered(ws []string, ps [][]string, fillers map[string]bool) bool {
	if len(ws) == 0 {
		return false
	}
	// at[i]: how the first i words are a run of phrases and fillers: 0
	// they are not, 1 of fillers only, 2 with a phrase.
	at := make([]int, len(ws)+1)
	at[0] = 1
	for i := range ws {
		if at[i] == 0 {
			continue
		}
		if fillers[ws[i]] {
			at[i+1] = max(at[i+1], at[i])
		}
		for _, p := range ps {
			if i+len(p) <= len(ws) && slices.Equal(ws[i:i+len(p)], p) {
				at[i+len(p)] = 2
			}
		}
	}
	return at[len(ws)] == 2
}

// opens reports whether ws starts with one of ps.
func opens(ws []string, ps [][]string) bool {
	for _, p := range ps {
		if len(p) <= len(ws) && slices.Equal(ws[:len(p)], p) {
			return true
		}
	}
	return false
}

// yesOrNo reads the whole message as a yes, a no, or neither. A long
// message says more than yes or no, and is read as before.
func (t *turn) yesOrNo() yesNo {
	if t.text == "" || len(t.text) > 60 {
		return neither
	}
	ws := t.words()
	switch {
	case len(ws) == 0 && t.e.okay[t.lang][normalize(t.text)]:
		// An ok with no words (👍, 👌, 🆗 of okay_words) assents as
		// "ok" does: it was an ok only, and the question was dropped
		// for the menu (review24b).
		return saysYes
	case covered(ws, t.e.yes, answerFillers):
		return saysYes
	case covered(ws, t.e.no, answerFillers):
		return saysNo
	}
	return neither
}

// answerFillers may come with a yes or a no and say neither alone: the
// politeWords, and a hesitation or a second thought ("hmm", "actually",
// "sorry", « euh », « en fait », « finalement », « bof »). Before, "actually
// not now" and « en fait non » at "Is that OK?" (a colleague asked for)
// heard "I'm listening." and the question again (play25).
var answerFillers = politeAnd(`hmm hm hmmm um umm uh er erm well actually oh ah sorry honestly
	euh heu hum bah ben bof en fait finalement desole desolee pardon`)

// politeAnd returns the politeWords with the words of ws: the little words
// some answer may come with beside thanks (answerFillers, goodbyeFillers).
func politeAnd(ws string) map[string]bool {
	m := wordSet(ws)
	for w := range politeWords {
		m[w] = true
	}
	return m
}

// assentOnly reports a yes said only with words that accept or approve
// ("ok", "great", "sure", « d'accord », « super », "ok thanks"): a yes to
// something offered, which says nothing of a fact asked. A word that
// says yes to a fact ("yes", "yep", « oui », « ouais ») makes it a yes.
func (t *turn) assentOnly() bool {
	return t.yesOrNo() == saysYes && !slices.ContainsFunc(t.words(), func(w string) bool { return factYesWords[w] })
}

// factYesWords say yes to a question of fact ("has it arrived?"), folded.
var factYesWords = wordSet(`yes yeah yep yup yea ya yah yas ye y absolutely definitely certainly course
	oui ouais ouai ouii ui wi absolument carrement`)

// yesNoChoice returns the button of the question ch that the message's
// yes or no takes, or nil: see the top of this file. Only the buttons
// shown count, as a number does.
func (t *turn) yesNoChoice(ch *flow.Choose) *flow.Choice {
	return t.answerChoice(ch, t.yesOrNo())
}

// answerChoice returns the button of the question ch that the answer said
// takes, or nil.
func (t *turn) answerChoice(ch *flow.Choose, said yesNo) *flow.Choice {
	if said == neither {
		return nil
	}
	shown := t.choices(ch)
	answer := func(c *flow.Choice) yesNo {
		for _, l := range []string{c.Label.In(t.lang, t.e.defaultLang()), c.Label.SimpleIn(t.lang, t.e.defaultLang())} {
			ws := words(l)
			switch {
			case opens(ws, t.e.yes):
				return saysYes
			case opens(ws, t.e.no):
				return saysNo
			}
		}
		return neither
	}
	var found, other *flow.Choice
	for _, c := range shown {
		switch answer(c) {
		case said:
			if found != nil {
				return nil // two buttons say it: ask rather than guess
			}
			found = c
		case neither:
		default:
			other = c
		}
	}
	if found != nil || other == nil || len(shown) != 2 {
		return found
	}
	// Two buttons, one the other answer: the person's is the one beside it.
	for _, c := range shown {
		if c != other && answer(c) == neither {
			return c
		}
	}
	return nil
}

// yesBeforeGoodbye returns the yes button of ch for a yes said with a
// goodbye: "yes thanks bye", « oui merci au revoir » to "Shall I pass
// order AB-123456 to our delivery team now?" answer yes, then close. Read
// as a goodbye alone, they took the button that ends the flow ("Not now":
// "All right, I haven't sent anything"). The goodbye is farewell_words'
// without a forgetting ("never mind", « laisse tomber »: see
// goodbyePhrases), which says no.
func (t *turn) yesBeforeGoodbye(ch *flow.Choose) *flow.Choice {
	if t.text == "" || len(t.text) > 60 {
		return nil
	}
	ws := t.words()
	for k := len(ws) - 1; k > 0; k-- {
		if covered(ws[:k], t.e.yes, politeWords) && covered(ws[k:], t.e.goodbyes, politeWords) {
			return t.answerChoice(ch, saysYes)
		}
	}
	return nil
}

// goodbyePhrases returns set's farewell_words that only take leave, as
// words, in every language: not those that let a matter go ("never mind",
// "don't need", « laisse tomber », « tant pis », « plus besoin »), which
// after a yes take it back.
func goodbyePhrases(set *flow.Set) [][]string {
	var out [][]string
	for _, p := range wordPhrases(nil, set.Common.FarewellWords) {
		if !slices.ContainsFunc(p, func(w string) bool { return negationWords[w] || lettingGo[w] || w == "t" }) {
			out = append(out, p)
		}
	}
	return out
}

// lettingGo are the words of a farewell phrase that let a matter go
// without a negation word: "nevermind", « laisse tomber », « tant pis »,
// « plus besoin ». Not « plus » alone: « à plus » takes leave.
var lettingGo = map[string]bool{"nevermind": true, "tomber": true, "pis": true, "besoin": true}
