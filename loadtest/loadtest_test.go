package loadtest_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/memstore"
	"github.com/carebot/carebot/loadtest"
)

// checkReport checks what every successful run's report must say.
func checkReport(t *testing.T, rep loadtest.Report, people, rounds int) {
	t.Helper()
	wantConv := people * rounds
	if rep.People != people || rep.Conversations != wantConv || rep.Finished != wantConv {
		t.Errorf("people %d, conversations %d, finished %d; want %d, %d, %d",
			rep.People, rep.Conversations, rep.Finished, people, wantConv, wantConv)
	}
	if want := wantConv * rep.ScriptLen; rep.Turns != want || rep.TurnErrors != 0 {
		t.Errorf("turns %d with %d errors, want %d without errors", rep.Turns, rep.TurnErrors, want)
	}
	if len(rep.Errors) != 0 {
		t.Errorf("errors: %q", rep.Errors)
	}
	if rep.Wall <= 0 || rep.TurnsPerSec <= 0 {
		t.Errorf("wall %v, turns/s %v; want both > 0", rep.Wall, rep.TurnsPerSec)
	}
	if !(0 < rep.P50 && rep.P50 <= rep.P99 && rep.P99 <= rep.Max) {
		t.Errorf("p50 %v, p99 %v, max %v; want 0 < p50 <= p99 <= max", rep.P50, rep.P99, rep.Max)
	}
	if rep.Max > rep.Wall {
		t.Errorf("max turn %v is longer than the whole run %v", rep.Max, rep.Wall)
	}
	// The default script leaves ten turns of history (capped at 10).
	if rep.Sessions == 0 || rep.HistoryTurns != 10 {
		t.Errorf("sampled %d sessions with %.1f turns of history, want some with 10", rep.Sessions, rep.HistoryTurns)
	}
}

func TestRunMemory(t *testing.T) {
	t.Parallel()
	store := memstore.New(memstore.Config{})
	stats := &countingStore{Store: store}
	const people, rounds = 20, 3
	rep, err := loadtest.Run(t.Context(), loadtest.Config{
		Flows:     bottest.MustFlows(t),
		Store:     stats,
		StoreName: "memory",
		Stats:     stats,
		Script:    defaultScript(t),
		People:    people,
		Rounds:    rounds,
	})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	checkReport(t, rep, people, rounds)
	if rep.Store != "memory" || rep.Script != "order_problem.txt" || rep.ScriptLen != 6 {
		t.Errorf("store %q, script %q with %d turns", rep.Store, rep.Script, rep.ScriptLen)
	}
	// One Update per turn is one "update" command; the bench's own INFO
	// calls are left out, and so are the reads of the sample, made after.
	if rep.CommandsPerTurn != 1 || rep.Commands["update"] != int64(rep.Turns) || rep.Commands["info"] != 0 {
		t.Errorf("commands per turn %v, commands %v; want 1 update per turn, no info", rep.CommandsPerTurn, rep.Commands)
	}
	// The client-side count leaves out the reads of the sample too.
	if rep.RoundTripsPerTurn != 1 || rep.CommandsSent != int64(rep.Turns) {
		t.Errorf("round trips per turn %v (%d sent), want 1 per turn", rep.RoundTripsPerTurn, rep.CommandsSent)
	}
	// The backend's CPU is read before and after the run: 3 ms apart.
	if want := 3 * time.Millisecond / time.Duration(rep.Turns); rep.ServerCPUPerTurn != want || stats.cpuReads.Load() != 2 {
		t.Errorf("server cpu per turn %v (%d reads), want %v (3 ms over %d turns, 2 reads)", rep.ServerCPUPerTurn, stats.cpuReads.Load(), want, rep.Turns)
	}
	var out strings.Builder
	loadtest.Print(&out, rep, nil)
	if f := reportRow(out.String(), "memory cpu/turn"); len(f) < 2 || f[0] != rep.ServerCPUPerTurn.Round(100*time.Nanosecond).String() || f[1] != "(the" {
		t.Errorf("report:\n%s\nwant a line \"memory cpu/turn %v (the memory server…\"", out.String(), rep.ServerCPUPerTurn)
	}
	if rep.BytesPerSession != 100 || rep.MaxSessionBytes != 100 {
		t.Errorf("bytes per session %v (max %d), want the fake's 100", rep.BytesPerSession, rep.MaxSessionBytes)
	}
	if n := store.Len(); n != 0 {
		t.Errorf("the store holds %d entries after the run, want the bench's sessions deleted", n)
	}
}

// TestRunDuration runs in a synctest bubble: time moves only while people
// think (1 ms a message, at most 1.5 ms), so a conversation takes the same
// few milliseconds of the bubble's clock however busy the machine is.
func TestRunDuration(t *testing.T) {
	t.Parallel()
	set, script := bottest.MustFlows(t), defaultScript(t)
	synctest.Test(t, func(t *testing.T) {
		store := memstore.New(memstore.Config{})
		const people, duration = 2, 200 * time.Millisecond
		rep, err := loadtest.Run(t.Context(), loadtest.Config{
			Flows:    set,
			Store:    store,
			Script:   script,
			People:   people,
			Duration: duration,
			Think:    time.Millisecond,
			Keep:     true,
		})
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
		if rep.Conversations <= people || rep.Finished != rep.Conversations {
			t.Errorf("%d conversations, %d finished; want more than one per person, all finished", rep.Conversations, rep.Finished)
		}
		if rep.Wall < duration {
			t.Errorf("wall %v, want at least the duration", rep.Wall)
		}
		if n := store.Len(); n != rep.Conversations {
			t.Errorf("the store holds %d sessions, want the %d kept", n, rep.Conversations)
		}
	})
}

// TestRunThink checks that people pause before each message and that the
// pauses are not counted as the bot's latency.
// It runs in a synctest bubble: the pauses move the bubble's clock, the
// turns (no I/O) do not, so the figures hold on however busy a machine.
func TestRunThink(t *testing.T) {
	t.Parallel()
	set, script := bottest.MustFlows(t), defaultScript(t)
	synctest.Test(t, func(t *testing.T) {
		const think = 20 * time.Millisecond
		rep, err := loadtest.Run(t.Context(), loadtest.Config{
			Flows:  set,
			Store:  memstore.New(memstore.Config{}),
			Script: script,
			People: 5,
			Think:  think,
		})
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
		if min := time.Duration(rep.ScriptLen) * think / 2; rep.Wall < min {
			t.Errorf("wall %v, want at least %v of pauses", rep.Wall, min)
		}
		if rep.P50 >= think/2 || rep.Think != think {
			t.Errorf("p50 %v with think %v (reported %v); want turns timed without the pauses", rep.P50, think, rep.Think)
		}
	})
}

func TestRunFails(t *testing.T) {
	t.Parallel()
	script := func(in string) loadtest.Script {
		s, err := loadtest.ParseScript("s", strings.NewReader(in))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	tests := []struct {
		name       string
		store      bot.Store
		script     loadtest.Script
		wantErrors int
		wantMsg    string
	}{
		{
			name:       "store_errors",
			store:      failingStore{},
			script:     defaultScript(t),
			wantErrors: 5,
			wantMsg:    "store unavailable",
		},
		{
			name:    "expect_not_met",
			store:   memstore.New(memstore.Config{}),
			script:  script("# expect: no bot says this\nhello\n"),
			wantMsg: `does not contain "no bot says this"`,
		},
		{
			name:    "no_such_button",
			store:   memstore.New(memstore.Config{}),
			script:  script("/start\n[9]\n"),
			wantMsg: "s:2: [9]: the latest reply has 6 button(s)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rep, err := loadtest.Run(t.Context(), loadtest.Config{
				Flows:  bottest.MustFlows(t),
				Store:  tt.store,
				Script: tt.script,
				People: 5,
				Rounds: 2,
			})
			if !errors.Is(err, loadtest.ErrFailed) {
				t.Fatalf("Run error = %v, want ErrFailed", err)
			}
			// A person stops at its first failed conversation.
			if rep.Conversations != 5 || rep.Finished != 0 || rep.TurnErrors != tt.wantErrors {
				t.Errorf("conversations %d, finished %d, turn errors %d; want 5, 0, %d",
					rep.Conversations, rep.Finished, rep.TurnErrors, tt.wantErrors)
			}
			if len(rep.Errors) == 0 || !strings.Contains(rep.Errors[0], tt.wantMsg) {
				t.Errorf("errors %q, want the first to contain %q", rep.Errors, tt.wantMsg)
			}
		})
	}
}

func TestRunCancelled(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := loadtest.Run(ctx, loadtest.Config{
		Flows:  bottest.MustFlows(t),
		Store:  memstore.New(memstore.Config{}),
		Script: defaultScript(t),
		People: 3,
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run error = %v, want context.Canceled", err)
	}
}

func TestRunConfig(t *testing.T) {
	t.Parallel()
	store := memstore.New(memstore.Config{})
	tests := []struct {
		name string
		cfg  loadtest.Config
		want string
	}{
		{"no_flows", loadtest.Config{Store: store, Script: defaultScript(t)}, "no flows"},
		{"no_store", loadtest.Config{Flows: bottest.MustFlows(t), Script: defaultScript(t)}, "no store"},
		{"no_script", loadtest.Config{Flows: bottest.MustFlows(t), Store: store}, "empty script"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := loadtest.Run(t.Context(), tt.cfg); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Run error = %v, want %q", err, tt.want)
			}
		})
	}
}

// countingStore counts Updates as a backend counts commands, and plays
// loadtest.Stats with INFO calls that Run must leave out, and
// loadtest.SentCounter with every Update one command sent.
type countingStore struct {
	*memstore.Store
	updates  atomic.Int64
	infos    atomic.Int64
	cpuReads atomic.Int64
}

func (s *countingStore) Update(ctx context.Context, a bot.Address, fn func(*bot.Session) error) error {
	s.updates.Add(1)
	return s.Store.Update(ctx, a, fn)
}

func (s *countingStore) CommandStats(context.Context) (map[string]int64, error) {
	return map[string]int64{"cmdstat_update": s.updates.Load(), "cmdstat_info": s.infos.Add(1)}, nil
}

func (s *countingStore) CommandsSent() int64 { return s.updates.Load() }

// ServerCPU plays loadtest.ServerCPUCounter: each call finds the backend
// 3 ms busier.
func (s *countingStore) ServerCPU(context.Context) (time.Duration, error) {
	return time.Duration(s.cpuReads.Add(1)) * 3 * time.Millisecond, nil
}

func (s *countingStore) MemoryUsage(context.Context, bot.Address) (int64, error) { return 100, nil }

// failingStore is a store whose backend is gone.
type failingStore struct{}

func (failingStore) Update(context.Context, bot.Address, func(*bot.Session) error) error {
	return bot.ErrUnavailable
}
func (failingStore) Delete(context.Context, bot.Address) error { return bot.ErrUnavailable }
func (failingStore) Ping(context.Context) error                { return bot.ErrUnavailable }

// reportRow returns the fields after name on the report's line that
// starts with name, nil if there is none.
func reportRow(report, name string) []string {
	for line := range strings.Lines(report) {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), name+" "); ok {
			return strings.Fields(rest)
		}
	}
	return nil
}
