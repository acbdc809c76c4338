package flow

import (
	"slices"
	"strings"
)

// part is one {{…}} found in a text: a slot name, or a malformed piece.
type part struct {
	start, end int    // byte offsets of the whole {{…}} in the text
	name       string // the slot, when well formed
	bad        string // the malformed piece, when not
}

// scan finds the templates of a text. A template is {{ name }}, with a
// name of lowercase letters, digits and _ and optional spaces inside the
// braces; anything else between or around {{ and }} is malformed.
func scan(text string) []part { return scanInto(nil, text) }

// scanInto is scan appending to parts: Render passes room on its stack.
func scanInto(parts []part, text string) []part {
	for i := 0; i < len(text); {
		open := strings.Index(text[i:], "{{")
		closing := strings.Index(text[i:], "}}")
		if closing >= 0 && (open < 0 || closing < open) {
			// A }} with no {{ before it.
			start := i + closing
			parts = append(parts, part{start: start, end: start + 2, bad: snippet(text, start, start+2)})
			i = start + 2
			continue
		}
		if open < 0 {
			break
		}
		start := i + open
		end := strings.Index(text[start+2:], "}}")
		if end < 0 {
			parts = append(parts, part{start: start, end: len(text), bad: snippet(text, start, len(text))})
			break
		}
		end += start + 2 + 2 // past the }}
		inner := text[start+2 : end-2]
		if k := strings.Index(inner, "{{"); k >= 0 {
			// "{{a {{b}}": the first {{ was never closed; look again from the second.
			parts = append(parts, part{start: start, end: start + 2 + k, bad: snippet(text, start, start+2+k)})
			i = start + 2 + k
			continue
		}
		name := strings.TrimSpace(inner)
		if isSlotName(name) {
			parts = append(parts, part{start: start, end: end, name: name})
		} else {
			parts = append(parts, part{start: start, end: end, bad: snippet(text, start, end)})
		}
		i = end
	}
	return parts
}

// snippet is text[start:end], cut short so that messages stay readable.
func snippet(text string, start, end int) string {
	const max = 40
	s := text[start:end]
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8Start(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

func isSlotName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// Slots returns the slot names a text uses as {{name}}, each once, in the
// order they first appear. Malformed templates are left out: Load reports them.
func Slots(text string) []string {
	var names []string
	for _, p := range scan(text) {
		if p.name != "" && !slices.Contains(names, p.name) {
			names = append(names, p.name)
		}
	}
	return names
}

// Render replaces every {{ name }} in text with vars(name). Malformed
// templates are left as written, so that nothing is silently lost; Load
// rejects them in flow files anyway.
func Render(text string, vars func(name string) string) string {
	if !strings.Contains(text, "{{") {
		return text
	}
	var (
		b     strings.Builder
		room  [8]part // most texts have a few templates: no allocation for them
		parts = scanInto(room[:0], text)
	)
	b.Grow(len(text) + 16*len(parts)) // most values are short
	last := 0
	for _, p := range parts {
		if p.name == "" {
			continue
		}
		b.WriteString(text[last:p.start])
		b.WriteString(vars(p.name))
		last = p.end
	}
	b.WriteString(text[last:])
	return b.String()
}
