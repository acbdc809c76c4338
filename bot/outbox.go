package bot

import (
	"context"
	"slices"
	"time"
)

// Outbound is one reply in a conversation's outbox.
type Outbound struct {
	Seq     int64         `json:"n"` // 1, 2, 3… per conversation: the delivery order
	Text    string        `json:"t,omitempty"`
	Choices []Choice      `json:"c,omitempty"`
	Pause   time.Duration `json:"p,omitempty"`
	At      time.Time     `json:"at"` // when it was queued, for delivery latency
	// To says where it goes: to the person (ToPerson) or, for what the
	// person wrote while a hand-off is open, to their ticket's thread on
	// the desk (ToDesk).
	To Dest `json:"to,omitempty"`
	// Handoff is the hand-off of the reply that opened one (Reply.Handoff:
	// a channel may act on it when it is delivered, as Slack opens a peer
	// request), or the hand-off a desk relay belongs to. Only what
	// delivery needs is kept (see outboxHandoff).
	Handoff *Handoff `json:"h,omitempty"`
}

// Dest is where an Outbound goes.
type Dest string

// Destinations of an Outbound.
const (
	ToPerson Dest = ""     // the person, through their channel's Outlet
	ToDesk   Dest = "desk" // the person's ticket thread, through Desk.Relayed
	// ToDeskOpen opens the ticket of the hand-off a turn started
	// (DeskOpener.EnsureOpened), queued with the turn ahead of the reply
	// that promises a person: whichever replica delivers opens it, so a
	// replica dying between the turn and its own Desk.Opened leaves no
	// promise without a ticket.
	ToDeskOpen Dest = "desk-open"
)

// toDesk reports an entry for the desk, not the person.
func (o Outbound) toDesk() bool { return o.To == ToDesk || o.To == ToDeskOpen }

// DeskOpener is implemented by desks that can open a hand-off's ticket
// from the outbox (see ToDeskOpen). EnsureOpened opens h's ticket unless it
// exists already (the turn's own Desk.Opened ran) or a later hand-off of
// the conversation superseded it; it is safe to call more than once.
type DeskOpener interface {
	EnsureOpened(ctx context.Context, a Address, h Handoff) error
}

// Reply returns o as a Reply to send.
func (o Outbound) Reply() Reply {
	return Reply{Text: o.Text, Choices: o.Choices, Pause: o.Pause, Handoff: o.Handoff}
}

// outboxHandoff is what an outbox keeps of a hand-off: who it is and
// where it goes, not what the bot learnt (the desk has that already).
func outboxHandoff(h *Handoff) *Handoff {
	if h == nil {
		return nil
	}
	return &Handoff{ID: h.ID, Queue: h.Queue, Priority: h.Priority, Status: h.Status, Lang: h.Lang, Opened: h.Opened}
}

// Lease is a replica's right to deliver a conversation's outbox until Until.
// Another replica may take it over once it expired (its holder died).
type Lease struct {
	Owner string    `json:"o,omitempty"`
	Until time.Time `json:"u,omitzero"`
}

// Held reports whether someone holds the lease at now.
func (l Lease) Held(now time.Time) bool { return l.Owner != "" && now.Before(l.Until) }

// OutboxIndex is implemented by stores that keep an index of the
// conversations whose outbox is not empty, written with each session in the
// same atomic save: due at the session's Lease.Until (at once when no lease
// was taken). A sweeper asks it for outboxes whose delivery lease expired,
// with no scan of every conversation.
type OutboxIndex interface {
	// Due returns up to limit conversations with replies pending whose
	// lease ended at or before now. One call may read only part of the
	// index (a Redis Cluster's slots, round robin): each such conversation
	// is in the answer of one of DueCalls consecutive calls.
	Due(ctx context.Context, now time.Time, limit int) ([]Address, error)
}

// A SweepJoiner is an OutboxIndex whose sweepers say they are alive, so
// that a sweeper that dies is noticed and what it saved is found (a Redis
// Cluster's, see redisstore). JoinSweep says so before the first sweep.
type SweepJoiner interface {
	JoinSweep(ctx context.Context) error
}

// DueCalls is how many consecutive OutboxIndex.Due calls cover the whole
// index.
const DueCalls = 4

// Queue appends replies to s's outbox with the next sequence numbers.
func Queue(s *Session, replies []Reply, now time.Time) {
	s.Outbox = slices.Grow(s.Outbox, len(replies)) // one allocation, not one per doubling
	for _, r := range replies {
		s.OutSeq++
		s.Outbox = append(s.Outbox, Outbound{Seq: s.OutSeq, Text: r.Text, Choices: r.Choices, Pause: r.Pause, At: now, Handoff: outboxHandoff(r.Handoff)})
	}
}

// QueueRelay appends what the person wrote during hand-off h to s's
// outbox, for their ticket's thread: relayed in order with everything else
// the conversation sends, by whichever replica delivers.
func QueueRelay(s *Session, h Handoff, text string, now time.Time) {
	s.OutSeq++
	s.Outbox = append(s.Outbox, Outbound{Seq: s.OutSeq, Text: text, At: now, To: ToDesk, Handoff: outboxHandoff(&h)})
}

// QueueOpen appends the opening of hand-off h's ticket to s's outbox
// (ToDeskOpen). The whole hand-off is kept: the ticket is made from it.
func QueueOpen(s *Session, h Handoff, now time.Time) {
	s.OutSeq++
	s.Outbox = append(s.Outbox, Outbound{Seq: s.OutSeq, At: now, To: ToDeskOpen, Handoff: &h})
}

// TakeLease gives owner the delivery lease of s until now+ttl if nobody
// holds it, and reports whether it did. A lease owner already holds is not
// taken again: a delivery of its own is under way and finds what was queued
// since when it marks its batch (see Delivered), so taking it twice would
// send twice.
func TakeLease(s *Session, owner string, now time.Time, ttl time.Duration) bool {
	if s.Lease.Held(now) {
		return false
	}
	s.Lease = Lease{Owner: owner, Until: now.Add(ttl)}
	return true
}

// Delivered drops the replies up to seq from s's outbox. When none is left
// the lease is given up; otherwise owner's is renewed until now+ttl.
func Delivered(s *Session, seq int64, owner string, now time.Time, ttl time.Duration) {
	deliveredHolding(s, seq, 0, owner, now, ttl)
}

// deliveredHolding is Delivered keeping the desk relays from held on
// (held > 0): they wait for another try (see Deliverer.Deliver).
func deliveredHolding(s *Session, seq, held int64, owner string, now time.Time, ttl time.Duration) {
	s.Outbox = slices.DeleteFunc(s.Outbox, func(o Outbound) bool {
		return o.Seq <= seq && !isHeld(o, held)
	})
	if len(s.Outbox) == 0 {
		s.Outbox = nil
		if s.Lease.Owner == owner {
			s.Lease = Lease{}
		}
		return
	}
	if s.Lease.Owner == owner {
		s.Lease.Until = now.Add(ttl)
	}
}

// isHeld reports whether o is a desk relay held back for another try: from
// held, the first desk entry (relay or ticket opening) that failed in this
// delivery run, on (0: none). Desk entries keep their order among
// themselves, so the ones after it wait too.
func isHeld(o Outbound, held int64) bool {
	return held > 0 && o.toDesk() && o.Seq >= held
}
