package bot_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/memstore"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// platform is a fake chat platform shared by every replica's outlet: it
// records what each person saw, in order, and which message's buttons are
// live.
type platform struct {
	mu    sync.Mutex
	seen  map[bot.Address][]string
	live  map[bot.Address]map[string]bool // message ids with live buttons
	next  int
	block map[bot.Address]bool
}

func newPlatform() *platform {
	return &platform{seen: map[bot.Address][]string{}, live: map[bot.Address]map[string]bool{}, block: map[bot.Address]bool{}}
}

func (p *platform) texts(a bot.Address) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.seen[a]...)
}

func (p *platform) liveButtons(a bot.Address) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.live[a])
}

// outlet is one replica's send capability on the platform; die, when set,
// makes it fail as a dead process would, after sending, before returning.
type outlet struct {
	p   *platform
	die func(r bot.Reply) bool
	// paced: the platform shows "typing…" for each reply's Pause before
	// it appears, as Telegram does.
	paced bool
}

var errDied = errors.New("replica died")

func (o *outlet) Deliver(ctx context.Context, a bot.Address, r bot.Reply, keyboard string) (string, error) {
	if err := ctx.Err(); err != nil {
		return keyboard, err
	}
	if o.paced && r.Pause > 0 {
		t := time.NewTimer(r.Pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return keyboard, ctx.Err()
		case <-t.C:
		}
	}
	p := o.p
	p.mu.Lock()
	if p.block[a] {
		p.mu.Unlock()
		return keyboard, fmt.Errorf("send: %w", bot.ErrBlocked)
	}
	p.seen[a] = append(p.seen[a], r.Text)
	kb := keyboard
	if len(r.Choices) > 0 {
		if p.live[a] == nil {
			p.live[a] = map[string]bool{}
		}
		delete(p.live[a], keyboard) // the new buttons replace the old ones
		p.next++
		kb = strconv.Itoa(p.next)
		p.live[a][kb] = true
	}
	p.mu.Unlock()
	if o.die != nil && o.die(r) {
		return kb, errDied
	}
	return kb, nil
}

type replica struct {
	d     *bot.Deliverer
	store bot.Store
}

func newReplica(t *testing.T, s interface {
	bot.Store
	bot.OutboxIndex
}, p *platform, name string, lease time.Duration, die func(bot.Reply) bool) *replica {
	t.Helper()
	d, err := bot.NewDeliverer(bot.DelivererConfig{
		Store: s, Index: s, Outlet: &outlet{p: p, die: die}, Owner: name,
		Lease: lease, Sweep: 10 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	return &replica{d: d, store: s}
}

// turn stores a turn that queues replies, as the engine does, and starts
// delivering them if it leased the outbox.
func (r *replica) turn(t *testing.T, ctx context.Context, a bot.Address, replies ...bot.Reply) {
	t.Helper()
	var l *bot.Leased
	err := r.store.Update(ctx, a, func(s *bot.Session) error {
		l = r.d.Queue(s, replies, time.Now())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if l != nil {
		r.d.Start(ctx, a, l)
	}
}

type outboxStore interface {
	bot.Store
	bot.OutboxIndex
}

// stores runs f on memory and on a real redis-server.
func stores(t *testing.T, f func(t *testing.T, newStore func() outboxStore)) {
	t.Run("memory", func(t *testing.T) {
		t.Parallel()
		m := memstore.New(memstore.Config{})
		f(t, func() outboxStore { return m })
	})
	t.Run("redis", func(t *testing.T) {
		t.Parallel()
		url := redistest.Start(t)
		f(t, func() outboxStore {
			s, err := redisstore.New(redisstore.Config{URL: url, TTL: time.Hour, DialTimeout: 10 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = s.Close() })
			return s
		})
	})
}

// TestDeliveryOrderAcrossReplicas: people typing ahead, each message landing
// on another replica, get every reply once, in the order of the turns.
func TestDeliveryOrderAcrossReplicas(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		p := newPlatform()
		ctx := t.Context()
		rs := []*replica{
			newReplica(t, newStore(), p, "r1", time.Minute, nil),
			newReplica(t, newStore(), p, "r2", time.Minute, nil),
			newReplica(t, newStore(), p, "r3", time.Minute, nil),
		}
		const people, turns = 8, 12
		var wg sync.WaitGroup
		for i := range people {
			a := bot.Address{Platform: "fake", Chat: strconv.Itoa(i), User: "u"}
			wg.Go(func() {
				for n := range turns {
					r := rs[(i+n)%len(rs)]
					r.turn(t, ctx, a,
						bot.Reply{Text: fmt.Sprintf("%d.a", n)},
						bot.Reply{Text: fmt.Sprintf("%d.b", n), Choices: []bot.Choice{{ID: "y", Label: "Yes"}}})
				}
			})
		}
		wg.Wait()
		for i := range people {
			a := bot.Address{Platform: "fake", Chat: strconv.Itoa(i), User: "u"}
			wait.Until(t, "every reply delivered", func() bool { return len(p.texts(a)) >= 2*turns })
			var want []string
			for n := range turns {
				want = append(want, fmt.Sprintf("%d.a", n), fmt.Sprintf("%d.b", n))
			}
			for _, r := range rs {
				r.d.Wait()
			}
			if got := p.texts(a); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("person %d saw %q, want %q", i, got, want)
			}
			if n := p.liveButtons(a); n != 1 {
				t.Errorf("person %d has %d live keyboards, want 1", i, n)
			}
		}
	})
}

// TestDeliveryTakenOverAfterCrash: a replica dies mid-delivery, nothing
// touches the conversation again, and another replica's sweeper sends what
// was pending once the lease expired, not before. The reply sent just
// before the death (unmarked) may come twice; nothing is lost and the order
// holds. Leases run on a test clock: a slow machine expires none.
func TestDeliveryTakenOverAfterCrash(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		p := newPlatform()
		clk := bottest.NewClock(time.Now().Truncate(time.Second))
		dead, kill := context.WithCancel(t.Context())
		const lease = 300 * time.Millisecond
		var once sync.Once
		dying := newClockedReplica(t, newStore(), nil, &outlet{p: p, die: func(r bot.Reply) bool {
			died := false
			if r.Text == "2" {
				once.Do(func() { kill(); died = true })
			}
			return died
		}}, "dying", lease, clk)
		sweeps := &sweepWatch{OutboxIndex: newStore()}
		survivor := newClockedReplica(t, newStore(), sweeps, &outlet{p: p}, "survivor", lease, clk)
		a := bot.Address{Platform: "fake", Chat: "c", User: "u"}
		// The pauses make each reply a burst of its own, marked before
		// the next (replies back to back share one mark: see
		// TestDeliveryCrashBeforeFlush).
		dying.turn(t, dead, a, bot.Reply{Text: "1"}, bot.Reply{Text: "2", Pause: time.Millisecond}, bot.Reply{Text: "3", Pause: time.Millisecond})
		dying.d.Wait()
		if got := p.texts(a); fmt.Sprint(got) != "[1 2]" {
			t.Fatalf("before the crash the person saw %q, want [1 2]", got)
		}
		ctx, stop := context.WithCancel(t.Context())
		done := make(chan error, 1)
		go func() { done <- survivor.d.Run(ctx) }()
		// The lease runs until a lease after reply 1 was marked.
		clk.Add(lease - time.Millisecond)
		now := clk.Now()
		wait.Until(t, "a sweep while the lease holds", func() bool { return sweeps.swept(now) })
		survivor.d.Wait()
		if got := p.texts(a); fmt.Sprint(got) != "[1 2]" {
			t.Errorf("while the lease held the person saw %q, want [1 2]: taken over too early", got)
		}
		clk.Add(time.Millisecond)
		wait.Until(t, "the pending replies delivered by the survivor", func() bool { return len(p.texts(a)) >= 4 })
		stop()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		survivor.d.Wait()
		// Reply 1 was marked delivered before 2 was sent; 2 went out but its
		// replica died before marking it: that one reply, and only it, may
		// come twice.
		got := p.texts(a)
		if want := "[1 2 2 3]"; fmt.Sprint(got) != want {
			t.Errorf("the person saw %q, want %s: every reply, in order, the one unmarked resent once", got, want)
		}
		var s bot.Session
		_ = survivor.store.Update(t.Context(), a, func(x *bot.Session) error { s = *x; return errors.New("read") })
		if len(s.Outbox) != 0 || s.Lease != (bot.Lease{}) {
			t.Errorf("after delivery: outbox %v lease %+v, want both empty", s.Outbox, s.Lease)
		}
	})
}

// newClockedReplica is a replica whose leases run on clk; index, when not
// nil, is what its sweeper asks (s otherwise).
func newClockedReplica(t *testing.T, s outboxStore, index bot.OutboxIndex, out bot.Outlet, name string, lease time.Duration, clk *bottest.Clock) *replica {
	t.Helper()
	if index == nil {
		index = s
	}
	d, err := bot.NewDeliverer(bot.DelivererConfig{
		Store: s, Index: index, Outlet: out, Owner: name,
		Lease: lease, Sweep: 10 * time.Millisecond, Now: clk.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	return &replica{d: d, store: s}
}

// sweepWatch is an OutboxIndex that remembers the latest time a sweeper
// asked it about, once answered.
type sweepWatch struct {
	bot.OutboxIndex
	mu   sync.Mutex
	last time.Time
}

func (w *sweepWatch) Due(ctx context.Context, now time.Time, limit int) ([]bot.Address, error) {
	as, err := w.OutboxIndex.Due(ctx, now, limit)
	w.mu.Lock()
	if err == nil && now.After(w.last) {
		w.last = now
	}
	w.mu.Unlock()
	return as, err
}

// swept reports whether a sweep looked at the outboxes as of t or later.
func (w *sweepWatch) swept(t time.Time) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return !w.last.Before(t)
}

// clockOutlet takes each reply's pause on a test clock, then waits for the
// sweeper watched by sweeps to have looked at that instant before sending:
// a lease that expired during the pause is then taken over, every time,
// however slow or fast the machine.
type clockOutlet struct {
	outlet
	clk    *bottest.Clock
	sweeps *sweepWatch
}

func (o *clockOutlet) Deliver(ctx context.Context, a bot.Address, r bot.Reply, keyboard string) (string, error) {
	if r.Pause > 0 {
		o.clk.Add(r.Pause)
		now := o.clk.Now()
		if !wait.Within(wait.Timeout, nil, func() bool { return o.sweeps.swept(now) || ctx.Err() != nil }) {
			return keyboard, errors.New("no sweep after the pause")
		}
	}
	return o.outlet.Deliver(ctx, a, r, keyboard)
}

// TestDeliveryBlocked: a person who blocked the bot gets nothing more, and
// the outbox does not keep the replies forever.
func TestDeliveryBlocked(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		p := newPlatform()
		r := newReplica(t, newStore(), p, "r1", time.Minute, nil)
		a := bot.Address{Platform: "fake", Chat: "c", User: "u"}
		p.block[a] = true
		r.turn(t, t.Context(), a, bot.Reply{Text: "1"}, bot.Reply{Text: "2"})
		r.d.Wait()
		var s bot.Session
		_ = r.store.Update(t.Context(), a, func(x *bot.Session) error { s = *x; return errors.New("read") })
		if !s.Blocked || len(s.Outbox) != 0 || len(p.texts(a)) != 0 {
			t.Errorf("blocked %v outbox %v seen %q; want blocked, nothing pending, nothing seen", s.Blocked, s.Outbox, p.texts(a))
		}
	})
}

// TestDeliveryLongBatchKeepsLease: a batch whose typing pauses add up to
// more than the lease renews it as it goes: another replica's sweeper,
// running all along and looking after each pause, never takes it over, and
// no reply comes twice. Leases run on a test clock that only the pauses
// move, so a slow store or machine cannot expire one; a lease renewed only
// per batch expires at the third pause.
func TestDeliveryLongBatchKeepsLease(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		p := newPlatform()
		clk := bottest.NewClock(time.Now().Truncate(time.Second))
		const lease = 300 * time.Millisecond
		sweeps := &sweepWatch{OutboxIndex: newStore()}
		out := &clockOutlet{outlet: outlet{p: p}, clk: clk, sweeps: sweeps}
		typing := newClockedReplica(t, newStore(), nil, out, "typing", lease, clk)
		other := newClockedReplica(t, newStore(), sweeps, out, "other", lease, clk)
		ctx, stop := context.WithCancel(t.Context())
		defer stop()
		done := make(chan error, 1)
		go func() { done <- other.d.Run(ctx) }()
		a := bot.Address{Platform: "fake", Chat: "c", User: "u"}
		var replies []bot.Reply
		var want []string
		for i := range 9 {
			replies = append(replies, bot.Reply{Text: strconv.Itoa(i), Pause: lease / 3})
			want = append(want, strconv.Itoa(i))
		}
		typing.turn(t, t.Context(), a, replies...)
		typing.d.Wait()
		wait.Until(t, "the outbox emptied", func() bool {
			var s bot.Session
			_ = typing.store.Update(t.Context(), a, func(x *bot.Session) error { s = *x; return errors.New("read") })
			return len(s.Outbox) == 0
		})
		stop()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		other.d.Wait()
		if got := p.texts(a); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("the person saw %q, want %q: a lease expired mid-batch", got, want)
		}
	})
}

// TestDeliverySendQueuesBehind: what is said outside a turn (an agent's
// words relayed by the desk, from another replica) is queued behind the
// replies still being delivered and goes out after them; a person who
// blocked the bot is an error wrapping ErrBlocked.
func TestDeliverySendQueuesBehind(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		p := newPlatform()
		a := bot.Address{Platform: "fake", Chat: "c", User: "u"}
		typing := newReplica(t, newStore(), p, "typing", time.Minute, nil)
		typing.d, _ = bot.NewDeliverer(bot.DelivererConfig{Store: typing.store, Outlet: &outlet{p: p, paced: true}, Owner: "typing", Lease: time.Minute})
		other := newReplica(t, newStore(), p, "other", time.Minute, nil)
		typing.turn(t, t.Context(), a, bot.Reply{Text: "1", Pause: 50 * time.Millisecond}, bot.Reply{Text: "2", Pause: 50 * time.Millisecond})
		if err := other.d.Send(t.Context(), a, []bot.Reply{{Text: "agent"}}); err != nil {
			t.Fatal(err)
		}
		wait.Until(t, "every reply delivered", func() bool { return len(p.texts(a)) >= 3 })
		typing.d.Wait()
		other.d.Wait()
		if got := p.texts(a); fmt.Sprint(got) != "[1 2 agent]" {
			t.Errorf("the person saw %q, want [1 2 agent]", got)
		}

		b := bot.Address{Platform: "fake", Chat: "b", User: "u"}
		p.mu.Lock()
		p.block[b] = true
		p.mu.Unlock()
		other.turn(t, t.Context(), b, bot.Reply{Text: "1"})
		other.d.Wait()
		if err := other.d.Send(t.Context(), b, []bot.Reply{{Text: "agent"}}); !errors.Is(err, bot.ErrBlocked) {
			t.Errorf("Send to a person who blocked the bot: %v, want ErrBlocked", err)
		}
	})
}

// TestDeliveryLongTurnKeepsItsLease: a turn whose replies' pauses add up to
// more than the lease (each one well under it) is delivered once by the
// replica that queued it, while another replica sweeps for expired leases:
// the lease is renewed with each reply delivered, so the sweeper never
// takes it over and nothing comes twice. Leases run on a test clock that
// only the pauses move, and the sweeper looks after each pause: a slow
// store or machine cannot expire the lease, and a lease taken for the turn
// alone expires at the third pause, every time.
func TestDeliveryLongTurnKeepsItsLease(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		p := newPlatform()
		clk := bottest.NewClock(time.Now().Truncate(time.Second))
		const lease = 600 * time.Millisecond
		sweeps := &sweepWatch{OutboxIndex: newStore()}
		out := &clockOutlet{outlet: outlet{p: p}, clk: clk, sweeps: sweeps}
		busy := newClockedReplica(t, newStore(), nil, out, "busy", lease, clk)
		sweeper := newClockedReplica(t, newStore(), sweeps, out, "sweeper", lease, clk)
		ctx, stop := context.WithCancel(t.Context())
		defer stop()
		done := make(chan error, 1)
		go func() { done <- sweeper.d.Run(ctx) }()
		a := bot.Address{Platform: "fake", Chat: "c", User: "u"}
		var replies []bot.Reply
		var want []string
		for i := range 4 {
			replies = append(replies, bot.Reply{Text: strconv.Itoa(i), Pause: lease / 3})
			want = append(want, strconv.Itoa(i))
		}
		busy.turn(t, t.Context(), a, replies...)
		busy.d.Wait()
		// A sweeper that took the lease over may still be sending.
		wait.Until(t, "the outbox emptied", func() bool {
			var s bot.Session
			_ = busy.store.Update(t.Context(), a, func(x *bot.Session) error { s = *x; return errors.New("read") })
			return len(s.Outbox) == 0
		})
		stop()
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		sweeper.d.Wait()
		if got := p.texts(a); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("the person saw %q, want %q: each reply once", got, want)
		}
	})
}

// TestDeliveryMarked: Marked is told each burst once the store has it
// delivered, in order, up to the last reply queued.
func TestDeliveryMarked(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		s := newStore()
		p := newPlatform()
		a := bot.Address{Platform: "fake", Chat: "c", User: "u"}
		var (
			mu      sync.Mutex
			marks   []int64
			pending []int // outbox lengths the store held at each mark
		)
		d, err := bot.NewDeliverer(bot.DelivererConfig{
			Store: s, Outlet: &outlet{p: p}, Owner: "r1",
			Marked: func(at bot.Address, seq int64) {
				var n int
				_ = s.Update(context.Background(), at, func(x *bot.Session) error { n = len(x.Outbox); return errors.New("read") })
				mu.Lock()
				marks, pending = append(marks, seq), append(pending, n)
				mu.Unlock()
			},
		})
		if err != nil {
			t.Fatal(err)
		}
		r := &replica{d: d, store: s}
		// 2's pause ends the first burst: 1 is marked before it.
		r.turn(t, t.Context(), a, bot.Reply{Text: "1"}, bot.Reply{Text: "2", Pause: time.Millisecond})
		d.Wait()
		r.turn(t, t.Context(), a, bot.Reply{Text: "3"})
		d.Wait()
		mu.Lock()
		defer mu.Unlock()
		if fmt.Sprint(marks) != "[1 2 3]" || fmt.Sprint(pending) != "[1 0 0]" {
			t.Errorf("marks %v with outboxes of %v pending, want [1 2 3] with [1 0 0] pending", marks, pending)
		}
	})
}
