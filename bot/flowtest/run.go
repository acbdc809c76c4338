// Package flowtest runs the conversation tests that support leads write
// next to the flows (tests/*.yaml): what a person says or presses, turn by
// turn, and what must be true after each turn. It runs the real engine on
// an in-memory store, with no network, and reports each failure as
// FILE:LINE:COL with the bot's actual replies. carebot flows test is its
// command.
package flowtest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/desk"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// Options tune a run.
type Options struct {
	// Run picks the conversations whose name it matches; nil runs all.
	Run *regexp.Regexp
	// Vars are the engine's built-in template values per language (as in
	// bot.Config.Vars); nil uses emergency number 112 everywhere.
	Vars map[string]map[string]string
}

// Failure is one check that did not hold, or a turn that could not be played.
type Failure struct {
	Pos          flow.Pos
	Conversation string
	Turn         int // 1-based
	Msg          string
	Replies      []bot.Reply // what the bot said in that turn
	check        *Check
}

// Error formats the failure as FILE:LINE:COL: conversation "name", turn N:
// expected …, got …, followed by the bot's replies, one per line.
func (f Failure) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d: conversation %q, turn %d: %s", f.Pos.File, f.Pos.Line, f.Pos.Col, f.Conversation, f.Turn, f.Msg)
	if len(f.Replies) == 0 {
		b.WriteString("\n    (the bot said nothing)")
	}
	for _, r := range f.Replies {
		b.WriteString("\n    bot: ")
		b.WriteString(strings.ReplaceAll(r.Text, "\n", "\n         "))
		if len(r.Choices) > 0 {
			var ls []string
			for _, c := range r.Choices {
				ls = append(ls, c.Label)
			}
			b.WriteString("\n         [" + strings.Join(ls, "] [") + "]")
		}
	}
	return b.String()
}

// Report is the result of a run.
type Report struct {
	Passed, Failed int
	Failures       []Failure
	Coverage       *Coverage
	Took           time.Duration
}

// Summary is the last line of a run: "N passed, N failed".
func (r *Report) Summary() string {
	return fmt.Sprintf("%d passed, %d failed", r.Passed, r.Failed)
}

// runner holds what every conversation of a run shares: one store and the
// engines without a desk of their own (a conversation with the desk gets
// an engine on its desk; the engines share what they understand of free
// text, the costly part).
type runner struct {
	suite    *Suite
	vars     map[string]map[string]string
	store    *memstore.Store
	mu       sync.Mutex
	now      time.Time
	audience map[bot.Address]string
	cov      *Coverage
	cfg      bot.Config
	plain    *bot.Engine
	nobody   *bot.Engine // no desk at all: nobody can come
	peer     *bot.Engine // no desk, but colleagues answer the peer queue (Slack's peer channel)
	sent     []bot.Reply // what the desk sent the person through the sender
	// followUps holds the check-ins people agreed to; a wait sends those due.
	followUps *memstore.FollowUps
}

// Run plays every conversation of the suite (those opts.Run matches) and
// reports what failed, with the steps and buttons no conversation reached.
func (s *Suite) Run(ctx context.Context, opts Options) (*Report, error) {
	start := time.Now()
	r := &runner{suite: s, vars: opts.Vars, audience: map[bot.Address]string{}, cov: newCoverage(s.Set)}
	if r.vars == nil {
		r.vars = map[string]map[string]string{"": {"emergency_number": "112"}}
	}
	r.store = memstore.New(memstore.Config{Now: r.clock})
	r.followUps = memstore.NewFollowUps()
	cfg := bot.Config{
		FollowUps: r.followUps,
		Flows:     s.Set, Store: r.store, Now: r.clock, Vars: r.vars,
		Audience: func(a bot.Address) string { return r.audience[a] },
		Trace:    r.cov.add,
		// A conversation test may press many buttons in a few seconds of its clock.
		FloodLimit: 1 << 20,
	}
	var err error
	if r.nobody, err = bot.New(cfg); err != nil {
		return nil, err
	}
	peer := cfg
	peer.PeerQueue, peer.PeerServed = peerQueue, true
	if r.peer, err = bot.New(peer); err != nil {
		return nil, err
	}
	// A team is there, but its desk is not simulated: the test plays its events.
	r.cfg = cfg
	cfg.Desk = bot.NopDesk{}
	if r.plain, err = bot.New(cfg); err != nil {
		return nil, err
	}
	rep := &Report{Coverage: r.cov}
	for _, f := range s.Files {
		for i, c := range f.Conversations {
			if opts.Run != nil && !opts.Run.MatchString(c.Name) {
				continue
			}
			fails, err := r.play(ctx, c, bot.Address{Platform: "flowtest", Chat: f.Path + "#" + strconv.Itoa(i), User: "person"})
			if err != nil {
				return nil, fmt.Errorf("conversation %q: %w", c.Name, err)
			}
			if len(fails) > 0 {
				rep.Failed++
				rep.Failures = append(rep.Failures, fails...)
			} else {
				rep.Passed++
			}
		}
	}
	rep.Took = time.Since(start)
	return rep, nil
}

func (r *runner) clock() time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.now
}

func (r *runner) advance(d time.Duration) {
	r.mu.Lock()
	r.now = r.now.Add(d)
	r.mu.Unlock()
}

// peerQueue is the queue colleagues answer in Slack's peer channel, as
// carebot serve names it unless configured otherwise (slack.peer_queue).
const peerQueue = "peer"

// errRead ends a store update that only reads.
var errRead = errors.New("read only")

// play runs one conversation; it stops at the first turn with a failure,
// since later turns would only repeat it.
func (r *runner) play(ctx context.Context, c *Conversation, addr bot.Address) ([]Failure, error) {
	r.mu.Lock()
	r.now = c.Start
	r.mu.Unlock()
	r.audience[addr] = c.Audience
	if err := r.store.Update(ctx, addr, func(s *bot.Session) error {
		s.Lang = c.Lang
		s.Signals.Vulnerable = slices.Clone(c.Vulnerable)
		return nil
	}); err != nil {
		return nil, err
	}
	engine := r.plain
	switch {
	case c.Nobody:
		engine = r.nobody
	case c.Peer:
		engine = r.peer
	}
	var h bot.Handler = engine
	var d *desk.Desk
	if c.Desk {
		var err error
		d, err = desk.New(desk.Config{
			Store: memstore.NewDeskStore(r.clock), Board: &board{}, Texts: r.suite.Set,
			Senders:        map[string]bot.Sender{addr.Platform: senderFunc{addr, func(rs []bot.Reply) { r.sent = append(r.sent, rs...) }}},
			DefaultChannel: "desk", Hours: c.Hours, Now: r.clock,
		})
		if err != nil {
			return nil, err
		}
		cfg := r.cfg
		cfg.Desk = d
		if engine, err = bot.New(cfg); err != nil {
			return nil, err
		}
		h = engine
	}
	// Every set of buttons the person was shown, newest last: a test may
	// press an old one, as a person scrolling up can.
	var shown [][]bot.Choice
	for i, t := range c.Turns {
		fail := func(p flow.Pos, msg string, replies []bot.Reply) []Failure {
			return []Failure{{Pos: p, Conversation: c.Name, Turn: i + 1, Msg: msg, Replies: replies}}
		}
		r.advance(20 * time.Second)
		r.sent = nil
		m := bot.Message{ID: "m" + strconv.Itoa(i+1), From: addr, Lang: c.Lang, At: r.clock()}
		var replies []bot.Reply
		var err error
		switch {
		case t.Person != "":
			m.Text = t.Person
			replies, err = h.HandleMessage(ctx, m)
		case t.Press != "":
			id, ok := "", false
			for j := len(shown) - 1; j >= 0 && !ok; j-- {
				id, ok = pick(shown[j], t.Press, j == len(shown)-1)
			}
			if !ok {
				var last []bot.Choice
				if len(shown) > 0 {
					last = shown[len(shown)-1]
				}
				return fail(t.Pos, fmt.Sprintf("expected a button %q to press, got %s", t.Press, list(labels(last))), nil), nil
			}
			m.Choice = id
			replies, err = h.HandleMessage(ctx, m)
		case t.Event != "":
			m.Event = bot.Event(t.Event)
			if m.Event == bot.EventHandoffTaken {
				m.Text = cmp.Or(t.Agent, "Sam")
			}
			replies, err = h.HandleMessage(ctx, m)
		case t.Wait > 0:
			r.advance(t.Wait)
			if d != nil {
				err = d.Tick(ctx, h)
			}
			if err == nil {
				err = r.checkIns(ctx, engine, addr)
			}
		}
		if err != nil {
			return fail(t.Pos, "the bot failed: "+err.Error(), replies), nil
		}
		replies = append(replies, r.sent...)
		for _, rp := range replies {
			if len(rp.Choices) > 0 {
				shown = append(shown, rp.Choices)
			}
		}
		o, err := r.outcome(ctx, engine, addr, t, replies)
		if err != nil {
			return nil, err
		}
		var fails []Failure
		for _, ch := range t.Checks {
			ok, got := ch.test(o)
			if ok {
				continue
			}
			msg := "expected " + ch.want
			if got != "" {
				msg += ", got " + got
			} else {
				msg += ", got:"
			}
			fails = append(fails, Failure{Pos: ch.Pos, Conversation: c.Name, Turn: i + 1, Msg: msg, Replies: replies, check: ch})
		}
		if len(fails) > 0 {
			return fails, nil
		}
	}
	return nil, nil
}

// outcome reads the session after a turn and gathers what the checks look at.
func (r *runner) outcome(ctx context.Context, e *bot.Engine, addr bot.Address, t *Turn, replies []bot.Reply) (*outcome, error) {
	o := &outcome{replies: replies}
	err := r.store.Update(ctx, addr, func(s *bot.Session) error {
		o.sess = *s
		return errRead
	})
	if err != nil && !errors.Is(err, errRead) {
		return nil, err
	}
	set := r.suite.Set
	lang := cmp.Or(o.sess.Lang, set.Common.Languages[0])
	render := func(key string) string {
		return flow.Render(set.Common.Messages[key].In(lang, set.Common.Languages[0]), func(name string) string {
			if v, ok := o.sess.Slots[name]; ok {
				return v
			}
			if v, ok := r.vars[lang][name]; ok {
				return v
			}
			return r.vars[""][name]
		})
	}
	o.crisis, o.survey = render(flow.MsgCrisis), render(flow.MsgSatisfaction)
	var sig bot.Signals
	add := func(s bot.Signals) {
		sig.Distress = sig.Distress || s.Distress
		sig.Anger = sig.Anger || s.Anger
		sig.Anxiety = sig.Anxiety || s.Anxiety
		sig.Lonely = sig.Lonely || s.Lonely
		sig.Grief = sig.Grief || s.Grief
		sig.Vulnerable = append(sig.Vulnerable, s.Vulnerable...)
	}
	add(o.sess.Signals)
	if o.sess.Handoff != nil {
		add(o.sess.Handoff.Signals)
	}
	for _, rp := range replies {
		if rp.Handoff != nil {
			add(rp.Handoff.Signals)
		}
	}
	if t.Person != "" {
		an := e.Model().AnalyzeFor(r.audience[addr], lang, bot.Sanitize(t.Person))
		if an.Signals.Crisis {
			o.noticed = append(o.noticed, "crisis")
		}
		sig.Distress = sig.Distress || an.Signals.Distress
		sig.Anger = sig.Anger || an.Signals.Anger
		sig.Anxiety = sig.Anxiety || an.Signals.Anxiety
		sig.Lonely = sig.Lonely || an.Signals.Lonely
		sig.Grief = sig.Grief || an.Signals.Grief
		sig.Vulnerable = append(sig.Vulnerable, an.Signals.Vulnerable...)
	}
	if sig.Distress {
		o.noticed = append(o.noticed, "distress")
	}
	if sig.Anger {
		o.noticed = append(o.noticed, "anger")
	}
	if sig.Anxiety {
		o.noticed = append(o.noticed, "anxiety")
	}
	if sig.Lonely {
		o.noticed = append(o.noticed, "lonely")
	}
	if sig.Grief {
		o.noticed = append(o.noticed, "grief")
	}
	for _, v := range sig.Vulnerable {
		if !slices.Contains(o.noticed, v) {
			o.noticed = append(o.noticed, v)
		}
	}
	return o, nil
}

// pick finds the button a turn presses: by its label (capitals ignored),
// or by its number among the latest buttons.
func pick(cs []bot.Choice, press string, latest bool) (string, bool) {
	for _, c := range cs {
		if fold(strings.TrimSpace(c.Label)) == fold(strings.TrimSpace(press)) {
			return c.ID, true
		}
	}
	if n, err := strconv.Atoi(press); err == nil && latest && n >= 1 && n <= len(cs) {
		return cs[n-1].ID, true
	}
	return "", false
}

func labels(cs []bot.Choice) []string {
	var ls []string
	for _, c := range cs {
		ls = append(ls, c.Label)
	}
	return ls
}

// board is the desk's Slack, in memory: tickets are posted nowhere.
type board struct{ n int }

var _ desk.Board = (*board)(nil)

func (b *board) Post(context.Context, desk.Card) (string, error) {
	b.n++
	return "desk:" + strconv.Itoa(b.n), nil
}
func (b *board) Update(context.Context, string, desk.Card) error { return nil }
func (b *board) Reply(context.Context, string, string) error     { return nil }

// senderFunc collects what the desk or the scheduler sends the person of
// the conversation being played (to): the suite's conversations share the
// follow-ups, and a check-in another conversation agreed to and never
// waited for, due at this one's wait, is no reply of this one (in a CI
// run of the studio's tests, "check-in agreed, still not arrived" saw two
// other conversations' check-ins, one in French, after its own).
type senderFunc struct {
	to  bot.Address
	got func([]bot.Reply)
}

func (f senderFunc) Send(_ context.Context, a bot.Address, rs []bot.Reply) error {
	if a == f.to {
		f.got(rs)
	}
	return nil
}

// checkIns sends the check-ins due at the test's clock, as carebot's
// scheduler does, into what the turn's checks look at.
func (r *runner) checkIns(ctx context.Context, e *bot.Engine, addr bot.Address) error {
	sch, err := bot.NewScheduler(bot.SchedulerConfig{
		Engine: e, Store: r.followUps, Now: r.clock,
		Senders: map[string]bot.Sender{addr.Platform: senderFunc{addr, func(rs []bot.Reply) { r.sent = append(r.sent, rs...) }}},
	})
	if err != nil {
		return err
	}
	_, err = sch.Tick(ctx)
	return err
}
