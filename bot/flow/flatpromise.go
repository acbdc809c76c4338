package flow

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// A text that tells the person, flatly, "you will get a full refund" or
// « vous serez remboursé » promises what only a person may decide (the
// flows README: "you will be refunded" is not ours to say). The assent
// check catches a yes before a commitment; this one catches the promise
// itself, wherever it stands in the text, unless it is said under a
// negation ("I can't promise you will be refunded") or a condition ("if
// the team approves it, you will be refunded"): the honest ways to say it.

// flatPromises are the promises, as phrases of folded words, by language.
var flatPromises = func() map[string][][]string {
	en := []string{
		"you will be refunded", "you ll be refunded", "you will be reimbursed", "you ll be reimbursed",
		"you will be compensated", "you ll be compensated", "you will be fully refunded", "you ll be fully refunded",
		"we will refund*", "we ll refund*", "we will reimburse*", "we ll reimburse*", "we will compensate*", "we ll compensate*",
		"i will refund*", "i ll refund*",
		"your refund is on its way", "your money is on its way", "your replacement is on its way",
	}
	for _, verb := range []string{"you will get", "you ll get", "you will receive", "you ll receive", "you will have", "you ll have",
		"we will send you", "we ll send you", "we will give you", "we ll give you", "i will send you", "i ll send you"} {
		for _, obj := range []string{"a refund", "a full refund", "your refund", "your money back", "a replacement", "a new one",
			"a voucher", "compensation", "a compensation"} {
			en = append(en, verb+" "+obj)
		}
	}
	fr := []string{
		"vous serez rembours*", "vous serez integralement rembours*", "vous serez dedommag*", "vous serez indemnis*",
		"vous allez etre rembours*", "vous allez etre dedommag*",
		"nous vous rembourserons", "nous allons vous rembourser", "je vais vous rembourser", "on va vous rembourser",
		"nous vous dedommagerons", "nous allons vous dedommager", "on va vous dedommager",
		"votre remboursement est en route", "votre argent est en route", "votre nouvel article est en route",
	}
	for _, verb := range []string{"vous recevrez", "vous allez recevoir", "vous obtiendrez", "vous aurez",
		"nous vous enverrons", "nous allons vous envoyer"} {
		for _, obj := range []string{"un remboursement", "votre remboursement", "un dedommagement", "une indemnisation",
			"un avoir", "un bon d achat", "un nouvel article", "un remplacement"} {
			fr = append(fr, verb+" "+obj)
		}
	}
	return map[string][][]string{"en": phrases(en...), "fr": phrases(fr...)}
}()

// conditions open a clause that makes what follows depend on something:
// "if the team approves it, you will be refunded" promises nothing.
var conditions = map[string]bool{
	"if": true, "once": true, "when": true, "whether": true, "should": true, "unless": true,
	"si": true, "lorsque": true, "quand": true, "fois": true, "des": true, // une fois que, dès que
}

// condScope is how many words before a promise a condition still governs
// it: a clause, not the whole text.
const condScope = 10

// FlatPromise reports whether text, in lang, tells the person flatly that
// they will be refunded, compensated or sent a replacement, and returns
// the promise as written. Languages without phrases report nothing. A
// negation counts in the promise's own clause ("don't worry, you'll be
// refunded" promises); a condition in its sentence ("if the team agrees,
// you'll be refunded" does not).
func FlatPromise(lang, text string) (string, bool) {
	if flatPromises[lang] == nil {
		return "", false
	}
	for _, sentence := range strings.FieldsFunc(text, func(r rune) bool { return strings.ContainsRune(".!?;:", r) }) {
		var ws []word
		var clauseAt []int // for each word, where its clause starts in ws
		for _, clause := range strings.Split(sentence, ",") {
			start := len(ws)
			for _, w := range words(clause) {
				ws = append(ws, w)
				clauseAt = append(clauseAt, start)
			}
		}
		for _, p := range flatPromises[lang] {
			for from := 0; from < len(ws); {
				at := find(ws[from:], p)
				if at < 0 {
					break
				}
				if at += from; !denied(ws, at, clauseAt[at]) && !conditional(ws, at) && !conditionAfter(ws, at+len(p)) {
					return joinOrig(ws[at : at+len(p)]), true
				}
				from = at + 1
			}
		}
	}
	return "", false
}

func conditional(ws []word, i int) bool {
	for j := i - 1; j >= max(0, i-condScope); j-- {
		if conditions[ws[j].key] {
			return true
		}
	}
	return false
}

// conditionAfter reports a condition said after the promise that ends
// at word i, in its sentence: "you will be refunded if the team approves
// it", "you will be refunded only once the team has approved it", « vous
// serez remboursé seulement si l'équipe l'accepte » promise nothing, as
// the same condition said first does not (review24: they were refused
// as flat promises). A time is no condition ("we'll refund you when the
// parcel is back", "once it is back"), nor is "even if" / « même si »
// ("you will be refunded, even if it takes a while" promises).
func conditionAfter(ws []word, i int) bool {
	for j := i; j < min(len(ws), i+condScope); j++ {
		k := ws[j].key
		prev := ""
		if j > 0 {
			prev = ws[j-1].key
		}
		switch {
		case afterConditions[k] && prev != "even" && prev != "meme":
			return true
		case onlyWords[k] && j+1 < len(ws) && (conditions[ws[j+1].key] || ws[j+1].key == "after" || ws[j+1].key == "apres"):
			return true
		}
	}
	return false
}

// afterConditions make a promise said before them depend on something:
// "…if the team approves it", "…provided the item is unused", « … sous
// réserve d'acceptation », « … à condition que ».
var afterConditions = map[string]bool{
	"if": true, "provided": true, "providing": true, "subject": true,
	"si": true, "condition": true, "reserve": true,
}

// onlyWords, before a condition or a time ("only once", "only after", «
// seulement si », « uniquement après »), make one of it.
var onlyWords = map[string]bool{"only": true, "seulement": true, "uniquement": true}

// FlatPromises finds every text of set, in every language and variant,
// that tells the person flatly they will be refunded or compensated (see
// FlatPromise).
func FlatPromises(set *Set) []*Error {
	var out []*Error
	eachText(set, func(t Text, where string) {
		for _, v := range variants(t) {
			for _, lang := range slices.Sorted(maps.Keys(v)) {
				if p, ok := FlatPromise(lang, v[lang]); ok {
					out = append(out, &Error{Pos: t.Pos, Msg: fmt.Sprintf("%s (%s) says %q: that is a promise only a person may make, once they have checked; say who decides and what happens next instead, like \"I pass your request to our billing team: a person decides and replies to you here\"", where, lang, p)})
					return
				}
			}
		}
	})
	return out
}
