package bot

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/carebot/carebot/bot/bottest/wait"
)

// noStore is a Store that fails: the flush below never reaches it.
type noStore struct{}

func (noStore) Update(context.Context, Address, func(*Session) error) error {
	return errors.New("no store")
}
func (noStore) Delete(context.Context, Address) error { return nil }
func (noStore) Ping(context.Context) error            { return nil }

type noOutlet struct{}

func (noOutlet) Deliver(context.Context, Address, Reply, string) (string, error) {
	return "", errors.New("no outlet")
}

// TestFireCountsItsWorkersBeforeReleasing: a turn that carries a pending
// mark (Settled) just as the flush timer took it must not let the
// count reach zero before fire counts its workers, or a running Wait
// returns before the flush (with a WaitGroup, the old count, that was
// misuse, which the race detector reports).
func TestFireCountsItsWorkersBeforeReleasing(t *testing.T) {
	d, err := NewDeliverer(DelivererConfig{Store: noStore{}, Outlet: noOutlet{}, Owner: "r1", Flush: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	a := Address{Platform: "fake", Chat: "gap", User: "u"}
	waiting := make(chan struct{})
	waited := make(chan struct{})
	d.fireGap = func() {
		// The mark is taken by this fire; a Wait is blocked on its count.
		go func() { close(waiting); d.Wait(); close(waited) }()
		<-waiting
		wait.Until(t, "Wait to block", func() bool { return blockedInWait() })
		mu := d.locks.of(a)
		mu.Lock()
		d.Settled(a) // a turn carried the mark
		mu.Unlock()
	}
	mu := d.locks.of(a)
	mu.Lock()
	d.mu.Lock()
	p := &pendingMark{owner: "r1/1", seq: 1, due: time.Now()}
	d.pending[a] = p
	d.busy.Add(1)
	d.armLocked(p.due)
	d.mu.Unlock()
	mu.Unlock()
	select {
	case <-waited:
	case <-time.After(5 * time.Second):
		t.Fatal("Wait did not return after the mark was carried")
	}
}

// blockedInWait reports whether some goroutine is blocked in a
// Deliverer's Wait.
func blockedInWait() bool {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	for g := range bytes.SplitSeq(buf, []byte("\n\n")) {
		if bytes.Contains(g, []byte("[chan receive")) && bytes.Contains(g, []byte("bot.(*Deliverer).Wait(")) {
			return true
		}
	}
	return false
}
