package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/flowtest"
	"github.com/carebot/carebot/bot/llm"
	"github.com/carebot/carebot/config"
)

// reloadDebounce is how long the flows folder must stay quiet after a
// change before it is reloaded: an editor or `git pull` writes several
// files, and a half-written set must not be tried.
const reloadDebounce = 400 * time.Millisecond

// promptReloader is the rephraser's side of a reload.
type promptReloader interface {
	ReloadPrompts(fsys fs.FS) error
}

// reload loads and validates the flows (with their texts) and the prompt
// templates, and switches to them only if all are valid. Otherwise the
// running set stays, every problem is logged as FILE:LINE:COL, and the
// metric says the last reload failed. why is "sighup" or "files changed".
func (a *app) reload(ctx context.Context, why string) bool {
	log := a.log.With("reason", why)
	set, err := loadFlows(a.cfg)
	var problems []string
	if err != nil {
		problems = append(problems, problemLines(err)...)
	}
	pr, hasPrompts := a.rephraser.(promptReloader)
	if hasPrompts && a.cfg.PromptsDir != "" {
		if err := validatePrompts(a.cfg); err != nil {
			problems = append(problems, problemLines(err)...)
		}
	}
	if len(problems) > 0 {
		for _, p := range problems {
			log.Error("flows reload refused", "problem", p)
		}
		log.Error("flows reload refused: the running flows stay", "problems", len(problems), "version", a.engine.Version())
		a.flowsM.ReloadFailed()
		return false
	}
	if failed := a.failingTests(ctx, set); len(failed) > 0 {
		for _, f := range failed {
			log.Warn("flows reload refused: a conversation test fails", "test", f)
		}
		log.Warn("flows reload refused: the folder's tests fail, the running flows stay", "failed", len(failed), "version", a.engine.Version())
		a.flowsM.ReloadFailed()
		return false
	}
	if hasPrompts && a.cfg.PromptsDir != "" {
		if err := pr.ReloadPrompts(promptsFS(a.cfg)); err != nil { // validated just above
			log.Error("prompts reload failed", "err", err)
		}
	}
	prev := a.engine.Version()
	a.texts.Store(set)
	if err := a.engine.Reload(ctx, set); err != nil {
		// The set runs here; other replicas cannot fetch it for now.
		log.Warn("flows reloaded but not shared with other replicas", "err", err)
	}
	a.flowsM.Reloaded(set.Version)
	if set.Version != prev {
		for _, f := range a.onReload {
			f(ctx)
		}
	}
	log.Info("flows reload done", "version", set.Version, "previous", prev)
	return true
}

// failingTests plays the conversation tests of the flows folder
// (tests/*.yaml) on set, and returns each failure's first line (FILE:LINE:COL:
// which conversation, which turn, what was expected), or a test file's
// problems: a reload that would ship a folder whose own tests fail is
// refused, as flows test would fail it. Before, only a valid load was
// asked of a reload, and an edit that broke the folder's tests shipped.
// Nothing is played for the built-in flows, for a set already running,
// or with reload_skip_tests.
func (a *app) failingTests(ctx context.Context, set *flow.Set) []string {
	dir := a.cfg.FlowsDir
	if dir == "" || a.cfg.ReloadSkipTests || set.Version == a.engine.Version() {
		return nil
	}
	suite, err := flowtest.Load(os.DirFS(dir), dir, set)
	if err != nil {
		return problemLines(err)
	}
	rep, err := suite.Run(ctx, flowtest.Options{})
	if err != nil {
		return []string{"the tests could not be played: " + err.Error()}
	}
	var out []string
	for _, f := range rep.Failures {
		first, _, _ := strings.Cut(f.Error(), "\n")
		out = append(out, first)
	}
	return out
}

// problemLines lists a load error's problems, one FILE:LINE:COL: message each.
func problemLines(err error) []string {
	var fe flow.Errors
	if errors.As(err, &fe) {
		out := make([]string, len(fe))
		for i, e := range fe {
			out[i] = e.Error()
		}
		return out
	}
	var pe llm.PromptErrors
	if errors.As(err, &pe) {
		out := make([]string, len(pe))
		for i, e := range pe {
			out[i] = e.Error()
		}
		return out
	}
	return strings.Split(err.Error(), "\n")
}

// recheckEvery bounds how long an edit that no event reported waits for
// its reload. Events miss some edits: a deploy that moves a new folder in
// place of the watched one (the watch stays on the old folder), a folder
// on a network file system, a folder that could not be watched. So every
// recheckEvery the folders are watched again (whichever folder is at the
// path now) and their files compared with the last look (names, sizes,
// modification times); a difference reloads. Looking costs one directory
// read per folder.
const recheckEvery = 30 * time.Second

// folderWatch watches the flows and prompts folders on disk for edits.
//
// serve arms it before it loads the flows (watchFolders, then newApp):
// an edit made while carebot starts (Redis, the understanding model, the
// channels take a second or more) then arrives as an event once
// watchReloads runs. Armed after the load, as it once was, such an edit
// was never seen, and the replica ran the old flows until the next edit.
// An edit made between arming and loading costs one reload that finds
// the version already running.
//
// It catches SIGHUP too, from watchFolders to Close, that is for all of
// serve: Go's default for SIGHUP ends the process at once, with no log.
// A SIGHUP while carebot starts waits for the reload loop (one reload
// however many came); one after the loop ended, while serve hands its
// work over and waits for the turns in flight, is logged and ignored
// (see ignoreHangups).
type folderWatch struct {
	w      *fsnotify.Watcher // nil when events are not available
	dirs   []string          // the folders on disk; none when both are built in
	every  time.Duration     // how often the folders are looked at (recheckEvery)
	seen   string            // what the folders held at the last look (see look)
	hup    chan os.Signal    // SIGHUP, until Close
	log    *slog.Logger
	closed sync.Once
}

// watchFolders catches SIGHUP and starts watching the flows and prompts
// folders that are on disk (the built-in ones are in the binary).
func watchFolders(cfg config.Config, log *slog.Logger) *folderWatch {
	fw := &folderWatch{every: recheckEvery, log: log, hup: make(chan os.Signal, 1)}
	signal.Notify(fw.hup, syscall.SIGHUP)
	for _, d := range []string{cfg.FlowsDir, testsDir(cfg), cfg.PromptsDir} {
		if d != "" {
			fw.dirs = append(fw.dirs, d)
		}
	}
	if len(fw.dirs) == 0 {
		return fw
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		log.Warn("folder events unavailable: edits are seen within the re-check interval", "every", fw.every, "err", err)
		fw.seen = fw.look()
		return fw
	}
	fw.w = w
	for _, d := range fw.dirs {
		if err := w.Add(d); err != nil {
			if d == testsDir(cfg) && errors.Is(err, fs.ErrNotExist) {
				continue // a folder without tests: the re-check sees them come
			}
			log.Warn("folder not watched: edits are seen within the re-check interval", "dir", d, "every", fw.every, "err", err)
			continue
		}
		log.Info("watching for edits", "dir", d, "recheck_every", fw.every)
	}
	fw.seen = fw.look() // once armed: an edit from now on is an event
	return fw
}

// testsDir is the flows folder's tests folder, watched with it: its
// tests decide a reload (failingTests), so a test fixed after a refused
// reload is a change too. Before, only the flows folder itself was
// watched, and a lead who fixed the test a refusal named saw nothing
// happen: the edit never shipped until another one or a SIGHUP
// (review25b).
func testsDir(cfg config.Config) string {
	if cfg.FlowsDir == "" {
		return ""
	}
	return filepath.Join(cfg.FlowsDir, "tests")
}

// look describes what the folders hold: each file that may be part of the
// flows, texts or prompts, with its size and modification time.
func (fw *folderWatch) look() string {
	var b strings.Builder
	for _, d := range fw.dirs {
		entries, err := os.ReadDir(d)
		if err != nil {
			fmt.Fprintf(&b, "%s: %v\n", d, err)
			continue
		}
		for _, e := range entries {
			if !relevantName(e.Name()) {
				continue
			}
			fmt.Fprintf(&b, "%s/%s", d, e.Name())
			// Stat, not the entry's Lstat: a flow file may be a link to
			// a file elsewhere, whose edits change only the target.
			if info, err := os.Stat(filepath.Join(d, e.Name())); err == nil {
				fmt.Fprintf(&b, " %d %d", info.Size(), info.ModTime().UnixNano())
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// watchAgain watches whichever folders are at the paths now, in case
// another folder took a watched one's place (a release switch, a folder
// moved in). Each path's watch is removed before it is added again:
// fsnotify keeps one watch per path, and asked to watch a path that now
// leads to another folder it forgets the watch it had there without
// removing the kernel's, which then lives as long as that folder does.
// Reading the link first to compare would not do: a switch may land
// between the read and the watch. An edit made in between is not lost:
// every caller looks at the folders after (look).
func (fw *folderWatch) watchAgain() {
	if fw.w == nil {
		return
	}
	for _, d := range fw.dirs {
		_ = fw.w.Remove(d) // an error says it was not watched
		if err := fw.w.Add(d); err != nil {
			fw.log.Debug("folder not watched", "dir", d, "err", err)
		}
	}
}

// isFolder reports whether name is one of the watched folders themselves:
// an event of the folder's own (moved away, removed) means that another
// folder may take its place, as a deploy's `mv flows flows.old && mv
// flows.new flows` does.
func (fw *folderWatch) isFolder(name string) bool {
	for _, d := range fw.dirs {
		if filepath.Clean(d) == filepath.Clean(name) {
			return true
		}
	}
	return false
}

// recheck watches the folders again (see watchAgain) and reports whether
// they changed since the last look.
func (fw *folderWatch) recheck() bool {
	fw.watchAgain()
	now := fw.look()
	if now == fw.seen {
		return false
	}
	fw.seen = now
	return true
}

// ignoreHangups logs and ignores SIGHUP once done is closed (the reload
// loop ended), until Close.
func (fw *folderWatch) ignoreHangups(done <-chan struct{}) {
	<-done
	for range fw.hup {
		fw.log.Warn("SIGHUP while shutting down: ignored, no reload")
	}
}

// Close stops watching and catching SIGHUP; it may be called more than
// once.
func (fw *folderWatch) Close() {
	if fw == nil {
		return
	}
	fw.closed.Do(func() {
		signal.Stop(fw.hup) // no more sends once it returns
		close(fw.hup)
		if fw.w != nil {
			_ = fw.w.Close()
		}
	})
}

// watchReloads reloads on SIGHUP, and when files change in the folders fw
// watches, until ctx ends. It does not close fw: the caller does.
func (a *app) watchReloads(ctx context.Context, fw *folderWatch) {
	var hup <-chan os.Signal
	var events <-chan fsnotify.Event
	var errs <-chan error
	var recheck <-chan time.Time
	if fw != nil {
		hup = fw.hup
	}
	if fw != nil && fw.w != nil {
		events, errs = fw.w.Events, fw.w.Errors
	}
	if fw != nil && len(fw.dirs) > 0 {
		t := time.NewTicker(fw.every)
		defer t.Stop()
		recheck = t.C
	}

	// The archive keeps a version for twice the session TTL after its last
	// publication: publish again while this replica runs it.
	republish := time.NewTicker(max(a.cfg.Session.TTL/2, time.Minute))
	defer republish.Stop()

	var quiet <-chan time.Time // fires once the folder has been quiet for reloadDebounce
	// armed is the look of the re-check that saw a change, "" when an
	// event did: no event will say when a change seen only by a look
	// (a folder without events, a copy into it) ends.
	var armed string
	var timer *time.Timer
	changed := func() {
		if timer == nil {
			timer = time.NewTimer(reloadDebounce)
		} else {
			timer.Reset(reloadDebounce)
		}
		quiet = timer.C
	}
	for {
		select {
		case <-republish.C:
			if err := a.engine.Publish(ctx); err != nil {
				a.log.Warn("flows not shared with other replicas", "err", err)
			}
		case <-ctx.Done():
			if timer != nil {
				timer.Stop()
			}
			return
		case _, ok := <-hup:
			if !ok { // closed: fw.Close came first
				hup = nil
				continue
			}
			a.reload(ctx, "sighup")
		case ev := <-events:
			if relevant(ev) || fw.isFolder(ev.Name) {
				armed = ""
				changed()
			}
		case <-recheck:
			if fw.recheck() {
				armed = fw.seen
				changed()
			}
		case <-quiet:
			quiet = nil
			// A folder moved in place of a watched one is watched from
			// now on (two system calls per folder).
			fw.watchAgain()
			now := fw.look() // before the load: a later edit is a change
			if armed != "" && now != armed {
				// Still changing since the re-check saw it: wait until
				// it stays quiet, rather than load a half-copied set.
				armed, fw.seen = now, now
				changed()
				continue
			}
			armed, fw.seen = "", now
			a.reload(ctx, "files changed")
		case err := <-errs:
			a.log.Warn("watching the flows folder", "err", err)
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// The kernel dropped events: one of them may have been
				// an edit. Reload as if it had been.
				changed()
			}
		}
	}
}

// relevant reports whether a change in a watched folder may change the
// flows, texts or prompts: editors' swap and backup files do not.
func relevant(ev fsnotify.Event) bool {
	return ev.Op != fsnotify.Chmod && relevantName(filepath.Base(ev.Name))
}

// relevantName reports whether a file of that name in a watched folder
// may be part of the flows, texts or prompts.
func relevantName(name string) bool {
	if strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") {
		return false
	}
	// Kubernetes swaps a mounted ConfigMap through a "..data" link.
	if strings.HasPrefix(name, "..") {
		return true
	}
	if strings.HasPrefix(name, ".") {
		// The flows and prompts loaders skip dotfiles (an editor's
		// temporary file, Emacs's ".#x.yaml" lock).
		return false
	}
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml") || strings.HasSuffix(name, ".tmpl")
}
