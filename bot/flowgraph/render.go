package flowgraph

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/goccy/go-graphviz"

	"github.com/carebot/carebot/bot/flow"
)

// Formats Write knows.
var Formats = []string{"mermaid", "dot", "svg"}

// Write renders g in format (mermaid, dot or svg) to w.
func (g *Graph) Write(ctx context.Context, w io.Writer, format string) error {
	switch format {
	case "mermaid":
		return g.Mermaid(w)
	case "dot":
		return g.DOT(w)
	case "svg":
		return g.SVG(ctx, w)
	}
	return fmt.Errorf("unknown format %q: use mermaid, dot or svg", format)
}

const neverReached = "⚠ never reached"

// lines is the node's text for people: its title, then its summary.
func (n *Node) lines() []string {
	title := n.Title
	if n.Start {
		title += " · first step"
	}
	out := []string{title}
	if n.Unreachable {
		out = append(out, neverReached)
	}
	return append(out, wrap(n.Text, 32)...)
}

// wrap cuts s into lines of about width characters, at spaces.
func wrap(s string, width int) []string {
	var out []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len([]rune(line))+1+len([]rune(w)) > width {
			out = append(out, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

// ---- Mermaid ----

func mermaidText(s string) string {
	return strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;").Replace(s)
}

func mermaidShape(n *Node) (string, string) {
	switch n.Kind {
	case NodeKind(flow.KindChoose):
		return "{{", "}}"
	case NodeKind(flow.KindAsk):
		return "[/", "/]"
	case NodeKind(flow.KindBranch):
		return "{", "}"
	case NodeKind(flow.KindCall), NodeKind(flow.KindGoto), KindFlow:
		return "[[", "]]"
	case NodeKind(flow.KindHandoff):
		return ">", "]"
	case NodeKind(flow.KindEnd), KindDone:
		return "([", "])"
	case KindAny:
		return "((", "))"
	}
	return "[", "]"
}

// Mermaid writes the graph as a Mermaid flowchart, for Markdown and GitHub.
func (g *Graph) Mermaid(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "flowchart TD")
	node := func(indent string, n *Node) {
		open, close := mermaidShape(n)
		var parts []string
		for _, l := range n.lines() {
			parts = append(parts, mermaidText(l))
		}
		parts[0] = "<b>" + parts[0] + "</b>"
		fmt.Fprintf(bw, "%s%s%s\"%s\"%s\n", indent, n.ID, open, strings.Join(parts, "<br/>"), close)
	}
	g.writeNodes(bw, func(c Cluster) {
		fmt.Fprintf(bw, "  subgraph %s[\"%s\"]\n", nodeID("flow", c.Flow, "cluster"), mermaidText(c.Flow+": "+c.Title))
	}, "  end", node)
	for _, e := range g.Edges {
		arrow := map[EdgeStyle]string{EdgeNext: "-->", EdgeChoice: "-->", EdgeCase: "-.->", EdgeFlow: "==>", EdgeGlobal: "-.->"}[e.Style]
		if e.Label == "" {
			fmt.Fprintf(bw, "  %s %s %s\n", e.From, arrow, e.To)
			continue
		}
		fmt.Fprintf(bw, "  %s %s|\"%s\"| %s\n", e.From, arrow, mermaidText(e.Label), e.To)
	}
	fmt.Fprintln(bw, "  classDef unreachable fill:#fde8e8,stroke:#c00,stroke-width:2px,stroke-dasharray:5 5")
	fmt.Fprintln(bw, "  classDef start stroke-width:3px")
	fmt.Fprintln(bw, "  classDef global fill:#f4f4f4,stroke:#999")
	for _, n := range g.Nodes {
		switch {
		case n.Unreachable:
			fmt.Fprintf(bw, "  class %s unreachable\n", n.ID)
		case n.Start:
			fmt.Fprintf(bw, "  class %s start\n", n.ID)
		case n.Kind == KindAny:
			fmt.Fprintf(bw, "  class %s global\n", n.ID)
		}
	}
	return bw.Flush()
}

// writeNodes writes each cluster (begin, its nodes, then the line end)
// and then the nodes that are in none, each by node.
func (g *Graph) writeNodes(bw *bufio.Writer, begin func(c Cluster), end string, node func(indent string, n *Node)) {
	inCluster := map[string]bool{}
	for _, c := range g.Clusters {
		begin(c)
		for _, id := range c.Nodes {
			node("    ", g.byID[id])
			inCluster[id] = true
		}
		fmt.Fprintln(bw, end)
	}
	for _, n := range g.Nodes {
		if !inCluster[n.ID] {
			node("  ", n)
		}
	}
}

// ---- DOT ----

func dotText(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

func dotAttrs(n *Node) string {
	shape, fill := "box", "#ffffff"
	style := "filled"
	switch n.Kind {
	case NodeKind(flow.KindSay), NodeKind(flow.KindSet):
		style = "rounded,filled"
	case NodeKind(flow.KindChoose):
		style, fill = "rounded,filled", "#fff6d5"
	case NodeKind(flow.KindAsk):
		shape, fill = "parallelogram", "#e8f4ff"
	case NodeKind(flow.KindBranch):
		shape, fill = "diamond", "#f0f0f0"
	case NodeKind(flow.KindCall), NodeKind(flow.KindGoto):
		shape = "component"
	case NodeKind(flow.KindHandoff):
		shape, fill = "house", "#dff5e1"
	case NodeKind(flow.KindEnd), KindDone:
		shape = "ellipse"
	case KindFlow:
		shape, fill = "folder", "#eeeeff"
	case KindAny:
		style, fill = "rounded,filled,dashed", "#f4f4f4"
	}
	a := fmt.Sprintf("shape=%s style=%q fillcolor=%q", shape, style, fill)
	if n.Kind == NodeKind(flow.KindEnd) {
		a += " peripheries=2"
	}
	if n.Start {
		a += " penwidth=2.5"
	}
	if n.Unreachable {
		a = fmt.Sprintf("shape=%s style=%q fillcolor=\"#fde8e8\" color=\"#cc0000\" fontcolor=\"#cc0000\" penwidth=2", shape, strings.ReplaceAll(style, "filled", "filled,dashed"))
	}
	return a
}

// DOT writes the graph in Graphviz's language.
func (g *Graph) DOT(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "digraph flows {")
	fmt.Fprintln(bw, `  graph [rankdir=TB fontname="Helvetica" fontsize=12 nodesep=0.3 ranksep=0.4]`)
	fmt.Fprintln(bw, `  node [fontname="Helvetica" fontsize=10 margin="0.15,0.05"]`)
	fmt.Fprintln(bw, `  edge [fontname="Helvetica" fontsize=9 color="#555555"]`)
	node := func(indent string, n *Node) {
		fmt.Fprintf(bw, "%s%s [label=%s %s]\n", indent, n.ID, dotText(strings.Join(n.lines(), "\n")), dotAttrs(n))
	}
	g.writeNodes(bw, func(c Cluster) {
		fmt.Fprintf(bw, "  subgraph %s {\n", nodeID("cluster", c.Flow))
		fmt.Fprintf(bw, "    label=%s style=\"rounded\" color=\"#999999\"\n", dotText(c.Flow+": "+c.Title))
	}, "  }", node)
	for _, e := range g.Edges {
		attrs := map[EdgeStyle]string{
			EdgeNext:   "",
			EdgeChoice: ` color="#a07800"`,
			EdgeCase:   " style=dashed",
			EdgeFlow:   " penwidth=2",
			EdgeGlobal: ` style=dotted color="#999999"`,
		}[e.Style]
		label := ""
		if e.Label != "" {
			label = " label=" + dotText(strings.Join(wrap(e.Label, 24), "\n"))
		}
		if a := strings.TrimSpace(label + attrs); a != "" {
			fmt.Fprintf(bw, "  %s -> %s [%s]\n", e.From, e.To, a)
		} else {
			fmt.Fprintf(bw, "  %s -> %s\n", e.From, e.To)
		}
	}
	fmt.Fprintln(bw, "}")
	return bw.Flush()
}

// ---- SVG ----

// SVG lays the graph out and writes a self-contained SVG that opens in any
// browser. The layout is Graphviz's dot, compiled to WebAssembly and run
// in Go (github.com/goccy/go-graphviz): no cgo and no Graphviz install.
func (g *Graph) SVG(ctx context.Context, w io.Writer) error {
	var dot bytes.Buffer
	if err := g.DOT(&dot); err != nil {
		return err
	}
	gv, err := graphviz.New(ctx)
	if err != nil {
		return fmt.Errorf("graphviz: %w", err)
	}
	defer gv.Close()
	gr, err := graphviz.ParseBytes(dot.Bytes())
	if err != nil {
		return fmt.Errorf("graphviz parse: %w", err)
	}
	defer gr.Close()
	if err := gv.Render(ctx, gr, graphviz.SVG, w); err != nil {
		return fmt.Errorf("graphviz render: %w", err)
	}
	return nil
}
