package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a bytes.Buffer safe for a logger and a test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestReloadRefusesFailingTests25: a live reload of a flows folder whose
// own conversation tests (tests/*.yaml) fail is refused: the running
// flows stay, and the log says, at warn, which test fails and why. Before,
// an edit that broke the folder's tests (here the refund question
// reworded, which two tests quote) was shipped as any valid edit. An edit
// whose tests pass is taken, and reload_skip_tests: true takes it anyway.
func TestReloadRefusesFailingTests25(t *testing.T) {
	t.Parallel()
	const from, to = `en: "Shall I send your refund request now?"`, `en: "Shall I pass your refund request on now?"`
	for _, tc := range []struct {
		name       string
		edit       bool // reword the question the tests quote
		skip, want bool // reload_skip_tests; whether the reload takes the folder
	}{
		{"failing_tests_refused", true, false, false},
		{"passing_tests_taken", false, false, true},
		{"opted_out", true, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, _, dir := startApp(t)
			var logs syncBuffer
			a.log = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
			a.cfg.ReloadSkipTests = tc.skip
			v1 := a.engine.Version()
			path := filepath.Join(dir, "cancel_refund.yaml")
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			edited := string(b) + "\n# an edit\n"
			if tc.edit {
				edited = strings.Replace(string(b), from, to, 1)
				if edited == string(b) {
					t.Fatalf("cancel_refund.yaml has no %s: update this test", from)
				}
			}
			if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
				t.Fatal(err)
			}
			if got := a.reload(context.Background(), "test"); got != tc.want {
				t.Fatalf("reload took the folder: %v, want %v; log:\n%s", got, tc.want, logs.String())
			}
			if changed := a.engine.Version() != v1; changed != tc.want {
				t.Errorf("the running version changed: %v, want %v", changed, tc.want)
			}
			if tc.want {
				return
			}
			log := logs.String()
			for _, w := range []string{"level=WARN", "a conversation test fails", "tests/cancel_refund.yaml:", "at send the refund", "expected the bot to say"} {
				if !strings.Contains(log, w) {
					t.Errorf("the log lacks %q:\n%s", w, log)
				}
			}
		})
	}
}
