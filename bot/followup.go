package bot

import (
	"context"
	"errors"
	"time"
)

// FollowUp is one check-in the person agreed to: sent once, at a decent
// hour, some time after a flow ended ("Did your order arrive?"). It holds
// what the flow knew (Slots), so that "still not" goes back into the flow
// with it; it never holds message text.
type FollowUp struct {
	ID string  `json:"id"`
	To Address `json:"to"`
	// Flow and Step are the end step that declared the follow-up.
	Flow  string            `json:"f"`
	Step  string            `json:"s"`
	Lang  string            `json:"l"`
	Slots map[string]string `json:"sl,omitempty"`
	// Due is the earliest time to send it; the scheduler also waits for the
	// person's decent hours.
	Due     time.Time `json:"due"`
	Created time.Time `json:"c"`
	// NeedsPerson: an answer may hand the conversation to a person, so the
	// check-in is never sent on a day the operator marked closed.
	NeedsPerson bool   `json:"np,omitempty"`
	Audience    string `json:"au,omitempty"`
	Vulnerable  bool   `json:"v,omitempty"`
	// Said is what the person said of themselves ("senior"…), so that the
	// check-in and what follows keep their plainer words and slower pace
	// even when the session expired meanwhile. /forget deletes it with
	// the session.
	Said []string `json:"vs,omitempty"`
	// Mark is the ForgetMark of the session whose turn scheduled it: a
	// store that knows the person said /forget at a later mark (saved
	// after that turn, before Schedule) refuses it, since nothing said
	// before a /forget may come back after it.
	Mark int64 `json:"fm,omitempty"`
}

// FollowUpClaim is a follow-up one scheduler holds for a while (its lease):
// nobody else sends it meanwhile. Token proves the holder.
type FollowUpClaim struct {
	FollowUp
	Token    string
	Attempts int // claims so far, this one included
	// Cancelled, when set, is why it was withdrawn (see
	// FollowUpStore.Withdraw): the holder drops it and counts the reason.
	Cancelled string
}

// FollowUpStore schedules check-ins so that each is sent once, whatever
// the number of replicas and whatever crashes: Claim leases due ones
// atomically, the holder sends, then Done removes it; a holder that dies
// loses its lease and the follow-up becomes due again.
type FollowUpStore interface {
	// Schedule stores f, replacing any follow-up already scheduled for f.To.
	Schedule(ctx context.Context, f FollowUp) error
	// Cancel removes the follow-up scheduled for a; it reports whether there was one.
	// One withdrawn (see Withdraw) is left for the scheduler to count, and
	// reported as none.
	Cancel(ctx context.Context, a Address) (bool, error)
	// Forget deletes the follow-up scheduled for a at once, whatever its
	// state (withdrawn, or claimed: the holder's Done and Retry then do
	// nothing); it reports whether there was one (/forget counts it).
	Forget(ctx context.Context, a Address) (bool, error)
	// Withdraw cancels the follow-up scheduled for a from outside carebot
	// (`carebot followups cancel`): it is never sent, and the next Claim,
	// at once whatever its due time, hands it out with Cancelled set to
	// reason, so that a running scheduler counts it once. It reports
	// whether there was one not withdrawn already; List leaves it out.
	Withdraw(ctx context.Context, a Address, reason string) (bool, error)
	// Claim leases up to max follow-ups due at now for lease.
	Claim(ctx context.Context, now time.Time, lease time.Duration, max int) ([]FollowUpClaim, error)
	// Done removes a claimed follow-up (sent, or given up).
	Done(ctx context.Context, c FollowUpClaim) error
	// Retry gives a claimed follow-up back, due again at at.
	Retry(ctx context.Context, c FollowUpClaim, at time.Time) error
	// List returns up to max scheduled follow-ups, soonest first (operators).
	List(ctx context.Context, max int) ([]FollowUp, error)
}

// TimeZoner is implemented by senders that know a person's time zone
// (Slack profiles). An unknown zone returns nil and no error.
type TimeZoner interface {
	TimeZone(ctx context.Context, a Address) (*time.Location, error)
}

// FollowUpState is where a conversation stands with its follow-up.
type FollowUpState struct {
	ID     string `json:"id"`
	Status string `json:"st"`
	// Flow and Step are the end step that offered it.
	Flow string `json:"f,omitempty"`
	Step string `json:"s,omitempty"`
	// Slots are what the flow knew, kept while consent is asked.
	Slots map[string]string `json:"sl,omitempty"`
	// Vulnerable is what the person said of themselves ("senior"…),
	// remembered while consent is asked (signals are reset at the end).
	Vulnerable []string `json:"v,omitempty"`
	// Later: the consent question waits for the satisfaction score.
	Later bool `json:"lt,omitempty"`
	// InFlow: offered in the middle of Flow, not at its end. While the
	// conversation is still in Flow, the person's answers to it do not
	// cancel the follow-up (see flowMovedOn).
	InFlow bool `json:"if,omitempty"`
	// Reason is why a cancelled one was cancelled (CancelCrisis…), for the
	// scheduler that claimed it before the cancel reached the store.
	Reason string `json:"why,omitempty"`
}

// FollowUpState statuses.
const (
	FollowUpAsked     = "asked"     // consent asked
	FollowUpCallBack  = "call_back" // a phone call-back offered instead
	FollowUpScheduled = "scheduled" // agreed: waiting for its time
	FollowUpSent      = "sent"      // the check-in went out: its buttons are live
	FollowUpCancelled = "cancelled" // the person wrote first: never send it
)

// Pending values of the follow-up questions.
const (
	PendingConsent = "consent"  // may I check in later?
	PendingCheckIn = "check_in" // the check-in itself
)

// Reasons a follow-up is cancelled (the metric's reason label).
const (
	CancelPersonWrote   = "person_wrote"  // the person wrote first, about anything
	CancelHandoff       = "handoff"       // a person is on the conversation
	CancelCrisis        = "crisis"        // the person wrote of a crisis since it was agreed
	CancelForget        = "forget"        // the person said /forget
	CancelBlocked       = "blocked"       // the chat blocked the bot
	CancelExpired       = "expired"       // older than the limit
	CancelStale         = "stale"         // replaced by a newer one, or already answered
	CancelUndeliverable = "undeliverable" // the channel kept failing
	CancelOperator      = "operator"      // carebot followups cancel
)

// ErrBlocked is matched (errors.Is) by a Sender's error when the person
// blocked the bot: nothing can reach them any more.
var ErrBlocked = errors.New("chat blocked the bot")

// Care event kinds, for CareRecorder.
const (
	CareResolved         = "resolved"          // a flow reached its end: resolved by the bot
	CareHandedOff        = "handed_off"        // a hand-off to a person opened
	CareAbandoned        = "abandoned"         // the person left mid-flow (no reply for AbandonAfter)
	CareWaitingAbandoned = "waiting_abandoned" // the person withdrew while waiting for a person
	CareTimeToHuman      = "time_to_human"     // a person took the hand-off (Took)
	CareSatisfaction     = "satisfaction"      // a 1 to 5 score (Score)
	CareFollowUp         = "follow_up"         // a follow-up event (Reason: one of the FollowUp* events)
)

// Follow-up events (CareEvent.Reason when Kind is CareFollowUp).
const (
	FollowUpEvOffered   = "offered"
	FollowUpEvDeclined  = "declined"
	FollowUpEvCallBack  = "call_back"
	FollowUpEvScheduled = "scheduled"
	FollowUpEvSent      = "sent"
	FollowUpEvAnswered  = "answered"
	FollowUpEvCancelled = "cancelled"
)

// Escalation reasons (CareEvent.Reason of a CareHandedOff): the first four
// are appropriate escalations, a fast hand-off being the right outcome.
const (
	EscalationCrisis     = "crisis"
	EscalationAsked      = "asked"
	EscalationDistress   = "distress"
	EscalationVulnerable = "vulnerable"
	EscalationOther      = "other"
)

// CareEvent is one care outcome, with labels that never identify a person
// nor hold their words.
type CareEvent struct {
	Kind       string
	Flow       string
	Lang       string
	Channel    string // the platform
	Audience   string
	Vulnerable bool
	// Reason: the escalation reason, the follow-up event, or for a
	// follow-up answer "resolved" or "unresolved".
	Reason string
	// Detail: the cancel reason of a cancelled follow-up.
	Detail string
	Score  int
	Took   time.Duration
}

// Appropriate reports whether a hand-off was an appropriate escalation.
func (c CareEvent) Appropriate() bool {
	switch c.Reason {
	case EscalationCrisis, EscalationAsked, EscalationDistress, EscalationVulnerable:
		return true
	}
	return false
}

// CareRecorder receives care outcomes, for metrics. It must be fast and
// safe for concurrent use.
type CareRecorder interface {
	Care(ev CareEvent)
}

// Hours are the decent hours for check-ins: from Start to End (minutes
// after midnight) in the person's zone, and never on a Closed day (in the
// operator's Zone) when the check-in may need a person.
type Hours struct {
	Start, End int // minutes after midnight; default 9:00 to 20:00
	Zone       *time.Location
	Closed     []time.Weekday
}

func (h Hours) withDefaults() Hours {
	if h.Start == 0 && h.End == 0 {
		h.Start, h.End = 9*60, 20*60
	}
	if h.Zone == nil {
		h.Zone = time.UTC
	}
	return h
}

// Next returns the first time at or after t inside the decent hours in loc
// (the operator's zone when nil).
func (h Hours) Next(t time.Time, loc *time.Location, needsPerson bool) time.Time {
	h = h.withDefaults()
	if loc == nil {
		loc = h.Zone
	}
	lt := t.In(loc)
	for i := range 15 {
		day := time.Date(lt.Year(), lt.Month(), lt.Day()+i, 0, 0, 0, 0, loc)
		start := time.Date(day.Year(), day.Month(), day.Day(), h.Start/60, h.Start%60, 0, 0, loc)
		end := time.Date(day.Year(), day.Month(), day.Day(), h.End/60, h.End%60, 0, 0, loc)
		if needsPerson && h.closed(start) {
			continue
		}
		switch {
		case lt.Before(start):
			return start
		case lt.Before(end):
			return t
		}
	}
	return t // every day closed: a misconfiguration, better late than never
}

func (h Hours) closed(t time.Time) bool {
	wd := t.In(h.Zone).Weekday()
	for _, c := range h.Closed {
		if c == wd {
			return true
		}
	}
	return false
}
