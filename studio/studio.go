// Package studio is the flow studio: one web page where a support lead sees
// what carebot will do before it does it. It shows the flows as pictures,
// every problem in their files, a conversation to try and the conversation
// tests, all against the files on disk, refreshed as they are saved. It
// never edits a flow file: the files stay the source of truth, edited in
// the lead's own editor and kept in git. The only file it may write is a
// new conversation test, when started with WriteTests.
//
// The page is plain HTML, CSS and a little JavaScript embedded in the
// binary (web/); the server speaks JSON to it and pushes changes with
// server-sent events.
package studio

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/flowtest"
	"github.com/carebot/carebot/flows"
)

//go:embed web
var web embed.FS

// Config says what the studio shows.
type Config struct {
	// Dir is the folder of flows on disk; "" shows the built-in flows
	// (which change only with a new build, so nothing is watched).
	Dir string
	// WriteTests lets "Save as test" write a file into Dir/tests.
	WriteTests bool
	// Vars are the engine's built-in template values per language, as in
	// bot.Config.Vars; nil uses emergency number 112 everywhere.
	Vars   map[string]map[string]string
	Logger *slog.Logger
	// Debounce is how long after the last file change the studio reloads
	// (default 150 ms: an editor's save is often several writes).
	Debounce time.Duration
}

// Server is the studio: an http.Handler over one folder of flows.
type Server struct {
	cfg  Config
	log  *slog.Logger
	fsys fs.FS
	root string // how files are named to the lead

	mu       sync.Mutex
	snap     *snapshot
	subs     map[chan int]struct{}
	quit     chan struct{} // closed when Watch returns: event streams end
	once     sync.Once
	watching chan struct{} // closed once Watch sees the folder's changes

	try   *tryIt
	tests *testRunner
	mux   *http.ServeMux
}

// snapshot is the studio's view of the files at one moment.
type snapshot struct {
	gen      int       // bumped at each reload: the page refetches when it changes
	set      *flow.Set // nil when nothing could be read; partial when problems is not empty
	good     bool      // no problem: the set can run
	problems []Problem
	suite    *flowtest.Suite // nil when the flows or the tests have problems
	loaded   time.Time

	gmu    sync.Mutex
	graphs map[string][]byte // flow/lang → SVG
}

// Problem is one validation problem, with the step it concerns when it
// is inside one.
type Problem struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
	Msg  string `json:"msg"`
	Text string `json:"text"` // FILE:LINE:COL: message
	Flow string `json:"flow,omitempty"`
	Step string `json:"step,omitempty"`
}

// New loads the flows and returns the studio. It does no other I/O: Watch
// follows the files.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Debounce <= 0 {
		cfg.Debounce = 150 * time.Millisecond
	}
	if cfg.Vars == nil {
		cfg.Vars = map[string]map[string]string{"": {"emergency_number": "112"}}
	}
	s := &Server{cfg: cfg, log: cfg.Logger, subs: map[chan int]struct{}{}, quit: make(chan struct{}), watching: make(chan struct{})}
	if cfg.Dir != "" {
		s.fsys, s.root = os.DirFS(cfg.Dir), cfg.Dir
	} else {
		s.fsys, s.root = flows.FS, "flows"
	}
	s.try = newTryIt(cfg.Vars)
	s.tests = &testRunner{vars: cfg.Vars}
	s.reload(context.Background())
	s.routes()
	return s
}

// ServeHTTP serves the page and its API.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("X-Frame-Options", "DENY")
	// A page of another site can send a form to the studio, but not
	// with a JSON content type (that needs CORS, which the studio never
	// grants): so no other site can write a test or play a turn.
	if r.Method == http.MethodPost {
		if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
			kindError(w, http.StatusUnsupportedMediaType, "the studio takes JSON only")
			return
		}
	}
	s.mux.ServeHTTP(w, r)
}

// LocalOnly refuses requests whose Host is not this machine, so that a
// web page cannot reach a studio that has no credentials through a DNS
// name that points to 127.0.0.1 (DNS rebinding).
func LocalOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.Host)
		if err != nil {
			host = r.Host
		}
		ip := net.ParseIP(strings.Trim(host, "[]"))
		if host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			http.Error(w, "open the studio as http://127.0.0.1 or http://localhost", http.StatusMisdirectedRequest)
			return
		}
		h.ServeHTTP(w, r)
	})
}

func (s *Server) current() *snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.snap
}

// reload reads the files again, tells the try-it engine about a good set
// and every open page about the change.
func (s *Server) reload(ctx context.Context) {
	snap := s.load()
	s.mu.Lock()
	if s.snap != nil {
		snap.gen = s.snap.gen + 1
	}
	s.snap = snap
	subs := make([]chan int, 0, len(s.subs))
	for c := range s.subs {
		subs = append(subs, c)
	}
	s.mu.Unlock()
	if snap.good {
		if err := s.try.use(ctx, snap.set); err != nil {
			s.log.Error("studio: try-it engine", "err", err)
		}
	}
	s.tests.changed(snap)
	s.log.Info("studio: flows read", "gen", snap.gen, "problems", len(snap.problems))
	for _, c := range subs {
		select { // a slow page misses a beat, never blocks the others
		case c <- snap.gen:
		default:
		}
	}
}

// load reads the folder: the set if it is good, else as much of it as
// can be read and every problem; then the conversation tests.
func (s *Server) load() *snapshot {
	snap := &snapshot{loaded: time.Now(), graphs: map[string][]byte{}}
	set, err := flow.Load(s.fsys)
	if err == nil {
		s.builtinTexts(set)
		// What carebot serve would refuse (see flow.Honesty) is a problem
		// here too.
		if hs := flow.Honesty(set); hs != nil {
			err = hs
		}
	}
	if err == nil {
		snap.set, snap.good = set, true
		suite, err := flowtest.Load(s.fsys, s.root, set)
		if err == nil {
			snap.suite = suite
		} else {
			snap.problems = append(snap.problems, s.problems(set, err, false)...)
		}
		return snap
	}
	partial, _ := flow.LoadAll(s.fsys)
	snap.set = partial
	snap.problems = s.problems(partial, err, true)
	return snap
}

// builtinTexts gives a folder without texts.yaml the built-in texts, as
// carebot serve does.
func (s *Server) builtinTexts(set *flow.Set) {
	if len(set.Texts) > 0 || s.cfg.Dir == "" {
		return
	}
	if builtin, err := flow.Load(flows.FS); err == nil {
		set.Texts = builtin.Texts
	}
}

// problems turns load errors into Problems, each placed at the step that
// holds its line when there is one. inFS: file names are relative to the
// folder (flow errors), else they already start with the root (test errors).
func (s *Server) problems(set *flow.Set, err error, inFS bool) []Problem {
	var es flow.Errors
	if !errors.As(err, &es) {
		return []Problem{{Msg: err.Error(), Text: err.Error()}}
	}
	out := make([]Problem, 0, len(es))
	for _, e := range es {
		p := Problem{File: e.Pos.File, Line: e.Pos.Line, Col: e.Pos.Col, Msg: e.Msg}
		rel := e.Pos.File
		if inFS {
			p.File = path.Join(filepath.ToSlash(s.root), e.Pos.File)
		} else {
			rel = strings.TrimPrefix(rel, filepath.ToSlash(s.root)+"/")
		}
		p.Text = (&flow.Error{Pos: flow.Pos{File: p.File, Line: p.Line, Col: p.Col}, Msg: p.Msg}).Error()
		p.Flow, p.Step = placeOf(set, rel, p.Line)
		out = append(out, p)
	}
	return out
}

// placeOf finds the flow of file and the step whose lines hold line.
func placeOf(set *flow.Set, file string, line int) (string, string) {
	if set == nil {
		return "", ""
	}
	for _, id := range set.Order {
		f := set.Flows[id]
		if f == nil || f.File != file {
			continue
		}
		step := ""
		for _, st := range f.Steps {
			if st.Pos.Line > 0 && st.Pos.Line <= line {
				step = st.ID
			}
		}
		return id, step
	}
	return "", ""
}

// Watch reloads the studio when files of the folder change, until ctx
// ends. It returns at once for the built-in flows.
func (s *Server) Watch(ctx context.Context) error {
	defer s.once.Do(func() { close(s.quit) })
	if s.cfg.Dir == "" {
		<-ctx.Done()
		return nil
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch %s: %w", s.cfg.Dir, err)
	}
	defer w.Close()
	if err := w.Add(s.cfg.Dir); err != nil {
		return fmt.Errorf("watch %s: %w", s.cfg.Dir, err)
	}
	testsDir := filepath.Join(s.cfg.Dir, flowtest.Dir)
	watchingTests := w.Add(testsDir) == nil
	close(s.watching)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ev.Has(fsnotify.Chmod) && !ev.Has(fsnotify.Write) {
				continue
			}
			if !watchingTests && filepath.Clean(ev.Name) == testsDir {
				watchingTests = w.Add(testsDir) == nil
			}
			timer.Reset(s.cfg.Debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			s.log.Warn("studio: watching files", "err", err)
		case <-timer.C:
			s.reload(ctx)
		}
	}
}

// Watching is closed once Watch sees changes to the folder's files: a
// change made before that may be missed until the next one.
func (s *Server) Watching() <-chan struct{} { return s.watching }

// subscribe registers a page for change notices.
func (s *Server) subscribe() (chan int, func()) {
	c := make(chan int, 1)
	s.mu.Lock()
	s.subs[c] = struct{}{}
	s.mu.Unlock()
	return c, func() {
		s.mu.Lock()
		delete(s.subs, c)
		s.mu.Unlock()
	}
}

// events streams "change" events (server-sent events) with the new
// generation, so the page refreshes what it shows.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	fl, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming is not supported here", http.StatusInternalServerError)
		return
	}
	c, done := s.subscribe()
	defer done()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	fmt.Fprintf(w, "retry: 500\nevent: change\ndata: %d\n\n", s.current().gen)
	fl.Flush()
	keep := time.NewTicker(20 * time.Second)
	defer keep.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.quit:
			return
		case gen := <-c:
			fmt.Fprintf(w, "event: change\ndata: %d\n\n", gen)
			fl.Flush()
		case <-keep.C:
			fmt.Fprint(w, ": still here\n\n")
			fl.Flush()
		}
	}
}

// flowProblems counts problems per flow.
func (sn *snapshot) flowProblems() map[string]int {
	m := map[string]int{}
	for _, p := range sn.problems {
		if p.Flow != "" {
			m[p.Flow]++
		}
	}
	return m
}

// languages of the snapshot's set, with a default.
func (sn *snapshot) languages() []string {
	if sn.set == nil || len(sn.set.Common.Languages) == 0 {
		return []string{"en"}
	}
	return slices.Clone(sn.set.Common.Languages)
}
