package main

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/carebot/carebot/bot/flow"
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

// folderWatch watches the flows and prompts folders on disk for edits.
//
// serve arms it before it loads the flows (watchFolders, then newApp):
// an edit made while carebot starts (Redis, the understanding model, the
// channels take a second or more) then arrives as an event once
// watchReloads runs. Armed after the load, as it once was, such an edit
// was never seen, and the replica ran the old flows until the next edit.
// An edit made between arming and loading costs one reload that finds
// the version already running.
type folderWatch struct {
	w *fsnotify.Watcher // nil when no folder is watched
}

// watchFolders starts watching the flows and prompts folders that are on
// disk (the built-in ones are in the binary). When it cannot, it says so
// and reloads come with SIGHUP only.
func watchFolders(cfg config.Config, log *slog.Logger) *folderWatch {
	fw := &folderWatch{}
	if cfg.FlowsDir == "" && cfg.PromptsDir == "" {
		return fw
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		log.Warn("flows folder not watched: reload with SIGHUP", "err", err)
		return fw
	}
	for _, d := range []string{cfg.FlowsDir, cfg.PromptsDir} {
		if d == "" {
			continue
		}
		if err := w.Add(d); err != nil {
			log.Warn("folder not watched: reload with SIGHUP", "dir", d, "err", err)
			continue
		}
		log.Info("watching for edits", "dir", d)
	}
	fw.w = w
	return fw
}

// Close stops watching; it may be called more than once.
func (fw *folderWatch) Close() {
	if fw != nil && fw.w != nil {
		_ = fw.w.Close()
	}
}

// watchReloads reloads on SIGHUP, and when files change in the folders fw
// watches, until ctx ends; then it closes fw.
func (a *app) watchReloads(ctx context.Context, fw *folderWatch) {
	defer fw.Close()
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)

	var events <-chan fsnotify.Event
	var errs <-chan error
	if fw != nil && fw.w != nil {
		events, errs = fw.w.Events, fw.w.Errors
	}

	// The archive keeps a version for twice the session TTL after its last
	// publication: publish again while this replica runs it.
	republish := time.NewTicker(max(a.cfg.Session.TTL/2, time.Minute))
	defer republish.Stop()

	var quiet <-chan time.Time // fires once the folder has been quiet for reloadDebounce
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
		case <-hup:
			a.reload(ctx, "sighup")
		case ev := <-events:
			if relevant(ev) {
				changed()
			}
		case <-quiet:
			quiet = nil
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
	if ev.Op == fsnotify.Chmod {
		return false
	}
	name := filepath.Base(ev.Name)
	if strings.HasSuffix(name, "~") || strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") {
		return false
	}
	// Kubernetes swaps a mounted ConfigMap through a "..data" link.
	return strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml") || strings.HasSuffix(name, ".tmpl") || strings.HasPrefix(name, "..")
}
