// Package flow is the model of carebot's care flows: the YAML files that
// support leads write, loaded from an fs.FS and validated so that every
// problem is reported at once as FILE:LINE:COL: message.
//
// A flow set is a folder of *.yaml files. The file named common.yaml holds
// what every flow shares (languages, system messages, cancel words, which
// flow welcomes, which one is the fallback, which one reaches a person);
// every other file holds exactly one flow.
package flow

import (
	"regexp"
	"strconv"
	"time"
)

// CommonFile is the name of the file that holds the settings shared by every flow.
const CommonFile = "common.yaml"

// Set is a loaded, validated set of flows. It is read-only once loaded and
// safe for concurrent use.
type Set struct {
	Common Common
	Flows  map[string]*Flow // by Flow.ID
	Order  []string         // flow ids, sorted by file name: a stable order for menus and tests
	// Texts are the channels' and the desk's own words (texts.yaml), by
	// TextKeys key; empty when the folder has no texts.yaml.
	Texts map[string]Text
	// Version is the content hash of the files the set was loaded from
	// (12 hex digits): the same files give the same version everywhere.
	Version string
	// Queues are the places in the files that name a hand-off queue, in
	// file order: what the configuration must give a channel (see
	// QueueProblems).
	Queues []QueueUse
	// Files are the files the set was loaded from, by name, for LoadFiles.
	Files map[string][]byte
}

// Flow returns the flow with that id, or nil.
func (s *Set) Flow(id string) *Flow { return s.Flows[id] }

// PersonQueue is the queue of the human flow's first hand-off: where a
// person asking for someone is sent, and what a text's unstaffed variant
// depends on when it names no queue.
func (s *Set) PersonQueue() string {
	if f := s.Flow(s.Common.HumanFlow); f != nil {
		for _, st := range f.Steps {
			if st.Handoff != nil {
				return st.Handoff.Queue
			}
		}
	}
	return ""
}

// Common holds what every flow shares (common.yaml).
type Common struct {
	Pos Pos
	// Languages the set speaks; every Text must exist in each. The first is the default.
	Languages []string
	// StartFlow welcomes a person (and is the "menu" that cancel returns to).
	StartFlow string
	// FallbackFlow answers when nothing matched.
	FallbackFlow string
	// HumanFlow runs when a person asks for a human at any step.
	HumanFlow string
	// CrisisQueue is the hand-off queue used after the crisis safety message.
	CrisisQueue string
	// CancelWords stop whatever is going on, per language ("stop", "annuler").
	CancelWords map[string][]string
	// DeclineWords are, per language, whole messages that say no to what
	// the bot just offered ("no thanks", « non merci », "not now"): the
	// satisfaction question is then let go (MsgSatisfactionDeclined) and
	// a follow-up declined, rather than the message read as a new
	// request. Optional; "no" and « non » count without them.
	DeclineWords map[string][]string
	// OkayWords are, per language, whole messages that only take note of
	// what the bot said ("ok", "alright", « d'accord »): with nothing
	// waiting for an answer they get the menu, not "I'm not sure I
	// understood". Optional.
	OkayWords map[string][]string
	// YesWords are, per language, whole messages that say yes to what
	// the bot just asked ("yes please", "sure", « oui volontiers »): at a
	// question whose buttons are a yes and a no, they take the yes (see
	// README, "Yes and no in everyday words"). A message may string
	// several together ("ok yes please"). Optional.
	YesWords map[string][]string
	// UnknownWords say, per language, that the person cannot give what a
	// question checks ("I don't have it", « je sais pas »): such an answer
	// to an ask with a validation goes at once where too many wrong
	// answers would (its on_fail, else a person), without "that doesn't
	// look like an order number" first. Optional; phrases as a choice's
	// Synonyms are (words in a row, a final * for any ending).
	UnknownWords map[string][]string
	// WaitWords say, per language, that the person is looking for what a
	// question asks or needs a moment ("let me look", "one moment", «
	// je cherche », « attendez »): a message holding one, with no answer
	// in it, gets MsgTakeYourTime and the question waits, with no "that
	// doesn't look like an order number" and no try counted. Optional;
	// phrases as UnknownWords, read only where the clause denies as the
	// phrase does ("I can't wait any longer" says no "wait").
	WaitWords map[string][]string
	// ButtonWords say, per language, that the person cannot use
	// carebot's buttons ("the buttons don't work", "I use a screen
	// reader", « je n'arrive pas à appuyer »): MsgButtonsHelp says an
	// answer may be written instead, and the question waiting (or the
	// menu) comes again. Optional; phrases as UnknownWords, read where the
	// clause denies as the phrase does.
	ButtonWords map[string][]string
	// ThingWords say, per language, that the buttons a message speaks of
	// are a thing's the person got from the company ("the tv remote you
	// sent me", « que vous m'avez envoyée »): a complaint about the thing,
	// read as any message, not ButtonWords' trouble with carebot's own
	// buttons. Optional; phrases as UnknownWords.
	ThingWords map[string][]string
	// WithdrawWords say, per language, that a person who asked for
	// someone from the team no longer wants one ("never mind", "you can
	// carry on", « laissez tomber », « plus besoin »): while one is
	// awaited, the request is withdrawn as "cancel" withdraws it.
	// Optional; phrases as UnknownWords, read where the clause denies as
	// the phrase does.
	WithdrawWords map[string][]string
	// ResolvedWords say, per language, that the problem that brought the
	// person went away by itself ("it just arrived", "it works now", «
	// il vient d'arriver », « ça marche maintenant »): at a question of an
	// order, payment, account or refund flow, a message made only of
	// these and little words ("oh wait", "sorry", "thanks", "my parcel")
	// ends the flow with MsgResolved. Optional; plain phrases, every word
	// said ("it never arrived" is none of them).
	ResolvedWords map[string][]string
	// NumberWords are, per language, the words for 1, 2, 3… in order: the
	// first entry is 1, the next 2, and so on, each entry every way of
	// writing that number, separated by spaces ("two second 2nd", « deux
	// deuxième second seconde 2e »). A short message that says one number
	// ("the second one", « quatre », "number 2 please") answers a
	// numbered question as its digit does, and the satisfaction question
	// ("five", « cinq »). Optional: without them only digits are read.
	NumberWords map[string][]string
	// FarewellWords say, per language, that the person is leaving ("bye",
	// "that's all", « bonne journée »). At a waiting question, a message
	// the router sends to the goodbye flow without one only thanks ("thank
	// you dear", « merci ma petite »): MsgYouAreWelcome, and the question
	// waits. Optional: without them every thanks goes to the goodbye flow.
	FarewellWords map[string][]string
	// LanguageWords say, per language, that the person asks to go on in
	// that language ("can we speak French?", « en anglais svp »): the
	// conversation keeps it from then on (Session.LangChosen), says so
	// (MsgLanguageChanged) and reads the rest of the message. Optional;
	// phrases as UnknownWords, read where the clause denies as the phrase
	// does ("I don't speak French" asks for no French).
	LanguageWords map[string][]string
	// Messages are the engine's own texts, by key (see the Msg* constants).
	Messages map[string]Text
}

// Keys of Common.Messages that the engine uses. Every one must be present.
const (
	MsgTrouble        = "trouble"         // the store or another part is down: "please try again in a moment"
	MsgNotText        = "not_text"        // a sticker, photo, voice…: what the bot can read
	MsgExpired        = "expired"         // a press on an old button
	MsgCancelled      = "cancelled"       // after a cancel word
	MsgForgotten      = "forgotten"       // after /forget
	MsgPickOne        = "pick_one"        // an answer that matches no button
	MsgClarify        = "clarify"         // two flows are close, or a reference fits several: which one?
	MsgHandoffWaiting = "handoff_waiting" // a message while a person is awaited
	MsgHandoffCancel  = "handoff_cancel"  // the person withdrew the hand-off request
	MsgHandoffClosed  = "handoff_closed"  // the person's hand-off ended: a closing line before the satisfaction question
	MsgHandoffTaken   = "handoff_taken"   // a person took the conversation; names them with {{agent_name}}
	MsgHandoffTimeout = "handoff_timeout" // nobody came in time and the step has no on_timeout: still waiting
	MsgCrisisAlert    = "crisis_alert"    // after the safety message, when a desk is there to alert
	// MsgCrisisAlertUnstaffed: after the safety message when the team was
	// alerted but nobody can be promised (outside business hours): says
	// they may not be able to answer now, never that someone will come.
	MsgCrisisAlertUnstaffed = "crisis_alert_unstaffed"
	// MsgCrisisWaiting answers what a person in crisis writes while the
	// alerted person is on the way, until the desk's wait ends with
	// nobody (then MsgCrisisTimeout, and MsgCrisisAlertUnstaffed to what
	// they write after it): someone is coming, the emergency
	// number, and never an invitation to cancel. It is optional
	// (OptionalMessageKeys): without it, crisis_alert is said again.
	MsgCrisisWaiting = "crisis_waiting"
	// MsgCrisisTimeout is said, in handoff_timeout's place, when nobody
	// has taken a crisis's urgent request within the desk's wait: that
	// nobody could join yet, that the request stays open as urgent, and
	// the emergency number; never an invitation to cancel, never "they
	// will write to you". What the person writes after it hears
	// MsgCrisisAlertUnstaffed (Handoff.Overdue). It is optional
	// (OptionalMessageKeys): without it, MsgCrisisAlertUnstaffed is said.
	MsgCrisisTimeout = "crisis_timeout"
	// The crisis of a colleague on the staff Slack where only colleagues
	// can come (the peer-support channel, no desk to alert): the urgent
	// request goes to their channel. MsgCrisisPeerAlert follows the safety
	// message (colleagues alerted, nobody promised until one joins, the
	// emergency number); MsgCrisisPeerWaiting answers what they write
	// meanwhile; MsgCrisisPeerTimeout is said when nobody offered within
	// the channel's wait; MsgCrisisPeerJoined when a colleague took it and
	// the two are in a group chat. They are optional (OptionalMessageKeys):
	// a set without them says crisis_alert_unstaffed, crisis_timeout and
	// handoff_closed in their place.
	MsgCrisisPeerAlert   = "crisis_peer_alert"
	MsgCrisisPeerWaiting = "crisis_peer_waiting"
	MsgCrisisPeerTimeout = "crisis_peer_timeout"
	MsgCrisisPeerJoined  = "crisis_peer_joined"
	// MsgCrisisPeerUnposted takes crisis_peer_alert back when the request
	// could not be posted in the channel: nobody was alerted. Optional:
	// without it, the safety message (crisis) is said again.
	MsgCrisisPeerUnposted = "crisis_peer_unposted"
	// MsgCrisisClosed is said when the agent who took a crisis's urgent
	// hand-off at the desk ends it: the team ended the conversation,
	// carebot is still there, the emergency number; never a score, which
	// nobody asks of someone in danger. Optional: without it, handoff_closed
	// and then the safety message (crisis) are said.
	MsgCrisisClosed = "crisis_closed"
	// MsgHandoffAgentLeft is said when the agent who held the conversation
	// left the desk without ending it ({{agent_name}}): the truth, and the
	// bot back with the person; no score. Optional: without it,
	// handoff_closed is said (and no score either).
	MsgHandoffAgentLeft = "handoff_agent_left"
	// The agent who holds the conversation has not answered what the
	// person wrote for the desk's agent_silence (see bot/silent.go).
	// MsgHandoffAgentSilent: the person is told so once, that the team
	// was reminded, and that they may keep writing or cancel
	// ({{agent_name}}). MsgHandoffAgentSilentRequeued: still silent after
	// the reminder, the request went back to the team's queue.
	// MsgHandoffAgentSilentEnded: still silent and nobody else can come
	// now (outside business hours): the bot is back with them, no score.
	// MsgCrisisAgentSilent: the same to a person in crisis, for the
	// reminder and the queue alike: the team alerted again as urgent and
	// the emergency number, never an invitation to cancel. All optional:
	// without them handoff_waiting, handoff_timeout, handoff_agent_left
	// and crisis_timeout are said.
	MsgHandoffAgentSilent         = "handoff_agent_silent"
	MsgHandoffAgentSilentRequeued = "handoff_agent_silent_requeued"
	MsgHandoffAgentSilentEnded    = "handoff_agent_silent_ended"
	MsgCrisisAgentSilent          = "crisis_agent_silent"
	// MsgHandoffNotText is said when a person sends a photo, a sticker, a
	// voice message… during a hand-off: only written words reach the team
	// (the thread notes what was sent). Optional: without it, not_text is
	// said.
	MsgHandoffNotText = "handoff_not_text"
	// MsgHandoffUnavailable: a hand-off was asked for but nobody can come
	// (no desk, no agent): said instead of any promise of a reply.
	MsgHandoffUnavailable = "handoff_unavailable"
	// The ways to reach a person that the operator configured, each said
	// only when its value ({{contact_phone}}, {{contact_email}},
	// {{contact_hours}}) is set; MsgContactNone when none is.
	MsgContactPhone = "contact_phone"
	MsgContactEmail = "contact_email"
	MsgContactHours = "contact_hours"
	MsgContactNone  = "contact_none"
	MsgSatisfaction = "satisfaction" // "from 1 to 5, how did we do?"
	MsgThanks       = "thanks"       // after a satisfaction score
	MsgFlood        = "flood"        // too many messages too fast
	MsgCrisis       = "crisis"       // the fixed safety message; never rephrased
	MsgAckDistress  = "ack_distress" // acknowledge a feeling, once, in plain words
	MsgAckAnger     = "ack_anger"
	MsgAckAnxiety   = "ack_anxiety"
	// MsgAckVulnerable thanks a person who says, in the middle of a
	// question, that they are older, pregnant or disabled; the question is
	// then asked again in simple words. It is optional
	// (OptionalMessageKeys): a set without it just asks again.
	MsgAckVulnerable = "ack_vulnerable"
	// MsgAckLonely acknowledges loneliness ("nobody to talk to"). It is
	// optional (OptionalMessageKeys): a set without it says MsgAckDistress.
	MsgAckLonely = "ack_lonely"
	// MsgAckGrief acknowledges a loss told: a death or a lost pregnancy
	// ("my late wife's account"). It is optional (OptionalMessageKeys): a
	// set without it says MsgAckDistress.
	MsgAckGrief = "ack_grief"
	// MsgSatisfactionDeclined is said when a person says no to the
	// satisfaction question ("no thanks"). It is optional
	// (OptionalMessageKeys): a set without it says nothing then.
	MsgSatisfactionDeclined = "satisfaction_declined"
	// MsgSatisfactionLow is said instead of MsgThanks after a low score (1
	// or 2): an apology. It is optional (OptionalMessageKeys): a set
	// without it says MsgThanks.
	MsgSatisfactionLow = "satisfaction_low"
	// MsgSatisfactionLowPerson follows MsgSatisfactionLow only when a
	// person can come: the offer of one (optional: without it, none).
	MsgSatisfactionLowPerson = "satisfaction_low_person"
	// MsgNotedAsked answers a question about a matter just noted that
	// nobody from the team could take ("will I get my money back?"): what
	// was noted, and that no person has decided anything. It is optional
	// (OptionalMessageKeys): a set without it starts the flow again.
	MsgNotedAsked = "noted_asked"
	// MsgHandoffHowLong answers a question about the wait ("how long?",
	// « y a quelqu'un ? ») while a person is awaited: nobody knows when
	// someone will be free, and no time is guessed. It is optional
	// (OptionalMessageKeys): a set without it says handoff_waiting.
	MsgHandoffHowLong = "handoff_how_long"
	// MsgHandoffGoodbye answers a goodbye said while a person is awaited
	// ("thanks bye", « merci au revoir »): the goodbye heard, and the
	// truth that the request stays open. It is optional
	// (OptionalMessageKeys): a set without it says handoff_waiting.
	MsgHandoffGoodbye = "handoff_goodbye"
	// MsgHandoffEnded answers "cancel" said while a person from the team
	// holds the conversation: it is ended, not a request withdrawn (no
	// one is still awaited). It is optional (OptionalMessageKeys): a set
	// without it says handoff_cancel.
	MsgHandoffEnded = "handoff_ended"
	// MsgCannotPromise answers one who pushes for a promise at a question
	// ("just tell me yes", « promettez-moi »): carebot decides no refund,
	// date or compensation. It is optional (OptionalMessageKeys): a set
	// without it reads such words as any other answer.
	MsgCannotPromise = "cannot_promise"
	// MsgAboutBot says plainly what carebot is, to one who asks whether
	// they talk to a bot ("are you a bot?"). It is optional
	// (OptionalMessageKeys): a set without it says nothing then.
	MsgAboutBot = "about_bot"
	// MsgSimpler is said to one who does not follow what carebot said
	// ("I don't understand", « je comprends pas »), before its question
	// again in simpler words. It is optional (OptionalMessageKeys): a set
	// without it says the question again.
	MsgSimpler = "simpler"
	// MsgAlreadySaid is said instead of a question that an earlier
	// message of the conversation already answered, for a button or an
	// ask without a said: text of its own ("You told me that already,
	// thank you."). It is optional (OptionalMessageKeys): a set without it
	// asks such questions.
	MsgAlreadySaid = "already_said"
	// MsgWhichOne asks which one was meant when a message holds two
	// different answers to an order-number or e-mail question ("AB-123456
	// or AB-654321"), naming them as {{answers}}. It is optional
	// (OptionalMessageKeys): a set without it says the ask's invalid: text.
	MsgWhichOne = "which_one"
	// MsgTakeYourTime answers one who needs a moment to find what a
	// question asks ("let me look": WaitWords), or who only says "ok" to
	// a question that asks for something written; the question waits. It
	// is optional (OptionalMessageKeys): a set without it answers such
	// messages as any other.
	MsgTakeYourTime = "take_your_time"
	// MsgButtonsHelp tells one who cannot use the buttons (ButtonWords)
	// that an answer may be written: a choice's number or its words. It is
	// optional (OptionalMessageKeys): a set without it reads such messages
	// as any other.
	MsgButtonsHelp = "buttons_help"
	// MsgLanguageChanged tells one who asked for a language
	// (LanguageWords), in that language, that the conversation goes on in
	// it. It is optional (OptionalMessageKeys): a set without it says
	// nothing of it, and goes on in that language.
	MsgLanguageChanged = "language_changed"
	// MsgYouAreWelcome answers a thanks said at a waiting question, with
	// no farewell (FarewellWords); the question waits. It is optional
	// (OptionalMessageKeys): a set without it sends such thanks to the
	// goodbye flow.
	MsgYouAreWelcome = "you_are_welcome"
	// MsgAlsoNext is said before the second need of a message that named
	// two, once the first is done ("my lamp hasn't come and you charged
	// me twice": the payment, then this, then the order). It is optional
	// (OptionalMessageKeys): a set without it goes on to the other need
	// without it.
	MsgAlsoNext = "also_next"
	// MsgListening answers one who goes on telling their story at a
	// question with buttons, after the flow took it in their own words
	// ("and then my lead just walked off"), before the question again: no
	// second thanks. It is optional (OptionalMessageKeys): a set without
	// it reads such messages as any other.
	MsgListening = "listening"
	// MsgResolved acknowledges a problem that went away by itself
	// (ResolvedWords) as its flow ends. It is optional: a set without it
	// reads such messages as any other.
	MsgResolved = "resolved"
	// MsgCustomerQuestion tells a colleague who asks a customer's
	// question on the staff channel ("where is my order") that this bot
	// is for colleagues, and where such questions go. It is optional: a
	// set without it reads such messages as any other.
	MsgCustomerQuestion = "customer_question"
	// MsgFeltBetter answers one who says, at the satisfaction question,
	// that they feel better ("i feel a bit better now", « ça va un peu
	// mieux »): glad of it, and the question waits for a score. It is
	// optional: a set without it reads such messages as any other.
	MsgFeltBetter = "felt_better"
	// MsgProblemHeard answers one who tells more of their problem at a
	// problem flow's question ("its broken" at "Shall I send your refund
	// request now?"), before the question again, rather than taking them
	// to the worries flow. It is optional: a set without it reads such
	// messages as any other.
	MsgProblemHeard = "problem_heard"
	// MsgHoursUnknown tells one who asks when the team is there ("when
	// are you open?") that the bot does not know, when no hours are
	// configured (contact_hours): no time is invented. It is optional: a
	// set without it reads such messages as any other.
	MsgHoursUnknown = "hours_unknown"
)

// MsgHandoffTeamCancelled is sent when the team closed the person's request
// for a person without taking it (a desk lead cancelled it): honest, with
// no "finished looking after you" and no satisfaction question.
const MsgHandoffTeamCancelled = "handoff_team_cancelled"

// MessageKeys lists every key Common.Messages must hold.
var MessageKeys = []string{
	MsgTrouble, MsgNotText, MsgExpired, MsgCancelled, MsgForgotten, MsgPickOne,
	MsgClarify, MsgHandoffWaiting, MsgHandoffCancel, MsgHandoffClosed, MsgHandoffTaken, MsgHandoffTimeout, MsgSatisfaction, MsgThanks,
	MsgFlood, MsgCrisis, MsgCrisisAlert, MsgAckDistress, MsgAckAnger, MsgAckAnxiety,
	MsgHandoffUnavailable, MsgContactPhone, MsgContactEmail, MsgContactHours, MsgContactNone,
	MsgHandoffTeamCancelled, MsgCrisisAlertUnstaffed,
}

// OptionalMessageKeys lists the keys Common.Messages may hold beyond
// MessageKeys: added after sets were written, each has a message the
// engine says in its place when a set lacks it.
var OptionalMessageKeys = []string{MsgAckLonely, MsgAckGrief, MsgAckVulnerable, MsgAlreadySaid, MsgSatisfactionDeclined, MsgSatisfactionLow, MsgSatisfactionLowPerson, MsgNotedAsked, MsgHandoffHowLong, MsgHandoffGoodbye, MsgHandoffEnded, MsgCannotPromise, MsgAboutBot, MsgWhichOne, MsgSimpler, MsgTakeYourTime, MsgLanguageChanged, MsgYouAreWelcome, MsgButtonsHelp, MsgCrisisWaiting, MsgCrisisTimeout, MsgAlsoNext, MsgListening, MsgCrisisPeerAlert, MsgCrisisPeerWaiting, MsgCrisisPeerTimeout, MsgCrisisPeerJoined, MsgCrisisPeerUnposted, MsgCrisisClosed, MsgHandoffAgentLeft, MsgHandoffNotText, MsgResolved, MsgCustomerQuestion, MsgHandoffAgentSilent, MsgHandoffAgentSilentRequeued, MsgHandoffAgentSilentEnded, MsgCrisisAgentSilent, MsgFeltBetter, MsgProblemHeard, MsgHoursUnknown}

// Audiences a flow can serve.
const (
	AudienceCustomer = "customer"
	AudienceEmployee = "employee"
	AudienceAny      = "any"
)

// Care categories a flow can serve (the router's labels).
const (
	CategoryEscalateHuman    = "escalate_human"
	CategoryComplaintProblem = "complaint_problem"
	CategoryOrderDelivery    = "order_delivery"
	CategoryCancelRefund     = "cancel_refund"
	CategoryAccountAccess    = "account_access"
	CategoryBillingPayment   = "billing_payment"
	CategoryGratitudeClosing = "gratitude_closing"
	CategoryGreeting         = "greeting"
	CategoryOutOfScope       = "out_of_scope"
	CategoryEmployeeSupport  = "employee_support" // peer support and self-care for employees
)

// Categories lists every valid Flow.Category.
var Categories = []string{
	CategoryEscalateHuman, CategoryComplaintProblem, CategoryOrderDelivery,
	CategoryCancelRefund, CategoryAccountAccess, CategoryBillingPayment,
	CategoryGratitudeClosing, CategoryGreeting, CategoryOutOfScope,
	CategoryEmployeeSupport,
}

// Flow is one care flow (one YAML file).
type Flow struct {
	File     string // path inside the fs.FS, for error messages
	Pos      Pos
	ID       string
	Title    Text // shown on menus and clarifying buttons
	Category string
	Audience string // customer, employee or any (default any)
	// Interrupt makes the flow's triggers win at any step, even in the middle
	// of a question (asking for a person must always work).
	Interrupt bool
	Triggers  Triggers
	Steps     []*Step // in file order; Steps[0] is where the flow starts
	byID      map[string]*Step
}

// Step returns the step with that id, or nil.
func (f *Flow) Step(id string) *Step {
	if f.byID == nil {
		for _, s := range f.Steps {
			if s.ID == id {
				return s
			}
		}
		return nil
	}
	return f.byID[id]
}

// Index builds the step lookup table. Load calls it; tests that build flows by hand may too.
func (f *Flow) Index() {
	f.byID = make(map[string]*Step, len(f.Steps))
	for _, s := range f.Steps {
		f.byID[s.ID] = s
	}
}

// Triggers say when a flow starts.
type Triggers struct {
	Commands []string            // "/start", "/help": exact, any language
	Keywords map[string][]string // per language: words or short phrases that, found in a message, point to this flow
	Examples map[string][]string // per language: whole example messages a person might write
}

// Text is one message in every language of the set.
//
// In YAML it is a mapping from language to text, with two optional keys:
//
//	text:
//	  en: "Could you give me your order number?"
//	  fr: "Pouvez-vous me donner votre numéro de commande ?"
//	  tone: reassuring      # a hint for the rephraser
//	  no_rephrase: true     # safety or legal text: always sent word for word
//
// A plain string is accepted where the set has a single language.
// Texts may name slots as {{slot}}.
//
// A text in a flow may also have a simple variant, for people who need
// things slower and plainer (see Text.Simple):
//
//	text:
//	  en: "What is your order number? It looks like AB-123456, and you'll find it in your confirmation e-mail."
//	  fr: "…"
//	  simple:
//	    en: "What is your order number? It looks like AB-123456."
//	    fr: "…"
type Text struct {
	Pos        Pos
	ByLang     map[string]string
	Tone       string
	NoRephrase bool
	// Simple is the same message in plainer words (short sentences, one
	// question at a time, no jargon) for a person who said they are older,
	// pregnant or disabled, or who sounds in distress; nil when the flow
	// gives none. Load checks that it has every language of ByLang, names
	// the same slots and promises nothing ByLang does not. It takes the
	// text's tone and no_rephrase.
	Simple map[string]string
	// Unstaffed is said instead when nobody can come for a hand-off to
	// its queue (no desk, nobody there, outside business hours): a line
	// that speaks of a person from the team must not promise one who will
	// not come. nil when the text has none.
	Unstaffed *Unstaffed
}

// Unstaffed is the variant of a text said when nobody can come.
type Unstaffed struct {
	// Queue is the hand-off queue asked about; "" means the human flow's
	// (Set.PersonQueue).
	Queue  string
	ByLang map[string]string
}

// In returns the variant in lang, or in fallback when lang is missing.
func (u *Unstaffed) In(lang, fallback string) string {
	if s, ok := u.ByLang[lang]; ok {
		return s
	}
	return u.ByLang[fallback]
}

// In returns the text in lang, or in fallback when lang is missing.
func (t Text) In(lang, fallback string) string {
	if s, ok := t.ByLang[lang]; ok {
		return s
	}
	return t.ByLang[fallback]
}

// SimpleIn returns the simple variant in lang (or fallback), or the text
// itself when it has none.
func (t Text) SimpleIn(lang, fallback string) string {
	if s, ok := t.Simple[lang]; ok {
		return s
	}
	if _, ok := t.ByLang[lang]; !ok {
		if s, ok := t.Simple[fallback]; ok {
			return s
		}
	}
	return t.In(lang, fallback)
}

// IsZero reports whether the text is absent.
func (t Text) IsZero() bool { return len(t.ByLang) == 0 }

// Kinds of step. A step's kind follows from the one action key it has; a step
// with only say (and next) is a KindSay step.
type Kind string

// The step kinds.
const (
	KindSay     Kind = "say"     // say messages, then go on to next (or finish the flow)
	KindChoose  Kind = "choose"  // a question with buttons
	KindAsk     Kind = "ask"     // a free-text question saved in a slot, validated
	KindBranch  Kind = "branch"  // go to the first case that holds, else next
	KindSet     Kind = "set"     // set slots, then next
	KindCall    Kind = "call"    // run another flow, then come back to next
	KindGoto    Kind = "goto"    // switch to another flow for good (goto_flow)
	KindHandoff Kind = "handoff" // hand the conversation to a person
	KindEnd     Kind = "end"     // end the conversation, optionally asking for satisfaction
)

// Step is one step of a flow. Every kind may first say messages (Say), with
// Pause between them; then it does its action.
type Step struct {
	Pos  Pos
	ID   string
	Kind Kind

	Say   []Text        // messages sent first, in order
	Pause time.Duration // pause (typing) before each message after the first; also before the step's question
	// Acknowledge asks the engine to acknowledge the person's feeling (distress,
	// anger, anxiety) once, in plain words, before this step's messages; never
	// twice in a row.
	Acknowledge bool
	// OwnAck says that this step's messages acknowledge what the person
	// told in words of their own ("What you describe is not OK, and it's
	// not your fault"): a feeling named earlier in the same turn by
	// Acknowledge ("I understand you're angry", heard in the words of
	// harassment) is taken back, the step's words said in its place.
	OwnAck bool
	Next   string // the step that follows (say, ask, set, call, branch default); "" finishes the flow

	Choose  *Choose
	Ask     *Ask
	Branch  []Case
	Set     map[string]string // slot → value (a template)
	Call    string            // flow id (KindCall)
	Goto    string            // flow id (KindGoto)
	Handoff *Handoff
	End     *End

	// FollowUp, when set, offers a check-in later (see FollowUp), written
	// on the step (follow_up:) or in its end (end: {follow_up: …}). On an
	// end step its consent question follows the end text and the
	// satisfaction score, if one is asked; on any other step it follows
	// the step's say messages, and the step's action (its question, its
	// next step, its hand-off…) comes after the answer.
	FollowUp *FollowUp
}

// Choose is a question with buttons.
type Choose struct {
	Text    Text
	Choices []*Choice
	// NoRecall keeps the question from being answered by what the person
	// said in an earlier message (recall: false); see Choice.Said.
	NoRecall bool
	// FreeText, when set, takes words written instead of a button as an
	// answer ("What's going on?" answered by telling it): see FreeText.
	FreeText *FreeText
}

// FreeText is what a question with buttons does with a message that is
// none of them and asks for nothing else (no other flow, no person, no
// cancel): it keeps the words in Slot and goes on at Next, as an ask with
// validate: text would. A word or two that say nothing ("ok", "hmm")
// still get the question again.
type FreeText struct {
	Pos  Pos // of its next
	Slot string
	Next string // step of this flow
}

// Choice is one button. It leads to Next (a step of this flow) or to Flow
// (another flow, for good), exactly one of them.
type Choice struct {
	Pos   Pos
	ID    string
	Label Text
	Next  string
	Flow  string
	Set   map[string]string // slots set when chosen (optional)
	// Synonyms are, per language, words a person may write for this answer
	// rather than the label ("money back" for "Ask for a refund", "never
	// came" for "It never arrived"): a message holding one, in a clause
	// that denies as the phrase does, chooses the button when no other
	// button's phrase is there too. A word ending in * stands for any
	// word it starts ("rembours*"). Optional.
	Synonyms map[string][]string
	// Said is said instead of the question when an earlier message of the
	// conversation already named this button ("You said it's late."); a
	// button without it gets the common MsgAlreadySaid, and with neither
	// the question is asked.
	Said Text
}

// Validation kinds for Ask.Validate.
const (
	ValidateText     = "text"      // anything not blank
	ValidateNumber   = "number"    // a number, within Min and Max when set
	ValidateEmail    = "email"     // an e-mail address
	ValidatePhone    = "phone"     // a phone number
	ValidateOrderRef = "order_ref" // an order reference such as AB-123456
	ValidatePattern  = "pattern"   // Pattern must match the whole answer
)

// Ask is a free-text question whose answer is saved in Slot.
type Ask struct {
	Text     Text
	Slot     string
	Validate string         // one of the Validate* kinds; default text
	Pattern  *regexp.Regexp // for ValidatePattern (and to override order_ref)
	Min, Max *float64       // for ValidateNumber
	Invalid  Text           // the kind re-prompt after an invalid answer
	Attempts int            // invalid answers allowed before OnFail (default 3)
	OnFail   string         // step of this flow after Attempts invalid answers; "" offers a person (HumanFlow)
	// NoRecall keeps the question from being answered by what the person
	// said in an earlier message (recall: false). Only order_ref, email
	// and pattern questions are (Token): a free text is a story, a number
	// could be anything.
	NoRecall bool
	// Said is said instead of the question when an earlier message gave
	// the answer ("You gave me order {{order}} already."); without it the
	// common MsgAlreadySaid, and with neither the question is asked.
	Said Text
}

// Recalls reports whether a's answer may come from an earlier message.
func (a *Ask) Recalls() bool { return !a.NoRecall && a.Token() }

// Token reports whether a's answer is one word that a sentence may hold:
// an order reference, an e-mail address, or a reference of the flow's own
// pattern, which in a sentence must hold a digit (a pattern for invoice
// numbers would take "the" as well as "INV-204511").
func (a *Ask) Token() bool {
	return a.Validate == ValidateOrderRef || a.Validate == ValidateEmail || a.Validate == ValidatePattern
}

// Case is one branch: it holds when its condition does, and leads to Goto.
// Exactly one of Signal, Slot, Staffed and Audience is set.
type Case struct {
	Pos    Pos
	Signal string // a care signal: distress, anger, anxiety, lonely, grief, vulnerable, senior, pregnant, disabled, confused, acknowledged
	Slot   string // holds when the slot is set (and equals Equals, when Equals is set)
	Equals string
	// Staffed names a hand-off queue: the case holds when a person can come
	// for it now (a desk runs and, for the terminal desk, an agent is there),
	// so that a flow says "a person will write to you" only when one can.
	Staffed string
	// Audience holds when the person writes as a customer or as an employee
	// (the staff Slack): one welcome greets both, each in its own words.
	Audience string
	// Said names a button of one of this flow's questions: the case holds
	// when the message that brought the person to the flow names it, by
	// its label or its synonyms, as it would answer that question ("my
	// coworker said he'd hurt me if I reported him" names peer support's
	// harassment button). A branch on a feeling need not then send the
	// person past the question that button is in.
	Said string
	Goto string // step of this flow
}

// Signals a Case may test.
var Signals = []string{"distress", "anger", "anxiety", "lonely", "grief", "vulnerable", "senior", "pregnant", "disabled", "confused", "acknowledged"}

// Handoff hands the conversation to a person.
type Handoff struct {
	Queue    string // which team ("billing", "delivery", "peer"…)
	Priority string // normal, high or urgent (default normal; raised by care signals)
	Reason   string // a short reason for the agent
	Text     Text   // what the person is told
	// OnTimeout is the step of this flow to continue at when nobody comes in
	// time; "" keeps waiting.
	OnTimeout string
	// Closed is said when the hand-off ends, instead of the common
	// handoff_closed message (a peer connected, rather than a case resolved).
	Closed Text
	// Waiting is said when the person writes while the hand-off waits,
	// instead of the common handoff_waiting message ("I've passed your
	// message on"): colleagues asked anonymously in a channel never see
	// what is written here. Optional.
	Waiting Text
}

// End ends the conversation.
type End struct {
	Text         Text // optional last words
	Satisfaction bool // ask for a 1 to 5 score
}

// Pos is a position in a flow file.
type Pos struct {
	File      string
	Line, Col int
}

// Error is one problem in a flow file, reported to support leads as
// FILE:LINE:COL: message.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string {
	if e.Pos.Line == 0 {
		return e.Pos.File + ": " + e.Msg
	}
	return e.Pos.File + ":" + strconv.Itoa(e.Pos.Line) + ":" + strconv.Itoa(e.Pos.Col) + ": " + e.Msg
}

// Errors is every problem found in a flow set, in file and line order.
type Errors []*Error

func (es Errors) Error() string {
	s := ""
	for i, e := range es {
		if i > 0 {
			s += "\n"
		}
		s += e.Error()
	}
	return s
}
