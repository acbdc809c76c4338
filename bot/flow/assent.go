package flow

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
)

// A text that opens with assent ("Of course.", « Bien sûr. ») answers the
// message before it. When the text then speaks of a commitment (a refund,
// a compensation, a guarantee: CommitmentWords), the person who just asked
// "will you refund me?" hears a yes that no person decided, whatever the
// rest of the text says. Such a text must open otherwise: with what
// carebot will do ("I can record a refund request…"), never with a yes.

// assentOpeners are the openers of assent, as phrases of folded words.
var assentOpeners = map[string][][]string{
	"en": phrases("of course", "sure", "certainly", "absolutely", "definitely", "yes", "yeah",
		"gladly", "no problem", "happy to", "will do", "right away", "consider it done",
		"ok", "okay", "alright", "all right", "no worries"),
	"fr": phrases("bien sur", "bien entendu", "oui", "certainement", "absolument", "evidemment",
		"volontiers", "avec plaisir", "pas de probleme", "sans probleme", "tout a fait",
		"c'est entendu", "entendu", "c'est fait", "d'accord", "ok", "ca marche",
		"pas de souci", "pas de soucis", "aucun probleme", "aucun souci"),
}

// denied reports whether the word at i of ws is said under a negation: a
// "not", "can't", « ne … pas », « rien »… among the negScope words before
// it, with no "but" (« mais ») between. "I can't promise a refund myself"
// promises nothing: it is the honest way to say it. "no" is left out: it
// opens "no problem" and belongs to "no charge".
func denied(ws []word, i, from int) bool {
	for j := i - 1; j >= max(from, i-negScope); j-- {
		switch k := ws[j].key; {
		case k == "but" || k == "mais" || k == "however" || k == "cependant":
			return false
		case negators[k], k == "t" && j > 0 && strings.HasSuffix(ws[j-1].key, "n"):
			return true
		}
	}
	return false
}

const negScope = 6

var negators = map[string]bool{
	"not": true, "never": true, "cannot": true, "nobody": true, "nothing": true,
	"ne": true, "n": true, "pas": true, "jamais": true, "rien": true, "aucun": true, "aucune": true, "ni": true,
}

// commitmentPhrases are CommitmentWords as phrases of folded words, by
// language, and their exceptions.
var commitmentPhrases, commitmentExceptions = func() (words, exceptions map[string][][]string) {
	words, exceptions = map[string][][]string{}, map[string][][]string{}
	for lang, list := range CommitmentWords() {
		for _, e := range list {
			e, ex := strings.CutPrefix(e, "-")
			if ex {
				exceptions[lang] = append(exceptions[lang], phrases(e)...)
			} else {
				words[lang] = append(words[lang], phrases(e)...)
			}
		}
	}
	return words, exceptions
}()

// phrases splits each of ps into folded words, as words does a text,
// keeping a word's final * (a prefix: see find).
func phrases(ps ...string) [][]string {
	out := make([][]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, strings.FieldsFunc(Fold(p), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '*'
		}))
	}
	return out
}

// AssentBeforeCommitment reports whether text, in lang, opens with assent
// and speaks of a commitment; it returns the opener and the commitment as
// written. Languages without openers report nothing.
func AssentBeforeCommitment(lang, text string) (opener, commitment string, ok bool) {
	ws := words(text)
	var n int
	for _, p := range assentOpeners[lang] {
		if len(p) <= len(ws) && find(ws[:len(p)], p) == 0 {
			n = len(p)
			break
		}
	}
	if n == 0 {
		return "", "", false
	}
	ws = blankPhrases(ws, commitmentExceptions[lang])
	for _, p := range commitmentPhrases[lang] {
		for from := n; from < len(ws); {
			at := find(ws[from:], p)
			if at < 0 {
				break
			}
			if at += from; !denied(ws, at, n) {
				return joinOrig(ws[:n]), joinOrig(ws[at : at+len(p)]), true
			}
			from = at + 1
		}
	}
	return "", "", false
}

func joinOrig(ws []word) string {
	s := make([]string, len(ws))
	for i, w := range ws {
		s[i] = w.orig
	}
	return strings.Join(s, " ")
}

// AssentPromises finds every text of set, in every language and variant
// (the simple and the unstaffed ones too), that opens with assent and
// speaks of a commitment (see AssentBeforeCommitment).
func AssentPromises(set *Set) []*Error {
	var out []*Error
	eachText(set, func(t Text, where string) {
		for _, v := range variants(t) {
			for _, lang := range slices.Sorted(maps.Keys(v)) {
				if opener, c, ok := AssentBeforeCommitment(lang, v[lang]); ok {
					out = append(out, &Error{Pos: t.Pos, Msg: fmt.Sprintf("%s (%s) opens with %q and speaks of %q: after \"will you refund me?\" it reads as a yes nobody decided; open with what carebot does instead", where, lang, opener, c)})
					return
				}
			}
		}
	})
	return out
}

// variants are the texts of t by language: the usual, the simple and the
// unstaffed ones.
func variants(t Text) []map[string]string {
	vs := []map[string]string{t.ByLang, t.Simple}
	if t.Unstaffed != nil {
		vs = append(vs, t.Unstaffed.ByLang)
	}
	return vs
}

// eachText calls check for every text of set a person may read, with
// where it is said: the steps' texts, what the person is told as a
// request goes to a team, common.yaml's messages and texts.yaml.
func eachText(set *Set, check func(t Text, where string)) {
	for _, id := range slices.Sorted(maps.Keys(set.Flows)) {
		f := set.Flows[id]
		for _, st := range f.Steps {
			stepTexts(f, st, check)
			where := fmt.Sprintf("step %s.%s", f.ID, st.ID)
			if h := st.Handoff; h != nil {
				// What the person is told as the request goes to a team
				// ("Of course: your refund request is with…") answers too.
				check(h.Text, "the hand-off text of "+where)
				check(h.Closed, "the hand-off's closing text of "+where)
				check(h.Waiting, "the hand-off's waiting text of "+where)
			}
			if fu := st.FollowUp; fu != nil {
				for _, a := range fu.Answers {
					if a.Handoff != nil {
						check(a.Handoff.Text, fmt.Sprintf("the hand-off text of the check-in answer %q of %s", a.ID, where))
					}
				}
			}
		}
	}
	for _, key := range slices.Sorted(maps.Keys(set.Common.Messages)) {
		check(set.Common.Messages[key], "the message "+key)
	}
	for _, key := range slices.Sorted(maps.Keys(set.Texts)) {
		check(set.Texts[key], "the text "+key)
	}
}

// Honesty runs the checks of what a text may promise that loading a set
// does not: a person who may not come (UnstaffedPromises), a yes to a
// commitment (AssentPromises) and a refund or compensation promised
// outright (FlatPromises). Every way flows are put to use runs them:
// carebot flows validate, serve and chat at start, a hot reload, the
// studio.
func Honesty(set *Set) Errors {
	assent := AssentPromises(set)
	es := append(UnstaffedPromises(set), assent...)
	said := map[Pos]bool{}
	for _, e := range assent {
		said[e.Pos] = true
	}
	for _, e := range FlatPromises(set) {
		if !said[e.Pos] { // "Of course, you'll get a refund": the yes is the problem to fix first
			es = append(es, e)
		}
	}
	if len(es) == 0 {
		return nil
	}
	return Errors(es)
}
