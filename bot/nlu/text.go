package nlu

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on the work done for one message. People write a few lines; a
// 100 KB paste is read up to these limits so that a flood of bytes costs
// the same as a long message. A longer message is read at both ends, half
// each, because what matters most is often said last ("…anyway, I want to
// end it") or first: a crisis at the end of a long story must not fall
// past the limit.
const (
	maxBytes  = 4096 // bytes of the message that are read at all: the first and the last half
	maxTokens = 400  // tokens the features read (keepEnds): the first and the last half
	// readTokens bounds the tokens read before the middle ones are
	// dropped: every token of maxBytes bytes (one letter and a space each).
	readTokens = maxBytes/2 + 2
	// wordCut is how far a cut moves to fall between two words rather
	// than inside one.
	wordCut = 32
)

// token is one normalised word of a message: lower case, accents folded,
// apostrophes resolved. Its bytes are doc.buf[start:end].
type token struct {
	start, end int32
	stemEnd    int32 // the word's stem is buf[start:stemEnd] (see stemLen)
	clause     int32 // index of the clause (split at . , ; : ! ? and line breaks)
	caps       bool  // written in capitals ("NEVER", "SO"), two letters or more
	long       bool  // a letter was drawn out ("sooo", "nooon"): said with feeling
	// sent: the token begins a sentence (the text's start, or after . ! ?
	// … or a line break): an errand's frame holds in its own sentence
	// (pairedCrisis).
	sent bool
	num  int32 // value when the token is all digits (capped at 1e6), else -1
	// ask: a '?' follows the token (it ends a question); title: written
	// with a capital then small letters ("Panic"); quoted: inside quotation
	// marks ("…", « … », '…'). A feeling word in a question answered no,
	// or in a name ("the board game Panic Station", « le livre "La
	// Peur" »), is no feeling said (scopeFeeling).
	ask, title, quoted bool
	// joined: a '+' or '&' stands between the token and the one before
	// ("my order never came + you charged me twice"): two needs joined
	// as by "and" (routeTwoNeeds).
	joined bool
}

// doc is a normalised message: the bytes of its tokens separated by single
// spaces, and what was noticed on the way (exclamation marks, capitals,
// accented letters) for intensity and language.
type doc struct {
	buf      []byte
	toks     []token
	exclaim  int  // '!' count
	burst    bool // two marks in a row, "!!", "??", "?!" (spaces between allowed)
	capsToks int  // tokens written in capitals
	wordToks int  // tokens with letters
	accents  int  // accented Latin letters (é, ç, ü…): evidence for some languages
	jeSplits int  // chat 'je' words read as two (see chatJe)
	// wholeJe: normalize leaves chat 'je' words whole (the text is known
	// not to be French). Set by normalizeAs; reset leaves it.
	wholeJe bool
	// trainJe: only the first chat 'je' words (chatJe) are read as two,
	// as the learned signal's and the router's training rows are read
	// (normalizeTrain).
	trainJe bool
	// memo remembers, per token, which word classes it was tested
	// against and which it belongs to (see wordClass.memoHas).
	memo []classMemo
}

func (d *doc) reset() {
	d.buf = d.buf[:0]
	d.toks = d.toks[:0]
	d.exclaim, d.capsToks, d.wordToks, d.accents, d.jeSplits = 0, 0, 0, 0, 0
	d.burst = false
	d.memo = d.memo[:0]
}

// word returns the bytes of token i.
func (d *doc) word(i int) []byte {
	t := d.toks[i]
	return d.buf[t.start:t.end]
}

// stem returns the stem of token i.
func (d *doc) stem(i int) []byte {
	t := d.toks[i]
	return d.buf[t.start:t.stemEnd]
}

// stemLen is the length of a word's stem: a light, language-blind
// suffix stripping ("refunded", "refunds" → "refund"; "cancelling",
// "canceled" → "cancel"; "annulée" → "annul") that only ever shortens the
// word, so a stem is a prefix of it. Keywords are matched on stems, so a
// support lead's "talk to someone" also finds "talking to someone".
func stemLen(w []byte) int {
	n := len(w)
	if n <= 4 {
		return n
	}
	for _, suf := range [...]string{"ing", "ed", "es", "s", "e"} {
		if n-len(suf) >= 4 && string(w[n-len(suf):]) == suf {
			n -= len(suf)
			break
		}
	}
	if n >= 5 && w[n-1] == w[n-2] && !isVowel(w[n-1]) {
		n-- // "cancell" → "cancel"
	}
	return n
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'
}

// fold maps a lower-case rune to its unaccented form for the Latin letters
// that French, Spanish and German use, so that "réclamation", "reclamation"
// and "RÉCLAMATION" are one word. It returns 0 for runes it leaves alone.
// This is spelling normalisation, not vocabulary: it knows no words.
func fold(r rune) (a, b byte) {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å':
		return 'a', 0
	case 'ç':
		return 'c', 0
	case 'è', 'é', 'ê', 'ë':
		return 'e', 0
	case 'ì', 'í', 'î', 'ï':
		return 'i', 0
	case 'ñ':
		return 'n', 0
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø':
		return 'o', 0
	case 'ù', 'ú', 'û', 'ü':
		return 'u', 0
	case 'ý', 'ÿ':
		return 'y', 0
	case 'œ':
		return 'o', 'e'
	case 'æ':
		return 'a', 'e'
	case 'ß':
		return 's', 's'
	}
	return 0, 0
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == '‘' || r == '`' || r == 'ʼ'
}

func isClauseBreak(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', '\n', '\r', '(', ')', '[', ']', '"', '“', '”', '«', '»', '…', '¿', '¡':
		return true
	}
	return false
}

// emojiToken reports runes kept as one-rune tokens (emoji and other
// symbols): a crying or angry face is a feeling a lexicon may list.
func emojiToken(r rune) bool {
	return r >= 0x2600 && (unicode.Is(unicode.So, r) || (r >= 0x1F300 && r <= 0x1FAFF))
}

// normalize fills d from text. It never fails: invalid UTF-8 and control
// characters are separators, and only the first maxBytes bytes are read.
//
// Apostrophes: a French elision ("j'ai", "l'adresse", "qu'il": one letter or
// "qu" before, a vowel or h after) splits into two words ("j ai"); any other
// apostrophe inside a word joins it ("don't" → "dont", "I'm" → "im"), which
// matches how people type without apostrophes.
func normalize(d *doc, text string) {
	normalizeAs(d, text, true)
}

// normalizeTrain is normalize for the router's and the learned crisis
// signal's training rows: of the French chat words, only chatJe's are
// read as two ("jveux"), not chatJeVowel's or chatAbbrev's, as the rows
// were read when the learned signal's cut and its alarms were measured.
// A message is read with all of them: the lexicons hear "jpp de vivre";
// the learned signal then reads "j en peux plus", words it knows from
// rows written in full.
func normalizeTrain(d *doc, text string) {
	d.trainJe = true
	normalizeAs(d, text, true)
	d.trainJe = false
}

// normalizeAs is normalize, reading chat 'je' words ("jveux", "chui") as
// two words only if chatFr: false when the text is known not to be French.
func normalizeAs(d *doc, text string, chatFr bool) {
	text = Uncensor(text) // "k*ll myself", "f***ing": censored.go
	d.reset()
	d.wholeJe = !chatFr
	if len(text) > maxBytes {
		head, tail := ends(text, maxBytes/2)
		normalizeText(d, head, 0)
		normalizeText(d, tail, d.nextClause())
	} else {
		normalizeText(d, text, 0)
	}
}

// ends returns the first and the last n bytes of text (n ≤ len(text)/2),
// each cut between two words when a space is near, never inside a
// character.
func ends(text string, n int) (head, tail string) {
	h := n
	for k := h; k > n-wordCut && k > 0; k-- {
		if text[k] == ' ' || text[k] == '\n' {
			h = k
			break
		}
	}
	for h > 0 && !utf8.RuneStart(text[h]) {
		h--
	}
	t := len(text) - n
	for k := t; k < len(text)-n+wordCut && k < len(text); k++ {
		if text[k] == ' ' || text[k] == '\n' {
			t = k + 1
			break
		}
	}
	for t < len(text) && !utf8.RuneStart(text[t]) {
		t++
	}
	return text[:h], text[t:]
}

// nextClause is the clause index after the last token's: text read from
// here on never joins the clause before.
func (d *doc) nextClause() int32 {
	if len(d.toks) == 0 {
		return 0
	}
	return d.toks[len(d.toks)-1].clause + 1
}

// without makes d the tokens of src not marked in drop (one flag per
// token of src, or none: every token), in order; the tokens after a gap start a new clause, so
// that no word pair spans the words dropped. d shares src's bytes: it is
// valid until src changes.
func (d *doc) without(src *doc, drop []bool) {
	d.reset()
	d.buf = src.buf
	shift, gap := int32(0), false
	for i, t := range src.toks {
		if len(drop) > 0 && drop[i] {
			gap = true
			continue
		}
		if gap {
			shift++
			gap = false
		}
		t.clause += shift
		d.toks = append(d.toks, t)
	}
}

// keepEnds keeps the first and the last maxTokens/2 tokens of a message
// with more than maxTokens, for the features (see appendFeatures); the
// last ones start a new clause, so that no feature spans the words
// dropped in between. Their bytes stay in buf, unused. The safety
// signals (crisis, a person, vulnerability) read every token before:
// a crisis in the middle of a long story is heard.
func (d *doc) keepEnds() {
	n := len(d.toks)
	if n <= maxTokens {
		return
	}
	half := maxTokens / 2
	cut := d.toks[half-1].clause
	copy(d.toks[half:], d.toks[n-(maxTokens-half):])
	d.toks = d.toks[:maxTokens]
	if d.toks[half].clause <= cut {
		shift := cut + 1 - d.toks[half].clause
		for i := half; i < len(d.toks); i++ {
			d.toks[i].clause += shift
		}
	}
}

// normalizeText appends the tokens of text to d, from clause on.
func normalizeText(d *doc, text string, clause int32) {
	inTok := false
	var tokStart int
	upper, lower := 0, 0
	run := 0 // how many times the last byte of the token repeats
	long := false
	// firstUpper: the token began with a capital; sentence: it began a
	// sentence (the text's start, or after . ! ? … or a line break, but
	// not after "M." or "Dr.").
	firstUpper, sentence := false, true
	// mark: the last rune that was not a space was '!' or '?'.
	mark := false
	// quote: inside quotation marks; single: opened by a single quote
	// ('Happy Panic'), which only a single quote after a word closes.
	quote, single := false, false
	// join: a '+' or '&' came after the last token (token.joined).
	join := false
	i := 0
	var emit func()
	endTok := func() {
		if !inTok {
			return
		}
		inTok = false
		if words, verb := d.chatFr(d.buf[tokStart:]); words != "" && (verb || !firstUpper || lower == 0) && len(d.toks)+strings.Count(words, " ") < readTokens && d.splitJe(firstUpper, sentence, upper, lower, text[i:]) {
			d.jeSplits++
			// "jveux" → "je veux", "jpp" → "j en peux plus": the words
			// as the entries are written.
			first, rest, _ := strings.Cut(words, " ")
			d.buf = append(d.buf[:tokStart], first...)
			for rest != "" {
				var w string
				w, rest, _ = strings.Cut(rest, " ")
				emit()
				d.buf = append(d.buf, ' ')
				tokStart = len(d.buf)
				d.buf = append(d.buf, w...)
			}
		}
		emit()
	}
	emit = func() {
		t := token{start: int32(tokStart), end: int32(len(d.buf)), clause: clause, num: -1, sent: sentence, quoted: quote}
		t.joined, join = join && len(d.toks) > 0, false
		t.title = firstUpper && upper == 1 && lower > 0
		w := d.buf[tokStart:]
		t.stemEnd = t.start + int32(stemLen(w))
		digits := true
		n := int32(0)
		for _, c := range w {
			if c < '0' || c > '9' {
				digits = false
				break
			}
			if n < 1e6 {
				n = n*10 + int32(c-'0')
			}
		}
		if digits {
			t.num = n
		} else {
			d.wordToks++
		}
		if upper >= 2 && lower == 0 {
			t.caps = true
			d.capsToks++
		}
		t.long = long
		upper, lower, run, long = 0, 0, 0, false
		firstUpper, sentence = false, false
		if len(d.toks) < readTokens {
			d.toks = append(d.toks, t)
		} else {
			d.buf = d.buf[:tokStart]
		}
	}
	startTok := func() {
		if inTok {
			return
		}
		if len(d.buf) > 0 {
			d.buf = append(d.buf, ' ')
		}
		tokStart = len(d.buf)
		inTok = true
	}
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if len(d.toks) >= readTokens {
			break
		}
		if r == '!' || r == '?' {
			d.burst = d.burst || mark
			mark = true
		} else if r != ' ' {
			mark = false
		}
		switch {
		case r == utf8.RuneError:
			endTok()
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if unicode.Is(unicode.Mn, r) { // combining accent: drop it, keep the word going
				continue
			}
			startTok()
			if unicode.IsUpper(r) {
				if len(d.buf) == tokStart {
					firstUpper = true
				}
				upper++
				r = unicode.ToLower(r)
			} else if unicode.IsLower(r) {
				lower++
			}
			if a, b := fold(r); a != 0 {
				d.accents++
				// An accented letter is never a drawn-out one: "frappée"
				// and "créée" keep their letters (run restarts after it).
				run = 0
				d.buf = append(d.buf, a)
				if b != 0 {
					d.buf = append(d.buf, b)
				}
			} else if r < utf8.RuneSelf {
				c := byte(r)
				if n := len(d.buf); n > tokStart && d.buf[n-1] == c && c >= 'a' {
					run++
				} else {
					run = 1
				}
				if run == 3 {
					// "sooo" → "so", "angryyy" → "angry": a drawn-out
					// letter is emphasis, not another word.
					d.buf = d.buf[:len(d.buf)-1]
					long = true
				} else if run < 3 {
					d.buf = append(d.buf, c)
				}
			} else {
				d.buf = utf8.AppendRune(d.buf, r)
			}
		case isApostrophe(r) && !inTok && !quote:
			// An opening single quote: 'Happy Panic'. Not the apostrophe
			// of "'cause" or "'til", which nothing closes.
			if next, _ := utf8.DecodeRuneInString(text[i:]); unicode.IsLetter(next) && closesQuote(text[i:]) {
				quote, single = true, true
			}
		case isApostrophe(r) && inTok:
			next, _ := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(next) {
				endTok()
				if single {
					quote, single = false, false
				}
				continue
			}
			w := d.buf[tokStart:]
			nl := unicode.ToLower(next)
			if a, _ := fold(nl); a != 0 {
				nl = rune(a)
			}
			vowelNext := nl == 'a' || nl == 'e' || nl == 'i' || nl == 'o' || nl == 'u' || nl == 'h' || nl == 'y'
			if vowelNext && (len(w) == 1 || string(w) == "qu") {
				endTok() // French elision: "j'ai" → "j ai"
			}
			// otherwise join: "don't" → "dont"
		case emojiToken(r):
			endTok()
			startTok()
			d.buf = utf8.AppendRune(d.buf, r)
			endTok()
		case (r == ':' || r == ';' || r == '=') && sadFace(text[i:]):
			// ":(", ":'(", ":-(" are a frowning face, as "☹" is.
			endTok()
			startTok()
			d.buf = utf8.AppendRune(d.buf, '☹')
			endTok()
			clause++
		default:
			wasTok := inTok
			endTok()
			if r == '!' {
				d.exclaim++
			}
			if r == '?' && len(d.toks) > 0 {
				d.toks[len(d.toks)-1].ask = true
			}
			if r == '+' || r == '&' {
				join = true
			}
			switch r {
			case '"':
				quote, single = !quote, false
			case '“', '«':
				quote, single = true, false
			case '”', '»':
				quote, single = false, false
			}
			if sentenceEnd(r) && !(r == '.' && wasTok && titleBefore(d)) {
				sentence = true
			}
			if isClauseBreak(r) {
				clause++
			}
		}
	}
	endTok()
}

// closesQuote reports whether a single quote closes a quotation in the
// clause that text starts: an apostrophe after a letter and before
// anything but a letter ("Happy Panic' board game").
func closesQuote(text string) bool {
	prevLetter := false
	for i, r := range text {
		switch {
		case isApostrophe(r):
			next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
			if prevLetter && !unicode.IsLetter(next) {
				return true
			}
		case isClauseBreak(r):
			return false
		}
		prevLetter = unicode.IsLetter(r)
	}
	return false
}

// chatJe maps "je" glued to its verb, as French is typed in chats
// ("jveux", "j'peux", "jme", "chui", "jai", "jen"), to the verb:
// normalizeText reads them as two words, "je veux", "j ai", so that every
// entry written with the verb hears them.
var chatJe = map[string]string{
	"jveux": "veux", "jvais": "vais", "jpeux": "peux", "jsuis": "suis",
	"chui": "suis", "chuis": "suis", "jme": "me", "jte": "te",
	"jsais": "sais", "jpense": "pense", "jcrois": "crois", "jdois": "dois",
	"jvoudrais": "voudrais", "jpourrais": "pourrais", "jvois": "vois",
	"jfais": "fais", "jveut": "veux", "jveu": "veux", "jpeu": "peux",
	"jsui": "suis", "chu": "suis", "shui": "suis", "jvx": "veux", "jpx": "peux",
	"jsens": "sens", "jtiens": "tiens", "jpars": "pars", "jvoulais": "voulais",
	"jpouvais": "pouvais", "jsavais": "savais", "jcomprends": "comprends",
	"jdis": "dis", "jreve": "reve", "jprefere": "prefere", "jprefererais": "prefererais",
	"jtrouve": "trouve", "jmerite": "merite", "jsupporte": "supporte",
	"jserai": "serai", "jserais": "serais", "jpensais": "pensais", "jsouhaite": "souhaite",
	"jcompte": "compte", "jviens": "viens", "jreviendrai": "reviendrai", "jlaisse": "laisse",
	"jvous": "vous", "jmen": "m en", "jmsuis": "me suis", "jvai": "vais",
}

// chatJeTrain are the words of chatJe that training rows read as two
// (normalizeTrain).
var chatJeTrain = map[string]bool{
	"jveux": true, "jvais": true, "jpeux": true, "jsuis": true,
	"chui": true, "chuis": true, "jme": true, "jte": true,
	"jsais": true, "jpense": true, "jcrois": true, "jdois": true,
	"jvoudrais": true, "jpourrais": true, "jvois": true,
	"jfais": true, "jveut": true, "jveu": true, "jpeu": true,
}

// chatJeVowel is chatJe for the "j'" written without its apostrophe
// before a vowel ("jai", "jen ai marre", "jaimerais"): read "j ai", as
// "j'ai" is. Not "jaime": a name (Jaime) as often as "j'aime".
var chatJeVowel = map[string]string{
	"jai": "ai", "javais": "avais", "jaurais": "aurais", "jaurai": "aurai",
	"jetais": "etais", "jen": "en", "jy": "y", "jaimerais": "aimerais",
	"jarrive": "arrive", "jarrivais": "arrivais", "jarrete": "arrete",
	"jattends": "attends", "jessaie": "essaie", "jessaye": "essaye", "jecris": "ecris",
	"jirai": "irai", "jhesite": "hesite", "jespere": "espere", "jaimerai": "aimerai",
	"jexiste": "existe", "jabandonne": "abandonne",
}

// chatAbbrev maps the shorthand of French chats to the words the entries
// are written with ("jpp" = "j'en peux plus", "ya" = "il y a", "tt" =
// "tout"). Only words that are no English word ("ya" is, "see ya"), or
// that an English text re-reads whole (see splitJe and analyze). No single letter: "c" and "j"
// are also the elided "c'" and "j'" ("c'est" is read "c est").
var chatAbbrev = map[string]string{
	"jpp": "j en peux plus", "jsp": "je sais pas", "chai": "je sais", "chais": "je sais",
	"tt": "tout", "ts": "tous", "tte": "toute", "ttes": "toutes",
	"bcp": "beaucoup", "pk": "pourquoi", "pq": "pourquoi", "pkoi": "pourquoi", "pcq": "parce que",
	"pck": "parce que", "psk": "parce que", "pcque": "parce que", "mtn": "maintenant", "mnt": "maintenant",
	"qqn": "quelquun", "qqun": "quelquun", "qlqn": "quelquun", "kelkun": "quelquun", "qqch": "quelque chose",
	"ds": "dans", "vrmt": "vraiment", "tjrs": "toujours", "tjs": "toujours", "tjr": "toujours", "qd": "quand", "kan": "quand",
	"koi": "quoi", "ke": "que", "ki": "qui", "kil": "qu il", "kelle": "qu elle",
	"mourrir": "mourir", "mourire": "mourir", "envi": "envie", "tro": "trop", "cmt": "comment",
	"jame": "jamais", "plu": "plus", "pus": "plus", "sui": "suis", "vx": "veux", "px": "peux",
	"ct": "c etait", "cetait": "c etait", "cest": "c est", "ptet": "peut etre",
	// crisis18fr: « tlm » everyone, « dtf » / « tfaçon » anyway (« dtf
	// tlm s'en fout »), « jss » I am. Not "ya" (« ya plus rien »): "see
	// ya" and "ya qqn ?" are read as English or unsure.
	"tlm": "tout le monde", "dtf": "de toute facon",
	"tfacon": "de toute facon", "jss": "je suis",
	// route17: a customer's own shorthand ("slt ma cmd est tjs pas la").
	"cmd": "commande", "cmde": "commande", "cde": "commande", "rbt": "remboursement",
	"rbst": "remboursement", "rmb": "remboursement",
}

// ChatWords returns the words a French chat word stands for, as the
// analysis reads them ("tjr": "toujours", "jai": "j ai", "jveux": "je
// veux", "cmd": "commande"), or "" for any other word. w is a word of a
// message folded as flow.Fold folds it (lower case, no accents). The
// engine reads buttons' synonyms and common.yaml's phrases through it, so
// that « il est tjr pas la » says "toujours pas" as the NLU hears it.
func ChatWords(w string) string {
	if v := chatJe[w]; v != "" {
		return "je " + v
	}
	if v := chatJeVowel[w]; v != "" {
		return "j " + v
	}
	return chatAbbrev[w]
}

// chatFr returns the words a chat word of French stands for ("jveux":
// "je veux", "jai": "j ai", "jpp": "j en peux plus"), or "", and whether
// it is "je" glued to a consonant (chatJe). The others are read as two
// only when written in lower case or shouted: "Jen", "Jai" and "Ki" are
// names even at the start of a sentence.
func (d *doc) chatFr(w []byte) (words string, verb bool) {
	if v := chatJe[string(w)]; v != "" && (!d.trainJe || chatJeTrain[string(w)]) {
		return "je " + v, true
	}
	if d.trainJe {
		return "", false
	}
	if v := chatJeVowel[string(w)]; v != "" {
		return "j " + v, false
	}
	if v := glueMe(w); v != "" {
		return "me " + v, false
	}
	if string(w) == "pu" && !d.afterAvoir() {
		// « jveux pu vivre », « chu pu capable »: "plus" as chats,
		// Québec and Belgian speech say it. After "avoir" it is the past
		// of "pouvoir" (« j'ai pu payer »), and stays "pu".
		return "plus", false
	}
	if string(w) == "g" && !d.afterNumber() {
		// « g du mal à respirer », « g envie de mourir »: SMS French
		// writes "j'ai" as the letter it sounds like. After a number it
		// is grams (« 500 g de farine »).
		return "j ai", false
	}
	return chatAbbrev[string(w)], false
}

// afterNumber reports whether the token before the one being read is a
// number.
func (d *doc) afterNumber() bool {
	n := len(d.toks)
	return n > 0 && d.toks[n-1].num >= 0
}

// glueMe returns the verb of a chat « m' » glued to it before a consonant
// (« j'vais m'tuer » is read "mtuer", « ça mdérangerait pas »), or "". In
// French « m' » stands only before a vowel or "h", so "m" then a consonant
// then a verb's ending is "me" and a verb: "tuer", "derangerait". No
// English word has that shape (an English text is read again whole).
func glueMe(w []byte) string {
	if len(w) < 5 || w[0] != 'm' || strings.IndexByte("aeiouyh", w[1]) >= 0 || w[1] < 'a' || w[1] > 'z' {
		return ""
	}
	v := string(w[1:])
	for _, end := range []string{"er", "ir", "re", "erait", "erais", "ait", "ais"} {
		if strings.HasSuffix(v, end) {
			return v
		}
	}
	return ""
}

// avoirForms are the forms of "avoir" after which « pu » is the past of
// "pouvoir" (« j'ai pu », « il aurait pu »), not "plus".
var avoirForms = map[string]bool{
	"ai": true, "as": true, "a": true, "avons": true, "avez": true, "ont": true,
	"avais": true, "avait": true, "avions": true, "aviez": true, "avaient": true,
	"aurai": true, "auras": true, "aura": true, "aurons": true, "aurez": true, "auront": true,
	"aurais": true, "aurait": true, "aurions": true, "auriez": true, "auraient": true,
	"avoir": true, "ayant": true, "eu": true, "jai": true, "javais": true, "jaurais": true,
}

// afterAvoir reports whether the last token read is a form of "avoir".
func (d *doc) afterAvoir() bool {
	n := len(d.toks)
	return n > 0 && avoirForms[string(d.word(n-1))]
}

// splitJe reports whether a chat 'je' word ("chui") is read as two
// words: not in a text known not to be French, and not when written as a
// name or an acronym, with a capital in mid-sentence ("M. Chui", "à
// Chuí") or in capitals among lower-case words ("JME phone"). A capital
// that starts a sentence ("Chui crevé") and a shouted message ("JVEUX
// MOURIR") are still chat French. upper and lower count the word's
// letters; rest is the text after it.
func (d *doc) splitJe(firstUpper, sentence bool, upper, lower int, rest string) bool {
	switch {
	case d.wholeJe:
		return false
	case upper >= 2 && lower == 0:
		return shouted(d, rest)
	case firstUpper:
		return sentence
	}
	return true
}

// shouted reports whether the words around a word in capitals are in
// capitals too: the token before it, or the next word of rest.
func shouted(d *doc, rest string) bool {
	if n := len(d.toks); n > 0 && d.toks[n-1].caps {
		return true
	}
	upper, lower := 0, 0
	for _, r := range rest[:min(len(rest), 64)] { // a cut rune is no letter
		if unicode.IsLetter(r) {
			if unicode.IsUpper(r) {
				upper++
			} else {
				lower++
			}
		} else if upper+lower > 0 || r == '\n' {
			break
		}
	}
	return upper >= 2 && lower == 0
}

// sentenceEnd reports the runes after which a capital starts a sentence.
func sentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '\n', '\r', '¡', '¿':
		return true
	}
	return false
}

// titleBefore reports whether d's last token is a title or an initial that a
// '.' follows without ending the sentence ("M. Chui", "Dr. Chui").
func titleBefore(d *doc) bool {
	n := len(d.toks)
	if n == 0 {
		return false
	}
	w := d.word(n - 1)
	if len(w) == 1 {
		return true
	}
	switch string(w) {
	case "mme", "mlle", "mr", "mrs", "ms", "dr", "pr", "st", "ste", "mgr":
		return true
	}
	return false
}

// sadFace reports whether rest, the text after a ':' (or ';', '='), ends a
// frowning emoticon: "(", "'(", "-(", "[", "((".
func sadFace(rest string) bool {
	if rest != "" && (rest[0] == '\'' || rest[0] == '-') {
		rest = rest[1:]
	}
	rest = strings.TrimPrefix(rest, "’")
	return rest != "" && (rest[0] == '(' || rest[0] == '[')
}
