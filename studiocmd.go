package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/config"
	"github.com/carebot/carebot/flows"
	"github.com/carebot/carebot/studio"
)

func studioCmd(stdout, stderr io.Writer, getenv func(string) string) *cobra.Command {
	var (
		addr       string
		writeTests bool
	)
	cmd := &cobra.Command{
		Use:   "studio [DIR]",
		Short: "Open the flow studio in a browser: flows as pictures, problems, a conversation to try, the tests",
		Long: `Serves the flow studio, a web page over the flows in DIR (default
CAREBOT_FLOWS_DIR, else the built-in flows): each flow drawn with its steps,
every problem as FILE:LINE:COL, a conversation to try in memory and the
conversation tests, refreshed within a second when a file is saved. It only
reads the files; with --write-tests, "Save as test" may add a file to tests/.

It listens on 127.0.0.1:8081. On any other address it needs
CAREBOT_STUDIO_TOKEN (a bearer token) or CAREBOT_STUDIO_USER and
CAREBOT_STUDIO_PASSWORD (basic auth), as the studio in carebot serve does.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := config.Load(getenv)
			if err != nil {
				return fmt.Errorf("configuration: %w", err)
			}
			if len(args) == 1 {
				cfg.FlowsDir = args[0]
			}
			if writeTests && cfg.FlowsDir == "" {
				return errors.New("--write-tests writes into the folder of flows: name it, such as carebot studio myflows --write-tests")
			}
			log := newLogger(cfg, stderr, "warn")
			auth := studio.Auth{Token: cfg.Studio.Token, User: cfg.Studio.User, Password: cfg.Studio.Password}
			if !auth.Set() && !loopback(addr) {
				return fmt.Errorf("--addr %s is not this machine only: set CAREBOT_STUDIO_TOKEN, or CAREBOT_STUDIO_USER and CAREBOT_STUDIO_PASSWORD, so that only your team can open the studio", addr)
			}
			return runStudio(cmd.Context(), studio.Config{Dir: cfg.FlowsDir, WriteTests: writeTests, Vars: studioVars(cfg, log), Logger: log}, auth, addr, stdout, log)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "127.0.0.1:8081", "where to listen")
	cmd.Flags().BoolVar(&writeTests, "write-tests", false, `let "Save as test" write a new file into DIR/tests`)
	return cmd
}

// studioVars are the template values the try-it engine fills in (the
// emergency number and the contacts), as carebot serve would.
func studioVars(cfg config.Config, log *slog.Logger) map[string]map[string]string {
	set, err := readFlows(cfg) // the values, even of a set with a promise to mend
	if err != nil {
		set, _ = flow.Load(flows.FS)
	}
	if set == nil {
		return nil
	}
	vars := emergencyNumbers(cfg, set, log)
	contactVars(vars, cfg, set, log)
	return vars
}

// loopback reports whether addr listens on this machine only.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// runStudio serves the studio on addr until ctx ends.
func runStudio(ctx context.Context, cfg studio.Config, auth studio.Auth, addr string, stdout io.Writer, log *slog.Logger) error {
	s := studio.New(cfg)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	h := studio.LocalOnly(s)
	if auth.Set() {
		h = auth.Wrap(s)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	watchCtx, stop := context.WithCancel(ctx)
	defer stop()
	go func() {
		if err := s.Watch(watchCtx); err != nil {
			log.Error("studio: files not watched; reload the page after a change", "err", err)
		}
	}()
	fmt.Fprintf(stdout, "carebot studio: open http://%s/ in your browser (Ctrl-C stops it)\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
	case err := <-errc:
		return fmt.Errorf("studio: %w", err)
	}
	sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx) // the page's event stream is cut: it reconnects to the next studio
	return nil
}

// mountStudio serves the studio at /studio/ on serve's HTTP server when
// studio.enabled is set; config.Validate has made sure credentials are
// set. It returns the function that stops watching the files.
func mountStudio(ctx context.Context, mux *http.ServeMux, cfg config.Config, a *app, log *slog.Logger) func() {
	if !cfg.Studio.Enabled {
		return func() {}
	}
	auth := studio.Auth{Token: cfg.Studio.Token, User: cfg.Studio.User, Password: cfg.Studio.Password}
	vars := emergencyNumbers(cfg, a.flows, log)
	contactVars(vars, cfg, a.flows, log)
	s := studio.New(studio.Config{Dir: cfg.FlowsDir, Vars: vars, Logger: log})
	h := auth.Wrap(http.StripPrefix("/studio", s))
	mux.Handle("/studio/", h)
	mux.Handle("GET /studio", http.RedirectHandler("/studio/", http.StatusMovedPermanently))
	// The serve ctx ends at SIGTERM: the watcher stops and the pages'
	// event streams end, so they do not hold the server's shutdown.
	wctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := s.Watch(wctx); err != nil {
			log.Error("studio: files not watched", "err", err)
		}
	}()
	log.Info("studio at /studio/")
	return func() { stop(); <-done }
}
