package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"time"

	"github.com/spf13/cobra"

	"github.com/carebot/carebot/bench"
	"github.com/carebot/carebot/bot/memstore"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/config"
	"github.com/carebot/carebot/loadtest"
)

// benchSessionTTL bounds how long a run's sessions could outlive it in a
// shared Redis (they are deleted at the end unless --keep, or if the run
// is interrupted).
const benchSessionTTL = time.Hour

func benchCmd(stdout, stderr io.Writer, getenv func(string) string) *cobra.Command {
	var (
		people, rounds, sample int
		duration, think        time.Duration
		warmup                 time.Duration
		script, cpuProfile     string
		memProfile, traceFile  string
		asJSON, keep, deliver  bool
		rate                   float64
	)
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Load-test the engine: simulated people run a conversation script in process (in memory, or on REDIS_URL)",
		Long: `Load-test the engine: --people simulated people, all in flight at once, each
run a conversation script turn by turn against the flows (CAREBOT_FLOWS_DIR or
the built-in ones), in this process, with sessions in memory or in the Redis
REDIS_URL names. It prints turns per second and the latency of a turn and, on
Redis, round trips per turn (the commands carebot sent, counted by its
client), the commands Redis ran per turn (INFO commandstats, which counts the
commands of Lua scripts too: use a Redis nothing else uses) and bytes per
stored session (MEMORY USAGE). It fails if a turn errors or a
conversation does not finish.

A script has one message per line; "[N]" presses the Nth button of the latest
reply, "# expect: text" is what the last reply must say, other "#" lines are
comments. The default plays the built-in order-problem flow to its end.

--rate R makes the run open loop: R turns per second are offered on a fixed
schedule for --duration, spread over the --people, whatever the earlier
turns became. A turn's latency runs from its scheduled time, so a stall
counts in every turn it delays (no coordinated omission); "late start" is
how late turns were sent. --deliver (on with --rate) sends the replies
through the conversations' outboxes, as several replicas do, to a platform
that accepts each at once: delivery latency runs from the message to its
last reply accepted by the platform, and round trips per turn include the
marks that record replies delivered in the store (they may wait for the
next turn or delivery.flush, and are not timed; the run fails if a reply is
not both accepted and marked by its end).

An open loop starts with a warm-up (--warmup, 200ms by default; 0 for none),
offered on the same schedule before --duration: the turns scheduled in it
have their latencies (turn, late start, delivery) printed on a line of their
own ("warm-up"; "warmup" in --json), left out of the percentiles, as a load
tool's warm-up is (wrk2's calibration, JMH's warm-up iterations): they time
connections being dialled, goroutine stacks growing and the heap being
sized. Every other figure covers the whole run, warm-up included (turns,
errors, turns/s, CPU, heap, collections, round trips, commands).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// The collector as serve runs it.
			collectorDefaults(getenv)
			cfg, err := config.Load(getenv)
			if err != nil {
				return err
			}
			set, err := loadFlows(cfg)
			if err != nil {
				printProblems(stderr, err)
				return errReported
			}
			sc, err := benchScript(script)
			if err != nil {
				return err
			}
			lcfg := loadtest.Config{
				Flows:    set,
				Vars:     benchVars(cfg),
				History:  cfg.Session.History,
				Script:   sc,
				People:   people,
				Rounds:   rounds,
				Duration: duration,
				Think:    think,
				Sample:   sample,
				Keep:     keep,
				Rate:     rate,
				Warmup:   openWarmup(rate, warmup),
				Deliver:  deliver || (rate > 0 && !cmd.Flags().Changed("deliver")),
				// The deployment's own flush: it sets how many marks
				// ride on the next turn, so the round trips per turn.
				DeliveryFlush: cfg.Delivery.Flush,
			}
			if cfg.Redis.URL != "" {
				rs, err := redisstore.New(redisstore.Config{URL: cfg.Redis.URL, TTL: benchSessionTTL})
				if err != nil {
					return fmt.Errorf("redis: %w", err)
				}
				defer rs.Close()
				if err := rs.Ping(cmd.Context()); err != nil {
					return fmt.Errorf("redis: %w", err)
				}
				lcfg.Store, lcfg.StoreName, lcfg.Stats = rs, "redis", rs
			} else {
				lcfg.Store, lcfg.StoreName = memstore.New(memstore.Config{TTL: benchSessionTTL}), "memory"
			}
			if cpuProfile != "" {
				stop, err := startCPUProfile(cpuProfile)
				if err != nil {
					return err
				}
				defer stop()
			}
			if traceFile != "" {
				stop, err := startTrace(traceFile)
				if err != nil {
					return err
				}
				defer stop()
			}
			rep, runErr := loadtest.Run(cmd.Context(), lcfg)
			if memProfile != "" {
				if err := writeHeapProfile(memProfile); err != nil {
					return err
				}
			}
			targets := loadtest.Targets(rep)
			if asJSON {
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(loadtest.Output{Report: rep, Targets: targets}); err != nil {
					return err
				}
			} else if rep.Turns > 0 || runErr == nil {
				loadtest.Print(stdout, rep, targets)
			}
			return runErr
		},
	}
	f := cmd.Flags()
	f.IntVar(&people, "people", loadtest.DefaultPeople, "simulated people in flight at once")
	f.StringVar(&script, "script", "", "conversation script `FILE` (default: the built-in order-problem script)")
	f.IntVar(&rounds, "rounds", 0, "conversations per person, each on a new address (0: as many as --duration allows)")
	f.DurationVar(&duration, "duration", 2*time.Second, "keep starting conversations this long (0: exactly --rounds, default 1)")
	f.DurationVar(&think, "think", 0, "mean pause of a person before each message (0: none, every person always busy)")
	f.IntVar(&sample, "sample", loadtest.DefaultSample, "sessions read back for their size and history")
	f.BoolVar(&asJSON, "json", false, "print the report as JSON")
	f.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the run to `FILE` (go tool pprof)")
	f.StringVar(&memProfile, "memprofile", "", "write a heap profile at the run's end to `FILE` (go tool pprof; -sample_index=inuse_space: the live heap GC marks)")
	f.DurationVar(&warmup, "warmup", defaultBenchWarmup, "with --rate: offer load this long before --duration, its latencies reported apart (0: none)")
	f.StringVar(&traceFile, "trace", "", "write an execution trace of the run to `FILE` (go tool trace: what each goroutine and processor did, to find stalls)")
	f.Float64Var(&rate, "rate", 0, "offer this many turns per second, open loop, for --duration (0: closed loop, every person always busy)")
	f.BoolVar(&deliver, "deliver", false, "send replies through the outbox and report delivery latency (default true with --rate)")
	f.BoolVar(&keep, "keep", false, "leave the simulated sessions in the store (they expire after "+benchSessionTTL.String()+")")
	return cmd
}

// defaultBenchWarmup is --warmup's default: at the default 1,000 people
// and 10,000 turns/s, each person's first two turns.
const defaultBenchWarmup = 200 * time.Millisecond

// openWarmup is the warm-up of a run at rate: none in a closed loop, which
// has no schedule to warm up on.
func openWarmup(rate float64, warmup time.Duration) time.Duration {
	if rate <= 0 {
		return 0
	}
	return warmup
}

// startTrace writes an execution trace of the process to path until stop
// is called.
func startTrace(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("trace: %w", err)
	}
	if err := trace.Start(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("trace: %w", err)
	}
	return func() {
		trace.Stop()
		f.Close()
	}, nil
}

// startCPUProfile profiles the process into path until stop is called.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// writeHeapProfile writes a heap profile to path, after a GC so that it
// shows the live heap as of now.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("heap profile: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("heap profile: %w", err)
	}
	return nil
}

// benchScript reads the script at path, or the built-in default.
func benchScript(path string) (loadtest.Script, error) {
	if path == "" {
		f, err := bench.FS.Open(bench.Default)
		if err != nil {
			return loadtest.Script{}, err
		}
		defer f.Close()
		return loadtest.ParseScript(bench.Default, f)
	}
	f, err := os.Open(path)
	if err != nil {
		return loadtest.Script{}, fmt.Errorf("read script: %w", err)
	}
	defer f.Close()
	return loadtest.ParseScript(filepath.Base(path), f)
}

// benchVars are the engine's built-in template values from the configuration.
func benchVars(cfg config.Config) map[string]map[string]string {
	vars := map[string]map[string]string{}
	for lang, n := range cfg.Crisis.EmergencyNumbers {
		vars[lang] = map[string]string{"emergency_number": n}
	}
	return vars
}

// The Redis store serves the load run's measurements.
var (
	_ loadtest.Stats       = (*redisstore.Store)(nil)
	_ loadtest.SentCounter = (*redisstore.Store)(nil)
	_ loadtest.TripCounter = (*redisstore.Store)(nil)

	_ loadtest.ServerCPUCounter = (*redisstore.Store)(nil)
)
