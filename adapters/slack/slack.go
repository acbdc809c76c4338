// Package slack runs carebot on Slack for employees: conversations in
// direct messages with the bot (and in a thread when someone mentions it in
// a channel), buttons as Block Kit actions, and the peer-support hand-off,
// which posts an anonymous request in a channel and connects the first
// colleague who offers to listen in a group DM.
//
// It is the only importer of github.com/slack-go/slack. Two transports feed
// the same code: the Events API over HTTP (EventsHandler and
// InteractionsHandler, mounted by `carebot serve`) and Socket Mode (Run,
// when Config.AppToken is set). Every request is acknowledged first and the
// turn done afterwards, in order per conversation.
package slack

import (
	"context"
	"crypto/cipher"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slack-go/slack"

	"github.com/carebot/carebot/adapters/internal/turn"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/desk"
)

// Interface guards.
var (
	_ bot.Adapter = (*Adapter)(nil)
	_ bot.Sender  = (*Adapter)(nil)
)

// Defaults.
const (
	DefaultPeerQueue = "peer"
	DefaultPeerWait  = 10 * time.Minute
	DefaultPeerPoll  = time.Second
	DefaultLang      = "en"
	DefaultWorkers   = turn.DefaultWorkers // applied by the turn runner

	queueSize    = 1024 // jobs accepted and not finished; an HTTP event past it is refused
	localeTTL    = time.Hour
	localeCap    = 10000
	seenTTL      = time.Hour // Slack retries an event for about five minutes
	seenCap      = 50000
	maxBodyBytes = 1 << 20
)

// Config is what the Slack adapter needs; main copies it from the
// environment and the YAML config.
type Config struct {
	BotToken      string // SLACK_BOT_TOKEN (xoxb-…): required
	AppToken      string // SLACK_APP_TOKEN (xapp-…): Run uses Socket Mode when set
	SigningSecret string // SLACK_SIGNING_SECRET: required for the HTTP handlers
	// APIURL is SLACK_API_URL, the Web API base ("https://slack.com/api/" when
	// empty); tests point it at a local server.
	APIURL string
	// PeerChannel is SLACK_PEER_CHANNEL, the channel ID where anonymous
	// peer-support requests are posted. The bot must be a member. Empty: a
	// peer hand-off is answered at once as "nobody is free".
	PeerChannel string
	// PeerQueue is the hand-off queue routed to peers ("peer" when empty).
	PeerQueue string
	// PeerWait is how long a request waits for a volunteer (10 minutes when zero).
	PeerWait time.Duration
	// Peers keeps the requests posted and the ends of their waits where
	// every carebot process sees them (the Redis store), so that any of
	// them tells the person nobody came, or closes a withdrawn request,
	// even if the one that posted it is gone. Required with PeerChannel.
	Peers bot.PeerRequests
	// PeerPoll is how often Run checks for waits that ended (a second
	// when zero).
	PeerPoll time.Duration
	// DefaultLang is used when Slack does not give the user's locale ("en"
	// when empty), and for the peer channel and the desk.
	DefaultLang string
	// Texts are the adapter's own words (the engine, from the flows'
	// texts.yaml): required.
	Texts bot.Texts
	// Claimer decides which volunteer wins a request: it must be shared by
	// every carebot process (the Redis store). Required with PeerChannel.
	Claimer bot.Claimer
	// HTTPClient is used for the Web API and Socket Mode (http.DefaultClient when nil).
	HTTPClient *http.Client
	Logger     *slog.Logger // nil discards
	// PaceScale multiplies each Reply.Pause before the reply is posted: 1 (or
	// 0, the zero value) waits as scripted, 0.1 a tenth; a negative value
	// sends at once (tests).
	PaceScale float64
	// Workers bounds the turns handled at the same moment (16 when zero).
	Workers int
	// TurnTimeout bounds one turn and the delivery of its replies.
	TurnTimeout time.Duration
	// ShutdownGrace is how long turns already accepted may run once Run's
	// ctx ends, before they are cancelled.
	ShutdownGrace time.Duration
	// Gate counts each message as it arrives (flood control; the engine).
	// nil: the handler counts at turn time.
	Gate bot.Gate
	// Desk, when set, is the hand-off desk: presses on its cards and
	// messages in its tickets' threads in DeskChannels go to it.
	// AgentNames overrides the first name people see for an agent (user
	// ID → name).
	Desk         *desk.Desk
	DeskChannels []string
	AgentNames   map[string]string
}

// client is what the adapter and the desk's Board share: the settings,
// the Web API, and its retries.
type client struct {
	cfg   Config
	api   *slack.Client
	log   *slog.Logger
	sleep func(ctx context.Context, d time.Duration) error // tests make waits instant
}

// Adapter runs carebot on Slack. Build it with New.
type Adapter struct {
	client
	aead cipher.AEAD

	state atomic.Pointer[runState] // set while Run runs

	seen    *seenSet
	locales *localeCache
	// questions remembers each conversation's latest message with buttons,
	// so that a press on an older one is not shown as chosen. It is a
	// display nicety: the engine decides what is stale.
	questions cache[bot.Address]
	dms       cache[string] // users' DMs with the bot, for slash commands

	desk  *deskState    // the hand-off desk, nil without one
	names cache[string] // agents' first names
}

// runState is what the transports need while Run runs.
type runState struct {
	self identity
	r    *turn.Runner
	h    bot.Handler // the engine, told about agents' actions on the desk
}

// New checks cfg and builds an Adapter. It does no I/O.
func New(cfg Config) (*Adapter, error) {
	c, err := newClient(cfg)
	if err != nil {
		return nil, err
	}
	cfg = c.cfg
	if cfg.AppToken == "" && cfg.SigningSecret == "" {
		return nil, errors.New("slack: set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (Events API over HTTP)")
	}
	if cfg.PeerChannel != "" && cfg.Claimer == nil {
		return nil, errors.New("slack: a peer channel needs a Claimer")
	}
	if cfg.PeerChannel != "" && cfg.Peers == nil {
		return nil, errors.New("slack: a peer channel needs a store for its requests (Peers)")
	}
	aead, err := newSealer(cfg.BotToken)
	if err != nil {
		return nil, fmt.Errorf("slack: %w", err)
	}
	a := &Adapter{
		client:  c,
		aead:    aead,
		seen:    newSeenSet(seenTTL, seenCap),
		locales: newLocaleCache(localeTTL, localeCap),
	}
	if cfg.Desk != nil {
		a.desk = &deskState{d: cfg.Desk, channels: map[string]bool{}, names: cfg.AgentNames}
		for _, ch := range cfg.DeskChannels {
			a.desk.channels[ch] = true
		}
	}
	return a, nil
}

// newClient checks what every Slack client needs and applies the defaults.
func newClient(cfg Config) (client, error) {
	if cfg.BotToken == "" {
		return client{}, errors.New("slack: bot token required (SLACK_BOT_TOKEN)")
	}
	if cfg.Texts == nil {
		return client{}, errors.New("slack: texts required (the flows' texts.yaml)")
	}
	if cfg.APIURL == "" {
		cfg.APIURL = slack.APIURL
	}
	if !strings.HasSuffix(cfg.APIURL, "/") {
		cfg.APIURL += "/"
	}
	if cfg.PeerQueue == "" {
		cfg.PeerQueue = DefaultPeerQueue
	}
	if cfg.PeerWait <= 0 {
		cfg.PeerWait = DefaultPeerWait
	}
	if cfg.PeerPoll <= 0 {
		cfg.PeerPoll = DefaultPeerPoll
	}
	if cfg.DefaultLang == "" {
		cfg.DefaultLang = DefaultLang
	}
	if cfg.PaceScale == 0 {
		cfg.PaceScale = 1
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = http.DefaultClient
	}
	lg := cfg.Logger
	if lg == nil {
		lg = slog.New(slog.DiscardHandler)
	}
	opts := []slack.Option{
		slack.OptionAPIURL(cfg.APIURL),
		slack.OptionHTTPClient(cfg.HTTPClient),
		// slack-go's debug output prints message text: it stays off, and its
		// logger writes nowhere.
		slack.OptionDebug(false),
		slack.OptionLog(log.New(io.Discard, "", 0)),
	}
	if cfg.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(cfg.AppToken))
	}
	return client{cfg: cfg, api: slack.New(cfg.BotToken, opts...), log: lg.With("platform", Platform), sleep: bot.Sleep}, nil
}

// Running reports whether the adapter takes events now: Run has checked
// the token (auth.test) and not yet stopped. Until then, the HTTP
// handlers answer 503.
func (a *Adapter) Running() bool { return a.state.Load() != nil }

// Run connects to Slack and handles conversations with h until ctx is done.
// It first checks the token (auth.test) and learns the bot's own IDs; then,
// with an app token, it holds a Socket Mode connection; without one, it
// serves the HTTP handlers until ctx is done. It returns nil once ctx is
// done and an error only when Slack refuses the tokens.
func (a *Adapter) Run(ctx context.Context, h bot.Handler) error {
	self, err := a.authTest(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	r := turn.New(turn.Config{
		Handler: h, Gate: a.cfg.Gate, Texts: a.cfg.Texts, Workers: a.cfg.Workers,
		Timeout: a.cfg.TurnTimeout, Grace: a.cfg.ShutdownGrace, MaxQueued: queueSize, Logger: a.log,
	})
	st := &runState{self: self, r: r, h: h}
	a.state.Store(st)
	a.log.Info("slack connected", "socket_mode", a.cfg.AppToken != "", "http", a.cfg.SigningSecret != "")

	waits := a.startPeerWaits(ctx, st)
	if a.cfg.AppToken != "" {
		err = a.runSocket(ctx, st)
	} else {
		<-ctx.Done()
	}
	a.state.CompareAndSwap(st, nil)
	waits()
	r.Close()
	a.log.Info("slack stopped")
	return err
}

// startPeerWaits runs runPeerWaits while a peer channel is served; the
// function it returns stops it and waits for it to end, before the runner
// it submits to closes.
func (a *Adapter) startPeerWaits(ctx context.Context, st *runState) (stop func()) {
	if a.cfg.PeerChannel == "" {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.runPeerWaits(ctx, st)
	}()
	return func() { cancel(); <-done }
}

// authTest checks the bot token and returns the bot's identity. Network
// trouble is retried until ctx is done; a refused token is an error.
func (a *Adapter) authTest(ctx context.Context) (identity, error) {
	backoff := time.Second
	for {
		var res *slack.AuthTestResponse
		err := a.call(ctx, "auth.test", func(ctx context.Context) (err error) {
			res, err = a.api.AuthTestContext(ctx)
			return err
		})
		if err == nil {
			return identity{UserID: res.UserID, BotID: res.BotID}, nil
		}
		// A Slack error code (invalid_auth, token_revoked, account_inactive…)
		// will not change by waiting; a network error may.
		if slackCode(err) != "" || ctx.Err() != nil {
			return identity{}, fmt.Errorf("slack: %w", err)
		}
		a.log.Warn("slack unreachable, retrying", "err", err, "wait", backoff)
		if err := a.sleep(ctx, backoff); err != nil {
			return identity{}, err
		}
		backoff = min(backoff*2, time.Minute)
	}
}

// Send writes replies to a conversation without an inbound message (an
// agent's words relayed by the desk, a follow-up). It does not wait for
// the conversation's queue: the caller keeps its own order.
func (a *Adapter) Send(ctx context.Context, to bot.Address, replies []bot.Reply) error {
	if to.Platform != Platform {
		return fmt.Errorf("slack send: address is for %q", to.Platform)
	}
	var errs []error
	st := a.state.Load()
	for _, r := range replies {
		if err := a.pause(ctx, r.Pause); err != nil {
			return fmt.Errorf("slack send: %w", err)
		}
		if err := a.post(ctx, to, r); err != nil {
			errs = append(errs, err)
		}
		if r.Handoff != nil && r.Handoff.Queue == a.cfg.PeerQueue {
			if st == nil {
				a.log.Error("peer hand-off sent while not running: no request posted", "chat", to.Hash())
				continue
			}
			a.peerNews(ctx, st, to, a.cfg.DefaultLang, *r.Handoff)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("slack send: %w", err)
	}
	return nil
}

// turnJob is the runner's job for one inbound message: the person's
// language and what before does (a pressed question updated) first, then
// the handler, then the replies in order.
func (a *Adapter) turnJob(st *runState, m bot.Message, before func(context.Context)) turn.Job {
	return turn.Job{
		Key: m.From.String(),
		Msg: &m,
		Prepare: func(ctx context.Context, m *bot.Message) {
			if before != nil {
				before(ctx)
			}
			if m.Lang == "" {
				m.Lang = a.lang(ctx, m.From.User)
			}
		},
		Deliver: func(ctx context.Context, m bot.Message, replies []bot.Reply) error {
			a.deliver(ctx, st, m.From, m.Lang, replies)
			return nil
		},
	}
}

// deliver posts replies in order, pausing as scripted, and opens a peer
// request when a reply hands the conversation to the peer queue.
func (a *Adapter) deliver(ctx context.Context, st *runState, to bot.Address, lang string, replies []bot.Reply) {
	for _, r := range replies {
		if err := a.pause(ctx, r.Pause); err != nil {
			a.log.Error("replies lost", "chat", to.Hash(), "err", err)
			return
		}
		if err := a.post(ctx, to, r); err != nil {
			a.log.Error("reply lost", "chat", to.Hash(), "err", err, "hint", hint(err))
		}
		if r.Handoff != nil {
			if r.Handoff.Queue == a.cfg.PeerQueue {
				a.peerNews(ctx, st, to, lang, *r.Handoff)
			} else {
				a.log.Debug("hand-off left to the desk", "chat", to.Hash(), "queue", r.Handoff.Queue)
			}
		}
	}
}

// post writes one reply to a conversation: in its thread when it has one.
func (a *Adapter) post(ctx context.Context, to bot.Address, r bot.Reply) error {
	_, err := a.postTS(ctx, to, r)
	return err
}

// postTS is post, returning the ts of the message posted ("" if none).
func (a *Adapter) postTS(ctx context.Context, to bot.Address, r bot.Reply) (string, error) {
	if r.Text == "" && len(r.Choices) == 0 {
		return "", nil
	}
	channel, thread := splitChat(to.Chat)
	var addressee string
	if thread != "" {
		addressee = to.User
	}
	txt, blocks := render(r, addressee)
	opts := []slack.MsgOption{slack.MsgOptionText(txt, false)}
	if len(blocks) > 0 {
		opts = append(opts, slack.MsgOptionBlocks(blocks...))
	}
	if thread != "" {
		opts = append(opts, slack.MsgOptionTS(thread))
	}
	var ts string
	err := a.call(ctx, "chat.postMessage", func(ctx context.Context) (err error) {
		_, ts, err = a.api.PostMessageContext(ctx, channel, opts...)
		return err
	})
	if err != nil {
		return "", err
	}
	if len(r.Choices) > 0 {
		a.questions.put(to, ts)
	}
	return ts, nil
}

// pause waits a reply's scripted pause, scaled by PaceScale. Slack shows
// no typing indicator for bots, so the wait alone paces a long answer.
func (a *Adapter) pause(ctx context.Context, d time.Duration) error {
	if d <= 0 || a.cfg.PaceScale < 0 {
		return nil
	}
	return a.sleep(ctx, time.Duration(float64(d)*a.cfg.PaceScale))
}

// lang returns the user's Slack locale ("fr-FR"), or DefaultLang when
// Slack does not say. It is cached, and looked up with a short timeout:
// the language is a hint, not worth holding a turn for.
func (a *Adapter) lang(ctx context.Context, user string) string {
	if l, ok := a.locales.get(user); ok {
		return l
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	l := a.cfg.DefaultLang
	u, err := a.api.GetUserInfoContext(ctx, user, slack.GetUserInfoOptionIncludeLocale(true))
	switch {
	case err != nil:
		a.log.Debug("user locale unknown", "err", err, "hint", hint(err))
		// Remember the default briefly: a missing scope must not cost an
		// API call per message.
		a.locales.put(user, l, time.Minute)
		return l
	case u.Locale != "":
		l = u.Locale
	}
	a.locales.put(user, l, 0)
	return l
}

// randomID returns a short random id.
func randomID() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// seenSet remembers recently handled event IDs so that Slack's retries and
// in-flight duplicates are handled once. The engine also de-duplicates by
// Message.ID, which survives restarts; this set catches a duplicate before
// it costs a turn (and before a second button press re-renders a message).
type seenSet struct {
	mu  sync.Mutex
	ttl time.Duration
	cap int
	m   map[string]time.Time
}

func newSeenSet(ttl time.Duration, capacity int) *seenSet {
	return &seenSet{ttl: ttl, cap: capacity, m: map[string]time.Time{}}
}

// add records key and reports whether it is new.
func (s *seenSet) add(key string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.m[key]; ok && now.Sub(t) < s.ttl {
		return false
	}
	if len(s.m) >= s.cap {
		for k, t := range s.m {
			if now.Sub(t) >= s.ttl {
				delete(s.m, k)
			}
		}
		if len(s.m) >= s.cap { // all fresh: forget the lot rather than grow without bound
			clear(s.m)
		}
	}
	s.m[key] = now
	return true
}

// forget removes key: the event could not be queued and Slack will send it again.
func (s *seenSet) forget(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, key)
}

// localeCache keeps users' locales for an hour.
type localeCache struct {
	mu  sync.Mutex
	ttl time.Duration
	cap int
	m   map[string]localeEntry
}

type localeEntry struct {
	lang    string
	expires time.Time
}

func newLocaleCache(ttl time.Duration, capacity int) *localeCache {
	return &localeCache{ttl: ttl, cap: capacity, m: map[string]localeEntry{}}
}

func (c *localeCache) get(user string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[user]
	if !ok || time.Now().After(e.expires) {
		return "", false
	}
	return e.lang, true
}

func (c *localeCache) put(user, lang string, ttl time.Duration) {
	if ttl <= 0 {
		ttl = c.ttl
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.cap {
		clear(c.m)
	}
	c.m[user] = localeEntry{lang: lang, expires: time.Now().Add(ttl)}
}

// cache keeps one string per key for the process's life (a user's DM
// channel with the bot, an agent's first name, a conversation's latest
// question); at localeCap keys it starts afresh.
type cache[K comparable] struct {
	mu sync.Mutex
	m  map[K]string
}

func (c *cache[K]) get(k K) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *cache[K]) put(k K, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= localeCap {
		c.m = map[K]string{}
	}
	c.m[k] = v
}
