package flow_test

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf16"

	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
)

// TestBuiltinFlows loads the flows the binary embeds, so that every edit a
// support lead makes to flows/ is validated in CI.
func TestBuiltinFlows(t *testing.T) {
	t.Parallel()
	set, err := flow.Load(os.DirFS("../../flows"))
	if err != nil {
		t.Fatalf("the built-in flows have problems:\n%v", err)
	}
	for _, id := range []string{set.Common.StartFlow, set.Common.FallbackFlow, set.Common.HumanFlow} {
		if set.Flow(id) == nil {
			t.Errorf("common.yaml names flow %q, which is not loaded", id)
		}
	}
	if len(set.Order) != len(set.Flows) {
		t.Errorf("Order has %d flows, Flows %d", len(set.Order), len(set.Flows))
	}
}

func TestLoadDir(t *testing.T) {
	t.Parallel()
	t.Run("prefixes_errors_with_the_folder", func(t *testing.T) {
		t.Parallel()
		dir := filepath.Join("testdata", "bad", "unknown_refs")
		set, err := flow.LoadDir(dir)
		if set != nil {
			t.Errorf("LoadDir returned a set along with errors")
		}
		es := mustErrors(t, err)
		for _, e := range es {
			if !strings.HasPrefix(e.Pos.File, dir+string(filepath.Separator)) {
				t.Errorf("error file %q does not start with %q", e.Pos.File, dir)
			}
		}
		want := filepath.Join(dir, "welcome.yaml") + `:13:11: step "ask_order": next names unknown step "what_hapened" (did you mean "what_happened"?)`
		if !strings.Contains(err.Error(), want+"\n") {
			t.Errorf("errors do not hold\n%s\ngot:\n%v", want, err)
		}
	})
	t.Run("good", func(t *testing.T) {
		t.Parallel()
		set, err := flow.LoadDir(filepath.Join("testdata", "good", "basic"))
		if err != nil || set == nil || set.Flow("welcome") == nil {
			t.Fatalf("LoadDir = %v, %v; want the basic set", set, err)
		}
		// Positions in the set stay relative to the folder.
		if got := set.Flow("welcome").File; got != "welcome.yaml" {
			t.Errorf("File = %q, want welcome.yaml", got)
		}
	})
	t.Run("missing_folder", func(t *testing.T) {
		t.Parallel()
		dir := filepath.Join(t.TempDir(), "nope")
		_, err := flow.LoadDir(dir)
		es := mustErrors(t, err)
		if len(es) != 1 || es[0].Error() != dir+": the folder does not exist" {
			t.Errorf("LoadDir(missing) = %v", err)
		}
	})
}

// TestLoadSkipsDrafts checks which names Load reads: drafts, other files
// and folders are left alone, even when they would not load.
func TestLoadSkipsDrafts(t *testing.T) {
	t.Parallel()
	fsys := basicFS(t)
	fsys["_draft.yaml"] = &fstest.MapFile{Data: []byte("broken: [")}
	fsys[".hidden.yaml"] = &fstest.MapFile{Data: []byte("broken: [")}
	fsys["notes.txt"] = &fstest.MapFile{Data: []byte("broken: [")}
	fsys["sub/inner.yaml"] = &fstest.MapFile{Data: []byte("broken: [")}
	if _, err := flow.Load(fsys); err != nil {
		t.Fatalf("Load read a draft or a nested file:\n%v", err)
	}
}

// TestLoadSeparateCalls checks that loads share no state.
func TestLoadSeparateCalls(t *testing.T) {
	t.Parallel()
	bad := basicFS(t)
	bad["welcome.yaml"] = &fstest.MapFile{Data: []byte("id: welcome\n")}
	_, err1 := flow.Load(bad)
	_, err2 := flow.Load(bad)
	if err1 == nil || err2 == nil || err1.Error() != err2.Error() {
		t.Fatalf("two loads of the same set differ:\n%v\n---\n%v", err1, err2)
	}
	if _, err := flow.Load(basicFS(t)); err != nil {
		t.Fatalf("good load after a bad one: %v", err)
	}
}

// basicFS is testdata/good/basic in memory.
func basicFS(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	dir := filepath.Join("testdata", "good", "basic")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		fsys[e.Name()] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// FuzzLoad feeds arbitrary bytes as common.yaml and as one flow file, next
// to the good basic flows. Load must never panic, and must return either a
// set or a non-empty, sorted Errors whose positions lie in the files.
func FuzzLoad(f *testing.F) {
	good := basicFS(f)
	var seeds [][]byte
	for _, dir := range []string{"testdata/good", "testdata/bad"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".yaml") {
				return err
			}
			data, err := os.ReadFile(path)
			seeds = append(seeds, data)
			return err
		})
		if err != nil {
			f.Fatal(err)
		}
	}
	for _, s := range seeds {
		f.Add(good["common.yaml"].Data, s)
		if bytes.Contains(s, []byte("messages:")) {
			f.Add(s, good["order.yaml"].Data)
		}
	}
	f.Fuzz(func(t *testing.T, common, order []byte) {
		fsys := maps.Clone(good)
		fsys["common.yaml"] = &fstest.MapFile{Data: common}
		fsys["order.yaml"] = &fstest.MapFile{Data: order}

		set, err := flow.Load(fsys)
		if (set == nil) == (err == nil) {
			t.Fatalf("Load = %v, %v: want exactly one of a set and an error", set, err)
		}
		if err != nil {
			es := mustErrors(t, err)
			for _, e := range es {
				if e.Pos.File == "." {
					continue
				}
				file, ok := fsys[e.Pos.File]
				if !ok {
					t.Fatalf("error names a file that is not in the set: %v", e)
				}
				if lines := bytes.Count(file.Data, []byte("\n")) + 1; e.Pos.Line > lines {
					t.Fatalf("error past the end of its file (%d lines): %v", lines, e)
				}
			}
			return
		}
		// A loaded set holds together: every step named exists.
		for _, id := range set.Order {
			fl := set.Flow(id)
			if fl == nil || len(fl.Steps) == 0 {
				t.Fatalf("flow %q is missing or has no steps", id)
			}
			for _, s := range fl.Steps {
				for _, name := range []string{s.Next, s.Call, s.Goto} {
					if name != "" && fl.Step(name) == nil && set.Flow(name) == nil {
						t.Fatalf("flow %q step %q names %q, which does not exist", id, s.ID, name)
					}
				}
				for _, txt := range s.Say {
					for _, lang := range set.Common.Languages {
						flow.Render(txt.In(lang, ""), func(string) string { return "x" })
					}
				}
			}
		}
	})
}

// BenchmarkLoad loads the good sample set, and the same grown to 15 flows,
// the size of a real deployment.
func BenchmarkLoad(b *testing.B) {
	basic := basicFS(b)
	big := maps.Clone(basic)
	// Ten copies of the order flow, with their own ids and no triggers
	// (which would clash), make 15 flows.
	order := string(basic["order.yaml"].Data)
	order = regexp.MustCompile(`(?s)\ntriggers:.*?\nsteps:`).ReplaceAllString(order, "\nsteps:")
	for i := range 10 {
		id := "order_copy_" + strconv.Itoa(i)
		big[id+".yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(order, "id: order_problem", "id: "+id, 1))}
	}
	for _, bc := range []struct {
		name  string
		fsys  fs.FS
		flows int
	}{
		{"good_basic", basic, 5},
		{"15_flows", big, 15},
	} {
		b.Run(bc.name, func(b *testing.B) {
			set, err := flow.Load(bc.fsys)
			if err != nil {
				b.Fatal(err)
			}
			if len(set.Flows) != bc.flows {
				b.Fatalf("loaded %d flows, want %d", len(set.Flows), bc.flows)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := flow.Load(bc.fsys); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestLoadUTF16: a file saved as UTF-16 with its byte order mark (Notepad's
// "Unicode") is read as YAML reads it, not refused as a file that is not
// UTF-8.
func TestLoadUTF16(t *testing.T) {
	t.Parallel()
	m := bottest.FlowsFS(t)
	u := utf16.Encode([]rune(string(m["goodbye.yaml"].Data)))
	b := []byte{0xFF, 0xFE} // little-endian
	for _, c := range u {
		b = append(b, byte(c), byte(c>>8))
	}
	m["goodbye.yaml"] = &fstest.MapFile{Data: b}
	if _, err := flow.Load(m); err != nil {
		t.Errorf("Load with goodbye.yaml in UTF-16: %v", err)
	}
}
