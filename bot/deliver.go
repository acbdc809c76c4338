package bot

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"log/slog"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Outlet is the send capability a channel implements for a Deliverer:
// Deliver shows r to the person (its pause first, with "typing…" where the
// platform can) and returns once the platform accepted it. keyboard is the
// platform id of the message whose buttons are live (Session.Keyboard, ""
// if none): an outlet sending new buttons removes those, whichever replica
// sent them. It returns the id to remember next (keyboard if unchanged).
// A person who blocked the bot is an error wrapping ErrBlocked.
type Outlet interface {
	Deliver(ctx context.Context, to Address, r Reply, keyboard string) (string, error)
}

// EachUpdater is a Store that can update several conversations in one
// call, in fewer round trips than an Update each: a Deliverer writes the
// marks a flush takes (see DelivererConfig.Flush) through it, from one
// goroutine. UpdateEach does for each as[i] what Update does with
// fn(i, ·) as its function (fn may run again for any i, as Update's, and
// for different i at once), and returns each one's error.
//
// Unlike Update's, fn keeps nothing of the session it is given once it
// returns, neither the session nor its slices, map or strings: a store may
// decode the next conversation into the same memory (redisstore does, so
// that a mark allocates next to nothing). What fn keeps, it copies (see
// cloneOutbox).
type EachUpdater interface {
	UpdateEach(ctx context.Context, as []Address, fn func(i int, s *Session) error) []error
}

// Pauser is an Outlet whose pause before a reply (Reply.Pause, with
// "typing…" where the platform can) can be taken on its own. A Deliverer
// takes it through Pause, in a context that ends with cause ErrPauseCut
// when the Deliverer stops (Shutdown), then sends the reply through
// Deliver with no pause: so a stopping replica abandons a pause, and the
// reply goes out from the replica taking over, with its pause, while a
// send already under way completes and is marked. Pause returns once d
// has passed, or an error wrapping context.Cause(ctx) once ctx ended; a
// person who blocked the bot is an error wrapping ErrBlocked.
type Pauser interface {
	Pause(ctx context.Context, to Address, d time.Duration) error
}

// PauseThrough is the Pause of an Outlet that wraps next (a test's dying
// replica, a metrics or tracing wrapper): next's own Pause when it has one,
// so that "typing…" shows and Shutdown can cut it, else a plain wait of d
// (the wrapper's Deliver then gets the reply with its pause already taken).
// Every wrapper of an Outlet must be a Pauser through it: one that is not
// hides next's Pause, and a stopping replica then sends the reply it was
// pausing for instead of handing it over (TestOutletWrappersArePausers, in
// the root package, checks every Outlet wrapper of the module).
func PauseThrough(ctx context.Context, next Outlet, to Address, d time.Duration) error {
	if p := pauserOf(next, to); p != nil {
		return p.Pause(ctx, to, d)
	}
	if Sleep(ctx, d) != nil {
		return fmt.Errorf("pause: %w", context.Cause(ctx))
	}
	return nil
}

// ErrPauseCut ends a pause's context (see Pauser) when its Deliverer stops
// before the reply: that reply is not sent, but handed over.
var ErrPauseCut = errors.New("pause cut: the replica stops")

// Defaults of DelivererConfig.
const (
	DefaultLease     = 15 * time.Second
	DefaultSweep     = time.Second
	DefaultSweepSize = 64
	DefaultFlush     = 25 * time.Millisecond
)

// DelivererConfig configures a Deliverer.
type DelivererConfig struct {
	Store  Store
	Outlet Outlet
	// Desk relays what people wrote during a hand-off to their ticket's
	// thread (Outbound.To == ToDesk), in order with the rest of their
	// outbox. nil: the engine's desk (Config.Desk) when the engine is
	// built with this Deliverer.
	Desk Desk
	// Index finds outboxes whose lease expired (their replica died); nil
	// means Run has nothing to sweep.
	Index OutboxIndex
	// Owner names this replica in leases; it must differ between replicas.
	Owner string
	// Lease is how long a delivery lease lasts unless renewed (default
	// DefaultLease): replies of a replica that died wait this long at most,
	// plus a sweep. It is renewed by each mark, and a reply with a pause is
	// always preceded by one; a delivery that goes half a lease without
	// a mark (a long pause, a send the platform is slow to answer) renews
	// it meanwhile, at the cost of a store update each time (see
	// leaseKeeper). So a lease over twice the longest pause of one reply
	// plus the sends of its burst costs nothing more.
	Lease time.Duration
	// Flush is how long the mark of a delivery's last burst waits to ride
	// on this replica's next store update of the conversation (its next
	// turn) before it is written, with the other marks due within
	// Flush/4, all at once (default DefaultFlush; a
	// negative value writes it at once). Until then the lease stays this
	// replica's: replies other replicas queue meanwhile wait for the flush.
	Flush time.Duration
	// Sweep is how often Run looks for expired leases (default DefaultSweep),
	// SweepSize how many conversations one sweep takes over at most.
	Sweep     time.Duration
	SweepSize int
	Logger    *slog.Logger
	Now       func() time.Time
	// Delivered, when set, is told each reply the platform accepted and how
	// long it waited in the outbox (for metrics and benchmarks).
	Delivered func(a Address, o Outbound, waited time.Duration)
	// Marked, when set, is told once a's replies up to seq are recorded
	// delivered in the store (after each burst, see Deliver): where a
	// reply's delivery ends (benchmarks).
	Marked func(a Address, seq int64)
}

// Deliverer sends what turns queued in conversations' outboxes (see
// Session.Outbox), from any replica: one replica at a time per
// conversation, holding its lease, in sequence order, marking replies
// delivered once the platform accepted them, one mark per burst (see
// Deliver). Delivery is at least once: the burst a replica sent just
// before it died, unmarked, is sent again by the replica that takes the
// lease over.
type Deliverer struct {
	cfg DelivererConfig
	log *slog.Logger
	now func() time.Time
	// busy counts what Wait and Shutdown wait for: deliveries under way,
	// the marks kept pending and their flushes.
	busy busy

	runs atomic.Int64 // numbers this replica's delivery runs

	// locks serialise this process's store updates of a conversation: an
	// engine delivering through d shares them, so that a mark and the
	// person's next turn wait for each other here rather than race in the
	// store, where the loser (on Redis) pays another round trip.
	locks *convLocks

	mu      sync.Mutex
	active  map[Address]bool         // conversations the sweeper is delivering now
	pending map[Address]*pendingMark // last bursts sent, their marks not yet written
	live    map[Address]*liveRun     // deliveries under way, by conversation
	stop    chan struct{}            // closed by Shutdown
	// One timer flushes the pending marks, armed for the earliest due
	// (flushAt; zero when not armed): see fire.
	flushTimer *time.Timer
	flushAt    time.Time

	// fireGap, for tests, runs in fire between releasing d.mu and
	// starting the workers.
	fireGap func()
	// fires holds a fireScratch for each fire under way.
	fires sync.Pool

	// keepers holds the lease keepers of ended runs, with their timers,
	// for the next runs (see leaseKeeper.stop).
	keepers sync.Pool
}

// liveRun is a delivery under way in this process. behind: a store
// update of this replica (a turn, a Send) queued replies for the same
// conversation meanwhile, which the run's lease kept from delivering them
// itself: the run picks them up with a mark before it ends, rather than
// leave them to the flush.
type liveRun struct{ behind bool }

// pendingMark is the mark of a delivery's last burst, kept in process
// until this replica's next store update of the conversation carries it
// (Settle) or the flush timer writes it, with every other mark due about
// then (fire). The lease stays owner's meanwhile. Its count in d.busy is
// ended by whoever removes it from d.pending (Settled, forgot, flushNow).
type pendingMark struct {
	owner    string
	seq      int64
	keyboard string
	due      time.Time // wall clock, as the timer's
	flushing bool      // taken by a fire; its flushNow is under way
}

// NewDeliverer returns a Deliverer for cfg.
func NewDeliverer(cfg DelivererConfig) (*Deliverer, error) {
	if cfg.Store == nil || cfg.Outlet == nil {
		return nil, errors.New("new deliverer: store and outlet required")
	}
	if cfg.Owner == "" {
		return nil, errors.New("new deliverer: owner required (one name per replica)")
	}
	if cfg.Lease <= 0 {
		cfg.Lease = DefaultLease
	}
	if cfg.Sweep <= 0 {
		cfg.Sweep = DefaultSweep
	}
	if cfg.SweepSize <= 0 {
		cfg.SweepSize = DefaultSweepSize
	}
	if cfg.Flush == 0 {
		cfg.Flush = DefaultFlush
	}
	d := &Deliverer{
		cfg: cfg, log: cfg.Logger, now: cfg.Now, locks: newConvLocks(),
		active: map[Address]bool{}, pending: map[Address]*pendingMark{}, live: map[Address]*liveRun{},
		stop: make(chan struct{}),
	}
	if d.log == nil {
		d.log = slog.New(slog.DiscardHandler)
	}
	if d.now == nil {
		d.now = time.Now
	}
	return d, nil
}

// Owner returns the name this replica's leases carry.
func (d *Deliverer) Owner() string { return d.cfg.Owner }

// LeaseTTL returns how long a lease lasts.
func (d *Deliverer) LeaseTTL() time.Duration { return d.cfg.Lease }

// Join tells the index, if it keeps a registry of sweepers (SweepJoiner),
// that this replica sweeps: serve calls it before it takes its first turn,
// so that a replica killed before its first sweep (Sweep after Run
// starts) is still seen to die. Without it the first sweep joins.
func (d *Deliverer) Join(ctx context.Context) error {
	if j, ok := d.cfg.Index.(SweepJoiner); ok {
		return j.JoinSweep(ctx)
	}
	return nil
}

// Run sweeps until ctx is done: every Sweep it asks the index for outboxes
// whose lease expired and delivers them, at most SweepSize at a time.
func (d *Deliverer) Run(ctx context.Context) error {
	if d.cfg.Index == nil {
		<-ctx.Done()
		return nil
	}
	t := time.NewTicker(d.cfg.Sweep)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			// Deliveries under way carry on, until Shutdown hands them
			// over.
			return nil
		case <-t.C:
		}
		as, err := d.cfg.Index.Due(ctx, d.now(), d.cfg.SweepSize)
		if err != nil {
			if ctx.Err() == nil {
				d.log.Warn("outbox sweep failed", "err", err)
			}
			continue
		}
		for _, a := range as {
			// Not cut by ctx: a reply being sent when the replica stops
			// is sent and marked, and the rest handed over (Shutdown).
			d.startDetached(ctx, a, nil)
		}
	}
}

// Leased is what a turn queued and leased for this replica in its own
// store update (see Queue): its delivery then needs no first read.
type Leased struct {
	// Owner is the lease's holder: this replica and one delivery run, so
	// that a run that ended and one that starts never share it.
	Owner    string
	Batch    []Outbound
	Keyboard string
	// Texts replaces the text of replies by Seq: rephrased after the turn
	// was stored. A replica that takes the delivery over sends the script.
	Texts map[int64]string
	// Told holds, by Seq, what the desk answered the turn's replica for
	// a ToDeskLines entry (Desk.Opened's lines; none: nothing to say). A
	// replica without them asks the desk (DeskTeller).
	Told map[int64][]Reply
	// at is when the lease was taken, at the latest (zero: unknown,
	// taken as the delivery's start: a flush's mark just renewed it).
	at time.Time
}

// ToDeskLines is the place, right after the reply that promises a person,
// of what the desk tells the person about their hand-off (how long it may
// take): Desk.Opened's lines, known only once the desk answered, after the
// turn was stored. The turn queues the place with its replies, so the
// lines keep their order whichever replica delivers, and no store update
// follows the turn's: none could bring back a session /forget deleted
// meanwhile. The turn's replica hands the lines to its delivery
// (Leased.Told); any other replica asks the desk (DeskTeller).
const ToDeskLines Dest = "desk-lines"

// queueDeskLines appends the place of the desk's lines about hand-off h to
// s's outbox (ToDeskLines) and returns its Seq.
func queueDeskLines(s *Session, h *Handoff, now time.Time) int64 {
	s.OutSeq++
	s.Outbox = append(s.Outbox, Outbound{Seq: s.OutSeq, At: now, To: ToDeskLines, Handoff: outboxHandoff(h)})
	return s.OutSeq
}

// DeskTeller is implemented by desks that can say again, at delivery, what
// Desk.Opened told the person waiting for hand-off h (how long it may
// take), in h's language: for a replica delivering a hand-off whose turn
// ran on another (one that died before its desk answered). It returns
// nothing once no person is awaited any more for h.
type DeskTeller interface {
	Tell(ctx context.Context, a Address, h Handoff) ([]Reply, error)
}

// DeskRecentOpener is a DeskOpener whose ticket is made, as Desk.Opened
// makes it, with the conversation so far for its summary: recent returns
// the turns up to the hand-off, read from the session, and is called only
// when the ticket has to be opened. It fails, wrapping the error, when
// the person was forgotten since: then no ticket opens.
type DeskRecentOpener interface {
	EnsureOpenedRecent(ctx context.Context, a Address, h Handoff, recent func(context.Context) ([]Turn, error)) error
}

// Queue is for a turn's store update: it queues replies in s's outbox and
// takes the delivery lease if nobody else holds it. It returns what to hand
// to Start, nil if another replica delivers (it will find the replies when
// it marks its batch). It is pure, as a store update must be.
func (d *Deliverer) Queue(s *Session, replies []Reply, now time.Time) *Leased {
	Queue(s, replies, now)
	owner := d.token()
	// Leases are on this replica's clock (now is the turn's, for At).
	at := d.now()
	if len(s.Outbox) == 0 || !TakeLease(s, owner, at, d.cfg.Lease) {
		return nil
	}
	// The batch shares s.Outbox's array, which nothing changes once the
	// update is saved: Queue is the last step of a store update, and an
	// update that runs again starts from a new decoding (Update's session
	// is never reused memory, unlike UpdateEach's).
	return &Leased{Owner: owner, Batch: s.Outbox[:len(s.Outbox):len(s.Outbox)], Keyboard: s.Keyboard, at: at}
}

// token names one delivery run of this replica.
func (d *Deliverer) token() string {
	return d.cfg.Owner + "/" + strconv.FormatInt(d.runs.Add(1), 36)
}

// Outlets routes deliveries to each platform's Outlet.
type Outlets map[string]Outlet

// Deliver sends r through the outlet of to's platform.
func (o Outlets) Deliver(ctx context.Context, to Address, r Reply, keyboard string) (string, error) {
	out, ok := o[to.Platform]
	if !ok {
		return keyboard, fmt.Errorf("deliver: no outlet for platform %q", to.Platform)
	}
	return out.Deliver(ctx, to, r, keyboard)
}

// Handles reports whether a's replies go through this Deliverer: it has an
// outlet for a's platform.
func (d *Deliverer) Handles(a Address) bool {
	if o, ok := d.cfg.Outlet.(Outlets); ok {
		_, ok := o[a.Platform]
		return ok
	}
	return true
}

// Start delivers a's outbox in the background. l is what the caller's turn
// leased, or nil to take the lease first (the sweeper), which is skipped if
// the sweeper is at a already.
func (d *Deliverer) Start(ctx context.Context, a Address, l *Leased) {
	d.start(ctx, a, l, func() {})
}

// startDetached starts a's delivery (see start) on a context of its own:
// a delivery outlives its caller's deadline (a turn's, a sweep's), not the
// process, and gives up after a few leases.
func (d *Deliverer) startDetached(ctx context.Context, a Address, l *Leased) {
	dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 4*d.cfg.Lease)
	d.start(dctx, a, l, cancel)
}

// start is Start, calling done when the delivery ends.
func (d *Deliverer) start(ctx context.Context, a Address, l *Leased, done func()) {
	if l == nil {
		d.mu.Lock()
		if d.active[a] {
			d.mu.Unlock()
			done()
			return
		}
		d.active[a] = true
		d.mu.Unlock()
	}
	var run *liveRun
	if l != nil {
		// Live from now, not from when the goroutine runs: the person's
		// next turn here, stored meanwhile, is picked up (see liveRun).
		run = d.enter(a)
	}
	d.busy.Go(func() {
		defer done()
		if l == nil {
			defer func() {
				d.mu.Lock()
				delete(d.active, a)
				d.mu.Unlock()
			}()
		}
		if err := d.deliver(ctx, a, l, run); err != nil && ctx.Err() == nil {
			d.log.Warn("outbox delivery stopped; the lease will expire and another try follows", "chat", a.Hash(), "err", err)
		}
	})
}

// Wait waits for the deliveries started so far, and for the marks of
// their last bursts to be written (see Flush). Deliveries may start
// meanwhile (turns in flight): Wait returns once none is under way.
func (d *Deliverer) Wait() { <-d.busy.zero() }

// Deliver sends a's pending replies in order while this replica holds (or
// can take) the lease, until the outbox is empty. l, if not nil, is what
// the caller's own turn leased.
//
// Replies are marked delivered once the platform accepted them, one mark
// per burst: a reply with no pause goes out right after the one before it,
// and the mark before the next reply that has a pause covers them all. The
// mark is the compare-and-set that renews the lease and picks up what
// other replicas queued meanwhile. So a replica that dies leaves at most
// one burst per conversation sent but unmarked (the replica taking over
// sends it again), and the lease need only outlast one reply's pause and
// the sends of its burst, however many replies a turn has.
//
// The mark of the last burst is kept in process (see
// DelivererConfig.Flush): the conversation's next turn on this replica
// carries it in its own compare-and-set (Settle), or it is written alone
// once Flush has passed, and delivery goes on if other replicas queued
// replies meanwhile.
//
// Once Shutdown began, a delivery stops before its next reply, or during
// its pause (see Pauser): what it sent is marked and its lease released,
// for another replica's sweeper. A reply being sent is sent and marked.
func (d *Deliverer) Deliver(ctx context.Context, a Address, l *Leased) error {
	return d.deliver(ctx, a, l, nil)
}

// enter records a delivery of a under way here.
func (d *Deliverer) enter(a Address) *liveRun {
	run := &liveRun{}
	d.mu.Lock()
	d.live[a] = run
	d.mu.Unlock()
	return run
}

// deliver is Deliver; run, if not nil, is the delivery's entry in d.live
// (made by start), else it enters once the lease is taken.
func (d *Deliverer) deliver(ctx context.Context, a Address, l *Leased, run *liveRun) error {
	if run != nil {
		defer d.leave(a, run)
	}
	if l == nil {
		if d.stopping() {
			return nil // not taken: nothing to hand over
		}
		var err error
		if l, err = d.take(ctx, a); err != nil || l == nil {
			return err
		}
	}
	if run == nil {
		run = d.enter(a)
		defer d.leave(a, run)
	}
	batch, keyboard, texts, told := l.Batch, l.Keyboard, l.Texts, l.Told
	// The marks renew the lease; so does the keeper, once the run went
	// half a lease without one (a send slow to be answered).
	k := d.keepLease(ctx, a, l.Owner, l.at)
	defer k.stop()
	// A desk relay never holds back the person's replies (a crisis safety
	// message may follow it): one that fails is held, with every relay
	// after it so that relays keep their order, and the person's replies
	// go on in theirs. Held relays stay in the outbox and are tried again
	// after the lease ends (see park in mark), or sooner with the next
	// turn's delivery.
	var (
		held     int64
		relayErr error
		pos      int64 // the last entry handled (sent, held or dropped)
		sent     int64 // the last entry sent since the last mark; 0: none
	)
	// markSent writes the mark of what was sent since the last one, and
	// takes what is pending now as the batch.
	markSent := func(release bool) error {
		at := d.now()
		next, err := d.mark(ctx, a, l.Owner, sent, keyboard, false, held, release, batch)
		if err != nil {
			return err
		}
		k.renewed(at)
		if d.cfg.Marked != nil && sent > 0 {
			d.cfg.Marked(a, sent)
		}
		batch, sent = next, 0
		return nil
	}
	for {
		i := slices.IndexFunc(batch, func(o Outbound) bool { return o.Seq > pos && !isHeld(o, held) })
		if d.stopping() {
			// Handed over: the replies left go out from another replica
			// at its next sweep, not after the lease.
			return markSent(true)
		}
		if i < 0 {
			if held == 0 {
				if d.settleLater(ctx, a, l.Owner, sent, keyboard, run) {
					return nil
				}
				// This replica queued more meanwhile: fetch it with
				// the mark.
				if err := markSent(false); err != nil {
					return err
				}
				if len(batch) == 0 {
					return nil
				}
				continue
			}
			// Only held relays are left: park them (the mark below
			// picks up whatever was queued meanwhile).
			if err := markSent(false); err != nil {
				return err
			}
			if len(batch) == 0 {
				return fmt.Errorf("deliver: desk relay waits for another try: %w", relayErr)
			}
			continue
		}
		o := batch[i]
		if (sent > 0 && o.Pause > 0) || k.stale() {
			// A pause ends the burst: its mark goes first, so the lease
			// only has to outlast this pause. So does a lease that may
			// lapse soon (this run stalled, its keeper too): the mark
			// renews it, or finds it taken over, and nothing more goes
			// out from here, where it would come after the replies of
			// the replica that took over.
			if err := markSent(false); err != nil {
				return err
			}
			if len(batch) == 0 {
				return nil // the lease passed to another replica
			}
			continue
		}
		pos = o.Seq
		kb, err := keyboard, error(nil)
		if o.toDesk() {
			// The person's words for their ticket's thread, or the
			// opening of the ticket (see relay).
			if err = d.relay(ctx, a, o); err != nil && ctx.Err() == nil {
				held, relayErr = o.Seq, err
				d.log.Warn("desk relay failed; held for another try, the person's replies go on", "chat", a.Hash(), "handoff", o.Handoff.ID, "err", err)
				continue
			}
		} else if o.To == ToDeskLines {
			lines, ok := told[o.Seq]
			if !ok {
				lines = d.deskLines(ctx, a, o)
			}
			kb, err = d.sendAll(ctx, a, lines, keyboard)
		} else {
			r := o.Reply()
			if t, ok := texts[o.Seq]; ok {
				r.Text = t
			}
			kb, err = d.send(ctx, a, r, keyboard, true)
		}
		if errors.Is(err, ErrPauseCut) {
			// Shutdown began during this reply's pause: it goes out
			// from another replica, after its pause there.
			return markSent(true)
		}
		if errors.Is(err, ErrBlocked) {
			// Nothing can reach them: drop what is pending.
			last := batch[len(batch)-1].Seq
			if _, err := d.mark(ctx, a, l.Owner, last, keyboard, true, held, false, batch); err != nil {
				return err
			}
			if d.cfg.Marked != nil {
				d.cfg.Marked(a, last)
			}
			return nil
		}
		if err != nil {
			// This reply and the rest wait for the lease to end (or, when
			// stopping, like a crash) and another try; what was sent
			// before it is marked if the store still answers.
			if sent > 0 {
				if merr := markSent(false); merr != nil {
					d.log.Debug("mark after a failed send", "chat", a.Hash(), "err", merr)
				}
			}
			return fmt.Errorf("deliver: %w", err)
		}
		sent, keyboard = o.Seq, kb
		if d.cfg.Delivered != nil {
			d.cfg.Delivered(a, o, d.now().Sub(o.At))
		}
	}
}

// stopping reports whether Shutdown began.
func (d *Deliverer) stopping() bool {
	select {
	case <-d.stop:
		return true
	default:
		return false
	}
}

// settleLater keeps the mark of a's last burst (replies up to seq, sent
// by the run owner) for this replica's next store update of a, or writes
// it once Flush has passed, and reports true; the run is over. It reports
// false, keeping nothing, when this replica queued replies for a while the
// run went on (see liveRun): the run marks now and sends them.
func (d *Deliverer) settleLater(ctx context.Context, a Address, owner string, seq int64, keyboard string, run *liveRun) bool {
	p := &pendingMark{owner: owner, seq: seq, keyboard: keyboard}
	mu := d.locks.of(a)
	mu.Lock()
	d.mu.Lock()
	if run.behind {
		run.behind = false
		d.mu.Unlock()
		mu.Unlock()
		return false
	}
	if d.live[a] == run {
		delete(d.live, a) // from now on, a turn here carries p (Settle)
	}
	if d.cfg.Flush < 0 || d.stopping() {
		d.mu.Unlock()
		mu.Unlock()
		d.flushNow(ctx, a, p, false)
		return true
	}
	if old := d.pending[a]; old != nil {
		// A run of this replica that took the conversation over after
		// old's lease ran out (old unwritten, e.g. a slow last burst)
		// without settling it first: p supersedes old, its owner holding
		// the lease now, and shares old's count. A flush that took old
		// finds it gone.
		p.seq = max(p.seq, old.seq)
	} else {
		d.busy.Add(1) // done by whoever removes p: Settled, forgot, flushNow or take
	}
	d.pending[a] = p
	p.due = time.Now().Add(d.cfg.Flush)
	d.armLocked(p.due)
	d.mu.Unlock()
	mu.Unlock()
	return true
}

// leave records that run, a's delivery, is over.
func (d *Deliverer) leave(a Address, run *liveRun) {
	d.mu.Lock()
	if d.live[a] == run {
		delete(d.live, a)
	}
	d.mu.Unlock()
}

// Settle is for a store update of a's conversation made by this replica
// (a turn, a Send): it applies to s the mark this replica keeps pending
// for a's last burst (see DelivererConfig.Flush) and gives up that run's
// lease, so that Queue, called next, leases the outbox afresh with
// whatever other replicas queued. It is pure, as a store update must be;
// call Settled once the update was saved, with the lock the engine shares
// with d still held.
func (d *Deliverer) Settle(a Address, s *Session) {
	d.mu.Lock()
	p := d.pending[a]
	d.mu.Unlock()
	if p == nil {
		return
	}
	now := d.now()
	if s.Lease.Owner == p.owner {
		s.Keyboard = p.keyboard
	}
	Delivered(s, p.seq, p.owner, now, d.cfg.Lease)
	if s.Lease.Owner == p.owner {
		s.Lease = Lease{} // the run is over; Queue takes a new lease
	}
}

// Settled tells d that the store update that ran Settle for a was saved:
// the pending mark it carried is written, and a delivery of a under way
// here, whose lease kept the update from leasing what it queued, picks
// that up before it ends.
func (d *Deliverer) Settled(a Address) {
	d.mu.Lock()
	if r := d.live[a]; r != nil {
		// Whatever the update queued waits for that delivery's lease.
		r.behind = true
	}
	if p := d.takePending(a); p != nil && d.cfg.Marked != nil && p.seq > 0 {
		d.cfg.Marked(a, p.seq)
	}
}

// takePending takes a's pending mark, if any, out of d.pending. Call it
// with d.mu held: it unlocks d.mu, then marks the mark done, so that a
// flush under way finds it gone. It returns nil if a had none.
func (d *Deliverer) takePending(a Address) *pendingMark {
	p := d.pending[a]
	if p == nil {
		d.mu.Unlock()
		return nil
	}
	delete(d.pending, a)
	d.mu.Unlock()
	d.busy.Done() // a flush under way finds p gone
	return p
}

// flushSlack is how early fire flushes a pending mark (of Flush): those
// due within it are written with those due now, so that the store sends
// them in a few round trips (see redisstore's batching) rather than one
// each. Early costs nothing but the chance of a turn carrying the mark.
const flushSlack = 4

// flushWorkers bounds the marks one fire writes at once.
const flushWorkers = 64

// armLocked arms the flush timer for at, unless it fires before. d.mu held.
func (d *Deliverer) armLocked(at time.Time) {
	if !d.flushAt.IsZero() && !at.Before(d.flushAt) {
		return
	}
	d.flushAt = at
	wait := time.Until(at)
	if d.flushTimer == nil {
		d.flushTimer = time.AfterFunc(wait, d.fire)
		return
	}
	d.flushTimer.Reset(wait)
}

// fire is the flush timer: it writes, concurrently, every pending mark
// due now or within Flush/flushSlack (each unless a store update carried
// it meanwhile), and arms the timer for the next one.
func (d *Deliverer) fire() {
	fs, _ := d.fires.Get().(*fireScratch)
	if fs == nil {
		fs = new(fireScratch)
	}
	defer d.fires.Put(fs)
	defer fs.clear() // before Put: nothing of this fire is kept
	batch := fs.batch[:0]
	d.mu.Lock()
	d.flushAt = time.Time{}
	horizon := time.Now().Add(d.cfg.Flush / flushSlack)
	var next time.Time
	for a, p := range d.pending {
		switch {
		case p.flushing:
		case !p.due.After(horizon):
			p.flushing = true
			batch = append(batch, dueMark{a, p})
			fs.batch = batch
		case next.IsZero() || p.due.Before(next):
			next = p.due
		}
	}
	if !next.IsZero() {
		d.armLocked(next)
	}
	// Counted while d.mu is held, so while the marks taken still count:
	// Wait never sees zero between their removal (a Settled, a forgot)
	// and their flushes.
	eu, each := d.cfg.Store.(EachUpdater)
	workers := min(len(batch), flushWorkers)
	if each {
		workers = min(len(batch), 1) // this goroutine
	}
	d.busy.Add(workers)
	d.mu.Unlock()
	if d.fireGap != nil {
		d.fireGap()
	}
	if len(batch) == 0 {
		return
	}
	if each {
		defer d.busy.Done()
		ctx, cancel := context.WithTimeout(context.Background(), d.cfg.Lease)
		defer cancel()
		d.flushEach(ctx, eu, batch, fs)
		return
	}
	work := make(chan dueMark)
	for range workers {
		go func() {
			defer d.busy.Done()
			for m := range work {
				ctx, cancel := context.WithTimeout(context.Background(), d.cfg.Lease)
				d.flushNow(ctx, m.a, m.p, true)
				cancel()
			}
		}()
	}
	for _, m := range batch {
		work <- m
	}
	close(work)
}

// dueMark is a pending mark a fire takes, and its conversation.
type dueMark struct {
	a Address
	p *pendingMark
}

// fireScratch is the memory of one fire, reused by the next (d.fires):
// the marks it takes and, for flushEach, their addresses and what each
// finds pending. A fire at 10,000 turns/s takes about 60 marks; made anew
// each time, these were about 300 bytes a turn.
type fireScratch struct {
	batch []dueMark
	as    []Address
	next  [][]Outbound
}

// clear drops what fs refers to, keeping its arrays.
func (fs *fireScratch) clear() {
	clear(fs.batch[:cap(fs.batch)])
	clear(fs.as[:cap(fs.as)])
	clear(fs.next[:cap(fs.next)])
	fs.batch, fs.as, fs.next = fs.batch[:0], fs.as[:0], fs.next[:0]
}

// flushEach is flushNow (kept) for every mark of batch, written in one
// call of the store (one round trip on Redis) from this goroutine, rather
// than one store update each from flushWorkers goroutines. Unlike
// flushNow it takes none of the conversations' locks: held for the whole
// batch (its encoding, its round trip, Redis running every mark), they
// would stop the turns of every conversation sharing a stripe with one of
// its marks (in 6 interleaved open-loop runs on Redis, the p99.9 of a
// turn was 2.0-2.8 times its p99 with them held, 1.5-2.0 without, as
// before batching). A turn that races a mark
// here is told apart by the store's compare-and-set, as one on another
// replica is: the loser runs again on what the winner saved (a turn that
// finds the mark gone from pending and the lease still held queues its
// replies, which the mark then finds and delivers; a mark that finds the
// lease taken by a later turn only drops what it sent).
func (d *Deliverer) flushEach(ctx context.Context, eu EachUpdater, batch []dueMark, fs *fireScratch) {
	// The marks still pending: a turn may have carried one (Settled), a
	// forget dropped it, or Shutdown taken it, meanwhile.
	d.mu.Lock()
	taken := batch[:0]
	for _, m := range batch {
		if d.pending[m.a] == m.p {
			delete(d.pending, m.a)
			taken = append(taken, m)
		}
	}
	d.mu.Unlock()
	// Each p's count in d.busy ends once its follow-up delivery, if any,
	// is counted (see flushNow).
	defer func() {
		for range taken {
			d.busy.Done()
		}
	}()
	release := d.stopping()
	as := slices.Grow(fs.as[:0], len(taken))[:len(taken)]
	for i, m := range taken {
		as[i] = m.a
	}
	next := slices.Grow(fs.next[:0], len(taken))[:len(taken)]
	clear(next)
	fs.as, fs.next = as, next
	var errs []error
	if len(taken) > 0 {
		errs = eu.UpdateEach(ctx, as, func(i int, s *Session) error {
			p := taken[i].p
			return d.markUpdate(s, p.owner, p.seq, p.keyboard, false, 0, release, true, nil, &next[i])
		})
	}
	for i, m := range taken {
		n, err := d.marked(m.a, next[i], errs[i])
		d.flushed(ctx, m.a, m.p, n, err)
	}
}

// flushNow writes p, a's mark (kept pending, unless a store update
// carried it meanwhile, or one never kept), and delivers what other
// replicas queued meanwhile, if the lease is still p.owner's; once
// Shutdown began, the lease is released instead.
func (d *Deliverer) flushNow(ctx context.Context, a Address, p *pendingMark, kept bool) {
	mu := d.locks.of(a)
	mu.Lock()
	if kept {
		d.mu.Lock()
		if d.pending[a] != p {
			// Carried by a turn (Settled), dropped (forgot) or taken
			// by another flush.
			d.mu.Unlock()
			mu.Unlock()
			return
		}
		delete(d.pending, a)
		d.mu.Unlock()
		defer d.busy.Done() // p's count: removed here
	}
	next, err := d.markLocked(ctx, a, p.owner, p.seq, p.keyboard, false, 0, d.stopping(), nil)
	mu.Unlock()
	d.flushed(ctx, a, p, next, err)
}

// flushed is what follows the write of p, a's mark, once markLocked (or
// marked) returned next and err (see flushNow).
func (d *Deliverer) flushed(ctx context.Context, a Address, p *pendingMark, next []Outbound, err error) {
	if errors.Is(err, errForgotten) {
		return // dropped, not written: nothing was marked
	}
	if err != nil {
		d.log.Warn("outbox mark failed; the lease will expire and another replica resends the last replies", "chat", a.Hash(), "err", err)
		return
	}
	if d.cfg.Marked != nil && p.seq > 0 {
		d.cfg.Marked(a, p.seq)
	}
	if len(next) > 0 {
		// Queued by other replicas while the mark was pending.
		d.startDetached(ctx, a, &Leased{Owner: p.owner, Batch: next, Keyboard: p.keyboard})
	}
}

// Shutdown hands this replica's deliveries over to the others, as a
// replica that stops for good must: each delivery stops before its next
// reply, or abandons the pause it is in (see Pauser), marks what it sent
// and releases its lease, and the marks kept pending are written the same
// way, so another replica's sweeper sends the rest, with their pauses, at
// its next sweep rather than once the lease ran out. A reply being sent
// is sent and marked first: nothing is sent twice. Deliveries started
// after it began (by turns still in flight) send nothing and release
// their lease at once; the sweeper starts none. It returns once the
// deliveries under way have handed over, or with ctx's error; a done ctx
// only begins the hand-over. Call it again once no turn can start a
// delivery to wait for those too.
func (d *Deliverer) Shutdown(ctx context.Context) error {
	d.mu.Lock()
	select {
	case <-d.stop:
	default:
		close(d.stop)
	}
	taken := maps.Clone(d.pending) // a fire's flush under way may win one
	if d.flushTimer != nil {
		d.flushTimer.Stop()
		d.flushAt = time.Time{}
	}
	d.busy.Add(len(taken)) // with d.mu held: see fire
	d.mu.Unlock()
	for a, p := range taken {
		go func() {
			defer d.busy.Done()
			// Not cut short by ctx: an unwritten mark costs a resend.
			fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), d.cfg.Lease)
			defer cancel()
			d.flushNow(fctx, a, p, true)
		}()
	}
	select {
	case <-d.busy.zero():
		return nil
	case <-ctx.Done():
		return fmt.Errorf("deliverer shutdown: %w", ctx.Err())
	}
}

// RelayGiveUp is how long a desk relay that keeps failing is tried again
// (at each lease's end or with the next turn's delivery, possibly on
// another replica) before it is dropped and logged as an error: long
// enough for Slack to come back. A failing relay never holds the person's
// replies back (see Deliver), and one the desk can never take
// (ErrNoTicket) is dropped at once.
const RelayGiveUp = 10 * time.Minute

// relay posts what the person wrote to their ticket's thread. It returns
// nil for a relay given up (no desk, no ticket thread, or failing for
// RelayGiveUp).
func (d *Deliverer) relay(ctx context.Context, a Address, o Outbound) error {
	if d.cfg.Desk == nil || o.Handoff == nil {
		d.log.Error("desk relay dropped: no desk", "chat", a.Hash())
		return nil
	}
	var err error
	if o.To == ToDeskOpen {
		h := *o.Handoff
		switch op := d.cfg.Desk.(type) {
		case DeskRecentOpener:
			err = op.EnsureOpenedRecent(ctx, a, h, func(ctx context.Context) ([]Turn, error) {
				return d.recent(ctx, a, h.Opened)
			})
		case DeskOpener:
			err = op.EnsureOpened(ctx, a, h)
		default:
			return nil // the turn's own Desk.Opened is all it has
		}
		if errors.Is(err, errForgotten) {
			d.log.Debug("conversation gone: its ticket not opened", "chat", a.Hash(), "handoff", h.ID)
			return nil
		}
	} else {
		err = d.cfg.Desk.Relayed(ctx, a, *o.Handoff, o.Text)
	}
	if err == nil || ctx.Err() != nil {
		return err
	}
	if errors.Is(err, ErrNoTicket) {
		// No retry can help: the ticket is gone or its card never posted.
		d.log.Error("desk relay dropped: no ticket thread", "chat", a.Hash(), "handoff", o.Handoff.ID, "err", err, "err_id", errID())
		return nil
	}
	if d.now().Sub(o.At) > RelayGiveUp {
		d.log.Error("desk relay dropped after trying for too long", "chat", a.Hash(), "handoff", o.Handoff.ID, "err", err, "err_id", errID())
		return nil
	}
	return err
}

// recent returns a's turns up to at from its session: those the turn that
// opened a hand-off at at passed to Desk.Opened (its own lines included,
// stamped at), not those written since. It fails with errForgotten when
// no session is stored.
func (d *Deliverer) recent(ctx context.Context, a Address, at time.Time) ([]Turn, error) {
	var out []Turn
	err := d.cfg.Store.Update(ctx, a, func(s *Session) error {
		out = out[:0] // fn may run again, on a newer session
		if s.Version == 0 || s.Forgotten {
			return errForgotten
		}
		for _, t := range s.Recent {
			if !t.At.After(at) {
				out = append(out, t)
			}
		}
		return errNothing // read only
	})
	if errors.Is(err, errNothing) {
		return out, nil
	}
	return nil, fmt.Errorf("recent turns: %w", err)
}

// deskLines asks the desk what to tell the person waiting for o's
// hand-off (o a ToDeskLines entry this replica has no lines for). On
// error it says nothing: the person's replies after it are not held back
// for an estimate.
func (d *Deliverer) deskLines(ctx context.Context, a Address, o Outbound) []Reply {
	tl, ok := d.cfg.Desk.(DeskTeller)
	if !ok || o.Handoff == nil {
		return nil
	}
	lines, err := tl.Tell(ctx, a, *o.Handoff)
	if err != nil {
		d.log.Warn("desk lines unknown: the person is not told how long it may take", "chat", a.Hash(), "handoff", o.Handoff.ID, "err", err)
		return nil
	}
	for i := range lines {
		lines[i].Verbatim = true // the desk's own words, as Desk.Opened's
	}
	return lines
}

// sendAll sends replies in order through the outlet, as one entry of the
// outbox, and returns the keyboard to remember next. Only the first
// reply's pause may be cut (see send): an entry is marked whole, so once
// its first reply went out the rest follows from here. For the same
// reason, a later reply that fails sends the earlier ones again at the
// next try: the desk's lines, the one entry with several replies, are one
// line today (the estimate).
func (d *Deliverer) sendAll(ctx context.Context, a Address, replies []Reply, keyboard string) (string, error) {
	for i, r := range replies {
		kb, err := d.send(ctx, a, r, keyboard, i == 0)
		if err != nil {
			return kb, err
		}
		keyboard = kb
	}
	return keyboard, nil
}

// send shows r to a through the outlet. When the outlet has a pause of
// its own (Pauser), r's pause is taken first, and, if cuttable, in a
// context Shutdown ends: then r is not sent, and the error wraps
// ErrPauseCut. A send under way is never cut by Shutdown.
func (d *Deliverer) send(ctx context.Context, a Address, r Reply, keyboard string, cuttable bool) (string, error) {
	if p := pauserOf(d.cfg.Outlet, a); p != nil && r.Pause > 0 {
		pctx := ctx
		if cuttable {
			var cancel context.CancelFunc
			pctx, cancel = d.pauseContext(ctx)
			defer cancel()
		}
		if err := p.Pause(pctx, a, r.Pause); err != nil {
			if errors.Is(context.Cause(pctx), ErrPauseCut) && ctx.Err() == nil {
				return keyboard, fmt.Errorf("deliver: %w", ErrPauseCut)
			}
			return keyboard, err
		}
		r.Pause = 0 // taken
	}
	return d.cfg.Outlet.Deliver(ctx, a, r, keyboard)
}

// pauseContext returns ctx, ended also, with cause ErrPauseCut, once
// Shutdown began.
func (d *Deliverer) pauseContext(ctx context.Context) (context.Context, context.CancelFunc) {
	pctx, cancel := context.WithCancelCause(ctx)
	if d.stopping() {
		cancel(ErrPauseCut)
		return pctx, func() {}
	}
	go func() {
		select {
		case <-d.stop:
			cancel(ErrPauseCut)
		case <-pctx.Done():
		}
	}()
	return pctx, func() { cancel(context.Canceled) }
}

// pauserOf returns the Pauser of a's outlet, nil if it has none.
func pauserOf(o Outlet, a Address) Pauser {
	if m, ok := o.(Outlets); ok {
		o = m[a.Platform]
	}
	p, _ := o.(Pauser)
	return p
}

var _ Sender = (*Deliverer)(nil)

// errSendBlocked stops Send's store update for a person who blocked the bot.
var errSendBlocked = errors.New("blocked")

// Send implements Sender for conversations on the platforms the
// Deliverer has an outlet for: replies written without an inbound message
// (an agent's words relayed by the desk, a check-in, the flood notice) are
// queued in the conversation's outbox, after what it already holds, and
// delivered like a turn's: in order, by whichever replica holds the lease,
// and by another if this one dies. It returns once they are stored, not
// sent; an error wrapping ErrBlocked when the person blocked the bot.
func (d *Deliverer) Send(ctx context.Context, to Address, replies []Reply) error {
	if !d.Handles(to) {
		return fmt.Errorf("send: no outlet for platform %q", to.Platform)
	}
	if len(replies) == 0 {
		return nil
	}
	var l *Leased
	mu := d.locks.of(to)
	mu.Lock()
	err := d.cfg.Store.Update(ctx, to, func(s *Session) error {
		l = nil
		if s.Blocked {
			return errSendBlocked
		}
		if s.Forgotten {
			// The person asked to be forgotten: the confirmation is the
			// last thing they get, until they write again.
			return errForgotten
		}
		d.Settle(to, s)
		l = d.Queue(s, replies, d.now())
		return nil
	})
	if err == nil {
		d.Settled(to)
	}
	mu.Unlock()
	if errors.Is(err, errSendBlocked) {
		return fmt.Errorf("send: %w", ErrBlocked)
	}
	if errors.Is(err, errForgotten) {
		d.log.Debug("conversation forgotten: replies not queued", "chat", to.Hash(), "replies", len(replies))
		return nil
	}
	if err != nil {
		return fmt.Errorf("send: queue: %w", err)
	}
	if l != nil {
		d.startDetached(ctx, to, l)
	}
	return nil
}

var errNothing = errors.New("nothing to deliver")

// take leases a's outbox for this replica; nil if it is empty or another
// replica holds it. A mark this replica keeps pending for a (its lease ran
// out before the flush: a slow last burst, a stalled store) is applied
// first, as a turn's Settle does, so that this replica never sends its own
// last burst again.
func (d *Deliverer) take(ctx context.Context, a Address) (*Leased, error) {
	var l *Leased
	owner := d.token()
	mu := d.locks.of(a)
	mu.Lock()
	defer mu.Unlock()
	d.mu.Lock()
	p := d.pending[a]
	d.mu.Unlock()
	err := d.cfg.Store.Update(ctx, a, func(s *Session) error {
		l = nil
		if p != nil {
			if s.Version == 0 {
				return errNothing // forgotten: nothing to mark or send
			}
			d.Settle(a, s)
		}
		at := d.now()
		if len(s.Outbox) == 0 || !TakeLease(s, owner, at, d.cfg.Lease) {
			if p != nil {
				return nil // the mark alone
			}
			return errNothing
		}
		l = &Leased{Owner: owner, Batch: slices.Clone(s.Outbox), Keyboard: s.Keyboard, at: at}
		return nil
	})
	if errors.Is(err, errNothing) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("lease outbox: %w", err)
	}
	if p != nil {
		d.settledBy(a, p)
	}
	return l, nil
}

// settledBy tells d that take's store update carried p, a's pending mark
// (as Settled does for a turn's).
func (d *Deliverer) settledBy(a Address, p *pendingMark) {
	d.mu.Lock()
	if d.pending[a] != p {
		d.mu.Unlock()
		return
	}
	delete(d.pending, a)
	d.mu.Unlock()
	d.busy.Done() // a flush under way finds p gone
	if d.cfg.Marked != nil && p.seq > 0 {
		d.cfg.Marked(a, p.seq)
	}
}

// mark records the replies up to seq delivered and the live keyboard, and
// returns what is pending now if this replica still holds the lease (turns
// queued meanwhile, on any replica).
//
// held (> 0) is the first desk relay held back for another try in this run
// (see Deliver): it and the relays after it stay queued. When nothing but
// held relays is left, the lease is parked: no owner, so that the next
// turn's delivery (on any replica) takes it at once and tries them again
// first, and Until for the sweeper's retry. release gives the lease up
// with replies still pending (Shutdown), for other replicas' sweepers.
// known is the delivery's batch, whose entries the result shares.
func (d *Deliverer) mark(ctx context.Context, a Address, owner string, seq int64, keyboard string, blocked bool, held int64, release bool, known []Outbound) ([]Outbound, error) {
	mu := d.locks.of(a)
	mu.Lock()
	defer mu.Unlock()
	next, err := d.markLocked(ctx, a, owner, seq, keyboard, blocked, held, release, known)
	if errors.Is(err, errForgotten) {
		return nil, nil
	}
	return next, err
}

// markLocked is mark, the conversation's lock held, except that a mark
// dropped because the conversation is no longer stored is errForgotten.
func (d *Deliverer) markLocked(ctx context.Context, a Address, owner string, seq int64, keyboard string, blocked bool, held int64, release bool, known []Outbound) ([]Outbound, error) {
	var next []Outbound
	var err error
	if eu, ok := d.cfg.Store.(EachUpdater); ok {
		// A mark keeps nothing of the session but a copy (markUpdate): a
		// store that decodes into reused memory spares it the allocations.
		err = eu.UpdateEach(ctx, []Address{a}, func(_ int, s *Session) error {
			return d.markUpdate(s, owner, seq, keyboard, blocked, held, release, true, known, &next)
		})[0]
	} else {
		err = d.cfg.Store.Update(ctx, a, func(s *Session) error {
			return d.markUpdate(s, owner, seq, keyboard, blocked, held, release, false, nil, &next)
		})
	}
	return d.marked(a, next, err)
}

// marked returns what markLocked returns once its store update ended
// with err, next what it found pending.
func (d *Deliverer) marked(a Address, next []Outbound, err error) ([]Outbound, error) {
	if errors.Is(err, errForgotten) {
		d.log.Debug("conversation gone: its delivery mark dropped", "chat", a.Hash())
		return nil, errForgotten
	}
	if err != nil {
		return nil, fmt.Errorf("mark delivered: %w", err)
	}
	return next, nil
}

// markUpdate is the store update of a mark (see mark): it sets *next to
// what is pending now if owner still holds the lease.
// reused says that s's memory is reused once the update returns
// (EachUpdater), so that what it keeps must be copied; known is what the
// delivery holds already (its batch), whose entries it keeps rather than
// copies (see keepOutbox).
func (d *Deliverer) markUpdate(s *Session, owner string, seq int64, keyboard string, blocked bool, held int64, release, reused bool, known []Outbound, next *[]Outbound) error {
	*next = nil
	if s.Version == 0 {
		// Nothing stored: the person asked to be forgotten since
		// (or the session expired). A mark never creates one.
		return errForgotten
	}
	now := d.now()
	if s.Lease.Owner == owner {
		// A replica that took over after this one's lease ran out
		// keeps its own keyboard.
		s.Keyboard = keyboard
	}
	deliveredHolding(s, seq, held, owner, now, d.cfg.Lease)
	if blocked {
		s.Blocked = true
		Delivered(s, s.OutSeq, owner, now, d.cfg.Lease)
	}
	if len(s.Outbox) == 0 || s.Lease.Owner != owner {
		return nil
	}
	if release {
		s.Lease = Lease{} // due at once in the index
		return nil
	}
	// Renewed by Delivered.
	if !slices.ContainsFunc(s.Outbox, func(o Outbound) bool { return !isHeld(o, held) }) {
		s.Lease.Owner = "" // parked
		return nil
	}
	if reused {
		// Copied, strings too: the session's memory is reused once the
		// update returns (see EachUpdater).
		*next = keepOutbox(s.Outbox, known)
	} else {
		*next = slices.Clone(s.Outbox)
	}
	return nil
}

// keepOutbox returns out as cloneOutbox does, but taking the entries
// known holds already (by Seq) from known: a delivery's marks between
// bursts find the rest of the delivery's own batch, and copy only what
// was queued since. An entry's Seq names it for good while its lease is
// held: a mark returns the outbox only to the lease's owner, the run
// that leased these entries (a conversation forgotten and started again
// counts from 1 again, under another lease).
func keepOutbox(out, known []Outbound) []Outbound {
	j := 0 // both are in Seq order
	fresh := 0
	for _, o := range out {
		for j < len(known) && known[j].Seq < o.Seq {
			j++
		}
		if j == len(known) || known[j].Seq != o.Seq {
			fresh++
		}
	}
	if fresh == len(out) {
		return cloneOutbox(out)
	}
	kept := make([]Outbound, 0, len(out))
	j = 0
	for i, o := range out {
		for j < len(known) && known[j].Seq < o.Seq {
			j++
		}
		if j < len(known) && known[j].Seq == o.Seq {
			kept = append(kept, known[j])
			continue
		}
		kept = append(kept, cloneOutbox(out[i:i+1])...)
	}
	return kept
}

// cloneOutbox returns a copy of out that shares no memory a store may
// reuse: its texts and buttons are copied too. Hand-offs and destinations
// are not: a store decodes them into memory of their own (redisstore from
// JSON), never reused.
func cloneOutbox(out []Outbound) []Outbound {
	// The texts are copied into one string, which the copies slice: a
	// delivery's marks between bursts clone what is left to send.
	n := 0
	for _, o := range out {
		n += len(o.Text)
		for _, ch := range o.Choices {
			n += len(ch.ID) + len(ch.Label)
		}
	}
	var b strings.Builder
	b.Grow(n)
	for _, o := range out {
		b.WriteString(o.Text)
		for _, ch := range o.Choices {
			b.WriteString(ch.ID)
			b.WriteString(ch.Label)
		}
	}
	all := b.String()
	next := func(s string) string {
		c := all[:len(s)]
		all = all[len(s):]
		return c
	}
	c := slices.Clone(out)
	for i := range c {
		o := &c[i]
		o.Text = next(o.Text)
		if o.Choices != nil {
			o.Choices = slices.Clone(o.Choices)
			for j, ch := range o.Choices {
				o.Choices[j] = Choice{ID: next(ch.ID), Label: next(ch.Label)}
			}
		}
	}
	return c
}

// errForgotten stops a mark's store update of a conversation that is no
// longer stored.
var errForgotten = errors.New("conversation forgotten")

// forgot tells d that a's conversation was deleted ("forget me"): the mark
// this replica keeps pending for a's last burst is dropped, never written.
// Call it with the lock the engine shares with d held, as Settled.
func (d *Deliverer) forgot(a Address) {
	d.mu.Lock()
	d.takePending(a)
}

// convLocks serialise, within one process, the store updates of each
// conversation (a striped lock: conversations may share one).
//
// A turn holds its lock across the store's round trip, so a turn whose
// conversation shares a stripe with another one in flight waits for it.
// At 10,000 turns/s on Redis about five turns and marks hold a lock at
// any time (0.3-0.5 ms each): with 256 stripes about one turn in 50 found
// its stripe taken, enough to reach the p99 of turn latency; with 4,096,
// about one in 800, for 32 KB of mutexes (no pointers: nothing for the
// garbage collector to scan).
type convLocks struct {
	seed maphash.Seed
	mu   [4096]sync.Mutex
}

func newConvLocks() *convLocks { return &convLocks{seed: maphash.MakeSeed()} }

// of returns the lock of a's conversation.
func (l *convLocks) of(a Address) *sync.Mutex {
	return &l.mu[maphash.Comparable(l.seed, a)%uint64(len(l.mu))]
}

// busy counts work under way. Unlike a sync.WaitGroup's, its count may
// go up from zero while someone waits for zero: turns still in flight on
// a stopping replica start deliveries while Shutdown waits. A wait ends
// once the count is zero, whatever starts after.
type busy struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed once n fell to zero; nil before any Add
}

// closedChan is the idle of a busy never counted.
var closedChan = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

// Add counts n more.
func (b *busy) Add(n int) {
	if n <= 0 {
		return
	}
	b.mu.Lock()
	if b.n == 0 {
		b.idle = make(chan struct{})
	}
	b.n += n
	b.mu.Unlock()
}

// Done counts one less.
func (b *busy) Done() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.n <= 0 {
		panic("bot: busy count below zero")
	}
	b.n--
	if b.n == 0 {
		close(b.idle)
	}
}

// Go runs f in a goroutine, counted until it returns.
func (b *busy) Go(f func()) {
	b.Add(1)
	go func() {
		defer b.Done()
		f()
	}()
}

// zero is closed once the count is zero.
func (b *busy) zero() <-chan struct{} {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.n == 0 {
		return closedChan
	}
	return b.idle
}
