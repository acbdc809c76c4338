// Package bot is carebot's conversation engine and its domain types. It knows
// no chat platform, no Redis client and no LLM SDK: adapters hand it one
// inbound Message at a time and render the Replies it returns; stores and
// rephrasers plug in through the small interfaces below.
package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"time"
)

// Address identifies one conversation: a person in a chat on a platform.
// It is comparable and keys sessions.
type Address struct {
	Platform string // "telegram", "slack", "console"…
	Chat     string // the chat, channel or thread
	User     string // the person
}

// String returns platform:chat:user. It holds platform IDs: never log it, log Hash.
func (a Address) String() string { return a.Platform + ":" + a.Chat + ":" + a.User }

// Hash returns a short, stable hash of the address, for logs.
func (a Address) Hash() string {
	sum := sha256.Sum256([]byte(a.String()))
	return hex.EncodeToString(sum[:6])
}

// Message is one inbound event from a channel.
type Message struct {
	ID     string  // platform message or update ID: a message seen twice is answered once
	From   Address // who wrote
	Text   string  // what they wrote (any bytes: the engine sanitises)
	Choice string  // the ID of a pressed button (Choice.ID from a Reply), if any
	// Media names non-text content ("sticker", "photo", "voice"…); Text is then
	// usually empty and the engine answers with what it can read.
	Media string
	// Lang is the platform's language hint ("fr", "en-GB"), used until the
	// person or a flow chooses a language.
	Lang string
	// Event is a system event for the conversation instead of a person's
	// words (see the Event* constants); Text and Choice are then empty.
	Event Event
	At    time.Time
	// Order is the platform's order of the message in its conversation:
	// a message said later has a larger Order (Telegram's update_id,
	// Slack's ts in microseconds). 0 means the platform gives none (the
	// terminal, desk events). It tells a message said before a /forget
	// from one said after (see Session.ForgetMark), whichever replica
	// handles it and however late it arrives.
	Order int64
	// Admitted: the adapter asked the Gate when the message arrived, so the
	// engine does not count it against the flood limit again.
	Admitted bool
}

// Event is a system event an adapter or the desk sends to the engine
// instead of a person's words.
type Event string

// System events an adapter or the desk can send to the engine.
const (
	// EventHandoffTimeout: nobody took the hand-off in time.
	EventHandoffTimeout Event = "handoff_timeout"
	// EventHandoffClosed: the person's hand-off ended (resolved or given back to the bot).
	EventHandoffClosed Event = "handoff_closed"
	// EventHandoffTaken: a person took the conversation; Message.Text holds
	// the name the person should see (a first name, never a handle).
	EventHandoffTaken Event = "handoff_taken"
	// EventHandoffTeamCancelled: the team closed a hand-off nobody took
	// (a desk lead cancelled it); the person is told so, honestly, and is
	// not asked how it went.
	EventHandoffTeamCancelled Event = "handoff_team_cancelled"
	// EventHandoffAgentLeft: the agent who held the conversation left the
	// desk without ending it (their agent terminal closed); the person is
	// told so, the bot takes over again, and no score is asked for a
	// conversation nobody finished.
	EventHandoffAgentLeft Event = "handoff_agent_left"
	// EventHandoffAgentSilent: the agent holding the conversation has not
	// answered what the person wrote for the desk's agent_silence; the
	// person is told so, once, and the team was reminded.
	EventHandoffAgentSilent Event = "handoff_agent_silent"
	// EventHandoffAgentSilentRequeued: the agent stayed silent after the
	// reminder; the desk put the request back in its queue (it waits for
	// an agent again) and the person is told so.
	EventHandoffAgentSilentRequeued Event = "handoff_agent_silent_requeued"
	// EventHandoffAgentSilentEnded: the agent stayed silent after the
	// reminder and nobody else can come now; the desk closed the ticket,
	// the bot takes over again and no score is asked.
	EventHandoffAgentSilentEnded Event = "handoff_agent_silent_ended"
	// EventPersonEdited: the person edited a message they had sent;
	// Message.Text holds its new words. During a hand-off they reach the
	// team's thread, marked as a correction; otherwise nothing happens
	// (the bot answers what people write, not what they edit). As an
	// event it is not read for signals, language or flows.
	EventPersonEdited Event = "person_edited"
	// EventHandoffUnposted: the hand-off request reached nobody (the peer
	// channel unset, the bot not in it, Slack down): for a colleague in
	// crisis, nobody was alerted and nobody may be said to be; any other
	// hand-off hears it as EventHandoffTimeout.
	EventHandoffUnposted Event = "handoff_unposted"
)

// Reply is one outbound action for a channel to render its own way.
type Reply struct {
	Text    string
	Choices []Choice // buttons where the platform has them, a numbered list where not
	// Pause is how long to wait, showing "typing" where the platform can,
	// before sending this reply, so a long answer arrives as a person types.
	Pause time.Duration
	// Tone is the flow's hint for the rephraser ("reassuring", "apologetic").
	Tone string
	// Verbatim replies (safety, legal, crisis, and the simple variants said
	// to a person who needs plainer words) are never rephrased.
	Verbatim bool
	// Handoff is set on the reply that opened a hand-off to a person.
	Handoff *Handoff
}

// Choice is one button. ID is opaque: adapters send it back in Message.Choice.
type Choice struct {
	ID    string
	Label string
}

// Priority orders hand-offs in the queue.
type Priority int

// Hand-off priorities.
const (
	PriorityNormal Priority = iota
	PriorityHigh            // distress, repeated misunderstanding, a vulnerable person
	PriorityUrgent          // crisis
)

func (p Priority) String() string {
	switch p {
	case PriorityHigh:
		return "high"
	case PriorityUrgent:
		return "urgent"
	default:
		return "normal"
	}
}

// ParsePriority reads "normal", "high" or "urgent"; anything else is normal.
func ParsePriority(s string) Priority {
	switch s {
	case "high":
		return PriorityHigh
	case "urgent":
		return PriorityUrgent
	default:
		return PriorityNormal
	}
}

// HandoffStatus is where a hand-off stands.
type HandoffStatus string

// Hand-off statuses.
const (
	HandoffWaiting   HandoffStatus = "waiting"   // in the queue, nobody has taken it yet
	HandoffTaken     HandoffStatus = "taken"     // an agent holds the conversation
	HandoffCancelled HandoffStatus = "cancelled" // the person withdrew the request
	HandoffClosed    HandoffStatus = "closed"    // the desk's ticket ended (resolved, given back, superseded…)
	// HandoffAlerted: an urgent ticket was posted to a team that nobody
	// staffs now (Alerter): someone on call may take it, but nobody was
	// promised. The person's words reach its thread; no "a person will
	// reply" is said.
	HandoffAlerted HandoffStatus = "alerted"
)

// Handoff is a conversation handed to a person.
type Handoff struct {
	ID       string        `json:"id"`
	Queue    string        `json:"q"`
	Priority Priority      `json:"p"`
	Reason   string        `json:"r,omitempty"`
	Status   HandoffStatus `json:"st"`
	Agent    string        `json:"ag,omitempty"` // the agent's display name once taken
	Opened   time.Time     `json:"o"`
	// Flow and Step say where the hand-off was opened, for OnTimeout.
	Flow string `json:"f,omitempty"`
	Step string `json:"s,omitempty"`
	// Lang, Slots and Signals are what the bot learnt, for the agent's summary:
	// nobody should have to repeat themselves.
	Lang    string            `json:"l,omitempty"`
	Slots   map[string]string `json:"sl,omitempty"`
	Signals Signals           `json:"sg,omitzero"`
	// Overdue is set when the desk's wait ended with nobody taking a
	// crisis's urgent request: what the person writes next hears that the
	// team was alerted and may not answer now (crisis_alert_unstaffed),
	// never "a person will write to you here".
	Overdue bool `json:"od,omitempty"`
}

// Session is the state of one conversation. The engine changes it only
// inside Store.Update.
type Session struct {
	// Version is the store's optimistic-concurrency counter; the engine never touches it.
	// It is 0 for a session that is not stored, and at least 1 once saved
	// (see Store).
	Version int64 `json:"ver"`

	Lang string `json:"lang,omitempty"` // the conversation's language
	// LangChosen is set when the person or a flow chose the language; the
	// platform hint and language detection no longer change it.
	LangChosen bool `json:"langc,omitempty"`

	Flow  string  `json:"flow,omitempty"` // "" when idle
	Step  string  `json:"step,omitempty"`
	Stack []Frame `json:"stack,omitempty"` // flows to come back to
	// Pending is what the engine itself awaits outside any flow step:
	// PendingSatisfaction or PendingClarify.
	Pending  Pending           `json:"pend,omitempty"`
	Options  []string          `json:"opts,omitempty"` // flow ids offered by a clarifying question
	Slots    map[string]string `json:"slots,omitempty"`
	Attempts int               `json:"att,omitempty"`  // invalid answers to the current question
	Misses   int               `json:"miss,omitempty"` // misunderstandings in a row
	Ask      int               `json:"ask,omitempty"`  // sequence of the last question asked: older buttons are stale

	Signals Signals `json:"sig,omitzero"`
	Acked   bool    `json:"ack,omitempty"` // the last reply acknowledged a feeling
	// Acks are the feelings acknowledged in this conversation: each is
	// named once, then the bot helps (a person who writes again after a
	// long silence starts afresh, see ackForget).
	Acks Acks `json:"acks,omitempty"`

	Handoff *Handoff `json:"ho,omitempty"`
	Recent  []Turn   `json:"recent,omitempty"` // last turns, capped
	Seen    []string `json:"seen,omitempty"`   // IDs of the last messages handled, for de-duplication
	// Before is how many turns at the start of Recent belong to matters
	// already over (a flow that ended, "cancel"): what the person said
	// there answers no question of the next one (see recall.go).
	Before int `json:"bf,omitempty"`
	// LastBefore is where the matter that ended last (LastFlow) began in
	// Recent: one who comes back with the reference it asked for carries
	// on where they were, its earlier answers kept (see reference.go).
	LastBefore int `json:"lbf,omitempty"`
	// Recalled is the question the last turn answered from an earlier
	// message ("flow.step", and ".choice" for a button), so that the
	// person's next message may correct it; "" in conversations where
	// nothing was.
	Recalled string `json:"rc,omitempty"`
	// Also is the other need of a message that named two ("I can't sign
	// in and my parcel hasn't come"): while the clarifying question waits,
	// both flow ids, space-separated; once one is chosen, the other, which
	// starts when the chosen one is done (see alsoNext). "" in most
	// conversations.
	Also string `json:"also,omitempty"`

	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`

	// FollowUp is where the conversation stands with a check-in (nil: none).
	FollowUp *FollowUpState `json:"fu,omitempty"`
	// LastFlow is the flow that ended last, for the care metrics of what
	// follows it (satisfaction, follow-ups).
	LastFlow string `json:"lf,omitempty"`
	// LastNoted is set when the matter that ended last (LastFlow) ended
	// with a hand-off nobody could take: what the person told was noted,
	// and no person has decided anything yet (see noted.go).
	LastNoted bool `json:"lnoted,omitempty"`

	// FlowsVersion is the version of the flow set (flow.Set.Version) the
	// conversation's current flow runs on: it finishes that flow on it even
	// if the flows are reloaded meanwhile.
	FlowsVersion string `json:"fv,omitempty"`

	// Outbox holds the replies queued for delivery and not yet delivered,
	// in Seq order, when replies go out through a Deliverer: written with
	// the turn that queued them, so a replica that dies loses none.
	Outbox []Outbound `json:"out,omitempty"`
	// OutSeq is the Seq of the last reply queued.
	OutSeq int64 `json:"oseq,omitempty"`
	// Lease says which replica delivers the outbox, until when.
	Lease Lease `json:"lease,omitzero"`
	// Keyboard is the platform's id of the message whose buttons are live,
	// so that whichever replica delivers next removes them.
	Keyboard string `json:"kb,omitempty"`
	// Blocked: the person blocked the bot; delivery stops until they write.
	Blocked bool `json:"blk,omitempty"`

	// Watch is what the conversation waits for, for counting abandonment
	// (see idle.go).
	Watch Watch `json:"w,omitzero"`

	// Forgotten marks a tombstone: what is left of a conversation once the
	// person said /forget. It holds nothing personal, only what delivery
	// needs to keep order across replicas (OutSeq, Lease, Keyboard), the
	// ID of the /forget message (Seen: a duplicate of it is not answered
	// twice) and the confirmation, queued in Outbox after whatever a
	// replica is sending already. A store that is a Forgetter saves it
	// for TombstoneTTL at most, and once its outbox is empty deletes it
	// instead of saving it, in the same compare-and-set: only if nothing
	// was saved since it was read. The person's next message starts a new
	// conversation on it (see advanceInto). A tombstone with a ForgetMark
	// is kept, emptied, until TombstoneTTL even once its outbox is empty,
	// for its mark.
	Forgotten bool `json:"fgt,omitempty"`
	// ForgetMark is the Order of the person's last /forget (0: none, or
	// the platform gives no order). A message whose Order is not above it
	// was said before the /forget (in flight on another replica, or
	// redelivered by the platform): it is dropped as a duplicate, never
	// stored. The tombstone holds it, and so does a conversation started
	// on it, for ForgetMarkKeep.
	ForgetMark int64 `json:"fgm,omitempty"`
}

// ForgetMarkKeep is how long a conversation started after a /forget keeps
// its ForgetMark: longer than a platform redelivers a message (Telegram
// keeps an update for 24 hours, Slack retries within minutes). Past it, a
// message with a lower Order is no copy of one said before the /forget:
// Telegram picks the next update_id at random after a week without
// updates, and it is what the person says now.
const ForgetMarkKeep = 25 * time.Hour

// expireForgetMark drops s's ForgetMark once the conversation started
// after the /forget is older than ForgetMarkKeep (a tombstone, never
// started, keeps it).
func (s *Session) expireForgetMark(now time.Time) {
	if s.ForgetMark != 0 && !s.Created.IsZero() && now.Sub(s.Created) >= ForgetMarkKeep {
		s.ForgetMark = 0
	}
}

// TombstoneTTL is how long a store keeps a tombstone (Session.Forgotten)
// at most: if its confirmation cannot be delivered (the platform is down,
// every replica died), the tombstone goes anyway. Long enough for a
// delivery lease to expire and another replica to take it over, several
// times.
const TombstoneTTL = 2 * time.Minute

// Forgetter is a Store that keeps the delivery order of a conversation
// the person asked to forget (see Session.Forgotten): its Update saves a
// tombstone for TombstoneTTL at most (counted from the first save: saving
// it again never extends it), and deletes one whose outbox is empty and
// that has no ForgetMark instead of saving it, in the same
// compare-and-set (a compare-and-delete); one with a mark is saved,
// emptied, until then. The engine replaces the session by a tombstone in
// one Update, so that everything personal goes at once.
type Forgetter interface {
	Store
	// ForgetRest deletes what the store keeps about a besides its
	// session (flood state, follow-up, indexes): called before a's
	// tombstone replaces the session.
	ForgetRest(ctx context.Context, a Address) error
}

// Pending is what the engine itself awaits outside any flow step.
type Pending string

// Pending values.
const (
	PendingSatisfaction Pending = "satisfaction"
	PendingClarify      Pending = "clarify"
)

// Frame is a place to come back to after a called flow.
type Frame struct {
	Flow string `json:"f"`
	Step string `json:"s"`
}

// Speaker is who said a Turn.
type Speaker string

// Speakers of a Turn.
const (
	SpeakerPerson Speaker = "person"
	SpeakerBot    Speaker = "bot"
	SpeakerAgent  Speaker = "agent"
)

// Turn is one message in a conversation's recent history.
type Turn struct {
	From Speaker   `json:"by"`
	Text string    `json:"t"`
	At   time.Time `json:"at"`
}

// Acks is a set of feelings acknowledged in a conversation.
type Acks uint8

// The feelings an acknowledgment names, one message each in common.yaml.
const (
	AckDistress Acks = 1 << iota // ack_distress
	AckAnger                     // ack_anger
	AckAnxiety                   // ack_anxiety
	AckLonely                    // ack_lonely
	AckGrief                     // ack_grief

	// AckLast is the last feeling above: every Acks bit up to it is one.
	AckLast = AckGrief
)

// Signals are the care signals noticed in a conversation. What the person
// said of themselves (Vulnerable) and distress (a crisis counts as
// distress) stay set until the session expires or the person says /forget,
// past "menu", "cancel" and the end of a flow: the simple wording, slower
// pace, person offered first and hand-off priority they bring last as long.
// Anger and anxiety are about the matter at hand and end with it.
type Signals struct {
	Distress bool `json:"d,omitempty"`
	Anger    bool `json:"a,omitempty"`
	Anxiety  bool `json:"x,omitempty"`
	// Lonely is distress said as loneliness ("nobody ever visits me"):
	// Distress is set with it, and like it, it lasts.
	Lonely bool `json:"l,omitempty"`
	// Grief is distress that is a loss told, a death or a lost pregnancy
	// ("my late wife's account"): Distress is set with it, and it lasts.
	Grief bool `json:"g,omitempty"`
	// Sorrow is distress heard on its own, sadness or despair, or a
	// crisis: not an angry customer's distress alone. Like Distress, it
	// lasts. A message the learned crisis signal leans on is a crisis
	// after it (crisisAfterDistress).
	Sorrow     bool     `json:"s,omitempty"`
	Vulnerable []string `json:"v,omitempty"` // "senior", "pregnant", "disabled"
}

// Handler answers one inbound message (cf. http.Handler). Adapters call it.
//
// It always returns what to say, even with an error: on error the replies
// hold a short, kind message for the person, and the error is for logs
// (customers never see error text).
type Handler interface {
	HandleMessage(ctx context.Context, m Message) ([]Reply, error)
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, m Message) ([]Reply, error)

// HandleMessage calls f.
func (f HandlerFunc) HandleMessage(ctx context.Context, m Message) ([]Reply, error) {
	return f(ctx, m)
}

// Middleware wraps a Handler (recover, flood control…).
type Middleware func(Handler) Handler

// Adapter runs one chat platform. Run blocks, calls h once per inbound
// message and delivers the replies; it returns nil once ctx is done and an
// error only when the platform is lost for good.
type Adapter interface {
	Run(ctx context.Context, h Handler) error
}

// Sender is implemented by adapters that can write to a conversation
// without an inbound message (relaying an agent, a follow-up).
type Sender interface {
	Send(ctx context.Context, to Address, replies []Reply) error
}

// Desk is where people take over conversations. The engine tells it what
// happens to hand-offs once each turn is stored (never inside the store
// transaction); the desk answers with Message events (EventHandoffTaken,
// EventHandoffTimeout, EventHandoffClosed) and writes to the person through
// the channel's Sender.
type Desk interface {
	// Opened: a hand-off is waiting for a person. recent is the
	// conversation so far, for the summary. It returns what the person
	// should be told besides the flow's words (how long it may take),
	// sent word for word right after the hand-off's reply, even with an error.
	Opened(ctx context.Context, a Address, h Handoff, recent []Turn) ([]Reply, error)
	// Relayed: the person wrote while their hand-off is open (text
	// sanitised). An error wrapping ErrNoTicket means it can never be
	// relayed (the ticket is gone, or its card was never posted): the
	// relay is given up at once instead of tried again.
	Relayed(ctx context.Context, a Address, h Handoff, text string) error
	// Withdrawn: the person cancelled the request.
	Withdrawn(ctx context.Context, a Address, h Handoff) error
	// Forgotten: the person asked to be forgotten; their open ticket closes.
	Forgotten(ctx context.Context, a Address) error
}

// ErrNoTicket is wrapped by Desk.Relayed's error when the hand-off has no
// ticket thread to relay to, and never will.
var ErrNoTicket = errors.New("no ticket thread")

// NopDesk is a desk where a person is always there and nothing is
// recorded (load runs, trying flows, conversation tests).
type NopDesk struct{}

var _ Desk = NopDesk{}

// Opened implements Desk.
func (NopDesk) Opened(context.Context, Address, Handoff, []Turn) ([]Reply, error) { return nil, nil }

// Relayed implements Desk.
func (NopDesk) Relayed(context.Context, Address, Handoff, string) error { return nil }

// Withdrawn implements Desk.
func (NopDesk) Withdrawn(context.Context, Address, Handoff) error { return nil }

// Forgotten implements Desk.
func (NopDesk) Forgotten(context.Context, Address) error { return nil }

// Staffer is implemented by a Desk that knows whether a person can take a
// hand-off to a queue now: a terminal desk with no agent present, a queue
// no channel serves. A Desk without it is always staffed; with no Desk at
// all nobody is, and the engine then says so instead of promising a reply.
type Staffer interface {
	Staffed(ctx context.Context, queue string) (bool, error)
}

// Alerter is implemented by a Desk that can alert a team for a queue that
// is not staffed now (outside business hours, say), where someone on call
// may see it. Danger to life pre-empts the hours: a crisis then opens its
// urgent ticket all the same, and the person is told the team was alerted
// but may not be able to answer, never that someone will come.
type Alerter interface {
	Alertable(ctx context.Context, queue string) (bool, error)
}

// Store keeps conversation state. Update loads the session at a (the zero
// Session if there is none), calls fn and saves the result atomically. fn
// may run more than once on conflict, so it must be pure; if it fails,
// nothing is saved. fn sees Session.Version 0 exactly when nothing is
// stored at a (never saved, deleted, expired), and at least 1 otherwise:
// each save increments it. The Deliverer relies on that, dropping a
// delivery mark for a Version 0 session rather than recreating it
// (storetest checks it). fn keeps nothing of the session it is given once
// it returns (what it needs later, it copies): a store may give the same
// Session to the next Update (the Redis store pools them).
type Store interface {
	Update(ctx context.Context, a Address, fn func(*Session) error) error
	// Delete forgets everything stored about a ("forget me"); missing is fine.
	Delete(ctx context.Context, a Address) error
	// Ping reports whether the store can serve (for /readyz).
	Ping(ctx context.Context) error
}

// Cache is a small key-value store with expiry (rephrase cache).
type Cache interface {
	Get(ctx context.Context, key string) (val string, ok bool, err error)
	Set(ctx context.Context, key, val string, ttl time.Duration) error
}

// Claimer decides races between people (two agents pressing "Take it"):
// the first to claim key wins.
type Claimer interface {
	// Claim records owner as the holder of key unless someone holds it
	// already; it returns the holder after the call (owner if the claim won).
	Claim(ctx context.Context, key, owner string, ttl time.Duration) (holder string, err error)
}

// Rephraser rewrites a scripted reply in a warmer voice without changing what it says.
type Rephraser interface {
	Rephrase(ctx context.Context, r RephraseRequest) (string, error)
}

// RephraseRequest is one scripted reply to rephrase.
type RephraseRequest struct {
	Text     string   // the scripted reply; its meaning must survive
	Tone     string   // from the flow step: "apologetic", "reassuring"…
	Lang     string   // the conversation's language
	Audience string   // "customer" or "employee"
	Signals  Signals  // the person's mood
	Slots    []string // slot values filled into Text: they must survive word for word
	Recent   []Turn   // capped, with no names or IDs
}

// Texts gives the words channels and the desk say themselves, outside any
// flow (the flows' texts.yaml; keys in flow.TextKeys), in lang with the
// text's placeholders filled from vars. *Engine implements it on its
// current flow set, so that a reload changes them too.
type Texts interface {
	Text(key, lang string, vars map[string]string) string
}

// TurnError is a failed turn's error with the id minted for it, once: the
// runner logs that id, so one failure has one id from engine to log line.
type TurnError struct {
	Op  string // what failed: "update session", "forget"
	ID  string // short random id, logged as err_id
	Err error
}

func (e *TurnError) Error() string { return e.Op + " " + e.ID + ": " + e.Err.Error() }
func (e *TurnError) Unwrap() error { return e.Err }

// Sentinel errors.
var (
	// ErrConflict: the session kept changing under us; the turn was not saved.
	ErrConflict = errors.New("session update conflict")
	// ErrUnavailable: the store cannot be reached.
	ErrUnavailable = errors.New("store unavailable")
	// ErrUnknownFlow: a flow id names no flow.
	ErrUnknownFlow = errors.New("unknown flow")
)

// Sleep waits d, or until ctx is done, and then returns ctx's error: the
// one wait of the adapters and stores (retries, backoff, pacing) that
// shutdown cuts short.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
