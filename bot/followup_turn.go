package bot

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/carebot/carebot/bot/flow"
)

// followUpCore is the engine's follow-up settings.
type followUpCore struct {
	store        FollowUpStore
	on           func(Address) bool
	hours        Hours
	callBack     string
	care         CareRecorder
	abandonAfter time.Duration
	waitingAfter time.Duration
	idle         IdleIndex
}

func newFollowUpCore(cfg Config) followUpCore {
	c := followUpCore{store: cfg.FollowUps, on: cfg.FollowUpOn, hours: cfg.Hours.withDefaults(), callBack: cfg.CallBackQueue, care: cfg.Care,
		abandonAfter: cfg.AbandonAfter, waitingAfter: cfg.WaitingAbandonAfter, idle: cfg.Idle}
	if c.care == nil {
		c.care = nopCare{}
	}
	if c.abandonAfter <= 0 {
		c.abandonAfter = DefaultAbandonAfter
	}
	if c.waitingAfter <= 0 {
		c.waitingAfter = DefaultWaitingAbandonAfter
	}
	return c
}

type nopCare struct{}

func (nopCare) Care(CareEvent) {}

// ---- in a turn (pure: no I/O; what to do is left in t.res) ----

// care notes a care outcome with the conversation's labels.
func (t *turn) care(kind, flowID, reason string) {
	t.res.care = append(t.res.care, CareEvent{
		Kind:       kind,
		Flow:       flowID,
		Lang:       t.lang,
		Channel:    t.m.From.Platform,
		Audience:   t.e.audience(t.m.From),
		Vulnerable: len(t.s.Signals.Vulnerable) > 0,
		Reason:     reason,
	})
}

// beforeRun does the follow-up and care bookkeeping a message brings,
// before the turn runs: a person silent for long in the middle of a flow
// had abandoned it (see heard); a person who writes first cancels their
// check-in.
func (t *turn) beforeRun(since time.Duration) {
	s, m := t.s, t.m
	if m.Event != "" {
		return
	}
	t.heard(since)
	if s.FollowUp == nil || s.FollowUp.Status != FollowUpScheduled {
		return
	}
	reason := CancelPersonWrote
	switch {
	case t.an.Signals.Crisis:
		// Whatever the flow: nobody gets a cheerful check-in the day
		// after writing of a crisis.
		reason = CancelCrisis
	case t.an.Escalate, t.an.Signals.Distress, t.isCancel():
		// Asking for a person, sounding in distress or dropping the flow
		// is not an answer to it: the grace below does not hold.
	case s.FollowUp.InFlow && s.Flow == s.FollowUp.Flow:
		return // answering the flow that offered it: not writing first
	case since < thanksGrace && t.thanksOrGoodbye():
		// "thank you dear, bye" just after "I'll check in with you in
		// three days" answers the agreement: before, it cancelled the
		// check-in, and the person who had said yes never heard from
		// us again (play25).
		return
	}
	s.FollowUp.Status = FollowUpCancelled
	s.FollowUp.Reason = reason
	t.res.cancel = reason
}

// offerFollowUp asks consent for the step's follow-up, if it has one the
// engine can deliver; it reports whether it did (the step waits for the
// answer). On an end step the conversation's business ends here; on any
// other step the flow stays where it is, and the step's action runs once
// the person answered (see resumeAfterConsent).
func (t *turn) offerFollowUp(f *flow.Flow, st *flow.Step) bool {
	fu := st.FollowUp
	if fu == nil || t.e.fu.store == nil || (t.e.fu.on != nil && !t.e.fu.on(t.m.From)) {
		return false
	}
	s := t.s
	end := st.Kind == flow.KindEnd
	if fs := s.FollowUp; !end && fs != nil && fs.Flow == f.ID && fs.Step == st.ID && fs.Status == FollowUpScheduled {
		return false // back at the step that offered it: asked once is enough
	}
	if fs := s.FollowUp; fs != nil && fs.Status == FollowUpScheduled {
		// A newer offer replaces it: yes or no, the older one goes.
		t.res.cancel = CancelStale
	}
	slots := maps.Clone(s.Slots)
	vulnerable := slices.Clone(s.Signals.Vulnerable)
	t.care(CareFollowUp, f.ID, FollowUpEvOffered)
	if end {
		began := s.Before
		t.reset()
		s.LastFlow, s.LastBefore = f.ID, began
	}
	sum := sha256.Sum256([]byte(t.m.From.String() + "\x00" + t.m.ID + "\x00" + t.now.Format(time.RFC3339Nano)))
	state := &FollowUpState{ID: hex.EncodeToString(sum[:8]), Status: FollowUpAsked, Flow: f.ID, Step: st.ID, Slots: slots, Vulnerable: vulnerable, InFlow: !end}
	if len(vulnerable) > 0 && fu.CallBack != nil && t.e.fu.callBack != "" {
		// Someone who said they are vulnerable is offered a person's voice
		// rather than a bot's message, when someone can make the call.
		staffed, known := t.staffed(t.e.fu.callBack)
		if !known {
			return true // the engine asks the desk, then runs the turn again
		}
		if staffed {
			state.Status = FollowUpCallBack
		}
	}
	s.FollowUp = state
	if end && st.End.Satisfaction && !t.surveyed {
		// How it went first; the consent question follows the score
		// (not asked twice in one turn: see turn.surveyed).
		state.Later = true
		s.Pending = PendingSatisfaction
		s.Ask++
		t.reply(Reply{Text: t.e.message(flow.MsgSatisfaction, t.lang, nil), Choices: t.scoreChoices(), Pause: t.pause(st.Pause)}, nil)
		return true
	}
	t.askConsent(st, t.pause(st.Pause))
	return true
}

// resumeAfterConsent goes on with the flow after the consent question of
// a follow-up offered in its middle: the step that offered it does its
// action now, without saying its messages again. It reports whether the
// follow-up was such a one.
func (t *turn) resumeAfterConsent(state *FollowUpState) bool {
	if state == nil || !state.InFlow || t.s.Flow != state.Flow || t.s.Step != state.Step {
		return false
	}
	t.resume = state.Step
	t.runSteps()
	return true
}

// flowMovedOn ends the grace a follow-up agreed in the middle of a flow
// has: the rest of that flow's answers do not cancel it, but once the
// flow is over (finished, cancelled, another one started), a message the
// person writes first does, as for any follow-up.
func (t *turn) flowMovedOn() {
	if fs := t.s.FollowUp; fs != nil && fs.InFlow && t.s.Flow != fs.Flow {
		fs.InFlow = false
	}
}

// askConsent asks the consent (or call-back) question of the pending follow-up.
func (t *turn) askConsent(st *flow.Step, pause time.Duration) {
	s := t.s
	s.FollowUp.Later = false
	s.Pending = PendingConsent
	s.Ask++
	t.consentQuestion(st, pause)
}

// consentQuestion says the consent (or call-back) question waiting, with
// its buttons: askConsent, and a question asked again (repeat).
func (t *turn) consentQuestion(st *flow.Step, pause time.Duration) {
	s := t.s
	fu := st.FollowUp
	c := fu.Consent
	callBack := s.FollowUp.Status == FollowUpCallBack && fu.CallBack != nil
	if callBack {
		c = *fu.CallBack
	}
	t.reply(Reply{
		Text:     t.renderWith(c.Text, s.FollowUp.Slots, nil),
		Tone:     c.Text.Tone,
		Verbatim: t.verbatim(c.Text),
		Choices:  t.consentChoices(c, callBack),
		Pause:    pause,
	}, nil)
}

// afterScore asks the follow-up's consent once the score is given.
func (t *turn) afterScore() {
	if fs := t.s.FollowUp; fs != nil && fs.Later {
		if st := t.followUpStep(); st != nil {
			t.askConsent(st, 0)
			return
		}
		t.s.FollowUp = nil
	}
}

// followUpStep is the end step that offered the conversation's follow-up.
func (t *turn) followUpStep() *flow.Step {
	fs := t.s.FollowUp
	if fs == nil {
		return nil
	}
	f := t.e.flows.Flow(fs.Flow)
	if f == nil {
		return nil
	}
	st := f.Step(fs.Step)
	if st == nil || st.FollowUp == nil {
		return nil
	}
	return st
}

// consentText reads a typed answer to the consent question: the label of
// a button, or else not an answer (nothing is scheduled, the message is
// handled as any other).
func (t *turn) consentText() {
	st := t.followUpStep()
	if st != nil {
		c := st.FollowUp.Consent
		if t.s.FollowUp.Status == FollowUpCallBack && st.FollowUp.CallBack != nil {
			c = *st.FollowUp.CallBack
		}
		// The person may have seen the buttons' simple variant.
		switch normalize(t.text) {
		case normalize(c.Yes.In(t.lang, t.e.defaultLang())), normalize(c.Yes.SimpleIn(t.lang, t.e.defaultLang())), "yes", "oui":
			t.consent(true)
			return
		case normalize(c.No.In(t.lang, t.e.defaultLang())), normalize(c.No.SimpleIn(t.lang, t.e.defaultLang())):
			t.consent(false)
			return
		}
		switch t.yesOrNo() { // "yes please", « non merci »: see yesno.go
		case saysYes:
			t.consent(true)
			return
		case saysNo:
			t.consent(false)
			return
		}
	}
	// Not an answer: nothing is scheduled. In the middle of a flow, the
	// flow goes on (the step's own question comes now); else the message
	// is handled as any other.
	state := t.s.FollowUp
	t.s.Pending, t.s.FollowUp = "", nil
	if t.resumeAfterConsent(state) {
		return
	}
	t.route()
}

// consent handles the answer to the consent (or call-back) question.
func (t *turn) consent(yes bool) {
	s := t.s
	st := t.followUpStep()
	state := s.FollowUp
	s.Pending = ""
	if st == nil || state == nil {
		s.FollowUp = nil
		t.expired()
		return
	}
	fu := st.FollowUp
	slots := state.Slots
	if state.Status == FollowUpCallBack && fu.CallBack != nil {
		s.FollowUp = nil
		if !yes {
			t.care(CareFollowUp, state.Flow, FollowUpEvDeclined)
			t.textWith(fu.CallBack.Declined, slots)
			t.resumeAfterConsent(state)
			return
		}
		staffed, known := t.staffed(t.e.fu.callBack)
		if !known {
			return // the engine asks the desk, then runs the turn again
		}
		if !staffed {
			// Nobody can call any more: say so, and keep the check-in
			// they consented to rather than leave them with nothing.
			t.say(flow.MsgHandoffUnavailable)
			t.contacts(true)
			t.scheduleCheckIn(state, fu)
			return
		}
		t.care(CareFollowUp, state.Flow, FollowUpEvCallBack)
		s.Flow, s.Step, s.Stack = "", "", nil
		s.Slots = slots
		s.Signals.Vulnerable = state.Vulnerable
		t.handoffFrom(state.Flow, st.ID, &flow.Handoff{Queue: t.e.fu.callBack, Priority: "high", Reason: "phone call-back", Text: fu.CallBack.Agreed}, PriorityHigh, 0)
		return
	}
	if !yes {
		s.FollowUp = nil
		t.care(CareFollowUp, state.Flow, FollowUpEvDeclined)
		t.textWith(fu.Consent.Declined, slots)
		t.afterConsent(state)
		return
	}
	t.scheduleCheckIn(state, fu)
}

// afterConsent goes on once the consent question is answered: with the
// flow that asked it, or, when it was asked at a flow's end, with the
// other need of the first message (alsoNext), which that end's offer had
// kept waiting.
func (t *turn) afterConsent(state *FollowUpState) {
	if !t.resumeAfterConsent(state) {
		t.alsoNext()
	}
}

// scheduleCheckIn schedules the check-in the person agreed to, says so and
// goes on with the flow that offered it.
func (t *turn) scheduleCheckIn(state *FollowUpState, fu *flow.FollowUp) {
	slots := state.Slots
	t.res.schedule = &FollowUp{
		ID: state.ID, To: t.m.From, Flow: state.Flow, Step: state.Step, Lang: t.lang, Slots: slots,
		Due: t.now.Add(fu.After), Created: t.now, NeedsPerson: fu.NeedsPerson(), Audience: t.e.audience(t.m.From), Vulnerable: len(state.Vulnerable) > 0,
		Said: slices.Clone(state.Vulnerable), Mark: t.s.ForgetMark,
	}
	t.s.FollowUp = &FollowUpState{ID: state.ID, Status: FollowUpScheduled, Flow: state.Flow, Step: state.Step, InFlow: state.InFlow}
	t.textWith(fu.Consent.Agreed, slots)
	t.afterConsent(state)
}

func (t *turn) askSatisfaction() {
	s := t.s
	s.Pending = PendingSatisfaction
	s.Ask++
	t.reply(Reply{Text: t.e.message(flow.MsgSatisfaction, t.lang, nil), Choices: t.scoreChoices()}, nil)
}

// textWith says a flow text rendered with slots that are no longer the session's.
func (t *turn) textWith(txt flow.Text, slots map[string]string) {
	if txt.IsZero() {
		return
	}
	var used []string
	t.reply(Reply{Text: t.renderWith(txt, slots, &used), Tone: txt.Tone, Verbatim: t.verbatim(txt)}, used)
}

// checkInText reads a typed answer to a check-in: a button's label, or
// else the person moved on (the check-in is answered "other").
func (t *turn) checkInText() {
	if st := t.followUpStep(); st != nil {
		ch := checkInChoose(st.FollowUp)
		if t.assentAtOutcome(st.FollowUp, ch) {
			// "ok", "great", « d'accord » at "has it arrived?": the
			// question was taken note of, not answered. Before, they
			// took "Yes, it arrived" and the matter was closed with a
			// survey; now the check-in is asked again.
			t.checkInQuestion(st)
			return
		}
		if c := t.matchChoice(ch); c != nil {
			if a := st.FollowUp.Answer(c.ID); a != nil && a.Resolved() && t.problemAfterBut() {
				t.checkInNewProblem()
				return
			}
			t.checkInAnswer(c.ID)
			return
		}
		if c := t.namedInWords(ch); c != nil {
			// "I'd like to talk to a colleague": an answer asked for in a
			// few words, as at any question.
			t.checkInAnswer(c.ID)
			return
		}
		if t.checkInOpenedYesNo(st, ch) {
			return
		}
		if len(t.words()) == 0 && strings.Contains(t.text, "?") {
			// "??": the check-in was not understood, or not seen as a
			// question; it comes again, not the menu.
			t.checkInQuestion(st)
			return
		}
	}
	t.care(CareFollowUp, t.s.LastFlow, FollowUpEvAnswered)
	t.res.care[len(t.res.care)-1].Detail = "other"
	t.s.Pending, t.s.FollowUp = "", nil
	t.route()
}

// assentAtOutcome reports a message that only accepts or approves ("ok",
// "great", « d'accord », « super »: assentOnly) which matchChoice would
// read as the yes of a check-in answer that closes the matter ("Yes, it
// arrived", "Yes, it's sorted": Resolved). Such a check-in asks how it
// went, a fact that an "ok" does not tell; a check-in that offers
// something ("would you like to send your request now?") is answered by
// it, as its yes leads on into a flow. The answer's own synonyms still
// count.
func (t *turn) assentAtOutcome(fu *flow.FollowUp, ch *flow.Choose) bool {
	if !t.assentOnly() {
		return false
	}
	c := t.yesNoChoice(ch)
	if c == nil {
		return false
	}
	a := fu.Answer(c.ID)
	return a != nil && a.Resolved() && t.synonymChoice(ch, t.text) != c
}

// checkInChoose presents a check-in's answers as a question with buttons,
// for matchChoice.
func checkInChoose(fu *flow.FollowUp) *flow.Choose {
	c := &flow.Choose{Text: fu.CheckIn}
	for _, a := range fu.Answers {
		c.Choices = append(c.Choices, &flow.Choice{ID: a.ID, Label: a.Label, Synonyms: a.Synonyms})
	}
	return c
}

// checkInAnswer does what the pressed answer of a check-in says.
func (t *turn) checkInAnswer(id string) {
	s := t.s
	st := t.followUpStep()
	var a *flow.FollowUpAnswer
	if st != nil {
		a = st.FollowUp.Answer(id)
	}
	if a == nil {
		t.expired()
		return
	}
	state := s.FollowUp
	s.Pending, s.FollowUp = "", nil
	outcome := "resolved"
	if !a.Resolved() {
		outcome = "unresolved"
	}
	t.care(CareFollowUp, state.Flow, FollowUpEvAnswered)
	t.res.care[len(t.res.care)-1].Detail = outcome
	if !a.Text.IsZero() {
		t.text2(a.Text, 0)
	}
	switch {
	case a.Handoff != nil:
		// Still a problem after a check-in: straight to a person, ahead of the queue.
		t.handoffFrom(state.Flow, state.Step, a.Handoff, PriorityHigh, 0)
	case a.Flow != "":
		// Back into the flow with what was known: nobody repeats themselves.
		t.e = t.e.current()
		f := t.e.flows.Flow(a.Flow)
		if f == nil || len(f.Steps) == 0 {
			t.startFlow(t.e.flows.Common.StartFlow)
			return
		}
		s.Stack, s.Attempts = nil, 0
		s.Flow, s.Step = f.ID, f.Steps[0].ID
		if a.Step != "" && f.Step(a.Step) != nil {
			s.Step = a.Step
		}
		t.runSteps()
	default:
		s.Slots = nil
		if a.Satisfaction {
			t.askSatisfaction()
		}
	}
}

// handoffFrom opens a hand-off described by ho, at least at priority min.
func (t *turn) handoffFrom(flowID, stepID string, ho *flow.Handoff, least Priority, pause time.Duration) {
	s := t.s
	prio := max(ParsePriority(ho.Priority), least)
	if prio < PriorityHigh && (s.Signals.Distress || len(s.Signals.Vulnerable) > 0 || s.Misses >= 2) {
		prio = PriorityHigh
	}
	h := t.newHandoff(ho.Queue, prio, ho.Reason, flowID, stepID)
	staffed, known := t.staffed(h.Queue)
	if !known {
		return
	}
	if !staffed {
		// Never promise a reply that no part of the system will deliver:
		// say so, give the contacts, and end the flow (its on_timeout,
		// such as leaving a message, would go nowhere either).
		t.res.unstaffed = h
		t.reset()
		s.LastNoted = true // what the flow noted waits: see noted.go
		t.say(flow.MsgHandoffUnavailable)
		t.contacts(true)
		t.alsoNext()
		return
	}
	s.Handoff = h
	s.Also = "" // the person who comes hears both
	t.res.outcome = OutcomeHandoff
	t.res.handoff = cloneHandoff(h)
	var txt string
	var used []string
	if !ho.Text.IsZero() {
		txt = t.render(ho.Text, &used)
	}
	t.reply(Reply{Text: txt, Handoff: cloneHandoff(h), Tone: ho.Text.Tone, Verbatim: t.verbatim(ho.Text), Pause: pause}, used)
	s.Stack = nil
}

// handoffTaken notes the time to a human and cancels a check-in: a person
// is on the conversation now.
func (t *turn) handoffTaken() {
	s := t.s
	if s.Handoff != nil && s.Handoff.Status == HandoffWaiting && !s.Handoff.Opened.IsZero() {
		t.care(CareTimeToHuman, s.Handoff.Flow, "")
		t.res.care[len(t.res.care)-1].Took = t.now.Sub(s.Handoff.Opened)
	}
	if s.FollowUp != nil && (s.FollowUp.Status == FollowUpScheduled || s.FollowUp.Status == FollowUpSent) {
		s.FollowUp = nil
		t.res.cancel = CancelHandoff
	}
}

// ---- around a turn (I/O, outside the store transaction) ----

// afterTurn schedules or cancels the turn's follow-up and records its care
// outcomes. A follow-up that cannot be scheduled is an error in the logs:
// the person was told we would check in.
func (e *Engine) afterTurn(ctx context.Context, a Address, res result, log *slog.Logger) {
	if st := e.fu.store; st != nil {
		if res.cancel != "" {
			if ok, err := st.Cancel(ctx, a); err != nil {
				log.Warn("follow-up not cancelled", "err", err)
			} else if ok {
				e.fu.care.Care(CareEvent{Kind: CareFollowUp, Reason: FollowUpEvCancelled, Detail: res.cancel, Channel: a.Platform})
			}
		}
		if f := res.schedule; f != nil {
			f.Due = e.fu.hours.Next(f.Due, nil, f.NeedsPerson)
			if err := st.Schedule(ctx, *f); err != nil {
				log.Error("follow-up not scheduled", "err", err, "err_id", errID())
			} else {
				log.Info("follow-up scheduled", "flow", f.Flow, "due", f.Due)
				e.fu.care.Care(CareEvent{Kind: CareFollowUp, Reason: FollowUpEvScheduled, Flow: f.Flow, Lang: f.Lang, Channel: a.Platform, Audience: f.Audience, Vulnerable: f.Vulnerable})
			}
		}
	}
	if h := res.handoff; h != nil {
		e.fu.care.Care(CareEvent{Kind: CareHandedOff, Flow: h.Flow, Lang: h.Lang, Channel: a.Platform, Audience: e.audience(a), Vulnerable: len(h.Signals.Vulnerable) > 0, Reason: escalationReason(e, *h)})
	}
	if !res.watch.IsZero() && e.fu.idle != nil {
		if err := e.fu.idle.Watch(ctx, a, res.watch, res.watchMark); err != nil {
			log.Warn("abandonment watch not set", "err", err)
		}
	}
	for _, ev := range res.care {
		e.fu.care.Care(ev)
	}
}

// escalationReason says why a hand-off opened, most pressing first.
func escalationReason(e *Engine, h Handoff) string {
	switch {
	case h.Priority == PriorityUrgent:
		return EscalationCrisis
	case h.Flow == e.flows.Common.HumanFlow && h.Flow != "":
		return EscalationAsked
	case h.Signals.Distress:
		return EscalationDistress
	case len(h.Signals.Vulnerable) > 0:
		return EscalationVulnerable
	}
	return EscalationOther
}

// cancelForget cancels the person's follow-up before /forget deletes the
// rest: a check-in must never reach someone who asked to be forgotten.
func (e *Engine) cancelForget(ctx context.Context, a Address) error {
	if e.fu.store == nil {
		return nil
	}
	// Deleted at once, withdrawn or not: nothing of theirs waits for a
	// scheduler, and a withdrawn one is counted here, once.
	ok, err := e.fu.store.Forget(ctx, a)
	if err != nil {
		return fmt.Errorf("cancel follow-up: %w", err)
	}
	if ok {
		e.fu.care.Care(CareEvent{Kind: CareFollowUp, Reason: FollowUpEvCancelled, Detail: CancelForget, Channel: a.Platform})
	}
	return nil
}

// CheckIn prepares the check-in f in its conversation and returns what to
// send. cancel, when not "", says why it must not be sent (the person wrote
// first, a person is on the conversation, a newer follow-up replaced it).
// Asked again for a check-in already prepared (its sender died before
// sending), it returns the same question.
func (e *Engine) CheckIn(ctx context.Context, f FollowUp) (replies []Reply, cancel string, err error) {
	e = e.current()
	var out []Reply
	err = e.store.Update(ctx, f.To, func(s *Session) error {
		out, cancel = nil, ""
		if s.Forgotten {
			cancel = CancelForget // a tombstone: nothing of theirs is kept
			return errNoSave
		}
		if fs := s.FollowUp; fs != nil && fs.ID != f.ID {
			cancel = CancelStale
			return errNoSave
		}
		if fs := s.FollowUp; fs != nil && fs.Status == FollowUpCancelled {
			cancel = CancelPersonWrote
			if fs.Reason != "" {
				cancel = fs.Reason // a crisis since it was agreed, say
			}
			return errNoSave
		}
		if s.Handoff != nil {
			cancel = CancelHandoff
			return errNoSave
		}
		fl := e.flows.Flow(f.Flow)
		var st *flow.Step
		if fl != nil {
			st = fl.Step(f.Step)
		}
		if st == nil || st.FollowUp == nil {
			cancel = CancelStale // the flows changed: nothing sensible to ask
			return errNoSave
		}
		for _, v := range f.Said {
			// The session may have expired since: what they said of
			// themselves still holds.
			if !slices.Contains(s.Signals.Vulnerable, v) {
				s.Signals.Vulnerable = append(s.Signals.Vulnerable, v)
			}
		}
		t := &turn{e: e, s: s, m: &Message{From: f.To}, now: e.now(), lang: f.Lang}
		// Plainer words for a person who needs them, as in any turn.
		t.careful = s.Signals.Distress || len(s.Signals.Vulnerable) > 0 || f.Vulnerable
		if t.lang == "" {
			t.lang = e.defaultLang()
		}
		resend := s.FollowUp != nil && s.FollowUp.Status == FollowUpSent && s.Pending == PendingCheckIn
		if !resend {
			t.reset()
			s.Lang = t.lang
			s.Slots = maps.Clone(f.Slots)
			s.LastFlow, s.LastBefore = f.Flow, s.Before // what was said before the check-in answers none of its questions
			s.FollowUp = &FollowUpState{ID: f.ID, Status: FollowUpSent, Flow: f.Flow, Step: f.Step}
			s.Pending = PendingCheckIn
			s.Watch = Watch{} // whatever it waited for is over: the next turn starts afresh
			s.Ask++
			s.Updated = t.now
			if s.Created.IsZero() {
				s.Created = t.now
			}
		}
		t.checkInQuestion(st)
		if !resend {
			t.remember(SpeakerBot, t.res.replies[0].Text)
		}
		out = t.res.replies
		if resend {
			return errNoSave
		}
		return nil
	})
	if errors.Is(err, errNoSave) {
		err = nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("prepare check-in: %w", err)
	}
	return out, cancel, nil
}

// checkInQuestion says the check-in question of st with its answers'
// buttons: the check-in sent, and asked again (repeat).
func (t *turn) checkInQuestion(st *flow.Step) {
	fu := st.FollowUp
	var cs []Choice
	for _, a := range fu.Answers {
		cs = append(cs, Choice{ID: choiceID(t.s.Ask, t.e.checkInKind(a), a.ID), Label: t.render(a.Label, nil)})
	}
	var used []string
	t.reply(Reply{Text: t.render(fu.CheckIn, &used), Choices: cs, Tone: fu.CheckIn.Tone, Verbatim: t.verbatim(fu.CheckIn)}, used)
}

// thanksGrace is how soon after the bot's last words a thanks or a
// goodbye still answers them rather than writing first.
const thanksGrace = 30 * time.Minute

// thanksOrGoodbye reports a message the router sends to the goodbye flow
// (thanks, a goodbye: "thank you dear, bye", « merci beaucoup, bonne
// journée ») with no problem's flow beside it. Thanks that tell the news
// ("oh thanks, it just arrived!": resolved_words) are writing first.
func (t *turn) thanksOrGoodbye() bool {
	an := t.an
	f := t.e.flows.Flow(an.Flow)
	if f == nil || f.Category != flow.CategoryGratitudeClosing || t.saysResolved() || t.takesBack() {
		return false
	}
	alt := t.e.flows.Flow(an.Alternative)
	return alt == nil || !slices.Contains(problemCategories, alt.Category)
}

// takesBack reports a thanks that says more than thanks: a no or a
// matter let go ("thanks, no need to check in, bye", "please don't
// contact me again", « pas la peine de revenir vers moi », « plus
// besoin ») or the news among other words (« merci, je l'ai reçue,
// bonne journée »). Before, they kept the check-in and were asked "has
// it arrived?" three days on (review25c). "no worries", « pas de souci »
// let nothing go. Only asked with a check-in pending, just agreed.
func (t *turn) takesBack() bool {
	ws := t.words()
	for i, w := range ws {
		if !negationWords[w] && !lettingGo[w] && w != "t" {
			continue
		}
		if i+1 < len(ws) && noBother[ws[i+1]] || i+2 < len(ws) && noBother[ws[i+2]] {
			continue // "no worries", « pas de souci »
		}
		return true
	}
	return holdsAny(ws, t.e.resolvedPhrases)
}

// noBother are the words after a no that make it a kindness, not a
// refusal: "no worries", "no problem", « pas de souci », « pas de
// problème ».
var noBother = wordSet(`worries worry problem problems prob probs souci soucis probleme`)
