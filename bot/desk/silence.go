package desk

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/carebot/carebot/bot"
)

// An agent who takes a conversation and goes silent (went home, closed
// Slack, their terminal killed) left the person writing into a thread
// nobody read, for ever. The desk now watches the holder's silence:
//
//   - what the person writes while the ticket is taken is recorded
//     (Ticket.Unanswered, the first unanswered line since the holder last
//     wrote) and schedules a check in the store (AddSilence), shared by
//     every replica as the ticket's wait is: Tick takes the due checks, each
//     leased to one replica as the peer waits are (LeaseSilences: another
//     takes it if that one dies), with no goroutine per conversation and
//     no key scan;
//   - the holder writing to the person (AgentMessage) answers it: the
//     check is dropped; a person who writes nothing starts none (the agent
//     is not late when nobody asked anything);
//   - after AgentSilence with nothing answered, the person is told once
//     (bot.EventHandoffAgentSilent) and the holder reminded in the thread,
//     by a mention where the board has them (Reminder);
//   - after AgentSilence more, the ticket goes back to its queue (waiting,
//     Take it again, the desk's wait running again) and the person is told
//     so; when nobody can come now (Staffed: business hours, an agent
//     terminal there), the ticket closes as OutcomeSilent and the bot is
//     back with the person, unless it is urgent (a crisis: the channel is
//     alerted again and the ticket waits, as a crisis outside hours does);
//   - an urgent ticket (a crisis) is watched a quarter as long.
//
// Ending the ticket (resolved, given back, cancelled, forgotten) drops
// its check.

// DefaultAgentSilence is how long a holder may leave what the person wrote
// unanswered before the person is told and the holder reminded.
const DefaultAgentSilence = 10 * time.Minute

// Reminder is implemented by a Board that can notify one agent with a
// line in a ticket's thread (Slack: the line starts with a mention of
// them, which notifies them; none when agentID is ""), and the whole
// channel too when channel is true (an urgent ticket: @here, as its card
// was first posted); on another board the line is a Reply.
type Reminder interface {
	Remind(ctx context.Context, ref, agentID, line string, channel bool) error
}

// silenceStep is what a due silence check does.
type silenceStep int

const (
	silenceNone     silenceStep = iota // answered, ended, or nothing unanswered
	silenceLater                       // not due yet: check again at the time returned
	silenceRemind                      // tell the person, remind the holder
	silenceRequeue                     // still silent after the reminder: give the ticket back
	silenceRequeued                    // given back, the person not told yet: tell them
)

// silence decides what a check at now does for t, with period the
// holder's allowed silence, and when to check again (silenceLater).
func (t Ticket) silence(now time.Time, period time.Duration) (silenceStep, time.Time) {
	if t.Status == bot.HandoffWaiting && t.Requeued > t.RequeueTold {
		return silenceRequeued, time.Time{}
	}
	if t.Status != bot.HandoffTaken || t.Unanswered.IsZero() {
		return silenceNone, time.Time{}
	}
	from, step := t.Unanswered, silenceRemind
	if !t.Reminded.IsZero() {
		from, step = t.Reminded, silenceRequeue
	}
	if due := from.Add(period); now.Before(due) {
		return silenceLater, due
	}
	return step, time.Time{}
}

// silencePeriod is how long t's holder may stay silent: a quarter of it
// for an urgent ticket (a crisis), which cannot wait as long.
func (d *Desk) silencePeriod(t Ticket) time.Duration {
	if t.Priority == bot.PriorityUrgent {
		return d.cfg.AgentSilence / 4
	}
	return d.cfg.AgentSilence
}

// takeKey is the claim of the first agent to take t: a new one each time
// a silent holder's ticket went back to the queue, so that someone else
// can take it.
func takeKey(t Ticket) string {
	if t.Requeued == 0 {
		return "desk:take:" + t.ID
	}
	return "desk:take:" + t.ID + "#" + strconv.Itoa(t.Requeued)
}

// heard records that the person wrote to their held ticket: the first
// unanswered line starts the holder's silence.
func (d *Desk) heard(ctx context.Context, id string) {
	now := d.now()
	started := false
	t, err := d.cfg.Store.UpdateTicket(ctx, id, func(cur *Ticket) error {
		started = cur.Status == bot.HandoffTaken && cur.Unanswered.IsZero()
		if started {
			cur.Unanswered = now
		}
		return nil
	})
	if err != nil {
		d.log.Warn("person's line not recorded for the holder's silence", "handoff", id, "err", err)
		return
	}
	if !started {
		return
	}
	if err := d.cfg.Store.AddSilence(ctx, id, now.Add(d.silencePeriod(t))); err != nil {
		d.log.Error("holder's silence not watched, the next line starts it", "handoff", id, "err", err)
		d.unheard(ctx, id, now)
	}
}

// unheard takes back the unanswered line heard at now whose check could
// not be scheduled: left recorded, it would keep every later line from
// scheduling one, and the silence would be watched by nobody.
func (d *Desk) unheard(ctx context.Context, id string, now time.Time) {
	if _, err := d.cfg.Store.UpdateTicket(ctx, id, func(cur *Ticket) error {
		if cur.Unanswered.Equal(now) && cur.Reminded.IsZero() {
			cur.Unanswered = time.Time{}
		}
		return nil
	}); err != nil {
		d.log.Error("unwatched line not taken back", "handoff", id, "err", err)
	}
}

// answered records that the holder wrote to the person at now: nothing
// is unanswered any more.
func (t *Ticket) answered(now time.Time) {
	t.LastAgent, t.Unanswered, t.Reminded = now, time.Time{}, time.Time{}
}

// dropSilence forgets t's silence check.
func (d *Desk) dropSilence(ctx context.Context, id string) {
	if err := d.cfg.Store.DropSilence(ctx, id); err != nil {
		d.log.Warn("silence check not dropped, it will find nothing to do", "handoff", id, "err", err)
	}
}

// settleSilence drops id's silence check once nothing was unanswered,
// then reads the ticket again and schedules the check again if the person
// wrote meanwhile. The ticket and its check are two keys: the person's
// line (heard, on another replica) may have scheduled its check between
// our read and the drop, and the drop alone would take it with it, leaving
// that line watched by nobody. Read after the drop, the ticket shows every
// line whose check came before it; a later line schedules its own.
func (d *Desk) settleSilence(ctx context.Context, id string) {
	d.dropSilence(ctx, id)
	t, err := d.cfg.Store.Ticket(ctx, id)
	if err != nil {
		d.log.Warn("silence check not settled", "handoff", id, "err", err)
		return
	}
	now := d.now()
	step, at := t.silence(now, d.silencePeriod(t))
	switch step {
	case silenceNone:
		return
	case silenceRemind, silenceRequeue:
		at = now
	}
	if err := d.cfg.Store.AddSilence(ctx, id, at); err != nil {
		d.log.Error("holder's silence not watched", "handoff", id, "err", err)
	}
}

// silenceLease is how many polls a replica holds a due silence check it
// took: if it dies before it is done, another takes the check after that.
const silenceLease = 30

// tickSilences runs the silence checks due now.
func (d *Desk) tickSilences(ctx context.Context, h bot.Handler) error {
	ids, err := d.cfg.Store.LeaseSilences(ctx, d.now(), silenceLease*d.cfg.Poll, 100)
	if err != nil {
		return err
	}
	for _, id := range ids {
		d.silent(ctx, h, id)
	}
	return nil
}

// silent runs one due silence check of ticket id, which this replica
// leased: nothing is marked before it is done, so that a replica that dies
// midway leaves the whole check to the next lease.
func (d *Desk) silent(ctx context.Context, h bot.Handler, id string) {
	now := d.now()
	t, err := d.cfg.Store.Ticket(ctx, id)
	if errors.Is(err, ErrNotFound) {
		d.dropSilence(ctx, id) // expired: nobody to watch
		return
	}
	if err != nil {
		d.log.Error("holder's silence not checked", "handoff", id, "err", err)
		return
	}
	step, again := t.silence(now, d.silencePeriod(t))
	switch step {
	case silenceNone:
		d.settleSilence(ctx, id)
	case silenceLater:
		if err := d.cfg.Store.AddSilence(ctx, id, again); err != nil {
			d.log.Error("holder's silence not watched", "handoff", id, "err", err)
		}
	case silenceRemind:
		d.remind(ctx, h, t, now)
	case silenceRequeue:
		d.giveBack(ctx, h, t)
	case silenceRequeued:
		d.requeued(ctx, h, t)
	}
}

// remind tells the person the holder has not answered, reminds the holder
// in the thread, then marks the ticket reminded at now and checks again
// after another period. The person is told first: if the engine fails or
// this replica dies before, the check's lease ends and the next replica
// tells them (the event's id is the same: told once by the engine).
func (d *Desk) remind(ctx context.Context, h bot.Handler, t Ticket, now time.Time) {
	if !d.tell(ctx, h, t, bot.EventHandoffAgentSilent, "") {
		return // the lease ends, and the check runs again
	}
	if t.Thread != "" {
		line := d.board("desk.thread_silent", "agent", t.AgentName, "wait", short(now0(now.Sub(t.Unanswered))))
		var err error
		if r, ok := d.cfg.Board.(Reminder); ok && t.AgentID != "" {
			// A person in crisis is told the team was alerted again, as
			// urgent: the whole channel is, beside the holder.
			err = r.Remind(ctx, t.Thread, t.AgentID, line, t.Priority == bot.PriorityUrgent)
		} else {
			err = d.cfg.Board.Reply(ctx, t.Thread, line)
		}
		if err != nil {
			d.log.Warn("silent holder not reminded on the board", "handoff", t.ID, "err", err)
		}
	}
	marked := false
	if _, err := d.cfg.Store.UpdateTicket(ctx, t.ID, func(cur *Ticket) error {
		marked = cur.Status == bot.HandoffTaken && cur.Unanswered.Equal(t.Unanswered) && cur.Reminded.IsZero()
		if marked {
			cur.Reminded = now
		}
		return nil
	}); err != nil {
		d.log.Error("holder's reminder not recorded", "handoff", t.ID, "err", err)
		return
	}
	if !marked {
		d.settleSilence(ctx, t.ID) // answered or ended meanwhile
		return
	}
	if err := d.cfg.Store.AddSilence(ctx, t.ID, now.Add(d.silencePeriod(t))); err != nil {
		d.log.Error("holder's silence not watched", "handoff", t.ID, "err", err)
	}
	d.log.Info("holder silent: person told, holder reminded", "handoff", t.ID)
}

// giveBack takes the conversation from a holder still silent after the
// reminder: back to the queue when someone can come, else to the bot.
func (d *Desk) giveBack(ctx context.Context, h bot.Handler, t Ticket) {
	ok, err := d.Staffed(ctx, t.Queue)
	if err != nil {
		// Unknown is not "nobody": the check's lease ends and it runs
		// again, rather than tell the person nobody can come.
		d.log.Warn("who can come not known, the check runs again", "handoff", t.ID, "err", err)
		return
	}
	// A crisis is not closed for want of someone on shift: the whole
	// channel is alerted again, as a crisis outside hours is alerted at
	// first, and the person hears the urgent line, nobody promised.
	if !ok && t.Priority != bot.PriorityUrgent {
		if _, err := d.end(ctx, h, t.ID, "", OutcomeSilent); err != nil {
			d.log.Error("silent holder's ticket not closed", "handoff", t.ID, "err", err)
		}
		return
	}
	// The desk's wait first: a replica that dies after giving the ticket
	// back must not leave it in the queue with no wait (an early wait of
	// a ticket still taken ends as nothing: see timeout).
	if err := d.cfg.Store.AddDue(ctx, t.ID, d.now().Add(d.cfg.Wait)); err != nil {
		d.log.Error("ticket wait not scheduled, the check runs again", "handoff", t.ID, "err", err)
		return
	}
	requeued := false
	saved, err := d.cfg.Store.UpdateTicket(ctx, t.ID, func(cur *Ticket) error {
		requeued = cur.Status == bot.HandoffTaken && cur.Reminded.Equal(t.Reminded) && !cur.Unanswered.IsZero()
		if !requeued {
			return nil // answered or ended meanwhile
		}
		cur.SilentAgent = cur.AgentName
		cur.Status, cur.AgentID, cur.AgentName, cur.Taken = bot.HandoffWaiting, "", "", time.Time{}
		cur.Unanswered, cur.Reminded, cur.TimedOut = time.Time{}, time.Time{}, false
		cur.Requeued++
		return nil
	})
	if err != nil {
		d.log.Error("silent holder's ticket not given back", "handoff", t.ID, "err", err)
		return
	}
	if !requeued {
		d.settleSilence(ctx, t.ID)
		return
	}
	d.requeued(ctx, h, saved)
}

// requeued tells the person their ticket went back to the queue, then
// records it and shows it on the board (Take it, only once the person's
// conversation is no longer held by the silent holder). A failure leaves
// the check leased: the next replica tells them (the event keeps its id).
func (d *Desk) requeued(ctx context.Context, h bot.Handler, t Ticket) {
	if !d.tell(ctx, h, t, bot.EventHandoffAgentSilentRequeued, "") {
		return
	}
	marked := false
	saved, err := d.cfg.Store.UpdateTicket(ctx, t.ID, func(cur *Ticket) error {
		marked = cur.Requeued == t.Requeued && cur.RequeueTold < t.Requeued
		if marked {
			cur.RequeueTold = t.Requeued
		}
		return nil
	})
	if err != nil {
		d.log.Error("requeue not recorded as told", "handoff", t.ID, "err", err)
		return
	}
	// Waiting again: the next holder's silence starts with the person's
	// next line.
	d.settleSilence(ctx, t.ID)
	if !marked {
		return // told and shown by another replica
	}
	line := d.board("desk.thread_silent_requeued", "agent", saved.SilentAgent, "wait", short(d.silencePeriod(saved)))
	if r, ok := d.cfg.Board.(Reminder); ok && saved.Priority == bot.PriorityUrgent && saved.Thread != "" {
		// A crisis nobody answers: the whole channel is notified again,
		// as when its card was posted (a card's update notifies nobody).
		d.show(ctx, saved, "")
		if err := r.Remind(ctx, saved.Thread, "", line, true); err != nil {
			d.log.Warn("channel not alerted again", "handoff", saved.ID, "err", err)
		}
	} else {
		d.show(ctx, saved, line)
	}
	d.log.Info("holder silent: ticket back in the queue", "handoff", saved.ID)
}

// now0 is d, or nothing when negative (clocks of two replicas).
func now0(d time.Duration) time.Duration { return max(d, 0) }
