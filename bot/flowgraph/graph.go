// Package flowgraph draws care flows: steps as nodes (their kind and the
// first words they say), transitions as labelled edges (buttons, slot
// conditions, care signals, hand-offs, calls and jumps into other flows).
// The exits that work at any step (asking for a person, cancel, the crisis
// safety message) are drawn once per flow, not on every node. Steps that no
// path reaches are flagged. It writes Mermaid (for Markdown and GitHub),
// DOT (for Graphviz) and SVG (laid out in Go, see SVG).
package flowgraph

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/carebot/carebot/bot/flow"
)

// NodeKind says what a node stands for; steps use their flow.Kind.
type NodeKind string

// Node kinds beyond the step kinds.
const (
	KindFlow NodeKind = "flow" // another flow, not drawn here
	KindAny  NodeKind = "any"  // "at any step": the global exits start here
	KindDone NodeKind = "done" // the flow is over (a step with no next)
	// KindMissing is a step that is named but does not exist (a flow with problems).
	KindMissing NodeKind = "missing"
)

// Node is one box of the picture.
type Node struct {
	ID          string // unique in the graph, safe in Mermaid and DOT
	Flow, Step  string // the step it draws; Step is "" for other kinds
	Kind        NodeKind
	Title       string // the step id, or the flow's title
	Text        string // the kind and the first words said
	Start       bool   // the flow's first step
	Unreachable bool   // no path from the flow's first step leads here
}

// Edge is one transition.
type Edge struct {
	From, To string // node IDs
	Label    string
	Style    EdgeStyle
}

// EdgeStyle tells transitions apart in the picture.
type EdgeStyle int

// Edge styles.
const (
	EdgeNext   EdgeStyle = iota // to the next step
	EdgeChoice                  // a button
	EdgeCase                    // a branch condition, an invalid answer, a timeout
	EdgeFlow                    // into another flow (goto_flow, call, a button)
	EdgeGlobal                  // the exits that work at any step
)

// Cluster is one drawn flow and the nodes that belong to it.
type Cluster struct {
	Flow  string
	Title string
	Nodes []string // node IDs
}

// Graph is the picture of one or more flows.
type Graph struct {
	Clusters []Cluster
	Nodes    []*Node
	Edges    []Edge
	byID     map[string]*Node
}

// Node returns the node with that ID, or nil.
func (g *Graph) Node(id string) *Node { return g.byID[id] }

// Options tune Build.
type Options struct {
	// Lang is the language of labels; "" means the set's first language.
	Lang string
	// Words is how many words of a step's text its node shows (default 8).
	Words int
}

// Build draws the flows named by ids (every flow of the set, in its order,
// when ids is empty). Unknown ids are skipped: check them first. set may be
// a set loaded with problems (flow.LoadAll): missing parts are left out.
func Build(set *flow.Set, ids []string, opts Options) *Graph {
	if len(ids) == 0 {
		ids = set.Order
	}
	lang := opts.Lang
	if lang == "" && len(set.Common.Languages) > 0 {
		lang = set.Common.Languages[0]
	}
	if opts.Words <= 0 {
		opts.Words = 8
	}
	b := &builder{set: set, lang: lang, words: opts.Words, g: &Graph{byID: map[string]*Node{}}, drawn: map[string]bool{}}
	for _, id := range ids {
		if f := set.Flow(id); f != nil {
			b.drawn[id] = true
		}
	}
	for _, id := range ids {
		if f := set.Flow(id); f != nil && b.drawn[id] {
			b.flow(f)
			b.drawn[id] = true
		}
	}
	return b.g
}

type builder struct {
	set   *flow.Set
	lang  string
	words int
	g     *Graph
	drawn map[string]bool // flows drawn in full: edges go to their first step
	cur   *Cluster
}

// nodeID makes an ID safe in Mermaid and DOT: letters, digits and _.
func nodeID(parts ...string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			b.WriteString("__")
		}
		for _, r := range p {
			if r < utf8.RuneSelf && (r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				b.WriteRune(r)
			} else {
				b.WriteByte('_')
			}
		}
	}
	return b.String()
}

func (b *builder) add(n *Node, inCluster bool) *Node {
	if old := b.g.byID[n.ID]; old != nil {
		return old
	}
	b.g.Nodes = append(b.g.Nodes, n)
	b.g.byID[n.ID] = n
	if inCluster && b.cur != nil {
		b.cur.Nodes = append(b.cur.Nodes, n.ID)
	}
	return n
}

// edge adds a transition; two between the same nodes become one, with
// both labels, so that the picture stays readable.
func (b *builder) edge(from, to, label string, style EdgeStyle) {
	for i, e := range b.g.Edges {
		if e.From == from && e.To == to && e.Style == style {
			if label != "" && e.Label != label {
				b.g.Edges[i].Label = strings.TrimPrefix(e.Label+" / "+label, " / ")
			}
			return
		}
	}
	b.g.Edges = append(b.g.Edges, Edge{From: from, To: to, Label: label, Style: style})
}

// flowTarget is the node a transition into another flow leads to: its
// first step when that flow is drawn, else a node standing for it.
func (b *builder) flowTarget(id string) string {
	if f := b.set.Flow(id); f != nil && b.drawn[id] && len(f.Steps) > 0 {
		return nodeID(id, f.Steps[0].ID)
	}
	title := id
	if f := b.set.Flow(id); f != nil {
		if t := f.Title.In(b.lang, ""); t != "" {
			title = t
		}
	}
	n := b.add(&Node{ID: nodeID("flow", id), Flow: id, Kind: KindFlow, Title: id, Text: title}, false)
	return n.ID
}

func (b *builder) flow(f *flow.Flow) {
	b.g.Clusters = append(b.g.Clusters, Cluster{Flow: f.ID, Title: f.Title.In(b.lang, "")})
	b.cur = &b.g.Clusters[len(b.g.Clusters)-1]
	reached := reachable(f)
	for i, s := range f.Steps {
		b.add(&Node{
			ID: nodeID(f.ID, s.ID), Flow: f.ID, Step: s.ID, Kind: NodeKind(s.Kind), Title: s.ID,
			Text: b.summary(s), Start: i == 0, Unreachable: !reached[s],
		}, true)
	}
	done := ""
	finish := func() string { // the flow ends (or returns to its caller)
		if done == "" {
			done = b.add(&Node{ID: nodeID(f.ID, "_done"), Flow: f.ID, Kind: KindDone, Title: "done", Text: "the flow ends"}, true).ID
		}
		return done
	}
	to := func(step string) string {
		if step == "" {
			return finish()
		}
		if f.Step(step) == nil {
			return b.add(&Node{ID: nodeID(f.ID, "_missing", step), Flow: f.ID, Kind: KindMissing, Title: step, Text: "no such step", Unreachable: true}, true).ID
		}
		return nodeID(f.ID, step)
	}
	for _, s := range f.Steps {
		from := nodeID(f.ID, s.ID)
		switch s.Kind {
		case flow.KindChoose:
			if s.Choose == nil {
				continue
			}
			for _, c := range s.Choose.Choices {
				label := c.Label.In(b.lang, "")
				if c.Flow != "" {
					b.edge(from, b.flowTarget(c.Flow), label, EdgeFlow)
				} else {
					b.edge(from, to(c.Next), label, EdgeChoice)
				}
			}
			if ft := s.Choose.FreeText; ft != nil {
				b.edge(from, to(ft.Next), "words written saved as "+ft.Slot, EdgeNext)
			}
		case flow.KindAsk:
			if s.Ask == nil {
				continue
			}
			b.edge(from, to(s.Next), "answer saved as "+s.Ask.Slot, EdgeNext)
			attempts := s.Ask.Attempts
			if attempts <= 0 {
				attempts = 3
			}
			fail := fmt.Sprintf("%d answers not understood", attempts)
			if s.Ask.OnFail != "" {
				b.edge(from, to(s.Ask.OnFail), fail, EdgeCase)
			} else if b.set.Common.HumanFlow != "" {
				b.edge(from, b.flowTarget(b.set.Common.HumanFlow), fail, EdgeFlow)
			}
		case flow.KindBranch:
			for _, c := range s.Branch {
				b.edge(from, to(c.Goto), Condition(c), EdgeCase)
			}
			b.edge(from, to(s.Next), "otherwise", EdgeNext)
		case flow.KindCall:
			b.edge(from, b.flowTarget(s.Call), "calls", EdgeFlow)
			b.edge(from, to(s.Next), "when "+s.Call+" ends", EdgeNext)
		case flow.KindGoto:
			b.edge(from, b.flowTarget(s.Goto), "goes on in", EdgeFlow)
		case flow.KindHandoff:
			if s.Handoff != nil && s.Handoff.OnTimeout != "" {
				b.edge(from, to(s.Handoff.OnTimeout), "nobody came in time", EdgeCase)
			}
		case flow.KindEnd:
		default: // say, set
			b.edge(from, to(s.Next), "", EdgeNext)
		}
	}
	b.globals(f)
	b.cur = nil
}

// globals draws, once per flow, the ways out that work at any step.
func (b *builder) globals(f *flow.Flow) {
	c := b.set.Common
	anyID := b.add(&Node{ID: nodeID(f.ID, "_any"), Flow: f.ID, Kind: KindAny, Title: "any step", Text: "whatever the step"}, true).ID
	if c.HumanFlow != "" && f.ID != c.HumanFlow {
		b.edge(anyID, b.flowTarget(c.HumanFlow), "asks for a person", EdgeGlobal)
	}
	if c.StartFlow != "" {
		words := c.CancelWords[b.lang]
		label := "cancel"
		if len(words) > 0 {
			label = strings.Join(words[:min(2, len(words))], ", ")
		}
		b.edge(anyID, b.flowTarget(c.StartFlow), label+" (menu)", EdgeGlobal)
	}
	if c.CrisisQueue != "" {
		crisis := b.add(&Node{ID: nodeID("crisis"), Kind: NodeKind(flow.KindHandoff), Title: "crisis", Text: "safety message, urgent hand-off to " + c.CrisisQueue}, false).ID
		b.edge(anyID, crisis, "danger to life", EdgeGlobal)
	}
}

// Condition is what a branch case tests, in words ("if distress", "if an
// employee writes"): the picture's edge labels and the studio's step view
// say it alike.
func Condition(c flow.Case) string {
	switch {
	case c.Signal != "":
		return "if " + c.Signal
	case c.Staffed != "":
		return "if someone can come (" + c.Staffed + ")"
	case c.Audience != "":
		return "if " + article(c.Audience) + " writes"
	case c.Said != "":
		// if_said: the message that started the flow names that button.
		return "if the first message names " + c.Said
	case c.Equals != "":
		return "if " + c.Slot + " = " + c.Equals
	default:
		return "if " + c.Slot + " is known"
	}
}

// summary is a step's kind and the first words it says.
func (b *builder) summary(s *flow.Step) string {
	var t flow.Text
	switch {
	case s.Choose != nil:
		t = s.Choose.Text
	case s.Ask != nil:
		t = s.Ask.Text
	case s.Handoff != nil:
		t = s.Handoff.Text
	case s.End != nil && !s.End.Text.IsZero():
		t = s.End.Text
	case len(s.Say) > 0:
		t = s.Say[0]
	}
	kind := string(s.Kind)
	switch s.Kind {
	case flow.KindHandoff:
		if s.Handoff != nil {
			kind = "hand-off to " + s.Handoff.Queue
			if s.Handoff.Priority != "" && s.Handoff.Priority != "normal" {
				kind += " (" + s.Handoff.Priority + ")"
			}
		}
	case flow.KindEnd:
		if s.End != nil && s.End.Satisfaction {
			kind = "end, asks how it went"
		}
	case flow.KindCall:
		kind = "call " + s.Call
	case flow.KindGoto:
		kind = "goto " + s.Goto
	case flow.KindSet:
		keys := make([]string, 0, len(s.Set))
		for k := range s.Set {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		kind = "set " + strings.Join(keys, ", ")
	}
	words := strings.Fields(t.In(b.lang, ""))
	if len(words) == 0 {
		return kind
	}
	text := strings.Join(words[:min(b.words, len(words))], " ")
	if len(words) > b.words {
		text += " …"
	}
	return kind + ": " + text
}

// reachable marks the steps a path from the flow's first step reaches.
func reachable(f *flow.Flow) map[*flow.Step]bool {
	seen := map[*flow.Step]bool{}
	if len(f.Steps) == 0 {
		return seen
	}
	queue := []*flow.Step{f.Steps[0]}
	seen[f.Steps[0]] = true
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, id := range s.Targets() {
			if t := f.Step(id); t != nil && !seen[t] {
				seen[t] = true
				queue = append(queue, t)
			}
		}
	}
	return seen
}

// article is "a customer", "an employee".
func article(who string) string {
	if strings.ContainsRune("aeiou", rune(who[0])) {
		return "an " + who
	}
	return "a " + who
}
