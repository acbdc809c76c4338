// Package bottest holds test helpers for carebot: the transcript harness
// that plays whole conversations against a Handler and compares them with
// golden files, the golden-file check, the built-in flows, and small
// hand-written fakes.
package bottest

import (
	"bufio"
	"cmp"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
)

// update is -update, for every package whose tests import bottest: they
// rewrite their golden files (transcripts, want.txt, schemas, drawings)
// with what the code gives now.
var update = flag.Bool("update", false, "rewrite the golden files with what the code gives now")

// Separator ends a transcript's header (as in caddy's golden files).
const Separator = "----------"

// A transcript file is a header of "key: value" lines (lang, user, platform),
// the Separator, then the conversation:
//
//	> hello                     the person writes
//	> [2]                       the person presses the 2nd button of the latest question
//	> [old 1]                   ... the 1st button of the question before it (a stale press)
//	> (sticker)                 the person sends a sticker (any media kind)
//	> (event handoff_timeout)   a system event reaches the conversation
//	> (event handoff_taken Sam) ... with a text (here the agent's name)
//	> (again)                   the previous message is delivered a second time (same ID)
//	> (restart)                 the process restarts: a new Handler on the same store
//	< text                      what the bot says (continuation lines start with "<|")
//	<   1) label                a button
//	<   [handoff …]             a hand-off opened or changed
//
// Lines starting with # and blank lines are comments. Bot lines in the file
// are the expectation: RunFile replays the person's lines and compares
// everything the bot says; `go test -update` rewrites the bot lines.

// NewHandler returns the handler for one transcript. restart is the
// number of (restart) lines met so far: a factory keeps its store across
// restarts and builds a fresh engine.
type NewHandler func(t *testing.T, restart int) bot.Handler

// RunDir runs every *.txt transcript in dir as a subtest.
func RunDir(t *testing.T, dir string, newHandler func(t *testing.T) NewHandler) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatalf("no transcripts in %s", dir)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".txt")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			RunFile(t, f, newHandler(t))
		})
	}
}

// RunFile plays one transcript and compares (or, with -update, rewrites) it.
func RunFile(t *testing.T, path string, newHandler NewHandler) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Play(t, string(raw), newHandler)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	Golden(t, path, []byte(got))
}

// Play runs the person's lines of a transcript and returns the transcript
// with the bot's lines as they are now.
func Play(t *testing.T, transcript string, newHandler NewHandler) (string, error) {
	t.Helper()
	head, body, ok := strings.Cut(transcript, Separator+"\n")
	if !ok {
		return "", fmt.Errorf("no %q line after the header", Separator)
	}
	opts := map[string]string{}
	for _, line := range strings.Split(head, "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && !strings.HasPrefix(line, "#") {
			opts[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	addr := bot.Address{Platform: cmp.Or(opts["platform"], "test"), Chat: cmp.Or(opts["user"], "u1"), User: cmp.Or(opts["user"], "u1")}
	var out strings.Builder
	out.WriteString(head + Separator + "\n")

	restarts := 0
	h := newHandler(t, restarts)
	var keyboards [][]bot.Choice
	var last bot.Message
	n := 0
	at := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	sc := bufio.NewScanner(strings.NewReader(body))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "<"):
			continue // expectations: regenerated below
		case strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#"):
			out.WriteString(line + "\n")
			continue
		case !strings.HasPrefix(line, "> ") && line != ">":
			return "", fmt.Errorf("line %q: want > (person), < (bot) or # (comment)", line)
		}
		out.WriteString(line + "\n")
		in := strings.TrimPrefix(strings.TrimPrefix(line, ">"), " ")
		n++
		at = at.Add(30 * time.Second)
		m := bot.Message{ID: "m" + strconv.Itoa(n), From: addr, Lang: opts["lang"], At: at}
		switch {
		case in == "(restart)":
			restarts++
			h = newHandler(t, restarts)
			continue
		case in == "(again)":
			m = last
		case strings.HasPrefix(in, "(event ") && strings.HasSuffix(in, ")"):
			// "(event handoff_taken Camille)": the event, then its text.
			ev, text, _ := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(in, "(event "), ")"), " ")
			m.Event, m.Text = bot.Event(ev), text
		case strings.HasPrefix(in, "(") && strings.HasSuffix(in, ")"):
			m.Media = strings.Trim(in, "()")
		case strings.HasPrefix(in, "[") && strings.HasSuffix(in, "]"):
			spec := strings.Trim(in, "[]")
			back := 1
			if rest, ok := strings.CutPrefix(spec, "old "); ok {
				spec, back = rest, 2
			}
			i, err := strconv.Atoi(spec)
			if err != nil || len(keyboards) < back || i < 1 || i > len(keyboards[len(keyboards)-back]) {
				return "", fmt.Errorf("line %q: no such button", line)
			}
			m.Choice = keyboards[len(keyboards)-back][i-1].ID
		default:
			m.Text = unescape(in)
		}
		last = m
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		replies, err := h.HandleMessage(ctx, m)
		cancel()
		if err != nil {
			out.WriteString("<   [error]\n")
		}
		for _, r := range replies {
			writeReply(&out, r)
			if len(r.Choices) > 0 {
				keyboards = append(keyboards, r.Choices)
			}
		}
	}
	return out.String(), sc.Err()
}

func writeReply(out *strings.Builder, r bot.Reply) {
	prefix := "< "
	if r.Pause > 0 {
		prefix = fmt.Sprintf("< (%s) ", r.Pause)
	}
	for i, l := range strings.Split(r.Text, "\n") {
		if i == 0 {
			out.WriteString(strings.TrimRight(prefix+l, " ") + "\n")
		} else {
			out.WriteString(strings.TrimRight("<| "+l, " ") + "\n")
		}
	}
	for i, c := range r.Choices {
		fmt.Fprintf(out, "<   %d) %s\n", i+1, c.Label)
	}
	if r.Verbatim {
		out.WriteString("<   [verbatim]\n")
	}
	if h := r.Handoff; h != nil {
		fmt.Fprintf(out, "<   [handoff %s queue=%s priority=%s reason=%q]\n", h.Status, h.Queue, h.Priority, h.Reason)
	}
}

// unescape lets a transcript hold bytes a text file can't: \xNN, \n, \t and
// {repeat N x} for long messages.
func unescape(s string) string {
	if strings.HasPrefix(s, "{repeat ") && strings.HasSuffix(s, "}") {
		f := strings.SplitN(strings.Trim(s, "{}"), " ", 3)
		if len(f) == 3 {
			if n, err := strconv.Atoi(f[1]); err == nil {
				return strings.Repeat(f[2], n)
			}
		}
	}
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			case 't':
				b.WriteByte('\t')
				i++
				continue
			case 'x':
				if i+3 < len(s) {
					if v, err := strconv.ParseUint(s[i+2:i+4], 16, 8); err == nil {
						b.WriteByte(byte(v))
						i += 3
						continue
					}
				}
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
