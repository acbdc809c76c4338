package bot

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// leaseKeeper keeps a delivery run's lease while the run is alive. Marks
// renew it (one per burst, see Deliver), but a run can go longer than a
// lease without one: a send the platform is slow to answer (the reply
// accepted, the answer late), a pause or a desk relay that overruns, a
// store round trip that stalls. The lease then lapsed under a send still
// under way, another replica's sweeper took the conversation over and sent
// the same replies again, and the first run, once answered, went on with
// its burst after them, out of order, though no replica died. So:
//
//   - when only half of the lease is left (the run went half a lease
//     without renewing it), its keeper renews it (a store update that
//     only moves the lease's end, and only while the run holds it), and
//     again each time half is left; a renewal that fails is tried again
//     a sixth of a lease later, twice before the lease could lapse;
//   - before each entry it sends, a run whose lease may lapse within a
//     third of a lease (its keeper stalled with it, or lost the lease)
//     marks first: the mark renews the lease, or finds it taken over and
//     the run stops there.
//
// A run that ends within half a lease, as nearly every one does, costs a
// timer and nothing in the store, and so does a flow's typing pause
// shorter than half a lease: the burst's mark before it leaves the lease
// enough. (Renewing at a third of a lease, as the keeper once did, cost
// an update during each 5-6 s pause of the built-in flows, on the default
// 15 s lease.)
type leaseKeeper struct {
	d     *Deliverer
	ctx   context.Context
	a     Address
	owner string
	every time.Duration // from a renewal to the next: half a lease
	retry time.Duration // after a renewal that failed: a sixth of a lease
	fence time.Duration // a run marks before it sends once less may be left: a third
	t     *time.Timer
	// at is when the lease was last renewed, at the latest (d.now() just
	// before the store update that renewed it), in Unix ns.
	at   atomic.Int64
	lost atomic.Bool // a renewal found the lease another's, or gone

	mu   sync.Mutex // held by a renewal under way
	done bool       // stopped: no renewal from now on
}

// keepLease starts the keeper of owner's delivery run of a, whose lease
// was taken or renewed at at (zero: now). A keeper, with its timer, comes
// from d.keepers (one a turn would allocate otherwise): see stop.
func (d *Deliverer) keepLease(ctx context.Context, a Address, owner string, at time.Time) *leaseKeeper {
	if at.IsZero() {
		at = d.now()
	}
	l := d.cfg.Lease
	k, _ := d.keepers.Get().(*leaseKeeper)
	if k == nil {
		k = new(leaseKeeper)
	}
	k.mu.Lock() // the timer's first run waits for k.t
	k.d, k.ctx, k.a, k.owner = d, ctx, a, owner
	k.every, k.retry, k.fence = l/2, l/6, l/3
	k.at.Store(at.UnixNano())
	k.lost.Store(false)
	k.done = false
	if k.t == nil {
		k.t = time.AfterFunc(k.every, k.renew)
	} else {
		k.t.Reset(k.every) // stopped before it fired (see stop)
	}
	k.mu.Unlock()
	return k
}

// renewed records that the run renewed its lease itself (a mark whose
// store update began at at), or learnt it lost (the mark found nothing
// more to send): the keeper's next renewal is half a lease away.
func (k *leaseKeeper) renewed(at time.Time) {
	k.at.Store(at.UnixNano())
	k.lost.Store(false)
	k.t.Reset(k.every)
}

// stale reports whether the run must renew its lease (mark) before it
// sends anything more: less than a third of it may be left, or a renewal
// found it lost.
func (k *leaseKeeper) stale() bool {
	return k.lost.Load() || k.d.now().UnixNano()-k.at.Load() > int64(k.d.cfg.Lease-k.fence)
}

// renew is the keeper's timer: it renews the lease, and arms itself again:
// for when half of the renewed lease is left, or sooner to try again.
func (k *leaseKeeper) renew() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.done || k.ctx.Err() != nil {
		return
	}
	at := k.d.now()
	held, err := k.d.renewLease(k.ctx, k.a, k.owner)
	switch {
	case err != nil:
		k.d.log.Warn("outbox lease not renewed during a slow delivery; another replica may send its replies again", "chat", k.a.Hash(), "err", err)
		k.t.Reset(k.retry)
		return
	case !held:
		k.lost.Store(true)
		return
	}
	k.at.Store(at.UnixNano())
	k.t.Reset(k.every)
}

// stop ends the keeping once the run is over, after a renewal under way.
// A keeper whose timer it stopped before the timer fired (nearly every
// one: a run rarely lasts half a lease) goes back to its Deliverer's
// keepers (a pool of each Deliverer's, as a timer belongs to the
// synctest bubble that made it, in tests): a renewal that ran before
// stop had ended (renew holds k.mu throughout). One whose timer fired is
// left to the collector: its renew may still be waiting for k.mu, and
// finds the keeping done. (One race is left: a timer that fires at half a
// lease just as the run's mark re-arms it (renewed) has a renew under way
// that stop does not see; if the keeper is handed to the next run before
// that renew gets k.mu, it renews the next run's lease early: an update
// for nothing, never one for a run that does not hold the lease.)
func (k *leaseKeeper) stop() {
	k.mu.Lock()
	k.done = true
	d := k.d
	unfired := k.t.Stop()
	if unfired {
		k.d, k.ctx, k.a, k.owner = nil, nil, Address{}, ""
	}
	k.mu.Unlock()
	if unfired {
		d.keepers.Put(k)
	}
}

// renewLease moves the end of owner's lease of a's outbox to a lease from
// now, if owner still holds it (however late: nobody took it over) with
// replies pending, and reports whether it did.
func (d *Deliverer) renewLease(ctx context.Context, a Address, owner string) (bool, error) {
	mu := d.locks.of(a)
	mu.Lock()
	defer mu.Unlock()
	err := d.cfg.Store.Update(ctx, a, func(s *Session) error {
		if s.Version == 0 || s.Forgotten || s.Lease.Owner != owner || len(s.Outbox) == 0 {
			return errNothing
		}
		s.Lease.Until = d.now().Add(d.cfg.Lease)
		return nil
	})
	if errors.Is(err, errNothing) {
		return false, nil
	}
	return err == nil, err
}
