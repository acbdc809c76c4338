package memstore

import (
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/desk/desktest"
	"github.com/carebot/carebot/bot/storetest"
)

func TestConformance(t *testing.T) {
	t.Parallel()
	storetest.Run(t, func(t *testing.T) storetest.Store { return New(Config{}) })
}

func BenchmarkUpdate(b *testing.B) {
	storetest.RunBenchmarks(b, New(Config{}), nil)
}

// newClock is a settable time for expiry tests.
func newClock() *bottest.Clock { return bottest.NewClock(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)) }

func TestSessionTTL(t *testing.T) {
	t.Parallel()
	c := newClock()
	s := New(Config{TTL: time.Hour, Now: c.Now})
	a := bot.Address{Platform: "p", Chat: "c", User: "u"}
	step := func(v string) {
		t.Helper()
		storetest.Must(t, s.Update(t.Context(), a, func(sess *bot.Session) error { sess.Step = v; return nil }))
	}
	get := func() bot.Session { t.Helper(); return storetest.Load(t, s, a) }
	step("one")
	c.Add(59 * time.Minute)
	if got := get(); got.Step != "one" {
		t.Fatalf("before the TTL: Step %q, want one", got.Step)
	}
	step("two") // an Update renews the TTL
	c.Add(59 * time.Minute)
	if got := get(); got.Step != "two" || got.Version != 2 {
		t.Fatalf("after renewal: Step %q Version %d, want two 2", got.Step, got.Version)
	}
	c.Add(time.Minute)
	if diff := cmp.Diff(bot.Session{}, get()); diff != "" {
		t.Errorf("expired session is not absent (-want +got):\n%s", diff)
	}
}

func TestDefaultTTLs(t *testing.T) {
	t.Parallel()
	c := newClock()
	s := New(Config{Now: c.Now})
	ctx := t.Context()
	storetest.Must(t, s.Set(ctx, "k", "v", 0))
	if _, err := s.Claim(ctx, "c", "ana", -1); err != nil {
		t.Fatal(err)
	}
	c.Add(DefaultTTL - time.Second)
	if _, ok, _ := s.Get(ctx, "k"); !ok {
		t.Errorf("cache entry with ttl 0 expired before DefaultTTL")
	}
	if h, _ := s.Claim(ctx, "c", "bob", time.Hour); h != "ana" {
		t.Errorf("claim with ttl <= 0 expired before DefaultTTL: holder %q", h)
	}
	c.Add(time.Second)
	if _, ok, _ := s.Get(ctx, "k"); ok {
		t.Errorf("cache entry with ttl 0 outlived DefaultTTL")
	}
	if h, _ := s.Claim(ctx, "c", "bob", time.Hour); h != "bob" {
		t.Errorf("claim with ttl <= 0 outlived DefaultTTL: holder %q", h)
	}
}

func TestSweepReclaimsMemory(t *testing.T) {
	t.Parallel()
	c := newClock()
	s := New(Config{TTL: 10 * time.Second, Now: c.Now})
	ctx := t.Context()
	const n = 5000
	for i := range n {
		a := bot.Address{Platform: "p", Chat: "c", User: strconv.Itoa(i)}
		storetest.Must(t, s.Update(ctx, a, func(*bot.Session) error { return nil }))
		storetest.Must(t, s.Set(ctx, "k"+strconv.Itoa(i), "v", time.Second))
		if _, err := s.Claim(ctx, "c"+strconv.Itoa(i), "o", time.Second); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.Len(); got != 3*n {
		t.Fatalf("Len = %d, want %d", got, 3*n)
	}
	// Once everything has expired, new writes sweep the old entries away.
	c.Add(time.Minute)
	for i := range n {
		a := bot.Address{Platform: "p", Chat: "new", User: strconv.Itoa(i % 100)}
		storetest.Must(t, s.Update(ctx, a, func(*bot.Session) error { return nil }))
	}
	if got := s.Len(); got != 100 {
		t.Errorf("Len after expiry and sweeps = %d, want 100 (the live sessions)", got)
	}
}

func TestConflictRerunsFn(t *testing.T) {
	t.Parallel()
	s := New(Config{})
	a := bot.Address{Platform: "p", Chat: "c", User: "u"}
	runs := 0
	err := s.Update(t.Context(), a, func(sess *bot.Session) error {
		runs++
		if runs == 1 {
			// Someone else saves while fn runs: this attempt must lose.
			if err := s.Update(t.Context(), a, func(o *bot.Session) error { return storetest.Increment(o, "n") }); err != nil {
				return err
			}
		}
		return storetest.Increment(sess, "n")
	})
	if err != nil {
		t.Fatal(err)
	}
	if runs != 2 {
		t.Errorf("fn ran %d times, want 2 (once more after the conflict)", runs)
	}
	if got := storetest.Load(t, s, a); got.Slots["n"] != "2" || got.Version != 2 {
		t.Errorf("counter %q Version %d, want 2 2", got.Slots["n"], got.Version)
	}
}

func TestDeleteDuringUpdateIsAConflict(t *testing.T) {
	t.Parallel()
	s := New(Config{})
	a := bot.Address{Platform: "p", Chat: "c", User: "u"}
	storetest.Must(t, s.Update(t.Context(), a, func(sess *bot.Session) error { sess.Step = "old"; return nil }))
	var steps []string
	err := s.Update(t.Context(), a, func(sess *bot.Session) error {
		steps = append(steps, sess.Step)
		if len(steps) == 1 {
			if err := s.Delete(t.Context(), a); err != nil {
				return err
			}
		}
		sess.Step = "new"
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The first run saw the forgotten session; its result must not bring it back.
	if want := []string{"old", ""}; !slices.Equal(steps, want) {
		t.Errorf("fn saw steps %q, want %q", steps, want)
	}
}

func TestFollowUpsConformance(t *testing.T) {
	t.Parallel()
	storetest.RunFollowUps(t, func(*testing.T) bot.FollowUpStore { return NewFollowUps() })
}

func TestPeersConformance(t *testing.T) {
	t.Parallel()
	storetest.RunPeers(t, func(*testing.T) bot.PeerRequests { return NewPeers(nil) })
}

func TestIdleConformance(t *testing.T) {
	t.Parallel()
	storetest.RunIdle(t, func(*testing.T) bot.IdleIndex { return NewIdle() })
}

func TestDeskStore(t *testing.T) {
	t.Parallel()
	desktest.Run(t, NewDeskStore(nil))
}

// TestTombstoneTTL: a tombstone (bot.Session.Forgotten) lives
// bot.TombstoneTTL at most, not the session TTL: its confirmation may
// never be delivered, and it goes anyway.
func TestTombstoneTTL(t *testing.T) {
	t.Parallel()
	c := newClock()
	s := New(Config{TTL: time.Hour, Now: c.Now})
	a, b := bot.Address{Platform: "p", Chat: "c", User: "gone"}, bot.Address{Platform: "p", Chat: "c", User: "stays"}
	storetest.Must(t, s.Update(t.Context(), a, func(sess *bot.Session) error {
		sess.Forgotten = true
		bot.Queue(sess, []bot.Reply{{Text: "forgotten"}}, c.Now())
		return nil
	}))
	storetest.Must(t, s.Update(t.Context(), b, func(sess *bot.Session) error { sess.Step = "one"; return nil }))
	c.Add(bot.TombstoneTTL - time.Second)
	if got := storetest.Load(t, s, a); !got.Forgotten {
		t.Fatalf("tombstone gone before bot.TombstoneTTL: %+v", got)
	}
	c.Add(time.Second)
	if got := storetest.Load(t, s, a); got.Version != 0 {
		t.Errorf("tombstone still there after bot.TombstoneTTL: version %d", got.Version)
	}

	// A tombstone saved again (a delivery's lease taken and renewed while
	// the platform refuses the confirmation) keeps the time it had: it
	// goes bot.TombstoneTTL after /forget, however often it is retried.
	storetest.Must(t, s.Update(t.Context(), a, func(sess *bot.Session) error {
		sess.Forgotten = true
		bot.Queue(sess, []bot.Reply{{Text: "forgotten"}}, c.Now())
		return nil
	}))
	for range 4 {
		c.Add(bot.TombstoneTTL / 4)
		_ = s.Update(t.Context(), a, func(sess *bot.Session) error {
			if !sess.Forgotten {
				return errors.New("gone") // as the deliverer's errForgotten
			}
			bot.TakeLease(sess, "replica-a/1", c.Now(), time.Second)
			return nil
		})
	}
	if got := storetest.Load(t, s, a); got.Version != 0 {
		t.Errorf("tombstone saved again lives on after bot.TombstoneTTL: version %d forgotten %v", got.Version, got.Forgotten)
	}
	if got := storetest.Load(t, s, b); got.Step != "one" {
		t.Errorf("an ordinary session expired with the tombstone: step %q", got.Step)
	}
}
