package bot_test

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// forgetStores runs f on memory, on a real redis-server and on a real
// three-master Redis Cluster.
func forgetStores(t *testing.T, f func(t *testing.T, newStore func() outboxStore)) {
	stores(t, f)
	t.Run("cluster", func(t *testing.T) {
		t.Parallel()
		c := redistest.StartClusterN(t, 3)
		if c == nil {
			return
		}
		f(t, func() outboxStore {
			s, err := redisstore.New(redisstore.Config{URL: c.URL(), TTL: time.Hour, DialTimeout: 10 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = s.Close() })
			return s
		})
	})
}

// holdStore holds, once armed, the next Update at an address right after
// its fn ran: a turn that read the session and decided, its
// compare-and-set not yet sent, as a turn in flight on a replica is when
// /forget lands on another.
type holdStore struct {
	outboxStore
	mu      sync.Mutex
	armed   *bot.Address
	ran     chan struct{}
	release chan struct{}
}

func newHoldStore(s outboxStore) *holdStore {
	return &holdStore{outboxStore: s, ran: make(chan struct{}, 1), release: make(chan struct{})}
}

func (g *holdStore) arm(a bot.Address) {
	g.mu.Lock()
	g.armed = &a
	g.mu.Unlock()
}

func (g *holdStore) Update(ctx context.Context, a bot.Address, fn func(*bot.Session) error) error {
	g.mu.Lock()
	hold := g.armed != nil && *g.armed == a
	if hold {
		g.armed = nil
	}
	g.mu.Unlock()
	if !hold {
		return g.outboxStore.Update(ctx, a, fn)
	}
	first := true
	return g.outboxStore.Update(ctx, a, func(s *bot.Session) error {
		err := fn(s)
		if first {
			first = false
			g.ran <- struct{}{}
			<-g.release
		}
		return err
	})
}

// TestForgetDropsWhatWasSaidBefore: nothing said before a /forget
// survives it, whichever replica handles it and however late it comes.
// A message in flight on replica A when /forget lands on B (its turn read
// the session before the tombstone, saves after), and the platform's
// redelivery of messages older than the /forget (to any replica, before
// or after the person wrote again) are dropped as duplicates: no reply,
// nothing stored. What the person says after the /forget starts a new
// conversation as usual. The platform's order (Message.Order: Telegram's
// update ids) tells before from after. The old engine started a new
// conversation holding the old message's words.
func TestForgetDropsWhatWasSaidBefore(t *testing.T) {
	t.Parallel()
	forgetStores(t, func(t *testing.T, newStore func() outboxStore) {
		confirm := bottest.MustFlows(t).Common.Messages[flow.MsgForgotten].ByLang["en"]
		p := newPlatform()
		type node struct {
			e *bot.Engine
			d *bot.Deliverer
		}
		newNode := func(name string, s outboxStore) node {
			d, err := bot.NewDeliverer(bot.DelivererConfig{Store: s, Index: s, Outlet: bot.Outlets{"telegram": &outlet{p: p}}, Owner: name, Flush: 5 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			return node{newEngine(t, s, func(c *bot.Config) { c.Deliverer = d }), d}
		}
		shared := newStore()
		gate := newHoldStore(newStore())
		a, b, c := newNode("A", gate), newNode("B", shared), newNode("C", newStore())
		to := bot.Address{Platform: "telegram", Chat: "mark", User: "1"}
		msg := func(order int64, text string) bot.Message {
			return bot.Message{ID: "tg:" + strconv.FormatInt(order, 10), Order: order, From: to, Text: text, Lang: "en"}
		}
		tell := func(n node, m bot.Message) {
			t.Helper()
			replies, err := n.e.HandleMessage(t.Context(), m)
			if err != nil || len(replies) != 0 {
				t.Fatalf("turn %s: %q, %v; want its replies through the outbox", m.ID, texts(replies), err)
			}
		}
		settle := func() {
			for _, n := range []node{a, b, c} {
				n.d.Wait()
			}
		}
		personal := []string{"AB-123456", "QZ-804217"}
		keeps := func(s bot.Session) []string {
			var found []string
			for _, tu := range s.Recent {
				for _, w := range personal {
					if strings.Contains(tu.Text, w) {
						found = append(found, w)
					}
				}
			}
			for _, v := range s.Slots {
				for _, w := range personal {
					if strings.Contains(v, w) {
						found = append(found, w)
					}
				}
			}
			return found
		}

		tell(b, msg(100, "my parcel AB-123456 never arrived"))
		settle()

		// A message in flight on A: its turn has read the session, then
		// /forget lands on B and is saved before A's compare-and-set.
		gate.arm(to)
		done := make(chan error, 1)
		go func() {
			replies, err := a.e.HandleMessage(context.WithoutCancel(t.Context()), msg(101, "also my other order QZ-804217"))
			if err == nil && len(replies) != 0 {
				err = fmt.Errorf("replies %q returned, want them through the outbox", texts(replies))
			}
			done <- err
		}()
		recv(t, "A's turn to read the session", gate.ran)
		tell(b, msg(102, "/forget"))
		close(gate.release)
		if err := <-done; err != nil {
			t.Fatal(err)
		}
		wait.Until(t, "the confirmation delivered", func() bool { return slices.Contains(p.texts(to), confirm) })
		settle()
		seen := p.texts(to)
		if got := seen[slices.Index(seen, confirm):]; !slices.Equal(got, []string{confirm}) {
			t.Errorf("after /forget the person saw %q, want the confirmation alone: the message said before it gets nothing", got)
		}
		s := session(t, shared, to)
		if w := keeps(s); len(w) > 0 || !s.Forgotten || s.ForgetMark != 102 || len(s.Outbox) != 0 {
			t.Errorf("after /forget and the message in flight: keeps %q, forgotten %v, mark %d, outbox %d; want the emptied tombstone with the /forget's mark, nothing said before it",
				w, s.Forgotten, s.ForgetMark, len(s.Outbox))
		}

		// The platform redelivers the older messages, to any replica.
		for _, n := range []node{c, b} {
			tell(n, msg(101, "also my other order QZ-804217"))
			tell(n, msg(100, "my parcel AB-123456 never arrived"))
		}
		settle()
		if got := p.texts(to); len(got) != len(seen) {
			t.Errorf("redeliveries of older messages answered: %q", got[len(seen):])
		}
		if s := session(t, shared, to); !s.Forgotten || len(s.Recent) != 0 {
			t.Errorf("after redeliveries: forgotten %v recent %d; want the tombstone untouched", s.Forgotten, len(s.Recent))
		}

		// What the person says after the /forget starts afresh.
		tell(c, msg(103, "hello"))
		wait.Until(t, "the greeting of the new conversation", func() bool { return len(p.texts(to)) > len(seen) })
		settle()
		seen = p.texts(to)
		s = session(t, shared, to)
		if s.Forgotten || s.ForgetMark != 102 || len(s.Recent) == 0 || s.Recent[0].Text != "hello" {
			t.Errorf("after a new message: forgotten %v mark %d recent %+v; want a new conversation, keeping the mark", s.Forgotten, s.ForgetMark, s.Recent)
		}
		// Late copies of what was said before, and of the /forget itself,
		// still get nothing, in the new conversation too.
		tell(a, msg(101, "also my other order QZ-804217"))
		tell(b, msg(102, "/forget"))
		tell(c, msg(100, "my parcel AB-123456 never arrived"))
		settle()
		if got := p.texts(to); len(got) != len(seen) {
			t.Errorf("late copies answered in the new conversation: %q", got[len(seen):])
		}
		if w := keeps(session(t, shared, to)); len(w) > 0 {
			t.Errorf("the new conversation keeps %q, said before the /forget", w)
		}
	})
}

// holdIdle is an idle index whose first Watch waits for release, telling
// held once it is there: the turn saved, its idle entry not yet written.
type holdIdle struct {
	bot.IdleIndex
	once    sync.Once
	held    chan struct{}
	release chan struct{}
}

func (h *holdIdle) Watch(ctx context.Context, a bot.Address, at time.Time, mark int64) error {
	h.once.Do(func() {
		h.held <- struct{}{}
		<-h.release
	})
	return h.IdleIndex.Watch(ctx, a, at, mark)
}

// restHold is a Forgetter whose ForgetRest, once done, waits for release,
// telling rested: between the cleanup and the tombstone.
type restHold struct {
	outboxStore
	f       bot.Forgetter
	rested  chan struct{}
	release chan struct{}
}

func (r *restHold) ForgetRest(ctx context.Context, a bot.Address) error {
	err := r.f.ForgetRest(ctx, a)
	r.rested <- struct{}{}
	<-r.release
	return err
}

// TestForgetClosesIdleEntry: a turn on replica A starts a wait (a
// question in the order flow) and is saved before the person's /forget
// on B; its idle index entry (the person's address, for counting
// abandonment) is written after: once the tombstone is saved, or between
// B's cleanup and the tombstone. Either way no entry is left once the
// /forget is done. The old store left one, holding the address, until it
// was due (30 minutes on).
func TestForgetClosesIdleEntry(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		cluster bool
	}{{"one_server", false}, {"three_master_cluster", true}} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			newStore := storesOn(t, tt.cluster)
			if newStore == nil {
				return
			}
			for i, when := range []string{"after_the_tombstone", "between_cleanup_and_tombstone"} {
				t.Run(when, func(t *testing.T) {
					to := bot.Address{Platform: "telegram", Chat: "idle" + strconv.Itoa(i), User: "1"}
					sa, sb := newStore(), newStore()
					hold := &holdIdle{IdleIndex: sa.Idle(), held: make(chan struct{}, 1), release: make(chan struct{})}
					a := newEngine(t, sa, func(c *bot.Config) { c.Idle = hold })
					var bs bot.Store = sb
					rest := &restHold{outboxStore: sb, f: sb, rested: make(chan struct{}, 1), release: make(chan struct{})}
					if i == 1 {
						bs = rest
					} else {
						close(rest.release)
					}
					b := newEngine(t, bs, func(c *bot.Config) { c.Idle = sb.Idle() })
					forgetDuring(t, i == 1, "its idle entry", hold.held, hold.release, rest,
						func(ctx context.Context) error {
							_, err := a.HandleMessage(ctx, bot.Message{ID: "tg:100", Order: 100, From: to, Text: "/order", Lang: "en"})
							return err
						},
						func(ctx context.Context) error {
							_, err := b.HandleMessage(ctx, bot.Message{ID: "tg:101", Order: 101, From: to, Text: "/forget", Lang: "en"})
							return err
						})
					if s := session(t, sb, to); !s.Forgotten || len(s.Recent) != 0 {
						t.Fatalf("after /forget: forgotten %v recent %d, want the tombstone", s.Forgotten, len(s.Recent))
					}
					claims, err := sb.Idle().ClaimIdle(t.Context(), time.Now().Add(365*24*time.Hour), time.Minute, 1000)
					if err != nil {
						t.Fatal(err)
					}
					for _, c := range claims {
						if c.To == to {
							t.Errorf("the idle index holds the forgotten conversation's address after /forget")
						}
					}
					// After the /forget, a new wait is entered as usual.
					if _, err := b.HandleMessage(t.Context(), bot.Message{ID: "tg:102", Order: 102, From: to, Text: "/order", Lang: "en"}); err != nil {
						t.Fatal(err)
					}
					claims, err = sb.Idle().ClaimIdle(t.Context(), time.Now().Add(365*24*time.Hour), time.Minute, 1000)
					if err != nil {
						t.Fatal(err)
					}
					if !slices.ContainsFunc(claims, func(c bot.IdleClaim) bool { return c.To == to }) {
						t.Errorf("a wait started after /forget is not in the idle index")
					}
				})
			}
		})
	}
}

// holdFollowUps is a follow-up store whose first Schedule waits for
// release, telling held once it is there: the turn saved, its check-in
// not yet scheduled.
type holdFollowUps struct {
	bot.FollowUpStore
	once    sync.Once
	held    chan struct{}
	release chan struct{}
}

func (h *holdFollowUps) Schedule(ctx context.Context, f bot.FollowUp) error {
	h.once.Do(func() {
		h.held <- struct{}{}
		<-h.release
	})
	return h.FollowUpStore.Schedule(ctx, f)
}

// TestForgetClosesFollowUp: the person agrees to a check-in on replica A
// (its turn saved before their /forget on B) and the check-in is
// scheduled after: once the tombstone is saved, or between B's cleanup
// and the tombstone. Either way no check-in is left once the /forget is
// done (it holds the address, the flow's slots, what the person said of
// themselves). The old store kept it, to be sent later.
func TestForgetClosesFollowUp(t *testing.T) {
	t.Parallel()
	set, err := parcelSet(t, parcelFlow)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name    string
		cluster bool
	}{{"one_server", false}, {"three_master_cluster", true}} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			newStore := storesOn(t, tt.cluster)
			if newStore == nil {
				return
			}
			for i, when := range []string{"after_the_tombstone", "between_cleanup_and_tombstone"} {
				t.Run(when, func(t *testing.T) {
					to := bot.Address{Platform: "telegram", Chat: "fu" + strconv.Itoa(i), User: "1"}
					sa, sb := newStore(), newStore()
					hold := &holdFollowUps{FollowUpStore: sa.FollowUps(), held: make(chan struct{}, 1), release: make(chan struct{})}
					a := mustNew(t, bot.Config{Flows: set, Store: sa, FollowUps: hold})
					var bs bot.Store = sb
					rest := &restHold{outboxStore: sb, f: sb, rested: make(chan struct{}, 1), release: make(chan struct{})}
					if i == 1 {
						bs = rest
					} else {
						close(rest.release)
					}
					b := mustNew(t, bot.Config{Flows: set, Store: bs, FollowUps: sb.FollowUps()})
					last, err := a.HandleMessage(t.Context(), bot.Message{ID: "tg:100", Order: 100, From: to, Text: "/parcel", Lang: "en"})
					if err != nil {
						t.Fatal(err)
					}
					yes := button(t, last, "Yes, please")
					forgetDuring(t, i == 1, "its check-in", hold.held, hold.release, rest,
						func(ctx context.Context) error {
							_, err := a.HandleMessage(ctx, bot.Message{ID: "tg:101", Order: 101, From: to, Text: "Yes, please", Choice: yes, Lang: "en"})
							return err
						},
						func(ctx context.Context) error {
							_, err := b.HandleMessage(ctx, bot.Message{ID: "tg:102", Order: 102, From: to, Text: "/forget", Lang: "en"})
							return err
						})
					fs, err := sb.FollowUps().List(t.Context(), 1000)
					if err != nil {
						t.Fatal(err)
					}
					for _, f := range fs {
						if f.To == to {
							t.Errorf("a check-in of the forgotten conversation is scheduled after /forget: %+v", f)
						}
					}
					// One agreed to after the /forget is scheduled as usual.
					last, err = b.HandleMessage(t.Context(), bot.Message{ID: "tg:103", Order: 103, From: to, Text: "/parcel", Lang: "en"})
					if err != nil {
						t.Fatal(err)
					}
					if _, err := b.HandleMessage(t.Context(), bot.Message{ID: "tg:104", Order: 104, From: to, Text: "Yes, please", Choice: button(t, last, "Yes, please"), Lang: "en"}); err != nil {
						t.Fatal(err)
					}
					if fs, err = sb.FollowUps().List(t.Context(), 1000); err != nil {
						t.Fatal(err)
					}
					if !slices.ContainsFunc(fs, func(f bot.FollowUp) bool { return f.To == to && f.Mark == 102 }) {
						t.Errorf("a check-in agreed to after /forget is not scheduled: %+v", fs)
					}
				})
			}
		})
	}
}

// TestForgetMarkAfterUpdateIdsRestart: Telegram numbers a bot's updates
// one after the other, but after a week without any update it picks the
// next update_id at random, possibly below a mark kept from a /forget. The
// mark only has to outlast the platform's redeliveries (Telegram keeps an
// update for 24 hours, Slack retries within minutes): once the
// conversation started after the /forget is older than that, a lower Order
// is what the person says now, answered, and a /forget with it is obeyed.
// Before, both were dropped as said before the /forget, silently, for as
// long as the conversation lived.
func TestForgetMarkAfterUpdateIdsRestart(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	s := memstore.New(memstore.Config{Now: clock, TTL: 30 * 24 * time.Hour})
	e := newEngine(t, s, func(c *bot.Config) { c.Now = clock })
	to := bot.Address{Platform: "telegram", Chat: "restart", User: "1"}
	say := func(order int64, text string) []bot.Reply {
		t.Helper()
		replies, err := e.HandleMessage(t.Context(), bot.Message{ID: "tg:" + strconv.FormatInt(order, 10), Order: order, From: to, Text: text, Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		return replies
	}
	say(500000, "my parcel AB-123456 never arrived")
	if got := say(500002, "/forget"); len(got) == 0 {
		t.Fatal("/forget: no confirmation")
	}
	if got := say(500003, "hello"); len(got) == 0 {
		t.Fatal("a message after /forget got no reply")
	}
	mu.Lock()
	now = now.Add(20 * time.Hour)
	mu.Unlock()
	if got := say(500001, "my parcel AB-123456 never arrived"); len(got) != 0 {
		t.Errorf("a redelivery of a message said before /forget, within a day: %q, want nothing", texts(got))
	}
	mu.Lock()
	now = now.Add(8 * 24 * time.Hour)
	mu.Unlock()
	if got := say(1234, "hello again, my order is late"); len(got) == 0 {
		t.Error("a message a week later, with an update_id Telegram picked at random below the mark: no reply, want one")
	}
	if got := say(1235, "/forget"); len(got) == 0 {
		t.Error("a /forget a week later, with an update_id below the mark: no confirmation, want one")
	}
	if got := session(t, s, to); len(got.Recent) != 0 || !got.Forgotten {
		t.Errorf("after the later /forget: forgotten %v, %d turns kept; want the tombstone, nothing kept", got.Forgotten, len(got.Recent))
	}
}

// storesOn starts a Redis server, or a three-master Redis Cluster when
// cluster is set, for the test, and returns a maker of stores on it (each
// one a replica, closed when the test ends); nil when the Cluster could
// not be started and the test is skipped (redistest.StartClusterN).
func storesOn(t *testing.T, cluster bool) func() *redisstore.Store {
	t.Helper()
	var url string
	if cluster {
		c := redistest.StartClusterN(t, 3)
		if c == nil {
			return nil
		}
		url = c.URL()
	} else {
		url = redistest.Start(t)
	}
	return func() *redisstore.Store {
		s, err := redisstore.New(redisstore.Config{URL: url, TTL: time.Hour, DialTimeout: 10 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 10 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Close() })
		return s
	}
}

// forgetDuring runs turn on replica A and the /forget on replica B while
// A's turn is saved but its side write (what) is held (held is signalled,
// release lets it go). The side write then lands after the tombstone, or,
// with between, after B's clean-up and before its tombstone (rest holds B
// there). It fails the test if either errs.
func forgetDuring(t *testing.T, between bool, what string, held <-chan struct{}, release chan struct{}, rest *restHold, turn, forget func(context.Context) error) {
	t.Helper()
	ctx := context.WithoutCancel(t.Context())
	turned, forgot := make(chan error, 1), make(chan error, 1)
	go func() { turned <- turn(ctx) }()
	recv(t, "A's turn saved, "+what+" not yet written", held)
	go func() { forgot <- forget(ctx) }()
	if between {
		recv(t, "B's cleanup done", rest.rested)
		close(release)
		if err := <-turned; err != nil {
			t.Fatal(err)
		}
		close(rest.release)
	}
	if err := <-forgot; err != nil {
		t.Fatal(err)
	}
	if !between {
		close(release)
		if err := <-turned; err != nil {
			t.Fatal(err)
		}
	}
}
