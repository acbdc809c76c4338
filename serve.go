package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/config"
)

func serveCmd(stdout, stderr io.Writer, getenv func(string) string) *cobra.Command {
	return &cobra.Command{
		Use:   "serve",
		Short: "Run the configured channels and the HTTP server (/healthz, /readyz, /metrics)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			collectorDefaults(getenv)
			cfg, err := config.Load(getenv)
			if err != nil {
				return fmt.Errorf("configuration: %w", err)
			}
			log := newLogger(cfg, stderr, "")
			return serve(cmd.Context(), cfg, log, stdout, stderr)
		},
	}
}

// serve runs until ctx ends (SIGTERM), then lets turns in flight finish
// within cfg.ShutdownTimeout.
func serve(ctx context.Context, cfg config.Config, log *slog.Logger, stdout, stderr io.Writer) error {
	// Watched before the flows load, so that no edit is missed, and SIGHUP
	// caught from here until serve returns (see folderWatch).
	watch := watchFolders(cfg, log)
	defer watch.Close()
	a, err := newApp(ctx, cfg, log, stderr, withDesk(deskServe))
	if err != nil {
		return err
	}
	defer a.Close()
	warnQueues(log, cfg, a.flows)

	inflight := &turnCounter{}
	handler := inflight.wrap(a.handler)

	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	mux.Handle("GET /metrics", a.registry.Handler())
	stopStudio := mountStudio(ctx, mux, cfg, a, log)
	defer stopStudio()

	channels, err := a.channels(mux)
	if err != nil {
		return err
	}
	if fu, err := a.followUpChannel(cfg.FollowUps.Interval); err != nil {
		return err
	} else if fu != nil {
		channels = append(channels, *fu)
	}
	ready := &readiness{engine: a.engine, channels: channels, log: log, start: time.Now(), wait: cfg.ReadyWait}
	mux.HandleFunc("GET /readyz", ready.all)
	mux.HandleFunc("GET /readyz/{channel}", ready.one)

	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.HTTPAddr, err)
	}
	if a.deliverer != nil {
		// Before the first turn: a replica killed before its first sweep
		// is then still seen to die, and what it saved swept.
		if err := a.deliverer.Join(ctx); err != nil {
			log.Warn("outbox sweepers not joined at start, joining at the first sweep", "err", err)
		}
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	log.Info("serving", "addr", ln.Addr().String(), "channels", len(channels))
	fmt.Fprintf(stdout, "carebot serving on %s\n", ln.Addr())

	runCtx, stopChannels := context.WithCancel(context.WithoutCancel(ctx))
	defer stopChannels()
	reloads := make(chan struct{})
	go func() { defer close(reloads); a.watchReloads(runCtx, watch) }()
	go watch.ignoreHangups(reloads)
	defer func() { stopChannels(); <-reloads }()
	errc := make(chan error, len(channels)+1)
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			errc <- fmt.Errorf("http server: %w", err)
		}
	}()
	var wg sync.WaitGroup
	if a.deliverer != nil {
		// Sends the replies of replicas that died, once their lease ended.
		wg.Go(func() { _ = a.deliverer.Run(runCtx) })
	}
	for _, ch := range channels {
		wg.Go(func() {
			if err := ch.adapter.Run(runCtx, handler); err != nil {
				errc <- fmt.Errorf("%s: %w", ch.name, err)
			}
		})
	}

	var runErr error
	select {
	case <-ctx.Done():
		ready.stopping.Store(true)
		log.Info("shutting down")
	case runErr = <-errc:
		ready.stopping.Store(true)
		log.Error("channel lost", "err", runErr)
	}

	// Stop taking new work and let turns in flight finish; the HTTP server
	// stays up meanwhile, since webhook requests are answered once their
	// turn is stored.
	deadline, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if a.deliverer != nil {
		// Hand this replica's deliveries over rather than leave them to
		// their leases, first, before the channels stop: each abandons
		// the pause it is in, or stops before its next reply, marks what
		// it sent and releases its lease, for another replica's next
		// sweep, which sends the rest with their pauses. A done context
		// only begins that; deliveries the turns in flight start meanwhile
		// hand over at once.
		begun, begin := context.WithCancel(context.Background())
		begin()
		_ = a.deliverer.Shutdown(begun)
	}
	stopChannels()
	done := make(chan struct{})
	go func() { wg.Wait(); inflight.wait(); close(done) }()
	select {
	case <-done:
	case <-deadline.Done():
		log.Warn("shutdown timed out with turns in flight")
	}
	if a.deliverer != nil {
		// No turn can start a delivery any more: wait for the hand-over.
		if err := a.deliverer.Shutdown(deadline); err != nil {
			log.Warn("shutdown timed out with deliveries in progress; their leases will expire", "err", err)
		}
	}
	_ = srv.Shutdown(deadline)
	return runErr
}

// channel is one running adapter.
type channel struct {
	name    string
	adapter bot.Adapter
	webhook bool // takes its messages through serve's HTTP server
}

// runner is an adapter that tells whether it takes messages now: Run has
// started it and not yet stopped it.
type runner interface{ Running() bool }

// readiness answers /readyz, for load balancers and orchestrators.
//
//   - /readyz is 503 while the store is unreachable, from the moment the
//     replica begins to stop, and while a channel that takes its messages
//     through this HTTP server (a webhook: Telegram's, Slack's Events API)
//     is still starting, for up to wait after serve started: a replica
//     gets no update, no button press, it would answer 503 (Slack does not
//     send a press again). After wait, the channels that run are enough,
//     so that Slack unreachable while replicas start does not take
//     Telegram's webhooks down with it on every replica; if none runs, it
//     stays 503. The body says each channel's state.
//   - /readyz/{channel} is 503 unless the store is reachable and that
//     channel runs, for a load balancer that routes each webhook path to
//     its own pool.
type readiness struct {
	engine   *bot.Engine
	channels []channel
	log      *slog.Logger
	start    time.Time
	wait     time.Duration
	stopping atomic.Bool
}

// store answers 503 and returns false when the store is unreachable.
func (rd *readiness) store(w http.ResponseWriter, r *http.Request) bool {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("X-Carebot-Flows", rd.engine.Version())
	if err := rd.engine.Ready(ctx); err != nil {
		rd.log.Warn("not ready", "err", err)
		http.Error(w, "store unavailable", http.StatusServiceUnavailable)
		return false
	}
	return true
}

// running reports whether ch takes messages now; a channel that cannot
// tell (the desk, the follow-ups) runs as long as serve does.
func running(ch channel) bool {
	r, ok := ch.adapter.(runner)
	return !ok || r.Running()
}

func (rd *readiness) all(w http.ResponseWriter, r *http.Request) {
	if rd.stopping.Load() {
		http.Error(w, "stopping", http.StatusServiceUnavailable)
		return
	}
	if !rd.store(w, r) {
		return
	}
	var state strings.Builder
	webhooks, up := 0, 0
	for _, ch := range rd.channels {
		st := "running"
		if !running(ch) {
			st = "not running"
		}
		fmt.Fprintf(&state, "%s %s\n", ch.name, st)
		if ch.webhook {
			webhooks++
			if st == "running" {
				up++
			}
		}
	}
	starting := up < webhooks && time.Since(rd.start) < rd.wait
	if webhooks > 0 && (up == 0 || starting) {
		http.Error(w, "not ready\n"+state.String(), http.StatusServiceUnavailable)
		return
	}
	vs := rd.engine.Versions()
	fmt.Fprintf(w, "ready\nflows %s\n", vs[0])
	if len(vs) > 1 {
		// Older versions kept for conversations still in one of their flows.
		fmt.Fprintf(w, "flows_kept %s\n", strings.Join(vs[1:], " "))
	}
	fmt.Fprint(w, state.String())
}

func (rd *readiness) one(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("channel")
	i := slices.IndexFunc(rd.channels, func(ch channel) bool { return ch.name == name })
	if i < 0 {
		http.Error(w, "no channel "+strconv.Quote(name), http.StatusNotFound)
		return
	}
	if rd.stopping.Load() {
		http.Error(w, "stopping", http.StatusServiceUnavailable)
		return
	}
	if !rd.store(w, r) {
		return
	}
	if !running(rd.channels[i]) {
		http.Error(w, name+" not running", http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintf(w, "ready\n%s running\n", name)
}

// turnTimeout bounds one turn, rephrasing included.
const turnTimeout = 8 * time.Second

// turnCounter counts turns in flight so shutdown can wait for them.
type turnCounter struct{ wg sync.WaitGroup }

func (c *turnCounter) wrap(h bot.Handler) bot.Handler {
	return bot.HandlerFunc(func(ctx context.Context, m bot.Message) ([]bot.Reply, error) {
		c.wg.Add(1)
		defer c.wg.Done()
		// A turn that started finishes even if shutdown begins: its reply is
		// owed. It keeps its own bound instead of the channel's.
		tctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), turnTimeout)
		defer cancel()
		return h.HandleMessage(tctx, m)
	})
}

func (c *turnCounter) wait() { c.wg.Wait() }
