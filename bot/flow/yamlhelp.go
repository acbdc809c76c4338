package flow

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Plain-words help for the YAML mistakes a support lead makes in an
// editor: the yaml library's own messages ("invalid trailing UTF-8 octet",
// "could not find expected ':'") name the parser's state, not the line's
// problem, and often the wrong line.

// EncodingError is the problem with the file name holding data when it is
// not UTF-8, at the first letter that is not, or nil.
func EncodingError(name string, data []byte) *Error {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return nil // UTF-16 with its mark (Notepad's "Unicode"): YAML reads it
	}
	line, col := notUTF8(data)
	if line == 0 {
		return nil
	}
	return &Error{Pos: Pos{File: name, Line: line, Col: col}, Msg: notUTF8Msg(data, line)}
}

// notUTF8 finds the first byte of data that is not UTF-8, as a line and a
// column in characters, or 0, 0. Files saved by Windows editors in
// Windows-1252 or Latin-1 ("é" as one byte) are the usual cause.
func notUTF8(data []byte) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return 0, 0
}

// notUTF8Msg says what is wrong with a file that is not UTF-8, quoting the
// words before the bad byte so that the lead can find it by eye.
func notUTF8Msg(data []byte, line int) string {
	lines := bytes.Split(data, []byte("\n"))
	before := ""
	if line-1 < len(lines) {
		l := lines[line-1]
		if i := firstInvalid(l); i > 0 {
			before = string(bytes.TrimLeft(l[:i], " \t"))
		}
	}
	where := "a letter here"
	// "l'équipe": the word before the letter may end with an apostrophe
	// or a space; quote it with them, as the lead sees it.
	word := strings.TrimRightFunc(before, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if tail := before[len(word):]; utf8.RuneCountInString(tail) <= 2 {
		if w := lastWord(word); w != "" {
			where = fmt.Sprintf("the letter after %q", w+tail)
		}
	}
	return where + " is not saved as UTF-8 (the file looks saved as Windows-1252 or Latin-1): save the file again with the encoding UTF-8 (in most editors: Save with Encoding, or File > Save As > Encoding: UTF-8)"
}

// lastWord is the letters and digits that end s: the start of the word
// the bad letter is in, as the lead sees it in the editor.
func lastWord(s string) string {
	r := []rune(s)
	i := len(r)
	for i > 0 && (unicode.IsLetter(r[i-1]) || unicode.IsDigit(r[i-1])) {
		i--
	}
	return string(r[i:])
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// keyLineRE is a line that reads as a YAML key ("    next: ask",
// "  - id: done"): met inside a quoted text, it shows the quote was never
// closed and swallowed the lines after it.
var keyLineRE = regexp.MustCompile(`^\s*(- )?[A-Za-z_][A-Za-z0-9_]*:(\s|$)`)

// openQuote finds a double-quoted text that is never closed on its line
// and runs on over a line that reads as a key, or to the end of the file: the line and column (in
// characters) of its opening quote, or 0, 0. A quoted text that goes on,
// on purpose, over lines of words only is not one.
func openQuote(data []byte) (line, col int) {
	inDouble, inSingle := false, false
	startLine, startCol := 0, 0
	for i, l := range bytes.Split(data, []byte("\n")) {
		text := string(bytes.TrimSuffix(l, []byte("\r")))
		if inDouble && keyLineRE.MatchString(text) {
			return startLine, startCol
		}
		prev := rune(0) // the last non-space character outside quotes
		escaped := false
		col := 0
		for j, c := range text {
			col++
			switch {
			case inDouble:
				switch {
				case escaped:
					escaped = false
				case c == '\\':
					escaped = true
				case c == '"':
					inDouble = false
					prev = c
				}
				continue
			case inSingle:
				if c == '\'' {
					inSingle = false // '' (an escaped ') reopens at once below
					prev = 0
				}
				continue
			}
			atValue := prev == 0 || prev == ':' || prev == '-' || prev == '[' || prev == '{' || prev == ','
			switch {
			case c == '#' && (j == 0 || text[j-1] == ' '):
				goto nextLine
			case c == '"' && atValue:
				inDouble, startLine, startCol = true, i+1, col
			case c == '\'' && atValue:
				inSingle = true
			case c != ' ' && c != '\t':
				prev = c
			}
		}
	nextLine:
		inSingle = false // a single-quoted text over lines is rare; don't guess
	}
	if inDouble { // the file ends inside the text
		return startLine, startCol
	}
	return 0, 0
}

// lineText is line n of data (1-based), without its line end, or "".
func lineText(data []byte, n int) string {
	lines := bytes.Split(data, []byte("\n"))
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimSuffix(string(lines[n-1]), "\r")
}

// keyValue splits a line "    - en: text" into its indentation in
// characters (to the key), its key and its value.
func keyValue(line string) (indent int, key, value string, ok bool) {
	rest := strings.TrimLeft(line, " ")
	indent = len(line) - len(rest)
	if item, isItem := strings.CutPrefix(rest, "- "); isItem {
		indent += 2 + len(item) - len(strings.TrimLeft(item, " "))
		rest = strings.TrimLeft(item, " ")
	}
	key, value, ok = strings.Cut(rest, ": ")
	return indent, key, strings.TrimSpace(value), ok && !strings.ContainsAny(key, `"' `)
}

// textColon finds an unquoted text that holds ": " ("en: Sorry: it came
// late"), YAML's "mapping values are not allowed": the column of that
// ":" and the line as it should be written.
func textColon(line string) (col int, fixed string, ok bool) {
	_, key, value, ok := keyValue(line)
	if !ok || value == "" || strings.ContainsAny(value[:1], `"'{[|>`) {
		return 0, "", false
	}
	at := strings.Index(value, ": ")
	if at < 0 {
		return 0, "", false
	}
	start := strings.Index(line, key+": ") + len(key) + 2
	start += strings.Index(line[start:], value)
	col = utf8.RuneCountInString(line[:start+at]) + 1
	fixed = key + `: "` + strings.ReplaceAll(value, `"`, `\"`) + `"`
	return col, fixed, true
}

// innerQuote finds a text in double quotes that holds a " of its own
// (en: "Press "Yes" to go on."): the column of the quote that ends the
// text too early, and the line as it should be written.
func innerQuote(line string) (col int, fixed string, ok bool) {
	_, key, value, ok := keyValue(line)
	if !ok || !strings.HasPrefix(value, `"`) {
		return 0, "", false
	}
	end := closingQuote(value)
	if end < 0 {
		return 0, "", false
	}
	after := strings.TrimSpace(value[end+1:])
	if after == "" || strings.HasPrefix(after, "#") {
		return 0, "", false
	}
	last := strings.LastIndex(value, `"`)
	if last <= end {
		return 0, "", false
	}
	inner := value[1:last]
	start := strings.Index(line, value)
	col = utf8.RuneCountInString(line[:start+end]) + 1
	fixed = key + `: "` + strings.ReplaceAll(strings.ReplaceAll(inner, `\"`, `"`), `"`, `\"`) + `"`
	return col, fixed, true
}

// closingQuote is the index of the " that closes the double-quoted text
// opening s, or -1.
func closingQuote(s string) int {
	escaped := false
	for i := 1; i < len(s); i++ {
		switch {
		case escaped:
			escaped = false
		case s[i] == '\\':
			escaped = true
		case s[i] == '"':
			return i
		}
	}
	return -1
}

// lineUp compares line n's indentation with the line above it (the
// nearest that is not blank or a comment): the two, when they differ and
// n's lines up with no line above (3 spaces among lines of 2 and 4).
func lineUp(data []byte, n int) (here, above, aboveLine int, ok bool) {
	here, _, _, _ = keyValue(lineText(data, n))
	if strings.TrimSpace(lineText(data, n)) == "" {
		return 0, 0, 0, false
	}
	// Only the lines n could belong with count: walking up, each line
	// that starts further left than every line met so far (the block
	// that holds n, then the one that holds that…).
	indents := map[int]bool{}
	limit := int(^uint(0) >> 1)
	for i := n - 1; i >= 1 && limit > 0; i-- {
		t := lineText(data, i)
		if s := strings.TrimSpace(t); s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		in, _, _, _ := keyValue(t)
		raw := len(t) - len(strings.TrimLeft(t, " "))
		if aboveLine == 0 {
			above, aboveLine = in, i
		}
		if raw < limit {
			indents[in], indents[raw] = true, true
			limit = raw
		}
	}
	return here, above, aboveLine, aboveLine > 0 && !indents[here]
}
