package redisstore

import (
	"slices"
	"testing"
	"time"

	"github.com/carebot/carebot/bot/desk/desktest"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

func TestDeskStore(t *testing.T) {
	t.Parallel()
	desktest.Run(t, newStore(t, Config{URL: redistest.Start(t), TTL: time.Hour}).Desk())
}

func TestTerminalDeskPrimitives(t *testing.T) {
	t.Parallel()
	s := newStore(t, Config{URL: redistest.Start(t), TTL: time.Hour})
	ctx := t.Context()

	t.Run("presence", func(t *testing.T) {
		present := func() bool {
			t.Helper()
			ok, err := s.AgentsPresent(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		if present() {
			t.Fatal("an agent is present before any announced itself")
		}
		if err := s.Announce(ctx, "old", -time.Second); err != nil { // expired already
			t.Fatal(err)
		}
		if present() {
			t.Fatal("an expired announcement counts as present")
		}
		must(t, s.Announce(ctx, "sam", time.Minute))
		if !present() {
			t.Fatal("an announced agent is not present")
		}
		must(t, s.Leave(ctx, "sam"))
		if present() {
			t.Fatal("an agent who left is still present")
		}
	})

	t.Run("boxes", func(t *testing.T) {
		for _, m := range []string{"a", "b", "c"} {
			must(t, s.Append(ctx, "thread:x", m))
		}
		got, err := s.Lines(ctx, "thread:x", 1)
		if err != nil || !slices.Equal(got, []string{"b", "c"}) {
			t.Fatalf("Lines from 1 = %q, %v; want b c", got, err)
		}
		if again, _ := s.Lines(ctx, "thread:x", 0); len(again) != 3 {
			t.Fatalf("Lines removed lines: %q", again)
		}
		m, ok, err := s.Next(ctx, "thread:x", time.Second)
		if err != nil || !ok || m != "a" {
			t.Fatalf("Next = %q, %v, %v; want the first line", m, ok, err)
		}
		if _, ok, err := s.Next(ctx, "empty", 100*time.Millisecond); ok || err != nil {
			t.Fatalf("Next on an empty box = %v, %v; want nothing after the wait", ok, err)
		}
	})
}
