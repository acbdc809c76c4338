// Package loadtest drives many simulated people through a conversation
// script against a carebot engine, in process, and measures what operators
// size a deployment by: turns per second, the latency of each turn and, on
// Redis, round trips and commands per turn and bytes per stored session.
//
// `carebot bench` is its command line; the package exists so the load
// logic is tested on its own, against memstore and a real redis-server.
package loadtest

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/flow"
)

// Defaults of Config.
const (
	DefaultPeople = 1000
	DefaultSample = 100
	// Platform is the platform of every simulated address, so the bench's
	// sessions are easy to tell from real ones in a shared store.
	Platform = "bench"
)

// maxErrors is how many error messages a Report keeps: the first few say
// what went wrong, thousands more of the same say nothing new.
const maxErrors = 5

// Stats is what a store reports about its backend (redisstore does it
// with INFO commandstats and MEMORY USAGE).
type Stats interface {
	// CommandStats returns the calls served so far per command.
	CommandStats(ctx context.Context) (map[string]int64, error)
	// MemoryUsage returns the bytes the session at a takes in the backend.
	MemoryUsage(ctx context.Context, a bot.Address) (int64, error)
}

// SentCounter is implemented by a Stats that also counts, on the client
// side, the commands this process has sent to its backend (redisstore does,
// with a go-redis hook). Each command sent is a round trip, or part of one
// if pipelined; unlike INFO commandstats the count leaves out the commands a
// Lua script runs inside Redis, and what other clients send.
type SentCounter interface {
	// CommandsSent returns the commands sent so far.
	CommandsSent() int64
}

// TripCounter is implemented by a Stats that also counts the network round
// trips this process has made to its backend, where one round trip may
// carry many commands (a pipeline, or redisstore's batches of several
// conversations' commands). Without it, every command sent counts as a
// round trip of its own.
type TripCounter interface {
	// RoundTrips returns the round trips made so far.
	RoundTrips() int64
}

// ServerCPUCounter is implemented by a Stats whose backend reports the CPU
// time it has spent (redisstore: INFO cpu). Every turn runs on both
// sides, and where they share cores each side's CPU is the other's wait:
// the report gives the backend's CPU per turn beside the process's.
type ServerCPUCounter interface {
	// ServerCPU returns the backend's CPU time, user and system, so far.
	ServerCPU(ctx context.Context) (time.Duration, error)
}

// Config configures a Run. Flows, Store and Script are required.
type Config struct {
	Flows *flow.Set
	Store bot.Store
	// StoreName labels the store in the report ("memory", "redis").
	StoreName string
	// Stats, when set, adds commands per turn and bytes per session to the
	// report, and round trips per turn if it is a SentCounter. Commands by
	// INFO commandstats are counted for the whole backend: use a Redis that
	// serves nothing else during the run.
	Stats Stats
	// Vars are the engine's built-in template values (see bot.Config.Vars).
	Vars map[string]map[string]string
	// History is how many recent turns a session keeps (default 10).
	History int

	Script Script
	// People is how many simulated people are in flight at once
	// (default DefaultPeople). Each has its own address.
	People int
	// Rounds is how many conversations each person has, one after the
	// other, each on a new address. With Duration it is a cap; 0 means no
	// cap then, and 1 without Duration.
	Rounds int
	// Duration, when > 0, makes each person start new conversations until
	// it has passed (every person has at least one). A few seconds give a
	// stable figure in memory, where one round takes milliseconds.
	Duration time.Duration
	// Think is how long, on average, a person waits before each message
	// (a random wait between half and one and a half times Think). 0, the
	// default, keeps every person busy: the run then measures the most the
	// process can serve, and latency includes queueing (with P people in
	// flight, mean latency ≈ P / turns per second). A think time like a
	// person's measures latency at a given load instead.
	Think time.Duration
	// Sample is how many sessions are read back for their size and history
	// (default DefaultSample).
	Sample int
	// Keep leaves the simulated sessions in the store; by default Run
	// deletes them once measured.
	Keep bool

	// Rate, when > 0, makes the run open loop: Rate turns per second are
	// offered on a fixed schedule, whatever becomes of the earlier ones,
	// for Duration (required). The People share it: person i sends its
	// k-th message at the start plus (k·People+i)/Rate seconds. A person
	// whose previous turn is not done yet sends once it is (a
	// conversation's turns stay in order, as the adapters keep them), and
	// that wait counts: a turn's latency runs from its scheduled time, so a
	// stall shows in every turn it delays (no coordinated omission).
	// Think is not used then.
	Rate float64
	// Deliver sends the replies through the conversations' outboxes, as
	// several replicas do: each turn queues its replies in its own store
	// update, and a bot.Deliverer sends them to an outlet that accepts
	// each at once and marks them delivered in the store. The report then
	// has the delivery latency, and round trips per turn include the
	// marks. A person does not wait for delivery before writing again.
	Deliver bool
	// Warmup (open loop only) is offered before Duration, on the same
	// schedule, as a load tool's warm-up (wrk2's calibration, JMH's
	// warm-up iterations): the latencies of the turns scheduled in it
	// (turn, late start, delivery) are reported apart (Report.Warmup), not
	// in the percentiles, so that a run's figures are not those of
	// connections being dialled, goroutine stacks growing and a heap
	// being sized. Every other figure covers the whole run, warm-up
	// included: turns, errors, turns/s, CPU, heap, collections, round
	// trips and commands.
	Warmup time.Duration

	// DeliveryFlush (with Deliver) is how long the mark of a delivery's
	// last burst waits for the conversation's next turn before it is
	// written on its own (bot.DelivererConfig.Flush; 0: its default). The
	// run waits for these marks at its end; they do not count in the
	// delivery latency.
	DeliveryFlush time.Duration

	// pacer (tests) has an open loop's people woken by a pacer, as where
	// each cannot have a timer of its own (see alarm).
	pacer bool
}

// Report is what a Run measured. Durations are in nanoseconds in JSON.
type Report struct {
	// Run tags this run's addresses: person i's r-th conversation is at
	// Address{Platform: Platform, Chat: Run+"-"+i, User: r} (i and r from 0).
	Run        string        `json:"run"`
	Store      string        `json:"store"`
	Script     string        `json:"script"`
	ScriptLen  int           `json:"script_turns"`
	People     int           `json:"people"`
	Think      time.Duration `json:"think_ns"`
	GOMAXPROCS int           `json:"gomaxprocs"`
	// GOGC is the collector's pacing during the run (-1: off), and
	// GOMemLimit its memory limit (0: none): carebot serve's by default
	// (collectorDefaults), or the operator's GOGC and GOMEMLIMIT.
	GOGC       int   `json:"gogc"`
	GOMemLimit int64 `json:"gomemlimit_bytes,omitempty"`

	Conversations int      `json:"conversations"` // started
	Finished      int      `json:"finished"`      // every turn answered and the expect met
	Turns         int      `json:"turns"`
	TurnErrors    int      `json:"turn_errors"`
	Errors        []string `json:"errors,omitempty"` // the first few problems

	// Rate is the load offered in an open-loop run (turns/s), 0 in a
	// closed loop; Deliver says whether replies went through the outbox.
	Rate    float64 `json:"rate,omitempty"`
	Deliver bool    `json:"deliver,omitempty"`
	// Cut counts the conversations of an open-loop run that its end cut
	// short: neither finished nor failed.
	Cut int `json:"cut,omitempty"`
	// Warmup (open loop, Config.Warmup) holds the latencies of the turns
	// scheduled in the warm-up, which the percentiles below leave out.
	Warmup *Warmup `json:"warmup,omitempty"`

	Wall        time.Duration `json:"wall_ns"`
	TurnsPerSec float64       `json:"turns_per_sec"`
	// The latency of a turn: from sending the message (its scheduled
	// time, open loop) until HandleMessage returned.
	P50  time.Duration `json:"p50_ns"`
	P99  time.Duration `json:"p99_ns"`
	P999 time.Duration `json:"p999_ns"`
	Max  time.Duration `json:"max_ns"`
	// StartLag (open loop) is how late turns were sent after their
	// scheduled time: the part of their latency spent waiting for the
	// person's previous turn, or for a CPU. Its p99 near the turn's p99
	// means the process, not the turn, is the bottleneck.
	StartLag *Latency `json:"start_lag,omitempty"`
	// Delivery (with Deliver) is the latency of a turn's replies: from
	// sending the message (its scheduled time, open loop) until the
	// platform (the bench's outlet) accepted the last of the replies it
	// queued. The mark that records them delivered in the store may come
	// later (it waits for the next turn or DeliveryFlush) and is not
	// timed; a run fails if any reply was not both accepted and marked by
	// its end. Replies counts the replies the outlet accepted.
	Delivery *Latency `json:"delivery,omitempty"`
	Replies  int64    `json:"replies_delivered,omitempty"`
	// CPUPerTurn is the process's user+system CPU time per turn, on all
	// cores: unlike turns/s it hardly depends on what else the machine runs.
	CPUPerTurn time.Duration `json:"cpu_per_turn_ns,omitempty"`
	// ServerCPUPerTurn (with a Stats that is a ServerCPUCounter) is the
	// backend's CPU time per turn over the same stretch, the whole server's
	// (use one that serves nothing else): on Redis, the other half of a
	// turn's cost.
	ServerCPUPerTurn time.Duration `json:"server_cpu_per_turn_ns,omitempty"`
	// SleepsPerTurn is how often per turn one of the process's threads
	// blocked and was woken again (voluntary context switches, getrusage):
	// the wake-ups and hand-offs between goroutines on idle threads that a
	// turn costs, besides its CPU.
	SleepsPerTurn float64 `json:"sleeps_per_turn,omitempty"`
	// AllocPerTurn is the bytes the process allocated on its heap per
	// turn, and GCs the collections that ran during the run: what sets
	// how often a collection's mark phase competes with the turns.
	AllocPerTurn float64 `json:"alloc_per_turn_bytes,omitempty"`
	GCs          uint64  `json:"gcs,omitempty"`
	// GCPerTurn is the CPU the collector spent per turn during the run
	// (the runtime's estimate, from wall time: marking on every core, and
	// its pauses), and GCAssistPerTurn the part of it the goroutines that
	// allocated spent marking instead of running (turns, deliveries): the
	// cost that lands on a turn's latency. GCScan is what a collection
	// marks, the scannable heap, stacks and globals live just after one at
	// the run's end (see marked): a mark phase's work grows with it, and
	// the turns in flight during a run add to it.
	GCPerTurn       time.Duration `json:"gc_cpu_per_turn_ns,omitempty"`
	GCAssistPerTurn time.Duration `json:"gc_assist_per_turn_ns,omitempty"`
	GCScan          uint64        `json:"gc_scan_bytes,omitempty"`

	// Sessions is how many sessions were read back; HistoryTurns is their
	// mean number of recent turns kept.
	Sessions     int     `json:"sessions_sampled"`
	HistoryTurns float64 `json:"history_turns"`

	// With a Stats that is a SentCounter only. CommandsSentPerTurn is the
	// commands the process sent per turn, counted by the client.
	// RoundTripsPerTurn is the network round trips per turn (with a
	// TripCounter; else the commands sent, each its own round trip): the
	// figure to hold against a round-trip budget. When several
	// conversations' commands share a round trip it is below the commands
	// sent, and can be below one. The bench's own reads after the run are
	// left out.
	RoundTripsPerTurn   float64 `json:"round_trips_per_turn,omitempty"`
	RoundTrips          int64   `json:"round_trips,omitempty"`
	CommandsSentPerTurn float64 `json:"commands_sent_per_turn,omitempty"`
	CommandsSent        int64   `json:"commands_sent,omitempty"`

	// With Stats only. CommandsPerTurn counts what INFO commandstats
	// counts, the commands Lua scripts run included (an EVALSHA that runs
	// GETRANGE and SET counts three, for one round trip); Commands shows
	// the mix. The bench's own INFO and MEMORY calls are left out.
	CommandsPerTurn float64          `json:"commands_per_turn,omitempty"`
	Commands        map[string]int64 `json:"commands,omitempty"` // calls per command during the run
	BytesPerSession float64          `json:"bytes_per_session,omitempty"`
	MaxSessionBytes int64            `json:"max_session_bytes,omitempty"`
	// BytesWithOutbox (with Deliver and Stats) is the mean size of the
	// sampled sessions holding their last turn's replies undelivered, as a
	// session does between its turn and the delivery's mark.
	BytesWithOutbox float64 `json:"bytes_per_session_with_outbox,omitempty"`
}

// Warmup is what an open loop's warm-up measured (see Config.Warmup).
type Warmup struct {
	Duration time.Duration `json:"duration_ns"`
	// Turns is the latency of its turns, StartLag how late they were sent,
	// Delivery (with Deliver) the latency of their replies.
	Turns    Latency  `json:"turns"`
	StartLag Latency  `json:"start_lag"`
	Delivery *Latency `json:"delivery,omitempty"`
}

// warmup is where an open loop's warm-up records its latencies.
type warmup struct {
	end            time.Time // turns scheduled before it are the warm-up's
	lat, lag, dlat recorder
}

// recorders returns where a turn scheduled at at records its latency and
// late start: the warm-up's, or lat and lag.
func (w *warmup) recorders(at time.Time, lat, lag *recorder) (*recorder, *recorder) {
	if w != nil && at.Before(w.end) {
		return &w.lat, &w.lag
	}
	return lat, lag
}

// ErrFailed is returned (wrapped) by Run when a turn errored or a
// conversation did not finish; the Report says which.
var ErrFailed = errors.New("load run failed")

// Run starts cfg.People simulated people at once, each running cfg.Script
// turn by turn against an engine on cfg.Store, and reports what it
// measured. The report is returned with any error; the error wraps
// ErrFailed if a turn errored or a conversation did not finish.
func Run(ctx context.Context, cfg Config) (Report, error) {
	if err := cfg.defaults(); err != nil {
		return Report{}, err
	}
	run := runTag()
	gogc, limit := collector()
	rep := Report{
		Run:        run,
		Store:      cfg.StoreName,
		Script:     cfg.Script.Name,
		ScriptLen:  len(cfg.Script.Steps),
		People:     cfg.People,
		Think:      cfg.Think,
		GOMAXPROCS: runtime.GOMAXPROCS(0),
		Rate:       cfg.Rate,
		Deliver:    cfg.Deliver,
		GOGC:       gogc,
		GOMemLimit: limit,
	}
	// An open loop and delivery play the messages a rehearsal found, not
	// what each turn answers: with delivery the replies come later, and a
	// schedule must not wait for them.
	var pl *plan
	if cfg.Rate > 0 || cfg.Deliver {
		var err error
		if pl, err = rehearse(ctx, &cfg); err != nil {
			return rep, fmt.Errorf("%w: rehearsal: %w", ErrFailed, err)
		}
	}
	people := make([]person, cfg.People)
	for i := range people {
		people[i] = person{i: i, chat: run + "-" + strconv.Itoa(i)}
	}
	var (
		lat, lag, dlat recorder
		warm           *warmup
		d              *bot.Deliverer
	)
	if cfg.Rate > 0 && cfg.Warmup > 0 {
		// end is set with the clock. One histogram each: a quarter of a
		// megabyte, where 16 shards would add 12 MB to the heap the run's
		// collections are paced by (and fewer collections than without).
		warm = &warmup{lat: recorder{one: true}, lag: recorder{one: true}, dlat: recorder{one: true}}
	}
	if cfg.Deliver {
		out := &outlet{prefix: run + "-", people: people, plan: pl}
		var err error
		d, err = bot.NewDeliverer(bot.DelivererConfig{
			Store:  cfg.Store,
			Outlet: out,
			Owner:  "bench-" + run,
			Flush:  cfg.DeliveryFlush,
			// Delivery ends when the platform accepted the turn's last
			// reply; the mark, which may wait for the next turn, only
			// counts for completeness.
			Delivered: func(a bot.Address, o bot.Outbound, _ time.Duration) {
				if p, c := out.conv(a); c != nil {
					p.accepted(c, pl, o.Seq, &dlat, warm)
				}
			},
			Marked: func(a bot.Address, seq int64) {
				if p, c := out.conv(a); c != nil {
					p.marked(c, pl, seq)
				}
			},
		})
		if err != nil {
			return rep, err
		}
	}
	e, err := newEngine(&cfg, cfg.Store, d)
	if err != nil {
		return rep, err
	}

	warmUp(ctx, cfg.Store, cfg.People)
	var before map[string]int64
	if cfg.Stats != nil {
		if before, err = cfg.Stats.CommandStats(ctx); err != nil {
			return rep, fmt.Errorf("command stats: %w", err)
		}
	}
	// The backend's CPU over the run (its idle stretch before the clock
	// starts costs it nothing).
	server, _ := cfg.Stats.(ServerCPUCounter)
	var server0 time.Duration
	if server != nil {
		if server0, err = server.ServerCPU(ctx); err != nil {
			return rep, fmt.Errorf("server cpu: %w", err)
		}
	}
	// The counter is read after the INFO above and before the one below,
	// so only the run's own commands are counted.
	counter, _ := cfg.Stats.(SentCounter)
	trips, _ := cfg.Stats.(TripCounter)
	var sent0, trips0 int64
	if counter != nil {
		sent0 = counter.CommandsSent()
	}
	if trips != nil {
		trips0 = trips.RoundTrips()
	}

	script := newRunScript(cfg.Script)
	var (
		ready, done sync.WaitGroup
		start       = make(chan struct{})
		t0          time.Time
		deadline    time.Time
		alarms      []alarm
		arm         armFunc
		wakes       []chanAlarm // with a pacer
	)
	if cfg.Rate > 0 {
		if !cfg.pacer {
			alarms, arm = newTimerAlarms(len(people))
		}
		if alarms == nil {
			wakes = make([]chanAlarm, len(people))
			alarms = make([]alarm, len(people))
			for i := range wakes {
				wakes[i] = make(chanAlarm, 1)
				alarms[i] = wakes[i]
			}
		}
		defer func() {
			for _, a := range alarms {
				_ = a.close()
			}
		}()
	}
	for i := range people {
		p := &people[i]
		ready.Add(1)
		done.Go(func() {
			ready.Done()
			<-start
			if pl != nil {
				var al alarm
				if alarms != nil {
					al = alarms[i]
				}
				p.play(ctx, e, &cfg, pl, t0, deadline, al, &lat, &lag, warm)
				return
			}
			p.run(ctx, e, &cfg, script, deadline, &lat)
		})
	}
	ready.Wait() // every person is in flight before the clock starts
	lat.prepare()
	if cfg.Rate > 0 {
		lag.prepare()
	}
	if cfg.Deliver {
		dlat.prepare()
	}
	if warm != nil {
		warm.lat.prepare()
		warm.lag.prepare()
		if cfg.Deliver {
			warm.dlat.prepare()
		}
	}
	// The set-up's garbage (flows, rehearsal) is collected before the
	// clock, as testing.B does before a benchmark: the run's collections
	// are its own.
	runtime.GC()
	var pacer sync.WaitGroup
	pctx, stopPacer := context.WithCancel(ctx)
	defer stopPacer()
	cpu0, sleeps0 := cpuTime(), sleeps()
	heap0 := heapStats()
	t0 = time.Now()
	if cfg.Duration > 0 {
		deadline = t0.Add(cfg.Duration)
	}
	if warm != nil {
		warm.end = t0.Add(cfg.Warmup)
		deadline = deadline.Add(cfg.Warmup)
	}
	switch {
	case arm != nil:
		arm(t0, cfg.Rate)
	case wakes != nil:
		s := newSleeper()
		pacer.Go(func() {
			defer s.close()
			pace(pctx, s, t0, deadline, cfg.Rate, wakes)
		})
	}
	close(start)
	done.Wait()
	stopPacer()
	pacer.Wait()
	if d != nil {
		d.Wait() // the last replies are delivered, and counted
	}
	rep.Wall = time.Since(t0)
	if cpu1 := cpuTime(); cpu0 > 0 && cpu1 > 0 {
		rep.CPUPerTurn = cpu1 - cpu0 // divided below
	}
	if sleeps1 := sleeps(); sleeps0 >= 0 && sleeps1 >= 0 {
		rep.SleepsPerTurn = float64(sleeps1 - sleeps0) // divided below
	}
	var serverErr error
	if server != nil {
		var server1 time.Duration
		if server1, serverErr = server.ServerCPU(ctx); serverErr == nil {
			rep.ServerCPUPerTurn = max(server1-server0, 0) // divided below
		}
	}
	heap1 := heapStats()
	rep.AllocPerTurn, rep.GCs = float64(heap1.allocs-heap0.allocs), heap1.gcs-heap0.gcs // divided below
	rep.GCPerTurn, rep.GCAssistPerTurn = heap1.gcCPU-heap0.gcCPU, heap1.assist-heap0.assist
	rep.GCScan = marked()
	if counter != nil {
		rep.CommandsSent = counter.CommandsSent() - sent0
		rep.RoundTrips = rep.CommandsSent
		if trips != nil {
			rep.RoundTrips = trips.RoundTrips() - trips0
		}
	}

	for i := range people {
		p := &people[i]
		if pl != nil {
			p.check(pl, &cfg, &rep)
		}
		rep.Turns += p.turns
		rep.Conversations += p.rounds
		rep.Finished += p.finished
		rep.TurnErrors += p.turnErrors
		for _, msg := range p.errs {
			if len(rep.Errors) < maxErrors {
				rep.Errors = append(rep.Errors, msg)
			}
		}
	}
	l := lat.latency()
	rep.P50, rep.P99, rep.P999, rep.Max = l.P50, l.P99, l.P999, l.Max
	if cfg.Rate > 0 {
		l := lag.latency()
		rep.StartLag = &l
	}
	if cfg.Deliver {
		l := dlat.latency()
		rep.Delivery = &l
	}
	if warm != nil {
		rep.Warmup = &Warmup{Duration: cfg.Warmup, Turns: warm.lat.latency(), StartLag: warm.lag.latency()}
		if cfg.Deliver {
			l := warm.dlat.latency()
			rep.Warmup.Delivery = &l
		}
	}
	if rep.Turns > 0 {
		rep.TurnsPerSec = float64(rep.Turns) / rep.Wall.Seconds()
		rep.CPUPerTurn /= time.Duration(rep.Turns)
		rep.ServerCPUPerTurn /= time.Duration(rep.Turns)
		rep.SleepsPerTurn /= float64(rep.Turns)
		rep.AllocPerTurn /= float64(rep.Turns)
		rep.GCPerTurn /= time.Duration(rep.Turns)
		rep.GCAssistPerTurn /= time.Duration(rep.Turns)
		rep.RoundTripsPerTurn = float64(rep.RoundTrips) / float64(rep.Turns)
		rep.CommandsSentPerTurn = float64(rep.CommandsSent) / float64(rep.Turns)
	}

	var errs []error
	if serverErr != nil {
		errs = append(errs, fmt.Errorf("server cpu: %w", serverErr))
	}
	if cfg.Stats != nil {
		after, err := cfg.Stats.CommandStats(ctx)
		if err != nil {
			errs = append(errs, fmt.Errorf("command stats: %w", err))
		} else {
			rep.Commands = commandDelta(before, after)
			if rep.Turns > 0 {
				var n int64
				for _, c := range rep.Commands {
					n += c
				}
				rep.CommandsPerTurn = float64(n) / float64(rep.Turns)
			}
		}
	}
	if err := ctx.Err(); err != nil {
		errs = append(errs, err)
	} else if err := sample(ctx, &cfg, pl, people, &rep); err != nil {
		errs = append(errs, err)
	}
	if !cfg.Keep {
		// An interrupted run tidies up too, briefly: the sessions would
		// otherwise sit in a shared Redis until their TTL.
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
		err := cleanup(cctx, cfg.Store, people)
		cancel()
		if err != nil {
			errs = append(errs, err)
		}
	}
	if unfinished := rep.Conversations - rep.Finished - rep.Cut; rep.TurnErrors > 0 || unfinished > 0 {
		errs = append(errs, fmt.Errorf("%w: %d turn(s) errored, %d of %d conversation(s) did not finish",
			ErrFailed, rep.TurnErrors, unfinished, rep.Conversations))
	}
	return rep, errors.Join(errs...)
}

// newEngine returns an engine on st for a load run, delivering through d
// if not nil.
func newEngine(cfg *Config, st bot.Store, d *bot.Deliverer) (*bot.Engine, error) {
	return bot.New(bot.Config{
		Flows:   cfg.Flows,
		Store:   st,
		Vars:    cfg.Vars,
		History: cfg.History,
		// Each person writes far faster than a person: the flood gate
		// would answer most turns itself.
		FloodLimit: math.MaxInt32,
		// A team is there, as in the deployment being sized (the flows say
		// what a person will do only when one can come); the desk's own
		// work is not measured.
		Desk:      bot.NopDesk{},
		Deliverer: d,
	})
}

// maxWarmUp bounds the pings of warmUp: no client pools more connections.
const maxWarmUp = 256

// warmUp has up to people callers ping the store at once, so that a pooled
// client opens its connections before the clock and the counters start:
// connecting is a cost of a process's start, not of its turns. A failing
// store fails the run's turns, which say more.
func warmUp(ctx context.Context, st bot.Store, people int) {
	var wg sync.WaitGroup
	for range min(people, maxWarmUp) {
		wg.Go(func() { _ = st.Ping(ctx) })
	}
	wg.Wait()
}

func (c *Config) defaults() error {
	if c.Flows == nil {
		return errors.New("load run: no flows")
	}
	if c.Store == nil {
		return errors.New("load run: no store")
	}
	if len(c.Script.Steps) == 0 {
		return errors.New("load run: empty script")
	}
	if c.People <= 0 {
		c.People = DefaultPeople
	}
	if c.Rate < 0 || (c.Rate > 0 && c.Duration <= 0) {
		return errors.New("load run: an open loop needs a rate > 0 and a duration")
	}
	if c.Warmup < 0 {
		return errors.New("load run: negative warm-up")
	}
	if c.Rounds <= 0 && c.Duration <= 0 {
		c.Rounds = 1
	}
	if c.Sample <= 0 {
		c.Sample = DefaultSample
	}
	if c.History <= 0 {
		c.History = 10
	}
	if c.StoreName == "" {
		c.StoreName = "custom"
	}
	return nil
}

// person is one simulated person. Only its own goroutine touches it until
// the run is over.
type person struct {
	i          int
	chat       string
	rounds     int // conversations started, one address each
	finished   int
	turns      int
	turnErrors int
	stopped    bool // its alarm failed (open loop): its last conversation is not cut but failed
	errs       []string

	// With a plan (open loop, delivery): each conversation's progress,
	// which deliveries update too, under mu.
	mu    sync.Mutex
	convs []*conv
}

// address is where the person's round-th conversation lives.
func (p *person) address(round int) bot.Address {
	return bot.Address{Platform: Platform, Chat: p.chat, User: strconv.Itoa(round)}
}

// run has the person's conversations. A failed conversation ends the
// person's run: a broken store would otherwise fail thousands of times
// over for nothing new.
func (p *person) run(ctx context.Context, h bot.Handler, cfg *Config, script *runScript, deadline time.Time, lat *recorder) {
	for {
		if ctx.Err() != nil {
			return
		}
		if cfg.Rounds > 0 && p.rounds >= cfg.Rounds {
			return
		}
		if p.rounds > 0 && !deadline.IsZero() && !time.Now().Before(deadline) {
			return
		}
		round := p.rounds
		p.rounds++
		if err := p.converse(ctx, h, script, p.address(round), cfg.Think, lat); err != nil {
			p.errs = append(p.errs, err.Error())
			return
		}
		p.finished++
	}
}

// converse plays the script once at a.
func (p *person) converse(ctx context.Context, h bot.Handler, s *runScript, a bot.Address, think time.Duration, lat *recorder) error {
	var (
		last    []bot.Choice
		replies []bot.Reply
	)
	for i := range s.Steps {
		if think > 0 {
			// Jittered, so people do not all write in the same instant.
			if err := pause(ctx, think/2+rand.N(think)); err != nil {
				return err
			}
		}
		m, err := s.message(i, a, last)
		if err != nil {
			return err
		}
		t0 := time.Now()
		m.At = t0
		replies, err = h.HandleMessage(ctx, m)
		lat.record(p.i, time.Since(t0))
		p.turns++
		if err != nil {
			p.turnErrors++
			return fmt.Errorf("%s:%d: %w", s.Name, s.Steps[i].Line, err)
		}
		// A number answers only the latest question, as in the console.
		if len(replies) > 0 {
			last = nil
		}
		for _, r := range replies {
			if len(r.Choices) > 0 {
				last = r.Choices
			}
		}
		if think > 0 {
			continue // no need to yield: the pause before the next turn does
		}
		// Let the other people in: each turn is a few microseconds of CPU,
		// and without yielding one person would run hundreds of turns per
		// scheduler slice while the others wait, which is neither how
		// traffic arrives nor a fair latency figure.
		runtime.Gosched()
	}
	if s.Expect != "" && !repliesContain(replies, s.Expect) {
		return fmt.Errorf("%s: the last reply does not contain %q (got %q)", s.Name, s.Expect, replyText(replies))
	}
	return nil
}

// runScript is a Script with its message IDs made once: they need only be
// unique within a conversation (each has its own address), as platforms'
// are within a chat, and making them per turn would add the harness's
// garbage to the engine's.
type runScript struct {
	Script
	ids []string
}

// message returns the i-th message of the script at a; last are the
// buttons of the latest reply.
func (s *runScript) message(i int, a bot.Address, last []bot.Choice) (bot.Message, error) {
	st := s.Steps[i]
	m := bot.Message{ID: s.ids[i], From: a, Text: st.Text}
	if st.Press > 0 {
		if st.Press > len(last) {
			return m, fmt.Errorf("%s:%d: [%d]: the latest reply has %d button(s)", s.Name, st.Line, st.Press, len(last))
		}
		m.Text, m.Choice = "", last[st.Press-1].ID
	}
	return m, nil
}

func newRunScript(s Script) *runScript {
	rs := &runScript{Script: s, ids: make([]string, len(s.Steps))}
	for i := range rs.ids {
		rs.ids[i] = "bench-" + strconv.Itoa(i)
	}
	return rs
}

// pause waits d, or until ctx is done.
func pause(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func repliesContain(rs []bot.Reply, want string) bool {
	for _, r := range rs {
		if strings.Contains(r.Text, want) {
			return true
		}
	}
	return false
}

func replyText(rs []bot.Reply) string {
	var b strings.Builder
	for i, r := range rs {
		if i > 0 {
			b.WriteString(" / ")
		}
		b.WriteString(r.Text)
	}
	const max = 200
	if b.Len() > max {
		return b.String()[:max] + "…"
	}
	return b.String()
}

// commandDelta returns the calls per command between two INFO commandstats
// readings, leaving out the bench's own INFO and MEMORY calls.
func commandDelta(before, after map[string]int64) map[string]int64 {
	d := map[string]int64{}
	for k, v := range after {
		name := strings.ToLower(strings.TrimPrefix(k, "cmdstat_"))
		if name == "info" || name == "memory" || strings.HasPrefix(name, "memory|") {
			continue
		}
		if n := v - before[k]; n > 0 {
			d[name] += n
		}
	}
	return d
}

// errRead ends an Update that only reads: nothing is saved.
var errRead = errors.New("read only")

// sample reads back up to cfg.Sample sessions, spread over the people, for
// their history length and, with Stats, their size in the backend.
func sample(ctx context.Context, cfg *Config, pl *plan, people []person, rep *Report) error {
	n := min(cfg.Sample, len(people))
	var history, bytes, withOutbox int64
	for i := range n {
		a := people[i*len(people)/n].address(0)
		var turns int
		err := cfg.Store.Update(ctx, a, func(s *bot.Session) error {
			turns = len(s.Recent)
			return errRead
		})
		if err != nil && !errors.Is(err, errRead) {
			return fmt.Errorf("read session: %w", err)
		}
		history += int64(turns)
		if cfg.Stats != nil {
			b, err := cfg.Stats.MemoryUsage(ctx, a)
			if err != nil {
				return fmt.Errorf("memory usage: %w", err)
			}
			bytes += b
			rep.MaxSessionBytes = max(rep.MaxSessionBytes, b)
			if cfg.Deliver {
				b, err := sizeWithOutbox(ctx, cfg, a, pl.last)
				if err != nil {
					return err
				}
				withOutbox += b
				rep.MaxSessionBytes = max(rep.MaxSessionBytes, b)
			}
		}
		rep.Sessions++
	}
	if rep.Sessions > 0 {
		rep.HistoryTurns = float64(history) / float64(rep.Sessions)
		if cfg.Stats != nil {
			rep.BytesPerSession = float64(bytes) / float64(rep.Sessions)
		}
		if cfg.Stats != nil && cfg.Deliver {
			rep.BytesWithOutbox = float64(withOutbox) / float64(rep.Sessions)
		}
	}
	return nil
}

// sizeWithOutbox returns the size of the session at a while it holds
// replies undelivered, as between a turn and its delivery's mark: it
// queues them, measures and marks them delivered again.
func sizeWithOutbox(ctx context.Context, cfg *Config, a bot.Address, replies []bot.Reply) (int64, error) {
	now := time.Now()
	err := cfg.Store.Update(ctx, a, func(s *bot.Session) error {
		bot.Queue(s, replies, now)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("queue replies: %w", err)
	}
	b, err := cfg.Stats.MemoryUsage(ctx, a)
	if err != nil {
		return 0, fmt.Errorf("memory usage: %w", err)
	}
	err = cfg.Store.Update(ctx, a, func(s *bot.Session) error {
		bot.Delivered(s, s.OutSeq, "", now, 0)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("mark replies delivered: %w", err)
	}
	return b, nil
}

// cleanupTimeout bounds the deletion of a run's sessions.
const cleanupTimeout = 30 * time.Second

// cleanupWorkers bounds the deletions in flight: enough to hide a
// network round trip, few enough not to flood a shared Redis.
const cleanupWorkers = 32

// cleanup deletes every session the run created. It stops at the first
// failure: a store that fails one deletion most likely fails them all.
func cleanup(ctx context.Context, st bot.Store, people []person) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
		next  = make(chan bot.Address)
	)
	for range cleanupWorkers {
		wg.Go(func() {
			for a := range next {
				if err := st.Delete(ctx, a); err != nil {
					once.Do(func() { first = err; cancel() })
				}
			}
		})
	}
feed:
	for i := range people {
		for r := range people[i].rounds {
			select {
			case next <- people[i].address(r):
			case <-ctx.Done():
				break feed
			}
		}
	}
	close(next)
	wg.Wait()
	if first != nil {
		return fmt.Errorf("delete bench sessions: %w", first)
	}
	return ctx.Err()
}

// runTag makes this run's addresses unlike any earlier run's, so a run
// against a store that kept old sessions starts every conversation afresh.
func runTag() string {
	return fmt.Sprintf("%08x", rand.Uint32())
}

// heap is what heapStats reads: the bytes allocated on the heap, the
// collections completed and the CPU the collector used (all of it, and
// its assists) since the process started, and what the last collection
// found scannable (heap, stacks and globals).
type heap struct {
	allocs, gcs   uint64
	gcCPU, assist time.Duration
	scan          uint64
}

// heapMetrics are the runtime metrics heapStats reads, in its order.
var heapMetrics = []string{
	"/gc/heap/allocs:bytes",
	"/gc/cycles/total:gc-cycles",
	"/cpu/classes/gc/total:cpu-seconds",
	"/cpu/classes/gc/mark/assist:cpu-seconds",
	"/gc/scan/heap:bytes",
	"/gc/scan/stack:bytes",
	"/gc/scan/globals:bytes",
}

// collector returns the collector's pacing (GOGC, -1 when off) and its
// memory limit (0 when none).
func collector() (gogc int, limit int64) {
	ms := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(ms)
	gogc, limit = -1, 0
	if ms[0].Value.Kind() == metrics.KindUint64 && ms[0].Value.Uint64() <= math.MaxInt32 {
		gogc = int(ms[0].Value.Uint64())
	}
	if ms[1].Value.Kind() == metrics.KindUint64 && ms[1].Value.Uint64() < math.MaxInt64 {
		limit = int64(ms[1].Value.Uint64())
	}
	return gogc, limit
}

// marked returns what a collection marks now: the scannable heap, stacks
// and globals, read just after one. Between collections the runtime's
// /gc/scan/heap:bytes also counts every scannable byte allocated since the
// last one, garbage included: read at a run's end, it said 23–26 MB on
// the Redis bench at 10,000 turns/s, where about 10 MB is live after a
// collection (10.5 MB after a run).
func marked() uint64 {
	runtime.GC()
	return heapStats().scan
}

// heapStats reads the runtime's heap counters; one this Go does not have
// reads as zero.
func heapStats() heap {
	ms := make([]metrics.Sample, len(heapMetrics))
	for i, name := range heapMetrics {
		ms[i].Name = name
	}
	metrics.Read(ms)
	u := func(i int) uint64 {
		if ms[i].Value.Kind() == metrics.KindUint64 {
			return ms[i].Value.Uint64()
		}
		return 0
	}
	sec := func(i int) time.Duration {
		if ms[i].Value.Kind() == metrics.KindFloat64 {
			return time.Duration(ms[i].Value.Float64() * float64(time.Second))
		}
		return 0
	}
	return heap{
		allocs: u(0), gcs: u(1),
		gcCPU: sec(2), assist: sec(3),
		scan: u(4) + u(5) + u(6),
	}
}
