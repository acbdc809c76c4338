package flowschema_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/flowschema"
	"github.com/carebot/carebot/flows"
)

const dir = "../../flows/schema"

// TestInSync regenerates the schemas and compares them with the checked-in
// files (go test ./bot/flowschema -update, or carebot flows schema, rewrites them).
func TestInSync(t *testing.T) {
	t.Parallel()
	gen, err := flowschema.Generate()
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range gen {
		bottest.Golden(t, filepath.Join(dir, name), got)
	}
}

// TestKeysFollowTheParser: every key the flow parser knows is in the
// schema, and the schema knows no other.
func TestKeysFollowTheParser(t *testing.T) {
	t.Parallel()
	gen, err := flowschema.Generate()
	if err != nil {
		t.Fatal(err)
	}
	var flowSchema, commonSchema map[string]any
	if err := json.Unmarshal(gen[flowschema.FlowFile], &flowSchema); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(gen[flowschema.CommonFile], &commonSchema); err != nil {
		t.Fatal(err)
	}
	props := func(s map[string]any) []string {
		var out []string
		for k := range s["properties"].(map[string]any) {
			out = append(out, k)
		}
		slices.Sort(out)
		return out
	}
	defs := flowSchema["$defs"].(map[string]any)
	parts := map[string]map[string]any{
		"flow": flowSchema, "common": commonSchema,
		"triggers": defs["Triggers"].(map[string]any), "step": defs["Step"].(map[string]any),
		"choose": defs["Choose"].(map[string]any), "choice": defs["Choice"].(map[string]any),
		"ask": defs["Ask"].(map[string]any), "case": defs["Case"].(map[string]any),
		"handoff": defs["Handoff"].(map[string]any), "end": defs["End"].(map[string]any),
	}
	for part, keys := range flow.FormatKeys() {
		s, ok := parts[part]
		if !ok {
			t.Errorf("the parser knows a part %q the schema test does not: add it to bot/flowschema", part)
			continue
		}
		keys = slices.Sorted(slices.Values(keys))
		if diff := cmp.Diff(keys, props(s)); diff != "" {
			t.Errorf("keys of %s: the schema differs from the parser (-parser +schema); change the types in bot/flowschema:\n%s", part, diff)
		}
	}
}

func compile(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	url := "https://github.com/carebot/carebot/flows/schema/" + name
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("%s does not compile: %v", name, err)
	}
	return s
}

// instance reads YAML as the JSON value an editor validates.
func instance(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

// TestBuiltinFilesValid validates every built-in flow, common.yaml and
// test file against the checked-in schemas: they are not decorative.
func TestBuiltinFilesValid(t *testing.T) {
	t.Parallel()
	schemas := map[string]*jsonschema.Schema{
		flowschema.FlowFile: compile(t, flowschema.FlowFile), flowschema.CommonFile: compile(t, flowschema.CommonFile), flowschema.TestFile: compile(t, flowschema.TestFile),
		flowschema.TextsFile: compile(t, flowschema.TextsFile),
	}
	n := 0
	err := fs.WalkDir(flows.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		name := flowschema.FlowFile
		switch {
		case p == flow.TextsFile:
			name = flowschema.TextsFile
		case p == flow.CommonFile:
			name = flowschema.CommonFile
		case strings.HasPrefix(p, "tests/"):
			name = flowschema.TestFile
		}
		data, err := fs.ReadFile(flows.FS, p)
		if err != nil {
			return err
		}
		if err := schemas[name].Validate(instance(t, data)); err != nil {
			t.Errorf("flows/%s against %s:\n%v", p, name, err)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Errorf("validated %d files, want every flow, common.yaml and every test file", n)
	}
}

// TestSchemaCatchesMistakes: the mistakes an editor should underline.
func TestSchemaCatchesMistakes(t *testing.T) {
	t.Parallel()
	flowS, testS := compile(t, flowschema.FlowFile), compile(t, flowschema.TestFile)
	textsS := compile(t, flowschema.TextsFile)
	for _, tc := range []struct {
		name string
		s    *jsonschema.Schema
		yaml string
		want string
	}{
		{"misspelt step key", flowS, "id: a\ntitle: {en: A}\ncategory: greeting\nsteps:\n  - id: s\n    sya: [{en: hi}]\n", "sya"},
		{"unknown category", flowS, "id: a\ntitle: {en: A}\ncategory: greetings\nsteps:\n  - id: s\n", "/category"},
		{"text not a text", flowS, "id: a\ntitle: {en: [A]}\ncategory: greeting\nsteps:\n  - id: s\n", "title"},
		{"bad priority", flowS, "id: a\ntitle: A\ncategory: greeting\nsteps:\n  - id: s\n    handoff: {queue: q, priority: asap}\n", "/steps/0/handoff/priority"},
		{"misspelt turn key", testS, "conversations:\n  - name: x\n    turns:\n      - {person: hi, sayz: hello}\n", "sayz"},
		{"bad event", testS, "conversations:\n  - name: x\n    turns:\n      - {event: coffee}\n", "/event"},
		{"no turns", testS, "conversations:\n  - name: x\n", "turns"},
		{"misspelt text key", textsS, "desk:\n  wait_abuot: {en: x}\n", "wait_abuot"},
		{"missing group", textsS, "desk: {}\n", "slack"},
	} {
		err := tc.s.Validate(instance(t, []byte(tc.yaml)))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: validation error %v, want one naming %q", tc.name, err, tc.want)
		}
	}
}
