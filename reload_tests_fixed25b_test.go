package main

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot/bottest/wait"
)

// TestTestsFixedAfterARefusedReload25b: a reload refused because the
// folder's tests fail (fix25) is taken once the lead fixes the tests. The
// lead rewords "Shall I send your refund request now?" in
// cancel_refund.yaml: refused, the log says tests/cancel_refund.yaml
// quotes the old words. The lead updates tests/cancel_refund.yaml to the
// new words. Before, the tests folder was not watched (neither its
// events nor the re-check): nothing happened, and the reworded question
// never shipped until some other edit or a SIGHUP. Now a change in tests/
// reloads, and the set whose tests now pass runs.
func TestTestsFixedAfterARefusedReload25b(t *testing.T) {
	t.Parallel()
	const from, to = "Shall I send your refund request now?", "Shall I pass your refund request on now?"
	a, fw, dir := startApp(t)
	a.cfg.ReloadSkipTests = false
	fw.every = time.Hour // only events reload within the test
	failed := func() string {
		rec := httptest.NewRecorder()
		a.registry.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		m := regexp.MustCompile(`carebot_flows_reloads_total\{result="failed"\} (\d+)`).FindStringSubmatch(rec.Body.String())
		if m == nil {
			t.Fatal("no carebot_flows_reloads_total in the metrics")
		}
		return m[1]
	}
	v1 := a.engine.Version()
	runReloads(t, a, fw)
	editFile(t, dir, "cancel_refund.yaml", from, to)
	v2 := mustVersion(t, dir)
	wait.Until(t, "the reload refused", func() bool { return failed() == "1" })
	if got := a.engine.Version(); got != v1 {
		t.Fatalf("a reload whose tests fail took the folder: %s, want %s", got, v1)
	}
	tests := filepath.Join(dir, "tests", "cancel_refund.yaml")
	b, err := os.ReadFile(tests)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tests, []byte(strings.ReplaceAll(string(b), from, to)), 0o644); err != nil {
		t.Fatal(err)
	}
	wait.Until(t, "the app runs "+v2+" once its tests are fixed", func() bool { return a.engine.Version() == v2 })
}
