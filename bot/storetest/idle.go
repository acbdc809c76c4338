package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
)

// RunIdle runs the bot.IdleIndex conformance suite against the indexes
// newIndex returns (a fresh, empty one per call).
func RunIdle(t *testing.T, newIndex func(t *testing.T) bot.IdleIndex) {
	t.Helper()
	suite[bot.IdleIndex]{
		{"claim_when_due", idleClaimWhenDue},
		{"release_again_later", idleReleaseLater},
		{"stale_release_changes_nothing", idleStaleRelease},
		{"watch_replaces", idleWatchReplaces},
		{"one_claimer_wins", idleOneClaimer},
		{"batch_bound", idleBatch},
	}.run(t, newIndex)
}

func mustWatch(t testing.TB, ix bot.IdleIndex, a bot.Address, at time.Time) {
	t.Helper()
	if err := ix.Watch(t.Context(), a, at, 0); err != nil {
		t.Fatalf("Watch: %v", err)
	}
}

func mustClaimIdle(t testing.TB, ix bot.IdleIndex, now time.Time, max int) []bot.IdleClaim {
	t.Helper()
	cs, err := ix.ClaimIdle(t.Context(), now, time.Minute, max)
	if err != nil {
		t.Fatalf("ClaimIdle: %v", err)
	}
	return cs
}

func claimed(cs []bot.IdleClaim) []bot.Address {
	var out []bot.Address
	for _, c := range cs {
		out = append(out, c.To)
	}
	return out
}

func idleClaimWhenDue(t *testing.T, ix bot.IdleIndex) {
	// An address with odd characters comes back whole.
	a := bot.Address{Platform: "slack", Chat: "D1:x", User: "U:1"}
	mustWatch(t, ix, a, fuT0.Add(time.Hour))
	if cs := mustClaimIdle(t, ix, fuT0, 10); len(cs) != 0 {
		t.Fatalf("claimed before due: %+v", cs)
	}
	cs := mustClaimIdle(t, ix, fuT0.Add(time.Hour), 10)
	if len(cs) != 1 || cs[0].To != a || cs[0].Token == "" {
		t.Fatalf("claims = %+v, want %v", cs, a)
	}
	// Leased: nobody else gets it until the lease ends.
	if again := mustClaimIdle(t, ix, fuT0.Add(time.Hour+30*time.Second), 10); len(again) != 0 {
		t.Fatalf("claimed twice within the lease: %+v", again)
	}
	if again := mustClaimIdle(t, ix, fuT0.Add(time.Hour+2*time.Minute), 10); len(again) != 1 {
		t.Fatalf("after the lease ran out: %+v, want it again", again)
	}
}

func idleReleaseLater(t *testing.T, ix bot.IdleIndex) {
	a, b := addr(t, "a"), addr(t, "b")
	mustWatch(t, ix, a, fuT0)
	mustWatch(t, ix, b, fuT0)
	cs := mustClaimIdle(t, ix, fuT0, 10)
	if len(cs) != 2 {
		t.Fatalf("claims = %+v, want two", cs)
	}
	for _, c := range cs {
		at := time.Time{} // a: done
		if c.To == b {
			at = fuT0.Add(10 * time.Minute) // b: look again later
		}
		Must(t, ix.ReleaseIdle(t.Context(), c, at))
	}
	if got := claimed(mustClaimIdle(t, ix, fuT0.Add(5*time.Minute), 10)); len(got) != 0 {
		t.Fatalf("claims before b is due again: %v", got)
	}
	if got := claimed(mustClaimIdle(t, ix, fuT0.Add(10*time.Minute), 10)); !slices.Equal(got, []bot.Address{b}) {
		t.Fatalf("claims = %v, want only b", got)
	}
}

// idleStaleRelease: a looker whose lease ran out, and whose conversation
// another looker took, neither removes nor moves it.
func idleStaleRelease(t *testing.T, ix bot.IdleIndex) {
	a := addr(t, "a")
	mustWatch(t, ix, a, fuT0)
	old := mustClaimIdle(t, ix, fuT0, 10)[0]
	cur := mustClaimIdle(t, ix, fuT0.Add(2*time.Minute), 10)
	if len(cur) != 1 {
		t.Fatalf("second claim = %+v", cur)
	}
	Must(t, ix.ReleaseIdle(t.Context(), old, time.Time{}))
	Must(t, ix.ReleaseIdle(t.Context(), cur[0], fuT0.Add(time.Hour)))
	if got := mustClaimIdle(t, ix, fuT0.Add(time.Hour), 10); len(got) != 1 {
		t.Fatalf("the stale release removed it: %+v", got)
	}
}

func idleWatchReplaces(t *testing.T, ix bot.IdleIndex) {
	a := addr(t, "a")
	mustWatch(t, ix, a, fuT0)
	mustWatch(t, ix, a, fuT0.Add(time.Hour))
	if cs := mustClaimIdle(t, ix, fuT0, 10); len(cs) != 0 {
		t.Fatalf("claimed at the replaced time: %+v", cs)
	}
	if cs := mustClaimIdle(t, ix, fuT0.Add(time.Hour), 10); len(cs) != 1 {
		t.Fatalf("claims = %+v, want one", cs)
	}
}

// idleOneClaimer: lookers claiming at once each get different conversations.
func idleOneClaimer(t *testing.T, ix bot.IdleIndex) {
	const n = 40
	for i := range n {
		mustWatch(t, ix, addr(t, "p"+string(rune('A'+i))), fuT0)
	}
	seen := Tally(t, 4, func() ([]bot.Address, error) {
		cs, err := ix.ClaimIdle(t.Context(), fuT0, time.Minute, n)
		return claimed(cs), err
	})
	Once(t, seen, n, "conversations claimed")
}

func idleBatch(t *testing.T, ix bot.IdleIndex) {
	for i := range 7 {
		mustWatch(t, ix, addr(t, "b"+string(rune('A'+i))), fuT0)
	}
	if cs := mustClaimIdle(t, ix, fuT0, 3); len(cs) != 3 {
		t.Fatalf("claimed %d, want the batch of 3", len(cs))
	}
	if cs := mustClaimIdle(t, ix, fuT0, 10); len(cs) != 4 {
		t.Fatalf("claimed %d, want the other 4", len(cs))
	}
}
