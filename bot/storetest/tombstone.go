package storetest

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/bot"
)

// forgetInto replaces sess by a tombstone as the engine's /forget does:
// nothing personal, the delivery's order kept, the confirmation queued.
func forgetInto(sess *bot.Session, id string, now time.Time) {
	*sess = bot.Session{Version: sess.Version, Forgotten: true, OutSeq: sess.OutSeq, Lease: sess.Lease, Keyboard: sess.Keyboard, Seen: []string{id}}
	bot.Queue(sess, []bot.Reply{{Text: "forgotten"}}, now)
}

// testTombstone checks the promises of a bot.Forgetter: a tombstone is
// stored whole and nothing else with it; once its outbox is empty it is
// deleted rather than saved, only if nothing was saved since it was read
// (a compare-and-delete); ForgetRest leaves the session alone and forgets
// the flood state.
func testTombstone(t *testing.T, s Store) {
	ctx := t.Context()
	now := time.Now()
	a, b := addr(t, "forgets"), addr(t, "stays")
	update(t, s, a, func(sess *bot.Session) {
		*sess = Full()
		bot.TakeLease(sess, "replica-a/1", now, time.Minute)
	})
	update(t, s, b, func(sess *bot.Session) { sess.Step = "stays" })
	before := Load(t, s, a)

	fc := floodCounter(t, s)
	for range floodRule.Limit + 2 {
		Must(t, func() error { _, err := fc.Arrive(ctx, a, now, floodRule, false); return err }())
	}
	Must(t, s.ForgetRest(ctx, a))
	if got := Load(t, s, a); got.Version != before.Version || got.Step != before.Step {
		t.Fatalf("ForgetRest changed the session: version %d step %q, want %d %q", got.Version, got.Step, before.Version, before.Step)
	}
	if v, err := fc.Arrive(ctx, a, now, floodRule, false); err != nil || v != bot.AdmitTurn {
		t.Errorf("after ForgetRest: %v, %v; want a turn (the flood state forgotten)", v, err)
	}

	update(t, s, a, func(sess *bot.Session) { forgetInto(sess, "m-forget", now) })
	tomb := Load(t, s, a)
	want := bot.Session{
		Version: before.Version + 1, Forgotten: true, OutSeq: before.OutSeq + 1, Lease: before.Lease, Keyboard: before.Keyboard,
		Seen:   []string{"m-forget"},
		Outbox: []bot.Outbound{{Seq: before.OutSeq + 1, Text: "forgotten", At: now}},
	}
	if diff := cmp.Diff(want, tomb, sessionOpts); diff != "" {
		t.Fatalf("tombstone (-want +got):\n%s", diff)
	}
	if !due(t, s, now.Add(2*time.Minute))[a] {
		t.Errorf("tombstone with a confirmation pending not in the outbox index")
	}

	// A write between the read and the delete wins: the delete is
	// retried on it, and what it queued stays.
	raced := false
	err := s.Update(ctx, a, func(sess *bot.Session) error {
		if !raced {
			raced = true
			update(t, s, a, func(other *bot.Session) { bot.Queue(other, []bot.Reply{{Text: "sent meanwhile"}}, now) })
		}
		bot.Delivered(sess, tomb.OutSeq, "replica-a/1", now, time.Minute)
		return nil
	})
	Must(t, err)
	got := Load(t, s, a)
	if !got.Forgotten || len(got.Outbox) != 1 || got.Outbox[0].Text != "sent meanwhile" {
		t.Fatalf("after a delete that raced a write: forgotten %v outbox %+v; want the tombstone with the later entry only", got.Forgotten, got.Outbox)
	}

	// Nothing left to deliver: deleted, not saved.
	update(t, s, a, func(sess *bot.Session) { bot.Delivered(sess, sess.OutSeq, "replica-a/1", now, time.Minute) })
	if got := Load(t, s, a); got.Version != 0 || got.Forgotten {
		t.Errorf("emptied tombstone: version %d forgotten %v; want it deleted (version 0)", got.Version, got.Forgotten)
	}
	if due(t, s, now.Add(time.Hour))[a] {
		t.Errorf("deleted tombstone still in the outbox index")
	}
	if got := Load(t, s, b); got.Step != "stays" {
		t.Errorf("forgetting one address touched another: step %q", got.Step)
	}
	// A tombstone with a mark (the /forget's Order) is kept once emptied,
	// mark and all: a message said before the /forget that comes late
	// must still find it (see bot.Session.ForgetMark).
	c := addr(t, "marked")
	update(t, s, c, func(sess *bot.Session) {
		*sess = Full()
		bot.TakeLease(sess, "replica-a/1", now, time.Minute)
	})
	update(t, s, c, func(sess *bot.Session) { forgetInto(sess, "m-forget", now); sess.ForgetMark = 42 })
	update(t, s, c, func(sess *bot.Session) { bot.Delivered(sess, sess.OutSeq, "replica-a/1", now, time.Minute) })
	if got := Load(t, s, c); got.Version == 0 || !got.Forgotten || got.ForgetMark != 42 || len(got.Outbox) != 0 || len(got.Recent) != 0 {
		t.Errorf("emptied tombstone with a mark: version %d forgotten %v mark %d outbox %d recent %d; want it kept, empty, with its mark",
			got.Version, got.Forgotten, got.ForgetMark, len(got.Outbox), len(got.Recent))
	}
	if due(t, s, now.Add(time.Hour))[c] {
		t.Errorf("emptied tombstone with a mark still in the outbox index")
	}
	// An ordinary session with an empty outbox is saved as ever.
	update(t, s, b, func(sess *bot.Session) { sess.Outbox = nil })
	if got := Load(t, s, b); got.Version != 2 || got.Step != "stays" {
		t.Errorf("ordinary session: version %d step %q, want 2 %q", got.Version, got.Step, "stays")
	}
}
