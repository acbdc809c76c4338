package desk

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/carebot/carebot/bot"
)

// Summary is what an agent reads in ten seconds before taking a ticket:
// what the person asked, what the bot collected, the care signals and the
// last turns. It is redacted when built (see Redact): it never holds an
// e-mail address or a phone number the flow did not collect for contact.
type Summary struct {
	Asked string `json:"asked,omitempty"`
	// Latest is the person's last message when it is not Asked: what
	// they say now, apart from what they came for.
	Latest  string     `json:"latest,omitempty"`
	Flow    string     `json:"flow,omitempty"`
	Slots   []SlotLine `json:"slots,omitempty"`
	Signals []string   `json:"signals,omitempty"`
	Turns   []bot.Turn `json:"turns,omitempty"`
}

// SlotLine is one collected value, as shown.
type SlotLine struct {
	Name  string `json:"n"`
	Value string `json:"v"`
}

// How much of the conversation the summary keeps.
const (
	summaryTurns = 6
	turnChars    = 280
)

// summarize builds a hand-off's summary from what the engine passed.
func summarize(h bot.Handoff, recent []bot.Turn) Summary {
	s := Summary{Flow: h.Flow}
	for _, name := range slices.Sorted(maps.Keys(h.Slots)) {
		v := h.Slots[name]
		if !ContactSlot(name) {
			v = Redact(v)
		}
		s.Slots = append(s.Slots, SlotLine{Name: name, Value: clip(v, turnChars)})
	}
	sg := h.Signals
	if sg.Distress {
		s.Signals = append(s.Signals, "distress")
	}
	if sg.Anger {
		s.Signals = append(s.Signals, "anger")
	}
	if sg.Anxiety {
		s.Signals = append(s.Signals, "anxiety")
	}
	if sg.Lonely {
		s.Signals = append(s.Signals, "lonely")
	}
	if sg.Grief {
		s.Signals = append(s.Signals, "grief")
	}
	for _, v := range sg.Vulnerable {
		s.Signals = append(s.Signals, "vulnerable: "+v)
	}
	if h.Priority == bot.PriorityUrgent {
		s.Signals = append(s.Signals, "crisis")
	}
	asked, latest := askedAndLatest(recent)
	s.Asked = clip(Redact(asked), turnChars)
	if latest != asked {
		s.Latest = clip(Redact(latest), turnChars)
	}
	from := max(0, len(recent)-summaryTurns)
	for _, t := range recent[from:] {
		s.Turns = append(s.Turns, bot.Turn{From: t.From, Text: clip(Redact(t.Text), turnChars), At: t.At})
	}
	return s
}

// askedWords is how many words a message needs to say what the person
// asked: "hi", "AB-123456" and "human" do not.
const askedWords = 3

// askedAndLatest returns what the person asked, the request that led to
// the hand-off (their first message of askedWords words or more; without
// one, their longest), and their latest message. Before, "Asked" was
// their longest message, which after a long wait is their latest ("this
// is taking forever, I want a person now"), and the request was lost
// (fix25).
func askedAndLatest(recent []bot.Turn) (asked, latest string) {
	longest := ""
	for _, t := range recent {
		if t.From != bot.SpeakerPerson {
			continue
		}
		latest = t.Text
		if asked == "" && len(strings.Fields(t.Text)) >= askedWords && !greetingOnly(t.Text) {
			asked = t.Text
		}
		if utf8.RuneCountInString(t.Text) > utf8.RuneCountInString(longest) {
			longest = t.Text
		}
	}
	if asked == "" {
		asked = longest
	}
	return asked, latest
}

// greetingWords greet, and ask nothing: a message of these alone ("hello
// good morning", "hi how are you", « bonjour, vous allez bien ? ») is no
// request, though three words long. The card read it as Asked, and the
// request that followed was lost among the last turns (review25b).
var greetingWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`hi hello hey hiya there good morning afternoon evening day how are you doing is it
		going everyone all team folks dear sir madam i hope well thanks
		bonjour bonsoir salut coucou à a vous tous toutes allez bien comment ça ca va madame monsieur l équipe equipe
		j espère espere merci`) {
		m[w] = true
	}
	return m
}()

// greetingOnly reports a message of greetingWords alone.
func greetingOnly(text string) bool {
	ws := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, w := range ws {
		if !greetingWords[w] {
			return false
		}
	}
	return len(ws) > 0
}

// ContactSlot reports whether a slot was collected so the team can contact
// the person: its name contains "contact" or "callback" (contact_email,
// callback_phone). Only those values are shown as typed; every other
// e-mail address or phone number is masked.
func ContactSlot(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "contact") || strings.Contains(n, "callback")
}

var (
	emailRE = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)
	// A phone number: an optional +, then at least 8 digits with spaces,
	// dots, dashes or brackets between them. Order numbers such as
	// AB-123456 have fewer digits or letters first, and stay.
	phoneRE = regexp.MustCompile(`\+?\(?\d[\d .\-()]{6,}\d`)
)

// Redact masks e-mail addresses and phone numbers in s.
func Redact(s string) string {
	s = emailRE.ReplaceAllString(s, "[e-mail hidden]")
	return phoneRE.ReplaceAllStringFunc(s, func(m string) string {
		digits := 0
		for _, r := range m {
			if r >= '0' && r <= '9' {
				digits++
			}
		}
		if digits < 8 {
			return m
		}
		return "[phone hidden]"
	})
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
