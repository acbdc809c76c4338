package bot_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// lateOutlet is an outlet whose platform accepts the reply text at once
// but answers the send only after slow, the first time: the reply is on
// the platform while its sender still waits (a busy Bot API, a send
// retried after a 429 it did not need). cut, if set, is told when that
// wait begins (true) and ends (false).
type lateOutlet struct {
	outlet
	text string
	slow time.Duration
	cut  func(bool)
	once sync.Once
}

func (o *lateOutlet) Deliver(ctx context.Context, a bot.Address, r bot.Reply, keyboard string) (string, error) {
	kb, err := o.outlet.Deliver(ctx, a, r, keyboard)
	if err == nil && r.Text == o.text {
		o.once.Do(func() {
			if o.cut != nil {
				o.cut(true)
				defer o.cut(false)
			}
			time.Sleep(o.slow)
		})
	}
	return kb, err
}

// cutStore is a store a replica cannot reach while cut is set: its
// updates fail.
type cutStore struct {
	outboxStore
	cut atomic.Bool
}

var errCut = errors.New("store unreachable")

func (c *cutStore) Update(ctx context.Context, a bot.Address, fn func(*bot.Session) error) error {
	if c.cut.Load() {
		return errCut
	}
	return c.outboxStore.Update(ctx, a, fn)
}

// TestDeliverySlowSendKeepsLease: a send the platform takes three leases
// to answer (the reply accepted, the answer late) does not let the lease
// lapse under it while its replica is alive: another replica's sweeper,
// looking every 100 ms all along, never takes the conversation over, and
// each reply comes once, though no replica died. The old deliverer renewed
// a lease only with its marks: the sweeper took over once the lease ran
// out under the slow send and sent that reply and the next again, and the
// slow replica then went on with its burst after them ([1 2 2 3 3], and
// [1 1 2 3 2], out of order). A replica that cannot reach the store
// meanwhile cannot keep its lease, and is taken over as if it had died:
// the reply it was sending comes twice, right after itself, and it sends
// nothing more once answered. On the fake clock of synctest.
func TestDeliverySlowSendKeepsLease(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		replies []bot.Reply
		slow    string // the reply whose send is slow to be answered
		cut     bool   // the slow replica cannot reach the store meanwhile
		want    string
	}{
		// The reply after a pause: its burst's mark renewed the lease
		// just before.
		{"after_a_pause", []bot.Reply{{Text: "1"}, {Text: "2", Pause: time.Second}, {Text: "3"}}, "2", false, "[1 2 3]"},
		// The first of a turn's replies: the lease is the turn's.
		{"first_reply", []bot.Reply{{Text: "1"}, {Text: "2"}, {Text: "3", Pause: time.Second}}, "1", false, "[1 2 3]"},
		{"cut_off_from_the_store", []bot.Reply{{Text: "1"}, {Text: "2"}, {Text: "3", Pause: time.Second}}, "1", true, "[1 1 2 3]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				const lease = 4 * time.Second // as in the replicas' end-to-end tests
				s := memstore.New(memstore.Config{})
				p := newPlatform()
				hs := &cutStore{outboxStore: s}
				late := &lateOutlet{outlet: outlet{p: p, paced: true}, text: tt.slow, slow: 3 * lease}
				if tt.cut {
					late.cut = hs.cut.Store
				}
				holder, err := bot.NewDeliverer(bot.DelivererConfig{Store: hs, Owner: "holder", Lease: lease, Outlet: late})
				if err != nil {
					t.Fatal(err)
				}
				sweeper, err := bot.NewDeliverer(bot.DelivererConfig{
					Store: s, Index: s, Owner: "sweeper", Lease: lease, Sweep: 100 * time.Millisecond,
					Outlet: &outlet{p: p, paced: true},
				})
				if err != nil {
					t.Fatal(err)
				}
				ctx, stop := context.WithCancel(t.Context())
				done := make(chan error, 1)
				go func() { done <- sweeper.Run(ctx) }()
				a := bot.Address{Platform: "fake", Chat: tt.name, User: "u"}
				(&replica{d: holder, store: s}).turn(t, t.Context(), a, tt.replies...)
				holder.Wait()
				// A sweep after the holder's last mark: what it left, if
				// anything, would be taken over now.
				time.Sleep(lease + time.Second)
				stop()
				if err := <-done; err != nil {
					t.Fatal(err)
				}
				sweeper.Wait()
				if got := p.texts(a); fmt.Sprint(got) != tt.want {
					t.Errorf("the person saw %q, want %s", got, tt.want)
				}
				if s := session(t, s, a); len(s.Outbox) != 0 || s.Lease != (bot.Lease{}) {
					t.Errorf("after delivery: outbox %v lease %+v, want both empty", s.Outbox, s.Lease)
				}
			})
		})
	}
}

// TestDeliveryPauseCostsNoRenewal: a flow's typing pause shorter than half
// the lease (the built-in flows pause up to 6 s, the lease is 15 s) costs
// no store update beyond the burst's marks: the mark written before the
// pause leaves the lease more than enough for it. A pause longer than half
// the lease still gets one renewal, so the lease never lapses under it.
// The old keeper renewed whenever a run went a third of a lease without a
// mark (5 s): once during each 6 s pause, an update for nothing. On the
// fake clock of synctest.
func TestDeliveryPauseCostsNoRenewal(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		replies []bot.Reply
		updates int64 // the holder's store updates after its turn's own
	}{
		// The mark before "2", the mark before "3", the last burst's flush.
		{"two_6s_pauses", []bot.Reply{{Text: "1"}, {Text: "2", Pause: 6 * time.Second}, {Text: "3", Pause: 6 * time.Second}}, 3},
		{"7s_pause", []bot.Reply{{Text: "1"}, {Text: "2", Pause: 7 * time.Second}}, 2},
		// Longer than half the lease: one renewal during it.
		{"9s_pause", []bot.Reply{{Text: "1"}, {Text: "2", Pause: 9 * time.Second}}, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				s := memstore.New(memstore.Config{})
				p := newPlatform()
				cs := &countingStore{outboxStore: s}
				d, err := bot.NewDeliverer(bot.DelivererConfig{Store: cs, Owner: "r1", Outlet: &outlet{p: p, paced: true}})
				if err != nil {
					t.Fatal(err)
				}
				if d.LeaseTTL() != 15*time.Second {
					t.Fatalf("default lease %v, want 15s (the case names assume it)", d.LeaseTTL())
				}
				a := bot.Address{Platform: "fake", Chat: tt.name, User: "u"}
				(&replica{d: d, store: s}).turn(t, t.Context(), a, tt.replies...) // not counted
				d.Wait()
				want := make([]string, len(tt.replies))
				for i, r := range tt.replies {
					want[i] = r.Text
				}
				if got := p.texts(a); fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("the person saw %q, want %q", got, want)
				}
				if got := cs.n.Load(); got != tt.updates {
					t.Errorf("%d store updates after the turn's, want %d", got, tt.updates)
				}
				if s := session(t, s, a); len(s.Outbox) != 0 || s.Lease != (bot.Lease{}) {
					t.Errorf("after delivery: outbox %v lease %+v, want both empty", s.Outbox, s.Lease)
				}
			})
		})
	}
}
