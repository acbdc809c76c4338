package flowgraph_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/flowgraph"
)

// fixture is a small flow set with every kind of step and one step that
// nothing leads to (so it loads with that one problem).
func fixture(t *testing.T) *flow.Set {
	t.Helper()
	set, errs := flow.LoadAll(os.DirFS("testdata/fixture"))
	if set == nil || len(errs) != 1 || !strings.Contains(errs[0].Msg, "never reached") {
		t.Fatalf("fixture: want one problem (the unreached step), got %v", errs)
	}
	return set
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	bottest.Golden(t, filepath.Join("testdata", name), got)
}

func TestGolden(t *testing.T) {
	t.Parallel()
	set := fixture(t)
	for _, tc := range []struct {
		name, format, lang string
	}{
		{"hello.mmd", "mermaid", "en"},
		{"hello.dot", "dot", "en"},
		{"hello.fr.mmd", "mermaid", "fr"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			g := flowgraph.Build(set, []string{"hello"}, flowgraph.Options{Lang: tc.lang})
			if err := g.Write(t.Context(), &b, tc.format); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.name, b.Bytes())
		})
	}
}

func TestUnreachableFlagged(t *testing.T) {
	t.Parallel()
	g := flowgraph.Build(fixture(t), []string{"hello"}, flowgraph.Options{})
	var flagged []string
	for _, n := range g.Nodes {
		if n.Unreachable {
			flagged = append(flagged, n.Flow+"/"+n.Step)
		}
	}
	if diff := cmp.Diff([]string{"hello/orphan"}, flagged); diff != "" {
		t.Errorf("unreachable nodes (-want +got):\n%s", diff)
	}
	var b bytes.Buffer
	if err := g.Mermaid(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "class hello__orphan unreachable") || !strings.Contains(b.String(), "⚠ never reached") {
		t.Errorf("the unreached step is not flagged in the picture:\n%s", b.String())
	}
}

// TestGlobalExitsOnce: asking for a person, cancel and the crisis are
// drawn once per flow, from one node, not from every step.
func TestGlobalExitsOnce(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	g := flowgraph.Build(set, nil, flowgraph.Options{})
	per := map[string]int{}
	for _, e := range g.Edges {
		if e.Style == flowgraph.EdgeGlobal {
			per[g.Node(e.From).Flow]++
		}
	}
	for _, id := range set.Order {
		want := 3
		if id == set.Common.HumanFlow {
			want = 2 // the human flow does not lead to itself
		}
		if per[id] != want {
			t.Errorf("flow %s: %d global exits, want %d", id, per[id], want)
		}
	}
}

// TestSVGEveryBuiltinFlow lays out each built-in flow in both languages:
// the SVG parses as XML and has one node per step.
func TestSVGEveryBuiltinFlow(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	for _, id := range set.Order {
		for _, lang := range set.Common.Languages {
			var b bytes.Buffer
			if err := flowgraph.Build(set, []string{id}, flowgraph.Options{Lang: lang}).SVG(t.Context(), &b); err != nil {
				t.Fatalf("%s %s: %v", id, lang, err)
			}
			titles, err := nodeTitles(b.Bytes())
			if err != nil {
				t.Fatalf("%s %s: not valid XML: %v", id, lang, err)
			}
			steps := 0
			for _, title := range titles {
				if strings.HasPrefix(title, id+"__") && !strings.HasPrefix(title, id+"___") {
					steps++
				}
			}
			if steps != len(set.Flows[id].Steps) {
				t.Errorf("%s %s: %d step nodes in the SVG, want %d (titles %v)", id, lang, steps, len(set.Flows[id].Steps), titles)
			}
			if !bytes.Contains(b.Bytes(), []byte("<svg")) {
				t.Errorf("%s %s: no <svg> element", id, lang)
			}
		}
	}
}

// nodeTitles parses an SVG and returns the titles of its node groups.
func nodeTitles(svg []byte) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(svg))
	var titles []string
	inNode, inTitle := false, false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return titles, nil
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "g" {
				for _, a := range t.Attr {
					if a.Name.Local == "class" && a.Value == "node" {
						inNode = true
					}
				}
			}
			inTitle = inNode && t.Name.Local == "title"
		case xml.CharData:
			if inTitle {
				titles = append(titles, string(t))
				inTitle, inNode = false, false
			}
		}
	}
}
