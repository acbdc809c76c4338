// Package desk is carebot's human hand-off desk, independent of any chat
// platform. When the engine opens a hand-off, the desk records a ticket in
// the shared Store, posts it on a Board (the Slack adapter) in its queue's
// channel, tells the person honestly how long it may take, and relays both
// ways once an agent takes it; it turns agents' actions (take, resolve,
// give back) and the end of a wait into engine events, whose replies it
// delivers through the person's channel (bot.Sender).
//
// The desk is built before the engine, which it serves (bot.Desk,
// bot.Staffer); it tells the engine about agents' actions and waits that
// end through the handler it is given when it runs (Run, and each agent
// action), so neither holds a pointer set after it was built.
//
// Everything that must survive a restart or be shared between carebot
// processes lives in the Store: tickets, the thread-to-conversation map,
// the open queues, the deadlines of waits, and claims that make each take,
// relayed message and timeout happen exactly once.
package desk

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/carebot/carebot/bot"
)

var (
	_ bot.Desk    = (*Desk)(nil)
	_ bot.Staffer = (*Desk)(nil)
	_ bot.Alerter = (*Desk)(nil)
	_ bot.Adapter = (*Desk)(nil)
)

// Defaults.
const (
	DefaultWait = 5 * time.Minute
	DefaultPoll = time.Second
	// NotePrefix marks an agent's thread message as internal: it stays on
	// the board and never reaches the person.
	NotePrefix = "note:"
	// ResolveCommand typed alone in a ticket's thread resolves it.
	ResolveCommand = "/resolve"

	claimTTL = 7 * 24 * time.Hour
)

// Notice is what an agent action can get back instead of succeeding (the
// board shows it to that agent only).
type Notice string

// Notices of the desk.
const (
	NoticeNone      Notice = ""
	NoticeTaken     Notice = "taken"      // someone else holds the ticket
	NoticeClosed    Notice = "closed"     // the ticket is closed
	NoticeNotTaken  Notice = "not_taken"  // take the ticket before writing: the person would not see it
	NoticeNotHolder Notice = "not_holder" // another agent holds it: the message stays internal
	// NoticeNoneHeld: /resolve typed where the agent holds no open ticket.
	NoticeNoneHeld Notice = "none_held"
	// NoticeSeveralHeld: /resolve typed where the agent holds several
	// tickets; none was resolved (the Resolve button says which).
	NoticeSeveralHeld Notice = "several_held"
)

// Card is what the board shows for a ticket: one message, updated in place.
type Card struct {
	Ticket  string            // the ticket ID: the buttons' value
	Channel string            // where to post it
	Urgent  bool              // notify the channel
	Title   string            // the first line
	Lines   []string          // the summary, one line each
	Status  string            // who holds it, or how it ended
	State   bot.HandoffStatus // bot.HandoffWaiting (Take it), bot.HandoffTaken (Resolve, Back to the bot), bot.HandoffClosed (no buttons)
	// LeadCancel adds "Cancel request" to a waiting ticket: the desk has
	// leads, and only they may use it.
	LeadCancel bool
}

// Board is where agents see tickets (implemented by the Slack adapter).
// References are opaque to the desk.
type Board interface {
	// Post shows a new ticket and returns its reference (its thread).
	Post(ctx context.Context, c Card) (ref string, err error)
	// Update rewrites a ticket's message.
	Update(ctx context.Context, ref string, c Card) error
	// Reply adds a line to the ticket's thread (the person's words, events).
	Reply(ctx context.Context, ref, text string) error
}

// Config configures a Desk. Store, Board and Texts are required.
type Config struct {
	Store Store
	Board Board
	// Texts are the desk's words to people and on the board (the flows'
	// texts.yaml in use).
	Texts bot.Texts
	// Lang is the board's language, for agents ("" is the flows' first).
	Lang string
	// Senders write to people, by Address.Platform.
	Senders map[string]bot.Sender
	// Channels maps a queue to its board channel; DefaultChannel takes the rest.
	Channels       map[string]string
	DefaultChannel string
	// Wait is how long a ticket waits before the person is told nobody came (DefaultWait).
	Wait time.Duration
	// Hours are business hours; outside them nobody can come (Staffed).
	Hours Hours
	// Present, when set, says whether an agent is there now (the terminal
	// desk); nil: the board's channel is watched in business hours.
	Present func(context.Context) (bool, error)
	// Poll is how often Run checks for waits that ended (DefaultPoll).
	Poll time.Duration
	// AgentSilence is how long the agent holding a ticket may leave what
	// the person wrote unanswered before the person is told and the agent
	// reminded, and then again before the ticket goes back to the queue
	// (DefaultAgentSilence; a quarter of it for an urgent ticket). See
	// silence.go.
	AgentSilence time.Duration
	// Leads are the board's user IDs of the desk leads: besides the agent
	// holding a ticket, only they may resolve it or give it back, and only
	// they may cancel a ticket nobody took.
	Leads    []string
	Recorder Recorder         // nil records nothing
	Logger   *slog.Logger     // nil discards
	Now      func() time.Time // nil: time.Now
}

// Recorder is told what happens to tickets, for metrics (package metrics
// implements it on Prometheus).
type Recorder interface {
	Opened(t Ticket)
	Taken(t Ticket, waited time.Duration)
	FirstReply(t Ticket, after time.Duration)
	Closed(t Ticket) // t.Outcome says how
	TimedOut(t Ticket)
}

type nopRecorder struct{}

func (nopRecorder) Opened(Ticket)                    {}
func (nopRecorder) Taken(Ticket, time.Duration)      {}
func (nopRecorder) FirstReply(Ticket, time.Duration) {}
func (nopRecorder) Closed(Ticket)                    {}
func (nopRecorder) TimedOut(Ticket)                  {}

// Desk implements bot.Desk. Build it with New; it is safe for concurrent use.
type Desk struct {
	cfg Config
	log *slog.Logger
	now func() time.Time
	m   Recorder
	id  string // this process, as a claim owner
}

// New checks cfg and returns a Desk. It does no I/O.
func New(cfg Config) (*Desk, error) {
	if cfg.Store == nil || cfg.Board == nil || cfg.Texts == nil {
		return nil, errors.New("new desk: store, board and texts are required")
	}
	if cfg.DefaultChannel == "" && len(cfg.Channels) == 0 {
		return nil, errors.New("new desk: no channel for hand-offs")
	}
	if cfg.Wait <= 0 {
		cfg.Wait = DefaultWait
	}
	if cfg.Poll <= 0 {
		cfg.Poll = DefaultPoll
	}
	if cfg.AgentSilence <= 0 {
		cfg.AgentSilence = DefaultAgentSilence
	}
	d := &Desk{cfg: cfg, log: cfg.Logger, now: cfg.Now, m: cfg.Recorder, id: randomID()}
	if d.log == nil {
		d.log = slog.New(slog.DiscardHandler)
	}
	if d.m == nil {
		d.m = nopRecorder{}
	}
	if d.now == nil {
		d.now = time.Now
	}
	return d, nil
}

// channel returns the board channel of a queue.
func (d *Desk) channel(queue string) string {
	if c := d.cfg.Channels[queue]; c != "" {
		return c
	}
	return d.cfg.DefaultChannel
}

// ---- the engine's side (bot.Desk) ----

// Staffed reports whether a person can come for a hand-off to queue now
// (bot.Staffer): the queue has a channel on the board, it is business
// hours, and an agent is there when the desk can tell (Config.Present).
// Otherwise the engine tells the person honestly and gives the contacts.
func (d *Desk) Staffed(ctx context.Context, queue string) (bool, error) {
	if d.channel(queue) == "" || !d.cfg.Hours.Open(d.now()) {
		return false, nil
	}
	if d.cfg.Present != nil {
		return d.cfg.Present(ctx)
	}
	return true, nil
}

// Alertable reports whether the team of queue can be alerted although
// nobody can come now (bot.Alerter): the queue has a channel on the board
// and, when the desk can tell, an agent is there to see it. A crisis then
// still posts its urgent card, whatever the hours.
func (d *Desk) Alertable(ctx context.Context, queue string) (bool, error) {
	if d.channel(queue) == "" {
		return false, nil
	}
	if d.cfg.Present != nil {
		return d.cfg.Present(ctx)
	}
	return true, nil
}

// Opened records a new hand-off, posts it on the board and starts its wait.
// A "left a message" hand-off of a conversation whose ticket timed out is
// attached to that ticket instead; any other open ticket of the
// conversation is superseded (a crisis while waiting in a normal queue).
// It returns the estimate the person is told (how long it may take, or
// that the team is away); nothing for a hand-off attached to an old ticket.
func (d *Desk) Opened(ctx context.Context, a bot.Address, h bot.Handoff, recent []bot.Turn) ([]bot.Reply, error) {
	now := d.now()
	log := d.log.With("chat", a.Hash(), "handoff", h.ID)
	if old, err := d.cfg.Store.OpenTicket(ctx, a); err == nil && old.ID != h.ID {
		if old.TimedOut && old.Queue == h.Queue && h.Priority <= old.Priority {
			return nil, d.attach(ctx, old, h)
		}
		d.close(ctx, old.ID, OutcomeSuperseded)
	} else if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("desk open %s: %w", h.ID, err)
	}
	t := Ticket{
		ID: h.ID, Handoff: h.ID, Address: a, Queue: h.Queue, Channel: d.channel(h.Queue),
		Priority: h.Priority, Reason: h.Reason, Lang: h.Lang, Summary: summarize(h, recent),
		Status: bot.HandoffWaiting, Opened: now,
	}
	created := false
	t, err := d.cfg.Store.UpdateTicket(ctx, h.ID, func(cur *Ticket) error {
		if cur.ID != "" {
			created = false
			return nil // told twice: keep what is there
		}
		created = true
		*cur = t
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("desk open %s: %w", h.ID, err)
	}
	told := []bot.Reply{{Text: d.Estimate(ctx, t), Verbatim: true}}
	if !created {
		return told, nil
	}
	d.m.Opened(t)
	if err := d.cfg.Store.AddDue(ctx, t.ID, now.Add(d.cfg.Wait)); err != nil {
		log.Error("ticket wait not scheduled", "err", err)
	}
	ref, err := d.cfg.Board.Post(ctx, d.card(t))
	if err != nil {
		// The ticket is stored and its wait runs: the person is still told
		// honestly when nobody comes.
		return told, fmt.Errorf("desk post %s: %w", h.ID, err)
	}
	saved, err := d.cfg.Store.UpdateTicket(ctx, t.ID, func(cur *Ticket) error {
		cur.Thread = ref
		return nil
	})
	if err != nil {
		return told, fmt.Errorf("desk thread %s: %w", h.ID, err)
	}
	if saved.Status != t.Status {
		// An agent pressed (Take it, Cancel request) between the post and
		// the thread being saved: their action could not update the card,
		// so it is brought up to date here.
		if err := d.updateCard(ctx, saved); err != nil {
			log.Warn("desk message not updated", "err", err)
		}
	}
	log.Info("ticket posted", "queue", t.Queue, "priority", t.Priority.String())
	return told, nil
}

var (
	_ bot.DeskOpener       = (*Desk)(nil)
	_ bot.DeskRecentOpener = (*Desk)(nil)
	_ bot.DeskTeller       = (*Desk)(nil)
)

// EnsureOpened implements bot.DeskOpener: it is EnsureOpenedRecent without
// the conversation, whose ticket's summary has no turns.
func (d *Desk) EnsureOpened(ctx context.Context, a bot.Address, h bot.Handoff) error {
	return d.EnsureOpenedRecent(ctx, a, h, nil)
}

// EnsureOpenedRecent implements bot.DeskRecentOpener: it opens h's ticket
// (as Opened, with the turns recent returns for the summary, as the turn
// would have passed them) unless the turn's own Opened did, the hand-off
// was attached to an older ticket, or a later hand-off of the
// conversation has a ticket (h was superseded: reopening it would close
// the newer one). recent is called only to open it; nil: no turns.
func (d *Desk) EnsureOpenedRecent(ctx context.Context, a bot.Address, h bot.Handoff, recent func(context.Context) ([]bot.Turn, error)) error {
	if _, err := d.cfg.Store.Ticket(ctx, h.ID); err == nil {
		return nil
	} else if !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("desk ensure %s: %w", h.ID, err)
	}
	old, err := d.cfg.Store.OpenTicket(ctx, a)
	switch {
	case err == nil && (old.Handoff == h.ID || old.Opened.After(h.Opened)):
		return nil
	case err != nil && !errors.Is(err, ErrNotFound):
		return fmt.Errorf("desk ensure %s: %w", h.ID, err)
	}
	var turns []bot.Turn
	if recent != nil {
		if turns, err = recent(ctx); err != nil {
			return fmt.Errorf("desk ensure %s: %w", h.ID, err)
		}
	}
	d.log.Warn("hand-off had no ticket: opened from the outbox", "chat", a.Hash(), "handoff", h.ID, "turns", len(turns))
	_, err = d.Opened(ctx, a, h, turns)
	return err
}

// Tell implements bot.DeskTeller: what Opened told the person waiting for
// h (the estimate), for the replica that delivers a hand-off another
// replica's turn opened. Nothing when h has no ticket (attached to an
// older one, superseded, never opened) or its ticket waits for nobody any
// more (taken, closed, or its wait ended: the person was told then).
func (d *Desk) Tell(ctx context.Context, a bot.Address, h bot.Handoff) ([]bot.Reply, error) {
	t, err := d.cfg.Store.Ticket(ctx, h.ID)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("desk tell %s: %w", h.ID, err)
	}
	if t.Status != bot.HandoffWaiting || t.TimedOut || t.Handoff != h.ID {
		return nil, nil
	}
	return []bot.Reply{{Text: d.Estimate(ctx, t), Verbatim: true}}, nil
}

// attach links a "left a message" hand-off to the ticket that timed out:
// the message goes in the thread, and the ticket now answers for the new
// hand-off (an agent taking it reaches the person).
func (d *Desk) attach(ctx context.Context, old Ticket, h bot.Handoff) error {
	msg := ""
	for name, v := range h.Slots {
		if strings.Contains(name, "message") {
			msg = v
		}
	}
	t, err := d.cfg.Store.UpdateTicket(ctx, old.ID, func(cur *Ticket) error {
		cur.Handoff = h.ID
		cur.Message = Redact(msg)
		return nil
	})
	if err != nil {
		return fmt.Errorf("desk attach %s: %w", h.ID, err)
	}
	if t.Thread == "" {
		return nil
	}
	var errs []error
	if msg != "" {
		errs = append(errs, d.cfg.Board.Reply(ctx, t.Thread, d.board("desk.thread_message", "text", Redact(msg))))
	}
	errs = append(errs, d.updateCard(ctx, t))
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("desk attach %s: %w", h.ID, err)
	}
	return nil
}

// Relayed adds what the person wrote to their ticket's thread.
func (d *Desk) Relayed(ctx context.Context, a bot.Address, h bot.Handoff, text string) error {
	t, err := d.ticketFor(ctx, a, h)
	if errors.Is(err, ErrNotFound) {
		// bot.ErrNoTicket: no retry can help, the relay is given up.
		return fmt.Errorf("desk relay %s: %w (%w)", h.ID, err, bot.ErrNoTicket)
	}
	if err != nil {
		return fmt.Errorf("desk relay %s: %w", h.ID, err)
	}
	if t.Thread == "" {
		// Its card was never posted (Board.Post failed at Opened).
		return fmt.Errorf("desk relay %s: ticket has no thread: %w", h.ID, bot.ErrNoTicket)
	}
	// Before the line is posted: once agents can read it, its silence
	// check is scheduled (heard is idempotent when a failed post is
	// retried).
	d.heard(ctx, t.ID)
	if err := d.cfg.Board.Reply(ctx, t.Thread, d.board("desk.thread_person", "text", Redact(text))); err != nil {
		return fmt.Errorf("desk relay %s: %w", h.ID, err)
	}
	if h.Priority > t.Priority && t.Status == bot.HandoffWaiting {
		d.raise(ctx, t.ID, h)
	}
	return nil
}

// raise gives a waiting ticket the higher priority its hand-off was relayed
// at, and the care signals said since it opened: a person who said while
// waiting that they are 85, or in distress, comes before older normal
// tickets, and the card says so (play25). A failure is logged: the words
// were relayed, and the ticket stays as it was.
func (d *Desk) raise(ctx context.Context, id string, h bot.Handoff) {
	t, err := d.cfg.Store.UpdateTicket(ctx, id, func(cur *Ticket) error {
		if cur.ID == "" {
			return ErrNotFound // gone since: nothing to raise, nothing saved
		}
		if h.Priority > cur.Priority && cur.Status == bot.HandoffWaiting {
			cur.Priority = h.Priority
			cur.Summary.Signals = summarize(h, nil).Signals
		}
		return nil
	})
	if err == nil {
		err = d.updateCard(ctx, t)
	}
	if err != nil {
		d.log.Warn("ticket priority not raised", "ticket", id, "err", err)
	}
}

// Withdrawn closes the ticket the person cancelled and says so in the thread.
func (d *Desk) Withdrawn(ctx context.Context, a bot.Address, h bot.Handoff) error {
	t, err := d.ticketFor(ctx, a, h)
	if err != nil {
		return fmt.Errorf("desk withdraw %s: %w", h.ID, err)
	}
	d.close(ctx, t.ID, OutcomeCancelled)
	return nil
}

// ticketFor finds the ticket of a hand-off: by ID, or the conversation's
// open ticket (a hand-off attached to an older ticket).
func (d *Desk) ticketFor(ctx context.Context, a bot.Address, h bot.Handoff) (Ticket, error) {
	t, err := d.cfg.Store.Ticket(ctx, h.ID)
	if err == nil {
		return t, nil
	}
	if !errors.Is(err, ErrNotFound) {
		return Ticket{}, err
	}
	return d.cfg.Store.OpenTicket(ctx, a)
}

// ---- the agents' side (called by the board's adapter) ----
//
// An action that changes the conversation tells h, the engine, and sends
// its replies to the person.

// Take gives the ticket to the first agent who asks: exactly one wins,
// across processes. The winner's first name is what the person sees. For
// the others, won is false and holder names who has it (or notice says it
// is closed).
func (d *Desk) Take(ctx context.Context, h bot.Handler, ticketID, agentID, agentName string) (holder string, won bool, err error) {
	t, err := d.cfg.Store.Ticket(ctx, ticketID)
	if err != nil {
		return "", false, fmt.Errorf("desk take %s: %w", ticketID, err)
	}
	if t.Status == bot.HandoffClosed {
		return "", false, nil
	}
	who, err := d.cfg.Store.Claim(ctx, takeKey(t), agentID, claimTTL)
	if err != nil {
		return "", false, fmt.Errorf("desk take %s: %w", ticketID, err)
	}
	if who != agentID {
		t, err = d.cfg.Store.Ticket(ctx, ticketID)
		if err != nil {
			return "", false, fmt.Errorf("desk take %s: %w", ticketID, err)
		}
		if t.AgentName == "" {
			t.AgentName = d.board("desk.another_agent")
		}
		return t.AgentName, false, nil
	}
	now := d.now()
	first := false
	t, err = d.cfg.Store.UpdateTicket(ctx, ticketID, func(cur *Ticket) error {
		first = false
		if cur.Status != bot.HandoffWaiting {
			return nil // the same agent pressed twice, or it closed meanwhile
		}
		first = true
		cur.Status, cur.AgentID, cur.AgentName, cur.Taken = bot.HandoffTaken, agentID, agentName, now
		cur.Unanswered, cur.Reminded = time.Time{}, time.Time{}
		return nil
	})
	if err != nil {
		return "", false, fmt.Errorf("desk take %s: %w", ticketID, err)
	}
	if !first {
		return t.AgentName, t.Status == bot.HandoffTaken && t.AgentID == agentID, nil
	}
	waited := now.Sub(t.Opened)
	d.m.Taken(t, waited)
	if !t.TimedOut && t.Requeued == 0 {
		// A wait that timed out was recorded then (see timeout); one
		// given back by a silent holder is no time to take.
		d.addWait(ctx, t.Queue, waited)
	}
	d.event(ctx, h, t, bot.EventHandoffTaken, agentName)
	d.show(ctx, t, d.board("desk.thread_taken", "agent", agentName, "after", short(waited)))
	d.log.Info("ticket taken", "handoff", t.ID, "waited", waited)
	return agentName, true, nil
}

// AgentMessage relays an agent's thread message to the person. Messages
// starting with NotePrefix stay internal; ResolveCommand resolves the
// ticket. Only the holder's words are relayed, each exactly once even when
// the board delivers it twice or to two processes (msgID identifies it). A
// thread that is no ticket's is ignored.
func (d *Desk) AgentMessage(ctx context.Context, h bot.Handler, ref, msgID, agentID, text string) (notice Notice, err error) {
	t, err := d.cfg.Store.TicketByThread(ctx, ref)
	if errors.Is(err, ErrNotFound) {
		return NoticeNone, nil
	}
	if err != nil {
		return NoticeNone, fmt.Errorf("desk agent message: %w", err)
	}
	txt := strings.TrimSpace(text)
	if strings.HasPrefix(strings.ToLower(txt), NotePrefix) || txt == "" {
		return NoticeNone, nil
	}
	if strings.EqualFold(txt, ResolveCommand) {
		// As the Resolve button: only the holder or a lead.
		return d.Resolve(ctx, h, t.ID, agentID, OutcomeResolved)
	}
	switch {
	case t.Status == bot.HandoffClosed:
		return NoticeClosed, nil
	case t.Status == bot.HandoffWaiting:
		return NoticeNotTaken, nil
	case t.AgentID != agentID:
		return NoticeNotHolder, nil
	}
	who, err := d.cfg.Store.Claim(ctx, "desk:msg:"+ref+":"+msgID, d.id, claimTTL)
	if err != nil {
		return NoticeNone, fmt.Errorf("desk agent message %s: %w", t.ID, err)
	}
	if who != d.id {
		return NoticeNone, nil // relayed already, by us or another process
	}
	// The first reply is recorded before it is sent, so that a Resolve
	// pressed right after the person reads it shows it.
	now := d.now()
	first := false
	_, err = d.cfg.Store.UpdateTicket(ctx, t.ID, func(cur *Ticket) error {
		first = cur.FirstReply.IsZero()
		if first {
			cur.FirstReply = now
		}
		cur.answered(now)
		return nil
	})
	d.settleSilence(ctx, t.ID)
	if err != nil {
		d.log.Warn("first reply not recorded", "handoff", t.ID, "err", err)
	} else if first {
		d.m.FirstReply(t, now.Sub(t.Opened))
	}
	if err := d.send(ctx, t.Address, []bot.Reply{{Text: t.AgentName + ": " + txt, Verbatim: true}}); err != nil {
		return NoticeNone, fmt.Errorf("desk agent message %s: %w", t.ID, err)
	}
	return NoticeNone, nil
}

// Resolve ends a ticket (OutcomeResolved, or OutcomeBot to give the
// conversation back to the bot): the person gets the closing message and
// the satisfaction question, and the board shows the outcome. OutcomeLeft
// is for a holder who leaves the desk without ending it: the person is
// told that they had to leave, and asked for no score. Only the
// agent holding the ticket or a lead may (Ticket.End); anyone else gets
// NoticeNotYours, and a ticket nobody took NoticeUntaken.
func (d *Desk) Resolve(ctx context.Context, h bot.Handler, ticketID, agentID, outcome string) (notice Notice, err error) {
	if outcome != OutcomeBot && outcome != OutcomeLeft {
		outcome = OutcomeResolved
	}
	if _, err := d.cfg.Store.Ticket(ctx, ticketID); err != nil {
		return NoticeNone, fmt.Errorf("desk resolve %s: %w", ticketID, err)
	}
	notice, err = d.end(ctx, h, ticketID, agentID, outcome)
	if err != nil {
		return NoticeNone, fmt.Errorf("desk resolve %s: %w", ticketID, err)
	}
	if notice != NoticeNone {
		d.log.Info("ticket end refused", "handoff", ticketID, "outcome", outcome, "notice", notice)
	}
	return notice, nil
}

// Cancel closes a ticket nobody took, for a desk lead (a request nobody
// should answer: a duplicate, a test, spam). The person is told honestly
// that the team closed it without taking it, and is not asked how it went.
// Anyone else gets NoticeLeadsOnly; a ticket taken meanwhile
// NoticeTakenCancel (its holder or a lead resolves it).
func (d *Desk) Cancel(ctx context.Context, h bot.Handler, ticketID, agentID string) (notice Notice, err error) {
	if _, err := d.cfg.Store.Ticket(ctx, ticketID); err != nil {
		return NoticeNone, fmt.Errorf("desk cancel %s: %w", ticketID, err)
	}
	notice, err = d.end(ctx, h, ticketID, agentID, OutcomeCancelledByTeam)
	if err != nil {
		return NoticeNone, fmt.Errorf("desk cancel %s: %w", ticketID, err)
	}
	if notice != NoticeNone {
		d.log.Info("ticket cancel refused", "handoff", ticketID, "notice", notice)
	}
	return notice, nil
}

// lead reports whether agent leads the desk.
func (d *Desk) lead(agent string) bool {
	return agent != "" && slices.Contains(d.cfg.Leads, agent)
}

// ResolveHeld ends the hand-off agentID holds in channel, as Resolve
// does. It answers the /resolve slash command: Slack sends a command with
// the channel it was typed in but never its thread. held describes the
// open tickets the agent holds there, one line each (no words of the
// person). Exactly one is resolved. With none, notice is NoticeNoneHeld;
// with several, nothing is resolved and notice is NoticeSeveralHeld, so
// that a guess never closes the wrong person's conversation.
func (d *Desk) ResolveHeld(ctx context.Context, h bot.Handler, channel, agentID string) (held []string, notice Notice, err error) {
	list, err := d.cfg.Store.HeldTickets(ctx, channel, agentID)
	if err != nil {
		return nil, NoticeNone, fmt.Errorf("desk resolve held: %w", err)
	}
	for _, t := range list {
		held = append(held, d.heldLine(t))
	}
	switch len(list) {
	case 0:
		return nil, NoticeNoneHeld, nil
	case 1:
		notice, err = d.Resolve(ctx, h, list[0].ID, agentID, OutcomeResolved)
		return held, notice, err
	default:
		return held, NoticeSeveralHeld, nil
	}
}

// Forgotten closes the person's open ticket when they ask carebot to forget
// them (/forget): the thread says so, the desk message loses the summary
// and the ticket keeps none of their words, slots or IDs. Nothing is sent
// to the person (the engine confirms the forgetting itself). Agents'
// and the person's lines already in the thread stay in Slack.
func (d *Desk) Forgotten(ctx context.Context, a bot.Address) error {
	t, err := d.cfg.Store.OpenTicket(ctx, a)
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("desk forget: %w", err)
	}
	d.close(ctx, t.ID, OutcomeForgotten)
	// The indexes were brought in line by the close; now the ticket can
	// lose the address too (it keeps the platform, for the metrics' sake).
	if _, err := d.cfg.Store.UpdateTicket(ctx, t.ID, func(cur *Ticket) error {
		if cur.Outcome == OutcomeForgotten {
			cur.Address = bot.Address{Platform: cur.Address.Platform}
		}
		return nil
	}); err != nil {
		return fmt.Errorf("desk forget %s: %w", t.ID, err)
	}
	return nil
}

// close closes an open ticket for the person or the system (a
// withdrawal, a newer hand-off, /forget): once, and only while it is open.
func (d *Desk) close(ctx context.Context, id, outcome string) {
	if _, err := d.end(ctx, nil, id, "", outcome); err != nil {
		d.log.Error("ticket not closed", "handoff", id, "err", err)
	}
}

// end closes an open ticket once, when agentID may (Ticket.End, checked
// inside the store's compare-and-set), tells the engine h unless nil (the
// person or the engine closed it), and shows the outcome. Otherwise it
// returns the notice that says why not.
func (d *Desk) end(ctx context.Context, h bot.Handler, id, agentID, outcome string) (notice Notice, err error) {
	now := d.now()
	lead := d.lead(agentID)
	t, err := d.cfg.Store.UpdateTicket(ctx, id, func(cur *Ticket) error {
		notice = cur.End(agentID, lead, outcome, now)
		return nil
	})
	if err != nil {
		return NoticeNone, err
	}
	if notice != NoticeNone {
		return notice, nil
	}
	d.m.Closed(t)
	d.dropSilence(ctx, t.ID)
	if h != nil {
		event := bot.EventHandoffClosed
		switch outcome {
		case OutcomeCancelledByTeam:
			event = bot.EventHandoffTeamCancelled
		case OutcomeLeft:
			event = bot.EventHandoffAgentLeft
		case OutcomeSilent:
			event = bot.EventHandoffAgentSilentEnded
		}
		d.event(ctx, h, t, event, "")
	}
	d.show(ctx, t, d.outcomeLine(t))
	d.log.Info("ticket closed", "handoff", t.ID, "outcome", outcome)
	return NoticeNone, nil
}

// ---- waits ----

// Run ends the waits that are due, every Poll, and tells h, until ctx is
// done. Every carebot process runs it; each wait ends in exactly one of them.
func (d *Desk) Run(ctx context.Context, h bot.Handler) error {
	tick := time.NewTicker(d.cfg.Poll)
	defer tick.Stop()
	for {
		if err := d.Tick(ctx, h); err != nil && ctx.Err() == nil {
			d.log.Warn("desk waits not checked", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

// Tick ends the waits that are due now: a ticket nobody took is marked
// timed out (it stays open for agents), the engine continues the flow at
// the hand-off's on_timeout (the human flow offers to leave a message) and
// the person gets its replies.
func (d *Desk) Tick(ctx context.Context, h bot.Handler) error {
	ids, err := d.cfg.Store.PopDue(ctx, d.now(), 100)
	if err != nil {
		return fmt.Errorf("desk tick: %w", err)
	}
	for _, id := range ids {
		d.timeout(ctx, h, id)
	}
	if err := d.tickSilences(ctx, h); err != nil {
		return fmt.Errorf("desk tick: %w", err)
	}
	return nil
}

func (d *Desk) timeout(ctx context.Context, h bot.Handler, id string) {
	fire := false
	t, err := d.cfg.Store.UpdateTicket(ctx, id, func(cur *Ticket) error {
		fire = cur.Status == bot.HandoffWaiting && !cur.TimedOut
		if fire {
			cur.TimedOut = true
		}
		return nil
	})
	if err != nil {
		d.log.Error("wait not ended", "handoff", id, "err", err)
		return
	}
	if !fire {
		return
	}
	d.m.TimedOut(t)
	// Nobody came within the wait: that counts in the queue's recent
	// waits, whether or not someone takes it later. Before, only taken
	// tickets counted, and after two requests nobody took the next
	// person heard "someone has answered within a minute or two".
	d.addWait(ctx, t.Queue, d.cfg.Wait)
	d.event(ctx, h, t, bot.EventHandoffTimeout, "")
	d.show(ctx, t, d.board("desk.thread_timed_out", "wait", short(d.cfg.Wait)))
	d.log.Info("ticket wait ended", "handoff", t.ID)
}

// ---- the person's side ----

// Estimate is what the person is told about the wait, in lang: honest, from
// the queue and its recent waits (outside business hours nobody can come,
// and no ticket opens but a crisis's, whose estimate the engine does not
// say: see Staffed and Alertable).
func (d *Desk) Estimate(ctx context.Context, t Ticket) string {
	lang := t.Lang
	if t.Priority == bot.PriorityUrgent {
		return d.text(lang, txtUrgent, nil)
	}
	var parts []string
	waits, err := d.cfg.Store.Waits(ctx, t.Queue)
	if err != nil {
		d.log.Warn("recent waits unknown", "err", err)
	}
	switch {
	case len(waits) == 0 || d.oftenNobody(waits):
		parts = append(parts, d.text(lang, txtWaitUnknown, map[string]string{"wait": minutes(d.cfg.Wait)}))
	default:
		var sum time.Duration
		for _, w := range waits {
			sum += w
		}
		avg := sum / time.Duration(len(waits))
		if avg < 2*time.Minute {
			parts = append(parts, d.text(lang, txtWaitShort, nil))
		} else {
			parts = append(parts, d.text(lang, txtWaitAbout, map[string]string{"minutes": minutes(avg)}))
		}
	}
	open, err := d.cfg.Store.OpenTickets(ctx, t.Queue)
	if err == nil {
		ahead := 0
		for _, o := range open {
			if o.ID == t.ID {
				break
			}
			if o.Status == bot.HandoffWaiting {
				ahead++
			}
		}
		switch {
		case ahead == 1:
			parts = append(parts, d.text(lang, txtAheadOne, nil))
		case ahead > 1:
			parts = append(parts, d.text(lang, txtAhead, map[string]string{"ahead": fmt.Sprint(ahead)}))
		}
	}
	return strings.Join(parts, " ")
}

// addWait records a wait of queue, for Estimate.
func (d *Desk) addWait(ctx context.Context, queue string, w time.Duration) {
	if err := d.cfg.Store.AddWait(ctx, queue, w); err != nil {
		d.log.Warn("wait not recorded", "err", err)
	}
}

// oftenNobody reports whether at least a quarter of the recent waits
// ended with nobody within the desk's wait: no typical wait can be
// promised then, and the person hears that carebot cannot tell.
func (d *Desk) oftenNobody(waits []time.Duration) bool {
	n := 0
	for _, w := range waits {
		if w >= d.cfg.Wait {
			n++
		}
	}
	return n > 0 && 4*n >= len(waits)
}

// event tells the engine h about the ticket and delivers its replies.
func (d *Desk) event(ctx context.Context, h bot.Handler, t Ticket, event bot.Event, txt string) {
	d.tell(ctx, h, t, event, txt)
}

// tell is event, and reports whether the engine handled it.
func (d *Desk) tell(ctx context.Context, h bot.Handler, t Ticket, event bot.Event, txt string) bool {
	id := "desk:" + t.Handoff + ":" + string(event)
	if t.Requeued > 0 {
		// The ticket went back to the queue: its events happen again
		// (taken by another agent, a new wait), and the engine must not
		// take them for the earlier ones delivered twice.
		id += "#" + strconv.Itoa(t.Requeued)
	}
	if event == bot.EventHandoffAgentSilent {
		// Once per silence, not once per ticket: a holder who answered
		// and went silent again is another silence the person hears of.
		id += "@" + strconv.FormatInt(t.Unanswered.UnixMilli(), 10)
	}
	m := bot.Message{
		ID:    id,
		From:  t.Address,
		Event: event,
		Text:  txt,
		Lang:  t.Lang,
		At:    d.now(),
	}
	replies, err := h.HandleMessage(ctx, m)
	if err != nil {
		d.log.Error("desk event not handled", "handoff", t.ID, "event", event, "err", err)
	}
	if len(replies) == 0 {
		return err == nil
	}
	if err := d.send(ctx, t.Address, replies); err != nil {
		d.log.Error("desk event replies lost", "handoff", t.ID, "event", event, "err", err)
	}
	return err == nil
}

func (d *Desk) send(ctx context.Context, a bot.Address, replies []bot.Reply) error {
	s := d.cfg.Senders[a.Platform]
	if s == nil {
		return fmt.Errorf("no sender for %s", a.Platform)
	}
	return s.Send(ctx, a, replies)
}

// show updates the ticket's message and adds line to its thread.
func (d *Desk) show(ctx context.Context, t Ticket, line string) {
	if t.Thread == "" {
		return
	}
	if err := d.updateCard(ctx, t); err != nil {
		d.log.Warn("desk message not updated", "handoff", t.ID, "err", err)
	}
	if line == "" {
		return
	}
	if err := d.cfg.Board.Reply(ctx, t.Thread, line); err != nil {
		d.log.Warn("desk thread line not posted", "handoff", t.ID, "err", err)
	}
}

// cardRefreshes bounds how often updateCard shows a newer state.
const cardRefreshes = 4

// updateCard shows t on its card, then reads the ticket again and, while
// its card would read otherwise, shows that. Replicas update one card
// concurrently (an agent takes a ticket on one while the person's turn
// on another closes it): an update rendered from an older state can reach
// Slack last and leave the card saying "taken" for a closed ticket. Each
// updater looks again once its own update was applied, so the last look
// is of the latest state, and the card ends up showing it.
func (d *Desk) updateCard(ctx context.Context, t Ticket) error {
	shown := d.card(t)
	for range cardRefreshes {
		if err := d.cfg.Board.Update(ctx, t.Thread, shown); err != nil {
			return err
		}
		cur, err := d.cfg.Store.Ticket(ctx, t.ID)
		if err != nil {
			return fmt.Errorf("read ticket again: %w", err)
		}
		next := d.card(cur)
		if cur.Thread != t.Thread || reflect.DeepEqual(next, shown) {
			return nil
		}
		shown = next
	}
	return nil
}

func randomID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
