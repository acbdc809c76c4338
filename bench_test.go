package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/loadtest"
)

func TestBenchMemoryJSON(t *testing.T) {
	t.Parallel()
	out, _, err := runMain(t, nil, "", "bench", "--people", "3", "--duration", "0", "--json")
	if err != nil {
		t.Fatalf("bench: %v", err)
	}
	var got loadtest.Output
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("bench --json printed %q: %v", out, err)
	}
	if got.Store != "memory" || got.People != 3 || got.Finished != 3 || got.Turns != 3*got.ScriptLen || got.P99 <= 0 {
		t.Errorf("report %+v, want 3 finished conversations in memory", got.Report)
	}
	if len(got.Targets) != 1 || got.Targets[0].Name != "turns_per_sec" || got.Targets[0].Verdict == "" {
		t.Errorf("targets %+v, want the in-memory throughput target", got.Targets)
	}
}

func TestBenchRedisText(t *testing.T) {
	t.Parallel()
	env := map[string]string{"REDIS_URL": redistest.Start(t)}
	out, _, err := runMain(t, env, "", "bench", "--people", "3", "--duration", "0")
	if err != nil {
		t.Fatalf("bench: %v\n%s", err, out)
	}
	for _, want := range []string{
		"3 people in flight", "sessions in redis", "3 finished of 3",
		"round trips/turn", "redis cmds/turn", "target <= 1.2", "bytes/session", "p99 per turn", "PASS",
		"INFO commandstats also counts the commands a Lua script runs",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("bench output lacks %q:\n%s", want, out)
		}
	}
}

func TestBenchRedisJSON(t *testing.T) {
	t.Parallel()
	env := map[string]string{"REDIS_URL": redistest.Start(t)}
	out, _, err := runMain(t, env, "", "bench", "--people", "2", "--rounds", "100", "--duration", "0", "--json")
	if err != nil {
		t.Fatalf("bench: %v\n%s", err, out)
	}
	var got loadtest.Output
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("bench --json printed %q: %v", out, err)
	}
	// One round trip per warm turn, two for a conversation's first, plus
	// the few commands that set up a connection and load the script; INFO
	// commandstats counts the script's own commands too.
	if r := got.RoundTripsPerTurn; r < 1 || r > 1.3 || got.CommandsSent == 0 {
		t.Errorf("round trips per turn %.3f (%d sent for %d turns), want 1 and a little more",
			r, got.CommandsSent, got.Turns)
	}
	if got.CommandsPerTurn <= got.RoundTripsPerTurn {
		t.Errorf("INFO commands per turn %.2f, want more than the %.2f round trips", got.CommandsPerTurn, got.RoundTripsPerTurn)
	}
	verdicts := map[string]string{}
	for _, tg := range got.Targets {
		verdicts[tg.Name] = tg.Verdict
	}
	if verdicts["round_trips_per_turn"] != "PASS" {
		t.Errorf("targets %+v, want round_trips_per_turn to PASS", got.Targets)
	}
}

func TestBenchFails(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	script := filepath.Join(dir, "lost.txt")
	if err := os.WriteFile(script, []byte("# expect: words the bot never says\nhello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"expect_not_met", []string{"--script", script}, `error: lost.txt: the last reply does not contain "words the bot never says"`},
		{"no_script", []string{"--script", filepath.Join(dir, "missing.txt")}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, _, err := runMain(t, nil, "", append([]string{"bench", "--people", "2", "--duration", "0"}, tt.args...)...)
			if err == nil {
				t.Fatalf("bench succeeded, want an error; output:\n%s", out)
			}
			if tt.want != "" && (!errors.Is(err, loadtest.ErrFailed) || !strings.Contains(out, tt.want)) {
				t.Errorf("bench error %v, output:\n%s\nwant ErrFailed and %q", err, out, tt.want)
			}
		})
	}
}
