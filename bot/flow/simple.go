package flow

import (
	"maps"
	"slices"
	"strings"
	"unicode"
)

// CommitmentWords returns, per language, the words of a commitment (money
// back, a gift, a guarantee) that a text may only use where the text it
// stands for does: a rephrase of the script (bot/llm), a simple variant of
// the full text (here). "refund*" matches every word starting with
// "refund", "money back" is a phrase, and an entry starting with "-" is an
// exception that never counts ("-feel free" lets "feel free to write"
// through while "free" is a commitment). Case and accents are ignored
// (see Fold). They are no customer-facing text: they only guard what a
// model or a support lead writes. The map is a fresh copy, to extend.
func CommitmentWords() map[string][]string {
	return map[string][]string{
		"en": {
			"refund*", "reimburs*", "compensat*", "guarantee*", "guaranti*", "warrant*",
			"free", "freebie*", "no charge", "no cost", "voucher*", "coupon*", "discount*",
			"gift card*", "cashback", "money back", "promise*", "waive*", "rebate*",
			"store credit", "credit note", "credited", "credit your", "goodwill",
			"on the house", "make it up to you", "pay you back", "paid back", "money returned",
			"return your money", "cover the cost", "make it right", "complimentary", "at our expense",
			"prize*", "winner*", "lottery", "jackpot", "reward*", "bonus*", "upgrade*",
			"-feel free", "-toll free",
		},
		"fr": {
			"rembours*", "dedommag*", "indemni*", "compens*", "garanti*", "gratuit*",
			"offert*", "offrir", "offrons", "geste commercial", "bon d'achat", "bons d'achat",
			"code promo", "reduction*", "remise*", "ristourne*", "promet*", "promis*",
			"promesse*", "sans frais", "a nos frais", "cadeau*", "gagnant*", "recompense*",
			"bonus", "loterie",
		},
	}
}

// promiseWords are what a simple variant may only say when its full text
// does, as phrases of folded words: a plainer sentence must never promise
// more. They are the commitment words of every language, a credit, a
// replacement or money, and a date or a delay; exceptions are blanked out
// first.
var promiseWords, promiseExceptions = func() (words, exceptions [][]string) {
	lists := CommitmentWords()
	lists["en"] = append(lists["en"], "credit*", "replace*", "money", "tomorrow", "tonight", "today",
		"hour", "hours", "day", "days", "week*", "month*", "soon", "asap", "immediately",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
	lists["fr"] = append(lists["fr"], "remplac*", "argent", "demain", "aujourd", "ce soir",
		"heure", "heures", "jour", "jours", "semaine*", "mois", "bientot", "immediatement",
		"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
	for _, lang := range []string{"en", "fr"} {
		for _, e := range lists[lang] {
			e, ex := strings.CutPrefix(e, "-")
			phrase := strings.FieldsFunc(Fold(e), func(r rune) bool {
				return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '*'
			})
			if ex {
				exceptions = append(exceptions, phrase)
			} else {
				words = append(words, phrase)
			}
		}
	}
	return words, exceptions
}()

// newPromises returns the commitment words and the numbers that simple
// says and full does not, as written in simple and in its order.
func newPromises(full, simple string) []string {
	fw, sw := blankExceptions(words(full)), blankExceptions(words(simple))
	found := map[int]int{} // start in sw → length
	for i, w := range sw {
		if w.key != "" && w.key[0] >= '0' && w.key[0] <= '9' && find(fw, []string{w.key}) < 0 {
			found[i] = 1
		}
	}
	for _, phrase := range promiseWords {
		for from := 0; from < len(sw); {
			at := find(sw[from:], phrase)
			if at < 0 {
				break
			}
			if find(fw, phrase) < 0 {
				found[from+at] = max(found[from+at], len(phrase))
			}
			from += at + 1
		}
	}
	var out []string
	for _, i := range slices.Sorted(maps.Keys(found)) {
		var said []string
		for _, w := range sw[i : i+found[i]] {
			said = append(said, w.orig)
		}
		if s := strings.Join(said, " "); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// blankExceptions blanks the keys of the words of promise exceptions
// ("feel free"), so that no promise word matches them.
func blankExceptions(ws []word) []word { return blankPhrases(ws, promiseExceptions) }

// blankPhrases blanks the keys of the words of phrases in ws.
func blankPhrases(ws []word, phrases [][]string) []word {
	for _, phrase := range phrases {
		for from := 0; from < len(ws); {
			at := find(ws[from:], phrase)
			if at < 0 {
				break
			}
			for i := range phrase {
				ws[from+at+i].key = ""
			}
			from += at + 1
		}
	}
	return ws
}

// word is one word of a text: as written, and folded for matching.
type word struct{ orig, key string }

// find returns where phrase starts in ws, or -1. A word of phrase ending
// in * matches any word that starts with the rest.
func find(ws []word, phrase []string) int {
	for i := 0; i+len(phrase) <= len(ws); i++ {
		ok := true
		for j, p := range phrase {
			w := ws[i+j].key
			if pre, star := strings.CutSuffix(p, "*"); star {
				ok = strings.HasPrefix(w, pre)
			} else {
				ok = w == p
			}
			if !ok {
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

// words splits a text into words, leaving out its {{templates}}; a number
// stays whole ("AB-123456" gives "AB" and "123456", "48h" gives "48" and "h").
func words(text string) []word {
	var b strings.Builder
	last := 0
	for _, p := range scan(text) {
		b.WriteString(text[last:p.start])
		b.WriteByte(' ')
		last = p.end
	}
	b.WriteString(text[last:])
	var out []word
	for _, w := range strings.FieldsFunc(b.String(), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if i := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }); i > 0 {
			out = append(out, word{w[:i], w[:i]}, word{w[i:], Fold(w[i:])})
			continue
		}
		out = append(out, word{w, Fold(w)})
	}
	return out
}

// Fold lowercases s and removes the accents of Latin letters, so that word
// lists match "Dédommagé" and "dedommage" alike without a Unicode
// normalization dependency.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToLower(s) {
		if f, ok := accentFold[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

var accentFold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a",
	'ç': "c",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i",
	'ñ': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u",
	'ý': "y", 'ÿ': "y",
	'œ': "oe", 'æ': "ae", 'ß': "ss",
}

// SynonymWords returns the words of a synonyms: phrase as the engine compares
// them with a message: folded (lower case, no accents), split at anything
// but letters and digits, a final * kept ("rembours*"), and "..." (or
// "…") between two words kept as Gap: up to MaxGap words of the message
// may stand there ("don't have ... number" holds "I don't have the
// invoice number").
func SynonymWords(phrase string) []string {
	phrase = strings.NewReplacer("...", " "+Gap+" ", Gap, " "+Gap+" ").Replace(phrase)
	return strings.FieldsFunc(Fold(phrase), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '*' && r != '…'
	})
}

// Gap is the word of a phrase that up to MaxGap words of a message may
// fill (SynonymWords).
const Gap = "…"

// MaxGap is the most words a Gap of a phrase stands for.
const MaxGap = 3

// MaxGaps is the most Gaps a phrase holds: each multiplies by MaxGap+1
// the ways the engine tries it at each word of a message.
const MaxGaps = 2

// gapTakes reports whether the phrase words ws, with a Gap taking up to
// MaxGap words (as the engine compares a phrase with a message), take
// all of words, another phrase's words: a message holding them would
// hold both phrases over the same words, and the engine could not tell
// which button is meant (a phrase that takes more words than another is
// meant over it). A Gap of words is a word no other matches.
func gapTakes(words, ws []string) bool {
	if !slices.Contains(ws, Gap) {
		return false
	}
	for j, w := range ws {
		if w == Gap {
			for skip := 0; skip <= MaxGap && j+skip <= len(words); skip++ {
				if gapTakes(words[j+skip:], ws[j+1:]) || !slices.Contains(ws[j+1:], Gap) && sameWords(words[j+skip:], ws[j+1:]) {
					return true
				}
			}
			return false
		}
		if j >= len(words) || !sameWord(words[j], w) {
			return false
		}
	}
	return false
}

// sameWords reports whether words are ws, word for word (sameWord).
func sameWords(words, ws []string) bool {
	if len(words) != len(ws) {
		return false
	}
	for i, w := range ws {
		if !sameWord(words[i], w) {
			return false
		}
	}
	return true
}

// sameWord reports whether a phrase word w (a final * for any ending)
// takes the word x.
func sameWord(x, w string) bool {
	if x == Gap {
		return false
	}
	if stem, ok := strings.CutSuffix(w, "*"); ok {
		return strings.HasPrefix(x, stem)
	}
	return x == w
}
