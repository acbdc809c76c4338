package nlu

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// People hide letters of the words they fear are not allowed, or too raw
// to write whole: "k*ll myself", "su*cide", « me t*er », "k!ll", "f***ing",
// « b*rdel », « p*tain ». The tokenizer splits such a word at the mark
// ("k", "ll"), so nothing heard it: "I want to k*ll myself" raised no
// crisis, and "where is my f***ing refund" no anger. Uncensor reads each
// as the one word of censoredWords it stands for, before anything else
// reads the message.

// censoredWords are the words people hide letters of: swearing (anger)
// and the words of self-harm and death (crisis), in English and French. A
// hidden word is read only as one of these, never guessed beyond them.
var censoredWords = func() [][]rune {
	var out [][]rune
	for _, w := range strings.Fields(`
		fuck fucking fuckin fucked fucker fuckers shit shitty bullshit crap damn hell bitch bastard
		asshole arsehole piss pissed
		kill killing suicide suicidal die dying dead death hang overdose life live myself
		putain merde bordel connard connards connasse conne chier chiant foutre foutu salaud salope encule
		mourir mort morte suicider tuer crever pendre finir flinguer vie vivre`) {
		out = append(out, []rune(w))
	}
	return out
}()

// isMark reports the runes people write for a hidden letter.
func isMark(r rune) bool { return r == '*' || r == '#' || r == '!' }

// Uncensor returns text with each word written with hidden letters read
// as the one word of censoredWords it fits (see above); text itself when
// there is none. A mark stands for one hidden letter ("f***" is "fuck"),
// or, when no word fits that way and the letters shown outnumber those
// hidden, for one or more ("f*ing" is "fucking", "C*T-200" is no «
// chiant »); "!" stands for an i or an l ("k!ll"). A word must start
// with a letter and fit one word only: "5*", "*sigh*", "*****" and a mark
// in an e-mail address are left alone, and so is "!" ending a word.
func Uncensor(text string) string {
	if !strings.ContainsAny(text, "*#!") {
		return text
	}
	var b strings.Builder
	changed := false
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			b.WriteString(text[i : i+size])
			i += size
			continue
		}
		// A run of letters and marks, then the marks that end it ("kill!").
		j := i
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r) && !isMark(r) {
				break
			}
			j += size
		}
		end := j
		for end > i && text[end-1] == '!' {
			end--
		}
		tok := text[i:end]
		before, after := byte(' '), byte(' ')
		if i > 0 {
			before = text[i-1]
		}
		if j < len(text) {
			after = text[j]
		}
		if w, ok := hidden(tok); ok && !mailChar(before) && !mailChar(after) && !isMarkByte(before) {
			b.WriteString(w)
			changed = true
		} else {
			b.WriteString(tok)
		}
		b.WriteString(text[end:j])
		i = j
	}
	if !changed {
		return text
	}
	return b.String()
}

// mailChar reports the characters around a word of an address ("a*b@x"):
// its marks hide nothing.
func mailChar(c byte) bool { return c == '@' || c == '_' || c == '/' }

// isMarkByte reports a mark before a word ("*sigh*"): emphasis, not a
// hidden letter.
func isMarkByte(c byte) bool { return c == '*' || c == '#' }

// hidden returns the word of censoredWords that tok, a run of letters and
// marks starting with a letter, stands for, when it holds a mark and fits
// exactly one.
func hidden(tok string) (string, bool) {
	if !strings.ContainsAny(tok, "*#!") {
		return "", false
	}
	p := []rune(strings.ToLower(tok))
	for _, exact := range []bool{true, false} {
		var found []rune
		n := 0
		for _, w := range censoredWords {
			if fits(p, w, exact) && (exact || mostlyShown(p, w)) {
				found = w
				n++
			}
		}
		if n == 1 {
			return string(found), true
		}
		if n > 1 {
			return "", false
		}
	}
	return "", false
}

// mostlyShown reports whether the pattern p, whose marks stand for one
// letter or more, shows more letters of w than it hides ("f*ing" is
// "fucking"). One mark between two letters is a product code or a short
// word as often as a long word hidden: "C*T-200" is not « chiant »,
// "B*T-7" not "bullshit", "D*H-40" not "death", "d*d" not "dead".
func mostlyShown(p, w []rune) bool {
	shown := 0
	for _, r := range p {
		if r != '*' && r != '#' {
			shown++
		}
	}
	return shown > len(w)-shown
}

// fits reports whether the pattern p (letters, and marks for hidden
// letters) stands for w: each * or # one letter when exact, else each run
// of them one letter or more; each ! an i or an l.
func fits(p, w []rune, exact bool) bool {
	if len(p) == 0 {
		return len(w) == 0
	}
	switch c := p[0]; {
	case c == '*' || c == '#':
		if exact {
			return len(w) > 0 && fits(p[1:], w[1:], exact)
		}
		k := 1
		for k < len(p) && (p[k] == '*' || p[k] == '#') {
			k++
		}
		for n := 1; n <= len(w); n++ {
			if fits(p[k:], w[n:], exact) {
				return true
			}
		}
		return false
	case c == '!':
		return len(w) > 0 && (w[0] == 'i' || w[0] == 'l') && fits(p[1:], w[1:], exact)
	default:
		return len(w) > 0 && w[0] == c && fits(p[1:], w[1:], exact)
	}
}
