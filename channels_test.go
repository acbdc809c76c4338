package main

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/memstore"
)

// zoneChannel is a channel that knows time zones and records what its
// Outlet delivers.
type zoneChannel struct {
	mu   sync.Mutex
	sent []string
}

func (c *zoneChannel) Send(context.Context, bot.Address, []bot.Reply) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sent = append(c.sent, "direct")
	return nil
}

func (c *zoneChannel) Deliver(_ context.Context, _ bot.Address, r bot.Reply, kb string) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sent = append(c.sent, r.Text)
	return kb, nil
}

func (c *zoneChannel) TimeZone(context.Context, bot.Address) (*time.Location, error) {
	return time.FixedZone("X", 3600), nil
}

func (c *zoneChannel) texts() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.sent...)
}

// TestChannelThroughOutbox: with several replicas possible (a Deliverer),
// what the desk and the check-ins send to a platform goes through the
// conversation's outbox and the platform's Outlet, and the channel's time
// zones stay known; without one, the adapter sends itself.
func TestChannelThroughOutbox(t *testing.T) {
	t.Parallel()
	to := bot.Address{Platform: "fake", Chat: "1", User: "1"}

	ch := &zoneChannel{}
	outlets := bot.Outlets{}
	store := memstore.New(memstore.Config{})
	d, err := bot.NewDeliverer(bot.DelivererConfig{Store: store, Index: store, Outlet: outlets, Owner: "r1"})
	if err != nil {
		t.Fatal(err)
	}
	a := &app{senders: map[string]bot.Sender{}, outlets: outlets, deliverer: d}
	a.channel("fake", ch, ch)
	if a.outlets["fake"] != bot.Outlet(ch) {
		t.Errorf("the outlet is %T, want the channel itself: a wrapper hides its pause (bot.Pauser) from the Deliverer", a.outlets["fake"])
	}
	if err := a.senders["fake"].Send(t.Context(), to, []bot.Reply{{Text: "agent"}}); err != nil {
		t.Fatal(err)
	}
	wait.Until(t, "the outbox delivered", func() bool { return len(ch.texts()) > 0 })
	d.Wait()
	if got := ch.texts(); len(got) != 1 || got[0] != "agent" {
		t.Errorf("the channel got %q, want the line through its Outlet", got)
	}
	tz, ok := a.senders["fake"].(bot.TimeZoner)
	if !ok {
		t.Fatal("the sender lost the channel's time zones")
	}
	if loc, _ := tz.TimeZone(t.Context(), to); loc == nil || loc.String() != "X" {
		t.Errorf("time zone %v, want the channel's", loc)
	}

	direct := &zoneChannel{}
	b := &app{senders: map[string]bot.Sender{}}
	b.channel("fake", direct, direct)
	if err := b.senders["fake"].Send(t.Context(), to, []bot.Reply{{Text: "agent"}}); err != nil {
		t.Fatal(err)
	}
	if got := direct.texts(); len(got) != 1 || got[0] != "direct" {
		t.Errorf("without a Deliverer the channel got %q, want its own Send", got)
	}
}
