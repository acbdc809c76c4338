package nlu

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"maps"
	"slices"
	"strings"
	"sync"
)

// A phrase is a short sequence of words to find in a message: a lexicon
// entry ("kill myself", "pas inquiet") or a flow keyword ("parcel",
// "real person"). Words are normalised like messages. Special words:
//
//	word*   any word that starts with "word" (at least 3 letters before the *)
//	<num>   any number
//	<age>   a number from 60 to 120 (an age that makes a person a senior)
//	<year>  a number from 1900 to 2099 (a year: "back in 2015", « en 2019 »)
//	<many>  a number from 10 to 999: many of a thing ("took 30 pills"), not
//	        the one or two of everyday care ("took 2 paracetamol")
//	..      up to three words of any kind, in the same clause
//	$       the end of a clause (end of the text or a punctuation mark)
//	^       the start of the message or of its last clause (only first):
//	        "^ agent $" is "agent" said alone, or after "Stop."
//	@name   any word of the word class name (lexicon files only, see wordClass)
//	part?   an optional word, prefix or class ("talk to @det? @person")
//
// The last three are for lexicons (parsePhraseWith); a phrase starting
// with optional parts is added once with and once without each of them
// (see variants).
//
// A phrase is parsed into parts ([]part); a matcher keeps it as a phrase,
// its parts among the matcher's (mpart).
type phrase struct {
	at, n  int32   // its parts: the matcher's parts[at:at+n]
	ref    int32   // what the phrase stands for: an entry index in its owner
	w      float32 // weight
	sticky bool    // not cancelled by a negation before it
	start  bool    // only at the start of the message or of its last clause (^)
}

type partKind uint8

const (
	partWord   partKind = iota
	partPrefix          // word*
	partNum             // <num>
	partAge             // <age>
	partYear            // <year>
	partMany            // <many>
	partGap             // ..
	partEnd             // $
	partClass           // @name
	partStart           // ^: only first; matcher.add turns it into phrase.start
)

type part struct {
	kind partKind
	s    string
	cls  *wordClass // partClass
	opt  bool       // may be absent
	// agree: a partWord whose s is an agreement base (agreeBase): it
	// matches every word of that base, French masculine, feminine,
	// singular and plural ("prêt", "prête", "prêts", "prêtes").
	agree bool
}

// mpart is a part as a matcher keeps it: its word an extent of the
// matcher's text and its class a number, not a string and a pointer. The
// lexicons hold some 50,000 parts for the whole process, and a part with
// a pointer in it is one more word every collection reads (3 MB of them
// at each collection, before).
type mpart struct {
	kind  partKind
	opt   bool
	agree bool
	cls   int32  // partClass: the matcher's classes[cls]
	at, n uint32 // partWord, partPrefix: the word is the matcher's text[at:at+n]
}

// agreeBase is w without the endings of French gender and number
// agreement: a final "s", then up to two final "e" ("fatiguées",
// "fatigué" → "fatigu"; "prête" → "pret"; "morte" → "mort"), keeping at
// least four letters ("lame" stays, "lames" → "lame"). It knows no
// words: "coupe" and "coup" share a base, which no crisis entry minds.
func agreeBase[T ~string | ~[]byte](w T) T {
	const keep = 4
	n := len(w)
	if n > keep && w[n-1] == 's' {
		n--
	}
	for range 2 {
		if n > keep && w[n-1] == 'e' {
			n--
		}
	}
	return w[:n]
}

// agreeForms are the spellings of base that agreeBase maps to it, for
// the index of first words.
func agreeForms(base string) []string {
	var out []string
	for _, suf := range [...]string{"", "e", "s", "es", "ee", "ees"} {
		if w := base + suf; agreeBase(w) == base {
			out = append(out, w)
		}
	}
	return out
}

// word is the word of part p.
func (m *matcher) word(p *mpart) []byte { return m.text[p.at : p.at+p.n : p.at+p.n] }

// wordIs reports whether w is the word of part p.
func (m *matcher) wordIs(p *mpart, w []byte) bool {
	if p.agree {
		return bytes.Equal(agreeBase(w), m.word(p))
	}
	return bytes.Equal(w, m.word(p))
}

// class is the word class of part p.
func (m *matcher) class(p *mpart) *wordClass { return m.classes[p.cls] }

// wordClass is a named set of interchangeable words ("@partner": husband,
// wife, boyfriend…), so that one lexicon entry says a structure ("my
// @partner @hits me") instead of listing every combination. Members are
// single words or prefixes (word*); a member written word~ also accepts
// one typo (words of four letters or more).
//
// A class is read into build (maps and slices of strings) and kept, once
// its words file is read (freeze), in lists that hold nothing the garbage
// collector follows: the lexicons' classes live as long as the process.
type wordClass struct {
	id       int // in the order classes are parsed, for classMemo
	name     string
	words    strIndex // the member words, in sorted order
	prefixes strList
	fuzzy    strList  // the members that forgive a typo, by length
	byLen    []uint32 // fuzzy members of length n are fuzzy's [byLen[n], byLen[n+1])
	build    *classBuild
}

// classBuild is a class while its words file is read.
type classBuild struct {
	words    map[string]bool
	prefixes []string
	fuzzy    []string
}

// freeze keeps the members that build holds, and drops it.
func (c *wordClass) freeze() {
	b := c.build
	c.words = newStrIndex()
	for _, w := range slices.Sorted(maps.Keys(b.words)) {
		c.words.add(w)
	}
	c.prefixes = strList{}
	for _, p := range b.prefixes {
		c.prefixes.add(p)
	}
	// By length, in the order added within one length: a word is one
	// typo from members one letter shorter, as long or one longer only.
	fuzzy := slices.Clone(b.fuzzy)
	slices.SortStableFunc(fuzzy, func(a, b string) int { return len(a) - len(b) })
	c.fuzzy, c.byLen = strList{}, nil
	for i, f := range fuzzy {
		for len(c.byLen) <= len(f) {
			c.byLen = append(c.byLen, uint32(i)) // members shorter than len(c.byLen)
		}
		c.fuzzy.add(f)
	}
	c.byLen = append(c.byLen, uint32(len(fuzzy)))
	c.build = nil
}

// isWord reports whether w is one of the class's member words (not of its
// prefixes, nor a typo).
func (c *wordClass) isWord(w []byte) bool { return c.words.find(w) >= 0 }

// has reports whether w is a member of the class.
func (c *wordClass) has(w []byte) bool {
	if c.isWord(w) {
		return true
	}
	for i := range int32(c.prefixes.len()) {
		if bytes.HasPrefix(w, c.prefixes.bytes(i)) {
			return true
		}
	}
	if len(w) >= minFuzzy-1 && c.fuzzy.len() > 0 {
		for n := len(w) - 1; n <= len(w)+1; n++ {
			if n+1 < len(c.byLen) {
				for i := c.byLen[n]; i < c.byLen[n+1]; i++ {
					if oneEdit(w, c.fuzzy.bytes(int32(i))) {
						return true
					}
				}
			}
		}
	}
	return false
}

// classMemo is what one token is known to be: bit c of known is set once
// the token was tested against the class of id c, bit c of in when it
// belongs to it.
type classMemo struct{ known, in [memoWords]uint64 }

// memoClasses is how many classes (the first ones parsed, of every
// language) are memoised; the others are looked up each time.
const (
	memoWords   = 2
	memoClasses = 64 * memoWords
)

// memoHas is has for token i of d, remembered for the rest of the
// message: the same word is tested against the same class by many
// entries ("talk" then "to" then "a" then "@staff").
func (c *wordClass) memoHas(d *doc, i int) bool {
	if c.id >= memoClasses {
		return c.has(d.word(i))
	}
	if len(d.memo) < len(d.toks) {
		n := len(d.memo)
		d.memo = append(d.memo, make([]classMemo, len(d.toks)-n)...)
	}
	m := &d.memo[i]
	w, bit := c.id/64, uint64(1)<<(c.id%64)
	if m.known[w]&bit != 0 {
		return m.in[w]&bit != 0
	}
	m.known[w] |= bit
	if c.has(d.word(i)) {
		m.in[w] |= bit
		return true
	}
	return false
}

// minFuzzy is the shortest member a typo is forgiven in.
const minFuzzy = 4

// ageMin is the age from which <age> holds. 60 is a conventional threshold;
// "I'm 82" must be heard.
const (
	ageMin = 60
	ageMax = 120
	// yearMin and yearMax bound <year>: a year told ("in 2015") is not
	// a count ("in 5 minutes", "took 30").
	yearMin = 1900
	// manyMin and manyMax bound <many>: ten tablets or more is no dose of
	// everyday care; a thousand or more is a price or a code.
	manyMin = 10
	manyMax = 999
	yearMax = 2099
	maxGap  = 3
)

// parsePhrase parses the words of a phrase. A plain word may normalise to
// several words ("j'ai" → "j ai"); punctuation-only words are dropped.
func parsePhrase(s string) ([]part, error) {
	return parsePhraseWith(s, nil)
}

// parsePhraseWith is parsePhrase with the word classes that @name may name.
func parsePhraseWith(s string, classes map[string]*wordClass) ([]part, error) {
	var parts []part
	var d doc
	// ^, @name and part? are the lexicons' syntax only: a flow keyword
	// such as "are you a bot?" keeps its question mark as punctuation.
	lex := classes != nil
	for i, f := range strings.Fields(s) {
		if lex && f == "^" {
			if i != 0 {
				return nil, errors.New(`"^" must come first`)
			}
			parts = append(parts, part{kind: partStart})
			continue
		}
		opt := lex && len(f) > 1 && strings.HasSuffix(f, "?")
		if opt {
			f = strings.TrimSuffix(f, "?")
		}
		n := len(parts)
		switch {
		case lex && strings.HasPrefix(f, "@") && len(f) > 1:
			c := classes[f[1:]]
			if c == nil {
				return nil, fmt.Errorf("unknown word class %s", f)
			}
			parts = append(parts, part{kind: partClass, cls: c})
		case f == "..":
			parts = append(parts, part{kind: partGap})
		case f == "$":
			parts = append(parts, part{kind: partEnd})
		case f == "<num>":
			parts = append(parts, part{kind: partNum})
		case f == "<age>":
			parts = append(parts, part{kind: partAge})
		case f == "<year>":
			parts = append(parts, part{kind: partYear})
		case f == "<many>":
			parts = append(parts, part{kind: partMany})
		default:
			prefix := strings.HasSuffix(f, "*")
			if prefix {
				f = strings.TrimSuffix(f, "*")
			}
			// A lexicon's words are read as written: "chui" in an entry
			// would be a word no message holds (messages read it "je suis").
			normalizeAs(&d, f, !lex)
			for i := range d.toks {
				w := string(d.word(i))
				k := partWord
				if prefix && i == len(d.toks)-1 {
					if len(w) < minPrefix {
						return nil, fmt.Errorf("prefix %q is shorter than %d letters", f, minPrefix)
					}
					k = partPrefix
				}
				parts = append(parts, part{kind: k, s: w})
			}
		}
		if opt {
			if len(parts) != n+1 || parts[n].kind == partGap || parts[n].kind == partEnd {
				return nil, fmt.Errorf("only one word, prefix or class can be optional, not %q", f)
			}
			parts[n].opt = true
		}
	}
	body := parts
	if len(body) > 0 && body[0].kind == partStart {
		body = body[1:]
	}
	if len(body) == 0 {
		return nil, errors.New("empty phrase")
	}
	if body[0].opt && !lex {
		return nil, errors.New("the first word cannot be optional")
	}
	switch body[0].kind {
	case partGap:
		return nil, errors.New(`a phrase cannot start with ".."`)
	case partEnd:
		return nil, errors.New(`a phrase cannot start with "$"`)
	}
	if body[len(body)-1].kind == partGap {
		return nil, errors.New(`a phrase cannot end with ".."`)
	}
	return parts, nil
}

// variants returns the phrases parts stands for: a leading optional part
// is either there or not, so that the matcher can index every phrase by
// its first part.
func variants(parts []part) [][]part {
	start := parts[0].kind == partStart
	body := parts
	if start {
		body = parts[1:]
	}
	if len(body) == 0 || !body[0].opt {
		return [][]part{parts}
	}
	with := slices.Clone(parts)
	if start {
		with[1].opt = false
	} else {
		with[0].opt = false
	}
	out := [][]part{with}
	if len(body) == 1 {
		return out
	}
	without := slices.Clone(body[1:])
	if start {
		without = append([]part{{kind: partStart}}, without...)
	}
	if !slices.ContainsFunc(without, func(p part) bool { return p.kind != partStart && p.kind != partEnd }) {
		return out // nothing left to find
	}
	switch without[0].kind {
	case partGap, partEnd:
		return out
	}
	return append(out, variants(without)...)
}

// matcher finds phrases in a normalised message. Phrases are indexed by
// their first word (or prefix), so a message costs one or a few lookups
// per word, whatever the number of phrases.
//
// A matcher lives as long as the process, and every garbage collection
// reads what it holds that has pointers: it keeps its phrases, their
// parts, their words and its indexes in slices and maps without pointers
// (numbers and extents of text), and only its word classes by pointer.
type matcher struct {
	// stems matches words on their stems; slack lets that many extra
	// words sit between two words of a phrase ("talk with a real person"
	// for "talk with a person"); fuzzy accepts one typo in a word of five
	// letters or more after the first ("an asistant"). Keywords use all
	// three; lexicons none, for precision.
	stems bool
	slack int
	fuzzy bool
	// filler holds words that may stand, up to maxFillers of them,
	// between two words of a phrase: "want to die" also finds "want to
	// just die", "want to fucking die" (the [filler] class of a
	// language's words file, for its safety entries). Nil: none.
	filler *wordClass
	// tail holds words that, as a last clause of their own, leave the
	// clause before it the one "^" may start: "PERSON. NOW.", « un
	// humain. vite. » (the [tail] class of a language's words file, for
	// its safety entries). Nil: the last clause is the last.
	tail *wordClass
	// jestEnd holds laughs that, ending the sentence, take back the end
	// of a clause a "$" found at a comma: "I'm going to do something
	// stupid, I'm getting both lol" is a purchase, its comma no end of
	// what was said (the [jestend] class of a language's words file, for
	// its safety entries). Nil: every clause's end is an end.
	jestEnd *wordClass
	bit     uint32 // in its startIndex, if any
	phrases []phrase
	parts   []mpart      // of every phrase, phrase after phrase
	text    []byte       // the words of the parts, end to end
	classes []*wordClass // by wordClass.id: the classes the parts name

	// The index, built once every phrase is added (ready).
	once sync.Once
	// first numbers the first words of phrases (or of their classes'
	// members), and byWord holds the phrases that start with each, by
	// that number; num those whose first part is a number kind
	// (<num>, <age>, <year>), nil when none is.
	first  strIndex
	byWord []firstWord
	num    *firstWord
	// byPrefix holds the phrases whose first part is a prefix, by its
	// first minPrefix bytes (prefixKey).
	byPrefix map[uint32]span
	lists    []int32 // the lists of phrases of byWord, num and byPrefix
	// pairs indexes the phrases of every firstWord.all by their first two
	// words: a hash of the pair (pairKey) → the first and last node of its
	// list, each node a phrase (pairPhrase) and the next node (pairLink,
	// -1 at the end), phrases in the order they were added. A pair of words
	// whose hash another pair shares only lists that pair's phrases too,
	// which fail when tried. Hashes and indexes, no strings or slices: the
	// garbage collector has nothing to scan in them, where a map of
	// strings per first word (34,000 keys) cost every collection ~3 MB of
	// scanning, and a turn's latency the longer mark phase.
	pairs      map[uint64][2]int32
	pairPhrase []int32
	pairLink   []int32
	seed       maphash.Seed
}

// span is a list of phrases: lists[at:at+n] of its matcher.
type span struct{ at, n int32 }

// firstWord is the phrases that start with one word. Those whose second
// part is a word or a class of plain words (not optional) are kept by
// that second word too: a token then tries only those that the next
// token's word can continue. Common first words ("i", "my", "je") start
// hundreds of phrases, and nearly all fail on the second.
type firstWord struct {
	other span // the rest, tried at every occurrence
	all   span // every phrase of the pair index, for a filler or a matcher with slack
	// paired: some phrases are in the matcher's pair index.
	paired bool
}

// minPrefix is the shortest prefix a phrase may start with ("sad*"); the
// index of prefixes is keyed on that many bytes, so a word costs one
// lookup whatever the prefixes' lengths.
const minPrefix = 3

// prefixKey is the index key of the first minPrefix bytes of w.
func prefixKey[T ~string | ~[]byte](w T) uint32 {
	return uint32(w[0]) | uint32(w[1])<<8 | uint32(w[2])<<16
}

func newMatcher() *matcher {
	return &matcher{}
}

// list returns the phrases of s.
func (m *matcher) list(s span) []int32 { return m.lists[s.at : s.at+s.n : s.at+s.n] }

// parts returns the parts of phrase p.
func (m *matcher) partsOf(p *phrase) []mpart { return m.parts[p.at : p.at+p.n : p.at+p.n] }

// pairKey is the pair index's key of the words w1 then w2.
func pairKey(seed maphash.Seed, w1, w2 []byte) uint64 {
	return maphash.Bytes(seed, w1)*0x9e3779b97f4a7c15 ^ maphash.Bytes(seed, w2)
}

// add adds the phrase of parts, with p's reference, weight and marks. The
// matcher finds nothing added after its first search (ready).
func (m *matcher) add(parts []part, p phrase) {
	if parts[0].kind == partStart {
		p.start = true
		parts = parts[1:]
	}
	p.at, p.n = int32(len(m.parts)), int32(len(parts))
	for _, q := range parts {
		mp := mpart{kind: q.kind, opt: q.opt, agree: q.agree}
		if q.cls != nil {
			for len(m.classes) <= q.cls.id {
				m.classes = append(m.classes, nil)
			}
			m.classes[q.cls.id], mp.cls = q.cls, int32(q.cls.id)
		}
		w := q.s
		if m.stems && q.kind == partWord {
			w = w[:stemLen([]byte(w))]
		}
		mp.at, mp.n = uint32(len(m.text)), uint32(len(w))
		m.text = append(m.text, w...)
		m.parts = append(m.parts, mp)
	}
	m.phrases = append(m.phrases, p)
}

// ready builds the index of the phrases added, once.
func (m *matcher) ready() { m.once.Do(m.index) }

// matcherIndex is a matcher's index while it is built: its lists grow.
type matcherIndex struct {
	words    map[string]int32 // first word → its number in first
	byWord   []wordLists
	num      *wordLists
	prefixes []string // in the order first met
	byPrefix map[string][]int32
}

// wordLists are the lists of a firstWord while they grow.
type wordLists struct {
	other, all []int32
	paired     bool
}

func (m *matcher) index() {
	x := &matcherIndex{words: map[string]int32{}, byPrefix: map[string][]int32{}}
	m.first = newStrIndex()
	m.pairs, m.seed = map[uint64][2]int32{}, maphash.MakeSeed()
	for i := range m.phrases {
		m.indexPhrase(x, int32(i))
	}
	m.byWord = make([]firstWord, len(x.byWord))
	for i, l := range x.byWord {
		m.byWord[i] = firstWord{other: m.keep(l.other), all: m.keep(l.all), paired: l.paired}
	}
	if x.num != nil {
		m.num = &firstWord{other: m.keep(x.num.other)}
	}
	if len(x.prefixes) > 0 {
		m.byPrefix = map[uint32]span{}
	}
	for _, k := range x.prefixes {
		m.byPrefix[prefixKey(k)] = m.keep(x.byPrefix[k])
	}
}

// keep adds list to m.lists.
func (m *matcher) keep(list []int32) span {
	s := span{int32(len(m.lists)), int32(len(list))}
	m.lists = append(m.lists, list...)
	return s
}

// firstOf returns the lists of the phrases that start with w.
func (x *matcherIndex) firstOf(m *matcher, w string) *wordLists {
	i, ok := x.words[w]
	if !ok {
		i, _ = m.first.add(w)
		x.words[w] = i
		x.byWord = append(x.byWord, wordLists{})
	}
	return &x.byWord[i]
}

// prefix adds phrase i to the phrases whose first part is prefix k.
func (x *matcherIndex) prefix(k string, i int32) {
	if _, ok := x.byPrefix[k]; !ok {
		x.prefixes = append(x.prefixes, k)
	}
	x.byPrefix[k] = append(x.byPrefix[k], i)
}

// pair adds phrase i to the pair index under w1 then w2, once: phrases
// come in the order they were added, so a phrase listed already under the
// key (a word listed twice, or a pair sharing the hash) is its last.
func (m *matcher) pair(w1 string, w2 []byte, i int32) {
	k := pairKey(m.seed, []byte(w1), w2)
	e, ok := m.pairs[k]
	if ok && m.pairPhrase[e[1]] == i {
		return
	}
	n := int32(len(m.pairPhrase))
	m.pairPhrase = append(m.pairPhrase, i)
	m.pairLink = append(m.pairLink, -1)
	if ok {
		m.pairLink[e[1]] = n
		m.pairs[k] = [2]int32{e[0], n}
		return
	}
	m.pairs[k] = [2]int32{n, n}
}

// indexWord indexes phrase i, whose first part is the word (or a member)
// w: by its second word too when it has one (firstWord).
func (m *matcher) indexWord(x *matcherIndex, w string, i int32) {
	l := x.firstOf(m, w)
	parts := m.partsOf(&m.phrases[i])
	// A second part that is a word, or a class of plain words: the
	// next token's word tells whether it can match. A class with
	// prefixes or typos forgiven is asked each time (tryAt).
	if len(parts) < 2 || parts[1].opt || !(parts[1].kind == partWord ||
		parts[1].kind == partClass && m.class(&parts[1]).prefixes.len() == 0 && m.class(&parts[1]).fuzzy.len() == 0) {
		l.other = append(l.other, i)
		return
	}
	l.paired = true
	l.all = append(l.all, i)
	switch q := &parts[1]; {
	case q.kind == partClass:
		c := m.class(q)
		for j := range int32(c.words.len()) {
			m.pair(w, c.words.bytes(j), i)
		}
	case q.agree:
		for _, f := range agreeForms(string(m.word(q))) {
			m.pair(w, []byte(f), i)
		}
	default:
		m.pair(w, m.word(q), i)
	}
}

// indexPhrase indexes phrase i by its first part.
func (m *matcher) indexPhrase(x *matcherIndex, i int32) {
	first := &m.parts[m.phrases[i].at]
	switch first.kind {
	case partWord:
		if first.agree {
			for _, w := range agreeForms(string(m.word(first))) {
				m.indexWord(x, w, i)
			}
			break
		}
		m.indexWord(x, string(m.word(first)), i)
	case partNum, partAge, partYear, partMany:
		if x.num == nil {
			x.num = &wordLists{}
		}
		x.num.other = append(x.num.other, i)
	case partPrefix:
		x.prefix(string(m.word(first)[:minPrefix]), i)
	case partClass:
		// Indexed under each member; a key shared by two members (a word
		// and a prefix of it) is indexed once, so a match is found once.
		c := m.class(first)
		seen := map[string]bool{}
		for j := range int32(c.words.len()) {
			m.indexWord(x, c.words.str(j), i)
		}
		for j := range int32(c.prefixes.len()) {
			k := c.prefixes.str(j)[:minPrefix]
			if !seen[k] {
				seen[k] = true
				x.prefix(k, i)
			}
		}
	}
}

// match is one phrase found in a message, covering tokens [start, end).
type match struct {
	phrase     int32
	start, end int32
}

// find appends every match in d to out, and returns it. Every phrase is
// tried at every word, so overlapping matches are all reported; the
// caller decides what overlap means.
func (m *matcher) find(d *doc, out []match) []match {
	if len(m.phrases) == 0 {
		return out
	}
	m.ready()
	for i := range d.toks {
		out = m.findAt(d, i, out)
	}
	return out
}

// findIn is find on the tokens i where cand[i] has the matcher's bit:
// the tokens one of its phrases may start at (see startIndex).
func (m *matcher) findIn(d *doc, cand []uint32, out []match) []match {
	if len(m.phrases) == 0 || m.bit == 0 {
		return m.find(d, out)
	}
	m.ready()
	for i, c := range cand {
		if c&m.bit != 0 {
			out = m.findAt(d, i, out)
		}
	}
	return out
}

// findAt appends the phrases that match from token i on.
func (m *matcher) findAt(d *doc, i int, out []match) []match {
	t := d.toks[i]
	// Whether the next word is a filler is the same for every phrase
	// tried here: asked once, not once per phrase (tryAt).
	fill := m.isFiller(d, i+1, t.clause)
	if t.num >= 0 {
		if x := m.num; x != nil {
			for _, pi := range m.list(x.other) {
				out = m.tryAt(d, pi, i, fill, out)
			}
		}
		return out
	}
	w := d.word(i)
	if m.stems {
		w = d.stem(i)
	}
	if fi := m.first.find(w); fi >= 0 {
		x := &m.byWord[fi]
		list := m.list(x.other)
		if !fill && m.slack == 0 && !m.stems && !m.fuzzy {
			// No word may stand between the first two: only the
			// phrases whose second word is the next token's can match.
			node := int32(-1)
			if x.paired && i+1 < len(d.toks) && d.toks[i+1].clause == t.clause {
				if e, ok := m.pairs[pairKey(m.seed, w, d.word(i+1))]; ok {
					node = e[0]
				}
			}
			// In the order the phrases were added, as one list would be:
			// of two matches alike, the first found counts (shadowed).
			for len(list) > 0 || node >= 0 {
				var pi int32
				if node < 0 || (len(list) > 0 && list[0] < m.pairPhrase[node]) {
					pi, list = list[0], list[1:]
				} else {
					pi, node = m.pairPhrase[node], m.pairLink[node]
				}
				out = m.tryAt(d, pi, i, fill, out)
			}
		} else {
			sec := m.list(x.all)
			for len(list) > 0 || len(sec) > 0 {
				var pi int32
				if len(sec) == 0 || (len(list) > 0 && list[0] < sec[0]) {
					pi, list = list[0], list[1:]
				} else {
					pi, sec = sec[0], sec[1:]
				}
				out = m.tryAt(d, pi, i, fill, out)
			}
		}
	}
	if len(m.byPrefix) > 0 && len(w) >= minPrefix {
		for _, pi := range m.list(m.byPrefix[prefixKey(w)]) {
			if first := &m.parts[m.phrases[pi].at]; first.kind == partClass && m.class(first).isWord(w) {
				continue // found through the word index already
			}
			out = m.tryAt(d, pi, i, fill, out)
		}
	}
	return out
}

// startIndex knows every word and prefix a phrase of a set of matchers
// starts with, by hash, and which matchers (one bit each): one lookup per
// word of a message tells which matchers can find anything there. Most
// words of most messages start nothing, and this spares them a dozen map
// lookups.
type startIndex struct {
	words    map[uint64]uint32
	prefixes map[uint64]uint32
	num      uint32
	next     uint32 // the bit of the next matcher added
}

func newStartIndex() *startIndex {
	return &startIndex{words: map[uint64]uint32{}, prefixes: map[uint64]uint32{}, next: 1}
}

// add gives m a bit and indexes its first words; past 32 matchers, m keeps
// no bit and findIn reads every token for it.
func (x *startIndex) add(m *matcher) {
	if x.next == 0 {
		return
	}
	m.bit = x.next
	x.next <<= 1
	m.ready()
	if m.num != nil {
		x.num |= m.bit
	}
	for i := range m.first.len() {
		x.words[startHash(m.first.bytes(int32(i)))] |= m.bit
	}
	for k := range m.byPrefix {
		x.prefixes[startHash([]byte{byte(k), byte(k >> 8), byte(k >> 16)})] |= m.bit
	}
}

// candidates sets cand[i] to the bits of the matchers a phrase of which
// may start at token i of d.
func (x *startIndex) candidates(d *doc, cand []uint32) {
	for i, t := range d.toks {
		if t.num >= 0 {
			cand[i] = x.num
			continue
		}
		w := d.word(i)
		c := x.words[startHash(w)]
		if len(w) >= minPrefix {
			c |= x.prefixes[startHash(w[:minPrefix])]
		}
		cand[i] = c
	}
}

// startHash is FNV-1a: collisions only make a word a candidate for nothing.
func startHash[T ~string | ~[]byte](b T) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(b); i++ {
		h ^= uint64(b[i])
		h *= 1099511628211
	}
	return h
}

// tryAt appends the match of phrase pi at token i, if there is one;
// fill tells whether token i+1 is a filler (isFiller).
func (m *matcher) tryAt(d *doc, pi int32, i int, fill bool, out []match) []match {
	p := &m.phrases[pi]
	if m.slack == 0 && !m.stems && !m.fuzzy && p.n > 1 {
		// Most tries fail on the second word: say so before recursing.
		switch q := &m.parts[p.at+1]; {
		case q.opt:
		case q.kind == partWord:
			if !fill && (i+1 >= len(d.toks) || d.toks[i+1].clause != d.toks[i].clause || !m.wordIs(q, d.word(i+1))) {
				return out
			}
		case q.kind == partClass:
			if !fill && (i+1 >= len(d.toks) || d.toks[i+1].clause != d.toks[i].clause || d.toks[i+1].num >= 0 || !m.class(q).memoHas(d, i+1)) {
				return out
			}
		}
	}
	if p.start && i > 0 {
		c := d.toks[i].clause
		if d.toks[i-1].clause == c || m.lastClause(d) != c {
			return out
		}
	}
	if end := m.matchAt(d, pi, i); end >= 0 {
		out = append(out, match{pi, int32(i), int32(end)})
	}
	return out
}

// lastClause is the clause "^" may start besides the message's first:
// its last, or the one before last clauses made only of tail words
// ("PERSON. NOW.", "agent. please."): a word of urgency or politeness said
// apart is no new sentence of its own.
func (m *matcher) lastClause(d *doc) int32 {
	j := len(d.toks) - 1
	c := d.toks[j].clause
	for m.tail != nil {
		k := j
		for k >= 0 && d.toks[k].clause == c && d.toks[k].num < 0 && m.tail.memoHas(d, k) {
			k--
		}
		if k < 0 || d.toks[k].clause == c {
			return c // a word that is no tail, or nothing before
		}
		j, c = k, d.toks[k].clause
	}
	return c
}

// laughedOn reports whether the sentence goes on at token i, past the
// comma that ends a clause, to end with a laugh of jestEnd: what came
// before the comma was said on the way to a joke, not as the last word.
func (m *matcher) laughedOn(d *doc, i int) bool {
	if m.jestEnd == nil || d.toks[i].sent {
		return false
	}
	j := i
	for j+1 < len(d.toks) && !d.toks[j+1].sent {
		j++
	}
	return m.jestEnd.memoHas(d, j)
}

// matchAt reports where phrase pi ends when it starts at token i, or -1.
func (m *matcher) matchAt(d *doc, pi int32, i int) int {
	return m.matchPart(d, m.partsOf(&m.phrases[pi]), i, d.toks[i].clause)
}

// matchParts matches parts from token i on; slack extra words may be
// skipped before the next part.
func (m *matcher) matchParts(d *doc, parts []mpart, i int, clause int32, slack int) int {
	if len(parts) == 0 {
		return i
	}
	if end := m.matchPart(d, parts, i, clause); end >= 0 || slack == 0 || parts[0].kind == partEnd {
		return end
	}
	for g := 1; g <= slack; g++ {
		if i+g >= len(d.toks) || d.toks[i+g].clause != clause {
			break
		}
		if end := m.matchPart(d, parts, i+g, clause); end >= 0 {
			return end
		}
	}
	return -1
}

func (m *matcher) matchPart(d *doc, parts []mpart, i int, clause int32) int {
	if parts[0].opt {
		// Present, or else absent: the longest reading first.
		if end := m.matchOne(d, parts, i, clause); end >= 0 {
			return end
		}
		return m.matchParts(d, parts[1:], i, clause, 0)
	}
	return m.matchOne(d, parts, i, clause)
}

// matchOne matches parts[0] at token i, then the rest.
func (m *matcher) matchOne(d *doc, parts []mpart, i int, clause int32) int {
	p := &parts[0]
	switch p.kind {
	case partEnd:
		if i >= len(d.toks) || d.toks[i].clause != clause && !m.laughedOn(d, i) {
			return i
		}
		return -1
	case partGap:
		for g := 0; g <= maxGap; g++ {
			j := i + g
			if j > len(d.toks) || (j < len(d.toks) && d.toks[j].clause != clause) {
				break
			}
			if end := m.matchParts(d, parts[1:], j, clause, 0); end >= 0 {
				return end
			}
		}
		return -1
	}
	if i >= len(d.toks) {
		return -1
	}
	t := d.toks[i]
	if t.clause != clause {
		return -1
	}
	switch p.kind {
	case partWord:
		w := d.word(i)
		if m.stems {
			w = d.stem(i)
		}
		if !m.wordIs(p, w) && !(m.fuzzy && p.n >= 5 && oneEdit(w, m.word(p))) {
			return -1
		}
	case partPrefix:
		w := d.word(i)
		if !bytes.HasPrefix(w, m.word(p)) {
			return -1
		}
	case partNum:
		if t.num < 0 {
			return -1
		}
	case partAge:
		if t.num < ageMin || t.num > ageMax {
			return -1
		}
	case partYear:
		if t.num < yearMin || t.num > yearMax {
			return -1
		}
	case partMany:
		if t.num < manyMin || t.num > manyMax {
			return -1
		}
	case partClass:
		if t.num >= 0 || !m.class(p).memoHas(d, i) {
			return -1
		}
	}
	end := m.matchParts(d, parts[1:], i+1, clause, m.slack)
	if end >= 0 || len(parts) == 1 || parts[1].kind == partGap {
		return end
	}
	// Filler words between this word and the next part: "want to
	// (just) die".
	for j := i + 1; j < i+1+maxFillers && m.isFiller(d, j, clause); j++ {
		if end := m.matchParts(d, parts[1:], j+1, clause, m.slack); end >= 0 {
			return end
		}
	}
	return -1
}

// maxFillers is how many filler words may stand between two words of a
// phrase.
const maxFillers = 2

// isFiller reports whether token i is a filler word of m, in clause.
func (m *matcher) isFiller(d *doc, i int, clause int32) bool {
	return m.filler != nil && i < len(d.toks) && d.toks[i].clause == clause && d.toks[i].num < 0 && m.filler.memoHas(d, i)
}

// oneEdit reports whether a and b differ by at most one insertion,
// deletion, substitution or swap of neighbouring letters.
func oneEdit[T ~string | ~[]byte](a []byte, b T) bool {
	la, lb := len(a), len(b)
	switch {
	case la == lb:
		i := 0
		for i < la && a[i] == b[i] {
			i++
		}
		if i == la {
			return true
		}
		if string(a[i+1:]) == string(b[i+1:]) {
			return true // substitution
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && string(a[i+2:]) == string(b[i+2:])
	case la == lb+1:
		i := 0
		for i < lb && a[i] == b[i] {
			i++
		}
		return string(a[i+1:]) == string(b[i:])
	case lb == la+1:
		i := 0
		for i < la && a[i] == b[i] {
			i++
		}
		return string(a[i:]) == string(b[i+1:])
	}
	return false
}
