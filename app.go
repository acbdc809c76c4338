package main

import (
	"cmp"
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/desk"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/config"
	"github.com/carebot/carebot/flows"
	"github.com/carebot/carebot/metrics"
)

// store is what carebot needs of a store: sessions, a cache and claims.
type store interface {
	bot.Store
	bot.Cache
	bot.Claimer
}

// app is carebot wired from its configuration: the only place that wires.
type app struct {
	cfg      config.Config
	log      *slog.Logger
	flows    *flow.Set
	store    store
	engine   *bot.Engine
	handler  bot.Handler
	registry *metrics.Registry
	senders  map[string]bot.Sender // by platform: where the desk relays agents' words
	desk     *desk.Desk            // the hand-off desk; nil when nobody can take a hand-off (see desk.go)
	deskMode int                   // which desk the command runs (withDesk)
	texts    *liveTexts            // the flows' texts in use, for what is built before the engine
	close    []func() error

	rephraser bot.Rephraser           // nil when rephrasing is off
	flowsM    *metrics.Flows          // the flow set in use and reload results
	onReload  []func(context.Context) // run after a reload changed the flows (the Telegram menu)

	followUps bot.FollowUpStore // the check-ins people agreed to (see followups.go)
	idle      bot.IdleIndex     // conversations waiting, to count abandonment
	// peers are the Slack peer requests waiting for a colleague, shared
	// by every replica on Redis, so that any of them ends a wait.
	peers bot.PeerRequests
	// deliverer sends replies from conversations' outboxes, from any
	// replica (on Redis only); outlets are its channels, by platform,
	// filled in as the channels are built, before anything runs.
	deliverer *bot.Deliverer
	outlets   bot.Outlets
	care      *metrics.Care
	now       func() time.Time
}

func newApp(ctx context.Context, cfg config.Config, log *slog.Logger, stderr io.Writer, opts ...appOption) (*app, error) {
	set, err := loadFlows(cfg)
	if err != nil {
		printProblems(stderr, err)
		return nil, fmt.Errorf("the flows have problems; fix them and start again")
	}
	a := &app{cfg: cfg, log: log, flows: set, registry: metrics.NewRegistry(), senders: map[string]bot.Sender{}}
	a.now = time.Now
	for _, o := range opts {
		o(a)
	}

	var archive bot.FlowArchive
	if cfg.Redis.URL != "" {
		rs, err := redisstore.New(redisstore.Config{
			URL: cfg.Redis.URL, TTL: cfg.Session.TTL, Logger: log,
			// Three missed sweeps and a replica is presumed dead (on a
			// Redis Cluster, see redisstore's sweep.go).
			SweeperAlive: max(3*cfg.Delivery.Sweep, redisstore.DefaultSweeperAlive),
		})
		if err != nil {
			return nil, fmt.Errorf("redis: %w", err)
		}
		a.store = rs
		a.followUps = rs.FollowUps()
		a.peers = rs.Peers()
		a.idle = rs.Idle()
		// Several replicas may share Redis: replies go through each
		// conversation's outbox, so none is lost with a replica and none
		// overtakes another (see README, "Running several replicas").
		a.outlets = bot.Outlets{}
		a.deliverer, err = bot.NewDeliverer(bot.DelivererConfig{
			Store: rs, Index: rs, Outlet: a.outlets, Owner: replicaName(), Logger: log,
			Lease: cfg.Delivery.Lease, Sweep: cfg.Delivery.Sweep, Flush: cfg.Delivery.Flush,
		})
		if err != nil {
			return nil, err
		}
		archive = rs
		a.close = append(a.close, rs.Close)
		log.Info("sessions in redis")
	} else {
		a.store = memstore.New(memstore.Config{TTL: cfg.Session.TTL, Now: a.now})
		a.followUps = memstore.NewFollowUps()
		a.peers = memstore.NewPeers(a.now)
		a.idle = memstore.NewIdle()
		log.Info("sessions in memory (set REDIS_URL to keep them)")
	}

	rephraser, err := newRephraser(cfg, a.store, a.registry, log)
	if err != nil {
		return nil, err
	}
	vars := emergencyNumbers(cfg, set, log)
	contactVars(vars, cfg, set, log)
	a.texts = &liveTexts{}
	a.texts.Store(set)
	if a.desk, err = a.newDesk(); err != nil {
		return nil, err
	}
	ecfg := bot.Config{
		Flows:       set,
		Store:       a.store,
		Recorder:    metrics.New(a.registry),
		Logger:      log,
		History:     cfg.Session.History,
		FloodLimit:  cfg.Flood.Limit,
		FloodWindow: cfg.Flood.Window,
		Vars:        vars,
		Audience:    audience(cfg.Audiences),
		Archive:     archive,
		VersionTTL:  cfg.Session.TTL,
		Now:         a.now,
		Deliverer:   a.deliverer,
	}
	if err := a.wireFollowUps(&ecfg); err != nil {
		return nil, err
	}
	// Colleagues answer the peer queue in Slack's peer channel, never the
	// desk; with no desk at all, nobody can come for the other queues.
	// Without a peer channel nobody can be alerted there: the peer queue is
	// not served, and nobody in danger is told colleagues were alerted.
	ecfg.PeerQueue = cmp.Or(cfg.Slack.PeerQueue, config.DefaultPeerQueue)
	ecfg.PeerServed = a.slackRuns() && cfg.Slack.PeerChannel != ""
	if a.desk != nil {
		ecfg.Desk = a.desk
	}
	if rephraser != nil {
		a.rephraser = rephraser
		ecfg.Rephraser = rephraser
		ecfg.RephraseTimeout = cfg.LLM.Timeout
	}
	a.engine, err = bot.New(ecfg)
	if err != nil {
		return nil, err
	}
	a.flowsM = metrics.NewFlows(a.registry, set.Version)
	// Other replicas may meet conversations started here on this version.
	if err := a.engine.Publish(ctx); err != nil {
		log.Warn("flows not shared with other replicas", "err", err)
	}
	log.Info("flows loaded", "version", set.Version)
	a.handler = a.engine
	return a, nil
}

// liveTexts are the texts of the flow set in use (a reload replaces it).
type liveTexts struct{ atomic.Pointer[flow.Set] }

// Text implements bot.Texts.
func (t *liveTexts) Text(key, lang string, vars map[string]string) string {
	return t.Load().Text(key, lang, vars)
}

// Close releases the store's connections.
func (a *app) Close() {
	for _, f := range a.close {
		if err := f(); err != nil {
			a.log.Warn("close", "err", err)
		}
	}
}

// audience says who talks to carebot on each platform, as configured
// (config.Audiences): customers where nothing is said.
func audience(byPlatform map[string]string) func(bot.Address) string {
	return func(a bot.Address) string {
		if who := byPlatform[a.Platform]; who != "" {
			return who
		}
		return flow.AudienceCustomer
	}
}

// loadFlows loads the built-in flows, or the folder CAREBOT_FLOWS_DIR names.
// A folder without texts.yaml (written before it existed) gets the
// built-in texts.
func loadFlows(cfg config.Config) (*flow.Set, error) {
	set, err := readFlows(cfg)
	if err != nil {
		return set, err
	}
	// What no text may promise (a person who may not come, a yes to a
	// refund) is refused wherever flows are put to use: at start, on a
	// reload, by carebot flows validate.
	if err := flow.Honesty(set); err != nil {
		if cfg.FlowsDir != "" {
			return set, flow.InDir(cfg.FlowsDir, err) // as LoadDir names files
		}
		return set, err
	}
	return set, nil
}

// readFlows loads the built-in flows, or those of cfg.FlowsDir with the
// built-in texts when the folder has none.
func readFlows(cfg config.Config) (*flow.Set, error) {
	if cfg.FlowsDir == "" {
		return flow.Load(flows.FS)
	}
	set, err := flow.LoadDir(cfg.FlowsDir)
	if err != nil || len(set.Texts) > 0 {
		return set, err
	}
	builtin, err := flow.Load(flows.FS)
	if err != nil {
		return nil, fmt.Errorf("built-in texts: %w", err)
	}
	set.Texts = builtin.Texts
	return set, nil
}

// newLogger logs text on a terminal and JSON otherwise. level overrides
// the configured level when the configuration keeps the default (chat is
// quieter than serve).
func newLogger(cfg config.Config, w io.Writer, quiet string) *slog.Logger {
	level := cfg.LogLevel
	if quiet != "" && level == "info" {
		level = quiet
	}
	var lv slog.Level
	_ = lv.UnmarshalText([]byte(level))
	opts := &slog.HandlerOptions{Level: lv}
	format := cfg.LogFormat
	if format == "auto" {
		format = "json"
		if f, ok := w.(*os.File); ok && isTerminal(f) {
			format = "text"
		}
	}
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

// emergencyNumbers gives the crisis message a number in every language of
// the flows. A language the configuration forgot gets the default number
// (crisis.default_number) and a warning: the safety message must never
// say "call  now".
func emergencyNumbers(cfg config.Config, set *flow.Set, log *slog.Logger) map[string]map[string]string {
	vars := map[string]map[string]string{"": {"emergency_number": cfg.Crisis.DefaultNumber}}
	for lang, n := range cfg.Crisis.EmergencyNumbers {
		vars[lang] = map[string]string{"emergency_number": n}
	}
	for _, lang := range set.Common.Languages {
		if vars[lang]["emergency_number"] == "" {
			log.Warn("no emergency number for a language of the flows, using the default", "lang", lang, "number", cfg.Crisis.DefaultNumber)
		}
	}
	return vars
}

// contactVars adds the configured ways to reach the team ({{contact_phone}},
// {{contact_email}}, {{contact_hours}}) to vars, per language. A language
// of the flows with no entry gets the first configured language's, in the
// flows' order, with a warning: a phone number is still worth giving.
func contactVars(vars map[string]map[string]string, cfg config.Config, set *flow.Set, log *slog.Logger) {
	if len(cfg.Contact) == 0 {
		return
	}
	put := func(lang string, c config.Contact) {
		if vars[lang] == nil {
			vars[lang] = map[string]string{}
		}
		vars[lang]["contact_phone"] = strings.TrimSpace(c.Phone)
		vars[lang]["contact_email"] = strings.TrimSpace(c.Email)
		vars[lang]["contact_hours"] = strings.TrimSpace(c.Hours)
	}
	langs := append(slices.Clone(set.Common.Languages), slices.Sorted(maps.Keys(cfg.Contact))...)
	for _, lang := range langs {
		if c, ok := cfg.Contact[lang]; ok {
			put("", c)
			break
		}
	}
	for lang, c := range cfg.Contact {
		put(lang, c)
	}
	for _, lang := range set.Common.Languages {
		if _, ok := cfg.Contact[lang]; !ok {
			log.Warn("no contact for a language of the flows, using another language's", "lang", lang)
		}
	}
}

// replicaName names this process in delivery leases: host, pid and a
// random part, so a restarted replica never passes for its former self.
func replicaName() string {
	host, _ := os.Hostname()
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s-%d-%x", host, os.Getpid(), b)
}
