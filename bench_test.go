package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/loadtest"
)

func TestBenchMemoryJSON(t *testing.T) {
	t.Parallel()
	got := benchJSON(t, nil, "--people", "3", "--duration", "0")
	if got.Store != "memory" || got.People != 3 || got.Finished != 3 || got.Turns != 3*got.ScriptLen || got.P99 <= 0 {
		t.Errorf("report %+v, want 3 finished conversations in memory", got.Report)
	}
	if len(got.Targets) != 1 || got.Targets[0].Name != "turns_per_sec" || got.Targets[0].Verdict == "" {
		t.Errorf("targets %+v, want the in-memory throughput target", got.Targets)
	}
}

// benchJSON runs carebot bench --json with args and returns its report.
func benchJSON(t *testing.T, env map[string]string, args ...string) loadtest.Output {
	t.Helper()
	out, _, err := runMain(t, env, "", append([]string{"bench", "--json"}, args...)...)
	if err != nil {
		t.Fatalf("bench: %v\n%s", err, out)
	}
	var got loadtest.Output
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("bench --json printed %q: %v", out, err)
	}
	return got
}

func TestBenchRedisText(t *testing.T) {
	t.Parallel()
	env := map[string]string{"REDIS_URL": redistest.Start(t)}
	out, _, err := runMain(t, env, "", "bench", "--people", "3", "--duration", "0")
	if err != nil {
		t.Fatalf("bench: %v\n%s", err, out)
	}
	hasAll(t, out, "bench output lacks %q:\n%s", []string{
		"3 people in flight", "sessions in redis", "3 finished of 3",
		"round trips/turn", "commands/turn", "redis cmds/turn", "target <= 1.2 round trips", "bytes/session", "p99 per turn", "PASS",
		"INFO commandstats also counts the commands a Lua script runs",
	}...)
}

func TestBenchRedisJSON(t *testing.T) {
	t.Parallel()
	got := benchJSON(t, map[string]string{"REDIS_URL": redistest.Start(t)}, "--people", "2", "--rounds", "100", "--duration", "0")
	// One command per warm turn, two for a conversation's first, plus the
	// few that set up a connection and load the script; the two people's
	// commands may share round trips, so there are at most as many round
	// trips; INFO commandstats counts the script's own commands too.
	if c := got.CommandsSentPerTurn; c < 1 || c > 1.3 || got.CommandsSent == 0 {
		t.Errorf("commands sent per turn %.3f (%d sent for %d turns), want 1 and a little more",
			c, got.CommandsSent, got.Turns)
	}
	if r := got.RoundTripsPerTurn; r <= 0 || got.RoundTrips > got.CommandsSent {
		t.Errorf("round trips per turn %.3f (%d for %d commands sent), want some, at most one a command",
			r, got.RoundTrips, got.CommandsSent)
	}
	if got.CommandsPerTurn <= got.CommandsSentPerTurn {
		t.Errorf("INFO commands per turn %.2f, want more than the %.2f commands sent", got.CommandsPerTurn, got.CommandsSentPerTurn)
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

// TestBenchRate: the open loop and delivery flags, and what the report
// says of them, on memory and on a real redis-server.
func TestBenchRate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		redis  bool
		args   []string
		want   []string
		absent []string
	}{
		{
			name: "memory_open_loop",
			args: []string{"--people", "10", "--rate", "2000", "--duration", "150ms", "--warmup", "0"},
			want: []string{
				"open loop, 2,000 turns/s offered over 10 people, replies through the outbox",
				"300 in ", "p50 per turn", "(from its scheduled time)", "p99.9 per turn", "late start p99",
				"p50 delivery", "p99 delivery", "p99.9 delivery", "max delivery", "delivered, for 300 turns",
				">= 100,000 closed loop, no delivery  n/a",
			},
			absent: []string{"warm-up"},
		},
		{
			name: "memory_open_loop_warmup",
			args: []string{"--people", "10", "--rate", "2000", "--duration", "150ms", "--warmup", "50ms"},
			want: []string{
				"400 in ", "warm-up           the first 50ms: 100 turns, p50 ", "warm-up delivery  p50 ",
				"(left out of the latencies below; every other figure covers the whole run)",
				"p99 per turn", "delivered, for 300 turns",
			},
		},
		{
			name:   "memory_open_loop_no_delivery",
			args:   []string{"--people", "10", "--rate", "2000", "--duration", "150ms", "--deliver=false"},
			want:   []string{"open loop, 2,000 turns/s offered over 10 people, script", "late start p99", "the first 200ms: 400 turns, p50 "},
			absent: []string{"outbox", "p50 delivery", "warm-up delivery"},
		},
		{
			name:   "memory_closed_loop_delivery",
			args:   []string{"--people", "3", "--duration", "0", "--deliver"},
			want:   []string{"3 people in flight, replies through the outbox", "3 finished of 3", "p99 delivery"},
			absent: []string{"late start", "scheduled", "warm-up"},
		},
		{
			name:  "redis_open_loop",
			redis: true,
			args:  []string{"--people", "10", "--rate", "2000", "--duration", "150ms", "--warmup", "20ms"},
			want: []string{
				"sessions in redis", "warm-up           the first 20ms: 40 turns", "p99 per turn", "target <= 2ms open loop at 10,000 turns/s  n/a",
				"p99 delivery", "(commands carebot sent; delivery marks included)", "(network round trips: a batch of commands is one; delivery marks included)",
				"with the last turn's replies undelivered", "bytes/session",
				"target >= 45,000 with 50 people, closed loop  n/a",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var env map[string]string
			if tt.redis {
				env = map[string]string{"REDIS_URL": redistest.Start(t)}
			}
			out, _, err := runMain(t, env, "", append([]string{"bench"}, tt.args...)...)
			if err != nil {
				t.Fatalf("bench: %v\n%s", err, out)
			}
			hasAll(t, out, "bench output lacks %q:\n%s", tt.want...)
			hasNone(t, out, "bench output has %q:\n%s", tt.absent...)
		})
	}
}

// TestBenchRateJSON: the open loop's figures in JSON, for scripts that
// compare runs, the default warm-up's apart.
func TestBenchRateJSON(t *testing.T) {
	t.Parallel()
	got := benchJSON(t, nil, "--people", "10", "--rate", "2000", "--duration", "150ms")
	if got.Rate != 2000 || !got.Deliver || got.Turns != 700 || got.StartLag == nil || got.Delivery == nil {
		t.Fatalf("report %+v, want 700 turns offered at 2000/s (200 ms of warm-up, then 150 ms), delivered", got.Report)
	}
	if w := got.Warmup; w == nil || w.Duration != 200*time.Millisecond || w.Turns.Count != 400 || w.StartLag.Count != 400 ||
		w.Delivery == nil || w.Delivery.Count == 0 || got.StartLag.Count != 300 {
		t.Errorf("warm-up %+v, late start %+v; want 400 turns in the 200 ms warm-up, timed apart from the 300 after", w, got.StartLag)
	}
	if got.Delivery.Count == 0 || got.Delivery.P99 < got.Delivery.P50 || got.P999 < got.P99 || got.Replies == 0 {
		t.Errorf("delivery %+v, p99 %v, p99.9 %v, %d replies; want them measured, in order", *got.Delivery, got.P99, got.P999, got.Replies)
	}
}

func TestBenchRateFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no_duration", []string{"--rate", "100", "--duration", "0"}, "an open loop needs a rate > 0 and a duration"},
		{"negative", []string{"--rate", "-5"}, "an open loop needs a rate > 0 and a duration"},
		{"not_a_number", []string{"--rate", "fast"}, `invalid argument "fast" for "--rate"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out, errOut, err := runMain(t, nil, "", append([]string{"bench"}, tt.args...)...)
			if err == nil || !strings.Contains(err.Error()+errOut, tt.want) {
				t.Errorf("bench %v: error %v, stderr %q; want %q\n%s", tt.args, err, errOut, tt.want, out)
			}
		})
	}
}

// TestBenchProfiles: --cpuprofile, --memprofile and --trace each write
// their file, which go tool pprof or go tool trace reads.
func TestBenchProfiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := map[string]string{"--cpuprofile": "cpu.prof", "--memprofile": "mem.prof", "--trace": "run.trace"}
	args := []string{"bench", "--people", "5", "--rate", "1000", "--duration", "50ms", "--warmup", "10ms"}
	for flag, name := range files {
		args = append(args, flag, filepath.Join(dir, name))
	}
	if out, _, err := runMain(t, nil, "", args...); err != nil {
		t.Fatalf("bench: %v\n%s", err, out)
	}
	for flag, name := range files {
		if fi, err := os.Stat(filepath.Join(dir, name)); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v, %v; want a file written", flag, fi, err)
		}
	}
}
