package storetest

import (
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
)

// RunFollowUps runs the bot.FollowUpStore conformance suite against the
// stores newStore returns (a fresh, empty one per call).
func RunFollowUps(t *testing.T, newStore func(t *testing.T) bot.FollowUpStore) {
	t.Helper()
	suite[bot.FollowUpStore]{
		{"claim_when_due", fuClaimWhenDue},
		{"lease_then_again", fuLeaseThenAgain},
		{"done_needs_the_token", fuDoneNeedsToken},
		{"cancel", fuCancel},
		{"retry_later", fuRetry},
		{"schedule_replaces", fuReplaces},
		{"one_claimer_wins", fuOneClaimer},
		{"batch_bound", fuBatch},
		{"list", fuList},
		{"withdraw", fuWithdraw},
		{"forget", fuForget},
	}.run(t, newStore)
}

var fuT0 = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

func fu(t testing.TB, user string, due time.Time) bot.FollowUp {
	return bot.FollowUp{ID: "id-" + user, To: addr(t, user), Flow: "order_problem", Step: "wait", Lang: "en",
		Slots: map[string]string{"order": "AB-123456"}, Due: due, Created: fuT0}
}

func mustSchedule(t testing.TB, s bot.FollowUpStore, f bot.FollowUp) {
	t.Helper()
	if err := s.Schedule(t.Context(), f); err != nil {
		t.Fatalf("Schedule: %v", err)
	}
}

func mustClaim(t testing.TB, s bot.FollowUpStore, now time.Time, max int) []bot.FollowUpClaim {
	t.Helper()
	cs, err := s.Claim(t.Context(), now, time.Minute, max)
	if err != nil {
		t.Fatalf("Claim: %v", err)
	}
	return cs
}

func fuClaimWhenDue(t *testing.T, s bot.FollowUpStore) {
	f := fu(t, "a", fuT0.Add(time.Hour))
	mustSchedule(t, s, f)
	if cs := mustClaim(t, s, fuT0, 10); len(cs) != 0 {
		t.Fatalf("claimed %d before due", len(cs))
	}
	cs := mustClaim(t, s, fuT0.Add(time.Hour), 10)
	if len(cs) != 1 {
		t.Fatalf("claimed %d at due time, want 1", len(cs))
	}
	c := cs[0]
	if c.ID != f.ID || c.To != f.To || c.Slots["order"] != "AB-123456" || c.Attempts != 1 || c.Token == "" || !c.Due.Equal(f.Due) {
		t.Errorf("claim = %+v, want %+v with attempts 1 and a token", c, f)
	}
}

func fuLeaseThenAgain(t *testing.T, s bot.FollowUpStore) {
	mustSchedule(t, s, fu(t, "a", fuT0))
	if cs := mustClaim(t, s, fuT0, 10); len(cs) != 1 {
		t.Fatalf("first claim: %d", len(cs))
	}
	if cs := mustClaim(t, s, fuT0.Add(30*time.Second), 10); len(cs) != 0 {
		t.Fatalf("claimed %d during the lease", len(cs))
	}
	// The holder died: after the lease another claim gets it.
	cs := mustClaim(t, s, fuT0.Add(61*time.Second), 10)
	if len(cs) != 1 || cs[0].Attempts != 2 {
		t.Fatalf("after the lease: %+v, want one claim, attempt 2", cs)
	}
}

func fuDoneNeedsToken(t *testing.T, s bot.FollowUpStore) {
	mustSchedule(t, s, fu(t, "a", fuT0))
	old := mustClaim(t, s, fuT0, 10)[0]
	cur := mustClaim(t, s, fuT0.Add(2*time.Minute), 10)[0]
	// The first holder, late, must not remove what the second one holds.
	Must(t, s.Done(t.Context(), old))
	Must(t, s.Retry(t.Context(), cur, fuT0.Add(2*time.Minute)))
	cs := mustClaim(t, s, fuT0.Add(2*time.Minute), 10)
	if len(cs) != 1 {
		t.Fatalf("after a stale Done: %d claims, want 1", len(cs))
	}
	Must(t, s.Done(t.Context(), cs[0]))
	if cs := mustClaim(t, s, fuT0.Add(time.Hour), 10); len(cs) != 0 {
		t.Fatalf("after Done: %d claims, want 0", len(cs))
	}
}

func fuCancel(t *testing.T, s bot.FollowUpStore) {
	f := fu(t, "a", fuT0)
	mustSchedule(t, s, f)
	mustSchedule(t, s, fu(t, "b", fuT0))
	ok, err := s.Cancel(t.Context(), f.To)
	if err != nil || !ok {
		t.Fatalf("Cancel = %v, %v; want true", ok, err)
	}
	if ok, err := s.Cancel(t.Context(), f.To); err != nil || ok {
		t.Fatalf("second Cancel = %v, %v; want false", ok, err)
	}
	cs := mustClaim(t, s, fuT0, 10)
	if len(cs) != 1 || cs[0].To != addr(t, "b") {
		t.Fatalf("claims after cancel: %+v, want only b", cs)
	}
}

func fuRetry(t *testing.T, s bot.FollowUpStore) {
	mustSchedule(t, s, fu(t, "a", fuT0))
	c := mustClaim(t, s, fuT0, 10)[0]
	Must(t, s.Retry(t.Context(), c, fuT0.Add(10*time.Hour)))
	if cs := mustClaim(t, s, fuT0.Add(9*time.Hour), 10); len(cs) != 0 {
		t.Fatalf("claimed %d before the retry time", len(cs))
	}
	if cs := mustClaim(t, s, fuT0.Add(10*time.Hour), 10); len(cs) != 1 {
		t.Fatalf("claimed %d at the retry time, want 1", len(cs))
	}
}

func fuReplaces(t *testing.T, s bot.FollowUpStore) {
	mustSchedule(t, s, fu(t, "a", fuT0))
	g := fu(t, "a", fuT0.Add(time.Hour))
	g.ID = "newer"
	mustSchedule(t, s, g)
	if cs := mustClaim(t, s, fuT0, 10); len(cs) != 0 {
		t.Fatalf("the replaced one was claimed: %+v", cs)
	}
	cs := mustClaim(t, s, fuT0.Add(time.Hour), 10)
	if len(cs) != 1 || cs[0].ID != "newer" {
		t.Fatalf("claims = %+v, want the newer one", cs)
	}
}

func fuOneClaimer(t *testing.T, s bot.FollowUpStore) {
	for _, u := range []string{"a", "b", "c", "d", "e"} {
		mustSchedule(t, s, fu(t, u, fuT0))
	}
	got := Tally(t, 8, func() ([]string, error) {
		cs, err := s.Claim(t.Context(), fuT0, time.Minute, 10)
		var ids []string
		for _, c := range cs {
			ids = append(ids, c.ID)
		}
		return ids, err
	})
	Once(t, got, 5, "follow-ups claimed")
}

func fuBatch(t *testing.T, s bot.FollowUpStore) {
	for _, u := range []string{"a", "b", "c", "d", "e"} {
		mustSchedule(t, s, fu(t, u, fuT0))
	}
	if cs := mustClaim(t, s, fuT0, 2); len(cs) != 2 {
		t.Fatalf("claimed %d with a batch of 2", len(cs))
	}
	if cs := mustClaim(t, s, fuT0, 10); len(cs) != 3 {
		t.Fatalf("then claimed %d, want the other 3", len(cs))
	}
}

func fuList(t *testing.T, s bot.FollowUpStore) {
	mustSchedule(t, s, fu(t, "late", fuT0.Add(2*time.Hour)))
	mustSchedule(t, s, fu(t, "soon", fuT0.Add(time.Hour)))
	fs, err := s.List(t.Context(), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 || fs[0].ID != "id-soon" || fs[1].ID != "id-late" {
		t.Fatalf("List = %+v, want soon then late", fs)
	}
}

// fuWithdraw: a withdrawn follow-up leaves the list, is claimed at once
// (not at its due time) marked with the reason, survives the person's own
// Cancel (so the scheduler still counts it), and is gone once done.
func fuWithdraw(t *testing.T, s bot.FollowUpStore) {
	f := fu(t, "a", fuT0.Add(72*time.Hour))
	mustSchedule(t, s, f)
	mustSchedule(t, s, fu(t, "b", fuT0.Add(72*time.Hour)))
	if ok, err := s.Withdraw(t.Context(), f.To, bot.CancelOperator); err != nil || !ok {
		t.Fatalf("Withdraw = %v, %v; want true", ok, err)
	}
	if ok, err := s.Withdraw(t.Context(), f.To, bot.CancelOperator); err != nil || ok {
		t.Fatalf("second Withdraw = %v, %v; want false", ok, err)
	}
	if ok, err := s.Withdraw(t.Context(), addr(t, "nobody"), bot.CancelOperator); err != nil || ok {
		t.Fatalf("Withdraw of nothing = %v, %v; want false", ok, err)
	}
	if fs, err := s.List(t.Context(), 10); err != nil || len(fs) != 1 || fs[0].ID != "id-b" {
		t.Fatalf("List = %+v, %v; want only b", fs, err)
	}
	if ok, err := s.Cancel(t.Context(), f.To); err != nil || ok {
		t.Fatalf("Cancel of a withdrawn one = %v, %v; want false (the scheduler counts it)", ok, err)
	}
	cs := mustClaim(t, s, fuT0, 10)
	if len(cs) != 1 || cs[0].ID != f.ID || cs[0].Cancelled != bot.CancelOperator {
		t.Fatalf("claims = %+v, want a withdrawn at once", cs)
	}
	Must(t, s.Done(t.Context(), cs[0]))
	if cs := mustClaim(t, s, fuT0.Add(100*time.Hour), 10); len(cs) != 1 || cs[0].ID != "id-b" || cs[0].Cancelled != "" {
		t.Fatalf("claims later = %+v, want only b, not withdrawn", cs)
	}
}

// fuForget: Forget deletes the follow-up whatever its state, withdrawn or
// claimed, at once: nothing is left to claim or list, and a holder's Done
// or Retry does not bring it back.
func fuForget(t *testing.T, s bot.FollowUpStore) {
	ctx := t.Context()
	if ok, err := s.Forget(ctx, addr(t, "none")); ok || err != nil {
		t.Errorf("Forget of nothing = %v, %v; want false", ok, err)
	}
	mustSchedule(t, s, fu(t, "a", fuT0.Add(time.Hour)))
	if ok, err := s.Withdraw(ctx, addr(t, "a"), bot.CancelOperator); !ok || err != nil {
		t.Fatalf("Withdraw = %v, %v", ok, err)
	}
	if ok, err := s.Forget(ctx, addr(t, "a")); !ok || err != nil {
		t.Errorf("Forget of a withdrawn one = %v, %v; want true", ok, err)
	}
	if ok, _ := s.Forget(ctx, addr(t, "a")); ok {
		t.Error("Forget twice reported one twice")
	}
	mustSchedule(t, s, fu(t, "b", fuT0))
	held := mustClaim(t, s, fuT0, 10)
	if len(held) != 1 {
		t.Fatalf("claimed %d, want b", len(held))
	}
	if ok, err := s.Forget(ctx, addr(t, "b")); !ok || err != nil {
		t.Errorf("Forget of a claimed one = %v, %v; want true", ok, err)
	}
	Must(t, s.Retry(ctx, held[0], fuT0))
	if cs := mustClaim(t, s, fuT0.Add(48*time.Hour), 10); len(cs) != 0 {
		t.Errorf("after Forget, claimed %+v", cs)
	}
	if fs, err := s.List(ctx, 10); err != nil || len(fs) != 0 {
		t.Errorf("after Forget, List = %+v, %v", fs, err)
	}
}
