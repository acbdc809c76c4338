package bot

import (
	"iter"
	"slices"
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
	c, _ := t.synonymPick(ch, nil, text)
	return c
}

// synonymPick is synonymChoice on the clauses cls of text (read from text
// when nil); two reports that the phrases of several choices are there,
// none taking in the others.
func (t *turn) synonymPick(ch *flow.Choose, cls []clause, text string) (_ *flow.Choice, two bool) {
	var found *flow.Choice
	var at span
	for _, c := range ch.Choices {
		if len(c.Synonyms[t.lang]) == 0 {
			continue
		}
		if cls == nil {
			cls = clausesOf(text)
		}
		sp, ok := t.synonymSpan(c, cls)
		if !ok {
			continue
		}
		switch {
		case found == nil:
			found, at = c, sp
		case sp.holds(at):
			// "where is my refund" holds the "refund" of another
			// button: the longer words say more of what is meant.
			found, at, two = c, sp, false
		case at.holds(sp):
		default:
			two = true
		}
	}
	if two {
		return nil, true // two buttons named: ask rather than guess
	}
	return found, false
}

// span is where a phrase was found: clause, first word, how many words,
// and how many words of the message come before the clause.
type span struct{ cl, at, n, before int }

// holds reports whether s takes in o and more.
func (s span) holds(o span) bool {
	return s.cl == o.cl && s.at <= o.at && o.at+o.n <= s.at+s.n && s.n > o.n
}

// synonymSpan returns where the longest of c's synonyms is said in cls,
// in a clause that denies as it does.
func (t *turn) synonymSpan(c *flow.Choice, cls []clause) (span, bool) {
	var best span
	ok := false
	for _, p := range c.Synonyms[t.lang] {
		for sp := range t.e.phrase(p).runs(cls, true) {
			if !ok || sp.n > best.n {
				best, ok = sp, true
			}
		}
	}
	return best, ok
}

// clause is the words of one clause of a message (see clauses) and
// whether it denies.
type clause struct {
	ws  []string
	neg bool
}

// clausesOf returns the clauses of text with their negation, read once
// for all the phrases compared with them.
func clausesOf(text string) []clause {
	cls := clauses(text)
	out := make([]clause, len(cls))
	for i, cl := range cls {
		out[i] = clause{cl, denies(cl)}
	}
	return out
}

// phrase is a synonyms: or unknown_words phrase as compared with
// messages: its words and whether it denies.
type phrase struct {
	ws  []string
	neg bool
}

// synonymSaid reports whether the clauses cls (of clausesOf) hold one of
// c's synonyms: phrases in the conversation's language, each in a clause
// that denies as it does.
func (t *turn) synonymSaid(c *flow.Choice, cls []clause) bool {
	for _, p := range c.Synonyms[t.lang] {
		if t.e.phrase(p).in(cls, true) {
			return true
		}
	}
	return false
}

// phrase returns a synonyms: or unknown_words phrase as read when the
// flows loaded (phrases); one of no loaded set (none in practice) is read
// now.
func (e *Engine) phrase(s string) phrase {
	if p, ok := e.phrases[s]; ok {
		return p
	}
	return newPhrase(s)
}

func newPhrase(s string) phrase {
	ws := chatWords(flow.SynonymWords(s))
	return phrase{ws, denies(ws)}
}

// phrases reads every synonyms:, unknown_words, wait_words,
// farewell_words and language_words phrase of set once: a
// question's phrases are compared with many messages.
func phrases(set *flow.Set) map[string]phrase {
	m := map[string]phrase{}
	add := func(byLang map[string][]string) {
		for _, ps := range byLang {
			for _, p := range ps {
				if _, ok := m[p]; !ok {
					m[p] = newPhrase(p)
				}
			}
		}
	}
	add(set.Common.UnknownWords)
	add(set.Common.WaitWords)
	add(set.Common.ButtonWords)
	add(set.Common.LanguageWords)
	add(set.Common.FarewellWords)
	add(set.Common.WithdrawWords)
	add(set.Common.ThingWords)
	for c := range choicesOf(set) {
		add(c.Synonyms)
	}
	for _, f := range set.Flows {
		for _, st := range f.Steps {
			if st.FollowUp != nil {
				for _, a := range st.FollowUp.Answers {
					add(a.Synonyms) // a check-in's, read as a question's (checkInChoose)
				}
			}
		}
	}
	return m
}

// in reports whether one of cls holds p's words in a row; with
// sameNegation, in a clause that denies as p does.
func (p phrase) in(cls []clause, sameNegation bool) bool {
	for range p.runs(cls, sameNegation) {
		return true
	}
	return false
}

// runs yields every place cls holds p's words (runAt); with
// sameNegation, only in clauses that deny as p does.
func (p phrase) runs(cls []clause, sameNegation bool) iter.Seq[span] {
	return func(yield func(span) bool) {
		if len(p.ws) == 0 {
			return
		}
		before := 0
		for ci, cl := range cls {
			if !sameNegation || cl.neg == p.neg {
				for i := range cl.ws {
					if n := runAt(cl.ws[i:], p.ws); n >= 0 && !yield(span{ci, i, n, before}) {
						return
					}
				}
			}
			before += len(cl.ws)
		}
	}
}

// runAt returns how many words from the start of cl the phrase words ws
// take, or -1 when cl does not start with them: each word as wordsAt
// compares it, a flow.Gap taking up to flow.MaxGap words of cl ("don't
// have ... number" takes "don t have the invoice number").
func runAt(cl, ws []string) int {
	for j, w := range ws {
		if w == flow.Gap {
			for skip := 0; skip <= flow.MaxGap && j+skip <= len(cl); skip++ {
				if n := runAt(cl[j+skip:], ws[j+1:]); n >= 0 {
					return j + skip + n
				}
			}
			return -1
		}
		if j >= len(cl) || !wordsAt(cl[j:j+1], ws[j:j+1]) {
			return -1
		}
	}
	return len(ws)
}

// mark sets, in marks (one slice per clause of cls, as long as its
// words), every word of every run of p's words (as in finds them), and
// returns where the last run ends (words from the start of the message),
// or -1 for none.
func (p phrase) mark(cls []clause, sameNegation bool, marks [][]bool) int {
	end := -1
	for sp := range p.runs(cls, sameNegation) {
		for j := sp.at; j < sp.at+sp.n; j++ {
			marks[sp.cl][j] = true
		}
		end = sp.before + sp.at + sp.n
	}
	return end
}

// unmarked returns the words of cls that marks leaves out, the clauses
// joined by ". ".
func unmarked(cls []clause, marks [][]bool) string {
	var rest []string
	for ci, cl := range cls {
		var ws []string
		for i, w := range cl.ws {
			if !marks[ci][i] {
				ws = append(ws, w)
			}
		}
		if len(ws) > 0 {
			rest = append(rest, strings.Join(ws, " "))
		}
	}
	return strings.Join(rest, ". ")
}

// anchors returns, once each, the longest run of ASCII letters and
// digits of each phrase of byLang, in lower case. Phrases are read with
// accents, apostrophes and hyphens ignored (flow.SynonymWords), so an
// anchor holds none: « je vérifie » gives "rifie", found in "je verifie"
// as in « je vérifie », and "i'll get it" "get", found after a phone's
// "I’ll".
func anchors(byLang map[string][]string) []string {
	var out []string
	for _, ps := range byLang {
		for _, p := range ps {
			var long string
			for _, w := range strings.FieldsFunc(strings.ToLower(p), notASCIIWord) {
				if len(w) > len(long) {
					long = w
				}
			}
			if long != "" && !slices.Contains(out, long) {
				out = append(out, long)
			}
		}
	}
	return out
}

// notASCIIWord reports whether r is no ASCII letter or digit.
func notASCIIWord(r rune) bool {
	return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
}

// anchored reports whether text holds one of anchors (ASCII in lower
// case, see anchors), capitals ignored, with no allocation. It runs on every turn:
// the first byte is compared before the whole anchor, which made it ten
// times faster on a long message.
func anchored(text string, anchors []string) bool {
	for _, a := range anchors {
		c := a[0]
		for i := 0; i+len(a) <= len(text); i++ {
			if b := text[i]; (b == c || b|0x20 == c) && strings.EqualFold(text[i:i+len(a)], a) {
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
	return t.cannotSayIn(a, true)
}

// cannotSayOnly reports whether the message says the person cannot give
// what a asks (cannotSay) and asks for nothing else. "i lost the
// confirmation email" at "what is your order number?" names an e-mail,
// and the router, sure of the sign-in flow from that word, took the
// person there (digress); "I lost the receipt" went to the payment flow.
// The ask's on_fail, help to find the number, answers them. What a
// message says besides ("I don't know, I want to cancel instead") still
// leaves for its flow.
func (t *turn) cannotSayOnly(a *flow.Ask) bool {
	if !t.cannotSay(a) {
		return false
	}
	_, asks := t.asksBesides(t.e.flows.Common.UnknownWords[t.lang], false)
	return !asks
}

// cannotSayIn is cannotSay, with the phrases that hold a gap when gaps.
// Those name what is gone ("lost ... receipt", "don't have ... invoice"):
// the number may still be in the message ("i lost the receipt, the order
// was AB-123456"), so they never keep a sentence's number from being
// taken (answer), as only the phrases saying "I don't have it" do.
func (t *turn) cannotSayIn(a *flow.Ask, gaps bool) bool {
	ps := t.e.flows.Common.UnknownWords[t.lang]
	if len(ps) == 0 || a.Validate == flow.ValidateText {
		return false
	}
	// Not knowing is said with or without a "not" around it ("jsp, je
	// l'ai pas"): the phrase is heard whatever its clause denies.
	cls := clausesOf(t.text)
	for _, p := range ps {
		ph := t.e.phrase(p)
		if !gaps && slices.Contains(ph.ws, flow.Gap) {
			continue
		}
		if ph.in(cls, false) {
			return true
		}
	}
	return false
}

// bareContractions are English contractions typed without their
// apostrophe, as the words the same contraction with it reads as
// ("didnt": "didn t", as "didn't" is "didn", "t"): "my order didnt come"
// names the "didn't come" of a button, as "didn't" does. « dont » is
// French too (« la commande dont je parle »), and is left as it is.
var bareContractions = map[string]string{
	"didnt": "didn t", "doesnt": "doesn t", "isnt": "isn t", "wasnt": "wasn t", "arent": "aren t", "werent": "weren t",
	"hasnt": "hasn t", "havent": "haven t", "hadnt": "hadn t", "cant": "can t", "couldnt": "couldn t", "wouldnt": "wouldn t",
	"shouldnt": "shouldn t", "wont": "won t", "aint": "ain t", "mustnt": "mustn t", "neednt": "needn t",
	"im": "i m", "ive": "i ve", "youre": "you re", "theyre": "they re", "thats": "that s", "whats": "what s", "theres": "there s",
}
