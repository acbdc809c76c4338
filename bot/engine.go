package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"iter"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/nlu"
)

// MaxText is how much of a message the engine reads, in bytes. A 100 KB
// message is cut there (at a rune boundary): nobody types more in a chat, and
// it keeps every turn cheap.
const MaxText = 4096

// MaxRelay is how much of a message written during a hand-off reaches the
// team, in bytes: the engine reads MaxText of it, but the agent reads the
// person, and a whole Telegram message (4,096 characters, up to three
// bytes each) fits. A longer one is cut with "…" so the agent sees it was.
const MaxRelay = 16384

// Config configures an Engine. Only Flows and Store are required.
type Config struct {
	Flows *flow.Set
	Store Store
	// Rephraser rewrites scripted replies; nil sends them as written.
	Rephraser Rephraser
	// RephraseTimeout bounds the rephrasing of one turn (default 1.5 s):
	// after it the scripted text goes out.
	RephraseTimeout time.Duration
	// Recorder receives what the engine notices, for metrics; nil records nothing.
	Recorder Recorder
	// Desk is told about hand-offs (the human hand-off desk); nil tells no one.
	Desk Desk
	// PeerQueue is the hand-off queue colleagues answer anonymously in a
	// chat channel (Slack's peer channel), never the desk; PeerServed says
	// whether an adapter runs that serves it, so that a person can come.
	PeerQueue  string
	PeerServed bool
	Logger     *slog.Logger
	Now        func() time.Time
	// History is how many recent turns a session keeps (default 10).
	History int
	// FloodLimit messages per FloodWindow per person (default 20 in 10 s):
	// past it the person gets one gentle notice, then nothing until calm.
	FloodLimit  int
	FloodWindow time.Duration
	// Vars are the built-in template values per language, such as
	// "emergency_number" (key "" holds values for every language).
	Vars map[string]map[string]string
	// Audience says who is on a platform ("employee" on the staff Slack,
	// "customer" elsewhere); it is passed to the rephraser.
	Audience func(Address) string
	// Trace, when set, is told each step a turn enters and each button
	// chosen, for the coverage of conversation tests (carebot flows test).
	// It runs inside the store's update, so a turn run again after a
	// conflict is told twice; it must be quick and must not block.
	Trace func(TraceEvent)
	// Archive shares flow-set versions between replicas; nil keeps them in
	// this process only (see versions.go).
	Archive FlowArchive
	// Deliverer, when set, takes the replies of conversations on the
	// platforms it has an outlet for: each turn queues them in the
	// conversation's outbox, in the same store update, and HandleMessage
	// returns none (see Deliverer). nil: replies are returned to the adapter.
	Deliverer *Deliverer
	// KeepVersions old flow-set versions at most stay in memory for
	// conversations in progress (default 8), none unused for longer than
	// VersionTTL (default 24 h).
	KeepVersions int
	VersionTTL   time.Duration

	// FollowUps schedules the check-ins flows offer (follow_up); nil offers none.
	FollowUps FollowUpStore
	// FollowUpOn says whether a conversation's channel can deliver a
	// check-in (a sender runs for its platform); nil means every one.
	FollowUpOn func(Address) bool
	// Hours are the decent hours check-ins are scheduled in.
	Hours Hours
	// CallBackQueue is the hand-off queue of phone call-backs offered to a
	// vulnerable person instead of a check-in; "" offers none.
	CallBackQueue string
	// Care receives care outcomes (metrics); nil records none.
	Care CareRecorder
	// AbandonAfter: a person silent this long in the middle of a flow
	// abandoned it (default DefaultAbandonAfter); WaitingAbandonAfter: a
	// person silent this long while nobody took their hand-off left the
	// wait (default DefaultWaitingAbandonAfter). Counted by the Scheduler's
	// loop when Idle is set (see idle.go), else when the person comes back.
	AbandonAfter        time.Duration
	WaitingAbandonAfter time.Duration
	// Idle is where conversations that start waiting are entered, for the
	// Scheduler to count abandonment; nil enters none.
	Idle IdleIndex
}

// Recorder receives what the engine notices, for metrics. Implementations
// must be safe for concurrent use and fast.
type Recorder interface {
	// Turn records one handled message.
	Turn(outcome Outcome, took time.Duration)
	// HandoffOpened records a new hand-off.
	HandoffOpened(h Handoff)
	// Satisfaction records a 1 to 5 score.
	Satisfaction(score int)
}

// Outcome is how a turn ended, for Recorder.Turn.
type Outcome string

// Outcomes of a turn.
const (
	OutcomeFlow      Outcome = "flow"      // a flow answered
	OutcomeFallback  Outcome = "fallback"  // nothing matched: the kind fallback answered
	OutcomeHandoff   Outcome = "handoff"   // a hand-off was opened or is waiting
	OutcomeCrisis    Outcome = "crisis"    // the safety message went out
	OutcomeDuplicate Outcome = "duplicate" // a message seen before: no reply
	OutcomeFlood     Outcome = "flood"     // over the flood limit
	OutcomeError     Outcome = "error"     // the store failed: a kind trouble line went out
)

// Engine runs care flows. It implements Handler and is safe for concurrent use.
//
// An *Engine is one version of the flows over the shared core: New returns
// the first, Reload makes a new one current, and a turn runs on the version
// its conversation started its flow with (see versions.go).
type Engine struct {
	*core
	flows   *flow.Set
	model   *nlu.Model                 // nil on versions kept only for conversations in progress
	cancel  map[string]map[string]bool // lang → cancel words
	decline map[string]map[string]bool // lang → decline words, "no" and « non » included
	okay    map[string]map[string]bool // lang → okay words
	// yes and no are the phrases that say yes and no to a yes-or-no
	// question, as words, of every language (see yesno.go).
	yes, no [][]string
	// ownLittle holds, per language, that language's own yes, decline,
	// okay and farewell phrases, as words: a message of them keeps the
	// conversation's language (setLanguage).
	ownLittle map[string][][]string
	// goodbyes are the farewell phrases that only take leave, as words
	// (see goodbyePhrases).
	goodbyes [][]string
	// cancelPhrases are the cancel words as words, of every language:
	// a change of mind says them among little words (see isCancel).
	cancelPhrases [][]string
	// resolvedPhrases are the resolved words as words, of every language
	// (see resolvedByItself).
	resolvedPhrases [][]string
	// resolvedOrCancel are both, a never mind said with the good news
	// (see saysResolved).
	resolvedOrCancel [][]string
	commands         map[string]string     // "/start" → flow id
	folded           map[string]string     // button label or flow title → normalize(it), see foldedLabels
	labels           map[string]*labelInfo // button label → its words, read once (see recallChoice)
	// phrases are every synonyms: and unknown_words phrase, read once
	// (see synonymSaid).
	phrases map[string]phrase
	// langAnchors hold the longest word of each language_words phrase,
	// as written: a message holding none (see anchored) asks for no
	// language, and costs no more than that look.
	langAnchors     []string
	waitAnchors     []string        // likewise, of wait_words
	buttonAnchors   []string        // likewise, of button_words
	withdrawAnchors []string        // likewise, of withdraw_words
	numbers         map[string]int  // number_words, folded → the number (see numbers.go)
	counts          map[string]bool // number_words' counts ("five", not "fifth"): see countAfterA
	scale           []scaleAnchor   // the satisfaction question's points named in words
}

// core is what every version of the engine shares.
type core struct {
	store     Store
	rephraser Rephraser
	rec       Recorder
	desk      Desk
	peer      string // Config.PeerQueue
	peerOn    bool   // Config.PeerServed
	log       *slog.Logger
	now       func() time.Time
	history   int
	rtimeout  time.Duration
	vars      map[string]map[string]string
	audience  func(Address) string
	flood     *floodGate
	floodRule FloodRule
	locks     *convLocks
	versions  versions
	trace     func(TraceEvent)
	deliverer *Deliverer
	fu        followUpCore
}

var _ Handler = (*Engine)(nil)

// New returns an Engine for cfg.
func New(cfg Config) (*Engine, error) {
	if cfg.Flows == nil {
		return nil, errors.New("new engine: no flows")
	}
	if cfg.Store == nil {
		return nil, errors.New("new engine: no store")
	}
	c := &core{
		store:     cfg.Store,
		rephraser: cfg.Rephraser,
		rec:       cfg.Recorder,
		desk:      cfg.Desk,
		peer:      cfg.PeerQueue,
		peerOn:    cfg.PeerServed,
		log:       cfg.Logger,
		now:       cfg.Now,
		history:   cfg.History,
		rtimeout:  cfg.RephraseTimeout,
		vars:      cfg.Vars,
		audience:  cfg.Audience,
		trace:     cfg.Trace,
		deliverer: cfg.Deliverer,
		locks:     newConvLocks(),
	}
	if cfg.Deliverer != nil {
		// The delivery marks of this process queue behind its turns, and
		// the other way round, instead of racing them in the store.
		c.locks = cfg.Deliverer.locks
	}
	if d := cfg.Deliverer; d != nil && d.cfg.Desk == nil {
		// Wiring, before anything runs: relays of the person's words go
		// to the engine's desk.
		d.cfg.Desk = cfg.Desk
	}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.history <= 0 {
		c.history = 10
	}
	if c.rtimeout <= 0 {
		c.rtimeout = 1500 * time.Millisecond
	}
	if c.rec == nil {
		c.rec = nopRecorder{}
	}
	if c.audience == nil {
		c.audience = func(Address) string { return flow.AudienceCustomer }
	}
	limit, window := cfg.FloodLimit, cfg.FloodWindow
	if limit <= 0 {
		limit = 20
	}
	if window <= 0 {
		window = 10 * time.Second
	}
	c.floodRule = FloodRule{Limit: limit, Window: window}
	c.flood = newFloodGate(c.floodRule)
	c.fu = newFollowUpCore(cfg)
	c.versions.init(cfg)
	e := c.version(cfg.Flows, true)
	c.versions.cur.Store(e)
	return e, nil
}

// Flows returns the engine's current flow set.
func (e *Engine) Flows() *flow.Set { return e.current().flows }

// Model returns the engine's current understanding of free text.
func (e *Engine) Model() *nlu.Model { return e.current().model }

// Ready reports whether the engine can serve turns (its store answers).
func (e *Engine) Ready(ctx context.Context) error { return e.store.Ping(ctx) }

// HandleMessage answers one inbound message. It always returns what to say:
// on error, the replies hold a short, kind line for the person and the error
// is for the logs.
func (e *Engine) HandleMessage(ctx context.Context, m Message) ([]Reply, error) {
	return e.current().handle(ctx, m)
}

// handle is HandleMessage on the current version of the engine. Its parts
// are methods apart so that the frames under the store's update, which
// every turn grows its goroutine's stack by, stay small.
func (e *Engine) handle(ctx context.Context, m Message) ([]Reply, error) {
	t, replies, done := e.arrive(ctx, &m)
	if done {
		return replies, nil
	}
	defer t.release()
	if isCommand(t.text, "/forget") {
		return e.forget(ctx, m, t.hint, &t.logger)
	}
	return t.finish(ctx, t.store(ctx))
}

// arrive reads and understands m and counts it at the flood gate. done
// says the gate answered (replies, if any); otherwise t is the turn to run.
func (e *Engine) arrive(ctx context.Context, m *Message) (t *turnRun, replies []Reply, done bool) {
	start := e.now()
	text := Sanitize(m.Text)
	hint := e.language(m.Lang)

	// Understanding needs no I/O: done first, so that a crisis is never
	// dropped by the flood gate, however fast the person writes.
	var an nlu.Analysis
	if text != "" && m.Event == "" {
		an = e.model.AnalyzeFor(e.audience(m.From), hint, text)
		if an.Lost && e.needBefore(an, e.audience(m.From), hint, text) {
			an.Lost = false
		}
	}
	// A message an adapter admitted at arrival (see Gate) was counted then;
	// others are counted now, in memory.
	if m.Event == "" && !m.Admitted {
		urgent := e.urgent(*m, text, func() nlu.Analysis { return an })
		switch v := e.flood.allow(m.From, start, urgent); v {
		case AdmitNotice:
			return nil, e.outboxed(ctx, m.From, e.floodReplies(v, *m, hint, start)), true
		case AdmitQuiet:
			e.floodReplies(v, *m, hint, start)
			return nil, nil, true
		}
	}
	// One value of the pool holds what the store's update shares with
	// this turn, its logger included (see release).
	t = turnRuns.Get().(*turnRun)
	*t = turnRun{e: e, m: *m, text: text, an: an, start: start, hint: hint}
	t.logh = turnLogHandler{base: e.log.Handler(), from: m.From, id: m.ID}
	t.logger = *slog.New(&t.logh)
	return t, nil, false
}

// store runs the turn in the store's update, asking outside it what the
// update may not (see update), and returns the update's error.
func (t *turnRun) store(ctx context.Context) error {
	e, a, log := t.e, t.m.From, &t.logger
	mu := e.locks.of(a)
	mu.Lock()
	defer mu.Unlock()
	var err error
	t.outbox = e.deliverer != nil && e.deliverer.Handles(a)
	fn := t.update
	t.fetch = true
	for asked := 0; ; {
		t.need = ""
		err = e.store.Update(ctx, a, fn)
		if errors.Is(err, errNeedVersion) && t.fetch {
			// The conversation is on a version another replica loaded.
			if ferr := e.fetch(ctx, t.need); ferr != nil {
				log.Warn("flow version of a conversation unavailable, moving it to the current one", "version", t.need, "err", ferr)
			}
			t.fetch = false
			continue
		}
		if t.res.askStaff == "" || !errors.Is(err, errNoSave) || asked == 4 {
			break
		}
		if t.staff == nil {
			t.staff = map[string]bool{}
		}
		if q, ok := strings.CutPrefix(t.res.askStaff, alertKey("")); ok {
			t.staff[t.res.askStaff] = e.alertable(ctx, q, log)
		} else {
			t.staff[t.res.askStaff] = e.staffed(ctx, t.res.askStaff, log)
		}
		asked++
	}
	if t.outbox && err == nil {
		e.deliverer.Settled(a)
	}
	return err
}

// troubleReplies is what a turn says when the store failed under it, in
// the language the message is written in (the hint's when it shows none):
// the trouble line ("try again in a moment"). What needs no session is
// still said: danger to life gets the fixed safety message and its
// emergency number instead, and a request for a person, as a crisis, the
// ways to reach the team (contact_phone…, as configured), since no
// hand-off can open: a person stays one sentence away. Nothing promises
// an alert: none was sent.
func (t *turnRun) troubleReplies() []Reply {
	e, lang := t.e, t.hint
	if t.an.Lang != "" {
		lang = t.an.Lang
	}
	crisis := t.an.Signals.Crisis
	var out []Reply
	if crisis {
		out = append(out, Reply{Text: e.message(flow.MsgCrisis, lang, nil), Verbatim: true})
	} else {
		out = append(out, Reply{Text: e.message(flow.MsgTrouble, lang, nil)})
	}
	if crisis || t.an.Escalate {
		for _, key := range e.contactKeys(lang) {
			out = append(out, Reply{Text: e.message(key, lang, nil)})
		}
	}
	return out
}

// contactKeys are the messages that give the team's contacts in lang, one
// for each of contact_phone, contact_email and contact_hours configured.
func (e *Engine) contactKeys(lang string) []string {
	vars := e.varsFunc(lang, nil, nil)
	var keys []string
	for _, c := range [...]struct{ key, value string }{
		{flow.MsgContactPhone, "contact_phone"},
		{flow.MsgContactEmail, "contact_email"},
		{flow.MsgContactHours, "contact_hours"},
	} {
		if vars(c.value) != "" {
			keys = append(keys, c.key)
		}
	}
	return keys
}

// finish does what follows a stored turn, given the store's error: the
// desk, follow-ups, metrics and the rephraser, then the replies (returned,
// or handed to the deliverer).
func (t *turnRun) finish(ctx context.Context, err error) ([]Reply, error) {
	e, from, log, res := t.e, t.m.From, &t.logger, &t.res
	if res.askStaff != "" && errors.Is(err, errNoSave) {
		err = errors.New("desk availability asked too many times in one turn")
	}
	if errors.Is(err, errNoSave) {
		err = nil
	}
	if err != nil {
		// Logged once, by whoever runs the turn (the adapters' runner).
		e.rec.Turn(OutcomeError, e.now().Sub(t.start))
		if t.an.Signals.Crisis {
			// Operators must see this: a person in danger, and no session
			// to open the urgent hand-off in.
			log.Error("crisis while the store is down: the safety message was given, nobody was alerted")
		}
		return t.troubleReplies(), &TurnError{Op: "update session", ID: errID(), Err: err}
	}
	if res.handoff != nil {
		e.rec.HandoffOpened(*res.handoff)
		log.Info("handoff opened", "queue", res.handoff.Queue, "priority", res.handoff.Priority.String(), "reason", res.handoff.Reason)
	}
	if h := res.unstaffed; h != nil {
		if h.Priority == PriorityUrgent {
			// Operators must see this: a person in crisis and nobody to alert.
			log.Error("crisis with no hand-off desk: nobody was alerted", "queue", h.Queue)
		} else {
			// Info: expected in a desk-less setup such as a plain carebot chat.
			log.Info("hand-off asked for, nobody can come: the person was told and given the contacts", "queue", h.Queue)
		}
	}
	deskErr := e.tellDesk(ctx, from, res, t.snap.recent, t.outbox, log)
	e.afterTurn(ctx, from, *res, log)
	if res.score > 0 {
		e.rec.Satisfaction(res.score)
	}
	replies := e.rephrase(ctx, res, &t.snap, from, log)
	took := e.now().Sub(t.start)
	e.rec.Turn(res.outcome, took)
	if log.Enabled(ctx, slog.LevelDebug) {
		log.Debug("turn", "outcome", res.outcome, "flow", res.flow, "step", res.step, "replies", len(replies), "took", took)
	}
	if t.outbox {
		e.deliver(ctx, t, res.replies, replies, deskErr, log)
		return nil, nil
	}
	return replies, nil
}

// turnRun is what one turn shares with its store update, in one
// allocation: a closure would move each variable it shares to the heap.
// It goes back to turnRuns once the turn returned (release): nothing the
// turn starts (a delivery, the desk, follow-ups) keeps a pointer to it or
// into it, only copies of its fields (replies, the leased batch, the
// session's history live in arrays of their own).
type turnRun struct {
	e      *Engine
	m      Message
	text   string
	an     nlu.Analysis
	start  time.Time // when the turn began
	hint   string    // the platform's language, among the flows'
	outbox bool
	// fetch says whether the update may stop for a flow version another
	// replica loaded (see versionFor); staff says, per queue, whether a
	// person can come now, asked of the desk on demand.
	fetch bool
	staff map[string]bool

	// The outputs of the update's last run. need names a missing flow
	// version; leased are the turn's replies, queued and leased for
	// delivery here; queued the replies queued in the outbox, from Seq
	// first on, with the place of the desk's lines (Seq lines, 0: none)
	// among them.
	need   string
	res    result
	snap   turnSnap
	leased *Leased
	queued []Reply
	first  int64
	lines  int64

	logh   turnLogHandler
	logger slog.Logger

	// replyBuf and slotBuf hold a turn's replies when they go to the
	// outbox (see update).
	replyBuf [replyRoom]Reply
	slotBuf  [replyRoom][]string
}

// turnRuns holds turnRun values between turns: one is as large as a
// stored session, and every turn needs one.
var turnRuns = sync.Pool{New: func() any { return new(turnRun) }}

// release returns t to turnRuns: the turn is over.
func (t *turnRun) release() {
	*t = turnRun{}
	turnRuns.Put(t)
}

// turnSnap is what the rest of a turn needs of its session once stored:
// for the desk's summary and the rephraser.
type turnSnap struct {
	lang    string
	signals Signals
	recent  []Turn
}

// update is the turn's step inside the store's update. A turn may need
// what the update must not do (I/O): the files of a flow version another
// replica loaded, or whether anyone can come for a hand-off it opens. The
// turn then stops, the answer is fetched outside the transaction, and the
// turn runs again knowing.
func (t *turnRun) update(s *Session) error {
	e := t.e
	// fn may run more than once (a lost race, a stale remembered
	// session): only the last run's outputs count. A lease taken
	// in a run that lost would start a second delivery.
	t.res, t.snap, t.leased, t.queued, t.lines = result{}, turnSnap{}, nil, nil, 0
	if t.outbox {
		// The replies go to the outbox, never back to the caller (see
		// finish): their arrays can be the turn's own, reused with it.
		clear(t.replyBuf[:])
		clear(t.slotBuf[:])
		t.res.replies, t.res.slots = t.replyBuf[:0], t.slotBuf[:0]
	}
	v, missing, restart := e.versionFor(s, t.fetch)
	if missing != "" {
		t.need = missing
		return errNeedVersion // fetched outside the transaction, then run again
	}
	v.advanceInto(&t.res, s, &t.m, t.text, &t.an, e.now(), restart, t.staff)
	res := &t.res
	if res.askStaff != "" {
		return errNoSave
	}
	if res.outcome == OutcomeDuplicate {
		return errNoSave // seen before: nothing to say, nothing to save
	}
	t.snap = turnSnap{lang: s.Lang, signals: s.Signals, recent: s.Recent}
	if t.outbox {
		t.queue(s)
	}
	return nil
}

// queue writes the turn's replies (and desk news) into s's outbox, with
// the turn: a replica that dies now loses none. Apart from update, whose
// stack frame every turn grows its goroutine's stack by.
func (t *turnRun) queue(s *Session) {
	e, res, now := t.e, &t.res, t.e.now()
	// The mark of this replica's last delivery here rides along.
	e.deliverer.Settle(t.m.From, s)
	s.Blocked = false // they wrote: they no longer block the bot
	if res.relay != nil && e.desk != nil && !e.isPeer(res.relay) {
		// Their words go to the ticket's thread with the turn,
		// in order, whichever replica delivers.
		QueueRelay(s, *res.relay, res.relayText, now)
	}
	t.queued, t.first = res.replies, s.OutSeq+1
	rest := res.replies
	if res.handoff != nil && e.desk != nil && !e.isPeer(res.handoff) {
		// The ticket's opening goes with the turn, ahead of
		// the reply promising a person: if this replica dies
		// before tellDesk, whichever delivers opens it.
		QueueOpen(s, *res.handoff, now)
		t.first++
		if i := waitingReply(rest); i >= 0 && !e.isPeer(res.relay) && !e.isPeer(res.withdrawn) {
			// And the place of what the desk will say, right after
			// that reply, where tellDesk puts it (see ToDeskLines).
			Queue(s, rest[:i+1], now)
			t.lines = queueDeskLines(s, res.handoff, now)
			rest = rest[i+1:]
		}
	}
	t.leased = e.deliverer.Queue(s, rest, now)
}

// waitingReply returns the index of the first reply that says a person is
// awaited (the place of the desk's lines), or -1.
func waitingReply(replies []Reply) int {
	return slices.IndexFunc(replies, func(r Reply) bool { return r.Handoff != nil && r.Handoff.Status == HandoffWaiting })
}

// seq returns the outbox Seq of t.queued[k].
func (t *turnRun) seq(k int) int64 {
	s := t.first + int64(k)
	if t.lines != 0 && s >= t.lines {
		s++
	}
	return s
}

// turnLogHandler adds a turn's chat (a hash) and message ID to what its
// logger writes. Unlike Logger.With it computes and copies them only for a
// record that is written: most turns log nothing at the levels kept.
type turnLogHandler struct {
	base slog.Handler
	from Address
	id   string
}

func (h *turnLogHandler) with() slog.Handler {
	return h.base.WithAttrs([]slog.Attr{slog.String("chat", h.from.Hash()), slog.String("msg_id", h.id)})
}

func (h *turnLogHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.base.Enabled(ctx, l)
}

func (h *turnLogHandler) Handle(ctx context.Context, r slog.Record) error {
	return h.with().Handle(ctx, r)
}

func (h *turnLogHandler) WithAttrs(as []slog.Attr) slog.Handler { return h.with().WithAttrs(as) }

func (h *turnLogHandler) WithGroup(name string) slog.Handler { return h.with().WithGroup(name) }

// deliver hands a turn's queued replies to the deliverer, with their
// rephrased texts and the desk's lines. scripted are the turn's replies
// after the desk had its say, replies the same rephrased: the lines
// tellDesk added, after the turn was stored, take the place the turn
// queued for them (see ToDeskLines); deskErr is the desk's error, when it
// failed to answer. Nothing is stored here: a session deleted since
// (/forget) stays deleted, and the delivery's marks never create one.
func (e *Engine) deliver(ctx context.Context, t *turnRun, scripted, replies []Reply, deskErr error, log *slog.Logger) {
	leased, queued := t.leased, t.queued
	if leased == nil {
		// Another delivery holds the lease and finds these in order:
		// it sends the script, and asks the desk for its lines.
		return
	}
	var told []Reply
	j := 0
	for i, r := range scripted {
		if j < len(queued) && r.Text == queued[j].Text {
			if replies[i].Text != r.Text {
				if leased.Texts == nil {
					leased.Texts = map[int64]string{}
				}
				leased.Texts[t.seq(j)] = replies[i].Text
			}
			j++
			continue
		}
		told = append(told, replies[i])
	}
	switch {
	case t.lines != 0 && len(told) == 0 && deskErr != nil:
		// The desk failed to answer (not: had nothing to say). The
		// delivery asks it again, once the opening queued with the
		// turn opened the ticket.
	case t.lines != 0:
		// Nil when the desk said nothing: no need to ask it again.
		leased.Told = map[int64][]Reply{t.lines: told}
	case len(told) > 0:
		log.Error("desk lines with no place in the outbox, not sent", "lines", len(told), "err_id", errID())
	}
	e.deliverer.startDetached(ctx, t.m.From, leased)
}

// staffed asks the desk whether a person can come for queue now. When it
// cannot tell, the answer is no: a promise is only made when it can be kept.
func (e *Engine) staffed(ctx context.Context, queue string, log *slog.Logger) bool {
	st, ok := e.desk.(Staffer)
	if !ok {
		return e.desk != nil
	}
	yes, err := st.Staffed(ctx, queue)
	if err != nil {
		log.Warn("desk availability unknown, telling the person nobody can come", "queue", queue, "err", err)
		return false
	}
	return yes
}

// alertable asks the desk whether the team of queue can be alerted although
// nobody can come (Alerter). When it cannot tell, the answer is no: an
// alert is only claimed when one is made.
func (e *Engine) alertable(ctx context.Context, queue string, log *slog.Logger) bool {
	al, ok := e.desk.(Alerter)
	if !ok {
		return false
	}
	yes, err := al.Alertable(ctx, queue)
	if err != nil {
		log.Warn("desk alert channel unknown, claiming no alert", "queue", queue, "err", err)
		return false
	}
	return yes
}

// tellDesk passes the turn's hand-off news to the desk, and adds what the
// desk says the person should be told (how long it may take) right after
// the hand-off's reply, word for word. A failure is logged as an error: a
// person may be left waiting, and operators must see it.
//
// With outbox set, the person's words for the ticket's thread were queued
// in the outbox with the turn, not relayed here. It returns the desk's
// error, logged already.
func (e *Engine) tellDesk(ctx context.Context, a Address, res *result, recent []Turn, outbox bool, log *slog.Logger) error {
	if e.desk == nil {
		return nil
	}
	var err error
	switch {
	case e.isPeer(res.handoff) || e.isPeer(res.relay) || e.isPeer(res.withdrawn):
		// Colleagues answer it in their channel: the desk never hears of it.
	case res.handoff != nil:
		var told []Reply
		told, err = e.desk.Opened(ctx, a, *res.handoff, recent)
		for i, r := range res.replies {
			if len(told) > 0 && r.Handoff != nil && r.Handoff.Status == HandoffWaiting {
				for j := range told {
					told[j].Verbatim = true
				}
				// Into a copy: res.replies may share its array with
				// the replies queued in the turn's outbox (deliver
				// tells the two apart), and have room to insert in place.
				res.replies = slices.Insert(slices.Clip(res.replies), i+1, told...)
				// Their slot lists too, empty (the desk's lines are not
				// rephrased): rephrase reads them by the replies' index.
				if i < len(res.slots) {
					res.slots = slices.Insert(slices.Clip(res.slots), i+1, make([][]string, len(told))...)
				}
				break
			}
		}
	case res.relay != nil && !outbox:
		err = e.desk.Relayed(ctx, a, *res.relay, res.relayText)
	case res.withdrawn != nil:
		err = e.desk.Withdrawn(ctx, a, *res.withdrawn)
	}
	if err != nil {
		log.Error("desk not told", "err", err, "err_id", errID())
	}
	return err
}

// isPeer reports a hand-off to the peer queue (Config.PeerQueue).
func (e *Engine) isPeer(h *Handoff) bool { return h != nil && e.peer != "" && h.Queue == e.peer }

// forget erases everything stored about the person, then confirms in
// their language. With a Forgetter store the session is replaced, in one
// compare-and-set, by a tombstone (see Session.Forgotten) holding the
// confirmation in its outbox, after whatever a replica is sending
// already: so the confirmation is the last thing the person gets of the
// conversation, whichever replica delivers. Otherwise it is deleted.
func (e *Engine) forget(ctx context.Context, m Message, hint string, log *slog.Logger) ([]Reply, error) {
	lang := hint
	// One read for the language the person was spoken to in; if it fails the
	// hint will do, the erasure matters more.
	_ = e.store.Update(ctx, m.From, func(s *Session) error {
		lang = hint // fn may run again, on a newer session
		if s.Lang != "" {
			lang = s.Lang
		}
		return errNoSave
	})
	trouble := func(err error) ([]Reply, error) {
		return []Reply{{Text: e.message(flow.MsgTrouble, lang, nil)}}, &TurnError{Op: "forget", ID: errID(), Err: err}
	}
	// A check-in must never reach someone who asked to be forgotten:
	// cancelled first, and if the store fails here or below, the session
	// is left whole (the person may say /forget again), never half-erased.
	if err := e.cancelForget(ctx, m.From); err != nil {
		return trouble(err)
	}
	fs, tomb := e.store.(Forgetter)
	var (
		confirm []Reply
		dup     bool
	)
	if tomb {
		if err := fs.ForgetRest(ctx, m.From); err != nil {
			return trouble(err)
		}
		var err error
		if confirm, dup, err = e.tombstone(ctx, m, hint); err != nil {
			return trouble(err)
		}
	} else {
		if err := e.deleteSession(ctx, m.From); err != nil {
			return trouble(err)
		}
		confirm = []Reply{{Text: e.message(flow.MsgForgotten, lang, nil), Verbatim: true}}
	}
	if dup {
		log.Debug("forget already done: duplicate message")
		return nil, nil
	}
	e.flood.forget(m.From)
	if e.desk != nil {
		if err := e.desk.Forgotten(ctx, m.From); err != nil {
			log.Error("ticket of a forgotten person not closed", "err", err)
		}
	}
	log.Info("session forgotten")
	return confirm, nil
}

// tombstone replaces a's session by a tombstone (see Session.Forgotten),
// in one store update under the conversation's lock: nothing personal is
// kept, and the replies pending in the outbox are dropped, never sent. The
// confirmation is queued in the tombstone's outbox when replies go through
// the deliverer (confirm is then nil: it is delivered, after a reply
// another replica is sending now), else returned in confirm (the store
// then deletes the empty tombstone at once). dup says that m was handled
// already (a duplicate delivery of the /forget): nothing changed.
func (e *Engine) tombstone(ctx context.Context, m Message, hint string) (confirm []Reply, dup bool, err error) {
	a := m.From
	outbox := e.deliverer != nil && e.deliverer.Handles(a)
	var l *Leased
	mu := e.locks.of(a)
	mu.Lock()
	err = e.store.Update(ctx, a, func(s *Session) error {
		confirm, dup, l = nil, false, nil // fn may run again, on a newer session
		s.expireForgetMark(e.now())
		if m.ID != "" && slices.Contains(s.Seen, m.ID) || m.Order != 0 && m.Order <= s.ForgetMark {
			// This /forget, or one said before the last (see
			// Session.ForgetMark): done already.
			dup = true
			return errNoSave
		}
		lang := hint
		if s.Lang != "" {
			lang = s.Lang
		}
		confirm = []Reply{{Text: e.message(flow.MsgForgotten, lang, nil), Verbatim: true}}
		if outbox {
			// The mark this replica keeps pending rides along, as on a turn.
			e.deliverer.Settle(a, s)
		}
		*s = Session{
			Version: s.Version, Forgotten: true,
			// The delivery's state, for order: a reply another replica
			// is sending finishes under its lease, then the confirmation
			// goes, numbered after everything queued before.
			OutSeq: s.OutSeq, Lease: s.Lease, Keyboard: s.Keyboard,
			// What was said before this /forget is dropped if it
			// comes now (see Session.ForgetMark).
			ForgetMark: max(s.ForgetMark, m.Order),
		}
		if m.ID != "" {
			s.Seen = []string{m.ID}
		}
		if outbox {
			l = e.deliverer.Queue(s, confirm, e.now())
			confirm = nil
		}
		return nil
	})
	if errors.Is(err, errNoSave) {
		err = nil
	}
	if err == nil && outbox && !dup {
		e.deliverer.Settled(a)
	}
	mu.Unlock()
	if err != nil {
		return nil, false, err
	}
	if l != nil {
		e.deliverer.startDetached(ctx, a, l)
	}
	return confirm, dup, nil
}

// deleteSession deletes a's session, under the conversation's lock so that
// no delivery mark of this replica is being written meanwhile, and drops
// the one the deliverer keeps pending: written after the deletion, it
// would have nothing to mark. For a store that is no Forgetter.
func (e *Engine) deleteSession(ctx context.Context, a Address) error {
	mu := e.locks.of(a)
	mu.Lock()
	defer mu.Unlock()
	if err := e.store.Delete(ctx, a); err != nil {
		return err
	}
	if e.deliverer != nil {
		e.deliverer.forgot(a)
	}
	return nil
}

// errNoSave aborts an Update that only reads.
var errNoSave = errors.New("read only")

// rephrase rewrites the turn's non-verbatim replies concurrently, within one
// deadline for the whole turn, so a slow model delays a turn at most once.
func (e *Engine) rephrase(ctx context.Context, res *result, s *turnSnap, a Address, log *slog.Logger) []Reply {
	if e.rephraser == nil || len(res.replies) == 0 {
		return res.replies
	}
	return e.rephraseAll(ctx, res, s, a, log)
}

// rephraseAll is rephrase with a rephraser and replies: apart, so that a
// turn without them does not pay for what the goroutines share.
func (e *Engine) rephraseAll(ctx context.Context, res *result, s *turnSnap, a Address, log *slog.Logger) []Reply {
	ctx, cancel := context.WithTimeout(ctx, e.rtimeout)
	defer cancel()
	out := make([]Reply, len(res.replies))
	copy(out, res.replies)
	// The history up to the person's message: the bot lines of this very
	// turn are what is being rephrased, not context.
	recent := s.recent
	for len(recent) > 0 && recent[len(recent)-1].From == SpeakerBot {
		recent = recent[:len(recent)-1]
	}
	var wg sync.WaitGroup
	for i, r := range res.replies {
		if r.Verbatim || strings.TrimSpace(r.Text) == "" {
			continue
		}
		var slots []string
		if i < len(res.slots) {
			// Never past the end: a panic in these goroutines ends
			// the process, every conversation with it.
			slots = res.slots[i]
		}
		wg.Go(func() {
			txt, err := e.rephraser.Rephrase(ctx, RephraseRequest{
				Text:     r.Text,
				Tone:     r.Tone,
				Lang:     s.lang,
				Audience: e.audience(a),
				Signals:  s.signals,
				Slots:    slots,
				Recent:   recent,
			})
			if err != nil {
				log.Warn("rephrase failed, using script", "err", err)
				return
			}
			out[i].Text = txt
		})
	}
	wg.Wait()
	return out
}

// message renders one of common.yaml's messages in lang.
func (e *Engine) message(key, lang string, slots map[string]string) string {
	t := e.flows.Common.Messages[key]
	return flow.Render(t.In(lang, e.defaultLang()), e.varsFunc(lang, slots, nil))
}

func (e *Engine) defaultLang() string {
	if len(e.flows.Common.Languages) == 0 {
		return "en"
	}
	return e.flows.Common.Languages[0]
}

// language maps a platform hint ("fr-FR", "en_GB") to a language of the set, or "".
func (e *Engine) language(hint string) string {
	hint = strings.ToLower(hint)
	if i := strings.IndexAny(hint, "-_"); i >= 0 {
		hint = hint[:i]
	}
	for _, l := range e.flows.Common.Languages {
		if l == hint {
			return l
		}
	}
	return ""
}

// varsFunc resolves template names: slots first, then the engine's built-ins.
// used, when not nil, collects the slot values filled in.
func (e *Engine) varsFunc(lang string, slots map[string]string, used *[]string) func(string) string {
	return func(name string) string {
		if v, ok := slots[name]; ok {
			if used != nil && v != "" {
				*used = append(*used, v)
			}
			return v
		}
		if v, ok := e.vars[lang][name]; ok {
			return v
		}
		return e.vars[""][name]
	}
}

// Sanitize makes any bytes safe to read: valid UTF-8, no control characters
// but new lines and tabs, trimmed, and at most MaxText bytes.
func Sanitize(s string) string {
	s, _ = cut(s, MaxText)
	return clean(s)
}

// relayText is what the team reads of raw, a message written during a
// hand-off: sanitized as Sanitize does, but up to MaxRelay bytes, and
// marked "…" where it had to be cut. Before, the team read the MaxText
// bytes the engine reads, cut mid-word with nothing to show it.
func relayText(raw string) string {
	s, cutOff := cut(raw, MaxRelay)
	s = clean(s)
	if cutOff {
		s += " …"
	}
	return s
}

// cut returns s cut to at most n bytes at a rune boundary, and whether
// anything was cut.
func cut(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	i := n
	for i > n-utf8.UTFMax && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i], true
}

// clean makes s valid UTF-8 without control characters but new lines and
// tabs, trimmed.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	plain := true
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			plain = false
			break
		}
	}
	if !plain {
		s = strings.Map(func(r rune) rune {
			if unicode.IsControl(r) && r != '\n' && r != '\t' {
				return -1
			}
			return r
		}, s)
	}
	return strings.TrimSpace(s)
}

// normalize folds a short message for exact matching of words and commands.
func normalize(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.TrimRight(s, " .!?…")
}

// foldedLabels returns normalize of every button label and flow title of
// set, in every language and simple variant: a typed answer is compared
// with them on many turns, and folding a label each time costs a copy.
func foldedLabels(set *flow.Set) map[string]string {
	m := map[string]string{}
	add := func(t flow.Text) {
		for _, s := range t.ByLang {
			m[s] = normalize(s)
		}
		for _, s := range t.Simple {
			m[s] = normalize(s)
		}
	}
	for _, f := range set.Flows {
		add(f.Title)
	}
	for c := range choicesOf(set) {
		add(c.Label)
	}
	return m
}

// choicesOf yields every button of every question of set: what the
// engine reads once when the flows load (folded labels, label words,
// phrases).
func choicesOf(set *flow.Set) iter.Seq[*flow.Choice] {
	return func(yield func(*flow.Choice) bool) {
		for _, f := range set.Flows {
			for _, st := range f.Steps {
				if st.Choose == nil {
					continue
				}
				for _, c := range st.Choose.Choices {
					if !yield(c) {
						return
					}
				}
			}
		}
	}
}

// fold is normalize for a label or title of the engine's flows, looked up
// rather than made.
func (e *Engine) fold(s string) string {
	if f, ok := e.folded[s]; ok {
		return f
	}
	return normalize(s)
}

// number parses w as strconv.Atoi does, without making an error for the
// words that are no number (most of those a person types).
func number(w string) (int, bool) {
	if w == "" || (w[0] < '0' || w[0] > '9') && w[0] != '+' && w[0] != '-' {
		return 0, false
	}
	n, err := strconv.Atoi(w)
	return n, err == nil
}

// isCommand reports whether text is the command cmd (with an optional @botname).
func isCommand(text, cmd string) bool {
	c, _ := command(text)
	return c == cmd
}

// command returns the command at the start of text ("/start@carebot hi" → "/start").
func command(text string) (string, bool) {
	if !strings.HasPrefix(text, "/") {
		return "", false
	}
	c, _, _ := strings.Cut(text, " ")
	c, _, _ = strings.Cut(c, "@")
	return strings.ToLower(c), true
}

func errID() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

type nopRecorder struct{}

func (nopRecorder) Turn(Outcome, time.Duration) {}
func (nopRecorder) HandoffOpened(Handoff)       {}
func (nopRecorder) Satisfaction(int)            {}

// needBefore reports whether text says a need of the menu before the
// sentence that says the person does not follow ("I was charged twice for
// my order. I don't understand."): Lost is heard in a message's last
// sentence, but such a message asks for its flow, and carebot had said
// nothing unclear. The sentences before the last must route, surely, to
// the flow the whole message does, a flow the menu offers ("thanks for
// that. I don't understand" stays lost). Read only for a message that is
// Lost and holds more than one sentence: no cost on other turns.
func (e *Engine) needBefore(an nlu.Analysis, audience, hint, text string) bool {
	if an.Flow == "" || an.Confidence < switchConfidence || !e.onMenu(an.Flow) {
		return false
	}
	head := strings.TrimRightFunc(text, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(".!?…", r) })
	i := strings.LastIndexAny(head, ".!?…\n")
	if i <= 0 {
		return false
	}
	pre := e.model.AnalyzeFor(audience, hint, head[:i])
	return pre.Flow == an.Flow && pre.Confidence >= switchConfidence && !pre.Lost
}

// onMenu reports whether the start flow's menu offers flow id.
func (e *Engine) onMenu(id string) bool {
	f := e.flows.Flow(e.flows.Common.StartFlow)
	if f == nil {
		return false
	}
	for _, st := range f.Steps {
		if st.Choose == nil {
			continue
		}
		for _, c := range st.Choose.Choices {
			if c.Flow == id {
				return true
			}
		}
	}
	return false
}
