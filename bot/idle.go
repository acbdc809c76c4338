package bot

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Abandonment is counted without waiting for a later message: a turn that
// leaves a conversation waiting for the person in the middle of a flow, or
// waiting for a person to come (a hand-off), enters it once in an
// IdleIndex, due when the silence would count; the Scheduler's loop claims
// the due ones, a bounded batch at a time, and Engine.Idle decides on the
// session itself, in the store's compare-and-set: still waiting and silent
// for long enough, it is counted and marked so (Watch.Counted), exactly
// once whatever the replicas; the person wrote since, it is due again
// later; it waits no more, it leaves the index. A turn writes the index
// only when the conversation starts waiting (not on every message), so
// the cost is one command per flow or hand-off, not per turn.

// Watch kinds: what a conversation is waiting for.
const (
	WatchFlow    = "flow"    // the person's answer, in the middle of a flow
	WatchHandoff = "handoff" // a person to take the hand-off
)

// Watch is a conversation's abandonment watch (Session.Watch).
type Watch struct {
	Kind string `json:"k,omitempty"` // WatchFlow, WatchHandoff, or "" when not waiting
	Flow string `json:"f,omitempty"` // the flow waiting (of the hand-off, for WatchHandoff)
	// Since is when the conversation started waiting (and entered the index).
	Since time.Time `json:"s,omitzero"`
	// Counted: this wait was counted abandoned; it is not counted again,
	// even if the person comes back and leaves again, until it waits for
	// something else (another kind, or another flow).
	Counted bool `json:"c,omitempty"`
}

// IdleIndex keeps the conversations to look at for abandonment, by the
// time they are due, sharded so that no look scans every key. Claims are
// leases: a conversation is handed to one looker at a time, and given to
// another once the lease ran out (its looker died).
type IdleIndex interface {
	// Watch enters a, due at at (replacing an earlier entry). mark is the
	// ForgetMark of the session whose turn started the wait: an index
	// that knows a was forgotten at a later mark (a /forget saved after
	// that turn, before this call) leaves a out, since nothing of the
	// forgotten conversation may come back after /forget.
	Watch(ctx context.Context, a Address, at time.Time, mark int64) error
	// ClaimIdle leases up to max conversations due at now, for lease.
	ClaimIdle(ctx context.Context, now time.Time, lease time.Duration, max int) ([]IdleClaim, error)
	// ReleaseIdle ends a claim: a zero at removes the conversation, any
	// other time makes it due again then. A claim whose lease ran out and
	// that another looker took changes nothing.
	ReleaseIdle(ctx context.Context, c IdleClaim, at time.Time) error
}

// IdleClaim is a conversation an IdleIndex leased to one looker.
type IdleClaim struct {
	To    Address
	Token string // proves the lease
}

// Default silences before a conversation counts as abandoned.
const (
	DefaultAbandonAfter        = 30 * time.Minute
	DefaultWaitingAbandonAfter = time.Hour
)

// watchKind says what the conversation waits for now, "" if nothing. The
// start flow's menu is no business left half-way: leaving it is not
// abandoning anything.
func (t *turn) watchKind() string {
	s := t.s
	switch {
	case s.Handoff != nil && s.Handoff.Status == HandoffWaiting:
		return WatchHandoff
	case s.Handoff == nil && s.Flow != "" && s.Flow != t.e.flows.Common.StartFlow && t.waitingStep() != nil:
		return WatchFlow
	}
	return ""
}

// watchFlow is the flow a wait is about, for the metric's label.
func (t *turn) watchFlow(kind string) string {
	if kind == WatchHandoff && t.s.Handoff != nil {
		return t.s.Handoff.Flow
	}
	return t.s.Flow
}

// abandonAfter is how long a silence counts as abandoning a wait of kind.
func (c followUpCore) after(kind string) time.Duration {
	if kind == WatchHandoff {
		return c.waitingAfter
	}
	return c.abandonAfter
}

// heard notes, before the turn runs, a person coming back after a silence
// that counts: the abandonment is counted now if the index's loop has
// not counted it yet (it may not run, as in a conversation test).
func (t *turn) heard(since time.Duration) {
	w := &t.s.Watch
	if t.m.Event != "" || w.Kind != WatchFlow || w.Counted || since <= t.e.fu.after(w.Kind) || t.watchKind() != WatchFlow {
		return
	}
	w.Counted = true
	t.care(CareAbandoned, t.s.Flow, "")
}

// watch brings the session's watch up to date after the turn: a new wait
// enters the index (see result.watch), the end of one clears it. A person
// who withdrew while waiting for a person abandoned that wait, unless the
// loop counted it already.
func (t *turn) watch() {
	s := t.s
	if h := t.res.withdrawn; h != nil && !(s.Watch.Kind == WatchHandoff && s.Watch.Counted) {
		t.care(CareWaitingAbandoned, h.Flow, "")
	}
	kind := t.watchKind()
	switch {
	case kind == "":
		s.Watch = Watch{}
	case kind != s.Watch.Kind || t.watchFlow(kind) != s.Watch.Flow:
		s.Watch = Watch{Kind: kind, Flow: t.watchFlow(kind), Since: t.now}
		t.res.watch, t.res.watchMark = t.now.Add(t.e.fu.after(kind)), s.ForgetMark
	}
}

// Idle looks at a conversation the IdleIndex found due, at the engine's
// now: it counts an abandoned wait once, and returns when to look again
// (zero: never, it waits no more or was counted).
func (e *Engine) Idle(ctx context.Context, a Address) (time.Time, error) {
	e = e.current()
	var (
		next time.Time
		ev   *CareEvent
	)
	err := e.store.Update(ctx, a, func(s *Session) error {
		next, ev = time.Time{}, nil
		w := s.Watch
		if w.Kind == "" || w.Counted {
			return errNoSave
		}
		now := e.now()
		// The conversation's own version of the flows, when still known:
		// its step may be gone from a newer one.
		fe := e
		if v, _, _ := e.versionFor(s, false); v != nil {
			fe = v
		}
		t := &turn{e: fe, s: s, m: &Message{From: a}, now: now, lang: s.Lang}
		if k := t.watchKind(); k != w.Kind || t.watchFlow(k) != w.Flow {
			// It changed without a turn (a check-in was sent): the next
			// turn enters whatever it waits for now.
			s.Watch = Watch{}
			return nil
		}
		last := s.Updated
		if w.Since.After(last) {
			last = w.Since
		}
		if due := last.Add(e.fu.after(w.Kind)); now.Before(due) {
			next = due // the person wrote since: look again then
			return errNoSave
		}
		s.Watch.Counted = true
		kind := CareAbandoned
		if w.Kind == WatchHandoff {
			kind = CareWaitingAbandoned
		}
		t.care(kind, w.Flow, "")
		ev = &t.res.care[0]
		return nil
	})
	if errors.Is(err, errNoSave) {
		err = nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("look at idle conversation: %w", err)
	}
	if ev != nil {
		e.fu.care.Care(*ev)
	}
	return next, nil
}
