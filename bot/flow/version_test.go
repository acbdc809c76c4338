package flow_test

import (
	"maps"
	"os"
	"testing"
	"testing/fstest"

	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
)

// TestVersion: a set's version is the hash of its files' contents, the
// same wherever the same files are loaded from, and any edit changes it.
func TestVersion(t *testing.T) {
	t.Parallel()
	dir := os.DirFS("testdata/good/basic")
	files := basicFS(t)
	load := func(t *testing.T, fsys fstest.MapFS) *flow.Set {
		t.Helper()
		set, err := flow.Load(fsys)
		if err != nil {
			t.Fatal(err)
		}
		return set
	}
	a, err := flow.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Version) != 12 {
		t.Fatalf("version %q, want 12 hex digits", a.Version)
	}
	if b := load(t, files); b.Version != a.Version {
		t.Errorf("same files from another folder: version %s, want %s", b.Version, a.Version)
	}

	// A draft or a file that is no flow changes nothing.
	draft := maps.Clone(files)
	draft["_draft.yaml"] = &fstest.MapFile{Data: []byte("id: draft\n")}
	draft["notes.txt"] = &fstest.MapFile{Data: []byte("todo")}
	if b := load(t, draft); b.Version != a.Version {
		t.Errorf("with a draft: version %s, want %s", b.Version, a.Version)
	}

	// One changed character is a new version.
	edited := maps.Clone(files)
	data := string(files["welcome.yaml"].Data)
	edited["welcome.yaml"] = &fstest.MapFile{Data: []byte(data + "\n# edited\n")}
	if b := load(t, edited); b.Version == a.Version {
		t.Errorf("an edited file kept version %s", a.Version)
	}

	// LoadFiles rebuilds the same version from a set's Files (how another
	// replica runs a version it never loaded).
	c, err := flow.LoadFiles(a.Files)
	if err != nil {
		t.Fatal(err)
	}
	if c.Version != a.Version || len(c.Order) != len(a.Order) {
		t.Errorf("LoadFiles: version %s with %d flows, want %s with %d", c.Version, len(c.Order), a.Version, len(a.Order))
	}
}

// TestBuiltinTexts: the built-in texts.yaml holds every key in every
// language, and a text renders its placeholders.
func TestBuiltinTexts(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	for key := range flow.TextKeys {
		for _, lang := range set.Common.Languages {
			if set.Text(key, lang, nil) == "" {
				t.Errorf("texts.yaml: %s has no %s text", key, lang)
			}
		}
	}
	tests := []struct{ lang, want string }{
		{"fr-FR", "Il y a 3 personnes avant vous."},
		{"en", "There are 3 people ahead of you."},
		{"de", "There are 3 people ahead of you."}, // not a language of the set: the default
	}
	for _, tt := range tests {
		if got := set.Text("desk.ahead", tt.lang, map[string]string{"ahead": "3"}); got != tt.want {
			t.Errorf("Text(desk.ahead, %s) = %q, want %q", tt.lang, got, tt.want)
		}
	}
}
