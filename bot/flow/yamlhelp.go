package flow

import (
	"bytes"
	"fmt"
	"regexp"
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
	if w := lastWord(before); w != "" {
		where = fmt.Sprintf("the letter after %q", w)
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
