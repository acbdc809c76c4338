package loadtest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Script is a conversation one simulated person has with the bot: what
// they write, turn by turn.
//
// In a script file each non-blank line is one message, except:
//
//	# a comment                 ignored
//	# expect: Thank you         the last turn's replies must contain this text
//	[2]                         press the 2nd button of the latest reply
//
// A button line may carry a trailing "# comment". A message line is sent as
// written: it cannot start with "#" or be a lone "[N]".
type Script struct {
	Name  string // the file's name, for reports
	Steps []Step
	// Expect, when set, must appear in the last turn's replies for the
	// conversation to count as finished: a script that went astray (a
	// misrouted message, a changed flow) fails the run instead of measuring
	// the wrong conversation.
	Expect string
}

// Step is one turn of a Script: a message to write or a button to press.
type Step struct {
	Line  int    // the line in the script file, for errors
	Text  string // what the person writes, when Press is 0
	Press int    // the button to press (1 for the first) of the latest reply, or 0
}

// ParseScript reads a script file (see Script). name labels it in errors
// and reports.
func ParseScript(name string, r io.Reader) (Script, error) {
	s := Script{Name: name}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var errs []error
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "":
		case strings.HasPrefix(line, "#"):
			rest := strings.TrimSpace(strings.TrimPrefix(line, "#"))
			if v, ok := strings.CutPrefix(rest, "expect:"); ok {
				v = strings.TrimSpace(v)
				if v == "" {
					errs = append(errs, fmt.Errorf("%s:%d: empty expect", name, n))
				} else if s.Expect != "" {
					errs = append(errs, fmt.Errorf("%s:%d: a second expect line", name, n))
				}
				s.Expect = v
			}
		case strings.HasPrefix(line, "["):
			press, err := parsePress(line)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s:%d: %w", name, n, err))
				continue
			}
			s.Steps = append(s.Steps, Step{Line: n, Press: press})
		default:
			s.Steps = append(s.Steps, Step{Line: n, Text: line})
		}
	}
	if err := sc.Err(); err != nil {
		return s, fmt.Errorf("read script %s: %w", name, err)
	}
	if len(errs) == 0 && len(s.Steps) == 0 {
		errs = append(errs, fmt.Errorf("%s: no messages", name))
	}
	return s, errors.Join(errs...)
}

// parsePress reads "[N]", optionally followed by a "# comment". A line that
// starts with "[" but is not a button is an error rather than a message, so
// a typo does not silently send "[2" to the bot.
func parsePress(line string) (int, error) {
	inner, rest, ok := strings.Cut(line[1:], "]")
	rest = strings.TrimSpace(rest)
	if !ok || (rest != "" && !strings.HasPrefix(rest, "#")) {
		return 0, fmt.Errorf("%q: a button line is [N], optionally followed by # comment", line)
	}
	n, err := strconv.Atoi(strings.TrimSpace(inner))
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%q: the button number must be 1 or more", line)
	}
	return n, nil
}
