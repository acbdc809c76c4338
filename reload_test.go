package main

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/config"
)

// TestRelevantChanges: edits of flows, texts and prompts start a reload;
// editors' swap and backup files and permission changes do not.
func TestRelevantChanges(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		ev   fsnotify.Event
		want bool
	}{
		{"flow_written", fsnotify.Event{Name: "/f/order_problem.yaml", Op: fsnotify.Write}, true},
		{"texts_renamed_in", fsnotify.Event{Name: "/f/texts.yaml", Op: fsnotify.Create}, true},
		{"flow_removed", fsnotify.Event{Name: "/f/old.yaml", Op: fsnotify.Remove}, true},
		{"prompt_written", fsnotify.Event{Name: "/p/rephrase.tmpl", Op: fsnotify.Write}, true},
		{"misnamed_flow", fsnotify.Event{Name: "/f/new.yml", Op: fsnotify.Create}, true}, // refused, with a message
		{"configmap_swap", fsnotify.Event{Name: "/f/..data", Op: fsnotify.Create}, true},
		{"chmod_only", fsnotify.Event{Name: "/f/welcome.yaml", Op: fsnotify.Chmod}, false},
		{"vim_swap", fsnotify.Event{Name: "/f/.welcome.yaml.swp", Op: fsnotify.Write}, false},
		{"backup", fsnotify.Event{Name: "/f/welcome.yaml~", Op: fsnotify.Create}, false},
		{"readme", fsnotify.Event{Name: "/f/README.md", Op: fsnotify.Write}, false},
		{"editor_temp", fsnotify.Event{Name: "/f/.edit-welcome.yaml", Op: fsnotify.Create}, false}, // the loader skips dotfiles
		{"emacs_lock", fsnotify.Event{Name: "/f/.#welcome.yaml", Op: fsnotify.Create}, false},
		{"configmap_release", fsnotify.Event{Name: "/f/..2026_12_05_07_00_00.123", Op: fsnotify.Create}, true},
		{"hidden_prompt", fsnotify.Event{Name: "/p/.draft.tmpl", Op: fsnotify.Create}, false}, // skipped by the prompts loader too
	} {
		if got := relevant(tt.ev); got != tt.want {
			t.Errorf("%s: relevant(%v) = %v, want %v", tt.name, tt.ev, got, tt.want)
		}
	}
}

// startApp builds the serve app on a copy of the built-in flows, in memory
// (no Redis), and returns it with its folder watch, armed before the
// flows load as serve does, and its folder.
func startApp(t *testing.T) (a *app, fw *folderWatch, dir string) {
	t.Helper()
	dir = bottest.CopyFlows(t)
	a, fw = startAppOn(t, dir)
	return a, fw, dir
}

// startAppOn is startApp on the flows folder dir.
func startAppOn(t *testing.T, dir string) (a *app, fw *folderWatch) {
	t.Helper()
	// The reload mechanics are tested here with edits that reword what
	// the folder's own tests quote: its tests are not played on reload
	// (TestReloadRefusesFailingTests25 plays them).
	cfg, err := config.Load(envMap(map[string]string{"CAREBOT_FLOWS_DIR": dir, "CAREBOT_RELOAD_SKIP_TESTS": "true"}))
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(t.Output(), nil))
	fw = watchFolders(cfg, log)
	t.Cleanup(fw.Close)
	a, err = newApp(t.Context(), cfg, log, t.Output())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	return a, fw
}

// runReloads runs a's reload loop until the test ends or stop is called.
func runReloads(t *testing.T, a *app, fw *folderWatch) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.WithoutCancel(t.Context()))
	done := make(chan struct{})
	go func() { defer close(done); a.watchReloads(ctx, fw) }()
	stop = func() { cancel(); <-done }
	t.Cleanup(stop)
	return stop
}

// TestEditWhileStarting: an edit saved after the flows were loaded but
// before the reload loop runs (carebot still connecting to Redis, training
// its model, starting its channels) is reloaded, not lost until the next
// edit. With the watch armed after the load, this replica ran the old
// flows for good (TestHotReloadTwoReplicas failed that way under load).
func TestEditWhileStarting(t *testing.T) {
	t.Parallel()
	a, fw, dir := startApp(t)
	fw.every = time.Hour // only the event can reload within the test
	v1 := a.engine.Version()
	editFile(t, dir, "order_problem.yaml", "What is your order number?", "Which order is it about?")
	v2 := mustVersion(t, dir)
	if v2 == v1 {
		t.Fatal("the edit did not change the version")
	}
	runReloads(t, a, fw)
	wait.Until(t, "the app runs "+v2, func() bool { return a.engine.Version() == v2 })
}

// TestFolderSwappedIn: a deploy moves a new flows folder in place of the
// watched one. The watch stays on the old folder and no event tells of
// the new one; the periodic re-check watches the folder now at the path
// and reloads it.
func TestFolderSwappedIn(t *testing.T) {
	t.Parallel()
	a, fw, dir := startApp(t)
	fw.every = 20 * time.Millisecond
	stop := runReloads(t, a, fw)
	next := filepath.Join(filepath.Dir(dir), "next")
	if err := os.CopyFS(next, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	editFile(t, next, "order_problem.yaml", "What is your order number?", "Which order is it about?")
	v2 := mustVersion(t, next)
	if err := os.Rename(dir, dir+".old"); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(next, dir); err != nil {
		t.Fatal(err)
	}
	wait.Until(t, "the app runs "+v2, func() bool { return a.engine.Version() == v2 })

	// The folder now at the path is watched: an edit in it is an event.
	// The loop runs again without the re-check, which would reload the
	// edit even if the watch had stayed on the old folder.
	stop()
	fw.every = time.Hour
	runReloads(t, a, fw)
	editFile(t, dir, "order_problem.yaml", "Which order is it about?", "Which order do you mean?")
	v3 := mustVersion(t, dir)
	wait.Until(t, "the app runs "+v3, func() bool { return a.engine.Version() == v3 })
}

// TestSymlinkedFileEdited: a flow file that is a link to a file elsewhere
// (flows/order_problem.yaml -> /srv/shared/order_problem.yaml) is loaded
// through the link; an edit of its target, which no event in the watched
// folder reports, is reloaded by the re-check, which looks at the target.
func TestSymlinkedFileEdited(t *testing.T) {
	t.Parallel()
	a, fw, dir := startApp(t)
	fw.every = 20 * time.Millisecond
	shared := t.TempDir()
	const name = "order_problem.yaml"
	if err := os.Rename(filepath.Join(dir, name), filepath.Join(shared, name)); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(shared, name), filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
	// The link's own events reload a first edit; the next edit, of the
	// target only, is the one no event reports.
	editFile(t, shared, name, "What is your order number?", "Which order is it about?")
	v2 := mustVersion(t, dir)
	runReloads(t, a, fw)
	wait.Until(t, "the app runs "+v2, func() bool { return a.engine.Version() == v2 })
	editFile(t, shared, name, "Which order is it about?", "Which order do you mean?")
	v3 := mustVersion(t, dir)
	wait.Until(t, "the app runs "+v3, func() bool { return a.engine.Version() == v3 })
}

// TestFolderMovedInPlace: a deploy moves the watched folder away and a new
// one in its place (`mv flows flows.old && mv flows.new flows`). The old
// folder's own move is an event: the new folder is loaded, and watched,
// 400 ms later, not at the next re-check (turned off here).
func TestFolderMovedInPlace(t *testing.T) {
	t.Parallel()
	a, fw, dir := startApp(t)
	fw.every = time.Hour // only events can reload within the test
	next := filepath.Join(filepath.Dir(dir), "next")
	if err := os.CopyFS(next, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	editFile(t, next, "order_problem.yaml", "What is your order number?", "Which order is it about?")
	v2 := mustVersion(t, next)
	runReloads(t, a, fw)
	if err := os.Rename(dir, dir+".old"); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(next, dir); err != nil {
		t.Fatal(err)
	}
	wait.Until(t, "the app runs "+v2, func() bool { return a.engine.Version() == v2 })

	// The folder now at the path is watched.
	editFile(t, dir, "order_problem.yaml", "Which order is it about?", "Which order do you mean?")
	v3 := mustVersion(t, dir)
	wait.Until(t, "the app runs "+v3, func() bool { return a.engine.Version() == v3 })
}

// TestSlowCopyWithoutEvents: in a folder that gives no events (a network
// file system), a copy slower than the debounce is reloaded once it is
// done, not half-copied: the re-check that saw it looks again at each
// quiet moment until the folder stays still. In a bubble: the copy's
// pauses are the fake clock's.
func TestSlowCopyWithoutEvents(t *testing.T) {
	t.Parallel()
	a, fw, dir := startApp(t)
	fw.Close() // as when the folder cannot be watched
	fw.w, fw.every = nil, time.Second
	path := filepath.Join(dir, "order_problem.yaml")
	old, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(old), "What is your order number?", "Which order is it about?", 1)
	failed := func() string {
		rec := httptest.NewRecorder()
		a.registry.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		m := regexp.MustCompile(`carebot_flows_reloads_total\{result="failed"\} (\d+)`).FindStringSubmatch(rec.Body.String())
		if m == nil {
			t.Fatal("no carebot_flows_reloads_total in the metrics")
		}
		return m[1]
	}
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { defer close(done); a.watchReloads(ctx, fw) }()
		// The copy: a third of the file at 0.5 s, two thirds at 1.2 s,
		// all of it at 1.7 s. The re-check at 1 s sees the first part;
		// the debounce alone would load the second at 1.4 s.
		for _, part := range []struct {
			after time.Duration
			n     int
		}{{500 * time.Millisecond, len(edited) / 3}, {700 * time.Millisecond, 2 * len(edited) / 3}, {500 * time.Millisecond, len(edited)}} {
			// The fake clock's move to the next part of the copy: the
			// scenario's own timing, not a wait for anything.
			time.Sleep(part.after)
			if err := os.WriteFile(path, []byte(edited[:part.n]), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		v2 := mustVersion(t, dir)
		wait.Until(t, "the app runs the whole copy, "+v2, func() bool { return a.engine.Version() == v2 })
		cancel()
		<-done
	})
	if n := failed(); n != "0" {
		t.Errorf("%s reloads refused during the copy, want none: a half-copied set was tried", n)
	}
}

// TestReloadRefusesAPromise: an edit that loads but promises what nobody
// decided (a yes opening a refund text) or a person who may not come (an
// unstaffed variant removed) is refused by a reload, as flows validate
// refuses it: the running flows stay. Before, only flows validate checked
// these, so a lead who saved such an edit in the watched folder shipped it.
func TestReloadRefusesAPromise(t *testing.T) {
	t.Parallel()
	replace := func(from, to string) func(string) string {
		return func(s string) string { return strings.Replace(s, from, to, 1) }
	}
	for _, tc := range []struct {
		name, file string
		edit       func(string) string
	}{
		{"yes to a refund", "cancel_refund.yaml", replace(`en: "I can record a cancellation`, `en: "Of course! I can record a cancellation`)},
		{"oui à un remboursement", "cancel_refund.yaml", replace(`fr: "Je peux enregistrer`, `fr: "Bien sûr, je peux enregistrer`)},
		{"a person nobody sends", "goodbye.yaml", func(s string) string {
			return regexp.MustCompile(`(?s)\n        unstaffed:\n.*?\n      satisfaction`).ReplaceAllString(s, "\n      satisfaction")
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, _, dir := startApp(t)
			v1 := a.engine.Version()
			path := filepath.Join(dir, tc.file)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			edited := tc.edit(string(b))
			if edited == string(b) {
				t.Fatalf("the edit changed nothing in %s: update this test", tc.file)
			}
			if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
				t.Fatal(err)
			}
			if a.reload(context.Background(), "test") {
				t.Fatalf("the reload took an edit that promises (%s)", tc.name)
			}
			if v := a.engine.Version(); v != v1 {
				t.Errorf("the app runs %s, want the flows it ran before (%s)", v, v1)
			}
		})
	}
}
