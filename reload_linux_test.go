package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot/bottest/wait"
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
