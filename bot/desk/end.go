package desk

import (
	"time"

	"github.com/carebot/carebot/bot"
)

// Who may end a ticket. Only the agent holding a ticket ends it (Resolve,
// Back to the bot, /resolve), or a desk lead (Config.Leads). A ticket nobody
// took is never "resolved": nobody looked after the person. A lead may
// cancel it (OutcomeCancelledByTeam), and the person is told so honestly.
//
// The rule runs inside Store.UpdateTicket, the store's compare-and-set: two
// carebot processes handling two presses on the same ticket cannot both
// pass it, nor pass it against a ticket that changed meanwhile.

// Notices of a refused end (see the other Notice* constants).
const (
	// NoticeNotYours: Resolve or Back to the bot by someone who neither
	// holds the ticket nor leads the desk.
	NoticeNotYours Notice = "not_yours"
	// NoticeUntaken: Resolve or Back to the bot on a ticket nobody took.
	NoticeUntaken Notice = "untaken"
	// NoticeLeadsOnly: Cancel request pressed by someone who is not a lead.
	NoticeLeadsOnly Notice = "leads_only"
	// NoticeTakenCancel: Cancel request on a ticket someone took meanwhile:
	// its holder (or a lead) resolves it instead.
	NoticeTakenCancel Notice = "taken_cancel"
	// NoticeAnswered: the desk's own end of a silent holder's ticket
	// (OutcomeSilent) when the holder answered the person meanwhile.
	NoticeAnswered Notice = "answered"
)

// End closes t with outcome at at, when by may end it, and returns
// NoticeNone; otherwise t is unchanged and the notice says why. by is the
// agent ("" for the person or the system: a withdrawal, a superseding
// hand-off, /forget, which are always allowed while the ticket is open);
// lead says whether by leads the desk. Call it inside UpdateTicket.
func (t *Ticket) End(by string, lead bool, outcome string, at time.Time) Notice {
	if !t.Open() {
		return NoticeClosed
	}
	switch outcome {
	case OutcomeResolved, OutcomeBot, OutcomeLeft:
		switch {
		case t.Status != bot.HandoffTaken:
			return NoticeUntaken
		case by == "" || (by != t.AgentID && !lead):
			return NoticeNotYours
		}
	case OutcomeSilent:
		// The desk itself (by ""), for a holder who stayed silent: still
		// silent now, inside the compare-and-set. A holder who answered
		// as the wait ended (answered cleared both) keeps the person.
		switch {
		case t.Status != bot.HandoffTaken:
			return NoticeUntaken
		case t.Unanswered.IsZero() || t.Reminded.IsZero():
			return NoticeAnswered
		}
	case OutcomeCancelledByTeam:
		switch {
		case by == "" || !lead:
			return NoticeLeadsOnly
		case t.Status != bot.HandoffWaiting:
			return NoticeTakenCancel
		}
	}
	t.Status, t.Outcome, t.Closed, t.ClosedBy = bot.HandoffClosed, outcome, at, by
	if outcome == OutcomeForgotten {
		t.Summary, t.Message = Summary{}, ""
	}
	return NoticeNone
}
