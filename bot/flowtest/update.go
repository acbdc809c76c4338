package flowtest

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/carebot/carebot/bot"
)

// Update rewrites the expected text of every failing says: check in rep
// with the reply of that turn closest to it, for a deliberate change of
// wording. Only the text between its quotes changes: comments, order and
// layout of the file stay as they are. It returns the new contents of each
// file it changed, by File.Path; the caller writes them.
func (s *Suite) Update(rep *Report) map[string][]byte {
	byFile := map[*File][]edit{}
	for _, f := range rep.Failures {
		ch := f.check
		if ch == nil || ch.Key != "says" || ch.node == nil {
			continue
		}
		best := closest(ch.text, f.Replies)
		if best == "" {
			continue
		}
		for _, file := range s.Files {
			if file.Name == f.Pos.File {
				byFile[file] = append(byFile[file], edit{n: ch.node, text: best})
			}
		}
	}
	out := map[string][]byte{}
	for f, edits := range byFile {
		out[f.Path] = apply(f.Data, edits)
	}
	return out
}

type edit struct {
	n    *yaml.Node
	text string
}

// closest is the reply that shares the most words with want; ties go to
// the shorter reply (the likelier rewording of a short line).
func closest(want string, replies []bot.Reply) string {
	ws := strings.Fields(fold(want))
	best, bestScore := "", -1
	for _, r := range replies {
		if strings.TrimSpace(r.Text) == "" {
			continue
		}
		got := fold(r.Text)
		score := 0
		for _, w := range ws {
			if strings.Contains(got, w) {
				score++
			}
		}
		if score > bestScore || (score == bestScore && len(r.Text) < len(best)) {
			best, bestScore = r.Text, score
		}
	}
	return best
}

// apply replaces each edited scalar in data, last first so that earlier
// offsets hold. A scalar written over several lines (| or >) becomes one
// quoted line.
func apply(data []byte, edits []edit) []byte {
	slices.SortFunc(edits, func(a, b edit) int {
		if a.n.Line != b.n.Line {
			return b.n.Line - a.n.Line
		}
		return b.n.Column - a.n.Column
	})
	lines := bytes.SplitAfter(data, []byte("\n"))
	for _, e := range edits {
		start := lineOffset(lines, e.n.Line-1) + runeOffset(lines[e.n.Line-1], e.n.Column-1)
		end := scalarEnd(data, start, e.n)
		if end < 0 {
			continue
		}
		quoted := strconv.Quote(e.text)
		data = append(data[:start:start], append([]byte(quoted), data[end:]...)...)
		lines = bytes.SplitAfter(data, []byte("\n"))
	}
	return data
}

func lineOffset(lines [][]byte, i int) int {
	n := 0
	for _, l := range lines[:i] {
		n += len(l)
	}
	return n
}

// runeOffset is the byte offset of the col-th character of line (YAML
// columns count characters).
func runeOffset(line []byte, col int) int {
	off := 0
	for range col {
		_, size := utf8.DecodeRune(line[off:])
		off += size
	}
	return off
}

// scalarEnd returns the offset just past the scalar that starts at start,
// or -1 when it cannot tell.
func scalarEnd(data []byte, start int, n *yaml.Node) int {
	switch n.Style {
	case yaml.DoubleQuotedStyle:
		for i := start + 1; i < len(data); i++ {
			switch data[i] {
			case '\\':
				i++
			case '"':
				return i + 1
			}
		}
	case yaml.SingleQuotedStyle:
		for i := start + 1; i < len(data); i++ {
			if data[i] == '\'' {
				if i+1 < len(data) && data[i+1] == '\'' {
					i++
					continue
				}
				return i + 1
			}
		}
	case yaml.LiteralStyle, yaml.FoldedStyle:
		// From the | or > to the last line indented deeper than the line
		// that holds it.
		lineStart := bytes.LastIndexByte(data[:start], '\n') + 1
		indent := indentOf(data[lineStart:])
		end := bytes.IndexByte(data[start:], '\n')
		if end < 0 {
			return len(data)
		}
		end += start // the end of the indicator's line
		for end < len(data) {
			next := bytes.IndexByte(data[end+1:], '\n')
			line := data[end+1:]
			if next >= 0 {
				line = data[end+1 : end+1+next]
			}
			if len(bytes.TrimSpace(line)) > 0 && indentOf(line) <= indent {
				break
			}
			if next < 0 {
				end = len(data)
				break
			}
			end += 1 + next
		}
		// Blank lines at the end belong to what follows.
		for end > start && (data[end-1] == '\n' || data[end-1] == ' ') {
			end--
		}
		return end
	default: // plain: up to the end of the line, a comment, or the end of a [list]
		i := start
		for i < len(data) && data[i] != '\n' {
			if data[i] == '#' && i > start && (data[i-1] == ' ' || data[i-1] == '\t') {
				break
			}
			if data[i] == ',' || data[i] == ']' || data[i] == '}' {
				if inFlow(data, start) {
					break
				}
			}
			i++
		}
		for i > start && (data[i-1] == ' ' || data[i-1] == '\t') {
			i--
		}
		return i
	}
	return -1
}

// inFlow reports whether the scalar at start sits inside a [list] or {map}
// written on its line.
func inFlow(data []byte, start int) bool {
	depth := 0
	for i := start - 1; i >= 0 && data[i] != '\n'; i-- {
		switch data[i] {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
		}
	}
	return depth > 0
}

// indentOf counts the spaces that start line.
func indentOf(line []byte) int {
	n := 0
	for n < len(line) && line[n] == ' ' {
		n++
	}
	return n
}
