package studio

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// Settings are the switches of a tried conversation; they hold for the
// whole conversation (changing one starts a new one).
type Settings struct {
	Lang       string   `json:"lang"`
	Audience   string   `json:"audience"`   // customer or employee
	Vulnerable []string `json:"vulnerable"` // senior, pregnant, disabled
	Desk       bool     `json:"desk"`       // a person can come: hand-offs open; false: the honest "nobody can come"
}

// TurnResult is what one tried turn produced, so a lead sees why the bot
// answered what it did.
type TurnResult struct {
	Conv    string       `json:"conv"`
	You     string       `json:"you"` // what the lead wrote or pressed, as shown
	Replies []ReplyView  `json:"replies"`
	Route   *RouteView   `json:"route,omitempty"` // how free text was understood
	Signals []string     `json:"signals"`         // care signals noticed so far
	Entered []string     `json:"entered"`         // flow/step entered during the turn, in order
	Flow    string       `json:"flow"`            // where the conversation waits now
	Step    string       `json:"step"`
	Lang    string       `json:"lang"`
	Slots   []SlotView   `json:"slots"`
	Handoff *HandoffView `json:"handoff,omitempty"` // the hand-off opened or waiting
	Opened  bool         `json:"opened"`            // the hand-off was opened in this turn
	Version string       `json:"version"`
	Note    string       `json:"note,omitempty"`
}

// ReplyView is one bot reply.
type ReplyView struct {
	Text    string   `json:"text"`
	Buttons []Button `json:"buttons,omitempty"`
	Safety  bool     `json:"safety,omitempty"` // sent word for word (safety, legal)
}

// Button is one button of a reply.
type Button struct {
	ID    string `json:"id"`
	Label string `json:"label"`
}

// RouteView is how the understanding of free text read a message.
type RouteView struct {
	Flow       string  `json:"flow"`
	Category   string  `json:"category"`
	Confidence float64 `json:"confidence"`
	Lang       string  `json:"lang"`
	// CustomerQuestion: a colleague's message read as a customer's
	// question (customer_question), shown beside the other signals.
	CustomerQuestion bool `json:"customer_question,omitempty"`
	// Said are the buttons of the routed flow's if_said conditions the
	// message names (bot.Engine.SaidButtons).
	Said []string `json:"said,omitempty"`
}

// SlotView is one slot and its value.
type SlotView struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// HandoffView is a hand-off to a person.
type HandoffView struct {
	Queue    string `json:"queue"`
	Priority string `json:"priority"`
	Reason   string `json:"reason,omitempty"`
	Status   string `json:"status"`
}

// recordedTurn is a turn as a test file writes it.
type recordedTurn struct {
	Person, Press, Event string
	Says                 string
	Buttons              []string
	Flow, Step           string
	Slots                map[string]string
	Signals              []string
	Handoff              *HandoffView
	Safety               bool
}

// conversation is one tried conversation.
type conversation struct {
	id       string
	settings Settings
	addr     bot.Address
	turns    []recordedTurn
	buttons  []bot.Choice // the latest buttons shown
	started  time.Time
}

// tryIt runs tried conversations in memory on the latest good flows.
type tryIt struct {
	vars map[string]map[string]string

	turnMu sync.Mutex // one turn at a time: the trace is per turn
	mu     sync.Mutex
	store  *memstore.Store
	withD  *bot.Engine // a person can come
	nobody *bot.Engine // nobody can come
	set    *flow.Set
	convs  map[string]*conversation
	aud    map[bot.Address]string
	trace  []bot.TraceEvent
}

// maxConversations caps the tried conversations kept in memory.
const maxConversations = 64

func newTryIt(vars map[string]map[string]string) *tryIt {
	return &tryIt{vars: vars, store: memstore.New(memstore.Config{}), convs: map[string]*conversation{}, aud: map[bot.Address]string{}}
}

// use makes set the flows of tried conversations. A conversation whose
// flow still exists carries on, on the new files (from the same step, or
// from its flow's start with a kind word when its step is gone); one whose
// flow is gone is forgotten, and the page starts it again.
func (t *tryIt) use(ctx context.Context, set *flow.Set) error {
	t.turnMu.Lock()
	defer t.turnMu.Unlock()
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.withD == nil {
		cfg := bot.Config{
			Flows: set, Store: t.store, Vars: t.vars, FloodLimit: 1 << 20, KeepVersions: 1,
			Audience: t.audience, Trace: t.traced,
		}
		var err error
		if t.nobody, err = bot.New(cfg); err != nil {
			return err
		}
		cfg.Desk = bot.NopDesk{}
		if t.withD, err = bot.New(cfg); err != nil {
			return err
		}
		t.set = set
		return nil
	}
	if err := errors.Join(t.withD.Reload(ctx, set), t.nobody.Reload(ctx, set)); err != nil {
		return err
	}
	t.set = set
	for id, c := range t.convs {
		gone := false
		err := t.store.Update(ctx, c.addr, func(s *bot.Session) error {
			if s.Flow == "" || s.FlowsVersion == set.Version {
				return nil
			}
			f := set.Flow(s.Flow)
			switch {
			case f == nil:
				gone = true
			case f.Step(s.Step) != nil:
				s.FlowsVersion = set.Version // carry on at this step, on the files as they are now
			default:
				s.FlowsVersion = "gone" // the engine starts the flow again, with a kind word
			}
			return nil
		})
		if err != nil {
			return err
		}
		if gone {
			_ = t.store.Delete(ctx, c.addr)
			delete(t.convs, id)
		}
	}
	return nil
}

func (t *tryIt) audience(a bot.Address) string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.aud[a]
}

// traced collects the steps entered during the current turn (turnMu is held).
func (t *tryIt) traced(ev bot.TraceEvent) {
	t.mu.Lock()
	t.trace = append(t.trace, ev)
	t.mu.Unlock()
}

// errNoFlows: the studio has not read a good set yet.
var errNoFlows = errors.New("the flows have problems: fix them (see Problems) to try a conversation")

// start opens a new conversation with settings.
func (t *tryIt) start(ctx context.Context, st Settings) (*conversation, error) {
	t.mu.Lock()
	set := t.set
	t.mu.Unlock()
	if set == nil {
		return nil, errNoFlows
	}
	if !slices.Contains(set.Common.Languages, st.Lang) {
		st.Lang = set.Common.Languages[0]
	}
	if st.Audience != flow.AudienceEmployee {
		st.Audience = flow.AudienceCustomer
	}
	var vul []string
	for _, v := range st.Vulnerable {
		if slices.Contains([]string{"senior", "pregnant", "disabled"}, v) && !slices.Contains(vul, v) {
			vul = append(vul, v)
		}
	}
	st.Vulnerable = vul
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	id := hex.EncodeToString(b)
	c := &conversation{id: id, settings: st, addr: bot.Address{Platform: "studio", Chat: id, User: "lead"}, started: time.Now()}
	if err := t.store.Update(ctx, c.addr, func(s *bot.Session) error {
		s.Lang = st.Lang
		s.Signals.Vulnerable = slices.Clone(vul)
		return nil
	}); err != nil {
		return nil, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.convs) >= maxConversations {
		var oldest *conversation
		for _, o := range t.convs {
			if oldest == nil || o.started.Before(oldest.started) {
				oldest = o
			}
		}
		delete(t.convs, oldest.id)
		delete(t.aud, oldest.addr)
		_ = t.store.Delete(ctx, oldest.addr)
	}
	t.convs[id] = c
	t.aud[c.addr] = st.Audience
	return c, nil
}

func (t *tryIt) get(id string) *conversation {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.convs[id]
}

// Input is what the lead does in one turn: exactly one of its fields.
type Input struct {
	Text   string `json:"text"`
	Choice string `json:"choice"` // a button's ID
	Event  string `json:"event"`  // a desk event: handoff_taken, handoff_timeout, handoff_closed
}

// turn plays one turn of conversation c.
func (t *tryIt) turn(ctx context.Context, c *conversation, in Input) (*TurnResult, error) {
	t.turnMu.Lock()
	defer t.turnMu.Unlock()
	t.mu.Lock()
	engine := t.nobody
	if c.settings.Desk {
		engine = t.withD
	}
	set := t.set
	t.trace = nil
	t.mu.Unlock()
	if engine == nil {
		return nil, errNoFlows
	}
	m := bot.Message{ID: fmt.Sprintf("%s-%d", c.id, len(c.turns)+1), From: c.addr, Lang: c.settings.Lang, At: time.Now()}
	res := &TurnResult{Conv: c.id, Version: set.Version}
	rec := recordedTurn{}
	switch {
	case in.Choice != "":
		label := ""
		for _, b := range c.buttons {
			if b.ID == in.Choice {
				label = b.Label
			}
		}
		if label == "" {
			return nil, errors.New("that button is no longer on screen: press one of the latest buttons")
		}
		m.Choice, rec.Press, res.You = in.Choice, label, label
	case in.Event != "":
		if !slices.Contains([]bot.Event{bot.EventHandoffTaken, bot.EventHandoffTimeout, bot.EventHandoffClosed}, bot.Event(in.Event)) {
			return nil, fmt.Errorf("unknown desk event %q", in.Event)
		}
		m.Event, rec.Event, res.You = bot.Event(in.Event), in.Event, strings.ReplaceAll(in.Event, "_", " ")
		if m.Event == bot.EventHandoffTaken {
			m.Text = "Sam"
		}
	case strings.TrimSpace(in.Text) != "":
		m.Text, rec.Person, res.You = in.Text, in.Text, in.Text
		an := engine.Model().AnalyzeFor(c.settings.Audience, c.settings.Lang, bot.Sanitize(in.Text))
		res.Route = &RouteView{Flow: an.Flow, Category: an.Category, Confidence: an.Confidence, Lang: an.Lang,
			CustomerQuestion: an.CustomerQuestion, Said: engine.SaidButtons(an.Flow, an.Lang, bot.Sanitize(in.Text))}
		if an.Signals.Crisis {
			res.Signals = append(res.Signals, "crisis")
		}
		res.Signals = addSignals(res.Signals, bot.Signals{Distress: an.Signals.Distress, Anger: an.Signals.Anger, Anxiety: an.Signals.Anxiety, Lonely: an.Signals.Lonely, Grief: an.Signals.Grief, Vulnerable: an.Signals.Vulnerable})
	default:
		return nil, errors.New("write a message, or press a button")
	}
	replies, err := engine.HandleMessage(ctx, m)
	if err != nil {
		// The replies hold the kind line a person would get; the lead sees why.
		res.Note = "the bot had trouble with this turn: " + err.Error()
	}
	var sess bot.Session
	errRead := errors.New("read")
	if err := t.store.Update(ctx, c.addr, func(s *bot.Session) error { sess = *s; return errRead }); err != nil && !errors.Is(err, errRead) {
		return nil, err
	}
	crisis := flow.Render(set.Common.Messages[flow.MsgCrisis].In(sess.Lang, set.Common.Languages[0]), func(name string) string {
		if v, ok := t.vars[sess.Lang][name]; ok {
			return v
		}
		return t.vars[""][name]
	})
	var buttons []bot.Choice
	for _, r := range replies {
		rv := ReplyView{Text: r.Text, Safety: r.Verbatim}
		for _, ch := range r.Choices {
			rv.Buttons = append(rv.Buttons, Button{ID: ch.ID, Label: ch.Label})
		}
		if len(r.Choices) > 0 {
			buttons = r.Choices
			rec.Buttons = labelsOf(r.Choices)
		}
		if r.Handoff != nil {
			res.Opened = true
			res.Signals = addSignals(res.Signals, r.Handoff.Signals)
		}
		if r.Text == crisis {
			rec.Safety = true
		}
		res.Replies = append(res.Replies, rv)
	}
	if buttons != nil {
		c.buttons = buttons
	}
	res.Signals = addSignals(res.Signals, sess.Signals)
	if sess.Handoff != nil {
		h := sess.Handoff
		res.Handoff = &HandoffView{Queue: h.Queue, Priority: h.Priority.String(), Reason: h.Reason, Status: string(h.Status)}
		res.Signals = addSignals(res.Signals, h.Signals)
	}
	res.Flow, res.Step, res.Lang = sess.Flow, sess.Step, sess.Lang
	for _, k := range sortedKeys(sess.Slots) {
		res.Slots = append(res.Slots, SlotView{Name: k, Value: sess.Slots[k]})
	}
	t.mu.Lock()
	for _, ev := range t.trace {
		if ev.Choice == "" {
			res.Entered = append(res.Entered, ev.Flow+"/"+ev.Step)
		}
	}
	t.mu.Unlock()
	rec.Says = saysOf(replies)
	rec.Flow, rec.Step = sess.Flow, sess.Step
	rec.Slots = sess.Slots
	rec.Signals = res.Signals
	if res.Opened {
		rec.Handoff = res.Handoff
	}
	c.turns = append(c.turns, rec)
	return res, nil
}

func addSignals(have []string, s bot.Signals) []string {
	add := func(name string, on bool) {
		if on && !slices.Contains(have, name) {
			have = append(have, name)
		}
	}
	add("distress", s.Distress)
	add("anger", s.Anger)
	add("anxiety", s.Anxiety)
	add("lonely", s.Lonely)
	add("grief", s.Grief)
	for _, v := range s.Vulnerable {
		add(v, true)
	}
	if have == nil {
		have = []string{}
	}
	return have
}

func labelsOf(cs []bot.Choice) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Label
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// saysOf picks words a test can check: the first words of the turn's
// longest reply, up to the end of its first sentence.
func saysOf(replies []bot.Reply) string {
	best := ""
	for _, r := range replies {
		if len(r.Text) > len(best) {
			best = r.Text
		}
	}
	line, _, _ := strings.Cut(best, "\n")
	words := strings.Fields(line)
	var out []string
	for _, w := range words {
		out = append(out, w)
		if len(out) >= 6 || strings.ContainsAny(w[len(w)-1:], ".!?:") {
			break
		}
	}
	return strings.TrimRight(strings.Join(out, " "), ".!?:;, ")
}
