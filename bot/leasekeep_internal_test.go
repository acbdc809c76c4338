package bot

import (
	"context"
	"testing"
	"testing/synctest"
	"time"
)

// emptyStore holds no session: a keeper's renewal finds its lease gone.
type emptyStore struct{}

func (emptyStore) Update(_ context.Context, _ Address, fn func(*Session) error) error {
	return fn(&Session{})
}
func (emptyStore) Delete(context.Context, Address) error { return nil }
func (emptyStore) Ping(context.Context) error            { return nil }

type nopOutlet struct{}

func (nopOutlet) Deliver(_ context.Context, _ Address, _ Reply, kb string) (string, error) {
	return kb, nil
}

// TestLeaseKeeperReuse: a run's keeper, with its timer, goes back for the
// next run only if its timer never fired: a renewal of an earlier run,
// started but not yet run, could otherwise act for the next one. A keeper
// handed out again starts afresh.
func TestLeaseKeeperReuse(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		d, err := NewDeliverer(DelivererConfig{Store: emptyStore{}, Outlet: nopOutlet{}, Owner: "r", Lease: 6 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		a := Address{Platform: "p", Chat: "c", User: "u"}
		fired := d.keepLease(t.Context(), a, "r/1", time.Time{})
		time.Sleep(3 * time.Second) // half the lease: the timer fires
		synctest.Wait()
		if !fired.lost.Load() {
			t.Fatal("the renewal did not run (it finds no lease: lost)")
		}
		fired.stop()
		for range 100 {
			k := d.keepLease(t.Context(), a, "r/2", time.Time{})
			if k == fired {
				t.Fatal("a keeper whose timer fired was handed out again")
			}
			if k.owner != "r/2" || k.lost.Load() || k.done || k.d != d {
				t.Fatalf("keeper handed out with owner %q, lost %v, done %v", k.owner, k.lost.Load(), k.done)
			}
			k.stop()
		}
		// Stopped before it fired: nothing more happens, for ever.
		k := d.keepLease(t.Context(), a, "r/3", time.Time{})
		k.stop()
		time.Sleep(time.Minute)
		synctest.Wait()
		if k.lost.Load() {
			t.Error("a stopped keeper renewed")
		}
	})
}
