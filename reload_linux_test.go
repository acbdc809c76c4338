package main

import (
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/config"
)

// TestEditLostInOverflow: when the kernel's queue of folder events is full,
// it drops the events that follow, an edit's among them, and says only
// that it overflowed. That is a reload too: the edit is not lost.
func TestEditLostInOverflow(t *testing.T) {
	t.Parallel()
	a, fw, dir := startApp(t)
	fw.every = time.Hour // only the overflow can reload within the test
	b, err := os.ReadFile("/proc/sys/fs/inotify/max_queued_events")
	if err != nil {
		t.Fatal(err)
	}
	limit, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	// Nothing reads the events yet: writes to two files that are no flows
	// (alternate, so that the kernel cannot merge them) fill the queue,
	// beyond what fsnotify takes in before it waits for a reader.
	var files [2]*os.File
	for i := range files {
		f, err := os.Create(filepath.Join(dir, "notes"+strconv.Itoa(i)+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		files[i] = f
	}
	for i := range 2*limit + 8192 {
		if _, err := files[i%2].Write([]byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	editFile(t, dir, "order_problem.yaml", "What is your order number?", "Which order is it about?")
	v2 := mustVersion(t, dir)
	if v2 == a.engine.Version() {
		t.Fatal("the edit did not change the version")
	}
	runReloads(t, a, fw)
	wait.Until(t, "the app runs "+v2, func() bool { return a.engine.Version() == v2 })
}

// TestLinkedFolderSwitched: the flows path is a link that a deploy points
// at each new release (`ln -sfn releases/N flows`). Each release is
// reloaded, and the watch follows the link without keeping the kernel's
// watch of every earlier release, which lives as long as that folder
// does. Not parallel: it counts this process's inotify watches.
func TestLinkedFolderSwitched(t *testing.T) {
	root := t.TempDir()
	link := filepath.Join(root, "flows")
	release := func(i int) string {
		d := filepath.Join(root, "release"+strconv.Itoa(i))
		if err := os.CopyFS(d, os.DirFS(bottest.CopyFlows(t))); err != nil {
			t.Fatal(err)
		}
		return d
	}
	point := func(d string) {
		if err := pointLink(link, d); err != nil {
			t.Fatal(err)
		}
	}
	point(release(0))
	a, fw := startAppOn(t, link)
	fw.every = 20 * time.Millisecond
	runReloads(t, a, fw)
	before := inotifyWatches(t)
	for i := 1; i <= 5; i++ {
		d := release(i)
		editFile(t, d, "order_problem.yaml", "What is your order number?", "Which order is it about ("+strconv.Itoa(i)+")?")
		v := mustVersion(t, d)
		point(d)
		wait.Until(t, "the app runs release "+strconv.Itoa(i), func() bool { return a.engine.Version() == v })
	}
	// The release folders all still exist: a watch left on one stays. The
	// watcher drops the old release's watch after it added the new one's
	// (and after the reload): wait for that, not for a moment.
	after := 0
	if !wait.Within(wait.Timeout, nil, func() bool { after = inotifyWatches(t); return after == before }) {
		t.Errorf("inotify watches: %d after 5 releases, %d before; want no more", after, before)
	}
}

// TestLinkSwitchedDuringWatch: a release switch that lands while the
// watcher looks at the folders again, between what it reads of the link
// and the watch it asks for, leaves no watch behind. (fsnotify, asked to
// watch a path it watches already, forgets the watch it had there without
// removing the kernel's when the path now leads to another folder: one
// leaked watch per such switch, for as long as the old release lives.)
// Not parallel: it counts this process's inotify watches.
func TestLinkSwitchedDuringWatch(t *testing.T) {
	root := t.TempDir()
	link := filepath.Join(root, "flows")
	release := func(i int) (string, error) {
		d := filepath.Join(root, "release"+strconv.Itoa(i))
		return d, os.Mkdir(d, 0o755)
	}
	d, err := release(0)
	if err != nil {
		t.Fatal(err)
	}
	if err := pointLink(link, d); err != nil {
		t.Fatal(err)
	}
	before := inotifyWatches(t)
	fw := watchFolders(config.Config{FlowsDir: link}, slog.New(slog.DiscardHandler))
	t.Cleanup(fw.Close)
	if fw.w == nil {
		t.Fatal("no folder events on this machine")
	}
	// A deploy switching to new releases as fast as it can, while the
	// watcher looks again and again. Each release is a new folder: the
	// kernel gives a folder watched again its old watch back, so a leak
	// shows only with folders that were never watched.
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for i := 1; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			d, err := release(i)
			if err == nil {
				err = pointLink(link, d)
			}
			if err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for range 2000 {
		fw.watchAgain()
	}
	close(stop)
	<-done
	fw.watchAgain()
	if got := inotifyWatches(t) - before; got != 1 {
		t.Errorf("inotify watches: %d for one linked folder after releases switched during the watch, want 1", got)
	}
}

// pointLink points link at d as `ln -sfn` does it: a new link renamed
// over the old one.
func pointLink(link, d string) error {
	tmp := link + ".new"
	if err := os.Symlink(d, tmp); err != nil {
		return err
	}
	return os.Rename(tmp, link)
}

// inotifyWatches counts the inotify watches of this process.
func inotifyWatches(t *testing.T) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, fd := range fds {
		if l, err := os.Readlink("/proc/self/fd/" + fd.Name()); err != nil || l != "anon_inode:inotify" {
			continue
		}
		info, err := os.ReadFile("/proc/self/fdinfo/" + fd.Name())
		if err != nil {
			continue // closed meanwhile
		}
		n += strings.Count(string(info), "inotify wd:")
	}
	return n
}
