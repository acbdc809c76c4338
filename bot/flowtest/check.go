package flowtest

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/flow"
)

// outcome is what a turn left: the bot's replies and the conversation's state.
type outcome struct {
	replies []bot.Reply
	sess    bot.Session
	noticed []string // care signals noticed in this turn or earlier
	crisis  string   // the safety message, rendered in the conversation's language
	survey  string   // the satisfaction question, rendered likewise
}

// fold makes texts comparable the way a reader does: capitals, curly
// apostrophes and non-breaking spaces do not matter.
func fold(s string) string {
	return strings.ToLower(strings.NewReplacer("’", "'", "\u00a0", " ", "\u202f", " ").Replace(s))
}

func saysCheck(p flow.Pos, n *yaml.Node) *Check {
	want := n.Value
	return &Check{Pos: p, Key: "says", node: n, text: want, want: fmt.Sprintf("the bot to say %q", want),
		test: func(o *outcome) (bool, string) {
			for _, r := range o.replies {
				if strings.Contains(fold(r.Text), fold(want)) {
					return true, ""
				}
			}
			return false, ""
		}}
}

func matchesCheck(p flow.Pos, re *regexp.Regexp) *Check {
	return &Check{Pos: p, Key: "matches", want: fmt.Sprintf("the bot to say something matching %q", re.String()),
		test: func(o *outcome) (bool, string) {
			for _, r := range o.replies {
				if re.MatchString(r.Text) {
					return true, ""
				}
			}
			return false, ""
		}}
}

// offered is the buttons of the turn's last question.
func offered(replies []bot.Reply) []string {
	for i := len(replies) - 1; i >= 0; i-- {
		if len(replies[i].Choices) > 0 {
			var ls []string
			for _, c := range replies[i].Choices {
				ls = append(ls, c.Label)
			}
			return ls
		}
	}
	return nil
}

func buttonsCheck(p flow.Pos, want []string) *Check {
	return &Check{Pos: p, Key: "buttons", want: "buttons " + list(want),
		test: func(o *outcome) (bool, string) {
			got := offered(o.replies)
			if slices.EqualFunc(got, want, func(a, b string) bool { return fold(a) == fold(b) }) {
				return true, ""
			}
			return false, "buttons " + list(got) + commaSplit(want, got)
		}}
}

// commaSplit explains a buttons: list that YAML split at a label's own
// comma ([Yes, please, Not now] is three buttons: "Yes", "please", "Not
// now"), when two neighbours of want joined by ", " are a label of got.
func commaSplit(want, got []string) string {
	for i := 0; i+1 < len(want); i++ {
		joined := want[i] + ", " + want[i+1]
		for _, g := range got {
			if fold(g) == fold(joined) {
				return fmt.Sprintf(" (inside [ ], a comma starts a new button: put a label that holds a comma in quotes, like %q)", g)
			}
		}
	}
	return ""
}

func list(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return fmt.Sprintf("%q", s)
}

func (l *loader) flowCheck(n *yaml.Node, want string) *Check {
	return &Check{Pos: l.pos(n), Key: "flow", want: "flow " + orNone(want),
		test: func(o *outcome) (bool, string) {
			return o.sess.Flow == want, "flow " + orNone(o.sess.Flow)
		}}
}

func stepCheck(p flow.Pos, want string) *Check {
	return &Check{Pos: p, Key: "step", want: "step " + orNone(want),
		test: func(o *outcome) (bool, string) {
			return o.sess.Step == want, fmt.Sprintf("step %s (flow %s)", orNone(o.sess.Step), orNone(o.sess.Flow))
		}}
}

func slotCheck(p flow.Pos, slot, want string) *Check {
	return &Check{Pos: p, Key: "slots", want: fmt.Sprintf("slot %s = %q", slot, want),
		test: func(o *outcome) (bool, string) {
			v, ok := o.sess.Slots[slot]
			if !ok && o.sess.Handoff != nil {
				v, ok = o.sess.Handoff.Slots[slot]
			}
			if !ok {
				return false, fmt.Sprintf("slot %s not filled", slot)
			}
			return v == want, fmt.Sprintf("slot %s = %q", slot, v)
		}}
}

func signalCheck(p flow.Pos, want string) *Check {
	return &Check{Pos: p, Key: "signals", want: fmt.Sprintf("care signal %s noticed", want),
		test: func(o *outcome) (bool, string) {
			if slices.Contains(o.noticed, want) {
				return true, ""
			}
			return false, "signals " + list(o.noticed)
		}}
}

func handoffCheck(p flow.Pos, queue, prio string, open bool) *Check {
	want := "a hand-off"
	if queue != "" {
		want += " to queue " + queue
	}
	if prio != "" {
		want += " with priority " + prio
	}
	if !open {
		want = "no hand-off"
	}
	return &Check{Pos: p, Key: "handoff", want: want,
		test: func(o *outcome) (bool, string) {
			var h *bot.Handoff
			for _, r := range o.replies {
				if r.Handoff != nil && r.Handoff.Status == bot.HandoffWaiting {
					h = r.Handoff
				}
			}
			if h == nil {
				return !open, "no hand-off"
			}
			got := fmt.Sprintf("a hand-off to queue %s with priority %s", h.Queue, h.Priority)
			if !open {
				return false, got
			}
			return (queue == "" || h.Queue == queue) && (prio == "" || h.Priority.String() == prio), got
		}}
}

// messageCheck checks that the turn sent the safety message or the
// satisfaction question (sent), or that it did not.
func messageCheck(p flow.Pos, key string, sent bool) *Check {
	want := "the safety message, word for word"
	if key == "satisfaction" {
		want = "the satisfaction question"
	}
	if !sent {
		want = "not " + want
	}
	return &Check{Pos: p, Key: key, want: want,
		test: func(o *outcome) (bool, string) {
			for _, r := range o.replies {
				if key == "safety" && r.Verbatim && r.Text == o.crisis ||
					key == "satisfaction" && r.Text == o.survey && len(r.Choices) == 5 {
					return sent, strings.TrimPrefix(want, "not ")
				}
			}
			return !sent, ""
		}}
}
