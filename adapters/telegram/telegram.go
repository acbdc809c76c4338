// Package telegram runs carebot on Telegram. It is the only importer of
// github.com/go-telegram-bot-api/telegram-bot-api/v5.
//
// The adapter translates: updates become bot.Messages (toMessage), replies
// become sendMessage calls with inline keyboards. Around that it keeps
// Telegram's promises: each update_id is handed to the engine once (the
// engine also remembers IDs in the session, so restarts and webhook
// redeliveries are caught too); the long-poll offset moves past an update
// only once the engine has stored its turn; one chat's updates are handled
// in order while different chats run in parallel; every button press is
// answered and its keyboard removed; Telegram's 429, 5xx, network errors
// and 403 are handled at the edge.
//
// Two modes: long polling (the default; Run calls deleteWebhook first) and
// webhook (Config.WebhookURL set; Run calls setWebhook with the secret and
// the caller serves WebhookHandler).
package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/carebot/carebot/adapters/internal/turn"
	"github.com/carebot/carebot/bot"
)

// Interface guards.
var (
	_ bot.Adapter = (*Adapter)(nil)
	_ bot.Sender  = (*Adapter)(nil)
)

// Defaults for Config's zero values (the turn runner applies those of
// Workers, TurnTimeout and ShutdownGrace).
const (
	// DefaultWorkers is how many turns the engine handles at once, across chats.
	DefaultWorkers = turn.DefaultWorkers
	// DefaultPollTimeout is the long poll's timeout.
	DefaultPollTimeout = 30 * time.Second
	// DefaultTurnTimeout bounds one message, its turn and its replies.
	DefaultTurnTimeout = turn.DefaultTimeout
	// DefaultShutdownGrace leaves room, within Docker's 10 s, to cancel and confirm.
	DefaultShutdownGrace = turn.DefaultGrace

	sendAttempts  = 6    // tries of one sendMessage before the reply is dropped and logged
	startAttempts = 6    // tries of getMe / setWebhook / deleteWebhook at start (~30 s)
	maxPending    = 1000 // updates taken but not yet handled before the poll waits
	maxRecent     = 4096 // handled update_ids remembered to drop redeliveries early
	maxChats      = 10000
	typingEvery   = 4 * time.Second        // Telegram shows "typing…" for about 5 s
	heldPoll      = 250 * time.Millisecond // poll interval while the offset is held at a turn in flight
	webhookLimit  = 1 << 20                // bytes of one webhook body
)

// allowedUpdates are the only updates the adapter asks for: channel posts,
// inline queries and member changes are none of the engine's business. A
// private chat's edits are (during a hand-off the team reads them: see
// editedMessage).
var allowedUpdates = []string{"message", "edited_message", "callback_query"}

// Config configures the adapter. main fills it from the environment.
type Config struct {
	Token string // TELEGRAM_BOT_TOKEN
	// Endpoint is the library's endpoint format, with %s for the token and
	// %s for the method; default https://api.telegram.org/bot%s/%s. Tests and
	// self-hosted Bot API servers set it (TELEGRAM_API_ENDPOINT).
	Endpoint string
	// WebhookURL switches to webhook mode: the public https URL Telegram posts
	// updates to, served by WebhookHandler (TELEGRAM_WEBHOOK_URL).
	WebhookURL string
	// WebhookSecret is the secret_token Telegram sends back in every webhook
	// request; required with WebhookURL (TELEGRAM_WEBHOOK_SECRET).
	WebhookSecret string
	// HTTPClient talks to the Bot API. Its Timeout must exceed PollTimeout.
	// Default: a client with a Timeout of PollTimeout + 20 s.
	HTTPClient *http.Client
	Logger     *slog.Logger // nil discards
	// Workers bounds the turns the engine handles at once, across chats.
	Workers int
	// PaceScale scales the pauses flows ask for (Reply.Pause): 1 keeps them,
	// 0 sends at once (tests, load runs).
	PaceScale float64
	// PollTimeout is the long poll's timeout (rounded to seconds, at least 1).
	PollTimeout time.Duration
	// TurnTimeout bounds one message: the engine's turn and sending its replies.
	TurnTimeout time.Duration
	// ShutdownGrace is how long Run lets turns in flight finish once its ctx
	// ends, before cancelling them.
	ShutdownGrace time.Duration
	// Texts are the command menu's descriptions and the fallback line (the
	// engine, from the flows' texts.yaml): required.
	Texts bot.Texts
	// Languages are the flows' languages: the menu is registered in each,
	// and in the first for everyone else.
	Languages []string
	// Gate counts each message as it arrives, before it waits for its turn
	// behind the chat's earlier ones (flood control; the engine). nil: the
	// handler counts at turn time, which typing pauses spread out.
	Gate bot.Gate
}

// Adapter runs carebot on Telegram. Create it with New.
type Adapter struct {
	cfg         Config
	langs       []string
	api         *tgbotapi.BotAPI // never changed after New; apiFor copies it per ctx
	hc          *http.Client
	log         *slog.Logger
	webhookURL  string
	secret      string
	pace        float64
	pollTimeout time.Duration
	runner      *turn.Runner // every turn and outbound delivery, in chat order

	// Seams that tests replace before Run.
	sleep      func(context.Context, time.Duration) error
	now        func() time.Time
	backoffMin time.Duration
	backoffMax time.Duration

	// base is the adapter's lifetime, not a request's: button presses are
	// answered under it; stop cancels it.
	base       context.Context
	cancelBase context.CancelFunc
	progress   chan struct{}  // a turn was stored: the poll may move on
	wg         sync.WaitGroup // answers to button presses

	mu         sync.Mutex
	state      int // stateIdle, stateStarting, stateRunning, stateStopped
	h          bot.Handler
	me         string           // the bot's username, for group mentions
	chats      map[int64]*chat  // per-chat state
	inflight   map[int]*job     // update_id → turn not yet stored
	recent     map[int]struct{} // update_ids already stored
	recentList []int            // recent in arrival order, to forget the oldest
	maxSeen    int              // highest update_id taken
	confirmed  int              // last offset sent to getUpdates
}

const (
	stateIdle = iota
	stateStarting
	stateRunning
	stateStopped
)

// chat is what the adapter knows of one Telegram chat (the runner keeps
// its order).
type chat struct {
	blocked bool // 403: the person blocked the bot; cleared when they write again
	// keyboards holds, per person, the message whose buttons are still live:
	// sending a new keyboard removes the previous one, so an answered
	// question cannot be pressed again.
	keyboards map[string]int
}

// job is one update taken from Telegram, until its turn is stored.
type job struct {
	id      int           // update_id
	done    chan struct{} // closed when the turn is stored, or left at shutdown
	handled bool          // set before done closes; false: Telegram must deliver it again
}

// doneJob stands for an update that needs nothing more (a duplicate, or one
// toMessage drops).
var doneJob = func() *job {
	j := &job{done: make(chan struct{}), handled: true}
	close(j.done)
	return j
}()

// New checks cfg and returns an adapter. It does no I/O: Run connects.
func New(cfg Config) (*Adapter, error) {
	if strings.TrimSpace(cfg.Token) == "" {
		return nil, errors.New("telegram: no bot token (set TELEGRAM_BOT_TOKEN)")
	}
	if cfg.Texts == nil {
		return nil, errors.New("telegram: texts required (the flows' texts.yaml)")
	}
	if cfg.Endpoint == "" {
		cfg.Endpoint = tgbotapi.APIEndpoint
	}
	if strings.Count(cfg.Endpoint, "%s") != 2 || strings.Count(cfg.Endpoint, "%") != 2 {
		return nil, fmt.Errorf("telegram: endpoint %q must hold %%s for the token and %%s for the method, like %s", cfg.Endpoint, tgbotapi.APIEndpoint)
	}
	if cfg.WebhookURL != "" {
		u, err := url.Parse(cfg.WebhookURL)
		if err != nil || u.Scheme != "https" || u.Host == "" {
			return nil, fmt.Errorf("telegram: webhook url must be an https URL (Telegram posts only to https)")
		}
		if err := checkSecret(cfg.WebhookSecret); err != nil {
			return nil, err
		}
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.PollTimeout < time.Second {
		cfg.PollTimeout = DefaultPollTimeout
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: cfg.PollTimeout + 20*time.Second}
	}
	// Built by hand rather than with NewBotAPIWithClient, which calls getMe:
	// New does no I/O.
	api := &tgbotapi.BotAPI{Token: cfg.Token, Client: cfg.HTTPClient, Buffer: 100}
	api.SetAPIEndpoint(cfg.Endpoint)
	base, cancel := context.WithCancel(context.Background())
	a := &Adapter{
		cfg:         cfg,
		langs:       cfg.Languages,
		api:         api,
		hc:          cfg.HTTPClient,
		log:         cfg.Logger.With("platform", Platform),
		webhookURL:  cfg.WebhookURL,
		secret:      cfg.WebhookSecret,
		pace:        max(cfg.PaceScale, 0),
		pollTimeout: cfg.PollTimeout,
		sleep:       bot.Sleep,
		now:         time.Now,
		backoffMin:  time.Second,
		backoffMax:  30 * time.Second,
		base:        base,
		cancelBase:  cancel,
		progress:    make(chan struct{}, 1),
		chats:       map[int64]*chat{},
		inflight:    map[int]*job{},
		recent:      map[int]struct{}{},
	}
	a.runner = turn.New(turn.Config{
		Handler: bot.HandlerFunc(func(ctx context.Context, m bot.Message) ([]bot.Reply, error) {
			a.mu.Lock()
			h := a.h
			a.mu.Unlock()
			return h.HandleMessage(ctx, m)
		}),
		Gate:    cfg.Gate,
		Texts:   cfg.Texts,
		Workers: cfg.Workers,
		Timeout: cfg.TurnTimeout,
		Grace:   cfg.ShutdownGrace,
		Logger:  a.log,
	})
	return a, nil
}

// checkSecret applies Telegram's rule for secret_token: 1 to 256 of A-Z a-z 0-9 _ -.
func checkSecret(s string) error {
	if s == "" {
		return errors.New("telegram: webhook mode needs a secret (set TELEGRAM_WEBHOOK_SECRET)")
	}
	if len(s) > 256 {
		return errors.New("telegram: webhook secret is longer than 256 characters")
	}
	for _, r := range s {
		if !isNameChar(r) && r != '-' {
			return errors.New("telegram: webhook secret may hold only A-Z, a-z, 0-9, _ and -")
		}
	}
	return nil
}

// Run connects to Telegram and serves updates until ctx ends. It checks the
// token (getMe), then either deletes any webhook and long-polls, or sets the
// webhook and waits while WebhookHandler serves. It registers the commands
// in English and French. When ctx ends it cancels the long poll in flight,
// lets turns in flight finish (ShutdownGrace), and returns nil. It returns an
// error wrapping ErrUnauthorized when the token is refused.
func (a *Adapter) Run(ctx context.Context, h bot.Handler) error {
	if h == nil {
		return errors.New("telegram: run: nil handler")
	}
	a.mu.Lock()
	if a.state != stateIdle {
		a.mu.Unlock()
		return errors.New("telegram: run called twice")
	}
	a.state = stateStarting
	a.mu.Unlock()

	me, err := a.start(ctx)
	if err != nil {
		a.stop(false)
		if ctx.Err() != nil {
			return nil
		}
		return err
	}
	a.mu.Lock()
	a.h, a.me, a.state = h, me, stateRunning
	a.mu.Unlock()
	polling := a.webhookURL == ""
	mode := "webhook"
	if polling {
		mode = "polling"
	}
	a.log.Info("telegram adapter running", "mode", mode, "bot", me)
	if polling {
		err = a.poll(ctx)
	} else {
		<-ctx.Done()
	}
	a.stop(polling)
	a.log.Info("telegram adapter stopped")
	return err
}

// start checks the token and sets up the mode and the commands.
func (a *Adapter) start(ctx context.Context) (username string, err error) {
	resp, err := a.call(ctx, "getMe", startAttempts, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
		return api.MakeRequest("getMe", nil)
	})
	if err != nil {
		var ce *callError
		if errors.As(err, &ce) && ce.code == http.StatusNotFound {
			// Telegram answers 404 to a token that is not even well formed.
			ce.outcome = unauthorized
		}
		return "", err
	}
	var me tgbotapi.User
	if err := json.Unmarshal(resp.Result, &me); err != nil || me.UserName == "" {
		return "", errors.New("telegram getMe: answered no bot username")
	}

	if a.webhookURL != "" {
		updates, _ := json.Marshal(allowedUpdates)
		// secret_token came with Bot API 6.1, after the library froze at 5.x:
		// it goes through the library's generic MakeRequest.
		params := tgbotapi.Params{
			"url":             a.webhookURL,
			"secret_token":    a.secret,
			"allowed_updates": string(updates),
		}
		if _, err := a.call(ctx, "setWebhook", startAttempts, func(api *tgbotapi.BotAPI) (*tgbotapi.APIResponse, error) {
			return api.MakeRequest("setWebhook", params)
		}); err != nil {
			return "", err
		}
	} else {
		// A webhook left set would make every getUpdates fail with 409.
		if _, err := a.request(ctx, "deleteWebhook", startAttempts, tgbotapi.DeleteWebhookConfig{}); err != nil {
			return "", err
		}
	}

	a.registerMenu(ctx)
	if ctx.Err() != nil {
		return "", ctx.Err()
	}
	return me.UserName, nil
}

// RegisterMenu sets the command menu again, from the current texts: after a
// reload of the flows changed them. It needs Run to have started.
func (a *Adapter) RegisterMenu(ctx context.Context) {
	a.mu.Lock()
	running := a.state == stateRunning
	a.mu.Unlock()
	if running {
		a.registerMenu(ctx)
	}
}

// registerMenu sets the command menu for everyone ("" is the default
// language of the flows) and for each language of the flows. The menu is a
// convenience: typed commands work without it, so a failure is a warning.
func (a *Adapter) registerMenu(ctx context.Context) {
	for _, lang := range append([]string{""}, a.langs...) {
		cfg := tgbotapi.SetMyCommandsConfig{Commands: a.menu(lang), LanguageCode: lang}
		if _, err := a.request(ctx, "setMyCommands", 3, cfg); err != nil {
			if ctx.Err() != nil {
				return
			}
			a.log.Warn("telegram commands not registered", "lang", lang, "err", err)
		}
	}
}

// menuCommands are the commands of the menu, with their name in each
// language where it differs ("" is every other), and their description's
// key in the flows' texts.yaml. The engine answers the commands (the flows'
// triggers); the menu only shows them.
var menuCommands = []struct {
	name map[string]string
	text string
}{
	{map[string]string{"": "start"}, "telegram.menu_start"},
	{map[string]string{"": "help"}, "telegram.menu_help"},
	{map[string]string{"": "human", "fr": "humain"}, "telegram.menu_human"},
	{map[string]string{"": "forget"}, "telegram.menu_forget"},
}

// menu is the command menu in lang ("" is the flows' default language).
func (a *Adapter) menu(lang string) []tgbotapi.BotCommand {
	var out []tgbotapi.BotCommand
	for _, c := range menuCommands {
		name, ok := c.name[lang]
		if !ok {
			name = c.name[""]
		}
		out = append(out, tgbotapi.BotCommand{Command: name, Description: a.cfg.Texts.Text(c.text, lang, nil)})
	}
	return out
}

// poll is the long-poll loop. Telegram forgets an update only when a later
// getUpdates sends an offset past it, so the offset stays at the oldest
// update whose turn is not stored yet; what Telegram sends again meanwhile is
// recognised and dropped.
func (a *Adapter) poll(ctx context.Context) error {
	api := a.apiFor(ctx) // ctx-bound: SIGTERM cancels the long poll in flight
	bo := backoff{min: a.backoffMin, max: a.backoffMax}
	timeout := max(int(a.pollTimeout/time.Second), 1)
	for ctx.Err() == nil {
		offset, pending := a.offset()
		if pending >= maxPending {
			a.waitProgress(ctx, time.Hour)
			continue
		}
		a.mu.Lock()
		a.confirmed = offset
		a.mu.Unlock()
		updates, err := api.GetUpdates(tgbotapi.UpdateConfig{
			Offset: offset, Limit: 100, Timeout: timeout, AllowedUpdates: allowedUpdates,
		})
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			o, code, wait := classify(err)
			if o == unauthorized {
				return fmt.Errorf("telegram getUpdates: %w", ErrUnauthorized)
			}
			if wait == 0 {
				wait = bo.wait()
			}
			if code == http.StatusConflict {
				a.log.Warn("telegram getUpdates refused: another instance or a webhook takes the updates", "wait", wait)
			} else {
				a.log.Warn("telegram getUpdates failed, retrying", "code", code, "wait", wait, "err", redact(err))
			}
			if a.sleep(ctx, wait) != nil {
				return nil
			}
			continue
		}
		bo.reset()
		fresh := 0
		for _, u := range updates {
			if _, isNew := a.dispatch(u); isNew {
				fresh++
			}
		}
		if fresh == 0 && len(updates) > 0 {
			// Only updates we hold: Telegram answers them again at once
			// instead of long-polling, so wait for a turn to be stored, or a
			// moment, to see other chats' new updates without spinning.
			if _, pending := a.offset(); pending > 0 {
				a.waitProgress(ctx, heldPoll)
			}
		}
	}
	return nil
}

// offset is the getUpdates offset: the oldest update not stored yet, or past
// the newest seen.
func (a *Adapter) offset() (offset, pending int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.inflight) == 0 {
		if a.maxSeen == 0 {
			return 0, 0
		}
		return a.maxSeen + 1, 0
	}
	offset = -1
	for id := range a.inflight {
		if offset < 0 || id < offset {
			offset = id
		}
	}
	return offset, len(a.inflight)
}

// waitProgress waits until a turn is stored, for at most d.
func (a *Adapter) waitProgress(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-a.progress:
	case <-t.C:
	case <-ctx.Done():
	}
}

// dispatch takes one update: it drops what is known (in flight or stored),
// answers a button press at once, and queues the rest on its chat. It
// returns the update's job (nil if the adapter does not take updates now)
// and whether the update was new.
func (a *Adapter) dispatch(u tgbotapi.Update) (*job, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.state != stateRunning {
		return nil, false
	}
	if j := a.inflight[u.UpdateID]; j != nil {
		return j, false
	}
	if _, ok := a.recent[u.UpdateID]; ok {
		return doneJob, false
	}
	a.maxSeen = max(a.maxSeen, u.UpdateID)
	if cq := u.CallbackQuery; cq != nil {
		// Always, and first: the person's client shows a spinner until then.
		a.wg.Add(1)
		go a.answer(cq.ID)
	}
	msg, ok := toMessage(u, a.me)
	if !ok {
		a.log.Debug("telegram update ignored", "msg_id", messageID(u.UpdateID))
		a.remember(u.UpdateID)
		return doneJob, true
	}
	if msg.At.IsZero() {
		msg.At = a.now()
	}
	id, _ := strconv.ParseInt(msg.From.Chat, 10, 64)
	j := &job{id: u.UpdateID, done: make(chan struct{})}
	a.inflight[u.UpdateID] = j // a redelivery while the gate counts is recognised
	a.chat(id).blocked = false // they wrote: they no longer block the bot
	// The runner counts the message as it arrives (its gate's I/O runs
	// outside the lock) and calls back Stored or Left, which take the lock.
	a.mu.Unlock()
	ok = a.runner.Submit(a.turnJob(id, j, msg, u.CallbackQuery))
	a.mu.Lock()
	if !ok {
		a.leave(j) // stays in flight: Telegram delivers it again after the restart
	}
	a.log.Debug("telegram update queued", "msg_id", msg.ID, "chat", msg.From.Hash())
	return j, true
}

// turnJob is the runner's job for one update of chat id.
func (a *Adapter) turnJob(chatID int64, j *job, msg bot.Message, press *tgbotapi.CallbackQuery) turn.Job {
	return turn.Job{
		Key: strconv.FormatInt(chatID, 10),
		Msg: &msg,
		Prepare: func(ctx context.Context, m *bot.Message) {
			if press != nil && press.Message != nil {
				a.unpress(ctx, chatID, m.From.User, press.Message.MessageID)
			}
		},
		Deliver: func(ctx context.Context, m bot.Message, replies []bot.Reply) error {
			if err := a.deliver(ctx, m.From, chatID, replies); err != nil && !errors.Is(err, ErrBlocked) {
				return err
			}
			return nil
		},
		Stored: func() { a.stored(j) },
		Left:   func() { a.leave(j) },
	}
}

// remember records a stored update_id, forgetting the oldest past maxRecent.
// Caller holds mu.
func (a *Adapter) remember(id int) {
	a.recent[id] = struct{}{}
	a.recentList = append(a.recentList, id)
	if len(a.recentList) > maxRecent {
		delete(a.recent, a.recentList[0])
		a.recentList = a.recentList[1:]
	}
}

// chat returns the state of chat id, creating it. Caller holds mu.
func (a *Adapter) chat(id int64) *chat {
	c := a.chats[id]
	if c != nil {
		return c
	}
	if len(a.chats) >= maxChats {
		// Forget some chats; what is lost (a live keyboard, a block) is
		// relearned: an old keyboard's press is answered "expired" by the
		// engine, a block by the next 403.
		for k := range a.chats {
			delete(a.chats, k)
			if len(a.chats) < maxChats*3/4 {
				break
			}
		}
	}
	c = &chat{keyboards: map[string]int{}}
	a.chats[id] = c
	return c
}

// stored marks j's turn stored: the offset may pass it and its webhook
// request is answered 200.
func (a *Adapter) stored(j *job) {
	a.mu.Lock()
	a.storedLocked(j)
	a.mu.Unlock()
}

// storedLocked is stored with mu held.
func (a *Adapter) storedLocked(j *job) {
	delete(a.inflight, j.id)
	a.remember(j.id)
	j.handled = true
	close(j.done)
	select {
	case a.progress <- struct{}{}:
	default:
	}
}

// leave gives j up at shutdown, unhandled: it stays in flight so the offset
// never passes it, and its webhook request is answered 503.
func (a *Adapter) leave(j *job) {
	close(j.done)
}

// answer answers a button press so the person's client stops its spinner.
func (a *Adapter) answer(id string) {
	defer a.wg.Done()
	ctx, cancel := context.WithTimeout(a.base, 10*time.Second)
	defer cancel()
	if _, err := a.request(ctx, "answerCallbackQuery", 3, tgbotapi.NewCallback(id, "")); err != nil {
		// "query is too old": the press was answered before a restart.
		a.log.Debug("telegram press not answered", "err", err)
	}
}

// unpress removes the keyboard of a pressed message, so the question cannot
// be answered twice.
func (a *Adapter) unpress(ctx context.Context, chatID int64, user string, msgID int) {
	a.mu.Lock()
	c := a.chat(chatID)
	if c.keyboards[user] == msgID {
		delete(c.keyboards, user)
	}
	a.mu.Unlock()
	a.removeKeyboard(ctx, chatID, msgID)
}

func (a *Adapter) removeKeyboard(ctx context.Context, chatID int64, msgID int) {
	// No reply_markup: Telegram removes the inline keyboard.
	edit := tgbotapi.EditMessageReplyMarkupConfig{BaseEdit: tgbotapi.BaseEdit{ChatID: chatID, MessageID: msgID}}
	if _, err := a.request(ctx, "editMessageReplyMarkup", 3, edit); err != nil {
		if errors.Is(err, ErrBlocked) {
			a.block(chatID)
			return
		}
		// "message is not modified" (already gone) or too old to edit: harmless.
		a.log.Debug("telegram keyboard not removed", "err", err)
	}
}

// deliver sends replies to a person in order: the typing action and the
// pause a flow asks for, the text split to Telegram's limit, the buttons on
// the last piece. It stops at a 403 (recording the block) and at an error
// that retries did not cure; a request Telegram refuses (400) costs only
// that reply.
func (a *Adapter) deliver(ctx context.Context, to bot.Address, chatID int64, replies []bot.Reply) error {
	for _, r := range replies {
		id, err := a.sendReply(ctx, to, chatID, r)
		if err != nil {
			return err
		}
		if id != 0 {
			a.keyboardSent(ctx, chatID, to.User, id)
		}
	}
	return nil
}

// sendReply sends one reply (see deliver) and returns the id of the message
// that carries its buttons, 0 if none.
func (a *Adapter) sendReply(ctx context.Context, to bot.Address, chatID int64, r bot.Reply) (int, error) {
	if a.isBlocked(chatID) {
		return 0, fmt.Errorf("telegram send: %w", ErrBlocked)
	}
	pieces := split(r.Text, maxText)
	markup, dropped := keyboard(r.Choices)
	if dropped > 0 {
		a.log.Error("telegram buttons dropped: id over 64 bytes or blank label", "count", dropped)
	}
	if len(pieces) == 0 {
		if markup == nil {
			return 0, nil
		}
		pieces = []string{"…"} // Telegram needs text under buttons
	}
	if err := a.pause(ctx, chatID, r.Pause); err != nil {
		return 0, err
	}
	for i, p := range pieces {
		msg := tgbotapi.NewMessage(chatID, p)
		last := i == len(pieces)-1
		if last && markup != nil {
			msg.ReplyMarkup = markup
		}
		resp, err := a.request(ctx, "sendMessage", sendAttempts, msg)
		if err != nil {
			if errors.Is(err, ErrBlocked) {
				a.block(chatID)
				return 0, err
			}
			var ce *callError
			if errors.As(err, &ce) && ce.outcome == giveUp && ctx.Err() == nil {
				a.log.Error("telegram reply refused", "err", err, "chat", to.Hash())
				return 0, nil
			}
			return 0, err
		}
		if last && markup != nil {
			var sent tgbotapi.Message
			if json.Unmarshal(resp.Result, &sent) == nil && sent.MessageID != 0 {
				return sent.MessageID, nil
			}
		}
	}
	return 0, nil
}

var _ bot.Outlet = (*Adapter)(nil)

// Deliver implements bot.Outlet: it sends one reply from a conversation's
// outbox, whichever replica queued it. keyboard is the message whose
// buttons are live, kept in the session so that the replica delivering
// next removes them when it sends new ones; the returned id replaces it.
// A person who blocked the bot is an error wrapping bot.ErrBlocked.
func (a *Adapter) Deliver(ctx context.Context, to bot.Address, r bot.Reply, keyboard string) (string, error) {
	if to.Platform != Platform {
		return keyboard, fmt.Errorf("telegram deliver: address is for platform %q", to.Platform)
	}
	chatID, err := strconv.ParseInt(to.Chat, 10, 64)
	if err != nil {
		return keyboard, fmt.Errorf("telegram deliver: chat %q is not a telegram chat id", to.Chat)
	}
	id, err := a.sendReply(ctx, to, chatID, r)
	if err != nil {
		return keyboard, err
	}
	if id == 0 {
		return keyboard, nil
	}
	if old, err := strconv.Atoi(keyboard); err == nil && old != 0 && old != id {
		a.removeKeyboard(ctx, chatID, old)
	}
	return strconv.Itoa(id), nil
}

// keyboardSent records the person's live keyboard and removes the one it replaces.
func (a *Adapter) keyboardSent(ctx context.Context, chatID int64, user string, msgID int) {
	a.mu.Lock()
	c := a.chat(chatID)
	old := c.keyboards[user]
	c.keyboards[user] = msgID
	a.mu.Unlock()
	if old != 0 && old != msgID {
		a.removeKeyboard(ctx, chatID, old)
	}
}

// pause shows "typing…" for d (scaled by PaceScale), renewing it as
// Telegram lets it fade after about five seconds, before a reply this
// adapter sends itself. Shutdown cuts it short: the reply goes out at once.
func (a *Adapter) pause(ctx context.Context, chatID int64, d time.Duration) error {
	d = time.Duration(float64(d) * a.pace)
	stopping := a.runner.Stopping()
	select {
	case <-stopping:
		return nil
	default:
	}
	if d <= 0 {
		return nil
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	go func() {
		select {
		case <-stopping:
			cancel(errPauseStopped)
		case <-ctx.Done():
		}
	}()
	if err := a.typing(ctx, chatID, d); err != nil && !errors.Is(err, errPauseStopped) {
		return err
	}
	return nil // over, or cut for shutdown: send at once
}

// errPauseStopped cuts the pauses of replies this adapter sends itself.
var errPauseStopped = errors.New("telegram adapter stopping")

// typing shows "typing…" in the chat for d, renewing it every
// typingEvery. It returns an error wrapping context.Cause(ctx) if ctx
// ends first, or wrapping ErrBlocked.
func (a *Adapter) typing(ctx context.Context, chatID int64, d time.Duration) error {
	for d > 0 && ctx.Err() == nil {
		if _, err := a.request(ctx, "sendChatAction", 1, tgbotapi.NewChatAction(chatID, tgbotapi.ChatTyping)); errors.Is(err, ErrBlocked) {
			a.block(chatID)
			return err
		}
		step := min(d, typingEvery)
		_ = a.sleep(ctx, step)
		d -= step
	}
	if ctx.Err() != nil {
		return fmt.Errorf("telegram pause: %w", context.Cause(ctx))
	}
	return nil
}

var _ bot.Pauser = (*Adapter)(nil)

// Pause implements bot.Pauser: it shows "typing…" in to's chat for d
// (scaled by PaceScale) before the reply a Deliverer sends next, with no
// pause, through Deliver. Only ctx ends it: the Deliverer of a stopping
// replica abandons it and hands the reply over, to be sent with its pause
// by the replica taking over; this adapter's own stop, which cuts the
// pauses of the replies it sends itself, leaves it alone.
func (a *Adapter) Pause(ctx context.Context, to bot.Address, d time.Duration) error {
	if to.Platform != Platform {
		return fmt.Errorf("telegram pause: address is for platform %q", to.Platform)
	}
	chatID, err := strconv.ParseInt(to.Chat, 10, 64)
	if err != nil {
		return fmt.Errorf("telegram pause: chat %q is not a telegram chat id", to.Chat)
	}
	if a.isBlocked(chatID) {
		return fmt.Errorf("telegram pause: %w", ErrBlocked)
	}
	return a.typing(ctx, chatID, time.Duration(float64(d)*a.pace))
}

func (a *Adapter) block(chatID int64) {
	a.mu.Lock()
	c := a.chat(chatID)
	was := c.blocked
	c.blocked = true
	a.mu.Unlock()
	if !was {
		a.log.Info("telegram chat blocked the bot; sending stops until it writes again",
			"chat", bot.Address{Platform: Platform, Chat: strconv.FormatInt(chatID, 10)}.Hash())
	}
}

func (a *Adapter) isBlocked(chatID int64) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	c := a.chats[chatID]
	return c != nil && c.blocked
}

// Send delivers replies to a conversation without an inbound message (an
// agent's words relayed by the hand-off desk), in order with the bot's own
// replies in that chat. It returns an error wrapping ErrBlocked when the
// person blocked the bot.
func (a *Adapter) Send(ctx context.Context, to bot.Address, replies []bot.Reply) error {
	if to.Platform != Platform {
		return fmt.Errorf("telegram send: address is for platform %q", to.Platform)
	}
	id, err := strconv.ParseInt(to.Chat, 10, 64)
	if err != nil {
		return fmt.Errorf("telegram send: chat %q is not a telegram chat id", to.Chat)
	}
	result := make(chan error, 1)
	a.mu.Lock()
	if a.state == stateStopped {
		a.mu.Unlock()
		return fmt.Errorf("telegram send: %w", ErrStopped)
	}
	if a.chat(id).blocked {
		a.mu.Unlock()
		return fmt.Errorf("telegram send: %w", ErrBlocked)
	}
	a.mu.Unlock()
	ok := a.runner.Submit(turn.Job{Key: to.Chat, Do: func(context.Context) { result <- a.deliver(ctx, to, id, replies) }})
	if !ok {
		return fmt.Errorf("telegram send: %w", ErrStopped)
	}
	select {
	case err := <-result:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Running reports whether the adapter takes updates now: Run has checked
// the token (getMe) and set the webhook, and has not begun to stop. Until
// then, and from then on, the webhook handler answers 503.
func (a *Adapter) Running() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.state == stateRunning
}

// WebhookHandler serves Telegram's webhook requests (mounted at
// /telegram/webhook). A request without the right secret header gets 401 and
// is never read further. An update is answered 200 once its turn is stored
// (so Telegram redelivers it if carebot dies first), or at once when it is
// a redelivery of one already handled; 503 while the adapter is not running,
// which Telegram retries. In polling mode it answers 404.
func (a *Adapter) WebhookHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a.webhookURL == "" {
			http.NotFound(w, r)
			return
		}
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if subtle.ConstantTimeCompare([]byte(got), []byte(a.secret)) != 1 {
			a.log.Warn("telegram webhook request refused: wrong secret", "has_secret", got != "")
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		var u tgbotapi.Update
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, webhookLimit)).Decode(&u); err != nil {
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		j, _ := a.dispatch(u)
		if j == nil {
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		select {
		case <-j.done:
		case <-r.Context().Done():
			return // Telegram gave up waiting; the turn goes on and a redelivery is recognised
		}
		a.mu.Lock()
		handled := j.handled
		a.mu.Unlock()
		if !handled {
			http.Error(w, "shutting down", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// stop shuts down: no more updates are taken, pauses are cut, queued turns
// are left to Telegram; turns in flight get the grace period to finish, then
// are cancelled. In polling mode a last getUpdates confirms the stored ones.
func (a *Adapter) stop(polling bool) {
	a.mu.Lock()
	a.state = stateStopped
	a.mu.Unlock()
	a.runner.Close()
	a.cancelBase()
	waitGroup(&a.wg, time.Second)
	if !polling {
		return
	}
	offset, _ := a.offset()
	a.mu.Lock()
	confirmed := a.confirmed
	a.mu.Unlock()
	if offset <= confirmed {
		return
	}
	// Telegram forgets updates only when a later call's offset passes them:
	// without this call, the last turns would come back after a restart
	// (and be recognised by the engine, but why make it work).
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if _, err := a.apiFor(ctx).GetUpdates(tgbotapi.UpdateConfig{Offset: offset, Limit: 1}); err != nil {
		a.log.Debug("telegram offset not confirmed at shutdown", "err", redact(err))
	}
}

// waitGroup waits for wg up to d and reports whether it finished.
func waitGroup(wg *sync.WaitGroup, d time.Duration) bool {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-done:
		return true
	case <-t.C:
		return false
	}
}
