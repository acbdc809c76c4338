package nlu

import (
	"errors"
	"fmt"
	"strings"
)

// A phrase is a short sequence of words to find in a message: a lexicon
// entry ("kill myself", "pas inquiet") or a flow keyword ("parcel",
// "real person"). Words are normalised like messages. Special words:
//
//	word*   any word that starts with "word" (at least 3 letters before the *)
//	<num>   any number
//	<age>   a number from 60 to 120 (an age that makes a person a senior)
//	..      up to three words of any kind, in the same clause
//	$       the end of a clause (end of the text or a punctuation mark)
type phrase struct {
	parts  []part
	ref    int32   // what the phrase stands for: an entry index in its owner
	w      float32 // weight
	sticky bool    // not cancelled by a negation before it
}

type partKind uint8

const (
	partWord   partKind = iota
	partPrefix          // word*
	partNum             // <num>
	partAge             // <age>
	partGap             // ..
	partEnd             // $
)

type part struct {
	kind partKind
	s    string
}

// ageMin is the age from which <age> holds. 60 is a conventional threshold;
// "I'm 82" must be heard.
const (
	ageMin = 60
	ageMax = 120
	maxGap = 3
)

// parsePhrase parses the words of a phrase. A plain word may normalise to
// several words ("j'ai" → "j ai"); punctuation-only words are dropped.
func parsePhrase(s string) ([]part, error) {
	var parts []part
	var d doc
	for _, f := range strings.Fields(s) {
		switch {
		case f == "..":
			parts = append(parts, part{kind: partGap})
			continue
		case f == "$":
			parts = append(parts, part{kind: partEnd})
			continue
		case f == "<num>":
			parts = append(parts, part{kind: partNum})
			continue
		case f == "<age>":
			parts = append(parts, part{kind: partAge})
			continue
		}
		prefix := strings.HasSuffix(f, "*")
		if prefix {
			f = strings.TrimSuffix(f, "*")
		}
		normalize(&d, f)
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
	if len(parts) == 0 {
		return nil, errors.New("empty phrase")
	}
	switch parts[0].kind {
	case partGap:
		return nil, errors.New(`a phrase cannot start with ".."`)
	case partEnd:
		return nil, errors.New(`a phrase cannot start with "$"`)
	}
	if parts[len(parts)-1].kind == partGap {
		return nil, errors.New(`a phrase cannot end with ".."`)
	}
	return parts, nil
}

// matcher finds phrases in a normalised message. Phrases are indexed by
// their first word (or prefix), so a message costs one or a few map
// lookups per word, whatever the number of phrases.
type matcher struct {
	// stems matches words on their stems; slack lets that many extra
	// words sit between two words of a phrase ("talk with a real person"
	// for "talk with a person"); fuzzy accepts one typo in a word of five
	// letters or more after the first ("an asistant"). Keywords use all
	// three; lexicons none, for precision.
	stems    bool
	slack    int
	fuzzy    bool
	phrases  []phrase
	byWord   map[string][]int32 // first part is a word or a number kind ("<num>" key)
	byPrefix map[string][]int32 // first part is a prefix: by its first minPrefix bytes
}

// minPrefix is the shortest prefix a phrase may start with ("sad*"); the
// index of prefixes is keyed on that many bytes, so a word costs one
// lookup whatever the prefixes' lengths.
const minPrefix = 3

func newMatcher() *matcher {
	return &matcher{byWord: map[string][]int32{}, byPrefix: map[string][]int32{}}
}

func (m *matcher) add(p phrase) {
	if m.stems {
		for j := range p.parts {
			if p.parts[j].kind == partWord {
				p.parts[j].s = p.parts[j].s[:stemLen([]byte(p.parts[j].s))]
			}
		}
	}
	i := int32(len(m.phrases))
	m.phrases = append(m.phrases, p)
	first := p.parts[0]
	switch first.kind {
	case partWord:
		m.byWord[first.s] = append(m.byWord[first.s], i)
	case partNum, partAge:
		m.byWord["<num>"] = append(m.byWord["<num>"], i)
	case partPrefix:
		k := first.s[:minPrefix]
		m.byPrefix[k] = append(m.byPrefix[k], i)
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
	for i := range d.toks {
		t := d.toks[i]
		if t.num >= 0 {
			for _, pi := range m.byWord["<num>"] {
				if end := m.matchAt(d, pi, i); end >= 0 {
					out = append(out, match{pi, int32(i), int32(end)})
				}
			}
			continue
		}
		w := d.word(i)
		if m.stems {
			w = d.stem(i)
		}
		for _, pi := range m.byWord[string(w)] {
			if end := m.matchAt(d, pi, i); end >= 0 {
				out = append(out, match{pi, int32(i), int32(end)})
			}
		}
		if len(m.byPrefix) > 0 && len(w) >= minPrefix {
			for _, pi := range m.byPrefix[string(w[:minPrefix])] {
				if end := m.matchAt(d, pi, i); end >= 0 {
					out = append(out, match{pi, int32(i), int32(end)})
				}
			}
		}
	}
	return out
}

// matchAt reports where phrase pi ends when it starts at token i, or -1.
func (m *matcher) matchAt(d *doc, pi int32, i int) int {
	return m.matchPart(d, m.phrases[pi].parts, i, d.toks[i].clause)
}

// matchParts matches parts from token i on; slack extra words may be
// skipped before the next part.
func (m *matcher) matchParts(d *doc, parts []part, i int, clause int32, slack int) int {
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

func (m *matcher) matchPart(d *doc, parts []part, i int, clause int32) int {
	p := parts[0]
	switch p.kind {
	case partEnd:
		if i >= len(d.toks) || d.toks[i].clause != clause {
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
		if string(w) != p.s && !(m.fuzzy && len(p.s) >= 5 && oneEdit(w, p.s)) {
			return -1
		}
	case partPrefix:
		w := d.word(i)
		if len(w) < len(p.s) || string(w[:len(p.s)]) != p.s {
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
	}
	return m.matchParts(d, parts[1:], i+1, clause, m.slack)
}

// oneEdit reports whether a and b differ by at most one insertion,
// deletion, substitution or swap of neighbouring letters.
func oneEdit(a []byte, b string) bool {
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
		if string(a[i+1:]) == b[i+1:] {
			return true // substitution
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && string(a[i+2:]) == b[i+2:]
	case la == lb+1:
		i := 0
		for i < lb && a[i] == b[i] {
			i++
		}
		return string(a[i+1:]) == b[i:]
	case lb == la+1:
		i := 0
		for i < la && a[i] == b[i] {
			i++
		}
		return string(a[i:]) == b[i+1:]
	}
	return false
}
