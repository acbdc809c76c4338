package desk

import (
	"context"
	"errors"
	"time"

	"github.com/carebot/carebot/bot"
)

// ErrNotFound: no ticket has that ID, thread or conversation.
var ErrNotFound = errors.New("ticket not found")

// Outcomes of a closed ticket.
const (
	OutcomeResolved   = "resolved"   // its holder (or a lead) pressed Resolve or typed /resolve
	OutcomeBot        = "bot"        // its holder (or a lead) gave the conversation back to the bot
	OutcomeLeft       = "left"       // its holder left the desk without ending it: back to the bot
	OutcomeCancelled  = "cancelled"  // the person withdrew the request
	OutcomeSuperseded = "superseded" // a new hand-off (a crisis) replaced it
	OutcomeForgotten  = "forgotten"  // the person asked carebot to forget them (/forget)
	// OutcomeSilent: its holder did not answer the person, even after a
	// reminder, and nobody else could come: back to the bot.
	OutcomeSilent = "silent"
	// OutcomeCancelledByTeam: a desk lead cancelled a ticket nobody took.
	OutcomeCancelledByTeam = "cancelled_by_team"
)

// Ticket is one hand-off as the desk tracks it. Its ID is the ID of the
// hand-off that opened it; a later hand-off of the same conversation ("left
// a message" after nobody came) is attached to it (Handoff).
type Ticket struct {
	Ver      int64             `json:"ver"` // the store's optimistic-concurrency counter
	ID       string            `json:"id"`
	Handoff  string            `json:"ho"` // the engine's current hand-off ID for this ticket
	Address  bot.Address       `json:"addr"`
	Queue    string            `json:"q"`
	Channel  string            `json:"ch"` // the board channel of the queue
	Priority bot.Priority      `json:"p"`
	Reason   string            `json:"r,omitempty"`
	Lang     string            `json:"l,omitempty"`
	Summary  Summary           `json:"sum"`
	Status   bot.HandoffStatus `json:"st"`
	Outcome  string            `json:"out,omitempty"`
	// TimedOut is set once nobody took the ticket within the wait and the
	// person was told; the ticket stays open for agents.
	TimedOut bool   `json:"to,omitempty"`
	Message  string `json:"msg,omitempty"` // the message left for the team, if any

	Opened     time.Time `json:"o"`
	Taken      time.Time `json:"tk,omitzero"`
	FirstReply time.Time `json:"fr,omitzero"`
	Closed     time.Time `json:"cl,omitzero"`

	AgentID   string `json:"agid,omitempty"` // the platform ID of the agent who took it
	AgentName string `json:"agn,omitempty"`  // the first name the person sees
	ClosedBy  string `json:"cby,omitempty"`  // the agent who closed it ("" for the person)

	Thread string `json:"th,omitempty"` // the board's reference of the desk message

	// The holder's silence (see silence.go): when they last wrote to the
	// person, when the person first wrote since without an answer (zero:
	// nothing unanswered), and when the person was told the holder is
	// silent and the holder reminded (zero: not yet).
	LastAgent  time.Time `json:"la,omitzero"`
	Unanswered time.Time `json:"ua,omitzero"`
	Reminded   time.Time `json:"rm,omitzero"`
	// Requeued counts the times a silent holder's ticket went back to the
	// queue: each opens a new take (see takeKey).
	Requeued int `json:"rq,omitempty"`
	// RequeueTold is the last of those the person was told of, and
	// SilentAgent the name of the holder who stayed silent then: a replica
	// that dies between giving the ticket back and telling the person
	// leaves the telling to the next (see silence.go).
	RequeueTold int    `json:"rqt,omitempty"`
	SilentAgent string `json:"sa,omitempty"`
}

// Open reports whether the ticket still waits for or is held by an agent.
func (t Ticket) Open() bool { return t.Status == bot.HandoffWaiting || t.Status == bot.HandoffTaken }

// Store keeps tickets where every carebot process sees them (Redis in
// production, memstore in tests and single-process runs).
//
// Claims (bot.Claimer) decide races: the first agent to take a ticket, the
// one process that relays an agent's message, the one that fires a timeout.
type Store interface {
	bot.Claimer
	// UpdateTicket loads the ticket (the zero Ticket if there is none), calls
	// fn and saves the result atomically with respect to other updates of
	// the same ticket; fn may run more than once. If fn fails nothing is
	// saved and its error is returned. After saving, the store keeps its
	// indexes (thread, conversation, open queue) in line with the ticket.
	UpdateTicket(ctx context.Context, id string, fn func(*Ticket) error) (Ticket, error)
	// Ticket returns the ticket with that ID or ErrNotFound.
	Ticket(ctx context.Context, id string) (Ticket, error)
	// TicketByThread returns the ticket whose desk message is ref, or ErrNotFound.
	TicketByThread(ctx context.Context, ref string) (Ticket, error)
	// OpenTicket returns the conversation's open ticket, or ErrNotFound.
	OpenTicket(ctx context.Context, a bot.Address) (Ticket, error)
	// OpenTickets returns a queue's open tickets, most urgent first, then oldest first.
	OpenTickets(ctx context.Context, queue string) ([]Ticket, error)
	// HeldTickets returns the tickets agent holds (taken, not closed) whose
	// desk message is in channel, oldest first: what a /resolve typed in
	// that channel, which carries no thread, may mean.
	HeldTickets(ctx context.Context, channel, agent string) ([]Ticket, error)
	// AddDue schedules the ticket's wait to end at at.
	AddDue(ctx context.Context, id string, at time.Time) error
	// PopDue removes and returns up to max tickets whose wait ended by now;
	// each ID is returned to exactly one caller, across processes.
	PopDue(ctx context.Context, now time.Time, max int) ([]string, error)
	// AddSilence schedules the check of a taken ticket's holder's
	// silence at at, replacing the ticket's earlier one.
	AddSilence(ctx context.Context, id string, at time.Time) error
	// LeaseSilences returns up to max tickets whose silence check is due
	// by now, earliest first, and leases each to the caller until now +
	// lease: each ID is returned to exactly one caller, across processes,
	// until the lease ends (a caller that dies meanwhile leaves it to
	// another). The caller ends the lease with AddSilence or DropSilence.
	LeaseSilences(ctx context.Context, now time.Time, lease time.Duration, max int) ([]string, error)
	// DropSilence removes the ticket's silence check, if any (the holder
	// answered, the ticket ended).
	DropSilence(ctx context.Context, id string) error
	// AddWait records how long a queue's ticket waited to be taken.
	AddWait(ctx context.Context, queue string, d time.Duration) error
	// Waits returns the queue's most recent waits (at most MaxWaits), newest first.
	Waits(ctx context.Context, queue string) ([]time.Duration, error)
}

// MaxWaits is how many recent waits a store keeps per queue for the estimate.
const MaxWaits = 20

// QueueScore orders open tickets: most urgent first, then oldest. Stores
// that sort by a number use it (ascending).
func QueueScore(t Ticket) float64 {
	// Milliseconds since 2020 fit in 41 bits; priorities step by 2^42, well
	// inside a float64's exact integers.
	ms := t.Opened.UnixMilli() - 1577836800000
	return float64(int64(bot.PriorityUrgent-t.Priority)<<42 + ms)
}
