package bot

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/nlu"
)

// Thresholds of the router's confidence that change the engine's course.
const (
	// switchConfidence lets a message leave the current question for another flow.
	switchConfidence = 0.75
	// maxSteps bounds the steps one turn may run (a loop of branches in a flow).
	maxSteps = 64
	// seenCap is how many message IDs a session remembers for de-duplication.
	seenCap = 32
	// turnCap is how many bytes of one turn the history keeps.
	turnCap = 280
	// waitRepeat: while a person is awaited, the waiting line is said again
	// after this many messages without an answer.
	waitRepeat = 4
	// carefulPause is the least pause before each reply after the first of a
	// turn, for a person who needs things slower (turn.careful): time to
	// read one message before the next arrives.
	carefulPause = 1500 * time.Millisecond
	// replyRoom is how many replies a turn's result has room for before it
	// grows: most turns say one to three things.
	replyRoom = 4
)

// result is what one turn produced, beyond the session it changed.
type result struct {
	replies []Reply
	slots   [][]string // per reply, the slot values filled in (they must survive rephrasing)
	outcome Outcome
	handoff *Handoff // opened in this turn
	// relay is the open hand-off the person's words go to; withdrawn the one
	// they cancelled.
	relay     *Handoff
	relayText string
	withdrawn *Handoff
	// askStaff names a queue the engine must ask the desk about (can a
	// person come?) before this turn can be decided; the turn is then
	// discarded and run again with the answer.
	askStaff string
	// unstaffed is a hand-off that was asked for but that nobody can take:
	// the person was told so, and given the configured contacts.
	unstaffed *Handoff
	score     int    // a satisfaction score given in this turn
	flow      string // where the turn left the conversation, for logs
	step      string
	// schedule is a follow-up the person agreed to; cancel, when not "",
	// why their scheduled one must go; care the care outcomes noticed.
	schedule *FollowUp
	cancel   string
	care     []CareEvent
	// watch, when set, is when the wait the turn started counts as
	// abandoned: the engine enters the conversation in its IdleIndex,
	// with the session's ForgetMark (watchMark).
	watch     time.Time
	watchMark int64
}

// turn is one message being handled. advance is pure: the same session,
// message and analysis give the same result, so the store may run it again
// after a lost race.
type turn struct {
	e     *Engine
	s     *Session
	m     *Message // the message, where the caller keeps it
	text  string
	an    nlu.Analysis
	now   time.Time
	lang  string
	res   result
	acked bool
	// ackReply is where in res.replies this turn's feeling was named
	// (acknowledge), -1 for none: a step that acknowledges in its own
	// words (flow.Step.OwnAck) takes it back.
	ackReply int
	// surveyed: the satisfaction question was waiting and this turn's
	// message passed it over, so no flow's end asks it again in this
	// turn ("great thanks" after it went to the goodbye flow, which asked
	// it a second time).
	surveyed bool
	// careful is set for a person who said they are older, pregnant or
	// disabled, or who sounds in distress: they get the flows' simple
	// variants, slower pacing and a person offered first.
	careful bool
	// choseFor is set once choiceSaid looked at a question: only the
	// first one a turn meets may be answered by its message.
	choseFor bool
	// knownKept: the flow was started again from a check-in, with what
	// it knew then (its order number): a question whose answer is known
	// is not asked again (checkInNewProblem).
	knownKept bool
	// started is set when this message started a flow: only then may it
	// answer a question (choiceSaid), not when it answered another one.
	started bool
	// freeTold is set when this message's words were taken as the answer
	// of a question's free_text: a goto_flow they lead to starts its flow
	// with them, as the router would have (started).
	freeTold bool
	// storyKept is set when a free_text question on the way took this
	// message's words as what happened: a later one on the way in the
	// same turn takes them too, rather than ask for them again.
	storyKept bool
	// atRisk is set when this message said, for the first time in the
	// conversation, that the person is older, pregnant or disabled.
	atRisk bool
	// contactsSaid is set once this turn gave the team's contacts: a
	// question of how to reach the team said with a request nobody can
	// take gets them once.
	contactsSaid bool
	// toldBot is set once this turn said what carebot is (about_bot): a
	// question it then cannot read as an answer is asked again without
	// "sorry, I didn't catch which one you meant".
	toldBot bool
	// staff says, per queue, whether a person can come now (asked of the
	// desk before the turn, see Engine.HandleMessage).
	staff map[string]bool
	// resume is a step whose follow-up consent was just answered: it runs
	// its action without saying its messages again.
	resume string
	// carryOn: the flow that paused for a reference ("whenever you have
	// it, just write it here and we'll carry on") was started again by
	// it (byReference): the steps up to its first question say nothing
	// again, as they were said minutes ago in the same matter.
	carryOn bool
	// recall is the question the turn before answered from an earlier
	// message (Session.Recalled): this message may correct it.
	recall string
	// normText is normalize(text) once normDone (see turn.word).
	normText string
	normDone bool
	// textWords are words(text) once wordsDone (see turn.words); nothing
	// that reads them changes them.
	textWords []string
	wordsDone bool
}

// word is the message folded for exact matching (normalize), made once a
// turn: several of its steps compare it.
func (t *turn) word() string {
	if !t.normDone {
		t.normText, t.normDone = normalize(t.text), true
	}
	return t.normText
}

// words are the message's words (see words), made once a turn: several
// of its steps read them.
func (t *turn) words() []string {
	if !t.wordsDone {
		t.textWords, t.wordsDone = words(t.text), true
	}
	return t.textWords
}

// advance runs one message against the session and returns what to say.
// It runs on e's version of the flows; restart says that the session's
// version is gone and its place no longer exists (see versions.go). staff
// says, per queue, whether a person can come (see Engine.HandleMessage).
func (e *Engine) advance(s *Session, m Message, text string, an nlu.Analysis, now time.Time, restart bool, staff map[string]bool) result {
	var res result
	e.advanceInto(&res, s, &m, text, &an, now, restart, staff)
	return res
}

// advanceInto is advance writing its result to out. The engine's turns
// call it with their message and analysis where they are, rather than
// copies on the stack of every turn. The replies are appended to
// out.replies and out.slots as given (nil, or empty arrays to reuse).
func (e *Engine) advanceInto(out *result, s *Session, m *Message, text string, an *nlu.Analysis, now time.Time, restart bool, staff map[string]bool) {
	if s.Forgotten && m.Event != "" {
		// The desk's word on the forgotten conversation's ticket (taken,
		// timed out, closed): nothing of it is said after the
		// confirmation, and the tombstone stays one, to go once that is
		// delivered.
		*out = result{outcome: OutcomeDuplicate}
		return
	}
	s.expireForgetMark(now)
	if m.Order != 0 && m.Order <= s.ForgetMark && m.Event == "" {
		// Said before the person's /forget (in flight on another
		// replica when it landed, or redelivered by the platform):
		// nothing said before it may be kept. Answered as a duplicate,
		// and nothing saved. The store's compare-and-set checks that the
		// session this is decided on is still the stored one.
		*out = result{outcome: OutcomeDuplicate}
		return
	}
	if s.Created.IsZero() {
		s.Created = now
	}
	if m.ID != "" {
		if slices.Contains(s.Seen, m.ID) {
			*out = result{outcome: OutcomeDuplicate, flow: s.Flow, step: s.Step}
			return
		}
		s.Seen = appendCapped(s.Seen, m.ID, seenCap)
	}
	// After /forget the conversation starts afresh on its tombstone, which
	// holds nothing of the one before (see Session.Forgotten).
	s.Forgotten = false
	since := now.Sub(s.Updated)
	s.Updated = now
	if since >= ackForget && m.Event == "" {
		s.Acks = 0
	}
	// The replies go into the arrays the caller gave in *out, if any (a
	// turn to the outbox, see turnRun.update).
	t := &turn{e: e, s: s, m: m, text: text, an: *an, now: now, res: result{outcome: OutcomeFlow, replies: out.replies, slots: out.slots}, staff: staff, ackReply: -1}
	t.setLanguage()
	if text != "" && m.Event == "" {
		t.remember(SpeakerPerson, text)
		t.recall, s.Recalled = s.Recalled, ""
	}
	t.crisisAfterDistress()
	t.mergeSignals()
	t.beforeRun(since)
	t.careful = s.Signals.Distress || len(s.Signals.Vulnerable) > 0
	if restart {
		t.restart()
	} else {
		t.run()
	}
	t.flowMovedOn()
	t.watch()
	for _, r := range t.res.replies {
		t.remember(SpeakerBot, r.Text)
	}
	s.Acked = t.acked
	s.FlowsVersion = t.e.flows.Version
	t.res.flow, t.res.step = s.Flow, s.Step
	*out = t.res
}

func (t *turn) setLanguage() {
	s, e := t.s, t.e
	switch {
	case s.LangChosen && s.Lang != "":
	// A command (/bye, /menu) is the same word in every language: it says
	// nothing of the language a conversation already has.
	case s.Lang != "" && strings.HasPrefix(strings.TrimSpace(t.text), "/"):
	// Nor does a yes or a no in the conversation's own words that reads
	// as another language's ("y" as French, « go » as English): the
	// person answered in their language (yesno.go), and was answered, and
	// then talked to, in the other.
	case s.Lang != "" && t.an.Lang != "" && t.an.Lang != s.Lang && t.ownLittleWords(s.Lang):
	case t.an.Lang != "":
		s.Lang = t.an.Lang
	case s.Lang != "":
	default:
		s.Lang = e.language(t.m.Lang)
	}
	if s.Lang == "" {
		s.Lang = e.defaultLang()
	}
	t.lang = s.Lang
}

// crisisAfterDistress takes a message the learned crisis signal leans on
// (nlu.Analysis.CrisisLeaning) as a crisis when an earlier message of
// the conversation was distress of sorrow (Signals.Sorrow): "i'm not ok"
// then "i just want to sleep and not have to come back to any of this" is
// a crisis said across two messages, while the second alone is not heard
// as one. A crisis said before is sorrow too, so every message after it
// is read so. An angry customer's distress alone is not ("this is the
// worst service ever", then "nobody would even notice if I stopped
// paying" brought the safety message and an urgent hand-off, review19b).
func (t *turn) crisisAfterDistress() {
	if t.an.CrisisLeaning && t.s.Signals.Sorrow && t.m.Event == "" {
		t.an.Signals.Crisis, t.an.Signals.Distress = true, true
	}
}

func (t *turn) mergeSignals() {
	sig := &t.s.Signals
	a := t.an.Signals
	// A person who wrote of a crisis is in distress for the rest of the
	// conversation, whatever comes next.
	sig.Distress = sig.Distress || a.Distress || a.Crisis || a.Lonely || a.Grief
	sig.Lonely = sig.Lonely || a.Lonely
	sig.Grief = sig.Grief || a.Grief
	// Sorrow is distress not said in anger alone (Signals.Sorrow).
	sig.Sorrow = sig.Sorrow || (a.Distress && !a.Anger) || a.Crisis || a.Lonely || a.Grief
	sig.Anger = sig.Anger || a.Anger
	sig.Anxiety = sig.Anxiety || a.Anxiety
	for _, v := range a.Vulnerable {
		if !slices.Contains(sig.Vulnerable, v) {
			t.atRisk = t.atRisk || len(sig.Vulnerable) == 0
			sig.Vulnerable = append(sig.Vulnerable, v)
		}
	}
}

func (t *turn) run() {
	if t.askedLanguage() {
		return
	}
	s, m := t.s, t.m
	hours := t.hoursAsked()
	if t.an.Contact && m.Event == "" && !t.an.Signals.Crisis && s.Handoff == nil && !hours {
		// "What's your number?", "who do I call about this?": the
		// team's contacts for one who wanted them, and the rest of the
		// turn for one who wanted a person or a topic (a request heard
		// with it brings the human flow, a topic its flow; the fallback
		// offers a person).
		t.contacts(false)
	}
	if t.an.AboutBot && !t.an.Escalate && m.Event == "" && !t.an.Signals.Crisis && s.Handoff == nil {
		// "Are you a bot?": said plainly, then the rest of the turn (the
		// menu, or the question waiting, asked again). One who asks for a
		// person with it gets the hand-off, which answers them better.
		if _, ok := t.e.flows.Common.Messages[flow.MsgAboutBot]; ok {
			t.say(flow.MsgAboutBot)
			t.toldBot = true
		}
	}
	switch {
	case m.Event != "":
		t.event()
	case t.an.Signals.Crisis:
		t.crisis()
	case m.Media != "" && t.text == "" && m.Choice == "" && s.Handoff == nil:
		t.say(flow.MsgNotText)
		t.repeat()
	case s.Handoff != nil:
		t.waiting()
	case t.isCancel():
		t.cancel()
	case hours:
		// "when are you open?": the hours, or the truth that we do not
		// know them, and what the person can do.
		t.hours()
	case m.Choice != "":
		t.press()
	case t.text == "":
		t.repeatOrWelcome()
	case t.command():
	case t.an.Escalate:
		t.escalate()
	case t.an.Menu && s.Pending != PendingConsent && s.Pending != PendingCheckIn:
		// "take me back to the main menu": as "menu", without the
		// greeting of a first message.
		t.cancel()
	case t.buttonsTrouble():
	case (t.an.Lost || t.loneQuestionMark()) && s.Pending != PendingConsent && s.Pending != PendingCheckIn && !t.ownWords() && !t.toldBesideLost():
		t.lost()
	case s.Pending == PendingConsent:
		t.consentText()
	case s.Pending == PendingCheckIn:
		t.checkInText()
	case s.Pending == PendingSatisfaction:
		t.satisfaction()
	case s.Pending == PendingClarify:
		t.clarifyAnswer()
	case t.resolvedByItself():
		t.resolved()
	case t.goneAfterNoted():
		t.say(flow.MsgResolved)
		s.LastNoted = false
	case t.goodNews():
		t.say(flow.MsgResolved)
		t.reset()
	case t.customerQuestion():
		// "where is my order" on the staff Slack: what this bot is for,
		// where customers' questions go, and the question waiting.
		t.say(flow.MsgCustomerQuestion)
		t.contacts(false)
		t.repeatOrWelcome()
	case t.waitingStep() != nil:
		t.answer(t.waitingStep())
	case t.refusedPromiseIdle():
	default:
		t.route()
	}
}

// ---- interruptions ----

// handoffWaiting is the waiting: text of the step that opened the
// session's hand-off, if it has one.
func (t *turn) handoffWaiting() flow.Text {
	h := t.s.Handoff
	if f := t.e.flows.Flow(h.Flow); f != nil {
		if st := f.Step(h.Step); st != nil && st.Handoff != nil {
			return st.Handoff.Waiting
		}
	}
	return flow.Text{}
}

// askedLanguage reads a message asking to go on in another language ("can
// we speak French please?", « vous parlez anglais ? », "in English
// please": common.yaml's language_words, in any language). The
// conversation is in that language from then on, whatever later messages
// look like (Session.LangChosen), and says so in it (language_changed).
// The rest of the message is then read as a message of its own: "parlez
// vous français ? ma commande n'est pas arrivée" goes to the order flow,
// "can I talk to someone in French" to a person. With nothing more, the
// question waiting is asked again in that language, or the menu shown; it
// reports that it answered so. Before, "can we speak in French please?"
// was read as a request for a person ("speak"), and « parlez-vous français
// ? » at "what is your order number?" as a wrong order number.
func (t *turn) askedLanguage() bool {
	s, m := t.s, t.m
	if m.Event != "" || m.Choice != "" || s.Handoff != nil || t.an.Signals.Crisis || t.text == "" || t.e.model == nil {
		return false
	}
	words := t.e.flows.Common.LanguageWords
	if len(words) == 0 || !anchored(t.text, t.e.langAnchors) {
		return false
	}
	// The request said last counts: "I speak French but write to me in
	// English" asks for English. Every way the message asks for it goes
	// from the rest ("can we speak in French please": "speak in french"
	// and "french please").
	cls := clausesOf(t.text)
	if !t.anyIn(words, cls) {
		return false
	}
	// A phrase may name the person asked for as well ("an agent in
	// english", « un conseiller en anglais »): taken out with it, the
	// request for a person must not be (person).
	lang, rest, end, person := "", "", -1, false
	var chosen [][]bool
	for _, l := range t.e.flows.Common.Languages {
		marks, last, named := make([][]bool, len(cls)), -1, false
		for i, cl := range cls {
			marks[i] = make([]bool, len(cl.ws))
		}
		for _, p := range words[l] {
			at := t.e.phrase(p).mark(cls, true, marks)
			named = named || at >= 0 && t.e.model.NamesStaff(p)
			last = max(last, at)
		}
		if last > end {
			lang, rest, end, person, chosen = l, unmarked(cls, marks), last, named, marks
		}
	}
	if lang == "" || t.languageOfAThing(cls, chosen) {
		return false
	}
	s.Lang, s.LangChosen, t.lang = lang, true, lang
	if _, ok := t.e.flows.Common.Messages[flow.MsgLanguageChanged]; ok {
		t.say(flow.MsgLanguageChanged)
	}
	t.text, t.an = rest, nlu.Analysis{}
	t.normDone, t.wordsDone = false, false // word and words were of the whole message
	if rest != "" {
		t.an = t.e.model.AnalyzeFor(t.e.audience(m.From), lang, rest)
	}
	if person {
		// "Can I have an agent in English?": the person asked for
		// comes, said in that language, whatever else is left.
		t.escalate()
		return true
	}
	if t.saysMore() {
		return false
	}
	t.repeatOrWelcome()
	return true
}

// languageOfAThing reports whether a request for a language follows,
// in its sentence, what the person needs: "could I get my invoice in
// French please?", "send the invoice to me in French" ask for a French
// invoice, not a French conversation. The words before the phrase must
// be a need the router is sure of and name it with one of its flow's
// keywords (the router alone is sure of "je voudrais" too); said first
// ("in French please, my invoice is wrong") or with a verb of speaking
// ("can we speak in French about my order?"), the phrase asks for the
// conversation.
func (t *turn) languageOfAThing(cls []clause, marks [][]bool) bool {
	for ci, cl := range cls {
		i := slices.Index(marks[ci], true)
		if i <= 0 {
			continue
		}
		an := t.e.model.AnalyzeFor(t.e.audience(t.m.From), t.lang, strings.Join(cl.ws[:i], " "))
		f := t.e.flows.Flow(an.Flow)
		if f == nil || !slices.Contains(problemCategories, f.Category) || an.Alternative != "" || an.Confidence < switchConfidence {
			continue
		}
		before := []clause{{ws: cl.ws[:i]}}
		for _, kws := range f.Triggers.Keywords {
			for _, kw := range kws {
				if newPhrase(kw).in(before, false) {
					return true
				}
			}
		}
	}
	return false
}

// buttonsTrouble answers one who cannot use carebot's buttons ("the
// buttons don't work for me", "I use a screen reader", « je n'arrive pas
// à appuyer sur les boutons »: button_words): being at risk is heard,
// buttons_help says an answer may be written (its number or its words,
// which every question reads), and the question waiting or the menu comes
// again. Before, the router's guess was followed: "I'm blind and use a
// screen reader, the buttons don't work for me" opened the account flow.
// It reports whether it answered.
func (t *turn) buttonsTrouble() bool {
	c := t.e.flows.Common
	if _, ok := c.Messages[flow.MsgButtonsHelp]; !ok || len(c.ButtonWords) == 0 || !anchored(t.text, t.e.buttonAnchors) {
		return false
	}
	cls := clausesOf(t.text)
	if !t.anyIn(c.ButtonWords, cls) {
		return false
	}
	for _, ps := range c.ThingWords {
		for _, p := range ps {
			if t.e.phrase(p).in(cls, false) {
				// The buttons of a thing the person got from us ("the
				// buttons don't work on the tv remote you sent me", in a
				// clause that denies): a complaint, read as any message.
				return false
			}
		}
	}
	// The buttons of a thing bought are a complaint: "the headphones I
	// ordered arrived but the buttons don't work", "I ordered a screen
	// reader and it never came" go where the rest of the message asks.
	var ps []string
	for _, byLang := range c.ButtonWords {
		ps = append(ps, byLang...)
	}
	if _, asks := t.asksBesides(ps, true); asks {
		if t.usesAssistiveTech() {
			// "I'm blind and use a screen reader, your buttons don't work
			// for me. my refund never came": the need goes where it
			// belongs, and the person first hears that answers may be
			// written. Before, the need's questions came with buttons
			// only, as if the first sentence had not been read.
			t.say(flow.MsgButtonsHelp)
		}
		return false
	}
	t.listened()
	t.say(flow.MsgButtonsHelp)
	t.repeatOrWelcome()
	return true
}

// usesAssistiveTech reports a message that names a screen reader or the
// like ("screen reader", "VoiceOver", « lecteur d'écran »): what the
// person uses to read us, whatever else they ask. One bought is a thing
// (thing_words, read before).
func (t *turn) usesAssistiveTech() bool {
	ws := t.words()
	for i, w := range ws {
		next := ""
		if i+1 < len(ws) {
			next = ws[i+1]
		}
		switch {
		case assistiveWords[w], w == "screen" && next == "reader", w == "lecteur" && next == "d" && i+2 < len(ws) && ws[i+2] == "ecran":
			return true
		}
	}
	return false
}

// assistiveWords name, in one word, what a person uses to read a screen.
var assistiveWords = wordSet(`screenreader voiceover talkback jaws nvda`)

// anyIn reports whether cls holds a phrase of words, of any language, in
// a clause that denies as it does.
func (t *turn) anyIn(words map[string][]string, cls []clause) bool {
	for _, ps := range words {
		for _, p := range ps {
			if t.e.phrase(p).in(cls, true) {
				return true
			}
		}
	}
	return false
}

// saysMore reports whether what is left of a message once its request for
// a language is taken out asks for something: a person, the team's
// contacts, what carebot is, a flow the router is sure of, a feeling, or
// the answer to the question waiting.
func (t *turn) saysMore() bool {
	an := t.an
	if an.Escalate || an.Contact || an.AboutBot || an.Signals.Distress || an.Signals.Anger || an.Signals.Anxiety {
		return true
	}
	if an.Flow != "" && an.Flow != t.e.flows.Common.FallbackFlow && an.Flow != t.e.flows.Common.StartFlow && an.Alternative == "" && an.Confidence >= switchConfidence {
		return true
	}
	if st := t.waitingStep(); st != nil && st.Ask != nil && t.text != "" {
		_, ok := st.Ask.Answer(t.text)
		return ok && st.Ask.Validate != flow.ValidateText
	}
	return false
}

func (t *turn) crisis() {
	s := t.s
	s.Also = ""
	t.res.outcome = OutcomeCrisis
	t.reply(Reply{Text: t.e.message(flow.MsgCrisis, t.lang, s.Slots), Verbatim: true}, nil)
	if s.Handoff != nil && s.Handoff.Priority == PriorityUrgent {
		// Already with the urgent team (awaited, alerted or there): say
		// the safety message again, open nothing twice, and let whoever
		// holds the ticket read what was written.
		if t.text != "" {
			t.res.relay, t.res.relayText = cloneHandoff(s.Handoff), relayText(t.m.Text)
		}
		t.reset()
		return
	}
	h := t.newHandoff(t.e.flows.Common.CrisisQueue, PriorityUrgent, crisisReason, "", "")
	staffed, known := t.staffed(h.Queue)
	if !known {
		return
	}
	alert := staffed
	if !staffed {
		if alert, known = t.alertable(h.Queue); !known {
			return
		}
	}
	t.reset()
	if !staffed && alert {
		// Nobody can be promised, but the team's channel is there and
		// someone on call may see it: the urgent ticket opens all the
		// same, and the session keeps it (alerted, not waiting: nothing
		// says a person will reply), so that the person's words reach
		// its thread, a repeat crisis opens no second card, and an agent
		// who takes it keeps its ID and its urgency.
		h.Status = HandoffAlerted
		s.Handoff = h
		t.reply(Reply{Text: t.e.message(flow.MsgCrisisAlertUnstaffed, t.lang, s.Slots), Verbatim: true}, nil)
		t.contacts(false)
		t.res.handoff = cloneHandoff(h)
		return
	}
	if !staffed && t.crisisToColleagues(h) {
		return
	}
	if !staffed {
		// Nobody to alert: the safety message stands alone with its
		// emergency numbers, then the ways to reach the team, and nothing
		// waits for a person who will not come.
		t.res.unstaffed = h
		t.contacts(false)
		return
	}
	s.Handoff = h
	// Only a desk can alert anyone: without one, the bot promises nothing.
	t.reply(Reply{Text: t.e.message(flow.MsgCrisisAlert, t.lang, nil), Verbatim: true}, nil)
	t.res.replies[len(t.res.replies)-1].Handoff = cloneHandoff(h)
	t.res.handoff = cloneHandoff(h)
}

// crisisToColleagues hands a colleague's crisis to the peer-support
// channel when it is the one place anybody can be reached (the staff
// Slack with no desk to come or to alert): before, the safety message
// stood alone and nobody was alerted. The request is urgent and stays in
// the session as a desk crisis does (the same cancel rules, the same
// safety lines while waiting); nobody is promised until a colleague
// joins. A customer is never sent to colleagues.
func (t *turn) crisisToColleagues(h *Handoff) bool {
	if t.e.peer == "" || !t.e.peerOn || t.e.audience(t.m.From) != flow.AudienceEmployee {
		return false
	}
	h.Queue = t.e.peer
	t.s.Handoff = h
	t.reply(Reply{Text: t.crisisLine(flow.MsgCrisisPeerAlert, flow.MsgCrisisAlertUnstaffed), Verbatim: true, Handoff: cloneHandoff(h)}, nil)
	t.contacts(false)
	t.res.handoff = cloneHandoff(h)
	return true
}

// crisisLine is the common message key in the turn's language, or
// fallback where the set lacks it (an optional key).
func (t *turn) crisisLine(key, fallback string) string {
	if _, ok := t.e.flows.Common.Messages[key]; !ok {
		key = fallback
	}
	return t.e.message(key, t.lang, t.s.Slots)
}

// peerUnposted takes back crisis_peer_alert when the urgent request could
// not be posted in the peer channel: nobody was alerted, so nothing waits
// (before, the wait's "no colleague has been able to join you yet" and
// then crisis_peer_waiting's "The colleagues … have been alerted" were
// said). The person hears so, the emergency number and the team's
// contacts; a crisis said again tries the channel again.
func (t *turn) peerUnposted() {
	t.s.Handoff = nil
	t.res.outcome = OutcomeCrisis
	t.reply(Reply{Text: t.crisisLine(flow.MsgCrisisPeerUnposted, flow.MsgCrisis), Verbatim: true}, nil)
	t.contacts(false)
}

// crisisClosed ends a crisis's urgent hand-off that an agent at the desk
// took and closed. Someone who said their life was in danger is not told
// that their "request" is finished nor asked for a score (they were,
// before): they hear that the team ended the conversation, that carebot
// is still there, and the emergency number.
func (t *turn) crisisClosed() {
	t.s.Handoff = nil
	if _, ok := t.e.flows.Common.Messages[flow.MsgCrisisClosed]; ok {
		t.reply(Reply{Text: t.e.message(flow.MsgCrisisClosed, t.lang, t.s.Slots), Verbatim: true}, nil)
	} else {
		t.say(flow.MsgHandoffClosed)
		t.reply(Reply{Text: t.e.message(flow.MsgCrisis, t.lang, t.s.Slots), Verbatim: true}, nil)
	}
	t.reset()
}

// agentLeft ends a hand-off whose agent left the desk without ending it.
// The person had been told that the agent was there, and then heard
// nothing more: now they hear that the agent had to leave and that the
// bot is back, with no score for a conversation nobody finished; one in
// crisis hears the safety message and its emergency number again.
func (t *turn) agentLeft() {
	h := t.s.Handoff
	if h == nil {
		return
	}
	crisis := h.Priority == PriorityUrgent && h.Reason == crisisReason
	t.s.Handoff = nil
	if _, ok := t.e.flows.Common.Messages[flow.MsgHandoffAgentLeft]; ok {
		// The agent's name is a slot value: a rephrased line must keep it.
		t.reply(Reply{Text: t.e.message(flow.MsgHandoffAgentLeft, t.lang, map[string]string{"agent_name": h.Agent})}, []string{h.Agent})
	} else {
		t.say(flow.MsgHandoffClosed)
	}
	if crisis {
		t.reply(Reply{Text: t.e.message(flow.MsgCrisis, t.lang, t.s.Slots), Verbatim: true}, nil)
	}
	t.reset()
}

// peerCrisis reports a crisis's urgent request waiting in the peer
// channel (crisisToColleagues).
func (t *turn) peerCrisis() bool {
	h := t.s.Handoff
	return h != nil && h.Priority == PriorityUrgent && h.Reason == crisisReason && t.e.isPeer(h)
}

// staffed reports whether a person can come for a hand-off to queue. known
// is false when the desk must be asked first: the turn records the
// question and stops, and the engine runs it again with the answer.
func (t *turn) staffed(queue string) (staffed, known bool) {
	if t.e.peer != "" && queue == t.e.peer {
		return t.e.peerOn, true
	}
	if t.e.desk == nil {
		return false, true
	}
	if _, ok := t.e.desk.(Staffer); !ok {
		return true, true
	}
	staffed, known = t.staff[queue]
	if !known {
		t.res.askStaff = queue
	}
	return staffed, known
}

// alertKey is the key of t.staff that says whether the team of queue can be
// alerted when nobody can come (Alerter).
func alertKey(queue string) string { return "alert\x00" + queue }

// alertable reports whether the team of queue can be alerted although
// nobody can come for it now; known as for staffed.
func (t *turn) alertable(queue string) (alert, known bool) {
	if _, ok := t.e.desk.(Alerter); !ok {
		return false, true
	}
	alert, known = t.staff[alertKey(queue)]
	if !known {
		t.res.askStaff = alertKey(queue)
	}
	return alert, known
}

// contacts gives the ways to reach a person that the operator configured,
// one line each; with none, and when unavailable is set (the person asked
// for someone), it says the bot is still there. Given once a turn.
func (t *turn) contacts(unavailable bool) {
	if t.contactsSaid {
		return
	}
	keys := t.e.contactKeys(t.lang)
	for _, key := range keys {
		t.say(key)
	}
	given := len(keys) > 0
	if !given && unavailable {
		t.say(flow.MsgContactNone)
	}
	t.contactsSaid = given
}

func (t *turn) isCancel() bool {
	if c, ok := command(t.text); ok {
		return c == "/cancel" || c == "/stop" || c == "/annuler"
	}
	if t.participleOfCancel() {
		return false
	}
	if t.wholeIs(t.e.cancel) {
		return true
	}
	// A change of mind in the middle of something: "actually no, cancel
	// that", "oh wait, I changed my mind", « en fait non, c'est bon, je la
	// garde ». Before, "actually no, cancel that" at the payment flow's
	// question opened the cancellation flow, and « non en fait laisse
	// tomber » got "I didn't catch which one you meant". Read only where
	// something is going on: elsewhere, such words are read as before.
	busy := t.s.Handoff != nil || t.s.Flow != "" && t.s.Flow != t.e.flows.Common.StartFlow || t.s.Pending == PendingClarify
	return busy && len(t.text) <= 80 && covered(t.words(), t.e.cancelPhrases, changeWords)
}

// participleOfCancel reports a French word written with its final accent
// that is a cancel word without it: « oublié » (forgotten) is not «
// oublie » (forget it), nor « annulé » « annule ». Words are compared
// without their accents, so « oublié » at "Que se passe-t-il ?", which
// takes "J'ai oublié mon mot de passe", stopped the flow. An accent left
// out is forgiven ("arreter"); one written is read.
func (t *turn) participleOfCancel() bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(t.text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if !strings.HasSuffix(w, "é") {
			continue
		}
		f := flow.Fold(w)
		for _, ws := range t.e.cancel {
			if ws[f] {
				return true
			}
		}
	}
	return false
}

// changeWords are the little words said around a change of mind ("no",
// "actually", "oh wait", "sorry", « en fait », « bon », « c'est bon », «
// euh », « désolé »), and the
// polite ones: with a cancel_words phrase among them, the whole message
// stops what is going on (see isCancel).
var changeWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`no non nah nope actually oh ah wait sorry ok okay so well um hmm please
		en fait finalement bon c est ca ah oups oops pardon svp stp attendez attends
		nan euh heu hum bah ben desole desolee dsl`) {
		m[w] = true
	}
	for w := range politeWords {
		m[w] = true
	}
	return m
}()

// isDecline reports whether the whole message says no to what the bot
// just offered ("no thanks", « non merci »): a decline word of any
// language, or "no" or « non ».
func (t *turn) isDecline() bool {
	return t.wholeIs(t.e.decline)
}

// wholeIs reports whether the whole message, a short one, is one of the
// words of sets (language → normalized words), in any language.
func (t *turn) wholeIs(sets map[string]map[string]bool) bool {
	if len(t.text) > 40 {
		return false
	}
	w := t.word()
	for _, words := range sets {
		if words[w] {
			return true
		}
	}
	return false
}

// cancel stops whatever was going on and shows the menu: the start flow's
// first question, without its greeting.
func (t *turn) cancel() {
	t.s.Also = "" // stopped: not taken to the other need either
	busy := (t.s.Flow != "" && t.s.Flow != t.e.flows.Common.StartFlow) || t.s.Pending != ""
	t.reset()
	if busy {
		t.say(flow.MsgCancelled)
	}
	t.menu()
}

func (t *turn) menu() {
	f := t.e.flows.Flow(t.e.flows.Common.StartFlow)
	if f == nil {
		return
	}
	if st := t.menuStep(f); st != nil {
		t.s.Flow, t.s.Step = f.ID, st.ID
		t.s.Ask++
		t.question(st)
		return
	}
	t.startFlow(f.ID)
}

// menuStep is the start flow's first question on the way this person
// would take through it (its branches decided as for them: an employee's
// welcome has its own menu), or else its first question at all.
func (t *turn) menuStep(f *flow.Flow) *flow.Step {
	if len(f.Steps) == 0 {
		return nil
	}
	seen := map[string]bool{}
	for st := f.Steps[0]; st != nil && !seen[st.ID]; {
		seen[st.ID] = true
		if st.Choose != nil {
			return st
		}
		next := st.Next
		for _, c := range st.Branch {
			if t.holds(c) {
				next = c.Goto
				break
			}
		}
		st = f.Step(next)
	}
	for _, st := range f.Steps {
		if st.Choose != nil {
			return st
		}
	}
	return nil
}

// waiting answers while a person is awaited: only cancel (kept at an
// urgent hand-off by a change of mind: keepsAlert), a person no longer
// wanted (withdraws) and the crisis detector (handled before) change
// anything.
func (t *turn) waiting() {
	t.res.outcome = OutcomeHandoff
	if t.isCancel() && !t.keepsAlert() || t.withdraws() {
		h := t.s.Handoff
		key := flow.MsgHandoffCancel
		if _, ok := t.e.flows.Common.Messages[flow.MsgHandoffEnded]; ok && h.Status == HandoffTaken {
			// Someone was already there: the conversation with them
			// ends; "I've withdrawn your request to talk to a person"
			// was odd once they had come (desk24).
			key = flow.MsgHandoffEnded
		}
		h.Status = HandoffCancelled
		t.s.Handoff = nil
		t.reset()
		t.res.withdrawn = cloneHandoff(h)
		t.reply(Reply{Text: t.e.message(key, t.lang, t.s.Slots), Handoff: cloneHandoff(h)}, nil)
		return
	}
	if t.text != "" || t.m.Media != "" {
		t.raiseForCare()
		t.res.relay, t.res.relayText = cloneHandoff(t.s.Handoff), t.relayed()
	}
	if t.m.Media != "" {
		// The picture itself reaches nobody: the person is told so, not
		// asked "what you need" as if nobody were there.
		if _, ok := t.e.flows.Common.Messages[flow.MsgHandoffNotText]; ok {
			t.say(flow.MsgHandoffNotText)
		} else {
			t.say(flow.MsgNotText)
		}
		return
	}
	if t.s.Handoff.Status == HandoffTaken {
		return // a person holds the conversation: they answer, not the bot
	}
	if t.s.Handoff.Status == HandoffWaiting && t.s.Handoff.Priority < PriorityUrgent {
		// Listen before the waiting line: a feeling, or being at risk
		// said for the first time ("by the way I'm 85 and I'm on my
		// own"), is named, then the line comes again (play25: it got
		// "I've passed your message on" alone).
		t.listened()
	}
	// Say it once, not after every message the person adds; but say it
	// again after a few unanswered lines, so nobody writes into silence,
	// whenever they ask for a person: that request is never left
	// without an answer, and whenever they ask a question (« un
	// technicien va venir chez moi ? » got silence: play25). An alerted
	// team was promised nothing: the person hears that again, never "a
	// person will reply".
	waitText := t.e.message(flow.MsgHandoffWaiting, t.lang, t.s.Slots)
	if w := t.handoffWaiting(); !w.IsZero() {
		// Colleagues asked in their channel never see these words: "I've
		// passed your message on" would be untrue.
		waitText = t.render(w, nil)
	}
	verbatim := false
	switch {
	case t.s.Handoff.Status == HandoffAlerted:
		waitText, verbatim = t.e.message(flow.MsgCrisisAlertUnstaffed, t.lang, t.s.Slots), true
	case t.s.Handoff.Priority == PriorityUrgent && t.s.Handoff.Reason == crisisReason:
		// A person in danger is told that someone is coming and the
		// emergency number, never invited to write "cancel" as the
		// ordinary waiting line does. (A flow's own urgent hand-off is
		// no danger: its person hears the ordinary line.)
		waitText, verbatim = t.crisisWaitText(), true
	}
	if !verbatim && t.pushesForPromise() {
		if _, ok := t.e.flows.Common.Messages[flow.MsgCannotPromise]; ok {
			// "can you promise someone will call me today": refused as
			// at a question (refusedPromise), never met with silence.
			t.reply(Reply{Text: t.e.message(flow.MsgCannotPromise, t.lang, t.s.Slots), Verbatim: true}, nil)
			return
		}
	}
	if !verbatim && waitText == t.e.message(flow.MsgHandoffWaiting, t.lang, t.s.Slots) && t.asksAboutTheWait() {
		if _, ok := t.e.flows.Common.Messages[flow.MsgHandoffHowLong]; ok {
			// "how long?" is a question: answered each time it is
			// asked, never met with silence nor with a time guessed.
			t.say(flow.MsgHandoffHowLong)
			return
		}
	}
	if !verbatim && waitText == t.e.message(flow.MsgHandoffWaiting, t.lang, t.s.Slots) && t.anyIn(t.e.flows.Common.FarewellWords, clausesOf(t.text)) && t.saysOnlyGoodbye() && !t.an.Escalate {
		if _, ok := t.e.flows.Common.Messages[flow.MsgHandoffGoodbye]; ok {
			// "thanks bye" while waiting: the goodbye is heard, and
			// the request stays open; "I've passed your message on"
			// alone let it go unheard (desk24).
			t.say(flow.MsgHandoffGoodbye)
			return
		}
	}
	unanswered := 0
	for i := len(t.s.Recent) - 1; i >= 0 && !t.an.Escalate; i-- {
		r := t.s.Recent[i]
		if r.From == SpeakerPerson {
			unanswered++
			continue
		}
		if r.From == SpeakerBot && r.Text == clip(waitText) && unanswered < waitRepeat && !strings.Contains(t.text, "?") {
			return
		}
		break
	}
	t.reply(Reply{Text: waitText, Verbatim: verbatim}, nil)
}

// raiseForCare makes a waiting hand-off high priority when the person
// says, while waiting, that they are older, pregnant or disabled, or
// sounds distressed ("by the way I'm 85 and I'm on my own", « au fait j'ai
// 85 ans et je suis seule »): as it would have been had they said it
// before it opened (handoffFrom). The relay carries the new priority and
// signals, and the desk raises the ticket (desk.Relayed). Before, the team
// saw it at the normal priority it was opened with (play25).
func (t *turn) raiseForCare() {
	h, sig := t.s.Handoff, t.s.Signals
	if h == nil || h.Status != HandoffWaiting || h.Priority >= PriorityHigh || len(sig.Vulnerable) == 0 && !t.distressNotOfTheWait() {
		return
	}
	h.Priority = PriorityHigh
	h.Signals = sig
	h.Signals.Vulnerable = slices.Clone(sig.Vulnerable)
}

// distressNotOfTheWait reports distress said in this message about
// anything but the wait itself: "ugh I'm so sick of waiting", « cette
// attente me tue », "i'm losing my mind, how long does this take" are
// impatience every waiting person may feel, and raised them before older
// tickets of people waiting quietly (review25c). This message's own
// signals, not the conversation's: a complaint of the wait followed by
// "ok" raises nothing either.
func (t *turn) distressNotOfTheWait() bool {
	a := t.an.Signals
	if a.Crisis || a.Lonely || a.Grief {
		return true
	}
	if !a.Distress {
		return false
	}
	return !slices.ContainsFunc(t.words(), func(w string) bool { return waitWords[w] }) && !t.asksAboutTheWait()
}

// waitWords name the wait for a person, in folded words.
var waitWords = wordSet(`wait waiting waited attente attendre attends attend attendu attendue`)

// editedRelay passes a person's edit on to the team during a hand-off:
// before, an edit was dropped and the agent kept the first words (a
// wrong badge number, a wrong order). Nothing is said to the person.
func (t *turn) editedRelay() {
	h := t.s.Handoff
	words := relayText(t.m.Text)
	if h == nil || words == "" {
		return
	}
	t.res.outcome = OutcomeHandoff
	line := t.e.flows.Text(flow.TextPersonEdited, "", map[string]string{"text": words})
	if line == "" {
		line = "✏️ " + words
	}
	t.res.relay, t.res.relayText = cloneHandoff(h), line
}

// relayed is what the team reads of the message: its words (relayText)
// after a note of what else was sent (a photo, a sticker…), which carebot
// cannot pass on: before, a photo sent during a hand-off left no trace in
// the thread. The note is in the desk's language, the flows' first.
func (t *turn) relayed() string {
	words := relayText(t.m.Text)
	if t.m.Media == "" {
		return words
	}
	note := t.e.flows.Text(flow.TextPersonMedia, "", map[string]string{"kind": t.m.Media})
	if note == "" {
		note = "📎 " + t.m.Media
	}
	return strings.TrimSpace(note + " " + words)
}

// crisisWaitText is what a person in crisis hears while the alerted
// person is on the way: crisis_waiting, or crisis_alert again in a set
// without it. Once the desk's wait ended with nobody (Handoff.Overdue),
// crisis_alert_unstaffed: the team was alerted and may not answer now,
// never crisis_waiting's "will write to you here". It is not
// crisis_timeout, the line said at the timeout itself: said again, it was
// the line just said, and the person who wrote "please help me" heard
// nothing (see waiting).
func (t *turn) crisisWaitText() string {
	if t.peerCrisis() {
		// Colleagues were alerted; none is on the way until one joins.
		return t.crisisLine(flow.MsgCrisisPeerWaiting, flow.MsgCrisisAlertUnstaffed)
	}
	key := flow.MsgCrisisWaiting
	if h := t.s.Handoff; h != nil && h.Overdue {
		key = flow.MsgCrisisAlertUnstaffed
	}
	if _, ok := t.e.flows.Common.Messages[key]; !ok {
		key = flow.MsgCrisisAlert
	}
	return t.e.message(key, t.lang, t.s.Slots)
}

// keepsAlert reports a cancel that leaves an urgent hand-off (a crisis)
// as it is: a change of mind or a forgetting ("forget it", "no, forget
// it", "sorry, I changed my mind", « laisse tomber », « oubliez »), which
// is how a person in crisis pulls back after the safety message, or
// "menu". These became cancel_words for a flow's question, and withdrew
// the alert: the team was stood down and the person heard "I've withdrawn
// your request".
// As for withdraw_words, only the command said alone ("cancel", "stop",
// « annuler », or written as one: "/cancel") withdraws it.
func (t *turn) keepsAlert() bool {
	h := t.s.Handoff
	if h == nil || h.Priority != PriorityUrgent && h.Status != HandoffAlerted {
		return false
	}
	if _, ok := command(t.text); ok {
		return false // "/cancel", "/stop", « /annuler »: the command itself (isCancel)
	}
	ws := t.words()
	if len(ws) != 1 || !t.wholeIs(t.e.cancel) || forgetWords[ws[0]] {
		return true
	}
	return t.anyIn(t.e.flows.Common.WithdrawWords, clausesOf(t.text))
}

// forgetWords are the cancel words of one word that tell a forgetting, or
// ask for the menu, not a command: at an urgent hand-off, they keep it
// (see keepsAlert), as "take me back to the main menu" (nlu's Menu) does.
// "menu" alone withdrew a crisis alert.
var forgetWords = map[string]bool{"forget": true, "oublie": true, "oubliez": true, "oublions": true, "menu": true}

// stayWords keep a request for a person whatever withdraw_words phrase
// opens the message: waiting, hurry, an apology, what is still not done
// ("no it's ok, I can wait", "no need to rush", "no need to apologise",
// "it's fine now? still nobody", « non ça va, j'attends », « pas la peine
// de se presser, je peux patienter »). Withdrawn, the person who had just
// said they would wait lost the request they were waiting for; kept, a
// person comes to one who no longer needs them, who can still write
// "cancel".
var stayWords = wordSet(`wait waiting rush rushing hurry whenever patient patiently patience
		apologise apologize apologising apologizing still queue
		attends attend attendre attendrai attente patiente patienter patienterai presser pressez presse
		vite excuser excusez toujours`)

// stayPhrases keep a request as stayWords do, said in words that alone
// would not ("time" is also "no time for this"): "take your time", «
// prenez votre temps », « quand ils peuvent », "I'll hold".
var stayPhrases = func() [][]string {
	var ps [][]string
	for _, p := range []string{"take your time", "take ur time", "i ll hold", "ill hold", "i will hold", "hold the line",
		"prenez votre temps", "prends ton temps", "prenez le temps", "quand ils peuvent", "quand ils pourront",
		"quand vous pouvez", "quand vous pourrez", "quand elle peut", "quand il peut", "quand elle pourra", "quand il pourra"} {
		ps = append(ps, strings.Fields(p))
	}
	return ps
}()

// holdsAny reports whether ws holds one of ps, word for word in a row.
func holdsAny(ws []string, ps [][]string) bool {
	for i := range ws {
		for _, p := range ps {
			if len(p) <= len(ws)-i && slices.Equal(ws[i:i+len(p)], p) {
				return true
			}
		}
	}
	return false
}

// withdraws reports a message that says the person awaited is no longer
// wanted ("no it's fine, you can carry on", "never mind, I'll manage", «
// laissez tomber », « finalement c'est bon, pas besoin »: withdraw_words,
// in any language). Before, only "cancel" withdrew the request, and the
// rest got "A person from our team will reply to you here": a person
// promised to one who had just said no. Only a request not yet taken, and
// never an urgent one (the team alerted to a crisis stays alerted); a
// message that says more than a few words (what the team should know) is
// passed on as before, and so is one that asks for a person besides the
// phrases ("never mind the bot, get me a human"): « je n'ai plus besoin de
// conseiller » is no request, though the detector reads one in
// « conseiller ».
func (t *turn) withdraws() bool {
	h := t.s.Handoff
	byLang := t.e.flows.Common.WithdrawWords
	if len(byLang) == 0 || h.Status != HandoffWaiting || h.Priority == PriorityUrgent ||
		len(strings.Fields(t.text)) > maxWithdrawWords || !anchored(t.text, t.e.withdrawAnchors) {
		return false
	}
	if ws := t.words(); slices.ContainsFunc(ws, func(w string) bool { return stayWords[w] }) || holdsAny(ws, stayPhrases) {
		return false
	}
	cls := clausesOf(t.text)
	if !t.anyIn(byLang, cls) {
		return false
	}
	if !t.an.Escalate || t.e.model == nil {
		return true
	}
	marks := make([][]bool, len(cls))
	for i, cl := range cls {
		marks[i] = make([]bool, len(cl.ws))
	}
	for _, ps := range byLang {
		for _, p := range ps {
			t.e.phrase(p).mark(cls, true, marks)
		}
	}
	rest := unmarked(cls, marks)
	return rest == "" || !t.e.model.AnalyzeFor(t.e.audience(t.m.From), t.lang, rest).Escalate
}

// maxWithdrawWords is the longest message read for withdraw_words: "oh
// no need, the parcel just came" says it; a longer one most often tells
// the team something.
const maxWithdrawWords = 10

func (t *turn) event() {
	s := t.s
	ev := t.m.Event
	if ev == EventHandoffUnposted {
		if t.peerCrisis() {
			t.peerUnposted()
			return
		}
		ev = EventHandoffTimeout
	}
	switch ev {
	case EventHandoffTimeout:
		h := s.Handoff
		if h == nil || h.Status == HandoffAlerted {
			return // nobody was promised: the alert stays open, nothing to take back
		}
		t.res.outcome = OutcomeHandoff
		f := t.e.flows.Flow(h.Flow)
		var st *flow.Step
		if f != nil {
			st = f.Step(h.Step)
		}
		if st == nil || st.Handoff == nil || st.Handoff.OnTimeout == "" {
			// Keep waiting, the hand-off stays open for agents, and say so
			// honestly rather than leave the person in silence. A person in
			// crisis hears crisis_timeout (nobody yet, the request kept
			// as urgent, the emergency number), never handoff_timeout's
			// "If you'd rather not wait, write "cancel"".
			if t.peerCrisis() {
				t.reply(Reply{Text: t.crisisLine(flow.MsgCrisisPeerTimeout, flow.MsgCrisisTimeout), Verbatim: true}, nil)
				return
			}
			if h.Priority == PriorityUrgent && h.Reason == crisisReason {
				h.Overdue = true
				text := t.crisisWaitText()
				if _, ok := t.e.flows.Common.Messages[flow.MsgCrisisTimeout]; ok {
					text = t.e.message(flow.MsgCrisisTimeout, t.lang, s.Slots)
				}
				t.reply(Reply{Text: text, Verbatim: true}, nil)
				return
			}
			t.say(flow.MsgHandoffTimeout)
			return
		}
		s.Handoff = nil
		s.Flow, s.Step = h.Flow, st.Handoff.OnTimeout
		t.runSteps()
	case EventHandoffTaken:
		t.handoffTaken()
		if s.Handoff == nil {
			// The person went back to the bot (after "nobody came", say) but
			// their ticket stayed open and an agent took it: the agent holds
			// the conversation now.
			s.Handoff = t.newHandoff("", PriorityNormal, "taken after the bot resumed", "", "")
			t.reset()
		}
		t.res.outcome = OutcomeHandoff
		s.Handoff.Status = HandoffTaken
		s.Handoff.Agent = clip(t.text)
		// The agent's name is a slot value: a rephrased line must keep it.
		t.reply(Reply{Text: t.e.message(flow.MsgHandoffTaken, t.lang, map[string]string{"agent_name": s.Handoff.Agent})}, []string{s.Handoff.Agent})
	case EventHandoffClosed:
		if s.Handoff == nil {
			return
		}
		if s.Handoff.Status == HandoffAlerted {
			// Nobody took the alert: nothing was looked after, no score.
			s.Handoff = nil
			return
		}
		if t.peerCrisis() {
			// A colleague took the urgent request: the two are in a group
			// chat now. Someone in danger is told so, with the emergency
			// number, and asked for no score.
			s.Handoff = nil
			t.reply(Reply{Text: t.crisisLine(flow.MsgCrisisPeerJoined, flow.MsgHandoffClosed), Verbatim: true}, nil)
			t.reset()
			return
		}
		if s.Handoff.Priority == PriorityUrgent && s.Handoff.Reason == crisisReason {
			t.crisisClosed()
			return
		}
		closed := t.e.flows.Common.Messages[flow.MsgHandoffClosed]
		if f := t.e.flows.Flow(s.Handoff.Flow); f != nil {
			if st := f.Step(s.Handoff.Step); st != nil && st.Handoff != nil && !st.Handoff.Closed.IsZero() {
				closed = st.Handoff.Closed
			}
		}
		s.Handoff = nil
		// Care continues after the problem: close (with what was collected
		// still at hand for its templates), then ask how it went.
		t.text2(closed, 0)
		t.reset()
		s.Pending = PendingSatisfaction
		s.Ask++
		t.reply(Reply{Text: t.e.message(flow.MsgSatisfaction, t.lang, s.Slots), Choices: t.scoreChoices()}, nil)
	case EventHandoffAgentLeft:
		t.agentLeft()
	case EventHandoffAgentSilent:
		t.agentSilent()
	case EventHandoffAgentSilentRequeued:
		t.agentSilentRequeued()
	case EventHandoffAgentSilentEnded:
		t.agentSilentEnded()
	case EventPersonEdited:
		t.editedRelay()
	case EventHandoffTeamCancelled:
		if s.Handoff == nil {
			return
		}
		// Nobody looked after the request: no "finished", no score.
		crisis := s.Handoff.Priority == PriorityUrgent && s.Handoff.Reason == crisisReason
		s.Handoff = nil
		t.say(flow.MsgHandoffTeamCancelled)
		if crisis {
			// Nobody is coming to one who said their life was in danger:
			// the safety message and its emergency numbers again, as when
			// nobody could be alerted at all.
			t.reply(Reply{Text: t.e.message(flow.MsgCrisis, t.lang, s.Slots), Verbatim: true}, nil)
		}
		t.reset()
	}
}

func (t *turn) command() bool {
	c, ok := command(t.text)
	if !ok {
		return false
	}
	id, ok := t.e.commands[c]
	if !ok {
		return false
	}
	t.s.Misses = 0
	t.startFlow(id)
	return true
}

func (t *turn) escalate() {
	s := t.s
	s.Also = "" // the person who comes hears both
	if s.Flow == t.e.flows.Common.HumanFlow {
		// Already on the way to a person. At a free-text question (the
		// message left for the team), the words are the answer, even when
		// they ask for a person ("please have someone call me back").
		if st := t.waitingStep(); st != nil && st.Ask != nil {
			t.answer(st)
			return
		}
		if st := t.waitingStep(); st != nil && st.Choose != nil && t.nobodyCameAgain(st) {
			// A person asked for again once nobody came: that nobody
			// could join yet is said again, not the question alone.
			return
		}
		t.repeat()
		return
	}
	t.startFlow(t.e.flows.Common.HumanFlow)
}

// ---- answers ----

// press handles a button. A press on anything but the current question is
// stale: the person is told and shown where the conversation is.
func (t *turn) press() {
	s := t.s
	seq, kind, id, ok := parseChoiceID(t.m.Choice)
	if !ok || seq != s.Ask {
		t.expired()
		return
	}
	switch kind {
	case choiceFlow, choicePerson:
		st := t.waitingStep()
		if st == nil || st.Choose == nil {
			t.expired()
			return
		}
		for _, c := range st.Choose.Choices {
			if c.ID == id {
				t.choose(c)
				return
			}
		}
		t.expired()
	case choiceOffer:
		if s.Pending != PendingClarify || !slices.Contains(s.Options, id) {
			t.expired()
			return
		}
		s.Pending, s.Options = "", nil
		t.startNeed(id)
	case choiceScore:
		if s.Pending != PendingSatisfaction {
			t.expired()
			return
		}
		t.score(id)
	case choiceConsent, choiceCallBack:
		if s.Pending != PendingConsent {
			t.expired()
			return
		}
		t.consent(id == "yes")
	case choiceCheckIn, choiceCheckInPerson:
		if s.Pending != PendingCheckIn {
			t.expired()
			return
		}
		t.checkInAnswer(id)
	default:
		t.expired()
	}
}

func (t *turn) expired() {
	t.say(flow.MsgExpired)
	t.repeatOrWelcome()
}

func (t *turn) choose(c *flow.Choice) {
	s := t.s
	if t.e.trace != nil {
		t.e.trace(TraceEvent{Lang: t.lang, Flow: s.Flow, Step: s.Step, Choice: c.ID})
	}
	s.Misses = 0
	t.setSlots(c.Set)
	if c.Flow != "" {
		t.startFlow(c.Flow)
		return
	}
	s.Step = c.Next
	t.runSteps()
}

// answer handles text while a flow step waits for it.
func (t *turn) answer(st *flow.Step) {
	if t.refusedPromise(st) || t.nobodyYetAgain(st) || t.saidTwice(st) {
		return
	}
	if st.Choose != nil {
		if c := t.matchChoice(st.Choose); c != nil {
			t.choose(c)
			return
		}
		if c := t.carryOnWithReference(st.Choose); c != nil {
			t.choose(c)
			return
		}
		if t.referenceElsewhere() || t.waits(false) || t.greeted() || t.corrected() {
			return
		}
		if c := t.doneChoice(st.Choose); c != nil {
			t.choose(c)
			return
		}
		if t.digress() || t.menuRoute() {
			return
		}
		if c := t.bothWithPerson(st.Choose); c != nil {
			t.choose(c)
			return
		}
		if c := t.namedInWords(st.Choose); c != nil {
			// "talk to a colleague please", "I want to tell you about it",
			// « je voudrais parler à un collègue »: a button asked for in a
			// few words, at any question. Before, a question without
			// free_text asked itself again, silently, as if nothing had
			// been said.
			t.choose(c)
			return
		}
		if t.explainAgain(st) {
			return
		}
		if ft := st.Choose.FreeText; ft != nil {
			if t.tells() && !t.greetingOnly() {
				// "What's going on?" answered by telling it: heard as the
				// answer, as the flow's ask would hear it, without a
				// feeling named on top of the flow's own words.
				t.s.Misses = 0
				t.keepWords(ft.Slot)
				t.s.Step = ft.Next
				t.freeTold = true
				t.runSteps()
				return
			}
		}
		heard := t.listened() || t.feltAgain()
		if !heard && t.moreOfTheStory() {
			// "and then my lead said I should have handled it better",
			// after the story was heard: listened to, not "I didn't
			// catch which one you meant" nor the question alone, as if
			// unread. No miss: telling is no wrong answer.
			t.say(flow.MsgListening)
			t.repeat()
			return
		}
		if t.an.Flow == t.s.Flow && t.an.Alternative == "" && t.an.Confidence >= switchConfidence {
			// A question in words of this very flow ("so will i get my
			// money back or not" at "Shall I send your refund request
			// now?") is answered with what the flow said before the
			// question ("…I can't promise a refund or an amount
			// myself"), and a sentence that tells something of its own
			// (« il est sur le palier… j'arrive pas à l'attraper ») is
			// no silence either: it goes on as a miss. Before, both got
			// the question again with nothing said, as if unread
			// (play23).
			if t.asksSomething() && !t.asksToDo() && t.sayAgainBefore(st) {
				return
			}
			if heard || t.greetingOnly() || !t.asksSomething() && !t.tells() {
				// Words of this very flow ("hello", "hey there how are
				// you" at the welcome menu, a feeling just heard): not a
				// misunderstanding, just show the question again.
				t.repeat()
				return
			}
		}
		if t.faultAtQuestion() {
			// « il est cassé » at « J'envoie votre demande de
			// remboursement maintenant ? », read by no flow for sure:
			// more of the problem, no wrong answer.
			t.say(flow.MsgProblemHeard)
			t.repeat()
			return
		}
		if !t.onlyAboutBot() {
			// "Are you a bot?" alone is no try at the question: asked
			// again, it brings no fallback.
			t.s.Misses++
		}
		if t.s.Misses >= 2 {
			t.fallback()
			return
		}
		if !heard && !t.feeling() && !t.toldBot {
			t.say(flow.MsgPickOne)
		}
		t.repeat()
		return
	}
	a := st.Ask
	if (a.Validate == "" || a.Validate == flow.ValidateText) && t.backWithReference() {
		return
	}
	v, ok := a.Answer(t.text)
	if !ok && tokenAnswer(a) && !t.cannotSayIn(a, false) {
		// People answer in sentences: "my order number is AB-123456",
		// « c'est le AB-123456 ». One candidate among the words is the
		// answer; two different ones are asked again. A sentence that
		// says they don't have it gives none: what it holds is another
		// reference ("I don't have it, only the invoice INV-204511").
		v, ok, _ = answerIn(a, t.text)
	}
	if ok {
		t.s.Misses, t.s.Attempts = 0, 0
		if t.s.Slots == nil {
			t.s.Slots = map[string]string{}
		}
		t.s.Slots[a.Slot] = v
		t.s.Step = st.Next
		t.runSteps()
		return
	}
	if t.whichOne(st) {
		// Two answers are an answer, not a miss: no attempt is counted.
		return
	}
	if !t.cannotSay(a) && t.waits(a.Validate != flow.ValidateText) || t.greeted() {
		return
	}
	if t.corrected() || !t.cannotSayOnly(a) && t.digress() {
		return
	}
	// A feeling that may not be named again ("i'm so angry, you people
	// are useless" after "I understand you're angry") is met with "Take
	// your time" before the question, as at buttons (feltAgain), not the
	// bare question as if unread (play22c).
	heard := t.listened() || t.feltAgain()
	if !t.onlyAboutBot() {
		// "Are you a bot?" alone is no try at the answer: it never
		// makes the ask give up (on_fail) on one who only asked.
		t.s.Attempts++
	}
	attempts := a.Attempts
	if attempts <= 0 {
		attempts = 3
	}
	if t.s.Attempts >= attempts || t.cannotSay(a) {
		t.s.Attempts = 0
		if a.OnFail != "" {
			t.s.Step = a.OnFail
			t.runSteps()
			return
		}
		t.startFlow(t.e.flows.Common.HumanFlow)
		return
	}
	if !heard && !t.feeling() && !t.onlyAboutBot() && !a.Invalid.IsZero() {
		t.text2(a.Invalid, 0)
		return
	}
	t.question(st)
}

// waits answers a message that says the person needs a moment to find
// what the waiting question asks ("ok thanks, let me look", "one moment",
// « attendez je cherche »: wait_words), or, at a question asking for
// something written (okay), only "ok": "Take your time", and the question
// waits, with no try counted. Before, "let me look" at "what is your
// order number?" got "that doesn't look like an order number", and "ok
// thanks, let me look" the goodbye flow and its survey. A message that
// also says how the person feels is heard as such (listened), and a long
// one is read as usual. A thanks with no farewell ("thank you dear", see
// thanksOnly) gets "You're welcome." and the question waits too. It
// reports whether it answered.
func (t *turn) waits(okay bool) bool {
	if t.feeling() {
		if !t.thanksOnly() {
			return false
		}
		// "thank you, this is hard" after a loss: never taken for a
		// goodbye (with its survey).
		t.thankedFeeling()
		return true
	}
	if _, ok := t.e.flows.Common.Messages[flow.MsgTakeYourTime]; ok && (okay && t.wholeIs(t.e.okay) || t.saysWait()) && !t.asksAnother() {
		t.say(flow.MsgTakeYourTime)
		return true
	}
	if t.thanksOnly() {
		t.say(flow.MsgYouAreWelcome)
		return true
	}
	return false
}

// greeted answers a greeting said at a question of another flow ("hi",
// "hello?", « bonjour ? »: the router's start flow, sure, in a few words):
// often "are you there?". The question is asked again, with no try
// counted. Before, it left the flow for the welcome, greeting and all, and
// what the person had given was dropped. At the fallback's question (a
// menu itself, after a message not understood) the welcome still answers.
func (t *turn) greeted() bool {
	an := t.an
	if an.Flow != t.e.flows.Common.StartFlow || an.Flow == t.s.Flow || t.s.Flow == t.e.flows.Common.FallbackFlow || an.Menu || an.Alternative != "" || an.Confidence < switchConfidence || len(strings.Fields(t.text)) > 4 {
		return false
	}
	return t.repeat()
}

// thanksOnly reports a message at a waiting question that the router
// sends to the goodbye flow but that says no farewell (farewell_words):
// "thank you dear", « merci ma petite », "ok thanks" said while the person
// looks for their order number. Before, it ended the flow with the
// goodbye and its survey: the number that followed had lost its question.
func (t *turn) thanksOnly() bool {
	c := t.e.flows.Common
	if _, ok := c.Messages[flow.MsgYouAreWelcome]; !ok || len(c.FarewellWords) == 0 || t.an.Flow == "" || t.an.Flow == t.s.Flow || t.toldBot {
		// "Am I talking to a bot?", guessed a goodbye, thanks nobody:
		// it was answered (about_bot), and the question comes again.
		return false
	}
	if f := t.e.flows.Flow(t.an.Flow); f == nil || f.Category != flow.CategoryGratitudeClosing || len(strings.Fields(t.text)) > maxWaitWords {
		return false
	}
	cls := clausesOf(t.text)
	for _, cl := range cls {
		if cl.neg {
			// "non merci, pas maintenant" says no to what was asked:
			// read as before.
			return false
		}
	}
	return !t.anyIn(c.FarewellWords, cls)
}

// asksAnother reports whether the router is sure the message asks for
// another customer problem than the one waiting: "wait, I want to cancel
// it instead" and « attendez, je veux annuler » are new requests, for
// digress or menuRoute. A thank-you is none ("ok thanks, let me look"),
// nor « une minute » the breathing pause of a minute.
func (t *turn) asksAnother() bool {
	an := t.an
	if an.Flow == t.s.Flow || an.Alternative != "" || an.Confidence < switchConfidence {
		return false
	}
	f := t.e.flows.Flow(an.Flow)
	return f != nil && slices.Contains(problemCategories, f.Category)
}

// saysWait reports whether a short message holds a wait_words phrase, in
// a clause that denies as the phrase does.
func (t *turn) saysWait() bool {
	ps := t.e.flows.Common.WaitWords[t.lang]
	if len(ps) == 0 || t.toldBot || strings.ContainsAny(t.text, "0123456789?") || !anchored(t.text, t.e.waitAnchors) || len(strings.Fields(t.text)) > maxWaitWords {
		// A number is a try at the answer ("let me see... AB-12345"):
		// it is read as one, and told if it does not fit. A question
		// ("wait, are you a bot?", "wait, what do you mean?") asks
		// something rather than for a moment.
		return false
	}
	cls := clausesOf(t.text)
	for _, p := range ps {
		if ph := t.e.phrase(p); len(ph.ws) == 1 && t.interjection(ph, cls) || len(ph.ws) > 1 && ph.in(cls, true) {
			return true
		}
	}
	return false
}

// interjection reports whether cls holds the one word of p at the start
// of a clause that denies as p does, or after okay words only ("wait",
// "ok wait", « attends je cherche »). Anywhere else it is a verb of the
// sentence, most often a complaint of being kept waiting (« j'attends
// toujours mon colis », "you always make me wait").
func (t *turn) interjection(p phrase, cls []clause) bool {
	okay := t.e.okay[t.lang]
	for _, cl := range cls {
		if cl.neg != p.neg {
			continue
		}
		for i, w := range cl.ws {
			if wordsAt(cl.ws[i:i+1], p.ws) {
				return true
			}
			if !okay[w] {
				break
			}
		}
	}
	return false
}

// paused answers a wait said where no flow question waits ("hold on", "ok
// let me look", « attendez je cherche »): most often after a flow ended
// with "whenever you have it, just write it here and we'll carry on", or
// at the clarifying question. "Take your time", and nothing opens. Before,
// the router's guess at so few words was followed: "hold on" opened the
// account flow, « attendez je cherche » the worries flow, "give me a
// minute" the breathing pause. A feeling said with it, or a request the
// router is sure of ("wait, I want to cancel my order instead"), is read
// as usual.
func (t *turn) paused() bool {
	if _, ok := t.e.flows.Common.Messages[flow.MsgTakeYourTime]; !ok || t.feeling() || t.asksAnother() || !t.saysWait() || t.asksBesidesWait() {
		return false
	}
	t.say(flow.MsgTakeYourTime)
	return true
}

// feltThanks answers a thanks said with a feeling and no farewell where no
// flow question waits: "thank you, this is hard" after "whenever you have
// it, just write it here and we'll carry on", or at the clarifying
// question. Before, it was taken for a goodbye, "Thank you for writing to
// us… Before you go: how well did we look after you?", the feeling
// unheard and the flow that paused for a number no longer the last one.
// The feeling is named (once), then "Take your time", or the clarifying
// question again; nothing opens or closes. A first message is read as
// before.
func (t *turn) feltThanks() bool {
	if _, ok := t.e.flows.Common.Messages[flow.MsgTakeYourTime]; !ok || !t.feeling() || t.s.LastFlow == "" && t.s.Pending != PendingClarify || !t.thanksOnly() {
		return false
	}
	t.thankedFeeling()
	return true
}

// thanksWithAFeeling answers a thanks that tells of a loss, distress or
// loneliness where nothing was going on, a first message most often: «
// merci, c'est dur, ma mère est décédée hier ». The router read a thanks
// (the goodbye flow), and the person was told "Thank you for writing to
// us… Before you go: how well did we look after you?", the loss unheard.
// It goes to the flow for feelings of the person's audience (the worries
// flow, or staff's peer support), which names the feeling first. A
// farewell said with the thanks ("thanks, bye") is read as before, and so
// is worry or anger alone ("thanks, I was so worried" is most often
// relief); a farewell word said with sorrow and no thanks ("im sad, thats
// it really", « je suis triste, c'est tout ») is no goodbye, and goes to
// that flow too.
func (t *turn) thanksWithAFeeling() bool {
	sig := t.an.Signals
	f := t.e.flows.Flow(t.an.Flow)
	if f == nil || f.Category != flow.CategoryGratitudeClosing || !(sig.Grief || sig.Distress || sig.Lonely) {
		return false
	}
	c := t.e.flows.Common
	if t.anyIn(c.FarewellWords, clausesOf(t.text)) && t.saysThanks() {
		// "thanks, bye, it was a sad day": leaving, read as before. A
		// farewell word with no thanks closes nothing: "im sad, thats
		// it really", « je suis triste, c'est tout ».
		return false
	}
	return t.feelingFlow()
}

// saysThanks reports a thanks among the message's words (thanksWords).
func (t *turn) saysThanks() bool {
	return slices.ContainsFunc(t.words(), func(w string) bool { return thanksWords[w] })
}

// sorrowCloseCall answers a close call between the goodbye and another
// flow ("im so lonely, nobody talks to me anymore": the worries flow or
// "That's all, thank you"?) when the message tells of sorrow and thanks
// nobody: the flow for feelings, never a goodbye offered as a guess to
// one who is sad.
func (t *turn) sorrowCloseCall() bool {
	an := t.an
	sig := an.Signals
	if !(sig.Grief || sig.Distress || sig.Lonely) || t.saysThanks() {
		return false
	}
	for _, id := range [...]string{an.Flow, an.Alternative} {
		if f := t.e.flows.Flow(id); f != nil && f.Category == flow.CategoryGratitudeClosing {
			return t.feelingFlow()
		}
	}
	return false
}

// feelingOnly reports a message that says how the person feels and
// nothing else ("feeling really low, thats all", « je me sens vraiment pas
// bien, c'est tout »): a feeling heard, no thanks, and no word beyond
// those of feeling, the little words, negations and those that close it.
// Where the router places it nowhere, the fallback's "I'm not sure I
// understood" answered one who had been understood; the flow for
// feelings names the feeling and listens.
func (t *turn) feelingOnly() bool {
	sig := t.an.Signals
	if !(sig.Grief || sig.Distress || sig.Lonely) || t.saysThanks() {
		return false
	}
	return saidBeyond(statements(t.text), feltWords, littleWords, negationWords, closingWords) == 0
}

// closingWords end a short message and say nothing more ("that's all",
// "really", « c'est tout », « voilà »), folded.
var closingWords = wordSet(`thats all really today now right just tout voila aujourd hui`)

// feelingFlow starts the flow for feelings of the person's audience (the
// worries flow, or staff's peer support), which names the feeling first;
// it reports false when there is none.
func (t *turn) feelingFlow() bool {
	aud := t.e.audience(t.m.From)
	for _, id := range t.e.flows.Order {
		g := t.e.flows.Flows[id]
		if g.Audience == aud && (g.Category == flow.CategoryComplaintProblem || g.Category == flow.CategoryEmployeeSupport) {
			t.s.Misses = 0
			t.startFlow(id)
			return true
		}
	}
	return false
}

// thankedFeeling answers a thanks said with a feeling: the feeling is
// named, then the question waiting (or the clarifying question) again; a
// feeling named just before, or no question, gets "take your time".
func (t *turn) thankedFeeling() {
	t.acknowledge()
	if !t.acked || !t.repeat() {
		t.say(flow.MsgTakeYourTime)
	}
}

// asksBesidesWait reports whether what a wait message says besides its
// wait_words is a request the router is sure of: "hold on, I already got
// charged for it" asks for help with a payment, though the router, misled
// by "hold on", is not sure of the whole. The router then follows what
// the rest asks. "just a sec, my son is helping me" and "ok let me look
// in my emails" ask for nothing more.
func (t *turn) asksBesidesWait() bool {
	an, ok := t.asksBesides(t.e.flows.Common.WaitWords[t.lang], true)
	if ok {
		t.an.Flow, t.an.Category, t.an.Confidence, t.an.Alternative = an.Flow, an.Category, an.Confidence, ""
	}
	return ok
}

// asksBesides returns what the router reads in the message once the
// phrases ps are taken out of it ("I don't know, I want to cancel
// instead" without "don't know"), and reports whether that asks surely
// for a customer problem or a complaint.
func (t *turn) asksBesides(ps []string, sameNegation bool) (nlu.Analysis, bool) {
	if t.e.model == nil {
		return nlu.Analysis{}, false
	}
	cls := clausesOf(t.text)
	marks := make([][]bool, len(cls))
	for i, cl := range cls {
		marks[i] = make([]bool, len(cl.ws))
	}
	for _, p := range ps {
		t.e.phrase(p).mark(cls, sameNegation, marks)
	}
	rest := unmarked(cls, marks)
	if rest == "" {
		return nlu.Analysis{}, false
	}
	an := t.e.model.AnalyzeFor(t.e.audience(t.m.From), t.lang, rest)
	f := t.e.flows.Flow(an.Flow)
	if f == nil || an.Alternative != "" || an.Confidence < switchConfidence || !slices.Contains(problemCategories, f.Category) && f.Category != flow.CategoryComplaintProblem {
		return nlu.Analysis{}, false
	}
	return an, true
}

// maxWaitWords is the longest message read for wait_words: "ok thanks,
// let me look in my emails" is one; a longer one says more than that.
const maxWaitWords = 12

// listened answers a message that fits no button or answer of the waiting
// question but says how the person feels, or, for the first time, that
// they are older, pregnant or disabled: listen before solving. The feeling
// is named (see acknowledge: never twice in a row) and being at risk is
// thanked for (ack_vulnerable), where the caller would have said "sorry,
// I didn't catch which one you meant" or "that doesn't look like an order
// number" to "I'm so upset" or "I'm 84 and I don't understand all this";
// the caller then asks its question again, in simple words from now on
// (careful). The message still counts as a miss (an attempt), so that a
// person who stays stuck is soon offered a person (the fallback, the
// ask's on_fail). It reports whether it said anything.
func (t *turn) listened() bool {
	t.acknowledge()
	thanked := false
	if _, ok := t.e.flows.Common.Messages[flow.MsgAckVulnerable]; ok && t.atRisk {
		t.say(flow.MsgAckVulnerable) // a set written before ack_vulnerable just asks again
		thanked = true
	}
	return t.acked || thanked
}

// feltAgain answers, at a question (buttons, or an ask), a feeling that may not
// be named now (named the turn before, or once already in this
// conversation): "Take your time: I'm here whenever you're ready.", then
// the caller asks again. Before, "I don't know, I just feel numb" right
// after "I'm so sorry for your loss" got the bare question back, as if
// unread (feel20). It reports whether it said anything.
func (t *turn) feltAgain() bool {
	if !t.feeling() {
		return false
	}
	if _, ok := t.e.flows.Common.Messages[flow.MsgTakeYourTime]; !ok {
		return false // a set written before take_your_time asks again
	}
	t.say(flow.MsgTakeYourTime)
	return true
}

// feeling reports whether the message says how the person feels.
func (t *turn) feeling() bool {
	sig := t.an.Signals
	return sig.Distress || sig.Anger || sig.Anxiety
}

// digress leaves the current question when the message clearly asks for another flow.
func (t *turn) digress() bool {
	an := t.an
	if an.Flow == "" || an.Flow == t.s.Flow || an.Alternative != "" || an.Confidence < switchConfidence {
		return false
	}
	if t.feelingAboutTheProblem() {
		return false
	}
	if t.problemToldAtQuestion() {
		// "its broken" at "Shall I send your refund request now?": more
		// of the problem the person came with, heard, and the same
		// question.
		t.say(flow.MsgProblemHeard)
		t.repeat()
		return true
	}
	if t.toldBot && (an.Flow == t.e.flows.Common.StartFlow || an.Flow == t.e.flows.Common.FallbackFlow) {
		// "Wait, are you a bot?" at a question: answered, and the
		// question comes again, rather than the welcome from the start.
		return false
	}
	if t.thanksWithAFeeling() {
		return true // "thank you, it's been a hard week, my brother passed away" at the menu
	}
	t.startFlow(an.Flow)
	return true
}

// problemCategories are the customer problems a flow may be helping with.
var problemCategories = []string{flow.CategoryOrderDelivery, flow.CategoryBillingPayment, flow.CategoryAccountAccess, flow.CategoryCancelRefund}

// feelingAboutTheProblem reports a message that says how the person feels
// in the middle of a problem flow's question, routed to the flow for
// worries and complaints only because of that feeling ("je suis vraiment
// déçue, c'était pour l'anniversaire de ma fille" at "what happened with
// order AB-123456?"). It is heard where it is said (listened) and the
// problem's question comes again: leaving for the worries flow would drop
// the help the person came for. A request for a person, a crisis and any
// other flow still interrupt.
//
// So is a message that says who the person is ("je suis enceinte et j'en
// ai vraiment besoin", "I'm 84 and can't manage the app"): priority and
// gentler steps for the rest of the conversation, and the same question.
func (t *turn) feelingAboutTheProblem() bool {
	cur, to := t.e.flows.Flow(t.s.Flow), t.e.flows.Flow(t.an.Flow)
	return (t.feeling() || len(t.an.Signals.Vulnerable) > 0) && cur != nil && to != nil &&
		slices.Contains(problemCategories, cur.Category) && to.Category == flow.CategoryComplaintProblem
}

// problemToldAtQuestion reports a fault of the thing told at a problem
// flow's question (faultPhrases: "broken", "not working", « ne marche
// pas »), which the router gives to the flow for worries and complaints,
// with no feeling said: "its broken" at "Shall I send your refund request
// now?" started the worries flow ("Tell me in your own words what's
// worrying you"), dropping the refund the person was about to send
// (fix25). A complaint ("this is unacceptable", a wish to change), a
// question, a feeling (feelingAboutTheProblem), a request for a person
// and any other flow are read as before.
func (t *turn) problemToldAtQuestion() bool {
	if _, ok := t.e.flows.Common.Messages[flow.MsgProblemHeard]; !ok || strings.ContainsAny(t.text, "?¿") || t.feeling() {
		return false
	}
	cur, to := t.e.flows.Flow(t.s.Flow), t.e.flows.Flow(t.an.Flow)
	return cur != nil && to != nil && slices.Contains(problemCategories, cur.Category) &&
		to.Category == flow.CategoryComplaintProblem && faultOfAThing(t.words())
}

// faultAtQuestion reports a fault of the thing told at a problem flow's
// question that no flow took for sure (« il est cassé » at « J'envoie
// votre demande de remboursement maintenant ? », which the router gives
// to the order flow at 0.66): it heard "Pardon, je n'ai pas compris votre
// choix", as if it were a wrong answer (fix25). problemToldAtQuestion
// hears the same words when the worries flow takes them.
func (t *turn) faultAtQuestion() bool {
	if _, ok := t.e.flows.Common.Messages[flow.MsgProblemHeard]; !ok || strings.ContainsAny(t.text, "?¿") || t.feeling() {
		return false
	}
	cur := t.e.flows.Flow(t.s.Flow)
	return cur != nil && slices.Contains(problemCategories, cur.Category) && faultOfAThing(t.words())
}

// faultOfAThing reports a faultPhrases phrase in ws said of a thing, not
// of the person, their body or their life: "my heart is broken", "i'm
// broken", "my leg is broken", « je suis cassée », « je me suis cassé la
// jambe », « je ne marche plus » heard "I'm sorry about that." and the
// refund question again, their pain taken for a faulty parcel (review25b).
// The word before the phrase, past "is", « suis », "so"…, says whose.
func faultOfAThing(ws []string) bool {
	text := " " + strings.Join(ws, " ") + " "
	for _, p := range faultPhrases {
		for from := 0; ; {
			i := strings.Index(text[from:], " "+p+" ")
			if i < 0 {
				break
			}
			at := strings.Count(text[:from+i+1], " ") - 1 // index in ws
			from += i + 1
			j := at - 1
			for j >= 0 && faultLinks[ws[j]] {
				j--
			}
			if j < 0 || !faultOfPerson[ws[j]] {
				return true
			}
		}
	}
	return false
}

var (
	// faultLinks stand between a thing and its fault: "is broken", «
	// s'est cassé », "so broken".
	faultLinks = wordSet(`is are was were s m am been got so completely totally really all just ` +
		`est suis es sont etait etais a ai ete completement vraiment tout toute ne`)
	// faultOfPerson are the person, their body and their life: a fault
	// said of them is no fault of the thing bought.
	faultOfPerson = wordSet(`i me myself heart marriage relationship family life leg legs arm arms back wrist ` +
		`ankle foot hand hip rib bone nose tooth teeth spirit soul mind je moi coeur couple famille vie ` +
		`jambe jambes bras dos poignet cheville pied main hanche cote os nez dent dents moral`)
)

// faultPhrases tell that a thing is broken or does not work (folded
// words; "doesn't" is "doesn t"), in English and French.
var faultPhrases = []string{"broken", "faulty", "defective", "not working", "doesn t work", "does not work",
	"doesnt work", "don t work", "dont work", "isn t working", "isnt working", "stopped working", "won t work",
	"ne marche pas", "marche pas", "ne marche plus", "marche plus", "ne fonctionne pas", "fonctionne pas",
	"ne fonctionne plus", "fonctionne plus", "en panne", "casse", "cassee", "defectueux", "defectueuse"}

// menuRoute sends free text at the start flow's menu where the router
// says, as when no flow runs (route): the person has said what they need,
// so a close call gets the clarifying question with both flows and a
// clear one its flow, where a question inside a flow would say "pick one".
func (t *turn) menuRoute() bool {
	an := t.an
	if t.s.Flow == t.e.flows.Common.StartFlow && len(t.referenceFlows()) > 0 {
		t.route() // "AB-123456" at the menu: see reference.go
		return true
	}
	if t.s.Flow != t.e.flows.Common.StartFlow || an.Flow == "" || an.Flow == t.s.Flow ||
		an.Alternative == t.s.Flow || t.e.flows.Flow(an.Flow) == nil {
		return false
	}
	if _, ok := command(t.text); ok {
		return false // an unknown command is no request in words
	}
	if t.botGuess() {
		return false // the menu again, after about_bot
	}
	t.s.Misses = 0
	t.route()
	return true
}

func (t *turn) matchChoice(ch *flow.Choose) *flow.Choice {
	w := t.word()
	shown := t.choices(ch) // a number counts in the order the buttons were shown
	if n, ok := number(w); ok && n >= 1 && n <= len(shown) {
		return shown[n-1]
	}
	for _, c := range ch.Choices {
		if w == c.ID || t.labelMatches(c, func(l string) bool { return l == w }) {
			return c
		}
	}
	// "four", "the second one", « la deuxième »: the number in words.
	if n, ok := t.spokenNumber(); ok && n <= len(shown) {
		return shown[n-1]
	}
	// A short answer contained in one label only ("late" for "It's late").
	if len(w) >= 3 {
		var found *flow.Choice
		for _, c := range ch.Choices {
			if t.labelMatches(c, func(l string) bool { return strings.Contains(l, w) }) {
				if found != nil {
					return nil
				}
				found = c
			}
		}
		if found != nil {
			return found
		}
	}
	// "Yes please", « non merci »: at a question of a yes and a no.
	if c := t.yesNoChoice(ch); c != nil {
		return c
	}
	// The person's own words for one answer ("it never came"), unless
	// they ask for where another answer leads.
	if c := t.synonymChoice(ch, t.text); c != nil && !t.asksOtherChoice(ch, c) && !t.synonymUnsaid(c) && !t.greetsBeside(c) {
		return c
	}
	return nil
}

// synonymUnsaid reports a message that names choice c in its words and
// unsays it: another clause takes it back ("im fine... not really", «
// bien, enfin non »), or c ends the flow and the message tells a
// feeling ("great, just great, everything is falling apart"); "no, it
// never came" is no taking back (the denial comes first). At the
// staff menu both heard "Glad to hear it" and the conversation ended,
// where before its "I'm doing fine" they were listened to.
func (t *turn) synonymUnsaid(c *flow.Choice) bool {
	if (t.feeling() || t.shrugs()) && t.endsFlow(c) {
		return true
	}
	cls := clausesOf(t.text)
	sp, ok := t.synonymSpan(c, cls)
	if !ok {
		return false
	}
	if cls[sp.cl].neg {
		return false // "it never came, no": the denial agrees
	}
	for _, cl := range cls[sp.cl+1:] {
		if takesBack(cl.ws) {
			return true
		}
	}
	return false
}

// takesBack reports a clause of only a denial and its hedges: "not
// really", "nah", « pas vraiment », « enfin non ».
func takesBack(ws []string) bool {
	denied := false
	for _, w := range ws {
		switch {
		case negationWords[w] || w == "nah" || w == "nope" || w == "non":
			denied = true
		case !hedgeWords[w]:
			return false
		}
	}
	return denied
}

// shrugPhrases say resignation, a shrug beside "fine" that takes it back
// as "not really" does: "fine, whatever", "I'm fine I guess", "good. who
// cares anyway", « bien, de toute façon ». Resignation is not fine: said
// at the staff menu it heard "Glad to hear it" and the conversation
// ended (fix24). Read only for a choice that ends the flow.
var shrugPhrases = func() [][]string {
	var ps [][]string
	for _, p := range []string{"whatever", "i guess", "i suppose", "who cares", "doesn't matter", "does it matter", "what does it matter",
		"it is what it is", "same as always", "same old", "as usual", "what can you do", "not that it matters",
		"peu importe", "qu'importe", "de toute façon", "de toute facon", "on s'en fiche", "on s'en fout", "osef", "comme d'hab",
		"comme d'habitude", "on fait avec", "faut bien", "si tu veux", "si vous voulez", "on fait aller"} {
		ps = append(ps, words(p))
	}
	return ps
}()

// shrugs reports a message that says resignation (shrugPhrases): how the
// person is, told in a shrug ("fine, whatever" at "just tell me how you
// are" is listened to, as "meh" is). A shrug ends its clause, or only
// little words follow it ("who cares anyway", "whatever lol"): the same
// words going on with a sentence are its way in, no shrug (« ça va, de
// toute façon je pars en vacances demain », "I'm fine, I guess the new
// rota helped" were listened to as if resigned, review24).
func (t *turn) shrugs() bool {
	for _, cl := range clausesOf(t.text) {
		for _, p := range shrugPhrases {
			for k := 0; k+len(p) <= len(cl.ws); k++ {
				if slices.Equal(cl.ws[k:k+len(p)], p) && !slices.ContainsFunc(cl.ws[k+len(p):], func(w string) bool { return !shrugTail[w] }) {
					return true
				}
			}
		}
	}
	return false
}

// shrugTail are the little words that may follow a shrug in its clause.
var shrugTail = wordSet(`anyway anyways really honestly lol haha tbh i guess then so yeah
	quoi hein bref enfin bon bah ben alors mdr`)

// hedgeWords soften a denial without saying anything of their own.
var hedgeWords = wordSet(`really quite exactly actually honestly well um umm hmm lol tbh i guess
		vraiment pas trop enfin bof bah ben euh franchement en fait`)

// endsFlow reports a choice that goes straight to a step ending the
// conversation (staff_fine: "Glad to hear it").
func (t *turn) endsFlow(c *flow.Choice) bool {
	if c.Flow != "" || c.Next == "" {
		return false
	}
	f := t.e.flows.Flow(t.s.Flow)
	if f == nil {
		return false
	}
	st := f.Step(c.Next)
	return st != nil && st.End != nil
}

// greetsBeside reports a greeting that holds a synonym of choice c and
// says more ("good morning to you", « salut toi, ça va » at the staff
// menu, whose "I'm doing fine" has "good" and « ça va »): a hello, or
// how are you asked back, not the answer. "good" alone still answers,
// and so does a clause that denies (« ça va pas » is how they are).
func (t *turn) greetsBeside(c *flow.Choice) bool {
	if t.an.Category != flow.CategoryGreeting {
		return false
	}
	cls := clausesOf(t.text)
	if slices.ContainsFunc(cls, func(cl clause) bool { return cl.neg }) {
		return false
	}
	return t.saysBesideSynonym(c, cls)
}

// asksOtherChoice reports a message that names choice c in its words (its
// synonyms) and says more, which the router hears as asking for the flow
// another choice of ch leads to (its first guess, or the second of a close
// call): at the staff menu, "I'm stressed, can I do a breathing exercise"
// and "i need to calm down" name "I'd like to talk" by "stressed" and
// "down", and ask for the breathing pause. They are routed, as before the
// talk button had synonyms ("bad customer, need a person" is asked which
// one it is). The synonym with only little words and words of feeling
// beside it ("I'm so stressed") still answers.
func (t *turn) asksOtherChoice(ch *flow.Choose, c *flow.Choice) bool {
	heard := func(o *flow.Choice) bool {
		return o != c && o.Flow != "" && o.Flow != c.Flow && (o.Flow == t.an.Flow || o.Flow == t.an.Alternative)
	}
	if !slices.ContainsFunc(ch.Choices, heard) {
		return false
	}
	return t.saysBesideSynonym(c, clausesOf(t.text))
}

// saysBesideSynonym reports clauses cls that hold a synonym of c and
// words beside it other than little words, words of feeling and
// negations.
func (t *turn) saysBesideSynonym(c *flow.Choice, cls []clause) bool {
	sp, ok := t.synonymSpan(c, cls)
	if !ok {
		return false
	}
	for i, cl := range cls {
		for j, w := range cl.ws {
			inSynonym := i == sp.cl && j >= sp.at && j < sp.at+sp.n
			if !inSynonym && !littleWords[w] && !feltWords[w] && !negationWords[w] {
				return true
			}
		}
	}
	return false
}

// labelMatches reports whether match holds for a button's label, or for
// its simple variant: the person may have seen either.
func (t *turn) labelMatches(c *flow.Choice, match func(normalized string) bool) bool {
	l := c.Label.In(t.lang, t.e.defaultLang())
	if match(t.e.fold(l)) {
		return true
	}
	s := c.Label.SimpleIn(t.lang, t.e.defaultLang())
	return s != l && match(t.e.fold(s))
}

func (t *turn) satisfaction() {
	if n, ok := t.surveyScore(); ok {
		t.score(strconv.Itoa(n))
		return
	}
	if !t.isDecline() && t.paused() {
		// "One moment": the survey waits with the rest; a score may
		// still come.
		return
	}
	if t.feltBetter() {
		// "i feel a bit better now": glad of it, and the question
		// waits for a score.
		t.say(flow.MsgFeltBetter)
		return
	}
	// Not a score: the person moved on; so does the survey, which is not
	// asked again in this turn. A no ("no thanks", « non merci ») is let
	// go kindly rather than read as a new request.
	t.s.Pending = ""
	t.surveyed = true
	if t.isDecline() {
		if _, ok := t.e.flows.Common.Messages[flow.MsgSatisfactionDeclined]; ok {
			t.say(flow.MsgSatisfactionDeclined)
		}
		t.afterScore()
		return
	}
	if t.lookedForTheTeam() || t.complainedOfCare() || t.praised() {
		return
	}
	last, before := t.s.LastFlow, t.s.LastBefore
	t.route()
	if f := t.e.flows.Flow(t.s.LastFlow); f != nil && f.Category == flow.CategoryGratitudeClosing && t.s.Flow == "" && t.s.Pending == "" {
		// "Thanks, bye" passed the survey over, and the goodbye did not
		// ask it again: a score written next ("3") still answers it,
		// where it got "I'm not sure I understood". The matter it scores
		// is still the one before the goodbye.
		t.s.Pending = PendingSatisfaction
		t.s.LastFlow, t.s.LastBefore = last, before
	}
}

// closedAgain reports a goodbye flow f ending after how we did was just
// answered (scored, or a goodbye already said and its question passed
// over): "thanks bye", "4", "ok bye" was asked "Before you go: how well
// did we look after you?" a second time, right after "Thank you for
// telling us". A new matter after the score still ends with the question.
func (t *turn) closedAgain(f *flow.Flow) bool {
	if f.Category != flow.CategoryGratitudeClosing {
		return false
	}
	if t.s.Slots["satisfaction"] != "" {
		return true
	}
	last := t.e.flows.Flow(t.s.LastFlow)
	return last != nil && last.Category == flow.CategoryGratitudeClosing
}

// praised answers words the router reads as thanks or a goodbye at the
// satisfaction question. Praise or thanks ("very helpful", "great thanks",
// « c'était super ») get you_are_welcome, and the question waits, as any
// question does for a thanks (thanksOnly); a second goodbye ("thanks
// again, bye", « merci encore, bonne journée ») is let go as a no is
// (satisfaction_declined). Before, both ran the goodbye flow again: "Thank
// you for writing to us. Take good care of yourself…" twice in a row. A
// score written next still answers the question. A feeling said with the
// thanks is read as before (thanksWithAFeeling), and so is a question
// about the bot.
func (t *turn) praised() bool {
	an, c := t.an, t.e.flows.Common
	f := t.e.flows.Flow(an.Flow)
	if f == nil || f.Category != flow.CategoryGratitudeClosing || an.Alternative != "" || t.feeling() || an.Signals.Grief || an.Signals.Lonely || t.toldBot {
		return false
	}
	key := flow.MsgYouAreWelcome
	if t.anyIn(c.FarewellWords, clausesOf(t.text)) {
		key = flow.MsgSatisfactionDeclined
	}
	if _, ok := c.Messages[key]; !ok {
		return false // a set without it: the goodbye flow, as before
	}
	t.say(key)
	t.s.Pending = PendingSatisfaction
	return true
}

func (t *turn) score(v string) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 5 {
		t.expired()
		return
	}
	s := t.s
	s.Pending = ""
	if s.Slots == nil {
		s.Slots = map[string]string{}
	}
	s.Slots["satisfaction"] = v
	t.res.score = n
	t.care(CareSatisfaction, s.LastFlow, "")
	t.res.care[len(t.res.care)-1].Score = n
	t.say(t.scoreReply(n))
	if n <= lowScore {
		t.offerPersonAfterLowScore()
	}
	t.afterScore()
}

// offerPersonAfterLowScore offers a person after a low score, only when
// one can come for the human flow's queue: an offer nobody would answer
// is worse than none.
func (t *turn) offerPersonAfterLowScore() {
	if _, ok := t.e.flows.Common.Messages[flow.MsgSatisfactionLowPerson]; !ok {
		return
	}
	if staffed, known := t.staffed(t.e.flows.PersonQueue()); known && staffed {
		t.say(flow.MsgSatisfactionLowPerson)
	}
}

// lowScore is the highest score that says we did not look after the
// person well: 1 or 2 of 5.
const lowScore = 2

// scoreReply is the message that answers score n: a low one is not just
// thanked ("Take care!") as if all went well, but apologised for, with a
// person offered when one can come (satisfaction_low); a set without it
// thanks as before.
func (t *turn) scoreReply(n int) string {
	if n <= lowScore {
		if _, ok := t.e.flows.Common.Messages[flow.MsgSatisfactionLow]; ok {
			return flow.MsgSatisfactionLow
		}
	}
	return flow.MsgThanks
}

func (t *turn) clarifyAnswer() {
	s := t.s
	if t.paused() || t.feltThanks() {
		return // the question and its buttons wait
	}
	opts := s.Options
	s.Pending, s.Options = "", nil
	w := t.word()
	if len(opts) == 2 && saysBoth(t.text) {
		// "both": the first now, the other after it. Also where the router
		// found the two close without reading two needs joined by "and"
		// (« g pa recu ma cmd + vs m avez preleve 2 fois »): whoever says
		// both has both (play22c).
		s.Also = strings.Join(opts, " ")
		t.startNeed(opts[0])
		return
	}
	if n, ok := t.numberSaid(len(opts)); ok {
		t.startNeed(opts[n-1])
		return
	}
	for _, id := range opts {
		if f := t.e.flows.Flow(id); f != nil && w == t.e.fold(f.Title.In(t.lang, t.e.defaultLang())) {
			t.startNeed(id)
			return
		}
	}
	if ids := t.referenceFlows(); len(ids) > 0 {
		// "AB-123456" at "an order or a worry?": the option that asks for it.
		for _, id := range opts {
			if slices.Contains(ids, id) {
				t.startNeed(id)
				return
			}
		}
	}
	if id := t.optionAnswered(opts); id != "" && !t.newMatter() {
		// The router's sure reading decides first (route, below).
		t.startNeed(id)
		return
	}
	s.Also = "" // another answer: read as a message of its own
	t.route()
}

// optionAnswered returns the one flow among opts whose first question
// with buttons the message answers ("its late" at "an order, a payment
// or a refund?": the order's "It's late"), or "" when none or several
// do. The router, not sure of such short words, read them as nothing
// ("I'm not sure I understood") or as a worry.
func (t *turn) optionAnswered(opts []string) string {
	found := ""
	for _, id := range opts {
		f := t.e.flows.Flow(id)
		if f == nil {
			continue
		}
		if st := t.menuStep(f); st != nil && st.Choose != nil && t.matchChoice(st.Choose) != nil {
			if found != "" {
				return ""
			}
			found = id
		}
	}
	return found
}

// route sends free text to a flow, asks when two are close, and falls back
// kindly when nothing fits.
func (t *turn) route() {
	s, an := t.s, t.an
	if t.botGuess() {
		// "Am I talking to a bot": answered (about_bot), then the menu,
		// not the goodbye or the payment flow the router guessed from it.
		t.startFlow(t.e.flows.Common.StartFlow)
		return
	}
	if ids := t.referenceFlows(); len(ids) > 0 {
		t.byReference(ids) // "AB-123456" alone: see reference.go
		return
	}
	if t.paused() || t.feltThanks() || t.thanksWithAFeeling() {
		return
	}
	if (an.Flow == "" || an.Confidence < switchConfidence) && (t.wholeIs(t.e.okay) || t.yesOrNo() == saysYes) {
		// "ok" after "nobody can join… write menu": taken note of, not
		// misunderstood; the menu, without "I'm not sure I understood".
		// So is a yes that nothing asked for ("yes", "yes please", «
		// oui »: play22c).
		s.Misses = 0
		t.menu()
		return
	}
	if t.askedAboutNoted() {
		// "will I get my money back?", "what happens now?" right after a
		// matter was noted: what is true of it, before the router's
		// guess (the matter again, or nothing).
		s.Misses = 0
		return
	}
	if an.Flow == "" || t.e.flows.Flow(an.Flow) == nil {
		if t.feelingOnly() && t.feelingFlow() {
			return // "feeling really low, thats all": heard, not "not sure I understood"
		}
		t.fallback()
		return
	}
	if an.Alternative != "" && t.e.flows.Flow(an.Alternative) != nil {
		if t.sorrowCloseCall() {
			return
		}
		t.clarify(an.Flow, an.Alternative)
		return
	}
	s.Misses = 0
	t.startFlow(an.Flow)
}

// lost answers one who does not follow what carebot said ("I don't
// understand", "what do you mean?", « je comprends pas »): the fault is
// the wording, so the question waiting (or the menu) comes again in its
// simple words, after the simpler message and the feeling said with it,
// if any. Before, the router's guess at such words was followed ("I don't
// understand" opened the payment flow) or "sorry, I didn't catch which one
// you meant" answered. Simple words put a person first among the buttons
// (choices); it counts as a miss, so flows may offer one on their own
// (if_signal: confused), but never "I'm not sure I understood" to one who
// said they did not.
func (t *turn) lost() {
	t.acknowledge()
	t.s.Misses++
	t.careful = true
	if _, ok := t.e.flows.Common.Messages[flow.MsgSimpler]; ok {
		t.say(flow.MsgSimpler)
	}
	t.repeatOrWelcome()
}

// ownWords reports whether the question waiting asks for the person's
// own words ("Tell me in your own words what's worrying you", a message
// for the team): there "I'm so confused" or « je suis perdue » is what
// they have to say, the answer, not a question they did not follow.
func (t *turn) ownWords() bool {
	st := t.waitingStep()
	return st != nil && st.Ask != nil && (st.Ask.Validate == "" || st.Ask.Validate == flow.ValidateText)
}

// toldBesideLost reports a message that, at a question taking free text
// ("What happened?"), tells something beside the words of not following:
// "I don't understand any of it, they changed all our targets again" is
// the colleague's answer, their confusion at work with its cause, where
// "I don't understand all this" alone is carebot's words not followed.
// Before, the first clause was enough, and what they told was dropped
// (review24). Two clauses of three words or more say more than that.
func (t *turn) toldBesideLost() bool {
	st := t.waitingStep()
	if st == nil || st.Choose == nil || st.Choose.FreeText == nil {
		return false
	}
	n := 0
	for _, cl := range clausesOf(t.text) {
		if len(cl.ws) >= 3 {
			n++
		}
	}
	return n >= 2
}

func (t *turn) fallback() {
	// A feeling said with what nobody here serves is still named first.
	t.acknowledge()
	t.s.Misses++
	t.res.outcome = OutcomeFallback
	misses := t.s.Misses
	t.startFlow(t.e.flows.Common.FallbackFlow)
	t.s.Misses = misses
}

// clarify asks which of the flows ids the person means: two the router
// found close, or those that ask for the reference a message gave alone.
func (t *turn) clarify(ids ...string) {
	s := t.s
	s.Flow, s.Step, s.Stack = "", "", nil
	s.Pending, s.Options = PendingClarify, ids
	s.Also = ""
	if t.an.TwoNeeds && t.an.Alternative != "" {
		s.Also = strings.Join(ids, " ") // both the person's: see alsoNext
	}
	s.Ask++
	// Listen before solving: a feeling said with a close call is named
	// before the question, once, as a flow's first step would.
	t.acknowledge()
	t.reply(Reply{Text: t.e.message(flow.MsgClarify, t.lang, s.Slots), Choices: t.clarifyChoices()}, nil)
}

func (t *turn) clarifyChoices() []Choice {
	var cs []Choice
	for _, id := range t.s.Options {
		f := t.e.flows.Flow(id)
		if f == nil {
			continue
		}
		cs = append(cs, Choice{ID: choiceID(t.s.Ask, choiceOffer, id), Label: f.Title.In(t.lang, t.e.defaultLang())})
	}
	return cs
}

// ---- running steps ----

func (t *turn) startFlow(id string) {
	s := t.s
	// A new flow runs on the newest version of the flows.
	t.e = t.e.current()
	if t.e.flows.Flow(id) == nil || len(t.e.flows.Flow(id).Steps) == 0 {
		id = t.e.flows.Common.StartFlow
	}
	s.Pending, s.Options, s.Stack = "", nil, nil
	s.Attempts = 0
	if s.Also == id {
		s.Also = "" // the other need, come to by the person: not twice
	}
	s.Flow, s.Step = id, t.e.flows.Flow(id).Steps[0].ID
	t.started = true
	t.runSteps()
}

// runSteps runs from the session's step until a step waits for the person
// or the conversation ends.
func (t *turn) runSteps() {
	s := t.s
	for range maxSteps {
		if s.Flow == "" {
			return
		}
		f := t.e.flows.Flow(s.Flow)
		var st *flow.Step
		if f != nil && s.Step != "" {
			st = f.Step(s.Step)
		}
		if st == nil {
			if !t.finishFlow() {
				return
			}
			continue
		}
		if t.e.trace != nil {
			t.e.trace(TraceEvent{Lang: t.lang, Flow: s.Flow, Step: st.ID})
		}
		// Back at a step after its follow-up's consent question: its
		// messages were said, its action comes now.
		resumed := t.resume == st.ID
		t.resume = ""
		if st.Kind == flow.KindEnd || st.Kind == flow.KindHandoff {
			t.carryOn = false // past where the flow paused: all new
		}
		if !resumed {
			if st.Acknowledge && !t.carryOn {
				t.acknowledge()
			}
			t.ownAck(st)
			for _, txt := range st.Say {
				if t.carryOn && t.saidInMatter(txt) {
					continue // said minutes ago in this matter
				}
				t.text2(txt, t.pause(st.Pause))
			}
			if !t.carryOn && st.FollowUp != nil && st.Kind != flow.KindEnd && t.offerFollowUp(f, st) {
				return
			}
		}
		switch st.Kind {
		case flow.KindChoose:
			first := t.started && !t.choseFor // the first question on the way
			if c := t.choiceSaid(st.Choose); c != nil {
				// The person said it in the message that brought them
				// here ("I was charged twice for my order"): nobody should
				// have to repeat themselves. Their next message may
				// correct it, as one recalled from an earlier message
				// may ("I forgot my password" at the e-mail question,
				// after "I can't sign in": see corrected). One recalled
				// from an earlier message in this turn keeps the place:
				// the older words are the likelier mistake.
				if s.Recalled == "" {
					s.Recalled = s.Flow + "." + st.ID + "." + c.ID
				}
				t.choose(c)
				return
			}
			if c := t.recallChoice(st.Choose); c != nil {
				// Said in an earlier message: acknowledged, not asked.
				t.recalled(st, c.Said, c.ID)
				t.choose(c)
				return
			}
			if ft := st.Choose.FreeText; ft != nil && (first || t.storyKept) && t.storySaid() {
				// "a customer screamed at me for ten minutes and nobody
				// came" is not asked "What's going on?": the words that
				// brought the person here are their answer. So they are
				// after a question on the way took them already (the
				// fallback's staff menu, then peer support's question).
				t.keepWords(ft.Slot)
				t.storyKept = true
				s.Step = ft.Next
				continue
			}
			s.Ask++
			t.carryOn = false
			t.question(st)
			return
		case flow.KindAsk:
			if a := st.Ask; (a.Validate == "" || a.Validate == flow.ValidateText) && t.started && !t.choseFor && s.Slots[a.Slot] == "" && t.storySaid() {
				// "my order AB-123456 arrived broken and I'm really upset"
				// is not asked "Tell me what's worrying you": the words
				// that brought the person here are their answer, at the
				// first question on the way, as free_text takes them.
				t.choseFor = true
				t.keepWords(a.Slot)
				s.Step = st.Next
				continue
			}
			if t.knownKept && s.Slots[st.Ask.Slot] != "" {
				s.Step = st.Next
				continue
			}
			if v, ok := t.alreadySaid(st.Ask); ok {
				// The person gave it in the message that brought them here:
				// nobody should have to repeat themselves.
				if s.Slots == nil {
					s.Slots = map[string]string{}
				}
				s.Slots[st.Ask.Slot] = v
				s.Step = st.Next
				t.carryOn = false // what the flow paused for: now on
				continue
			}
			if t.whichOne(st) {
				// "My orders AB-123456 and AB-654321 are late": asked
				// which, in the question's place.
				s.Ask++
				s.Attempts = 0
				return
			}
			if v, ok := t.recallAnswer(st.Ask); ok {
				if s.Slots == nil {
					s.Slots = map[string]string{}
				}
				s.Slots[st.Ask.Slot] = v
				t.recalled(st, st.Ask.Said, "")
				s.Step = st.Next
				continue
			}
			s.Ask++
			s.Attempts = 0
			t.carryOn = false
			t.question(st)
			return
		case flow.KindBranch:
			s.Step = st.Next
			for _, c := range st.Branch {
				if t.holds(c) {
					s.Step = c.Goto
					break
				}
			}
		case flow.KindSet:
			t.setSlots(st.Set)
			s.Step = st.Next
		case flow.KindCall:
			s.Stack = append(s.Stack, Frame{Flow: s.Flow, Step: st.Next})
			s.Flow, s.Step = st.Call, t.firstStep(st.Call)
		case flow.KindGoto:
			s.Flow, s.Step = st.Goto, t.firstStep(st.Goto)
			if t.freeTold {
				// The words told at the staff menu ("my colleague took
				// credit for my work") brought the person to this flow,
				// as if the router had sent them: its first question is
				// not asked when they answer it (storySaid, choiceSaid).
				t.started = true
			}
		case flow.KindHandoff:
			t.openHandoff(f, st)
			return
		case flow.KindEnd:
			if !st.End.Text.IsZero() {
				t.text2(st.End.Text, t.pause(st.Pause))
			}
			if f.ID != t.e.flows.Common.FallbackFlow {
				t.care(CareResolved, f.ID, "")
			}
			if t.offerFollowUp(f, st) {
				return
			}
			began := s.Before
			closedAgain := t.closedAgain(f)
			t.reset()
			s.LastFlow, s.LastBefore = f.ID, began
			if f.Category == flow.CategoryGratitudeClosing {
				s.Also = "" // a goodbye: the person has left, the other need with them
			} else if t.alsoNext() {
				return // the other need now; how it went, at its end
			}
			if st.End.Satisfaction && !t.surveyed && !closedAgain {
				s.Pending = PendingSatisfaction
				s.Ask++
				t.reply(Reply{Text: t.e.message(flow.MsgSatisfaction, t.lang, s.Slots), Choices: t.scoreChoices(), Pause: t.pause(st.Pause)}, nil)
			}
			return
		default: // say
			s.Step = st.Next
		}
	}
	// A loop of steps that never waits: stop it here rather than spin.
	t.e.log.Warn("flow loops without waiting", "flow", s.Flow, "step", s.Step)
	t.reset()
}

// explainAgain answers "what happens now?", « et maintenant il se passe
// quoi » at the question st: the flow's messages that led to it, said
// just before ("Here is what happens next. I pass it to our delivery
// team…"), are said again in the same words, and st is asked again. No
// miss: they asked, they did not answer wrong. Before, "Sorry, I didn't
// catch which one you meant", and the second time "I'm not understanding
// you well… Would you like to talk to a person?". It reports false when
// the message asks something else, or no such message was said.
func (t *turn) explainAgain(st *flow.Step) bool {
	return t.asksWhatHappens() && t.sayAgainBefore(st)
}

// sayAgainBefore says again the flow's messages that led to the question
// st, said just before, and asks st again; false when there are none.
func (t *turn) sayAgainBefore(st *flow.Step) bool {
	f := t.e.flows.Flow(t.s.Flow)
	if f == nil {
		return false
	}
	for _, p := range f.Steps {
		if p.Next != st.ID || len(p.Say) == 0 || !slices.ContainsFunc(p.Say, t.saidLately) {
			continue
		}
		for _, txt := range p.Say {
			t.text2(txt, t.pause(p.Pause))
		}
		t.question(st)
		return true
	}
	return false
}

// asksWhatHappens reports a short message that asks what happens next
// ("what happens now", "and then what?", « il se passe quoi », « et
// après ? »), and nothing else.
func (t *turn) asksWhatHappens() bool {
	ws := t.words()
	if len(ws) > 8 {
		return false
	}
	text := " " + strings.Join(ws, " ") + " "
	for _, p := range whatHappensPhrases {
		if strings.Contains(text, " "+p+" ") {
			return true
		}
	}
	return false
}

// whatHappensPhrases ask what happens next, as words (folded).
var whatHappensPhrases = []string{"what happens", "what will happen", "what is going to happen", "what s going to happen",
	"what now", "what next", "what s next", "then what", "what do you do now", "what will you do",
	"il se passe quoi", "qu est ce qui se passe", "qu est ce qui va se passer", "que va t il se passer", "ca se passe comment",
	"se passe comment", "et maintenant", "et apres", "et ensuite", "c est quoi la suite", "quelle est la suite"}

// saidLately reports whether txt was said by the bot in the recent
// history, in any language and wording (as saidInMatter, from the start
// of the history).
func (t *turn) saidLately(txt flow.Text) bool {
	return t.saidSince(txt, 0)
}

// saidInMatter reports whether txt was said in the matter a flow carries
// on (carryOn), in any language and wording: only that is not said again.
// A step that the flow did not pass the first time ("We'll go slowly" for
// one who wrote of a crisis since) is said. A history that no longer
// holds the matter's start (Session.Recent is capped) holds too little to
// tell: everything before the question counts as said.
func (t *turn) saidInMatter(txt flow.Text) bool {
	s := t.s
	if s.Before == 0 && len(s.Recent) >= t.e.history {
		return true
	}
	return t.saidSince(txt, s.Before)
}

// saidSince reports whether txt was said by the bot in Session.Recent
// from index from on, in any language and wording.
func (t *turn) saidSince(txt flow.Text, from int) bool {
	s := t.s
	for _, l := range t.e.flows.Common.Languages {
		vars := t.e.varsFunc(l, s.Slots, nil)
		ways := []string{txt.In(l, t.e.defaultLang()), txt.SimpleIn(l, t.e.defaultLang())}
		if txt.Unstaffed != nil {
			ways = append(ways, txt.Unstaffed.In(l, t.e.defaultLang()))
		}
		for _, w := range ways {
			said := clip(flow.Render(w, vars))
			for _, tu := range s.Recent[min(from, len(s.Recent)):] {
				if tu.From == SpeakerBot && tu.Text == said {
					return true
				}
			}
		}
	}
	return false
}

// finishFlow returns to the calling flow, if any; it reports whether there is one.
func (t *turn) finishFlow() bool {
	s := t.s
	for len(s.Stack) > 0 {
		fr := s.Stack[len(s.Stack)-1]
		s.Stack = s.Stack[:len(s.Stack)-1]
		if fr.Step != "" {
			s.Flow, s.Step = fr.Flow, fr.Step
			return true
		}
	}
	s.Flow, s.Step = "", ""
	return false
}

func (t *turn) firstStep(id string) string {
	f := t.e.flows.Flow(id)
	if f == nil || len(f.Steps) == 0 {
		return ""
	}
	return f.Steps[0].ID
}

// crisisReason is the reason of the urgent hand-off a crisis opens.
const crisisReason = "crisis"

func (t *turn) holds(c flow.Case) bool {
	if c.Audience != "" {
		return t.e.audience(t.m.From) == c.Audience
	}
	if c.Staffed != "" {
		staffed, known := t.staffed(c.Staffed)
		return known && staffed // unknown: the turn is run again once the desk answered
	}
	if c.Said != "" {
		return t.saidChoice(c.Said)
	}
	if c.Slot != "" {
		v, ok := t.s.Slots[c.Slot]
		if !ok || v == "" {
			return false
		}
		return c.Equals == "" || strings.EqualFold(v, c.Equals)
	}
	sig := t.s.Signals
	switch c.Signal {
	case "distress":
		return sig.Distress
	case "anger":
		return sig.Anger
	case "anxiety":
		return sig.Anxiety
	case "lonely":
		return sig.Lonely
	case "grief":
		return sig.Grief
	case "vulnerable":
		return len(sig.Vulnerable) > 0
	case "confused":
		return t.s.Misses >= 2
	case "acknowledged":
		// A feeling was named in this very turn (acknowledge): a line
		// that thanks the person for telling would name it twice.
		return t.acked
	default:
		return slices.Contains(sig.Vulnerable, c.Signal)
	}
}

// saidChoice reports whether the message that brought the person to the
// flow names its button id (flow.Case.Said), by label or synonyms, as
// choiceSaid would hear it at that button's question: "my coworker said
// he'd hurt me if I reported him" names peer support's harassment button,
// though the distress heard in it branches past that question (fix24).
func (t *turn) saidChoice(id string) bool {
	f := t.e.flows.Flow(t.s.Flow)
	if !t.started || t.choseFor || t.text == "" || t.m.Choice != "" || f == nil {
		return false
	}
	for _, st := range f.Steps {
		if st.Choose == nil {
			continue
		}
		for _, c := range st.Choose.Choices {
			if c.ID != id {
				continue
			}
			if named, _ := t.label(c).names(appendSaid(nil, t.text)); named {
				return true
			}
			if got := t.synonymChoice(st.Choose, t.text); got == c {
				return true
			}
		}
	}
	return false
}

// acknowledge names the person's feeling in plain words: each feeling once
// in a conversation, and never two acknowledgments in a row.
func (t *turn) acknowledge() {
	if t.acked || t.s.Acked {
		return
	}
	a := t.an.Signals
	// The most specific feeling is named: distress is the general one,
	// loneliness and grief distress named as such. A loss told comes
	// first: "I lost my wife and you keep billing her, I'm furious" is
	// answered as a loss before as anger. The first feeling of the
	// message not yet named is named: a loss named before does not keep
	// the anger said with it later from being heard.
	feelings := [...]struct {
		felt bool
		key  string
		ack  Acks
	}{
		{a.Grief, flow.MsgAckGrief, AckGrief},
		{a.Anger, flow.MsgAckAnger, AckAnger},
		{a.Lonely, flow.MsgAckLonely, AckLonely},
		{a.Anxiety, flow.MsgAckAnxiety, AckAnxiety},
		// Distress is named only alone: said with another feeling, it
		// is that feeling (a loss, loneliness, anger or fear said
		// strongly), not one more to name.
		{a.Distress && !a.Grief && !a.Lonely && !a.Anger && !a.Anxiety, flow.MsgAckDistress, AckDistress},
	}
	key, ack := "", Acks(0)
	for _, f := range feelings {
		if f.felt && t.s.Acks&f.ack == 0 {
			key, ack = f.key, f.ack
			break
		}
	}
	if key == "" {
		return // none felt, or each said once already: now the help
	}
	if _, ok := t.e.flows.Common.Messages[key]; !ok {
		key = flow.MsgAckDistress // a set written before ack_lonely or ack_grief
	}
	t.acked = true
	t.s.Acks |= ack
	t.ackReply = len(t.res.replies)
	t.say(key)
}

// ownAck takes back the feeling named in this turn when the step about
// to speak acknowledges what the person told in its own words: "a
// colleague is harassing me" heard "I understand you're angry, and that's
// fair to say." before "What you describe is not OK, and it's not your
// fault" (fix24), the harassment words being anger words too. The
// signals stay as they are (taking those words out of the anger lexicon
// lost the distress of "please stop harassing me"); only the first words
// give way to the step's. The feeling stays counted as named: the step
// named it.
func (t *turn) ownAck(st *flow.Step) {
	i := t.ackReply
	if !st.OwnAck || !t.acked || i < 0 || i >= len(t.res.replies) {
		return
	}
	t.res.replies = slices.Delete(t.res.replies, i, i+1)
	t.res.slots = slices.Delete(t.res.slots, i, i+1)
	if i == 0 && len(t.res.replies) > 0 {
		t.res.replies[0].Pause = 0 // the first reply comes at once
	}
	t.ackReply = -1
}

// ackForget is the silence after which a person who writes again starts a
// new conversation as far as feelings go: a feeling acknowledged before it
// is named again if it is felt again.
const ackForget = 12 * time.Hour

func (t *turn) openHandoff(f *flow.Flow, st *flow.Step) {
	// The matter ends here as at an end step: where it began goes with it
	// (reference.go), not where the one that ended before began.
	t.s.LastFlow, t.s.LastBefore = f.ID, t.s.Before
	t.handoffFrom(f.ID, st.ID, st.Handoff, PriorityNormal, t.pause(st.Pause))
}

func (t *turn) newHandoff(queue string, p Priority, reason, flowID, step string) *Handoff {
	sum := sha256.Sum256([]byte(t.m.From.String() + "\x00" + t.m.ID + "\x00" + t.now.Format(time.RFC3339Nano)))
	return &Handoff{
		ID:       hex.EncodeToString(sum[:8]),
		Queue:    queue,
		Priority: p,
		Reason:   reason,
		Status:   HandoffWaiting,
		Opened:   t.now,
		Flow:     flowID,
		Step:     step,
		Lang:     t.lang,
		Slots:    maps.Clone(t.s.Slots),
		Signals:  t.s.Signals,
	}
}

// choiceSaid finds, in the message this turn is handling, the button of
// the first question met on the way (a flow just started by that
// message) when exactly one button's words all appear in it: "I was
// charged twice for my order" names "I was charged twice". Little words
// ("I", "my", "le", "mon"…) need not appear; a message that names two
// buttons, a button press, a button that starts a flow (a menu) and a
// question met after another one in the same turn are left to the
// person, and so is a question met after a free-text answer (a story told
// at "tell me what happened" is no "That's all for now").
func (t *turn) choiceSaid(ch *flow.Choose) *flow.Choice {
	if !t.started || t.text == "" || t.m.Choice != "" || t.choseFor || strings.HasPrefix(strings.TrimSpace(t.text), "/") {
		return nil // a command (/cancel_order) names its flow, not an answer
	}
	t.choseFor = true
	// Each word is said in a clause that denies or not: "it isn't late"
	// does not name "It's late", nor "I can sign in" "I can't sign in".
	said := appendSaid(nil, t.text)
	var found *flow.Choice
	for _, c := range t.choices(ch) {
		if c.Flow != "" || t.toPerson(c) {
			return nil
		}
		if named, _ := t.label(c).names(said); !named {
			continue
		}
		if found != nil {
			return nil // two buttons named: ask rather than guess
		}
		found = c
	}
	if found == nil {
		// The person's own words for one answer ("I want my money back").
		found = t.synonymChoice(ch, t.text)
	}
	return found
}

// storySaid reports a message that brought the person to a flow by
// telling what happened: six words or more once its questions are set
// aside, four of them beyond the little words, those of a wish to talk,
// those that only say a feeling and those of a plea for help. "I just
// need to talk", "can I talk to a colleague?", "I'd like to talk to
// someone about today", "I'm terrified I've made a huge mistake" and "I'm
// so anxious, please help me, I don't know what to do" tell nothing yet,
// and are asked.
func (t *turn) storySaid() bool {
	if t.text == "" || t.m.Choice != "" || strings.HasPrefix(strings.TrimSpace(t.text), "/") {
		return false
	}
	text := statements(t.text)
	if letterWords(text) < 6 {
		return false
	}
	return storyWords(text) >= 4
}

// storyWords counts the words of text that toldWords counts, less those
// of a plea for help ("please help me, I don't know what to do", «
// aidez-moi s'il vous plaît, je ne sais plus quoi faire »): a plea tells
// nothing yet of what happened, and is asked what worries the person.
func storyWords(text string) int {
	return saidBeyond(text, talkWords, feltWords, pleaWords) + actors(text)
}

// actors counts the words of text that name someone (whoWords) when it
// says nothing of talking: then "colleague" in "my colleague took credit
// for my work" is one who did something, part of the story, not the one
// a person wants to talk to ("can I talk to a colleague"). Before, the
// story fell short without them and was asked "What's going on?".
func actors(text string) int {
	said := appendSaid(nil, text)
	if slices.ContainsFunc(said, func(sw saidWord) bool { return talkVerbs[sw.w] }) {
		return 0
	}
	n := 0
	for _, sw := range said {
		if whoWords[sw.w] {
			n++
		}
	}
	return n
}

// whoWords are the talkWords that name someone; talkVerbs those that say
// talking (folded).
var (
	whoWords  = wordSet(`someone somebody anyone anybody colleague colleagues person quelqu personne collegue collegues`)
	talkVerbs = wordSet(`talk talking speak speaking chat chatting vent parler discuter echanger`)
)

// pleaWords are the words of a plea for help (folded), which tell nothing
// of what happened.
var pleaWords = wordSet(`help helps helping please pls plz idea what do should anymore
		aide aider aidez svp plait stp quoi faire`)

// toldWords counts the words of text beyond the little words, those of a
// wish to talk and those that only say how the person feels: what it
// tells of what happened. "je suis vraiment inquiet et contrarié" tells a
// feeling, heard as such, and is asked what worries them.
func toldWords(text string) int {
	return saidBeyond(text, talkWords, feltWords)
}

// saidBeyond counts the words of text beyond the little words (appendSaid)
// that none of sets holds.
func saidBeyond(text string, sets ...map[string]bool) int {
	n := 0
	for _, sw := range appendSaid(nil, text) {
		if !slices.ContainsFunc(sets, func(set map[string]bool) bool { return set[sw.w] }) {
			n++
		}
	}
	return n
}

// feltWords say how the person feels, or how much (folded): not what
// happened. moodWords are those of them that name the feeling ("tired",
// « crevée », « bof »), not how much of it ("so", « trop ») or that it is
// felt ("feel", « suis »).
var feltWords, moodWords = func() (felt, mood map[string]bool) {
	felt, mood = map[string]bool{}, map[string]bool{}
	for _, w := range strings.Fields(`am is are was feel feeling felt so very quite really extremely totally bit
		suis sens sentir vraiment tres trop tellement assez completement`) {
		felt[w] = true
	}
	for _, w := range strings.Fields(`worried worry upset scared afraid anxious nervous stressed sad angry annoyed furious frustrated
		disappointed unhappy down low awful terrible bad lost confused overwhelmed tired exhausted
		terrified panicking panic devastated heartbroken miserable hopeless meh
		inquiet inquiete inquiets contrarie contrariee stresse stressee triste fache fachee decu decue
		peur angoisse angoissee perdu perdue epuise epuisee mal bof
		fatigue fatiguee creve crevee naze`) {
		felt[w], mood[w] = true, true
	}
	return felt, mood
}()

// talkWords are the words of a wish to talk (folded), which tell nothing
// of what happened: "I was wondering if I could talk to someone for a
// moment", « est-ce que je pourrais parler à un collègue deux minutes ».
var talkWords = wordSet(`talk talking speak speaking chat chatting vent someone somebody anyone anybody
		colleague colleagues person need want wanted like would could can may might wondering wonder
		just bit little while moment minute minutes second about something anything thing things
		hi hello hey ok okay d ll m ve re really now quick quickly
		parler discuter echanger quelqu personne collegue collegues besoin voudrais veux voulais
		aimerais aurais pourrais peux puis pouvez juste peu chose quelque avec envie
		deux bonjour salut coucou`)

// labelWords are the words of s, folded (lower case, no accents), without
// the little words a label and a message share by chance.
func labelWords(s string) []string {
	var out []string
	for _, w := range words(s) {
		if !littleWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// words are the words of s, folded (lower case, no accents): "can't" is
// "can", "t".
func words(s string) []string {
	return chatWords(strings.FieldsFunc(flow.Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
}

// wordSet returns the set of the words of ws (separated by white space).
func wordSet(ws string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(ws) {
		m[w] = true
	}
	return m
}

// chatWords returns ws with each French chat word replaced by the words it
// stands for (nlu.ChatWords). A message's words and a phrase's are read
// alike: the phrase « c koi » of unknown_words is "c quoi", as « c koi ? »
// is.
func chatWords(ws []string) []string {
	for i := 0; i < len(ws); i++ {
		// French chat shorthand reads as the words it stands for ("tjr
		// pas la": "toujours pas la"), as the NLU reads it; an English
		// contraction typed without its apostrophe as with it ("didnt":
		// "didn t", as "didn't" reads).
		v := nlu.ChatWords(ws[i])
		if v == "" {
			v = bareContractions[ws[i]]
		}
		if v != "" {
			more := strings.Fields(v)
			ws = slices.Insert(slices.Delete(ws, i, i+1), i, more...)
			i += len(more) - 1
		}
	}
	return ws
}

// saidWord is a word of a message, and whether its clause denies.
type saidWord struct {
	w   string
	neg bool
}

// clauses are the words of s by clause: split at punctuation and at the
// words that join two statements ("it isn't late, it arrived damaged",
// "I can sign in but it logs me out").
func clauses(s string) [][]string {
	var out [][]string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(".,;:!?()\n", r) }) {
		cl := []string{}
		for _, w := range words(part) {
			if clauseWords[w] {
				out, cl = append(out, cl), []string{}
				continue
			}
			cl = append(cl, w)
		}
		out = append(out, cl)
	}
	return out
}

var clauseWords = map[string]bool{"and": true, "but": true, "because": true, "though": true, "although": true, "et": true, "mais": true, "car": true, "parce": true}

// denies reports words that deny what they say, in English or French:
// "not", "never", "pas"…, and "t" as what is left of "n't" ("don", "t";
// not the "t" of « a-t-il »).
func denies(ws []string) bool {
	for i, w := range ws {
		if w == "dont" && i+1 < len(ws) && relativeDont[ws[i+1]] {
			continue // « la commande dont je parle »: French, no "don't"
		}
		if keepsOn(ws, i) {
			continue // « n'arrête pas de », "never stops making": it goes on
		}
		if negationWords[w] || w == "t" && i > 0 && strings.HasSuffix(ws[i-1], "n") {
			return true
		}
	}
	return false
}

// keepsOn reports a negation at ws[i] that denies a stop and so says
// something goes on: « mon chef n'arrête pas de faire des remarques », «
// il ne cesse de… », "he never stops making comments", "she won't stop
// calling me". Before, the remarks were read as denied, and a synonym of
// them ("remarque* sur mon corps") never counted (play23). The stop must
// be followed by « de » or a verb in -ing: "don't stop the order" denies.
func keepsOn(ws []string, i int) bool {
	j := -1
	switch {
	case i+1 < len(ws) && stopVerbs[ws[i+1]]:
		j = i + 1
	case i > 0 && stopVerbs[ws[i-1]]:
		j = i - 1
	default:
		return false
	}
	for j++; j < len(ws) && negationWords[ws[j]]; j++ {
	}
	return j < len(ws) && (ws[j] == "de" || ws[j] == "d" || len(ws[j]) > 4 && strings.HasSuffix(ws[j], "ing"))
}

// stopVerbs stop something, in English and French (folded).
var stopVerbs = wordSet(`stop stops stopped stopping quit quits arrete arretent arreter arretait cesse cessent cesser`)

// relativeDont are the words that follow the French « dont » (« la
// commande dont je vous parle », « dont le colis »), never the English
// "dont" typed for "don't" ("i dont have it"): before them « dont » denies
// nothing. Before, « la commande dont je vous parle est en retard » was
// read as "not late".
var relativeDont = wordSet(`je j tu il elle on nous vous ils elles le la les l un une des c ce cet cette ces
		mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs`)

var negationWords = wordSet(`not no never nor neither nothing none nobody cannot without
		dont doesnt didnt isnt wasnt arent werent cant wont hasnt havent hadnt couldnt wouldnt shouldnt aint
		ne n pas jamais aucun aucune rien sans ni`)

// littleWords are the English and French words a button label needs not
// find in a message to be named by it: « ne » among them, which spoken
// French drops (« j'arrive pas à me connecter » names « Je n'arrive pas à
// me connecter »); the negation stays with « pas », « jamais »…
var littleWords = wordSet(`i me my mine a an the it its s is was be been am are to of in on at for with and or
		this that there here do did so just please
		je j me m moi ma mon mes la le les l un une des de du d est a ai au aux en y et ou ce c ca cela
		on elle il qu que s se sa son ses t te ta ton tes vous votre vos nous notre svp stp
		ne n`)

// alreadySaid finds the answer to an order-reference or e-mail question in
// the message this turn is handling, when it holds exactly one candidate
// and the slot is still empty. Free-text questions are always asked.
func (t *turn) alreadySaid(a *flow.Ask) (string, bool) {
	if t.text == "" || t.m.Choice != "" || t.s.Slots[a.Slot] != "" {
		return "", false
	}
	if !tokenAnswer(a) {
		return "", false
	}
	v, ok, _ := answerIn(a, t.text) // two candidates: ask rather than guess
	return v, ok
}

// onlyAboutBot reports whether this turn said what carebot is (toldBot)
// to a message that tried no answer besides: "are you a bot?" is asked
// again without "that doesn't look like an order number", "are you a
// bot? AB-12" still hears that it does not. A try is a word holding a
// digit or an @ (a number, a reference, an address).
func (t *turn) onlyAboutBot() bool {
	return t.toldBot && !t.triesReference()
}

// botGuess reports whether this turn said what carebot is (toldBot) to a
// message whose flow is none or but a guess (below switchConfidence): the
// router reads "am I talking to a bot" as a goodbye, "is this automated?"
// as a payment problem, and places "are you human?" nowhere (the fallback's
// "not sure I understood", right after the answer). A need said with the
// question is heard surely. One already misunderstood (Misses) keeps the
// fallback, which offers a person to one who stays stuck.
func (t *turn) botGuess() bool {
	if !t.toldBot {
		return false
	}
	if t.an.Flow == "" {
		return t.s.Misses == 0
	}
	return t.an.Confidence < switchConfidence
}

// tokenAnswer reports whether a's answers are one word that a sentence
// may hold (an order reference, an e-mail address, a reference of the
// flow's own pattern), so that answerIn can find them in "my order number
// is AB-123456" (flow.Ask.Recalls says the same).
func tokenAnswer(a *flow.Ask) bool { return a.Token() }

// ---- emitting ----

// question (re)sends the question of a waiting step.
func (t *turn) question(st *flow.Step) {
	s := t.s
	switch {
	case st.Choose != nil:
		shown := t.choices(st.Choose)
		var cs []Choice // nil without buttons, as before
		if len(shown) > 0 {
			cs = make([]Choice, len(shown))
			kinds := make([]choiceKind, len(shown))
			for i, c := range shown {
				kinds[i] = choiceFlow
				if t.toPerson(c) {
					kinds[i] = choicePerson // the flood gate lets it through, as a typed request for a person
				}
				cs[i] = Choice{ID: c.ID, Label: t.render(c.Label, nil)}
			}
			encodeChoiceIDs(cs, s.Ask, kinds)
		}
		var used []string
		t.reply(Reply{Text: t.render(st.Choose.Text, &used), Choices: cs, Tone: st.Choose.Text.Tone, Verbatim: t.verbatim(st.Choose.Text), Pause: t.questionPause(st)}, used)
	case st.Ask != nil:
		t.text2(st.Ask.Text, t.questionPause(st))
	}
}

// choices are a question's buttons in the order shown: for a careful
// person, those that lead to a person come first.
func (t *turn) choices(ch *flow.Choose) []*flow.Choice {
	if !t.careful {
		return ch.Choices
	}
	toPerson := t.toPerson
	if t.e.flows.Flow(t.s.Flow) == nil || !slices.ContainsFunc(ch.Choices, toPerson) || toPerson(ch.Choices[0]) {
		return ch.Choices
	}
	out := make([]*flow.Choice, 0, len(ch.Choices))
	for _, c := range ch.Choices {
		if toPerson(c) {
			out = append(out, c)
		}
	}
	for _, c := range ch.Choices {
		if !toPerson(c) {
			out = append(out, c)
		}
	}
	return out
}

// toPerson reports a choice that leads to a person: the human flow, or a
// hand-off step of the current flow reached without another question or
// condition (through messages and slots set on the way).
func (t *turn) toPerson(c *flow.Choice) bool {
	if c.Flow != "" {
		return c.Flow == t.e.flows.Common.HumanFlow
	}
	st := t.through(c)
	return st != nil && (st.Kind == flow.KindHandoff || st.Kind == flow.KindGoto && st.Goto == t.e.flows.Common.HumanFlow)
}

// through follows a choice of the current flow past the messages and slots
// set on its way and returns the first step of another kind (a question, a
// condition, an end, a hand-off…), or nil when there is none.
func (t *turn) through(c *flow.Choice) *flow.Step {
	f := t.e.flows.Flow(t.s.Flow)
	if f == nil {
		return nil
	}
	st := f.Step(c.Next)
	for range len(f.Steps) {
		if st == nil || st.Kind != flow.KindSay && st.Kind != flow.KindSet {
			return st
		}
		st = f.Step(st.Next)
	}
	return nil
}

func (t *turn) questionPause(st *flow.Step) time.Duration {
	if len(t.res.replies) == 0 {
		return 0
	}
	return t.pause(st.Pause)
}

// repeat shows the question the conversation is waiting on, if any.
func (t *turn) repeat() bool {
	s := t.s
	switch s.Pending {
	case PendingSatisfaction:
		t.reply(Reply{Text: t.e.message(flow.MsgSatisfaction, t.lang, s.Slots), Choices: t.scoreChoices()}, nil)
		return true
	case PendingClarify:
		t.reply(Reply{Text: t.e.message(flow.MsgClarify, t.lang, s.Slots), Choices: t.clarifyChoices()}, nil)
		return true
	case PendingConsent, PendingCheckIn:
		// "the buttons don't work for me" at "May I write to you in
		// three days?": that question again, not the menu.
		st := t.followUpStep()
		if st == nil {
			return false
		}
		if s.Pending == PendingConsent {
			t.consentQuestion(st, 0)
		} else {
			t.checkInQuestion(st)
		}
		return true
	}
	if st := t.waitingStep(); st != nil {
		t.question(st)
		return true
	}
	return false
}

func (t *turn) repeatOrWelcome() {
	if !t.repeat() {
		t.startFlow(t.e.flows.Common.StartFlow)
	}
}

// tells reports a message that says something of its own: three words or
// more once its questions are set aside (as storySaid), one of them more
// than a wish to talk, or a feeling heard. "ok", "hmm", "idk", a lone
// emoji, "what time does the canteen close?" and "I'd just like to chat
// for a bit" tell nothing, and get the question again.
func (t *turn) tells() bool {
	if t.feeling() || t.moodSaid() || t.asksOfFeeling() || t.shrugs() {
		return true
	}
	text := statements(t.text)
	return letterWords(text) >= 3 && toldWords(text) > 0 && !t.onlyAboutBot()
}

// asksOfFeeling reports a message that speaks of how the person feels,
// even as a question ("is it normal to feel this drained after every
// shift?", « est-ce normal de se sentir aussi épuisée ? »): it tells what
// is going on, where a question about something else ("what time does
// the canteen close?") does not. Before, it got the bare question back,
// as if unread (play22c).
func (t *turn) asksOfFeeling() bool {
	return slices.ContainsFunc(t.words(), func(w string) bool { return moodWords[w] || feelVerbs[w] })
}

// feelVerbs say that a feeling is felt (folded).
var feelVerbs = wordSet(`feel feeling feels felt sentir sens sent ressens ressentir`)

// moodSaid reports a message that says how the person is in a few words
// ("i'm tired", « je suis crevée », "meh", « bof »), which the feeling
// detector may not hear: a word that names a mood (moodWords), and beside
// it only little words, negations and the words of how much.
func (t *turn) moodSaid() bool {
	said := false
	for _, w := range words(statements(t.text)) {
		switch {
		case moodWords[w]:
			said = true
		case feltWords[w], littleWords[w], negationWords[w]:
		default:
			return false
		}
	}
	return said
}

// letterWords counts the words of text that hold a letter (not a lone
// number or emoji).
func letterWords(text string) int {
	n := 0
	for _, w := range strings.Fields(text) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			n++
		}
	}
	return n
}

// greetingOnly reports a message the router surely reads as a greeting
// (the start flow's words) with no feeling said: "hey there how are you"
// at the staff menu tells nothing of how the person is, and gets the
// menu again; « bonjour, ça ne va pas fort » does.
func (t *turn) greetingOnly() bool {
	an := t.an
	// A shrug beside it (« ça va, peu importe ») says how the person is.
	return !t.feeling() && !t.shrugs() && an.Flow == t.e.flows.Common.StartFlow && an.Alternative == "" && an.Confidence >= switchConfidence
}

// doneChoice returns the one button of ch that ends the flow when the
// message is surely a goodbye, with no feeling said: "no that's it
// thanks", « non c'est tout merci », "ok thanks, bye" at peer support's
// "What would help you now?" mean its "That's all for now". Before, the
// goodbye flow took them: the customers' "Thank you for writing to us"
// and a survey, and the flow's own ending (its last words, the check-in
// offered for tomorrow) was lost. A feeling said with the goodbye goes
// where digress sends it. A yes said before farewell words only answers
// the question whatever the router makes of it ("yes please, have a nice
// day", « oui s'il vous plaît, au revoir »: yesBeforeGoodbye).
//
// Not at the start flow's menu: nothing was done there, no ending of a
// flow is lost, and a goodbye is the goodbye ("merci, au revoir" at the
// staff menu is no "I'm doing fine").
func (t *turn) doneChoice(ch *flow.Choose) *flow.Choice {
	if t.feeling() || t.s.Flow == t.e.flows.Common.StartFlow {
		return nil
	}
	if c := t.yesBeforeGoodbye(ch); c != nil {
		return c // "yes thanks bye": the yes answers, then the goodbye
	}
	an := t.an
	to := t.e.flows.Flow(an.Flow)
	if to == nil || to.Category != flow.CategoryGratitudeClosing || an.Alternative != "" || an.Confidence < switchConfidence {
		return nil
	}
	var found *flow.Choice
	for _, c := range t.choices(ch) {
		if !t.ends(c) {
			continue
		}
		if found != nil {
			return nil // two ways to end: the question again
		}
		found = c
	}
	return found
}

// ends reports a choice that ends the current flow: an end step reached
// without another question or condition (through messages and slots set
// on the way), as toPerson follows a hand-off.
func (t *turn) ends(c *flow.Choice) bool {
	if c.Flow != "" {
		return false
	}
	st := t.through(c)
	return st != nil && st.Kind == flow.KindEnd
}

// moreOfTheStory reports a message that goes on telling (tells) at a
// question of a flow that has already taken the person's story in their
// own words (a free_text or text ask slot of the flow is filled), when the
// set has words for it (listening): what they add is more of it. Before
// the story, words that are no button still get "Sorry, I didn't catch
// which one you meant": the buttons are what the question needs then.
func (t *turn) moreOfTheStory() bool {
	f := t.e.flows.Flow(t.s.Flow)
	if f == nil || t.toldBot || !t.tells() {
		return false
	}
	if _, ok := t.e.flows.Common.Messages[flow.MsgListening]; !ok {
		return false
	}
	for _, st := range f.Steps {
		var slot string
		switch {
		case st.Choose != nil && st.Choose.FreeText != nil:
			slot = st.Choose.FreeText.Slot
		case st.Ask != nil && (st.Ask.Validate == "" || st.Ask.Validate == flow.ValidateText):
			slot = st.Ask.Slot
		}
		if slot != "" && t.s.Slots[slot] != "" {
			return true
		}
	}
	return false
}

// namedInWords returns the one button of ch that a few words ask for
// ("talk to a colleague please", "I want to tell you about it", « je
// voudrais parler à un collègue »): every word of its label said, in a
// clause that denies as the label does, and fewer than three words
// besides. More is the person's own story, which may name a button in
// passing ("an aggressive customer called me names and hung up"): a
// question with free_text takes it as told.
func (t *turn) namedInWords(ch *flow.Choose) *flow.Choice {
	said := appendSaid(nil, t.text)
	var found *flow.Choice
	for _, c := range t.choices(ch) {
		li := t.label(c)
		if !li.nameable {
			continue
		}
		if named, _ := li.names(said); !named {
			continue
		}
		if found != nil {
			return nil // two buttons named: the question again
		}
		found = c
	}
	if found == nil {
		return nil
	}
	besides := 0
	for _, sw := range said {
		if !slices.Contains(t.label(found).words, sw.w) {
			besides++
		}
	}
	if besides >= 3 {
		return nil
	}
	return found
}

// waitingStep is the step that awaits the person's answer, or nil.
func (t *turn) waitingStep() *flow.Step {
	s := t.s
	if s.Flow == "" || s.Pending != "" {
		return nil
	}
	f := t.e.flows.Flow(s.Flow)
	if f == nil {
		return nil
	}
	st := f.Step(s.Step)
	if st == nil || (st.Choose == nil && st.Ask == nil) {
		return nil
	}
	return st
}

func (t *turn) scoreChoices() []Choice {
	cs := make([]Choice, 5)
	for i := range cs {
		v := strconv.Itoa(i + 1)
		cs[i] = Choice{ID: v, Label: v}
	}
	kinds := [...]choiceKind{choiceScore, choiceScore, choiceScore, choiceScore, choiceScore}
	encodeChoiceIDs(cs, t.s.Ask, kinds[:])
	return cs
}

func (t *turn) say(key string) {
	txt := t.e.flows.Common.Messages[key]
	t.text2(txt, 0)
}

// text2 emits a flow text, rendered in the conversation's language.
func (t *turn) text2(txt flow.Text, pause time.Duration) {
	if len(t.res.replies) == 0 {
		pause = 0
	}
	var used []string
	t.reply(Reply{Text: t.render(txt, &used), Tone: txt.Tone, Verbatim: t.verbatim(txt), Pause: pause}, used)
}

// render fills a flow text in the conversation's language: its unstaffed
// variant when nobody can come, else its simple variant, if any, for a
// careful person.
func (t *turn) render(txt flow.Text, used *[]string) string {
	return t.renderWith(txt, t.s.Slots, used)
}

// renderWith is render with slots other than the session's (what a flow
// knew when it offered a follow-up).
func (t *turn) renderWith(txt flow.Text, slots map[string]string, used *[]string) string {
	s := txt.In(t.lang, t.e.defaultLang())
	switch {
	case t.unstaffed(txt):
		s = txt.Unstaffed.In(t.lang, t.e.defaultLang())
	case t.careful:
		s = txt.SimpleIn(t.lang, t.e.defaultLang())
	}
	return flow.Render(s, t.e.varsFunc(t.lang, slots, used))
}

// unstaffed reports a text whose unstaffed variant must be said: nobody
// can come for its queue. Not known yet, the desk is asked and the turn
// runs again (see staffed); meanwhile the text itself stands.
func (t *turn) unstaffed(txt flow.Text) bool {
	if txt.Unstaffed == nil {
		return false
	}
	q := txt.Unstaffed.Queue
	if q == "" {
		q = t.e.flows.PersonQueue()
	}
	staffed, known := t.staffed(q)
	return known && !staffed
}

// verbatim reports whether a flow text goes out as written: safety and
// legal texts, and simple variants, whose plain words a rephrase would
// only lengthen.
func (t *turn) verbatim(txt flow.Text) bool {
	return txt.NoRephrase || (t.careful && txt.Simple != nil)
}

func (t *turn) reply(r Reply, slots []string) {
	if t.careful && len(t.res.replies) > 0 && r.Pause < carefulPause && t.res.outcome != OutcomeCrisis {
		// One message at a time for people who need it slower; never
		// between the safety lines of a crisis.
		r.Pause = carefulPause
	}
	if t.res.replies == nil {
		// Room for a turn's usual replies, at once.
		t.res.replies = make([]Reply, 0, replyRoom)
		t.res.slots = make([][]string, 0, replyRoom)
	}
	t.res.replies = append(t.res.replies, r)
	t.res.slots = append(t.res.slots, slots)
}

// pause slows the conversation down for people who need it.
func (t *turn) pause(d time.Duration) time.Duration {
	if t.careful {
		return d * 3 / 2
	}
	return d
}

// keepWords keeps the message's own words in slot: the answer of a
// question that takes words (free_text, an ask for text), or the story
// that brought the person to it (storySaid).
func (t *turn) keepWords(slot string) {
	if t.s.Slots == nil {
		t.s.Slots = map[string]string{}
	}
	t.s.Slots[slot] = strings.TrimSpace(t.text)
}

func (t *turn) setSlots(set map[string]string) {
	if len(set) == 0 {
		return
	}
	s := t.s
	if s.Slots == nil {
		s.Slots = map[string]string{}
	}
	for k, v := range set {
		s.Slots[k] = flow.Render(v, t.e.varsFunc(t.lang, s.Slots, nil))
	}
}

// reset ends the conversation's current business: position, pending
// question, answers, and the feelings about that matter (anger, anxiety).
// The language, the history and what the person said of themselves (their
// age, a pregnancy, a disability, distress) stay until the session expires
// or they say /forget: the care and the hand-off priority those bring must
// not end with "menu" or with a flow.
func (t *turn) reset() {
	s := t.s
	s.Flow, s.Step, s.Stack = "", "", nil
	s.Pending, s.Options = "", nil
	s.Attempts, s.Misses = 0, 0
	s.Slots = nil
	s.Signals.Anger, s.Signals.Anxiety = false, false
	// What was said so far answers no question of the next matter.
	s.Before, s.Recalled = len(s.Recent), ""
	s.LastNoted = false
}

func (t *turn) remember(by Speaker, text string) {
	if text == "" {
		return
	}
	t.s.Recent = append(t.s.Recent, Turn{From: by, Text: clip(text), At: t.now})
	if over := len(t.s.Recent) - t.e.history; over > 0 {
		t.s.Recent = slices.Delete(t.s.Recent, 0, over)
		t.s.Before = max(t.s.Before-over, 0)
		t.s.LastBefore = max(t.s.LastBefore-over, 0)
	}
}

// clip shortens a turn for the history, at a rune boundary.
func clip(s string) string {
	if len(s) <= turnCap {
		return s
	}
	i := turnCap
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

func appendCapped(xs []string, x string, n int) []string {
	xs = append(xs, x)
	if len(xs) > n {
		xs = slices.Delete(xs, 0, len(xs)-n)
	}
	return xs
}

func cloneHandoff(h *Handoff) *Handoff {
	if h == nil {
		return nil
	}
	c := *h
	c.Slots = maps.Clone(h.Slots)
	c.Signals.Vulnerable = slices.Clone(h.Signals.Vulnerable)
	return &c
}

// choiceKind is what a button answers; it is encoded in the button's ID.
type choiceKind byte

// Choice kinds.
const (
	choiceFlow   choiceKind = 'c' // a flow's choice
	choicePerson choiceKind = 'p' // a flow's choice that leads to a person
	choiceOffer  choiceKind = 'f' // a flow offered by a clarifying question
	choiceScore  choiceKind = 's' // a satisfaction score
	// choiceConsent answers a follow-up's consent question (yes or no), and
	// the no of a call-back question.
	choiceConsent choiceKind = 'y'
	// choiceCallBack is the yes of a call-back question: a person phones back.
	choiceCallBack choiceKind = 'b'
	choiceCheckIn  choiceKind = 'k' // an answer to a check-in
	// choiceCheckInPerson is an answer to a check-in that hands the
	// conversation to a person ("I'd like a person").
	choiceCheckInPerson choiceKind = 'h'
)

// toPerson reports a kind of button that leads to a person: the flood gate
// lets its press through, as it does a typed request for a person. Every
// button that leads to a person has such a kind (or is an offer of the
// human flow, which personChoice checks).
func (k choiceKind) toPerson() bool {
	return k == choicePerson || k == choiceCallBack || k == choiceCheckInPerson
}

// consentChoices are the yes and no buttons of a follow-up's consent
// question; the yes of a call-back question leads to a person.
func (t *turn) consentChoices(c flow.Consent, callBack bool) []Choice {
	yes := choiceConsent
	if callBack {
		yes = choiceCallBack
	}
	return []Choice{
		{ID: choiceID(t.s.Ask, yes, "yes"), Label: t.render(c.Yes, nil)},
		{ID: choiceID(t.s.Ask, choiceConsent, "no"), Label: t.render(c.No, nil)},
	}
}

// checkInKind is the kind of a check-in answer's button: one that hands
// the conversation to a person is marked so.
func (e *Engine) checkInKind(a *flow.FollowUpAnswer) choiceKind {
	if a.Handoff != nil || (a.Flow != "" && a.Flow == e.flows.Common.HumanFlow) {
		return choiceCheckInPerson
	}
	return choiceCheckIn
}

// choiceID encodes a button: the question's sequence, its kind and the
// choice. It stays under Telegram's 64-byte callback limit.
func choiceID(seq int, kind choiceKind, id string) string {
	return strconv.Itoa(seq) + ":" + string(kind) + ":" + id
}

// encodeChoiceIDs turns each cs[i].ID, a choice's own id, into its
// button's ID: choiceID(seq, kinds[i], id). The IDs share one string, so a
// question's buttons cost one allocation rather than one each.
func encodeChoiceIDs(cs []Choice, seq int, kinds []choiceKind) {
	var num [20]byte
	prefix := strconv.AppendInt(num[:0], int64(seq), 10)
	n := 0
	for i := range cs {
		n += len(prefix) + 3 + len(cs[i].ID)
	}
	var b strings.Builder
	b.Grow(n)
	for i := range cs {
		b.Write(prefix)
		b.WriteByte(':')
		b.WriteByte(byte(kinds[i]))
		b.WriteByte(':')
		b.WriteString(cs[i].ID)
	}
	all := b.String()
	for i := range cs {
		l := len(prefix) + 3 + len(cs[i].ID)
		cs[i].ID, all = all[:l], all[l:]
	}
}

func parseChoiceID(s string) (seq int, kind choiceKind, id string, ok bool) {
	a, rest, ok1 := strings.Cut(s, ":")
	k, id, ok2 := strings.Cut(rest, ":")
	if !ok1 || !ok2 || len(k) != 1 || id == "" {
		return 0, 0, "", false
	}
	n, err := strconv.Atoi(a)
	if err != nil {
		return 0, 0, "", false
	}
	return n, choiceKind(k[0]), id, true
}
