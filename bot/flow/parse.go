package flow

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"math"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// chooseOnly are the keys of choose that a step written with them beside
// its choose: meant inside it, with the keys they go beside.
var chooseOnly = map[string]string{"choices": "text:", "free_text": "text: and choices:"}

// actionOnly are keys of a step's action written at the step's level,
// with the actions they belong to: "text:" and "satisfaction:" under a
// step whose "end:" line was lost, or indented one level short.
var actionOnly = map[string]string{
	"text": "choose:, ask:, handoff: or end:", "satisfaction": "end:",
	"slot": "ask:", "validate": "ask:", "invalid": "ask:", "attempts": "ask:", "on_fail": "ask:", "pattern": "ask:",
	"queue": "handoff:", "priority": "handoff:", "reason": "handoff:", "on_timeout": "handoff:", "closed": "handoff:", "waiting": "handoff:",
}

// The keys each part of a file may hold, in the order the format documents
// them (the order of "expected one of" lists in messages).
var (
	commonKeys   = []string{"languages", "start_flow", "fallback_flow", "human_flow", "crisis_queue", "cancel_words", "decline_words", "okay_words", "yes_words", "unknown_words", "wait_words", "button_words", "thing_words", "withdraw_words", "resolved_words", "farewell_words", "language_words", "number_words", "messages"}
	flowKeys     = []string{"id", "title", "category", "audience", "interrupt", "triggers", "steps"}
	triggerKeys  = []string{"commands", "keywords", "examples"}
	stepKeys     = []string{"id", "say", "pause", "acknowledge", "own_acknowledgement", "next", "choose", "ask", "branch", "set", "call", "goto_flow", "handoff", "end", "follow_up"}
	chooseKeys   = []string{"text", "choices", "free_text", "recall"}
	choiceKeys   = []string{"id", "label", "next", "flow", "set", "said", "synonyms"}
	freeTextKeys = []string{"slot", "next"}
	askKeys      = []string{"text", "slot", "validate", "pattern", "min", "max", "invalid", "attempts", "on_fail", "recall", "said"}
	caseKeys     = []string{"if_signal", "if_slot", "if_staffed", "if_audience", "if_said", "equals", "goto"}
	handoffKeys  = []string{"queue", "priority", "reason", "text", "on_timeout", "closed", "waiting"}
	endKeys      = []string{"text", "satisfaction", "follow_up"}

	actionKinds = map[string]Kind{
		"choose": KindChoose, "ask": KindAsk, "branch": KindBranch, "set": KindSet,
		"call": KindCall, "goto_flow": KindGoto, "handoff": KindHandoff, "end": KindEnd,
	}
	audiences  = []string{AudienceCustomer, AudienceEmployee, AudienceAny}
	validates  = []string{ValidateText, ValidateNumber, ValidateEmail, ValidatePhone, ValidateOrderRef, ValidatePattern}
	priorities = []string{"normal", "high", "urgent"}

	// What each engine message is for, so that "missing" says why it matters.
	messageUses = map[string]string{
		MsgTrouble:                    "sent when something is down",
		MsgNotText:                    "sent for a sticker, photo or voice message",
		MsgExpired:                    "sent when someone presses an old button",
		MsgCancelled:                  "sent after a cancel word",
		MsgForgotten:                  "sent after /forget",
		MsgPickOne:                    "sent when an answer matches no button",
		MsgClarify:                    "asks which of two close flows was meant",
		MsgHandoffWaiting:             "sent while a person is awaited",
		MsgCannotPromise:              "answers one who pushes for a promise at a question (\"just tell me yes\"): carebot decides no refund, date or compensation (optional: without it, such words are read as any other answer)",
		MsgHandoffHowLong:             "answers a question about the wait (\"how long?\") while a person is awaited, guessing no time (optional: without it, handoff_waiting is said)",
		MsgHandoffEnded:               "answers \"cancel\" while a person from the team holds the conversation: it is ended (optional: without it, handoff_cancel is said)",
		MsgHandoffGoodbye:             "answers a goodbye (\"thanks bye\") while a person is awaited: the request stays open (optional: without it, handoff_waiting is said)",
		MsgHandoffCancel:              "sent when someone no longer wants a person",
		MsgHandoffClosed:              "sent when the person's hand-off has ended",
		MsgHandoffTaken:               "sent when a person takes the conversation",
		MsgHandoffTimeout:             "sent when nobody came in time and the step says nothing of it",
		MsgCrisisAlert:                "added to the safety message when the hand-off desk is alerted",
		MsgCrisisAlertUnstaffed:       "added to the safety message when the team was alerted but nobody can be promised (outside business hours)",
		MsgCrisisWaiting:              "answers what a person in crisis writes while the alerted person is on the way, never inviting them to cancel (optional: without it, crisis_alert is said again)",
		MsgCrisisTimeout:              "tells a person in crisis that nobody has taken their urgent request within the desk's wait, that it stays open, and the emergency number, never inviting them to cancel (optional: without it, crisis_alert_unstaffed is said, as to what they write after it)",
		MsgCrisisPeerAlert:            "added to the safety message for a colleague on the staff Slack when only colleagues can come: the peer-support channel was alerted, nobody is promised until one joins (optional: without it, crisis_alert_unstaffed is said)",
		MsgCrisisPeerWaiting:          "answers what a colleague in crisis writes while their urgent request waits in the peer-support channel (optional: without it, crisis_alert_unstaffed is said)",
		MsgCrisisPeerTimeout:          "tells a colleague in crisis that nobody in the peer-support channel offered within its wait (optional: without it, crisis_timeout is said)",
		MsgCrisisPeerUnposted:         "tells a colleague in crisis that their urgent request could not be posted in the peer-support channel after all: nobody was alerted (optional: without it, crisis is said again)",
		MsgCrisisPeerJoined:           "tells a colleague in crisis that a colleague took their urgent request and the two are in a group chat (optional: without it, handoff_closed is said)",
		MsgCrisisClosed:               "tells a person in crisis that the agent who took their urgent hand-off at the desk ended it, that carebot is still there, and the emergency number; no score is asked (optional: without it, handoff_closed and then crisis are said)",
		MsgHandoffAgentLeft:           "tells the person that the agent who held their conversation ({{agent_name}}) left without ending it and that the bot is back with them; no score is asked (optional: without it, handoff_closed is said)",
		MsgHandoffAgentSilent:         "tells the person, once, that the agent who holds their conversation ({{agent_name}}) has not answered for a while, that the team was reminded, and that they can keep writing or cancel (optional: without it, handoff_waiting is said)",
		MsgHandoffAgentSilentRequeued: "tells the person that the agent ({{agent_name}}) still has not answered after the reminder and that their request went back to the team's queue (optional: without it, handoff_timeout is said)",
		MsgHandoffAgentSilentEnded:    "tells the person that the agent ({{agent_name}}) still has not answered and nobody else from the team can come now, and that the bot is back with them; no score is asked (optional: without it, handoff_agent_left is said)",
		MsgCrisisAgentSilent:          "tells a person in crisis that the agent ({{agent_name}}) has not answered for a while, that the team was alerted again as urgent, and the emergency number; never an invitation to cancel (optional: without it, crisis_timeout is said)",
		MsgHandoffNotText:             "tells a person who sent a photo, a sticker, a voice message… during a hand-off that only written words reach the team (optional: without it, not_text is said)",
		MsgSatisfaction:               "asks for a score from 1 to 5",
		MsgThanks:                     "sent after a score",
		MsgSatisfactionDeclined:       "sent when the person says no to the satisfaction question (optional: without it, nothing is said)",
		MsgCustomerQuestion:           "tells a colleague who asks a customer's question on the staff channel (\"where is my order\") that this bot is for colleagues, and where such questions go (optional: without it, such messages are read as any other)",
		MsgAboutBot:                   "says plainly that carebot is an automated assistant, to one who asks whether they talk to a bot (optional: without it, nothing is said)",
		MsgSimpler:                    "said to one who does not follow (\"I don't understand\"), before the question again in simpler words (optional: without it, the question is said again)",
		MsgFlood:                      "sent when messages come too fast",
		MsgCrisis:                     "the safety message for someone in crisis",
		MsgAckDistress:                "acknowledges distress",
		MsgAckAnger:                   "acknowledges anger",
		MsgAckAnxiety:                 "acknowledges anxiety",
		MsgAckVulnerable:              "thanks a person who says, during a question, that they are older, pregnant or disabled (optional)",
		MsgAckLonely:                  "acknowledges loneliness (optional: ack_distress is said without it)",
		MsgAckGrief:                   "acknowledges a loss told, a death or a lost pregnancy (optional: ack_distress is said without it)",
		MsgAlreadySaid:                "said instead of a question an earlier message already answered (optional: without it, such questions are asked)",
		MsgWhichOne:                   "asks which one was meant, to a message holding two answers to an order-number or e-mail question, named as {{answers}} (optional: without it, the ask's invalid: text is said)",
		MsgTakeYourTime:               "said to one who needs a moment to find what a question asks (wait_words), or says only \"ok\" to a question asking for something written; the question waits (optional: without it, such messages are answered as any other)",
		MsgButtonsHelp:                "tells one who cannot use the buttons (button_words) that an answer may be written, its number or its words; the question comes again (optional: without it, such messages are read as any other)",
		MsgYouAreWelcome:              "answers a thanks said at a waiting question with no farewell (farewell_words); the question waits (optional: without it, such thanks go to the goodbye flow)",
		MsgLanguageChanged:            "tells one who asked for a language (language_words), in it, that the conversation goes on in it (optional)",
		MsgHandoffUnavailable:         "sent instead of a promise when nobody can come to the conversation",
		MsgContactPhone:               "gives the configured phone number ({{contact_phone}}) when nobody can come",
		MsgContactEmail:               "gives the configured e-mail address ({{contact_email}}) when nobody can come",
		MsgContactHours:               "gives the configured hours ({{contact_hours}}) when nobody can come",
		MsgContactNone:                "sent when nobody can come and no way to reach a person is configured",
		MsgFeltBetter:                 "answers one who says at the satisfaction question that they feel better (\"i feel a bit better now\"); the question waits (optional: without it, such messages are read as any other)",
		MsgProblemHeard:               "answers one who tells more of their problem at a problem flow's question (\"its broken\"), before the question again (optional: without it, such messages are read as any other)",
		MsgHoursUnknown:               "tells one who asks when the team is there (\"when are you open?\") that the bot does not know, when no hours are configured; the other contacts or contact_none follow (optional: without it, such messages are read as any other)",

		MsgHandoffTeamCancelled: "sent when the team closes a request for a person that nobody took",
	}
)

// entry is one key of a mapping and its value.
type entry struct{ key, val *yaml.Node }

// fields are the known keys of a mapping.
type fields map[string]entry

func (f fields) val(k string) *yaml.Node { return f[k].val }

func (f fields) has(k string) bool { _, ok := f[k]; return ok }

// need returns the value of key k in f, or nil after reporting at n that
// it is missing: `missing "k"` and then why.
func (l *loader) need(f fields, n *yaml.Node, where, k, why string) *yaml.Node {
	v := f.val(k)
	if v == nil {
		l.errf(n, where, "missing %q%s", k, why)
	}
	return v
}

// mapping checks that n is a mapping of known keys and returns them. It
// reports unknown and repeated keys. what names n in messages ("ask").
func (l *loader) mapping(n *yaml.Node, where, what string, known []string) (fields, bool) {
	if n.Kind != yaml.MappingNode {
		like := strings.Join(known[:min(3, len(known))], ":, ") + ":"
		if isNull(n) {
			l.errf(n, where, "%s is empty: it needs keys like %s", what, like)
		} else {
			l.errf(n, where, "%s should hold keys like %s, not %s", what, like, describe(n))
		}
		return nil, false
	}
	f := fields{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key, ok := l.key(k, where)
		if !ok {
			continue
		}
		if !slices.Contains(known, key) {
			if beside, ok := chooseOnly[key]; ok && what == "a step" {
				// Written beside choose: rather than inside it, an easy
				// slip with the indentation of a question's buttons.
				l.errf(k, where, "%s belongs inside the step's choose:, indented under it beside %s", key, beside)
				continue
			}
			if in, ok := actionOnly[key]; ok && what == "a step" {
				l.errf(k, where, "%s belongs inside the step's %s, indented under it (if that line is missing, add it)", key, in)
				continue
			}
			if !idRE.MatchString(key) || slices.Contains(stepKeys, key) {
				l.unknownKey(n, k, v, where, what, known) // a text's words, or a step's key
			} else {
				l.errf(k, where, "unknown key %q in %s%s", key, what, knownHint(key, known))
			}
			continue
		}
		if e, dup := f[key]; dup {
			l.errf(k, where, "%q is given twice in %s (first at line %d)", key, what, e.key.Line)
			continue
		}
		f[key] = entry{k, v}
	}
	return f, true
}

// languageMissing replaces, in a flow file none of whose texts (three at
// least) has a language, the problem of each text by one for the file: a
// flow written in one language only is one thing to fix, not one per text.
func (l *loader) languageMissing(name string) {
	drop := map[int]bool{}
	var missing []string
	for _, lang := range l.langs {
		at := l.noLang[lang]
		if l.textCount < 3 || len(at) != l.textCount {
			continue
		}
		for _, i := range at {
			if i < len(l.errs) && strings.HasSuffix(l.errs[i].Msg, fmt.Sprintf("has no %q translation", lang)) {
				drop[i] = true
			}
		}
		missing = append(missing, lang)
	}
	if len(drop) == 0 {
		l.noLang = nil
		return
	}
	kept := l.errs[:0]
	for i, e := range l.errs {
		if !drop[i] {
			kept = append(kept, e)
		}
	}
	l.errs = kept
	for _, lang := range missing {
		l.add(Pos{File: name, Line: 1, Col: 1}, fmt.Sprintf("this flow has no %q text at all: every text (the title, each say, question, button and hand-off) needs its %q line, as common.yaml lists %s, like  %s: \"…\"",
			lang, lang, strings.Join(l.langs, ", "), lang))
	}
	l.noLang = nil
}

// misplaced reports whether key belongs to an action (see actionOnly and
// chooseOnly): said so where it stands, it is not read as a step key.
func misplaced(key string) bool {
	_, a := actionOnly[key]
	_, c := chooseOnly[key]
	return a || c
}

// hasMisplaced reports whether the step n has a key of an action at its
// level: its action is there, misplaced, and that is the problem told.
func hasMisplaced(n *yaml.Node) bool {
	for i := 0; i < len(n.Content); i += 2 {
		if misplaced(n.Content[i].Value) {
			return true
		}
	}
	return false
}

// readAsMeant adds to m, under the known key it was likely meant for, each
// misspelt key of the mapping n ("Say", "chose") that mapping reported
// with a did-you-mean, unless the known key is given too. Read so, a step
// whose action is misspelt is not also "a step that does nothing", nor
// are the steps its buttons lead to "never reached": one typo, one
// problem. It returns the misspelt keys' nodes and what they were read as.
func readAsMeant(n *yaml.Node, m fields, known []string) map[*yaml.Node]string {
	meant := map[*yaml.Node]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || slices.Contains(known, k.Value) || misplaced(k.Value) {
			continue
		}
		if s := suggest(k.Value, known); s != "" && !m.has(s) {
			m[s] = entry{k, v}
			meant[k] = s
		}
	}
	return meant
}

// pairs calls each for every key of the mapping n (what names it in
// messages) with its value, reporting keys that are not plain words and,
// with twice (a format of the key, what and the first key's line), keys
// given again. It returns the first node of each key.
func (l *loader) pairs(n *yaml.Node, where, what, twice string, each func(k, v *yaml.Node, key string)) map[string]*yaml.Node {
	first := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key, ok := l.key(k, where)
		if !ok {
			continue
		}
		if f, dup := first[key]; dup {
			l.errf(k, where, twice, key, what, f.Line)
			continue
		}
		first[key] = k
		each(k, v, key)
	}
	return first
}

// key returns a mapping key's name, reporting keys that are not plain words.
func (l *loader) key(k *yaml.Node, where string) (string, bool) {
	if k.Kind != yaml.ScalarNode {
		l.errf(k, where, "a key should be a single word, not %s", describe(k))
		return "", false
	}
	if k.Value == "<<" {
		l.errf(k, where, "<< (merge keys) is not allowed in flow files: write the keys out in full")
		return "", false
	}
	return k.Value, true
}

// unknownKey reports the key k (with value v) of the mapping n, which is
// none of known. Inside { }, an unquoted comma ends a text and starts a
// new key: {en: Yes, I can} reads as en: Yes and a key "I can". That is
// said as it is, with the text as it was meant, not as an unknown key.
func (l *loader) unknownKey(n, k, v *yaml.Node, where, what string, known []string) {
	if prevKey, text, ok := commaCut(n, k, v); ok {
		l.errf(k, where, "the text %q of %s was cut at its comma: inside { }, put a text that holds a comma in quotes, like %s: %q", text, what, prevKey, text)
		return
	}
	if slices.Contains(stepKeys, k.Value) && k.Value != "id" && what != "a step" && strings.HasPrefix(where, "step ") {
		// Indented one level too far: "next:" under the say text, not
		// beside it.
		l.errf(k, where, "%q belongs to the step, not inside its %s: move it left, lined up with the step's id:", k.Value, what)
		return
	}
	l.errf(k, where, "unknown key %q in %s%s", k.Value, what, knownHint(k.Value, known))
}

// commaCut reports whether k, a key without a value in the { } mapping n,
// is the rest of the previous key's unquoted text after a comma, and
// returns that key and the whole text.
func commaCut(n, k, v *yaml.Node) (string, string, bool) {
	if n.Style&yaml.FlowStyle == 0 || k.Style != 0 || !isNull(v) || v.Value != "" {
		return "", "", false
	}
	for i := 2; i+1 < len(n.Content); i += 2 {
		if n.Content[i] != k {
			continue
		}
		pk, pv := n.Content[i-2], n.Content[i-1]
		if pv.Kind != yaml.ScalarNode || pv.Style != 0 || isNull(pv) {
			return "", "", false
		}
		return pk.Value, pv.Value + ", " + k.Value, true
	}
	return "", "", false
}

func isCommaCut(n, k, v *yaml.Node) bool {
	_, _, ok := commaCut(n, k, v)
	return ok
}

// knownHint suggests the closest known key, or lists them all.
func knownHint(key string, known []string) string {
	return cmp.Or(didYouMean(key, known), "; expected one of: "+strings.Join(known, ", "))
}

// didYouMean is " (did you mean "x"?)" when a candidate is close to word.
func didYouMean(word string, candidates []string) string {
	if s := suggest(word, candidates); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

func isNull(n *yaml.Node) bool {
	return n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.Tag == "!!null")
}

// describe names what n is, for "should be X, not Y" messages.
func describe(n *yaml.Node) string {
	switch {
	case isNull(n):
		return "empty"
	case n.Kind == yaml.MappingNode:
		return "a group of keys"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	default:
		v := n.Value
		if r := []rune(v); len(r) > 30 {
			v = string(r[:30]) + "…"
		}
		return quote(v)
	}
}

// quote puts a value people wrote between double quotes, escaping only
// what must be: %q would turn a pattern's \d into \\d.
func quote(s string) string {
	if strings.ContainsRune(s, '"') || strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }) {
		return strconv.Quote(s)
	}
	return `"` + s + `"`
}

// str returns a scalar's value, reporting lists, groups and empty values.
func (l *loader) str(n *yaml.Node, where, key string) (string, bool) {
	switch {
	case n.Kind != yaml.ScalarNode:
		l.errf(n, where, "%s should be a single value, not %s", key, describe(n))
		return "", false
	case isNull(n) || strings.TrimSpace(n.Value) == "":
		l.errf(n, where, "%s is empty", key)
		return "", false
	}
	return n.Value, true
}

// oneOf returns a scalar that must be one of values.
func (l *loader) oneOf(n *yaml.Node, where, key string, values []string) (string, bool) {
	s, ok := l.str(n, where, key)
	if !ok {
		return "", false
	}
	if !slices.Contains(values, s) {
		l.errf(n, where, "%s %q is not one of: %s%s", key, s, strings.Join(values, ", "), didYouMean(s, values))
		return "", false
	}
	return s, true
}

// id returns an identifier: lowercase letters, digits and _, at most max long.
func (l *loader) id(n *yaml.Node, where, what string, max int) (string, bool) {
	s, ok := l.str(n, where, what)
	if !ok {
		return "", false
	}
	switch {
	case !idRE.MatchString(s):
		l.errf(n, where, "%s %q may only use lowercase letters, digits and _ (like %s)", what, s, idExample(s))
		return s, false
	case len(s) > max:
		l.errf(n, where, "%s %q is too long: %d characters, at most %d", what, s, len(s), max)
		return s, false
	}
	return s, true
}

// idExample turns a wrong id into a valid one, to show the way.
func idExample(s string) string {
	var b strings.Builder
	for _, r := range Fold(s) { // « abîmé » is like abime
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
			b.WriteRune(r)
		case r == ' ', r == '-', r == '.':
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "order_problem"
	}
	return b.String()
}

// list returns a sequence's items (none for an empty value), reporting a
// value that is not a list and, when empty says what the problem is, an
// empty one.
func (l *loader) list(n *yaml.Node, where, key, empty string) ([]*yaml.Node, bool) {
	if !isNull(n) && n.Kind != yaml.SequenceNode {
		l.errf(n, where, "%s should be a list (lines starting with \"- \"), not %s", key, describe(n))
		return nil, false
	}
	if len(n.Content) == 0 && empty != "" {
		l.errf(n, where, "%s", empty)
		return nil, false
	}
	return n.Content, true
}

// strs returns a list of non-empty single values.
func (l *loader) strs(n *yaml.Node, where, key string) []strNode {
	items, _ := l.list(n, where, key, "")
	out := make([]strNode, 0, len(items))
	for _, it := range items {
		if s, ok := l.str(it, where, "an item of "+key); ok {
			out = append(out, strNode{s, it})
		}
	}
	return out
}

type strNode struct {
	s string
	n *yaml.Node
}

func (l *loader) boolean(n *yaml.Node, where, key string) bool {
	var b bool
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&b) != nil {
		l.errf(n, where, "%s should be true or false, not %s", key, describe(n))
		return false
	}
	return b
}

func (l *loader) number(n *yaml.Node, where, key string) (float64, bool) {
	var f float64
	if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") || n.Decode(&f) != nil ||
		math.IsNaN(f) || math.IsInf(f, 0) {
		l.errf(n, where, "%s should be a number, not %s", key, describe(n))
		return 0, false
	}
	return f, true
}

func (l *loader) integer(n *yaml.Node, where, key string) (int, bool) {
	var i int
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || n.Decode(&i) != nil {
		l.errf(n, where, "%s should be a whole number, not %s", key, describe(n))
		return 0, false
	}
	return i, true
}

// text parses a Text: a mapping from language to text (plus tone and
// no_rephrase), or a plain string when the set has one language. what
// names it in messages ("title", "say text").
func (l *loader) text(n *yaml.Node, where, what string) Text {
	t := Text{Pos: l.pos(n)}
	switch {
	case isNull(n):
		l.errf(n, where, "%s is empty", what)
		return t
	case n.Kind == yaml.ScalarNode:
		switch {
		case l.langs == nil: // unknown languages: nothing to check against
		case len(l.langs) > 1:
			l.errf(n, where, "%s needs one line per language (%s), like  %s: \"…\"", what, strings.Join(l.langs, ", "), l.langs[0])
		default:
			t.ByLang = map[string]string{l.langs[0]: n.Value}
			l.textValue(n, where, what, l.langs[0])
		}
		return t
	case n.Kind != yaml.MappingNode:
		l.errf(n, where, "%s should be a text with one line per language, not %s", what, describe(n))
		return t
	}
	t.ByLang = map[string]string{}
	var simple, unstaffed *yaml.Node
	first := l.pairs(n, where, what, "%q is given twice in %s (first at line %d)", func(k, v *yaml.Node, key string) {
		switch {
		case key == "tone":
			t.Tone, _ = l.str(v, where, what+" tone")
		case key == "no_rephrase":
			t.NoRephrase = l.boolean(v, where, "no_rephrase")
		case key == "simple" && l.noSimple == "":
			simple = v
		case key == "simple":
			l.errf(k, where, "%s cannot have a simple variant: %s", what, l.noSimple)
		case key == "unstaffed" && l.noSimple == "":
			unstaffed = v
		case key == "unstaffed":
			l.errf(k, where, "%s cannot have an unstaffed variant: only the texts of flow steps can", what)
		case l.langSet[key] || (l.langs == nil && langRE.MatchString(key)):
			if v.Kind != yaml.ScalarNode {
				l.errf(v, where, "the %q %s should be a single text, not %s", key, what, describe(v))
				return
			}
			t.ByLang[key] = v.Value
			l.textValue(v, where, what, key)
		default:
			// "de" is a language missing from common.yaml; "tne" and
			// "enn" are typos of tone and en.
			known := append(slices.Clone(l.langs), "tone", "no_rephrase", "simple", "unstaffed")
			if !isCommaCut(n, k, v) && langRE.MatchString(key) && (len(key) == 2 || suggest(key, known) == "") {
				l.errf(k, where, "%s is in %q, which is not one of the languages in common.yaml (%s)", what, key, strings.Join(l.langs, ", "))
			} else {
				l.unknownKey(n, k, v, where, what, known)
			}
		}
	})
	l.textCount++
	for _, lang := range l.langs {
		if _, ok := first[lang]; !ok {
			if l.noLang != nil {
				l.noLang[lang] = append(l.noLang[lang], len(l.errs))
			}
			l.errf(n, where, "%s has no %q translation", what, lang)
		}
	}
	if simple != nil {
		t.Simple = l.simpleText(simple, where, what, t)
	}
	if unstaffed != nil {
		t.Unstaffed = l.unstaffedText(unstaffed, where, what, t)
	}
	return t
}

// unstaffedText parses the unstaffed variant of text t: the hand-off
// queue it depends on (optional) and one line per language, in every
// language t has, naming no slot t does not.
func (l *loader) unstaffedText(n *yaml.Node, where, of string, t Text) *Unstaffed {
	what := "unstaffed " + of
	langs := l.langs
	if langs == nil {
		langs = slices.Sorted(maps.Keys(t.ByLang))
	}
	if n.Kind != yaml.MappingNode {
		l.errf(n, where, "%s should be one line per language (%s), and optionally the queue it depends on, not %s", what, strings.Join(langs, ", "), describe(n))
		return nil
	}
	u := &Unstaffed{}
	var vals map[string]*yaml.Node
	u.ByLang, vals = l.variantLines(n, where, what, langs, func(k, v *yaml.Node, key string) bool {
		if key != "queue" {
			return false
		}
		u.Queue, _ = l.str(v, where, what+" queue")
		l.queueUse(v, where, what+" queue", u.Queue)
		return true
	}, "queue")
	l.variantEach(n, where, what, "it is needed in every language of its text", langs, t, vals, func(lang string, v *yaml.Node) {
		want := Slots(t.ByLang[lang])
		for _, s := range Slots(v.Value) {
			if !slices.Contains(want, s) {
				l.errf(v, where, "the %q %s adds {{%s}}, which its text does not name", lang, what, s)
			}
		}
	})
	return u
}

// simpleText parses the simple variant of text t: one line per language,
// in every language t has, naming the same slots, and promising nothing
// that t does not.
func (l *loader) simpleText(n *yaml.Node, where, of string, t Text) map[string]string {
	what := "simple " + of
	langs := l.langs
	if langs == nil {
		langs = slices.Sorted(maps.Keys(t.ByLang))
	}
	out := map[string]string{}
	vals := map[string]*yaml.Node{}
	switch {
	case isNull(n):
		l.errf(n, where, "%s is empty: give one line per language (%s), or remove simple:", what, strings.Join(langs, ", "))
		return nil
	case n.Kind == yaml.ScalarNode && len(langs) == 1:
		out[langs[0]], vals[langs[0]] = n.Value, n
	case n.Kind == yaml.ScalarNode:
		l.errf(n, where, "%s needs one line per language (%s), like  %s: \"…\"", what, strings.Join(langs, ", "), langs[0])
		return nil
	case n.Kind != yaml.MappingNode:
		l.errf(n, where, "%s should be a text with one line per language, not %s", what, describe(n))
		return nil
	default:
		out, vals = l.variantLines(n, where, what, langs, func(k, _ *yaml.Node, key string) bool {
			if key != "tone" && key != "no_rephrase" && key != "simple" {
				return false
			}
			l.errf(k, where, "%s holds only one line per language (%s): it takes its tone and no_rephrase from the text above it", what, strings.Join(langs, ", "))
			return true
		})
	}
	l.variantEach(n, where, what, "a simple variant is needed in every language of its text", langs, t, vals, func(lang string, v *yaml.Node) {
		full, ok := t.ByLang[lang]
		if !ok {
			return
		}
		want, got := Slots(full), Slots(v.Value)
		for _, s := range want {
			if !slices.Contains(got, s) {
				l.errf(v, where, "the %q %s leaves out {{%s}}: a simple variant names the same slots as its text", lang, what, s)
			}
		}
		for _, s := range got {
			if !slices.Contains(want, s) {
				l.errf(v, where, "the %q %s adds {{%s}}, which its text does not name: a simple variant names the same slots as its text", lang, what, s)
			}
		}
		for _, p := range newPromises(full, v.Value) {
			l.errf(v, where, "the %q %s says %s, which its text does not: a simple variant may say less, never more (no refund, date, amount or compensation its text does not give)", lang, what, quote(p))
		}
	})
	return out
}

// variantLines reads the mapping n of a text's variant (what: "simple say
// text"…): one single line per language of langs. other takes the keys
// that are not languages and reports whether it knew the key (hint: such
// keys, suggested for a misspelt one). It returns the lines and, by key,
// the node each was read from.
func (l *loader) variantLines(n *yaml.Node, where, what string, langs []string, other func(k, v *yaml.Node, key string) bool, hint ...string) (map[string]string, map[string]*yaml.Node) {
	out, vals := map[string]string{}, map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key, ok := l.key(k, where)
		if !ok {
			continue
		}
		switch {
		case vals[key] != nil:
			l.errf(k, where, "%q is given twice in %s (first at line %d)", key, what, vals[key].Line)
		case !slices.Contains(langs, key) && other(k, v, key):
			if slices.Contains(hint, key) {
				vals[key] = v
			}
		case slices.Contains(langs, key):
			if v.Kind != yaml.ScalarNode {
				l.errf(v, where, "the %q %s should be a single text, not %s", key, what, describe(v))
				continue
			}
			out[key], vals[key] = v.Value, v
		case langRE.MatchString(key) && (len(key) == 2 || suggest(key, langs) == "") && !isCommaCut(n, k, v):
			l.errf(k, where, "%s is in %q, which is not one of the languages in common.yaml (%s)", what, key, strings.Join(langs, ", "))
		default:
			l.unknownKey(n, k, v, where, what, append(slices.Clone(langs), hint...))
		}
	}
	return out, vals
}

// variantEach reports the languages of t that the variant read into vals
// leaves out (missing: why each is needed), checks each line (not empty,
// well-formed templates) and gives the good ones to check.
func (l *loader) variantEach(n *yaml.Node, where, what, missing string, langs []string, t Text, vals map[string]*yaml.Node, check func(lang string, v *yaml.Node)) {
	for _, lang := range langs {
		if _, ok := t.ByLang[lang]; ok && vals[lang] == nil {
			l.errf(n, where, "%s has no %q translation: %s", what, lang, missing)
		}
	}
	for _, lang := range langs {
		v := vals[lang]
		if v == nil {
			continue
		}
		if strings.TrimSpace(v.Value) == "" {
			l.errf(v, where, "the %q %s is empty", lang, what)
			continue
		}
		l.templates(v, where, fmt.Sprintf("the %q %s", lang, what))
		check(lang, v)
	}
}

// textValue checks one language of a text: not empty, well-formed templates.
func (l *loader) textValue(n *yaml.Node, where, what, lang string) {
	if strings.TrimSpace(n.Value) == "" {
		l.errf(n, where, "the %q %s is empty", lang, what)
		return
	}
	l.templates(n, where, fmt.Sprintf("the %q %s", lang, what))
}

// templates records the slots that n's value names and reports malformed ones.
func (l *loader) templates(n *yaml.Node, where, what string) {
	for _, p := range scan(n.Value) {
		if p.bad != "" {
			l.errf(n, where, "%s has a broken template %q: write {{slot_name}}, with lowercase letters, digits and _", what, p.bad)
			continue
		}
		l.slotUses = append(l.slotUses, slotUse{pos: l.pos(n), where: where, what: what, name: p.name, tmpl: true})
	}
}

// slotName checks a slot's name and records the slot as defined.
func (l *loader) slotName(n *yaml.Node, where, what, name string) {
	if !idRE.MatchString(name) {
		l.errf(n, where, "%s %q may only use lowercase letters, digits and _ (like %s)", what, name, idExample(name))
		return
	}
	l.slots[name] = true
}

// setSlots parses a set: mapping of slot → value (a template).
func (l *loader) setSlots(n *yaml.Node, where, what string) map[string]string {
	if n.Kind != yaml.MappingNode {
		if isNull(n) {
			l.errf(n, where, "%s is empty: give slots and their values, like  set: {topic: delivery}", what)
		} else {
			l.errf(n, where, "%s should hold slots and their values, like  set: {topic: delivery}, not %s", what, describe(n))
		}
		return nil
	}
	if len(n.Content) == 0 {
		l.errf(n, where, "%s is empty: give slots and their values, like  set: {topic: delivery}", what)
		return nil
	}
	m := map[string]string{}
	l.pairs(n, where, what, "slot %q is set twice in %s (first at line %d)", func(k, v *yaml.Node, key string) {
		l.slotName(k, where, "slot", key)
		if v.Kind != yaml.ScalarNode {
			l.errf(v, where, "the value of slot %q should be a single value, not %s", key, describe(v))
			return
		}
		val := v.Value
		if isNull(v) {
			val = ""
		}
		m[key] = val
		l.templates(v, where, fmt.Sprintf("the value of slot %q", key))
	})
	return m
}

// common parses common.yaml.
func (l *loader) common(set *Set) {
	root := l.parseFile(CommonFile)
	if root == nil {
		return
	}
	c := &set.Common
	c.Pos = l.pos(root)
	f, ok := l.mapping(root, "", "common.yaml", commonKeys)
	if !ok {
		return
	}
	// Languages first: every text depends on them.
	if n := l.need(f, root, "", "languages", ": list the languages every text is written in, like  languages: [en, fr]"); n != nil {
		l.languages(c, n)
	}
	refs := []struct {
		key, hint string
		dst       *string
	}{
		{"start_flow", ": name the flow that greets people, like  start_flow: welcome", &c.StartFlow},
		{"fallback_flow", ": name the flow that answers when nothing matched, like  fallback_flow: fallback", &c.FallbackFlow},
		{"human_flow", ": name the flow that reaches a person, like  human_flow: human", &c.HumanFlow},
	}
	for _, r := range refs {
		n := l.need(f, root, "", r.key, r.hint)
		if n == nil {
			continue
		}
		if s, ok := l.str(n, "", r.key); ok {
			*r.dst = s
			l.flowRefs = append(l.flowRefs, flowRef{pos: l.pos(n), key: r.key, name: s})
		}
	}
	if n := l.need(f, root, "", "crisis_queue", ": name the team queue that takes over after the crisis safety message, like  crisis_queue: urgent"); n != nil {
		c.CrisisQueue, _ = l.str(n, "", "crisis_queue")
		l.queueUse(n, "", "crisis_queue", c.CrisisQueue)
	}
	if n := f.val("cancel_words"); n != nil {
		c.CancelWords = l.perLang(n, "", "cancel_words", "cancel word", nil)
	}
	if n := f.val("decline_words"); n != nil {
		c.DeclineWords = l.perLang(n, "", "decline_words", "decline word", nil)
	}
	if n := f.val("okay_words"); n != nil {
		c.OkayWords = l.perLang(n, "", "okay_words", "okay word", nil)
	}
	if n := f.val("yes_words"); n != nil {
		c.YesWords = l.perLang(n, "", "yes_words", "yes word", nil)
	}
	if n := f.val("number_words"); n != nil {
		// A word given to two numbers would answer with either: each
		// word belongs to one number.
		count := map[string]int{}           // lang → entries read
		seen := map[string]map[string]int{} // lang → word → its number
		c.NumberWords = l.perLang(n, "", "number_words", "number's words", func(lang string, sn strNode) {
			count[lang]++
			if seen[lang] == nil {
				seen[lang] = map[string]int{}
			}
			for _, w := range strings.Fields(Fold(sn.s)) {
				if at, dup := seen[lang][w]; dup && at != count[lang] {
					l.errf(sn.n, "", "number_words %s: %q is given to %d and to %d", lang, w, at, count[lang])
				}
				seen[lang][w] = count[lang]
			}
		})
	}
	// Lists of phrases, compared as a choice's synonyms are.
	for _, ph := range []struct {
		key string
		dst *map[string][]string
	}{
		{"unknown_words", &c.UnknownWords},
		{"wait_words", &c.WaitWords},
		{"button_words", &c.ButtonWords},
		{"thing_words", &c.ThingWords},
		{"withdraw_words", &c.WithdrawWords},
		{"resolved_words", &c.ResolvedWords},
		{"farewell_words", &c.FarewellWords},
		{"language_words", &c.LanguageWords},
	} {
		if n := f.val(ph.key); n != nil {
			*ph.dst = l.perLang(n, "", ph.key, "phrase", func(lang string, sn strNode) {
				l.phraseWords("", ph.key, lang, sn)
			})
		}
	}
	if l.need(f, root, "", "messages", ": the bot's own messages ("+strings.Join(MessageKeys, ", ")+") are required") == nil {
		return
	}
	e := f["messages"]
	mf, ok := l.mapping(e.val, "", "messages", slices.Concat(MessageKeys, OptionalMessageKeys))
	if !ok {
		return
	}
	c.Messages = map[string]Text{}
	l.noSimple = "carebot's own messages are said the same way to everyone"
	defer func() { l.noSimple = "" }()
	for _, k := range OptionalMessageKeys {
		if me, ok := mf[k]; ok {
			c.Messages[k] = l.text(me.val, "", fmt.Sprintf("message %q", k))
		}
	}
	for _, k := range MessageKeys {
		me, ok := mf[k]
		if !ok {
			use := ""
			if u := messageUses[k]; u != "" {
				use = " (" + u + ")"
			}
			l.errf(e.key, "", "messages has no %q text%s", k, use)
			continue
		}
		c.Messages[k] = l.text(me.val, "", fmt.Sprintf("message %q", k))
		// A contact line exists to give its value: one that forgets it
		// would tell a person to call without saying where.
		if v := contactValues[k]; v != "" {
			for _, lang := range slices.Sorted(maps.Keys(c.Messages[k].ByLang)) {
				if !slices.Contains(Slots(c.Messages[k].ByLang[lang]), v) {
					l.errf(me.val, "", "message %q in %s must show the value: write {{%s}} in it", k, lang, v)
				}
			}
		}
	}
}

// contactValues are the messages that give a way to reach a person, and
// the template value each must show.
var contactValues = map[string]string{
	MsgContactPhone: "contact_phone",
	MsgContactEmail: "contact_email",
	MsgContactHours: "contact_hours",
}

func (l *loader) languages(c *Common, n *yaml.Node) {
	items, ok := l.list(n, "", "languages", "languages is empty: list at least one, like  languages: [en]")
	if !ok {
		return
	}
	langs := []string{}
	for _, it := range items {
		s, ok := l.str(it, "", "a language")
		if !ok {
			continue
		}
		switch {
		case !langRE.MatchString(s):
			l.errf(it, "", "language %q should be a language code, like en, fr or pt-BR", s)
		case slices.Contains(langs, s):
			l.errf(it, "", "language %q is listed twice", s)
		default:
			langs = append(langs, s)
		}
	}
	if len(langs) == 0 {
		return
	}
	c.Languages = langs
	l.langs = langs
	l.langSet = map[string]bool{}
	for _, s := range langs {
		l.langSet[s] = true
	}
}

// perLang parses a mapping of language → list of phrases (cancel words,
// keywords, examples). Each phrase is passed to each, when not nil.
func (l *loader) perLang(n *yaml.Node, where, key, item string, each func(lang string, sn strNode)) map[string][]string {
	if n.Kind != yaml.MappingNode {
		l.errf(n, where, "%s should list %ss per language, like  en: [...], not %s", key, item, describe(n))
		return nil
	}
	out := map[string][]string{}
	l.pairs(n, where, key, "%q is given twice in %s (first at line %d)", func(k, v *yaml.Node, lang string) {
		if l.langs != nil && !l.langSet[lang] {
			l.errf(k, where, "%s has %q, which is not one of the languages in common.yaml (%s)", key, lang, strings.Join(l.langs, ", "))
			return
		}
		for _, sn := range l.strs(v, where, fmt.Sprintf("%s %s", key, lang)) {
			out[lang] = append(out[lang], sn.s)
			if each != nil {
				each(lang, sn)
			}
		}
	})
	return out
}

// flowFile parses one flow file.
func (l *loader) flowFile(set *Set, name string) {
	l.textCount, l.noLang = 0, map[string][]int{}
	defer l.languageMissing(name)
	root := l.parseFile(name)
	if root == nil {
		if l.unreadable == nil {
			l.unreadable = map[string]bool{}
		}
		l.unreadable[strings.TrimSuffix(name, ".yaml")] = true
		return
	}
	f := &Flow{File: name, Pos: l.pos(root), Audience: AudienceAny}
	pf := &parsedFlow{flow: f, calls: map[*Step]*yaml.Node{}, stepIDs: map[string]*yaml.Node{}}
	l.flows = append(l.flows, pf)
	m, ok := l.mapping(root, "", "a flow file", flowKeys)
	if !ok {
		return
	}
	if n := m.val("id"); n == nil {
		l.errf(root, "", "missing \"id\": give the flow a unique id, like  id: %s", idExample(strings.TrimSuffix(name, ".yaml")))
	} else if id, ok := l.id(n, "", "flow id", maxFlowID); ok {
		f.ID = id
		if other, dup := set.Flows[id]; dup {
			l.errf(n, "", "flow id %q is already used by %s", id, other.File)
		} else {
			set.Flows[id] = f
			set.Order = append(set.Order, id)
			pf.idOK = true
		}
	}
	if n := l.need(m, root, "", "title", ": the title is shown on menus and buttons"); n != nil {
		l.noSimple = "a title is a few words on a button already"
		f.Title = l.text(n, "", "title")
		l.noSimple = ""
	}
	if n := l.need(m, root, "", "category", ": give one of: "+strings.Join(Categories, ", ")); n != nil {
		f.Category, _ = l.oneOf(n, "", "category", Categories)
	}
	if n := m.val("audience"); n != nil {
		if a, ok := l.oneOf(n, "", "audience", audiences); ok {
			f.Audience = a
		}
	}
	if n := m.val("interrupt"); n != nil {
		f.Interrupt = l.boolean(n, "", "interrupt")
	}
	if n := m.val("triggers"); n != nil {
		l.triggers(pf, n)
	}
	n := l.need(m, root, "", "steps", ": a flow needs at least one step")
	if n == nil {
		return
	}
	items, ok := l.list(n, "", "steps", "steps is empty: a flow needs at least one step")
	if !ok {
		return
	}
	for i, it := range items {
		if s := l.step(pf, it, i+1); s != nil {
			f.Steps = append(f.Steps, s)
		}
	}
	f.Index()
	l.checkFlow(pf)
}

func (l *loader) triggers(pf *parsedFlow, n *yaml.Node) {
	m, ok := l.mapping(n, "", "triggers", triggerKeys)
	if !ok {
		return
	}
	t := &pf.flow.Triggers
	if n := m.val("commands"); n != nil {
		for _, sn := range l.strs(n, "", "commands") {
			if !commandRE.MatchString(sn.s) {
				l.errf(sn.n, "", "command %q should start with / and use lowercase letters, digits and _, like /%s", sn.s, idExample(sn.s))
				continue
			}
			t.Commands = append(t.Commands, sn.s)
			pf.triggers = append(pf.triggers, trigger{pos: l.pos(sn.n), kind: "command", text: sn.s, norm: sn.s})
		}
	}
	for _, kind := range []string{"keyword", "example"} {
		n := m.val(kind + "s")
		if n == nil {
			continue
		}
		got := l.perLang(n, "", kind+"s", kind, func(lang string, sn strNode) {
			pf.triggers = append(pf.triggers, trigger{pos: l.pos(sn.n), kind: kind, lang: lang, text: sn.s, norm: normalize(sn.s)})
		})
		if kind == "keyword" {
			t.Keywords = got
		} else {
			t.Examples = got
		}
	}
}

// normalize is how triggers compare: case and spacing do not matter.
func normalize(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// step parses the index-th step (from 1) of a flow.
func (l *loader) step(pf *parsedFlow, n *yaml.Node, index int) *Step {
	where := fmt.Sprintf("step %d", index)
	s := &Step{Pos: l.pos(n)}
	if n.Kind == yaml.MappingNode {
		// Name the step in every message as soon as its id is known.
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k, v := n.Content[i], n.Content[i+1]; k.Value == "id" && v.Kind == yaml.ScalarNode && !isNull(v) {
				where = fmt.Sprintf("step %q", v.Value)
				break
			}
		}
	}
	m, ok := l.mapping(n, where, "a step", stepKeys)
	if !ok {
		return nil
	}
	meant := readAsMeant(n, m, stepKeys)
	if idn := m.val("id"); idn == nil {
		l.errf(n, where, "missing \"id\": give every step an id, like  id: ask_order")
	} else if id, ok := l.id(idn, where, "step id", maxStepID); ok {
		s.ID = id
		if first, dup := pf.stepIDs[id]; dup {
			l.errf(idn, "", "step id %q is already used at line %d", id, first.Line)
		} else {
			pf.stepIDs[id] = idn
		}
	} else if idn.Kind == yaml.ScalarNode {
		s.ID = idn.Value // keep it, so that references to it do not add noise
		if _, dup := pf.stepIDs[s.ID]; !dup {
			pf.stepIDs[s.ID] = idn
		}
	}

	if n := m.val("say"); n != nil {
		if n.Kind == yaml.SequenceNode {
			if len(n.Content) == 0 {
				l.errf(n, where, "say is empty: give it at least one text")
			}
			for i, it := range n.Content {
				what := "say text"
				if len(n.Content) > 1 {
					what = fmt.Sprintf("say text %d", i+1)
				}
				s.Say = append(s.Say, l.text(it, where, what))
			}
		} else {
			s.Say = []Text{l.text(n, where, "say text")}
		}
	}
	if n := m.val("pause"); n != nil {
		s.Pause = l.pause(n, where)
	}
	if n := m.val("acknowledge"); n != nil {
		s.Acknowledge = l.boolean(n, where, "acknowledge")
	}
	if n := m.val("own_acknowledgement"); n != nil {
		s.OwnAck = l.boolean(n, where, "own_acknowledgement")
	}
	if n := m.val("next"); n != nil {
		s.Next = l.stepRef(pf, n, where, "next")
	}
	if n := m.val("follow_up"); n != nil {
		s.FollowUp = l.followUp(pf, n, where)
	}

	// The kind is the first action key; any other is a mistake.
	var actionKey string
	for i := 0; i < len(n.Content); i += 2 {
		k := n.Content[i]
		name := cmp.Or(meant[k], k.Value)
		kind, ok := actionKinds[name]
		if !ok || m[name].key != k {
			continue
		}
		if s.Kind == "" {
			s.Kind, actionKey = kind, name
		} else {
			l.errf(k, where, "has both %q and %q: a step does one thing, so split it into two steps", actionKey, name)
		}
		l.action(pf, s, name, m[name].val, where)
	}
	if s.Kind == "" {
		s.Kind = KindSay
		if len(s.Say) == 0 && !m.has("say") && !m.has("follow_up") && !hasMisplaced(n) {
			l.errf(n, where, "does nothing: give it say, follow_up, or one of choose, ask, branch, set, call, goto_flow, handoff, end")
		}
	}
	if nk := m["next"].key; nk != nil {
		why := map[Kind]string{
			KindChoose:  "each choice says where it leads",
			KindGoto:    "the conversation goes on in the other flow",
			KindHandoff: "use on_timeout for what happens when nobody comes",
			KindEnd:     "the conversation ends here",
		}[s.Kind]
		if why != "" {
			article := "a"
			if strings.ContainsRune("aeiou", rune(actionKey[0])) {
				article = "an"
			}
			l.errf(nk, where, "%s %s step cannot have next: %s", article, actionKey, why)
		}
	}
	return s
}

// action parses one action key of a step.
func (l *loader) action(pf *parsedFlow, s *Step, key string, n *yaml.Node, where string) {
	switch key {
	case "choose":
		s.Choose = l.choose(pf, n, where)
	case "ask":
		s.Ask = l.ask(pf, n, where)
	case "branch":
		s.Branch = l.branch(pf, n, where)
	case "set":
		s.Set = l.setSlots(n, where, "set")
	case "call":
		s.Call = l.flowRef(n, where, "call")
		if s.Call != "" {
			pf.calls[s] = n
		}
	case "goto_flow":
		s.Goto = l.flowRef(n, where, "goto_flow")
	case "handoff":
		s.Handoff = l.handoff(pf, n, where)
	case "end":
		s.End = &End{}
		if isNull(n) {
			return // "end:" alone ends without last words
		}
		if n.Kind == yaml.ScalarNode {
			l.errf(n, where, "end should be left empty (end:) or hold text: and satisfaction:, not %s", describe(n))
			return
		}
		m, ok := l.mapping(n, where, "end", endKeys)
		if !ok {
			return
		}
		if n := m.val("text"); n != nil {
			s.End.Text = l.text(n, where, "end text")
		}
		if n := m.val("satisfaction"); n != nil {
			s.End.Satisfaction = l.boolean(n, where, "satisfaction")
		}
		if n := m.val("follow_up"); n != nil {
			if s.FollowUp != nil {
				l.errf(n, where, "has follow_up both on the step and in end: keep one")
			} else {
				s.FollowUp = l.followUp(pf, n, where)
			}
		}
	}
}

func (l *loader) pause(n *yaml.Node, where string) time.Duration {
	s, ok := l.str(n, where, "pause")
	if !ok {
		return 0
	}
	if n.Tag == "!!int" || n.Tag == "!!float" {
		like := s + "ms"
		if f, err := strconv.ParseFloat(s, 64); err == nil && f < 10 {
			like = s + "s"
		}
		l.errf(n, where, "pause %s needs a unit, like %s", s, like)
		return 0
	}
	d, err := time.ParseDuration(s)
	switch {
	case err != nil:
		l.errf(n, where, "pause %q is not a duration: write it like 800ms or 1s", s)
	case d <= 0:
		l.errf(n, where, "pause %q should be more than 0", s)
	case d > maxPause:
		l.errf(n, where, "pause %q is too long: at most %s", s, maxPause)
	default:
		return d
	}
	return 0
}

// stepRef returns the step a key names and records it for the check.
func (l *loader) stepRef(pf *parsedFlow, n *yaml.Node, where, key string) string {
	s, ok := l.str(n, where, key)
	if !ok {
		return ""
	}
	pf.stepRefs = append(pf.stepRefs, stepRef{node: n, where: where, key: key, name: s})
	return s
}

// flowRef returns the flow a key names and records it for the check.
func (l *loader) flowRef(n *yaml.Node, where, key string) string {
	s, ok := l.str(n, where, key)
	if !ok {
		return ""
	}
	l.flowRefs = append(l.flowRefs, flowRef{pos: l.pos(n), where: where, key: key, name: s})
	return s
}

func (l *loader) choose(pf *parsedFlow, n *yaml.Node, where string) *Choose {
	c := &Choose{}
	m, ok := l.mapping(n, where, "choose", chooseKeys)
	if !ok {
		return c
	}
	if tn := l.need(m, n, where, "text", " in choose: the question shown above the buttons"); tn != nil {
		c.Text = l.text(tn, where, "choose text")
	}
	if cn := m.val("choices"); cn != nil {
		l.synonyms = map[string]string{}
		c.Choices = buttons(l, pf, cn, where, "choices", "choose has no choices: add at least one button", l.choice)
		l.synonyms = nil
		l.sameLabels(c.Choices, where)
	} else {
		l.errf(n, where, "choose has no choices: add  choices:  with at least one button")
	}
	if fn := m.val("free_text"); fn != nil {
		c.FreeText = l.freeText(pf, fn, where)
	}
	if rn := m.val("recall"); rn != nil {
		c.NoRecall = !l.boolean(rn, where, "recall") && rn.Tag == "!!bool"
	}
	if c.NoRecall {
		var said []string
		for _, ch := range c.Choices {
			if !ch.Said.IsZero() {
				said = append(said, ch.ID)
			}
		}
		if len(said) > 0 {
			l.errf(m["recall"].key, where, "with recall: false the said: texts of %s are never said: remove them, or the recall: false", strings.Join(said, ", "))
		}
	}
	return c
}

// sameLabels reports two buttons of one question with the same words in
// one language: the person could not tell them apart, and a press (or a
// conversation test's press:) always finds the first. Usually one label
// was copied and not changed.
func (l *loader) sameLabels(choices []*Choice, where string) {
	for _, lang := range l.langs {
		seen := map[string]*Choice{}
		for _, ch := range choices {
			label := strings.ToLower(strings.TrimSpace(ch.Label.ByLang[lang]))
			if label == "" {
				continue
			}
			if first, dup := seen[label]; dup {
				l.errAt(ch.Label.Pos, fmt.Sprintf("%s, choice %q", where, ch.ID),
					"the %q label %q is already the label of choice %q: a person could not tell the two buttons apart; give each its own words", lang, ch.Label.ByLang[lang], first.ID)
				continue
			}
			seen[label] = ch
		}
	}
}

// freeText parses a choose's free_text: the slot that keeps words written
// instead of a button, and the step they lead to.
func (l *loader) freeText(pf *parsedFlow, n *yaml.Node, where string) *FreeText {
	m, ok := l.mapping(n, where, "free_text", freeTextKeys)
	if !ok {
		return nil
	}
	ft := &FreeText{}
	if sn := l.need(m, n, where, "slot", " in free_text: name the slot that keeps what the person wrote, like  slot: what_happened"); sn != nil {
		if s, ok := l.str(sn, where, "slot"); ok {
			ft.Slot = s
			l.slotName(sn, where, "slot", s)
		}
	}
	if nn := l.need(m, n, where, "next", " in free_text: the step that follows what the person wrote"); nn != nil {
		ft.Pos = l.pos(nn)
		ft.Next = l.stepRef(pf, nn, where, "next")
	}
	return ft
}

// buttons parses the list n under key: the buttons of a step (choices,
// follow-up answers), each by item, their ids unique in the list; empty
// is the problem of an empty list.
func buttons[B any](l *loader, pf *parsedFlow, n *yaml.Node, where, key, empty string,
	item func(pf *parsedFlow, n *yaml.Node, stepWhere string, index int, ids map[string]*yaml.Node) *B) []*B {
	items, ok := l.list(n, where, key, empty)
	if !ok {
		return nil
	}
	ids := map[string]*yaml.Node{}
	var out []*B
	for i, it := range items {
		if b := item(pf, it, where, i+1, ids); b != nil {
			out = append(out, b)
		}
	}
	return out
}

// buttonID returns the id of a button (what is "choice id" or "answer
// id"), and reports one already in ids, which must be unique within
// scope (" in this step", or "" for the list).
func (l *loader) buttonID(idn *yaml.Node, where, what string, max int, ids map[string]*yaml.Node, scope string) string {
	id, ok := l.id(idn, where, what, max)
	if !ok {
		return ""
	}
	if first, dup := ids[id]; dup {
		l.errf(idn, where, "%s %q is already used%s at line %d", what, id, scope, first.Line)
	} else {
		ids[id] = idn
	}
	return id
}

func (l *loader) choice(pf *parsedFlow, n *yaml.Node, stepWhere string, index int, ids map[string]*yaml.Node) *Choice {
	where := fmt.Sprintf("%s, choice %d", stepWhere, index)
	ch := &Choice{Pos: l.pos(n)}
	m, ok := l.mapping(n, where, "a choice", choiceKeys)
	if !ok {
		return nil
	}
	if idn := l.need(m, n, where, "id", ": give every choice an id, like  id: late"); idn != nil {
		if idn.Kind == yaml.ScalarNode && !isNull(idn) {
			where = fmt.Sprintf("%s, choice %q", stepWhere, idn.Value)
		}
		ch.ID = l.buttonID(idn, stepWhere, "choice id", maxChoiceID, ids, " in this step")
	}
	if ln := l.need(m, n, where, "label", ": the words on the button"); ln != nil {
		ch.Label = l.text(ln, where, "label")
	}
	nextN, flowN := m.val("next"), m.val("flow")
	switch {
	case nextN != nil && flowN != nil:
		l.errf(m["flow"].key, where, "has both next and flow: a button leads to a step (next) or to another flow (flow), not both")
	case nextN == nil && flowN == nil:
		l.errf(n, where, "leads nowhere: give it  next: (a step of this flow) or  flow: (another flow)")
	}
	if nextN != nil {
		ch.Next = l.stepRef(pf, nextN, where, "next")
	}
	if flowN != nil {
		ch.Flow = l.flowRef(flowN, where, "flow")
	}
	if n := m.val("set"); n != nil {
		ch.Set = l.setSlots(n, where, "set")
	}
	if n := m.val("synonyms"); n != nil {
		ch.Synonyms = l.perLang(n, where, "synonyms", "phrase", func(lang string, sn strNode) {
			l.synonym(where, ch.ID, lang, sn)
		})
	}
	if sn := m.val("said"); sn != nil {
		ch.Said = l.text(sn, where, "said text")
		if ch.Flow != "" {
			l.errf(m["said"].key, where, "a said: text is never said on a button that leads to another flow: such a question is always asked")
		}
	}
	return ch
}

// phraseWords returns the words of one phrase of key (synonyms,
// unknown_words, wait_words) as the engine compares them, or nil after reporting a
// phrase with no word or a * too early.
func (l *loader) phraseWords(where, key, lang string, sn strNode) []string {
	ws := SynonymWords(sn.s)
	if len(ws) == 0 {
		l.errf(sn.n, where, "%s %s has %q, which has no word: write words a person would use, like  %s: {en: [money back]}", key, lang, sn.s, key)
		return nil
	}
	if strings.Count(strings.Join(ws, " "), Gap) > MaxGaps {
		// Each gap multiplies the ways a phrase is tried against a
		// message: a few gaps already cost a long message seconds.
		l.errf(sn.n, where, "%s %s has %q: a phrase holds at most %d \"...\", like  don't have ... number", key, lang, sn.s, MaxGaps)
		return nil
	}
	for i, w := range ws {
		if strings.Contains(w, Gap) && (w != Gap || i == 0 || i == len(ws)-1 || ws[i-1] == Gap) {
			l.errf(sn.n, where, "%s %s has %q: \"...\" stands for a few words between two words, like  don't have ... number", key, lang, sn.s)
			return nil
		}
		if stem, ok := strings.CutSuffix(w, "*"); ok && (len([]rune(stem)) < 3 || strings.Contains(stem, "*")) {
			l.errf(sn.n, where, "%s %s has %q: a word ending in * needs at least 3 letters before it, like  rembours*", key, lang, sn.s)
			return nil
		}
	}
	return ws
}

// synonym checks one synonyms: phrase of the choice id: words a person
// writes, given by no other button of the question.
func (l *loader) synonym(where, id, lang string, sn strNode) {
	ws := l.phraseWords(where, "synonyms", lang, sn)
	if ws == nil {
		return
	}
	key := lang + "\x00" + strings.Join(ws, " ")
	if other, dup := l.synonyms[key]; dup && other != id {
		l.errf(sn.n, where, "synonyms %s has %q, which choice %q has too: a person writing it would mean both; keep it on one of them", lang, sn.s, other)
		return
	}
	for k, other := range l.synonyms {
		// With a gap, a phrase takes all of another one's words ("still
		// ... waiting" takes "still waiting"): both buttons would be
		// meant, neither more than the other.
		kl, kw, _ := strings.Cut(k, "\x00")
		if other == id || kl != lang {
			continue
		}
		if ows := strings.Fields(kw); gapTakes(ows, ws) || gapTakes(ws, ows) {
			l.errf(sn.n, where, "synonyms %s has %q, and choice %q has %q: with \"...\", one takes all the other's words, so a person writing them would mean both; keep them on one button", lang, sn.s, other, kw)
			return
		}
	}
	if l.synonyms != nil {
		l.synonyms[key] = id
	}
}

func (l *loader) ask(pf *parsedFlow, n *yaml.Node, where string) *Ask {
	a := &Ask{Validate: ValidateText, Attempts: defaultAttempts}
	m, ok := l.mapping(n, where, "ask", askKeys)
	if !ok {
		return a
	}
	if tn := l.need(m, n, where, "text", " in ask: the question to ask"); tn != nil {
		a.Text = l.text(tn, where, "ask text")
	}
	if sn := l.need(m, n, where, "slot", " in ask: name the slot that keeps the answer, like  slot: order"); sn != nil {
		if s, ok := l.str(sn, where, "slot"); ok {
			a.Slot = s
			l.slotName(sn, where, "slot", s)
		}
	}
	if vn := m.val("validate"); vn != nil {
		if v, ok := l.oneOf(vn, where, "validate", validates); ok {
			a.Validate = v
		}
	}
	if pn := m.val("pattern"); pn != nil {
		switch a.Validate {
		case ValidatePattern, ValidateOrderRef:
			a.Pattern = l.pattern(pn, where)
		default:
			l.errf(m["pattern"].key, where, "pattern is only used with validate: pattern or validate: order_ref")
		}
	} else if a.Validate == ValidatePattern {
		l.errf(m["validate"].val, where, "validate: pattern needs a pattern, the regular expression the whole answer must match")
	}
	for _, key := range []string{"min", "max"} {
		e, ok := m[key]
		if !ok {
			continue
		}
		if a.Validate != ValidateNumber {
			l.errf(e.key, where, "%s is only used with validate: number", key)
			continue
		}
		if f, ok := l.number(e.val, where, key); ok {
			if key == "min" {
				a.Min = &f
			} else {
				a.Max = &f
			}
		}
	}
	if a.Min != nil && a.Max != nil && *a.Min > *a.Max {
		l.errf(m["max"].val, where, "max (%g) is smaller than min (%g)", *a.Max, *a.Min)
	}
	if in := m.val("invalid"); in != nil {
		a.Invalid = l.text(in, where, "invalid text")
	}
	if an := m.val("attempts"); an != nil {
		if i, ok := l.integer(an, where, "attempts"); ok {
			if i < 1 {
				l.errf(an, where, "attempts should be at least 1, not %d", i)
			} else {
				a.Attempts = i
			}
		}
	}
	if fn := m.val("on_fail"); fn != nil {
		a.OnFail = l.stepRef(pf, fn, where, "on_fail")
	}
	if rn := m.val("recall"); rn != nil {
		a.NoRecall = !l.boolean(rn, where, "recall") && rn.Tag == "!!bool"
	}
	if sn := m.val("said"); sn != nil {
		a.Said = l.text(sn, where, "said text")
		switch {
		case a.NoRecall:
			l.errf(m["said"].key, where, "said: is never said with recall: false")
		case !a.Recalls():
			l.errf(m["said"].key, where, "said: is never said: only an order_ref or email question is answered from an earlier message (validate: %s is always asked)", a.Validate)
		}
	}
	return a
}

// pattern compiles an ask's pattern so that it must match the whole answer.
func (l *loader) pattern(n *yaml.Node, where string) *regexp.Regexp {
	s, ok := l.str(n, where, "pattern")
	if !ok {
		return nil
	}
	// Compile it alone first, so that any error speaks of what was written.
	if _, err := regexp.Compile(s); err != nil {
		why := err.Error()
		var se *syntax.Error
		if errors.As(err, &se) {
			why = se.Code.String()
			if se.Expr != "" && se.Expr != s {
				why += " in " + quote(se.Expr)
			}
		}
		l.errf(n, where, "pattern %s is not a valid regular expression: %s", quote(s), why)
		return nil
	}
	return regexp.MustCompile(`^(?:` + s + `)$`)
}

func (l *loader) branch(pf *parsedFlow, n *yaml.Node, where string) []Case {
	items, ok := l.list(n, where, "branch", "branch has no cases: add at least one  - if_signal: … goto: …")
	if !ok {
		return nil
	}
	var cases []Case
	for i, it := range items {
		cw := fmt.Sprintf("%s, case %d", where, i+1)
		c := Case{Pos: l.pos(it)}
		m, ok := l.mapping(it, cw, "a case", caseKeys)
		if !ok {
			continue
		}
		sig, slot, staffed, aud, said := m.val("if_signal"), m.val("if_slot"), m.val("if_staffed"), m.val("if_audience"), m.val("if_said")
		tests := 0
		for _, v := range []*yaml.Node{sig, slot, staffed, aud, said} {
			if v != nil {
				tests++
			}
		}
		switch {
		case tests > 1:
			l.errf(it, cw, "tests %d things (if_signal, if_slot, if_staffed, if_audience, if_said): a case tests one thing, so make one case each", tests)
		case tests == 0:
			l.errf(it, cw, "tests nothing: give it  if_signal: (%s),  if_slot:,  if_staffed: (a queue),  if_audience: (customer, employee)  or  if_said: (a button of this flow)", strings.Join(Signals, ", "))
		}
		if said != nil {
			if id, ok := l.str(said, cw, "if_said"); ok {
				c.Said = id
				pf.saidRefs = append(pf.saidRefs, stepRef{node: said, where: cw, key: "if_said", name: id})
			}
		}
		if aud != nil {
			c.Audience, _ = l.oneOf(aud, cw, "if_audience", []string{AudienceCustomer, AudienceEmployee})
		}
		if staffed != nil {
			if q, ok := l.str(staffed, cw, "if_staffed"); ok {
				if !idRE.MatchString(q) {
					l.errf(staffed, cw, "if_staffed %q should name a hand-off queue, like  if_staffed: delivery", q)
				} else {
					c.Staffed = q
					l.queueUse(staffed, cw, "if_staffed queue", q)
				}
			}
		}
		if sig != nil {
			c.Signal, _ = l.oneOf(sig, cw, "if_signal", Signals)
		}
		if slot != nil {
			if s, ok := l.str(slot, cw, "if_slot"); ok {
				c.Slot = s
				l.slotUses = append(l.slotUses, slotUse{pos: l.pos(slot), where: cw, what: "if_slot", name: s})
			}
		}
		if e, ok := m["equals"]; ok {
			if slot == nil {
				l.errf(e.key, cw, "equals is only used with if_slot")
			} else if e.val.Kind != yaml.ScalarNode {
				l.errf(e.val, cw, "equals should be a single value, not %s", describe(e.val))
			} else {
				c.Equals = e.val.Value
			}
		}
		if g := l.need(m, it, cw, "goto", ": the step to go to when the case holds"); g != nil {
			c.Goto = l.stepRef(pf, g, cw, "goto")
		}
		cases = append(cases, c)
	}
	return cases
}

func (l *loader) handoff(pf *parsedFlow, n *yaml.Node, where string) *Handoff {
	h := &Handoff{Priority: "normal"}
	m, ok := l.mapping(n, where, "handoff", handoffKeys)
	if !ok {
		return h
	}
	if q := l.need(m, n, where, "queue", " in handoff: the team that takes over, like  queue: delivery"); q != nil {
		h.Queue, _ = l.str(q, where, "queue")
		l.queueUse(q, where, "handoff queue", h.Queue)
	}
	if p := m.val("priority"); p != nil {
		if s, ok := l.oneOf(p, where, "priority", priorities); ok {
			h.Priority = s
		}
	}
	if r := m.val("reason"); r != nil {
		h.Reason, _ = l.str(r, where, "reason")
	}
	if t := l.need(m, n, where, "text", " in handoff: what the person is told while they wait"); t != nil {
		h.Text = l.text(t, where, "handoff text")
	}
	if t := m.val("on_timeout"); t != nil {
		h.OnTimeout = l.stepRef(pf, t, where, "on_timeout")
	}
	if t := m.val("closed"); t != nil {
		h.Closed = l.text(t, where, "handoff closed text")
	}
	if t := m.val("waiting"); t != nil {
		h.Waiting = l.text(t, where, "handoff waiting text")
	}
	return h
}
