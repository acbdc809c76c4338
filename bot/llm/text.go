package llm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/carebot/carebot/bot/flow"
)

// normalize maps the typographic variants a model likes to write (curly
// apostrophes, non-breaking and thin spaces, Unicode dashes) to plain ASCII,
// so that "A‑1234" written with a non-breaking hyphen is still the order
// number A-1234 and "12 €" with a narrow no-break space is still 12 €.
func normalize(s string) string {
	return normalizer.Replace(s)
}

var normalizer = strings.NewReplacer(
	"\u2019", "'", "\u2018", "'", "\u02bc", "'", "\u00b4", "'",
	"\u00a0", " ", "\u202f", " ", "\u2009", " ", "\u2007", " ", "\u200a", " ",
	"\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-", "\u2212", "-",
	"\uff1f", "?", "\u201c", "\"", "\u201d", "\"",
)

// elisions are the French words that lose their vowel before another word
// ("l'adresse", "qu'il"): they are split off so that "l'indemnisation" is
// the two words "l" and "indemnisation". English contractions ("don't",
// "we'll") are kept whole.
var elisions = map[string]bool{
	"l": true, "d": true, "j": true, "n": true, "s": true, "c": true, "m": true, "t": true,
	"qu": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true,
}

// words splits already folded text into words: runs of letters and digits,
// with apostrophes kept inside a word except after a French elision.
func words(folded string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := strings.Trim(folded[start:end], "'")
		start = -1
		if w == "" {
			return
		}
		if i := strings.IndexByte(w, '\''); i > 0 && elisions[w[:i]] {
			out = append(out, w[:i])
			w = strings.Trim(w[i+1:], "'")
			if w == "" {
				return
			}
		}
		out = append(out, w)
	}
	for i, r := range folded {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || (r == '\'' && start >= 0) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(folded))
	return out
}

func hasDigit(s string) bool {
	return strings.IndexFunc(s, unicode.IsDigit) >= 0
}

func runeLen(s string) int { return utf8.RuneCountInString(s) }

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// Function words of each language, folded. Words that both languages use
// ("a", "on", "me", "as", "an", "son", "or"…) are in neither list, so they
// never tip the balance.
var (
	enWords = set(
		"the", "and", "you", "your", "yours", "is", "are", "was", "were", "be", "been", "being",
		"have", "has", "had", "will", "would", "can", "could", "should", "shall", "must", "might",
		"of", "to", "in", "for", "with", "this", "that", "these", "those", "it", "its", "we", "our",
		"ours", "us", "i", "my", "they", "their", "them", "he", "she", "his", "her", "not", "no",
		"do", "does", "did", "at", "by", "from", "what", "when", "where", "which", "who", "how",
		"if", "but", "so", "all", "any", "there", "here", "please", "thank", "thanks", "sorry",
		"hello", "hi", "just", "about", "into", "than", "then", "also", "very", "now", "today",
		"again", "yet", "still", "don't", "can't", "won't", "it's", "we're", "you're", "we'll",
		"you'll", "i'm", "we've", "you've", "i've", "i'll", "let's", "that's", "isn't",
		"doesn't", "didn't", "aren't", "wasn't", "there's", "here's", "what's", "cannot", "yes",
		"order", "help", "get", "know", "let", "want", "need", "soon", "back", "like",
		"happy", "glad", "understand", "day", "days", "right", "away", "team", "while",
		"some", "more", "other", "anything", "everything", "something", "ready", "without",
	)
	frWords = set(
		"le", "la", "les", "un", "une", "des", "du", "de", "et", "est", "sont", "vous", "votre",
		"vos", "nous", "notre", "nos", "je", "j", "tu", "il", "elle", "ils", "elles", "ce",
		"cette", "ces", "cet", "qui", "que", "qu", "quoi", "dans", "pour", "avec", "sur", "sous",
		"par", "pas", "ne", "n", "plus", "mais", "ou", "donc", "car", "au", "aux", "mon", "mes",
		"ton", "ta", "tes", "sa", "ses", "leur", "leurs", "ete", "etre", "avoir", "avez",
		"avons", "ont", "sera", "serez", "serons", "pouvez", "pouvons", "peut", "peux", "merci",
		"bonjour", "desole", "desolee", "svp", "tres", "bien", "aussi", "l", "c", "deja",
		"encore", "commande", "aujourd", "hui", "demain", "oui", "non", "voici",
		"cela", "ca", "tout", "tous", "toute", "toutes", "chez", "entre", "vers",
		"jour", "jours", "heures", "comprends", "aider", "besoin", "souhaitez", "voulez",
		"puis", "ai", "fait", "faire", "va", "vais", "allons", "sommes", "etes",
		"d", "s", "m", "t", "si", "quand", "comme", "apres", "avant", "depuis", "moment", "maintenant",
	)
	// otherWords are common function words of the other languages a model
	// drifts into (Spanish, German, Italian, Portuguese): enough of them and
	// the text is neither English nor French.
	otherWords = set(
		"el", "los", "las", "esta", "usted", "sus", "pedido", "por", "para", "con",
		"gracias", "muy", "hola", "del", "una", "pero", "como", "estamos", "puede",
		"der", "die", "das", "und", "ist", "nicht", "sie", "ihre", "ihr", "wir", "ein", "eine",
		"mit", "fur", "auf", "bitte", "danke", "ich", "zu", "den", "dem", "werden", "wird",
		"gli", "sono", "grazie", "della", "questo", "ordine", "lo", "nel", "ciao",
		"nao", "voce", "obrigado", "obrigada", "seu", "sua", "uma",
	)
)

// frAccents are the letters that mark French among the two languages.
const frAccents = "éèêàâçùûîïôœ"

// Languages the guardrails can verify.
const (
	LangEnglish = "en"
	LangFrench  = "fr"
)

func supported(lang string) bool { return lang == LangEnglish || lang == LangFrench }

// baseLang reduces "fr-FR" or "en_GB" to "fr" or "en".
func baseLang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return tag
}

// langOther is what DetectLang returns for text that is clearly neither
// English nor French.
const langOther = "other"

// DetectLang tells whether text is English ("en"), French ("fr"), another
// language ("other") or too short or mixed to tell (""). It counts function
// words, the way a person recognises a language from "the" or "vous", and
// needs no model: the guardrails only have to tell en from fr from neither.
func DetectLang(text string) string {
	lang, _ := detectLang(text)
	return lang
}

// detectLang also returns the number of words, for callers that decide
// whether "can't tell" is acceptable.
func detectLang(text string) (string, int) {
	text = normalize(text)
	var en, fr, other int
	ws := words(flow.Fold(text))
	for _, w := range ws {
		switch {
		case enWords[w]:
			en++
		case frWords[w]:
			fr++
		case otherWords[w]:
			other++
		}
	}
	for _, w := range strings.Fields(strings.ToLower(text)) {
		if strings.ContainsAny(w, frAccents) {
			fr++
		}
	}
	top, lang, second := en, LangEnglish, max(fr, other)
	if fr > top {
		top, lang, second = fr, LangFrench, max(en, other)
	}
	if other > top {
		top, lang, second = other, langOther, max(en, fr)
	}
	if top < 2 || top < 2*second {
		return "", len(ws)
	}
	return lang, len(ws)
}
