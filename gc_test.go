package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

// TestCollectorDefaults: serve and bench run the collector at carebot's
// pacing (GOGC 400), which the bench reports, unless the operator set
// GOGC. Not parallel: the collector's pacing is the process's.
func TestCollectorDefaults(t *testing.T) {
	orig := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(orig) })

	t.Run("bench", func(t *testing.T) {
		debug.SetGCPercent(100)
		got := benchJSON(t, nil, "--people", "2", "--duration", "0")
		if got.GOGC != defaultGCPercent || got.GOMemLimit != 0 {
			t.Errorf("bench ran with GOGC %d, GOMEMLIMIT %d; want %d and none", got.GOGC, got.GOMemLimit, defaultGCPercent)
		}
		out, _, err := runMain(t, nil, "", "bench", "--people", "2", "--duration", "0")
		if err != nil || !strings.Contains(out, "GOMAXPROCS") || !strings.Contains(out, ", GOGC 400\n") {
			t.Errorf("bench printed (err %v):\n%s\nwant its header to say GOGC 400", err, out)
		}
	})
	t.Run("serve", func(t *testing.T) {
		debug.SetGCPercent(100)
		// A configuration serve refuses: the pacing is set first.
		_, _, err := runMain(t, map[string]string{"CAREBOT_HTTP_ADDR": "127.0.0.1:0", "OPENAI_TIMEOUT": "soon"}, "", "serve")
		if err == nil {
			t.Fatal("serve started with OPENAI_TIMEOUT=soon")
		}
		if got := debug.SetGCPercent(100); got != defaultGCPercent {
			t.Errorf("serve ran the collector at GOGC %d, want %d", got, defaultGCPercent)
		}
	})
	t.Run("operator's", func(t *testing.T) {
		// The runtime read the operator's GOGC=150 at start.
		debug.SetGCPercent(150)
		got := benchJSON(t, map[string]string{"GOGC": "150"}, "--people", "2", "--duration", "0")
		if got.GOGC != 150 {
			t.Errorf("bench with GOGC=150 ran with GOGC %d", got.GOGC)
		}
		_, _, _ = runMain(t, map[string]string{"GOGC": "150", "OPENAI_TIMEOUT": "soon"}, "", "serve")
		if got := debug.SetGCPercent(150); got != 150 {
			t.Errorf("serve with GOGC=150 ran the collector at %d", got)
		}
	})
}
