package bot

import (
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"log/slog"
	"slices"
	"strconv"
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

// Defaults of DelivererConfig.
const (
	DefaultLease     = 15 * time.Second
	DefaultSweep     = time.Second
	DefaultSweepSize = 64
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
	// plus a sweep. It is renewed as each reply is marked delivered, so it
	// must exceed the longest pause of one reply plus its send.
	Lease time.Duration
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
	// delivered in the store (after each reply): where a reply's delivery
	// ends (benchmarks).
	Marked func(a Address, seq int64)
}

// Deliverer sends what turns queued in conversations' outboxes (see
// Session.Outbox), from any replica: one replica at a time per
// conversation, holding its lease, in sequence order, marking each reply
// delivered once the platform accepted it. Delivery is at least once: the
// one reply a replica sent just before it died, unmarked, is sent again by
// the replica that takes the lease over.
type Deliverer struct {
	cfg DelivererConfig
	log *slog.Logger
	now func() time.Time
	wg  sync.WaitGroup

	runs atomic.Int64 // numbers this replica's delivery runs

	// locks serialise this process's store updates of a conversation: an
	// engine delivering through d shares them, so that a mark and the
	// person's next turn wait for each other here rather than race in the
	// store, where the loser (on Redis) pays another round trip.
	locks *convLocks

	mu     sync.Mutex
	active map[Address]bool // conversations the sweeper is delivering now
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
	d := &Deliverer{cfg: cfg, log: cfg.Logger, now: cfg.Now, active: map[Address]bool{}, locks: newConvLocks()}
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
			// Deliveries under way carry on: one cut short is resumed by
			// a replica once its lease ends.
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
			d.Start(ctx, a, nil)
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
}

// Queue is for a turn's store update: it queues replies in s's outbox and
// takes the delivery lease if nobody else holds it. It returns what to hand
// to Start, nil if another replica delivers (it will find the replies when
// it marks its batch). It is pure, as a store update must be.
func (d *Deliverer) Queue(s *Session, replies []Reply, now time.Time) *Leased {
	Queue(s, replies, now)
	owner := d.token()
	// Leases are on this replica's clock (now is the turn's, for At).
	if len(s.Outbox) == 0 || !TakeLease(s, owner, d.now(), d.cfg.Lease) {
		return nil
	}
	return &Leased{Owner: owner, Batch: slices.Clone(s.Outbox), Keyboard: s.Keyboard}
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

// start is Start, calling done when the delivery ends.
func (d *Deliverer) start(ctx context.Context, a Address, l *Leased, done func()) {
	if l == nil {
		d.mu.Lock()
		if d.active[a] {
			d.mu.Unlock()
			return
		}
		d.active[a] = true
		d.mu.Unlock()
	}
	d.wg.Go(func() {
		defer done()
		if l == nil {
			defer func() {
				d.mu.Lock()
				delete(d.active, a)
				d.mu.Unlock()
			}()
		}
		if err := d.Deliver(ctx, a, l); err != nil && ctx.Err() == nil {
			d.log.Warn("outbox delivery stopped; the lease will expire and another try follows", "chat", a.Hash(), "err", err)
		}
	})
}

// Wait waits for the deliveries started so far.
func (d *Deliverer) Wait() { d.wg.Wait() }

// Deliver sends a's pending replies in order while this replica holds (or
// can take) the lease, until the outbox is empty. l, if not nil, is what
// the caller's own turn leased.
//
// Each reply is marked delivered as soon as the platform accepted it, in
// the same compare-and-set that renews the lease and picks up what other
// replicas queued meanwhile. So a replica that dies leaves at most one
// reply per conversation sent but unmarked (the replica taking over sends
// it again), and the lease need only outlast one reply's pause, however
// many replies a turn has.
func (d *Deliverer) Deliver(ctx context.Context, a Address, l *Leased) error {
	if l == nil {
		var err error
		if l, err = d.take(ctx, a); err != nil || l == nil {
			return err
		}
	}
	batch, keyboard, texts := l.Batch, l.Keyboard, l.Texts
	// A desk relay never holds back the person's replies (a crisis safety
	// message may follow it): one that fails is held, with every relay
	// after it so that relays keep their order, and the person's replies
	// go on in theirs. Held relays stay in the outbox and are tried again
	// after the lease ends (see park in mark), or sooner with the next
	// turn's delivery.
	var held int64
	var relayErr error
	for {
		i := slices.IndexFunc(batch, func(o Outbound) bool { return !isHeld(o, held) })
		if i < 0 {
			if held == 0 {
				return nil
			}
			// Only held relays are left: park them (the mark below
			// picks up whatever was queued meanwhile).
			var err error
			if batch, err = d.mark(ctx, a, l.Owner, 0, keyboard, false, held); err != nil {
				return err
			}
			if len(batch) == 0 {
				return fmt.Errorf("deliver: desk relay waits for another try: %w", relayErr)
			}
			continue
		}
		o := batch[i]
		kb, err := keyboard, error(nil)
		if o.To == ToDesk {
			// The person's words for their ticket's thread (see relay).
			if err = d.relay(ctx, a, o); err != nil && ctx.Err() == nil {
				held, relayErr = o.Seq, err
				d.log.Warn("desk relay failed; held for another try, the person's replies go on", "chat", a.Hash(), "handoff", o.Handoff.ID, "err", err)
				continue
			}
		} else {
			r := o.Reply()
			if t, ok := texts[o.Seq]; ok {
				r.Text = t
			}
			kb, err = d.cfg.Outlet.Deliver(ctx, a, r, keyboard)
		}
		blocked := errors.Is(err, ErrBlocked)
		if err != nil && !blocked {
			// The replies before this one are marked; this one and the
			// rest wait for the lease to end (or, when stopping, like a
			// crash) and another try.
			return fmt.Errorf("deliver: %w", err)
		}
		seq := o.Seq
		if blocked {
			// Nothing can reach them: drop what is pending.
			seq = batch[len(batch)-1].Seq
		} else {
			keyboard = kb
			if d.cfg.Delivered != nil {
				d.cfg.Delivered(a, o, d.now().Sub(o.At))
			}
		}
		if batch, err = d.mark(ctx, a, l.Owner, seq, keyboard, blocked, held); err != nil {
			return err
		}
		if d.cfg.Marked != nil && seq > 0 {
			d.cfg.Marked(a, seq)
		}
		if len(batch) == 0 {
			return nil
		}
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
	err := d.cfg.Desk.Relayed(ctx, a, *o.Handoff, o.Text)
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
		l = d.Queue(s, replies, d.now())
		return nil
	})
	mu.Unlock()
	if errors.Is(err, errSendBlocked) {
		return fmt.Errorf("send: %w", ErrBlocked)
	}
	if err != nil {
		return fmt.Errorf("send: queue: %w", err)
	}
	if l != nil {
		// Delivery outlives the caller's deadline, not the process.
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 4*d.cfg.Lease)
		d.start(dctx, to, l, cancel)
	}
	return nil
}

var errNothing = errors.New("nothing to deliver")

// take leases a's outbox for this replica; nil if it is empty or another
// replica holds it.
func (d *Deliverer) take(ctx context.Context, a Address) (*Leased, error) {
	var l *Leased
	owner := d.token()
	mu := d.locks.of(a)
	mu.Lock()
	defer mu.Unlock()
	err := d.cfg.Store.Update(ctx, a, func(s *Session) error {
		l = nil
		if len(s.Outbox) == 0 || !TakeLease(s, owner, d.now(), d.cfg.Lease) {
			return errNothing
		}
		l = &Leased{Owner: owner, Batch: slices.Clone(s.Outbox), Keyboard: s.Keyboard}
		return nil
	})
	if errors.Is(err, errNothing) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("lease outbox: %w", err)
	}
	return l, nil
}

// mark records the replies up to seq delivered and the live keyboard, and
// returns what is pending now if this replica still holds the lease (turns
// queued meanwhile, on any replica).
//
// held (> 0) is the first desk relay held back for another try in this run
// (see Deliver): it and the relays after it stay queued. When nothing but
// held relays is left, the lease is parked: no owner, so that the next
// turn's delivery (on any replica) takes it at once and tries them again
// first, and Until for the sweeper's retry.
func (d *Deliverer) mark(ctx context.Context, a Address, owner string, seq int64, keyboard string, blocked bool, held int64) ([]Outbound, error) {
	var next []Outbound
	mu := d.locks.of(a)
	mu.Lock()
	defer mu.Unlock()
	err := d.cfg.Store.Update(ctx, a, func(s *Session) error {
		next = nil
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
		// Renewed by Delivered.
		if !slices.ContainsFunc(s.Outbox, func(o Outbound) bool { return !isHeld(o, held) }) {
			s.Lease.Owner = "" // parked
			return nil
		}
		next = slices.Clone(s.Outbox)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("mark delivered: %w", err)
	}
	return next, nil
}

// convLocks serialise, within one process, the store updates of each
// conversation (a striped lock: conversations may share one).
type convLocks struct {
	seed maphash.Seed
	mu   [256]sync.Mutex
}

func newConvLocks() *convLocks { return &convLocks{seed: maphash.MakeSeed()} }

// of returns the lock of a's conversation.
func (l *convLocks) of(a Address) *sync.Mutex {
	return &l.mu[maphash.Comparable(l.seed, a)%uint64(len(l.mu))]
}
