package loadtest

// The load run's report: its figures against the targets of the reference
// machine, as a table or JSON (`carebot bench`).

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// Targets of the load run (`carebot bench`) on the reference 2-core machine. Missing one
// does not fail the run: an operator sizing other hardware reads the figures.
const (
	targetMemoryTurnsPerSec = 100_000
	targetRedisTurnsPerSec  = 45_000
	targetRedisPeople       = 50 // the Redis throughput target holds with this many people in flight
	targetRoundTripsPerTurn = 1.2
	targetBytesPerSession   = 2048
	targetP99               = 2 * time.Millisecond
	targetP99Rate           = 10_000 // the p99 target holds in an open loop at this rate
)

// Target is one figure of a Report against its target. Verdict is "PASS", "MISS",
// or "n/a" when the run does not measure what the target is about.
type Target struct {
	Name    string  `json:"name"`
	Target  string  `json:"target"`
	Value   float64 `json:"value"`
	Verdict string  `json:"verdict"`
}

// Output is a Report with its targets, as `carebot bench --json` prints it.
type Output struct {
	Report
	Targets []Target `json:"targets"`
}

// Targets are r's figures against the targets of the reference machine.
func Targets(r Report) []Target {
	verdict := func(ok bool) string {
		if ok {
			return "PASS"
		}
		return "MISS"
	}
	if r.Turns == 0 {
		return nil
	}
	closed := r.Rate == 0
	if r.Store == "memory" {
		// The figure of the engine alone, outbox and schedule aside.
		t := Target{Name: "turns_per_sec", Target: ">= " + thousands(targetMemoryTurnsPerSec) + " closed loop, no delivery",
			Value: r.TurnsPerSec, Verdict: "n/a"}
		if closed && !r.Deliver {
			t.Verdict = verdict(r.TurnsPerSec >= targetMemoryTurnsPerSec)
		}
		return []Target{t}
	}
	if r.Store != "redis" {
		return nil
	}
	tps := Target{Name: "turns_per_sec", Target: fmt.Sprintf(">= %s with %d people, closed loop", thousands(targetRedisTurnsPerSec), targetRedisPeople),
		Value: r.TurnsPerSec, Verdict: "n/a"}
	if closed && r.People == targetRedisPeople {
		tps.Verdict = verdict(r.TurnsPerSec >= targetRedisTurnsPerSec)
	}
	p99 := Target{Name: "p99_ms", Target: fmt.Sprintf("<= %v open loop at %s turns/s", targetP99, thousands(targetP99Rate)),
		Value: float64(r.P99) / float64(time.Millisecond), Verdict: "n/a"}
	if r.Rate >= targetP99Rate {
		p99.Verdict = verdict(r.P99 <= targetP99)
	}
	// The round-trip target is about the network round trips carebot makes
	// (a batch of many conversations' commands is one), not the commands it
	// sends nor what INFO commandstats counts (which includes the script's
	// own commands). It is a per-turn cost: the verdict is on the figure as
	// printed, to two decimals, so that what happens once per run (loading
	// the script into a fresh Redis, a connection opened late) does not
	// decide it. With delivery the marks count too.
	trips := Target{Name: "round_trips_per_turn", Target: fmt.Sprintf("<= %g round trips", targetRoundTripsPerTurn),
		Value: r.RoundTripsPerTurn, Verdict: "n/a"}
	if r.CommandsSent > 0 {
		trips.Verdict = verdict(math.Round(r.RoundTripsPerTurn*100) <= targetRoundTripsPerTurn*100)
	}
	ts := []Target{tps, trips, p99}
	if r.Sessions > 0 {
		// The size target is for a session with a full history, and its
		// outbox when the run measured one.
		size, with := r.BytesPerSession, ""
		if r.BytesWithOutbox > 0 {
			size, with = r.BytesWithOutbox, " and its outbox"
		}
		b := Target{Name: "bytes_per_session", Target: fmt.Sprintf("<= %d with 10 turns of history%s", targetBytesPerSession, with),
			Value: size, Verdict: verdict(size <= targetBytesPerSession)}
		if r.HistoryTurns < 10 {
			b.Verdict = "n/a"
		}
		ts = append(ts, b)
	}
	return ts
}

// Print writes r and its targets as a table, for a person sizing a deployment.
func Print(w io.Writer, r Report, targets []Target) {
	verdict := map[string]string{}
	for _, t := range targets {
		verdict[t.Name] = fmt.Sprintf("target %s\t%s", t.Target, t.Verdict)
	}
	load := fmt.Sprintf("%d people in flight", r.People)
	if r.Think > 0 && r.Rate == 0 {
		load += fmt.Sprintf(" (thinking %v between messages)", r.Think)
	}
	if r.Rate > 0 {
		load = fmt.Sprintf("open loop, %s turns/s offered over %d people", thousands(r.Rate), r.People)
	}
	if r.Deliver {
		load += ", replies through the outbox"
	}
	gc := "GOGC off"
	if r.GOGC >= 0 {
		gc = fmt.Sprintf("GOGC %d", r.GOGC)
	}
	if r.GOMemLimit > 0 {
		gc += fmt.Sprintf(", GOMEMLIMIT %d MiB", r.GOMemLimit>>20)
	}
	fmt.Fprintf(w, "carebot bench: %s, script %s (%d turns), sessions in %s, GOMAXPROCS %d, %s\n",
		load, r.Script, r.ScriptLen, r.Store, r.GOMAXPROCS, gc)
	var table strings.Builder
	tw := tabwriter.NewWriter(&table, 0, 4, 2, ' ', 0)
	row := func(name, value, target string) { fmt.Fprintf(tw, "  %s\t%s\t%s\n", name, value, target) }
	conv := fmt.Sprintf("%d finished of %d", r.Finished, r.Conversations)
	if r.Cut > 0 {
		conv += fmt.Sprintf(" (%d cut short by the end of the run)", r.Cut)
	}
	row("conversations", conv, "")
	row("turns", fmt.Sprintf("%d in %v, %d errors", r.Turns, r.Wall.Round(time.Millisecond), r.TurnErrors), "")
	row("turns/s", thousands(r.TurnsPerSec), verdict["turns_per_sec"])
	from := ""
	if r.Rate > 0 {
		from = " (from its scheduled time)"
	}
	if wu := r.Warmup; wu != nil {
		// Apart from the percentiles below, never hidden.
		l := wu.Turns
		row("warm-up", fmt.Sprintf("the first %v: %d turns, p50 %v, p99 %v, p99.9 %v, max %v (late start p99 %v)",
			wu.Duration, l.Count, roundDur(l.P50), roundDur(l.P99), roundDur(l.P999), roundDur(l.Max), roundDur(wu.StartLag.P99)), "")
		if d := wu.Delivery; d != nil {
			row("warm-up delivery", fmt.Sprintf("p50 %v, p99 %v, p99.9 %v, max %v", roundDur(d.P50), roundDur(d.P99), roundDur(d.P999), roundDur(d.Max)), "")
		}
		row("", "(left out of the latencies below; every other figure covers the whole run)", "")
	}
	row("p50 per turn", roundDur(r.P50).String()+from, "")
	row("p99 per turn", roundDur(r.P99).String(), verdict["p99_ms"])
	row("p99.9 per turn", roundDur(r.P999).String(), "")
	row("max per turn", roundDur(r.Max).String(), "")
	if l := r.StartLag; l != nil {
		row("late start p99", fmt.Sprintf("%v (p50 %v, max %v: sent after the scheduled time)", roundDur(l.P99), roundDur(l.P50), roundDur(l.Max)), "")
	}
	if l := r.Delivery; l != nil {
		row("p50 delivery", roundDur(l.P50).String()+" (message to its last reply accepted by the platform)", "")
		row("p99 delivery", roundDur(l.P99).String(), "")
		row("p99.9 delivery", roundDur(l.P999).String(), "")
		row("max delivery", roundDur(l.Max).String(), "")
		row("replies", fmt.Sprintf("%d delivered, for %d turns", r.Replies, l.Count), "")
	}
	if r.CPUPerTurn > 0 {
		row("cpu per turn", roundDur(r.CPUPerTurn).String()+" (this process, user+system)", "")
	}
	if r.SleepsPerTurn > 0 {
		row("sleeps/turn", fmt.Sprintf("%.2f (this process's threads blocked and woken again: voluntary context switches)", r.SleepsPerTurn), "")
	}
	if r.ServerCPUPerTurn > 0 {
		row(r.Store+" cpu/turn", fmt.Sprintf("%s (the %s server, user+system; with this process's, %s a turn on both sides)",
			roundDur(r.ServerCPUPerTurn), r.Store, roundDur(r.CPUPerTurn+r.ServerCPUPerTurn)), "")
	}
	if r.AllocPerTurn > 0 {
		row("heap per turn", fmt.Sprintf("%.1f KB allocated (this process), %d collections during the run", r.AllocPerTurn/1000, r.GCs), "")
	}
	if r.GCScan > 0 {
		row("gc per turn", fmt.Sprintf("%s of CPU (%s of it in assists, taken from turns and deliveries); %.1f MB a collection marks (live after the run)",
			roundDur(r.GCPerTurn), roundDur(r.GCAssistPerTurn), float64(r.GCScan)/1e6), "")
	}
	if r.Sessions > 0 {
		row("history", fmt.Sprintf("%.1f turns per session (%d sampled)", r.HistoryTurns, r.Sessions), "")
	}
	if r.Store == "redis" {
		marks := ""
		if r.Deliver {
			marks = "; delivery marks included"
		}
		row("round trips/turn", fmt.Sprintf("%.2f (network round trips: a batch of commands is one%s)", r.RoundTripsPerTurn, marks), verdict["round_trips_per_turn"])
		row("commands/turn", fmt.Sprintf("%.2f (commands carebot sent%s)", r.CommandsSentPerTurn, marks), "")
		row("redis cmds/turn", fmt.Sprintf("%.2f (INFO commandstats)", r.CommandsPerTurn), "")
		if r.Sessions > 0 {
			size := fmt.Sprintf("%.0f (max %d)", r.BytesPerSession, r.MaxSessionBytes)
			if r.BytesWithOutbox > 0 {
				size = fmt.Sprintf("%.0f, %.0f with the last turn's replies undelivered (max %d)", r.BytesPerSession, r.BytesWithOutbox, r.MaxSessionBytes)
			}
			row("bytes/session", size, verdict["bytes_per_session"])
		}
	}
	tw.Flush()
	for line := range strings.Lines(table.String()) {
		fmt.Fprintln(w, strings.TrimRight(line, " \n")) // the padding of an empty last column
	}
	if r.Store == "redis" && r.Turns > 0 {
		fmt.Fprintf(w, "  redis commands per turn: %s\n", commandMix(r))
		if r.Commands["evalsha"] > 0 || r.Commands["eval"] > 0 {
			fmt.Fprintln(w, "  (INFO commandstats also counts the commands a Lua script runs: an EVALSHA and what it runs are one round trip)")
		}
	}
	for _, e := range r.Errors {
		fmt.Fprintf(w, "  error: %s\n", e)
	}
}

// commandMix lists the commands per turn by name, most frequent first; the
// rare ones (connection set-up, a script loaded once) are summed as "other".
func commandMix(r Report) string {
	names := make([]string, 0, len(r.Commands))
	var other int64
	for n, c := range r.Commands {
		if float64(c)/float64(r.Turns) < 0.005 {
			other += c
			continue
		}
		names = append(names, n)
	}
	if len(names) == 0 && other == 0 {
		return "none"
	}
	slices.SortFunc(names, func(a, b string) int {
		return cmp.Or(cmp.Compare(r.Commands[b], r.Commands[a]), strings.Compare(a, b))
	})
	parts := make([]string, 0, len(names)+1)
	for _, n := range names {
		parts = append(parts, fmt.Sprintf("%s %.2f", n, float64(r.Commands[n])/float64(r.Turns)))
	}
	if other > 0 {
		parts = append(parts, fmt.Sprintf("other %.3f", float64(other)/float64(r.Turns)))
	}
	return strings.Join(parts, ", ")
}

func roundDur(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(10 * time.Microsecond)
	case d >= time.Microsecond:
		return d.Round(100 * time.Nanosecond)
	}
	return d
}

// thousands prints a rate with thousands separators: 123,456.
func thousands(f float64) string {
	s := fmt.Sprintf("%.0f", f)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
