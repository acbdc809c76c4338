package flowtest

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/desk"
	"github.com/carebot/carebot/bot/flow"
)

// Dir is the folder of test files, next to the flows.
const Dir = "tests"

// none, as a flow: or step: check, means the conversation is in no flow
// (it ended, or waits for nothing).
const none = "none"

// Suite is the conversation tests of one flow set.
type Suite struct {
	Set   *flow.Set
	Files []*File
}

// File is one test file.
type File struct {
	Name          string // as reported: Root joined with the path inside the fs.FS
	Path          string // inside the fs.FS ("tests/orders.yaml")
	Data          []byte
	Conversations []*Conversation
}

// Conversation is one named conversation of a test file.
type Conversation struct {
	File       *File
	Pos        flow.Pos
	Name       string
	Lang       string
	Audience   string
	Vulnerable []string
	Start      time.Time
	Desk       bool
	Nobody     bool // no desk at all: nobody can come
	Peer       bool // no desk, but colleagues answer the peer queue
	Hours      desk.Hours
	Turns      []*Turn
}

// Turn is one thing the person does (or that happens on the desk), and the
// checks that must hold after it.
type Turn struct {
	Pos    flow.Pos
	Person string
	Press  string
	Event  string
	Agent  string
	Wait   time.Duration
	Checks []*Check
}

// Check is one expectation of a turn.
type Check struct {
	Pos  flow.Pos
	Key  string // the key it was written under: says, buttons…
	want string // what was expected, for messages
	// test reports whether the check holds after the turn, and what was
	// found instead when it does not.
	test func(o *outcome) (ok bool, got string)
	// node is the scalar of a says: check, rewritten by Update.
	node *yaml.Node
	text string
}

// keys returns the JSON names of a format type's fields, in order.
func keys(v any) []string {
	t := reflect.TypeOf(v)
	var out []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		out = append(out, name)
	}
	return out
}

var (
	fileKeys         = keys(FileFormat{})
	conversationKeys = keys(ConversationFormat{})
	turnKeys         = keys(TurnFormat{})
	handoffKeys      = keys(HandoffFormat{})
	inputKeys        = []string{"person", "press", "event", "wait"}
	events           = []string{string(bot.EventHandoffTaken), string(bot.EventHandoffTimeout), string(bot.EventHandoffClosed),
		string(bot.EventHandoffAgentSilent), string(bot.EventHandoffAgentSilentRequeued), string(bot.EventHandoffAgentSilentEnded)}
	vulnerabilities = []string{"senior", "pregnant", "disabled"}
	signalNames     = []string{"distress", "anger", "anxiety", "lonely", "grief", "crisis", "senior", "pregnant", "disabled"}
	priorities      = []string{"normal", "high", "urgent"}
	timeRE          = regexp.MustCompile(`^(?:(mon|tue|wed|thu|fri|sat|sun) )?([01][0-9]|2[0-3]):([0-5][0-9])$`)
	hoursRE         = regexp.MustCompile(`^(?:([a-z]{3}(?:-[a-z]{3})?) )?(\d\d:\d\d)-(\d\d:\d\d)$`)
	weekdays        = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}
)

// monday is the day conversations happen on, unless they say otherwise.
var monday = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

// Load reads the test files in the folder tests/ of fsys, checks them
// against set and returns the suite, or every problem found as flow.Errors
// (FILE:LINE:COL: message, with did-you-mean hints). root is prepended to
// file names in messages ("flows" → flows/tests/orders.yaml), so that
// editors can jump to them. A set without tests/ has an empty suite.
func Load(fsys fs.FS, root string, set *flow.Set) (*Suite, error) {
	entries, err := fs.ReadDir(fsys, Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return &Suite{Set: set}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path.Join(root, Dir), err)
	}
	l := newLoader(set)
	s := &Suite{Set: set}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".") {
			continue
		}
		p := path.Join(Dir, name)
		shown := path.Join(root, p)
		if !strings.HasSuffix(name, ".yaml") {
			if strings.HasSuffix(name, ".yml") {
				l.add(flow.Pos{File: shown}, "test files must end in .yaml: rename it to "+strings.TrimSuffix(name, ".yml")+".yaml")
			}
			continue
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			l.add(flow.Pos{File: shown}, "cannot read the file: "+err.Error())
			continue
		}
		f := &File{Name: shown, Path: p, Data: data}
		l.readFile(f)
		s.Files = append(s.Files, f)
	}
	if len(l.errs) > 0 {
		slices.SortStableFunc(l.errs, func(a, b *flow.Error) int {
			if a.Pos.File != b.Pos.File {
				return strings.Compare(a.Pos.File, b.Pos.File)
			}
			if a.Pos.Line != b.Pos.Line {
				return a.Pos.Line - b.Pos.Line
			}
			return a.Pos.Col - b.Pos.Col
		})
		return nil, l.errs
	}
	return s, nil
}

// loader checks test files against the flow set.
type loader struct {
	set    *flow.Set
	errs   flow.Errors
	file   *File
	flows  []string
	steps  map[string][]string // flow → step ids
	all    []string            // every step id
	slots  []string
	queues []string
	labels map[string][]string // lang → every button label and flow title
}

func newLoader(set *flow.Set) *loader {
	l := &loader{set: set, steps: map[string][]string{}, labels: map[string][]string{}}
	slots := map[string]bool{"emergency_number": true, "agent_name": true, "satisfaction": true}
	queues := map[string]bool{set.Common.CrisisQueue: true}
	for _, id := range set.Order {
		f := set.Flows[id]
		l.flows = append(l.flows, id)
		for _, lang := range set.Common.Languages {
			l.labels[lang] = append(l.labels[lang], f.Title.In(lang, ""))
		}
		for _, st := range f.Steps {
			l.steps[id] = append(l.steps[id], st.ID)
			if !slices.Contains(l.all, st.ID) {
				l.all = append(l.all, st.ID)
			}
			for k := range st.Set {
				slots[k] = true
			}
			if st.Ask != nil {
				slots[st.Ask.Slot] = true
			}
			if st.Handoff != nil {
				queues[st.Handoff.Queue] = true
			}
			if st.Choose != nil {
				if ft := st.Choose.FreeText; ft != nil {
					slots[ft.Slot] = true // words written instead of a button
				}
				for _, c := range st.Choose.Choices {
					for k := range c.Set {
						slots[k] = true
					}
					for _, lang := range set.Common.Languages {
						l.labels[lang] = append(l.labels[lang], c.Label.In(lang, ""))
					}
				}
			}
			if fu := st.FollowUp; fu != nil {
				// The consent and check-in buttons are buttons of the flows too.
				texts := []flow.Text{fu.Consent.Yes, fu.Consent.No}
				if fu.CallBack != nil {
					texts = append(texts, fu.CallBack.Yes, fu.CallBack.No)
				}
				for _, a := range fu.Answers {
					texts = append(texts, a.Label)
					if a.Handoff != nil {
						queues[a.Handoff.Queue] = true
					}
				}
				for _, lang := range set.Common.Languages {
					for _, t := range texts {
						l.labels[lang] = append(l.labels[lang], t.In(lang, ""))
						if s := t.SimpleIn(lang, ""); s != t.In(lang, "") {
							l.labels[lang] = append(l.labels[lang], s)
						}
					}
				}
			}
		}
	}
	l.slots = slices.Sorted(maps.Keys(slots))
	l.queues = slices.Sorted(maps.Keys(queues))
	return l
}

func (l *loader) add(p flow.Pos, msg string) { l.errs = append(l.errs, &flow.Error{Pos: p, Msg: msg}) }

func (l *loader) pos(n *yaml.Node) flow.Pos {
	return flow.Pos{File: l.file.Name, Line: n.Line, Col: n.Column}
}

func (l *loader) errf(n *yaml.Node, format string, args ...any) {
	l.add(l.pos(n), fmt.Sprintf(format, args...))
}

type entry struct{ key, val *yaml.Node }

// mapping returns the keys of a mapping, reporting unknown and repeated ones.
func (l *loader) mapping(n *yaml.Node, what string, known []string) ([]string, map[string]entry, bool) {
	if n.Kind != yaml.MappingNode {
		l.errf(n, "%s should hold keys like %s:, not %s", what, strings.Join(known[:min(2, len(known))], ":, "), describe(n))
		return nil, nil, false
	}
	m := map[string]entry{}
	var order []string
	meant := map[string]entry{} // misspelt keys, by the key suggested
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			l.errf(k, "a key should be a single word, not %s", describe(k))
			continue
		}
		if !slices.Contains(known, k.Value) {
			if s := flow.Suggest(k.Value, known); s != "" {
				meant[s] = entry{k, v}
			}
			h := flow.DidYouMean(k.Value, known)
			switch {
			case h == "" && n.Style&yaml.FlowStyle != 0 && i > 0 && v.Tag == "!!null":
				h = "; inside { }, a comma starts a new key: put a text that holds a comma in quotes"
			case h == "":
				h = "; expected one of: " + strings.Join(known, ", ")
			}
			l.errf(k, "unknown key %q in %s%s", k.Value, what, h)
			continue
		}
		if e, dup := m[k.Value]; dup {
			l.errf(k, "%q is given twice in %s (first at line %d)", k.Value, what, e.key.Line)
			continue
		}
		m[k.Value] = entry{k, v}
		order = append(order, k.Value)
	}
	// A misspelt key ("turn", "sayz") is read as the key it was likely
	// meant for, unless that one is given too: its problem is said once,
	// and what it holds is checked, rather than "no turns" on top.
	for _, s := range known {
		if e, ok := meant[s]; ok && !hasKey(m, s) {
			m[s] = e
			order = append(order, s)
		}
	}
	return order, m, true
}

func hasKey(m map[string]entry, k string) bool { _, ok := m[k]; return ok }

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a set of keys"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "this"
}

// str reads a text value.
func (l *loader) str(n *yaml.Node, key string) (string, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		l.errf(n, "%s should be a text, not %s", key, describe(n))
		return "", false
	}
	return n.Value, true
}

func (l *loader) strs(n *yaml.Node, key string, single bool) ([]*yaml.Node, bool) {
	if single && n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
		return []*yaml.Node{n}, true
	}
	if n.Kind != yaml.SequenceNode {
		l.errf(n, "%s should be a list like [a, b], not %s", key, describe(n))
		return nil, false
	}
	ok := true
	for _, c := range n.Content {
		if c.Kind != yaml.ScalarNode {
			l.errf(c, "each item of %s should be a text, not %s", key, describe(c))
			ok = false
		}
	}
	return n.Content, ok
}

func (l *loader) boolean(n *yaml.Node, key string) bool {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		l.errf(n, "%s should be true or false, not %s", key, describe(n))
		return false
	}
	return n.Value == "true"
}

func (l *loader) oneOf(n *yaml.Node, key string, values []string) (string, bool) {
	v, ok := l.str(n, key)
	if !ok {
		return "", false
	}
	if !slices.Contains(values, v) {
		l.errf(n, "unknown %s %q%s", key, v, cmp.Or(flow.DidYouMean(v, values), "; expected one of: "+strings.Join(values, ", ")))
		return "", false
	}
	return v, true
}

func (l *loader) readFile(f *File) {
	l.file = f
	// The same plain words as for a flow file: a lead makes the same
	// mistakes in both.
	if e := flow.EncodingError(f.Name, f.Data); e != nil {
		l.add(e.Pos, e.Msg)
		return
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(f.Data, &doc); err != nil {
		e := flow.YAMLError(f.Name, f.Data, err)
		l.add(e.Pos, e.Msg)
		return
	}
	if len(doc.Content) == 0 {
		l.add(flow.Pos{File: f.Name}, "the file is empty: it needs conversations:")
		return
	}
	_, m, ok := l.mapping(doc.Content[0], "a test file", fileKeys)
	if !ok {
		return
	}
	cs, ok := m["conversations"]
	if !ok {
		l.errf(doc.Content[0], "conversations: is missing: a test file holds a list of conversations")
		return
	}
	if cs.val.Kind != yaml.SequenceNode || len(cs.val.Content) == 0 {
		if cs.val.Kind == yaml.SequenceNode {
			l.errf(cs.val, "conversations is empty: add at least one conversation")
			return
		}
		l.errf(cs.val, "conversations should be a list of conversations, not %s", describe(cs.val))
		return
	}
	names := map[string]int{}
	for _, n := range cs.val.Content {
		c := l.conversation(n)
		if c == nil {
			continue
		}
		if line, dup := names[c.Name]; dup && c.Name != "" {
			l.add(c.Pos, fmt.Sprintf("conversation %q is named twice in this file (first at line %d): give each its own name", c.Name, line))
		}
		names[c.Name] = c.Pos.Line
		c.File = f
		f.Conversations = append(f.Conversations, c)
	}
}

func (l *loader) conversation(n *yaml.Node) *Conversation {
	_, m, ok := l.mapping(n, "a conversation", conversationKeys)
	if !ok {
		return nil
	}
	c := &Conversation{Pos: l.pos(n), Lang: l.set.Common.Languages[0], Audience: flow.AudienceCustomer, Start: monday.Add(10 * time.Hour)}
	if e, ok := m["name"]; ok {
		c.Name, _ = l.str(e.val, "name")
		c.Pos = l.pos(e.val)
	}
	if c.Name == "" {
		l.errf(n, "this conversation has no name: add name: and a few words saying what it checks")
	}
	if e, ok := m["lang"]; ok {
		if v, ok := l.oneOf(e.val, "lang", l.set.Common.Languages); ok {
			c.Lang = v
		} else if s := flow.Suggest(e.val.Value, l.set.Common.Languages); s != "" {
			// Read on as the language suggested ("FR" as fr): its
			// buttons are not then also "not a label in en".
			c.Lang = s
		}
	}
	if e, ok := m["audience"]; ok {
		if v, ok := l.oneOf(e.val, "audience", []string{flow.AudienceCustomer, flow.AudienceEmployee}); ok {
			c.Audience = v
		}
	}
	if e, ok := m["vulnerable"]; ok {
		items, _ := l.strs(e.val, "vulnerable", true)
		for _, it := range items {
			if v, ok := l.oneOf(it, "vulnerability", vulnerabilities); ok {
				c.Vulnerable = append(c.Vulnerable, v)
			}
		}
	}
	if e, ok := m["time"]; ok {
		if v, ok := l.str(e.val, "time"); ok {
			mm := timeRE.FindStringSubmatch(strings.ToLower(v))
			if mm == nil {
				l.errf(e.val, "time %q should look like \"14:30\" or \"sat 22:30\"", v)
			} else {
				day := monday
				if mm[1] != "" {
					day = monday.AddDate(0, 0, (slices.Index(weekdays, mm[1])+6)%7)
				}
				h, _ := strconv.Atoi(mm[2])
				mi, _ := strconv.Atoi(mm[3])
				c.Start = day.Add(time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute)
			}
		}
	}
	if e, ok := m["desk"]; ok {
		c.Desk = l.boolean(e.val, "desk")
	}
	if e, ok := m["nobody"]; ok {
		c.Nobody = l.boolean(e.val, "nobody")
		if c.Nobody && c.Desk {
			l.errf(e.val, "nobody: true and desk: true contradict each other: keep one")
		}
	}
	if e, ok := m["peer"]; ok {
		c.Peer = l.boolean(e.val, "peer")
		if c.Peer && (c.Desk || c.Nobody) {
			l.errf(e.val, "peer: true says who can come, as desk: and nobody: do: keep one")
		}
	}
	if e, ok := m["hours"]; ok {
		if v, ok := l.str(e.val, "hours"); ok {
			mm := hoursRE.FindStringSubmatch(strings.ToLower(v))
			var err error
			if mm == nil {
				err = errors.New("bad form")
			} else {
				var days []string
				if mm[1] != "" {
					days = []string{mm[1]}
				}
				c.Hours, err = desk.ParseHours("", days, mm[2], mm[3])
			}
			if err != nil {
				l.errf(e.val, "hours %q should look like \"mon-fri 09:00-18:00\" or \"08:00-20:00\"", v)
			}
		}
	}
	e, ok := m["turns"]
	if !ok {
		l.errf(n, "conversation %q has no turns: add turns: with what the person says", c.Name)
		return c
	}
	if e.val.Kind != yaml.SequenceNode {
		l.errf(e.val, "turns should be a list of turns, not %s", describe(e.val))
		return c
	}
	if len(e.val.Content) == 0 {
		l.errf(e.val, "turns is empty: add what the person says, turn by turn")
		return c
	}
	for _, tn := range e.val.Content {
		if t := l.turn(c, tn); t != nil {
			c.Turns = append(c.Turns, t)
		}
	}
	return c
}

func (l *loader) turn(c *Conversation, n *yaml.Node) *Turn {
	order, m, ok := l.mapping(n, "a turn", turnKeys)
	if !ok {
		return nil
	}
	t := &Turn{Pos: l.pos(n)}
	var inputs []string
	for _, k := range order {
		if slices.Contains(inputKeys, k) {
			inputs = append(inputs, k)
		}
	}
	switch len(inputs) {
	case 0:
		l.errf(n, "this turn says nothing the person does: add person: (what they write), press: (a button), event: or wait:")
	case 1:
	default:
		l.errf(m[inputs[1]].key, "a turn holds only one of person:, press:, event: and wait:; this one has both %s: and %s:, so split it in two turns", inputs[0], inputs[1])
	}
	if e, ok := m["person"]; ok {
		t.Person, _ = l.str(e.val, "person")
	}
	if e, ok := m["press"]; ok {
		if v, ok := l.str(e.val, "press"); ok {
			t.Press = v
			if _, err := strconv.Atoi(v); err != nil && !slices.ContainsFunc(l.labels[c.Lang], func(x string) bool { return strings.EqualFold(strings.TrimSpace(x), strings.TrimSpace(v)) }) {
				l.errf(e.val, "no button of the flows is labelled %q in %s%s", v, c.Lang, flow.DidYouMean(v, l.labels[c.Lang]))
			}
		}
	}
	if e, ok := m["event"]; ok {
		t.Event, _ = l.oneOf(e.val, "event", events)
	}
	if e, ok := m["agent"]; ok {
		t.Agent, _ = l.str(e.val, "agent")
		if bot.Event(t.Event) != bot.EventHandoffTaken {
			l.errf(e.key, "agent: goes with event: handoff_taken")
		}
	}
	if e, ok := m["wait"]; ok {
		if v, ok := l.str(e.val, "wait"); ok {
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				l.errf(e.val, "wait %q should be a duration such as 30s, 6m or 2h", v)
			}
			t.Wait = d
		}
	}
	flowID := ""
	if e, ok := m["flow"]; ok {
		if v, ok := l.str(e.val, "flow"); ok {
			if v == none {
				v = ""
			} else if l.set.Flow(v) == nil {
				l.errf(e.val, "unknown flow %q%s", v, cmp.Or(flow.DidYouMean(v, l.flows), l.idInFile(v)))
			} else {
				flowID = v
			}
			t.Checks = append(t.Checks, l.flowCheck(e.val, v))
		}
	}
	for _, k := range order {
		e := m[k]
		switch k {
		case "says", "matches":
			items, _ := l.strs(e.val, k, true)
			for _, it := range items {
				if ch := l.textCheck(k, it); ch != nil {
					t.Checks = append(t.Checks, ch)
				}
			}
		case "buttons":
			items, ok := l.strs(e.val, k, false)
			if ok {
				var want []string
				for _, it := range items {
					want = append(want, it.Value)
				}
				t.Checks = append(t.Checks, buttonsCheck(l.pos(e.val), want))
			}
		case "step":
			if v, ok := l.str(e.val, k); ok {
				candidates := l.all
				if flowID != "" {
					candidates = l.steps[flowID]
				}
				if v == none {
					v = ""
				} else if !slices.Contains(candidates, v) {
					in := ""
					if flowID != "" {
						in = " in flow " + flowID
					}
					l.errf(e.val, "unknown step %q%s%s", v, in, flow.DidYouMean(v, candidates))
				}
				t.Checks = append(t.Checks, stepCheck(l.pos(e.val), v))
			}
		case "slots":
			l.slotChecks(t, e.val)
		case "signals":
			items, _ := l.strs(e.val, k, true)
			for _, it := range items {
				if v, ok := l.oneOf(it, "signal", signalNames); ok {
					t.Checks = append(t.Checks, signalCheck(l.pos(it), v))
				}
			}
		case "handoff":
			l.handoffCheck(t, e.val)
		case "safety", "satisfaction":
			// false is a check too: the message was not sent.
			if e.val.Kind == yaml.ScalarNode && e.val.Tag == "!!bool" {
				t.Checks = append(t.Checks, messageCheck(l.pos(e.val), k, e.val.Value == "true"))
			} else {
				l.boolean(e.val, k)
			}
		}
	}
	return t
}

func (l *loader) textCheck(key string, n *yaml.Node) *Check {
	if n.Value == "" {
		l.errf(n, "%s is empty: write the words the bot should say", key)
		return nil
	}
	if key == "says" {
		return saysCheck(l.pos(n), n)
	}
	re, err := regexp.Compile(n.Value)
	if err != nil {
		l.errf(n, "matches %q is not a valid pattern: %v", n.Value, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
		return nil
	}
	return matchesCheck(l.pos(n), re)
}

func (l *loader) slotChecks(t *Turn, n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		l.errf(n, "slots should hold slot: value pairs, not %s", describe(n))
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !slices.Contains(l.slots, k.Value) {
			l.errf(k, "no flow fills a slot named %q%s", k.Value, flow.DidYouMean(k.Value, l.slots))
			continue
		}
		val, ok := l.str(v, k.Value)
		if !ok {
			continue
		}
		t.Checks = append(t.Checks, slotCheck(l.pos(k), k.Value, val))
	}
}

func (l *loader) handoffCheck(t *Turn, n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!bool" {
		t.Checks = append(t.Checks, handoffCheck(l.pos(n), "", "", n.Value == "true"))
		return
	}
	if n.Kind == yaml.ScalarNode && slices.Contains(l.queues, n.Value) {
		// handoff: delivery, the queue alone: say how it is written.
		l.errf(n, "handoff should hold keys like queue:, priority:, not %q: to check the queue, write  handoff: {queue: %s}", n.Value, n.Value)
		return
	}
	_, m, ok := l.mapping(n, "handoff", handoffKeys)
	if !ok {
		return
	}
	var queue, prio string
	if e, ok := m["queue"]; ok {
		if v, ok := l.str(e.val, "queue"); ok {
			if !slices.Contains(l.queues, v) {
				l.errf(e.val, "no flow hands off to a queue named %q%s", v, flow.DidYouMean(v, l.queues))
			}
			queue = v
		}
	}
	if e, ok := m["priority"]; ok {
		prio, _ = l.oneOf(e.val, "priority", priorities)
	}
	t.Checks = append(t.Checks, handoffCheck(l.pos(n), queue, prio, true))
}

// idInFile explains an unknown flow v that is a file's name: the flow is
// named by the id: line inside the file, not by the file name, and the
// two differ (a lead renamed one and not the other).
func (l *loader) idInFile(v string) string {
	for _, id := range l.flows {
		if f := l.set.Flow(id); f != nil && f.File == v+".yaml" {
			return fmt.Sprintf(" (%s names its flow %q on its id: line: use that, or make the two the same)", f.File, id)
		}
	}
	return ""
}
