package bot_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/memstore"
)

// slowOutlet delivers to the shared platform after a short stand-in for
// the reply's pause, so that the next turn is stored while replies wait.
type slowOutlet struct{ outlet }

func (o *slowOutlet) Deliver(ctx context.Context, a bot.Address, r bot.Reply, kb string) (string, error) {
	if r.Pause > 0 {
		t := time.NewTimer(2 * time.Millisecond)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return kb, ctx.Err()
		case <-t.C:
		}
	}
	return o.outlet.Deliver(ctx, a, r, kb)
}

// TestEngineOutboxTypingAhead: a person whose every message lands on the
// other replica, each written before the replies to the last went out,
// sees every reply once, in the order one replica alone would have said
// them, and at most one live keyboard.
func TestEngineOutboxTypingAhead(t *testing.T) {
	t.Parallel()
	msgs := []string{"hello", "my order is late", "AB-123456", "yes", "what can you do", "thanks", "/start", "where is my parcel"}
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		// What one replica says, returned to the adapter as before.
		ref := newEngine(t, memstore.New(memstore.Config{}), nil)
		a := bot.Address{Platform: "telegram", Chat: "1", User: "1"}
		var want []string
		for i, text := range msgs {
			rs, err := ref.HandleMessage(t.Context(), bot.Message{ID: fmt.Sprint(i), From: a, Text: text, Lang: "en"})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rs {
				want = append(want, r.Text)
			}
		}

		if len(want) < len(msgs) {
			t.Fatalf("reference run said %d replies, want at least one per message", len(want))
		}
		p := newPlatform()
		var engines []*bot.Engine
		for i := range 2 {
			s := newStore()
			d, err := bot.NewDeliverer(bot.DelivererConfig{
				Store: s, Index: s, Outlet: bot.Outlets{"telegram": &slowOutlet{outlet{p: p}}},
				Owner: fmt.Sprintf("replica-%d", i),
			})
			if err != nil {
				t.Fatal(err)
			}
			engines = append(engines, newEngine(t, s, func(c *bot.Config) { c.Deliverer = d }))
		}
		for i, text := range msgs {
			rs, err := engines[i%2].HandleMessage(t.Context(), bot.Message{ID: fmt.Sprint(i), From: a, Text: text, Lang: "en"})
			if err != nil || len(rs) != 0 {
				t.Fatalf("turn %d: %d replies returned, %v; want none, the outbox delivers", i, len(rs), err)
			}
		}
		wait.Until(t, "every reply delivered", func() bool { return len(p.texts(a)) >= len(want) })
		if got := p.texts(a); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("the person saw\n%q\nwant\n%q", got, want)
		}
		if n := p.liveButtons(a); n > 1 {
			t.Errorf("%d live keyboards, want at most 1", n)
		}
	})
}

// TestEngineFloodNoticeThroughOutbox: the flood notice of a person whose
// replies go through the outbox is queued there too: it comes after the
// replies of their earlier messages still being delivered, never before,
// and the adapter is given nothing to send itself.
func TestEngineFloodNoticeThroughOutbox(t *testing.T) {
	t.Parallel()
	msgs := []string{"hello", "my order is late", "where is it"}
	flood := func(c *bot.Config) { c.FloodLimit, c.FloodWindow = 2, time.Hour }
	a := bot.Address{Platform: "telegram", Chat: "1", User: "1"}
	// What one engine says when it returns its replies, notice included.
	ref := newEngine(t, memstore.New(memstore.Config{}), flood)
	var want []string
	for i, text := range msgs {
		m := bot.Message{ID: fmt.Sprint(i), From: a, Text: text, Lang: "en"}
		v, notice := ref.Admit(t.Context(), m)
		if v == bot.AdmitNotice {
			for _, r := range notice {
				want = append(want, r.Text)
			}
			continue
		}
		m.Admitted = true
		rs, err := ref.HandleMessage(t.Context(), m)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			want = append(want, r.Text)
		}
	}
	p := newPlatform()
	s := memstore.New(memstore.Config{})
	d, err := bot.NewDeliverer(bot.DelivererConfig{Store: s, Index: s, Outlet: bot.Outlets{"telegram": &outlet{p: p, paced: true}}, Owner: "r1"})
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(t, s, func(c *bot.Config) { flood(c); c.Deliverer = d })
	notices := 0
	for i, text := range msgs {
		m := bot.Message{ID: fmt.Sprint(i), From: a, Text: text, Lang: "en"}
		v, notice := e.Admit(t.Context(), m)
		if len(notice) != 0 {
			t.Fatalf("message %d: Admit returned %d replies to send, want none: the outbox sends the notice", i, len(notice))
		}
		if v == bot.AdmitNotice {
			notices++
			continue
		}
		m.Admitted = true
		if _, err := e.HandleMessage(t.Context(), m); err != nil {
			t.Fatal(err)
		}
	}
	if notices != 1 {
		t.Fatalf("%d flood notices, want 1", notices)
	}
	wait.Until(t, "every reply delivered", func() bool { return len(p.texts(a)) >= len(want) })
	d.Wait()
	if got := p.texts(a); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("the person saw\n%q\nwant\n%q", got, want)
	}
}

// gateStore is a store that reports Updates that overlap on one
// conversation, and can hold the next Update inside until told.
type gateStore struct {
	bot.Store
	mu       sync.Mutex
	inflight int
	overlap  bool
	hold     chan struct{} // when set, the next Update waits for it to close
	inside   chan struct{} // closed once that Update is held
}

func (g *gateStore) Update(ctx context.Context, a bot.Address, fn func(*bot.Session) error) error {
	g.mu.Lock()
	g.inflight++
	g.overlap = g.overlap || g.inflight > 1
	hold, inside := g.hold, g.inside
	g.hold = nil
	g.mu.Unlock()
	defer func() {
		g.mu.Lock()
		g.inflight--
		g.mu.Unlock()
	}()
	if hold != nil {
		close(inside)
		<-hold
	}
	return g.Store.Update(ctx, a, fn)
}

func (g *gateStore) overlapped() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.overlap
}

// gateOutlet holds each delivery until released.
type gateOutlet struct {
	sending chan struct{} // told when a reply is being sent
	release chan struct{}
}

func (o *gateOutlet) Deliver(_ context.Context, _ bot.Address, _ bot.Reply, keyboard string) (string, error) {
	o.sending <- struct{}{}
	<-o.release
	return keyboard, nil
}

// TestEngineOutboxMarkWaitsForTurn: the mark of a delivery waits for the
// person's next turn on the same replica to be stored, instead of racing
// it in the store (on Redis the loser pays another round trip). The old
// engine let the mark in while the turn was inside the store.
func TestEngineOutboxMarkWaitsForTurn(t *testing.T) {
	t.Parallel()
	gs := &gateStore{Store: memstore.New(memstore.Config{})}
	out := &gateOutlet{sending: make(chan struct{}, 16), release: make(chan struct{})}
	d, err := bot.NewDeliverer(bot.DelivererConfig{Store: gs, Outlet: out, Owner: "r1"})
	if err != nil {
		t.Fatal(err)
	}
	e := newEngine(t, gs, func(c *bot.Config) { c.Deliverer = d })
	a := bot.Address{Platform: "telegram", Chat: "1", User: "1"}
	if _, err := e.HandleMessage(t.Context(), bot.Message{ID: "1", From: a, Text: "hello", Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	recv(t, "the first turn's delivery to start", out.sending)
	hold, inside := make(chan struct{}), make(chan struct{})
	gs.mu.Lock()
	gs.hold, gs.inside = hold, inside
	gs.mu.Unlock()
	done := make(chan error, 1)
	go func() {
		_, err := e.HandleMessage(t.Context(), bot.Message{ID: "2", From: a, Text: "my order is late", Lang: "en"})
		done <- err
	}()
	recv(t, "the second turn to be in the store", inside)
	// Let the delivery finish its batch and try to mark it.
	go func() {
		for {
			select {
			case out.release <- struct{}{}:
			case <-t.Context().Done():
				return
			}
		}
	}()
	go func() {
		for range out.sending {
		}
	}()
	// The mark (or, at the end of the delivery, keeping it pending for
	// the next turn) either waits for the turn on the conversation's
	// lock, or (the old engine) enters the store beside it: wait for one or the
	// other, so the check below is never passed by a mark not tried yet.
	wait.Until(t, "the delivery's mark to wait on the lock or enter the store", func() bool {
		return gs.overlapped() || waitsOnLock("bot.(*Deliverer).mark(") || waitsOnLock("bot.(*Deliverer).settleLater(")
	})
	if gs.overlapped() {
		t.Error("the delivery's mark entered the store while the next turn was in it")
	}
	close(hold)
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(wait.Timeout):
		t.Fatalf("timed out after %s waiting for the second turn to end", wait.Timeout)
	}
	d.Wait()
	if gs.overlapped() {
		t.Error("the delivery's mark overlapped the next turn")
	}
}

// recv receives from ch, failing the test after wait.Timeout.
func recv(t *testing.T, what string, ch <-chan struct{}) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(wait.Timeout):
		t.Fatalf("timed out after %s waiting for %s", wait.Timeout, what)
	}
}

// waitsOnLock reports whether a goroutine in fn (as a stack trace names
// it) is blocked acquiring a sync.Mutex.
func waitsOnLock(fn string) bool {
	buf := make([]byte, 1<<16)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	for _, g := range strings.Split(string(buf), "\n\n") {
		header, _, _ := strings.Cut(g, "\n")
		if strings.Contains(header, "[sync.Mutex.Lock") && strings.Contains(g, fn) {
			return true
		}
	}
	return false
}

// TestEngineOutboxRedeliveryOnStaleReplica: the platform delivers a message
// again to a replica whose remembered session is older than the turn that
// handled it (Telegram redelivering to another replica behind a load
// balancer). The replica's first try runs on what it remembered, where the
// message looks new, and loses the compare-and-set; the try that counts
// finds it a duplicate. Nothing of the lost try may survive it: the person
// gets every reply once.
func TestEngineOutboxRedeliveryOnStaleReplica(t *testing.T) {
	t.Parallel()
	stores(t, func(t *testing.T, newStore func() outboxStore) {
		p := newPlatform()
		var (
			engines []*bot.Engine
			ds      []*bot.Deliverer
		)
		for i := range 2 {
			s := newStore()
			d, err := bot.NewDeliverer(bot.DelivererConfig{
				Store: s, Index: s, Outlet: bot.Outlets{"telegram": &outlet{p: p}},
				Owner: fmt.Sprintf("replica-%d", i),
			})
			if err != nil {
				t.Fatal(err)
			}
			ds = append(ds, d)
			engines = append(engines, newEngine(t, s, func(c *bot.Config) { c.Deliverer = d }))
		}
		a := bot.Address{Platform: "telegram", Chat: "1", User: "1"}
		say := func(e int, id, text string) {
			t.Helper()
			if _, err := engines[e].HandleMessage(t.Context(), bot.Message{ID: id, From: a, Text: text, Lang: "en"}); err != nil {
				t.Fatal(err)
			}
			for _, d := range ds {
				d.Wait()
			}
		}
		say(1, "1", "hello") // replica 1 remembers the session as it left it
		n := len(p.texts(a))
		say(0, "2", "my order is late") // replica 0 moves it on
		want := p.texts(a)
		if len(want) == n {
			t.Fatalf("the second message got no reply: %q", want)
		}
		say(1, "2", "my order is late") // delivered again, to replica 1
		if got := p.texts(a); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("after the redelivery the person saw\n%q\nwant\n%q", got, want)
		}
	})
}
