package bottest

import (
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/flows"
)

var builtin = sync.OnceValues(func() (*flow.Set, error) { return flow.Load(flows.FS) })

// MustFlows returns the built-in flows (flows/), loaded once per test
// binary and shared by its tests, which must not change the set.
func MustFlows(t testing.TB) *flow.Set {
	t.Helper()
	set, err := builtin()
	if err != nil {
		t.Fatalf("load built-in flows: %v", err)
	}
	return set
}

// Golden compares got with the golden file at path, or rewrites the file
// under -update.
func Golden(t testing.TB, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got; go test -update accepts it, after reading the diff):\n%s", path, diff)
	}
}

// CopyFlows writes the built-in flows, with their conversation tests, into
// a new folder and returns it, for a test that edits them as a support
// lead would.
func CopyFlows(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "flows")
	if err := os.CopyFS(dir, flows.FS); err != nil {
		t.Fatal(err)
	}
	return dir
}

// FlowsFS returns a copy of the built-in flows, with their conversation
// tests, that a test may change.
func FlowsFS(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(flows.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(flows.FS, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// LoadWith loads the built-in flows with files (name: YAML) added or
// replaced, for a test of a flow the built-in ones lack.
func LoadWith(t testing.TB, files map[string]string) (*flow.Set, error) {
	t.Helper()
	fsys := FlowsFS(t)
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return flow.Load(fsys)
}
