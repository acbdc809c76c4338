package flow

import (
	"maps"
	"slices"
	"strings"
	"unicode"
)

// slotNames lists the well-formed {{slot}} names of a text, once each, in order.
func slotNames(text string) []string {
	var names []string
	for _, p := range scan(text) {
		if p.name != "" && !slices.Contains(names, p.name) {
			names = append(names, p.name)
		}
	}
	return names
}

// promiseWords are the words of a commitment (money back, a gift, a date, a
// delay, a guarantee) that a simple variant may only use when its text
// does: a plainer sentence must never promise more. A trailing * matches
// any ending; case and accents are ignored. They are no customer-facing
// text: they only guard what support leads write.
var promiseWords = []string{
	// English
	"refund*", "reimburs*", "compensat*", "guarantee*", "guaranti*", "warrant*",
	"for free", "free of charge", "voucher*", "coupon*", "discount*", "cashback",
	"credit*", "promise*", "waive*", "replace*", "money", "tomorrow", "tonight", "today",
	"hour", "hours", "day", "days", "week*", "month*", "soon", "asap", "immediately",
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	// French
	"rembours*", "dedommag*", "indemni*", "compens*", "garanti*", "gratuit*", "offert*",
	"offrir", "offrons", "geste commercial", "bon d achat", "reduction*", "remise*",
	"promet*", "promis*", "promesse*", "remplac*", "argent", "demain", "aujourd",
	"ce soir", "heure", "heures", "jour", "jours", "semaine*", "mois", "bientot",
	"immediatement", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
	"dimanche",
}

// newPromises returns the commitment words and the numbers that simple
// says and full does not, as written in simple and in its order.
func newPromises(full, simple string) []string {
	fw, sw := words(full), words(simple)
	found := map[int]int{} // start in sw → length
	for i, w := range sw {
		if w.key[0] >= '0' && w.key[0] <= '9' && find(fw, []string{w.key}) < 0 {
			found[i] = 1
		}
	}
	for _, p := range promiseWords {
		phrase := strings.Fields(p)
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
			out = append(out, word{w[:i], w[:i]}, word{w[i:], fold(w[i:])})
			continue
		}
		out = append(out, word{w, fold(w)})
	}
	return out
}

// fold lowercases s and removes the accents of Latin letters.
func fold(s string) string {
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
	'œ': "oe", 'æ': "ae",
}
