package bot

import (
	"context"
	"hash/maphash"
	"math"
	"sync"
	"time"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/nlu"
)

// Gate is flood control at arrival. An adapter that queues messages (one
// chat's turns run one after another, with typing pauses) asks the Gate as
// each message arrives, before it waits its turn: counted at turn time, 40
// messages sent in two seconds would be spread over a minute of pauses and
// never look like a flood. *Engine implements it.
type Gate interface {
	// Admit counts m, sent by m.From, and says what becomes of it. With
	// AdmitNotice the replies are the one gentle notice to send instead of a
	// turn. An adapter that asked sets m.Admitted before handing m over, so
	// the engine does not count it twice.
	Admit(ctx context.Context, m Message) (Admission, []Reply)
}

// Admission is the Gate's verdict on an arriving message.
type Admission int

// Admissions.
const (
	// AdmitTurn: the message gets its turn.
	AdmitTurn Admission = iota
	// AdmitUrgent: a crisis or a request for a person. It gets its turn
	// however fast the person writes, and an adapter never drops it.
	AdmitUrgent
	// AdmitNotice: the person went over the limit. Send the replies (the
	// gentle notice) instead of a turn; the adapter may also drop the
	// person's messages still waiting for their turn, except urgent ones.
	AdmitNotice
	// AdmitQuiet: over the limit and already told: no turn, no reply,
	// until the person calms down.
	AdmitQuiet
)

func (a Admission) String() string {
	switch a {
	case AdmitTurn:
		return "turn"
	case AdmitUrgent:
		return "urgent"
	case AdmitNotice:
		return "notice"
	case AdmitQuiet:
		return "quiet"
	}
	return "unknown"
}

// FloodCounter is an optional Store capability: the store keeps each
// person's flood state where every replica sees it (redisstore in one short
// script under the conversation's hash tag), so a person writing to two
// replicas is counted once. Stores without it leave the engine to count in
// its own memory. Delete forgets the state too.
type FloodCounter interface {
	// Arrive records one message from a at now and returns the verdict of
	// rule.Step on the stored state (AdmitTurn, AdmitUrgent, AdmitNotice or
	// AdmitQuiet), atomically.
	Arrive(ctx context.Context, a Address, now time.Time, rule FloodRule, urgent bool) (Admission, error)
}

// FloodRule is the flood limit: Limit messages per Window, as a leaky bucket
// that drains Limit messages every Window. Past Limit the person gets one
// notice, then quiet until the bucket is down to half of Limit, that is,
// until they slowed down for a while (a person who keeps writing at a calm
// pace gets answered again; one who keeps flooding does not).
type FloodRule struct {
	Limit  int
	Window time.Duration
}

// FloodState is one person's bucket. Level is in thousandths of a message
// and At in Unix milliseconds, integers so that stores compute exactly what
// Step does.
type FloodState struct {
	Level int64
	At    int64
	Muted bool
}

// Off reports whether the rule lets everything through (no limit set, or
// one so high it is meant as none).
func (r FloodRule) Off() bool { return r.Limit <= 0 || r.Window <= 0 || r.Limit >= math.MaxInt32/2 }

// Step records one message at now (Unix milliseconds) and returns the new
// state and the verdict. An urgent message is counted but always passes and
// never takes the person's one notice. A clock that went back (another
// replica's) counts as no time passing. redisstore's script is a line by
// line copy: change both together (the conformance suite compares them).
func (r FloodRule) Step(st FloodState, now int64, urgent bool) (FloodState, Admission) {
	if r.Off() {
		return st, admitPass(urgent)
	}
	window := r.Window.Milliseconds()
	capacity := int64(r.Limit) * 1000
	if st.At > 0 && now > st.At {
		dt := min(now-st.At, 2*window)
		drain := int64(math.Floor(float64(dt) * float64(r.Limit) * 1000 / float64(window)))
		st.Level = max(0, st.Level-drain)
	}
	if now > st.At {
		st.At = now
	}
	st.Level = min(st.Level+1000, 2*capacity)
	switch {
	case urgent:
		return st, AdmitUrgent
	case st.Muted && st.Level <= capacity/2:
		st.Muted = false
		return st, AdmitTurn
	case st.Muted:
		return st, AdmitQuiet
	case st.Level > capacity:
		st.Muted = true
		return st, AdmitNotice
	}
	return st, AdmitTurn
}

// TTL is how long a state must be kept: until its level has drained.
func (r FloodRule) TTL() time.Duration { return 2*r.Window + time.Second }

func admitPass(urgent bool) Admission {
	if urgent {
		return AdmitUrgent
	}
	return AdmitTurn
}

// Admit implements Gate. It understands the message first (no I/O), so a
// crisis or a request for a person is never held back, then counts it in
// the store when the store is a FloodCounter, else in memory. If the store
// fails, the count in memory decides: flood control must not cost a reply.
func (e *Engine) Admit(ctx context.Context, m Message) (Admission, []Reply) {
	if m.Event != "" {
		return AdmitTurn, nil
	}
	e = e.current()
	start := e.now()
	hint := e.language(m.Lang)
	text := Sanitize(m.Text)
	urgent := e.urgent(m, text, func() nlu.Analysis { return e.model.AnalyzeFor(e.audience(m.From), hint, text) })
	verdict := AdmitTurn
	shared := false
	if fc, ok := e.store.(FloodCounter); ok && !e.floodRule.Off() {
		v, err := fc.Arrive(ctx, m.From, start, e.floodRule, urgent)
		if err == nil {
			verdict, shared = v, true
		} else {
			e.log.Warn("flood count failed, counting in memory", "chat", m.From.Hash(), "err", err)
		}
	}
	if !shared {
		verdict = e.flood.allow(m.From, start, urgent)
	}
	return verdict, e.outboxed(ctx, m.From, e.floodReplies(verdict, m, hint, start))
}

// outboxed queues replies said outside a turn (the flood notice) in the
// conversation's outbox when its replies go through the Deliverer, so
// that they keep their place among the turns' replies on every replica;
// it returns what the caller must still send itself (nothing then).
func (e *Engine) outboxed(ctx context.Context, a Address, replies []Reply) []Reply {
	if len(replies) == 0 || e.deliverer == nil || !e.deliverer.Handles(a) {
		return replies
	}
	if err := e.deliverer.Send(ctx, a, replies); err != nil {
		e.log.Warn("notice not queued, sending it from here", "chat", a.Hash(), "err", err)
		return replies
	}
	return nil
}

// urgent reports a message that must pass the flood gate: a crisis, a
// request for a person (in words, as a command or a pressed button), or
// "forget me". It is the one rule of both counts, at arrival (Admit) and
// at turn time (HandleMessage, for messages no adapter admitted), so the
// two never disagree. analyze returns the message's analysis; it is
// called only when the words must be understood.
func (e *Engine) urgent(m Message, text string, analyze func() nlu.Analysis) bool {
	if m.Choice != "" {
		return e.personChoice(m.Choice)
	}
	if text == "" {
		return false
	}
	if isCommand(text, "/forget") {
		return true
	}
	if c, ok := command(text); ok {
		if f := e.flows.Flows[e.commands[c]]; f != nil && f.Category == flow.CategoryEscalateHuman {
			return true
		}
	}
	an := analyze()
	return an.Signals.Crisis || an.Escalate
}

// personChoice reports a pressed button that leads to a person (a flow's
// choice, an offer of the human flow, the yes to a call-back, a check-in's
// "I'd like a person"): it passes the flood gate as a typed request for a
// person does.
func (e *Engine) personChoice(choice string) bool {
	_, kind, id, ok := parseChoiceID(choice)
	return ok && (kind.toPerson() || (kind == choiceOffer && id == e.flows.Common.HumanFlow))
}

// floodReplies records a flood verdict and returns the notice, if it is one.
func (e *Engine) floodReplies(v Admission, m Message, hint string, start time.Time) []Reply {
	switch v {
	case AdmitNotice:
		e.rec.Turn(OutcomeFlood, e.now().Sub(start))
		e.log.Info("flood limit reached", "chat", m.From.Hash(), "msg_id", m.ID)
		return []Reply{{Text: e.message(flow.MsgFlood, hint, nil)}}
	case AdmitQuiet:
		e.rec.Turn(OutcomeFlood, e.now().Sub(start))
		e.log.Debug("message dropped, flood", "chat", m.From.Hash(), "msg_id", m.ID)
	}
	return nil
}

// floodGate keeps flood states in memory: for stores that are not a
// FloodCounter, and for messages no adapter admitted at arrival.
type floodGate struct {
	rule   FloodRule
	seed   maphash.Seed
	shards [64]floodShard
}

type floodShard struct {
	mu    sync.Mutex
	m     map[Address]FloodState
	swept int64
}

func newFloodGate(rule FloodRule) *floodGate {
	g := &floodGate{rule: rule, seed: maphash.MakeSeed()}
	for i := range g.shards {
		g.shards[i].m = map[Address]FloodState{}
	}
	return g
}

func (g *floodGate) shard(a Address) *floodShard {
	return &g.shards[maphash.Comparable(g.seed, a)%uint64(len(g.shards))]
}

func (g *floodGate) allow(a Address, now time.Time, urgent bool) Admission {
	if g.rule.Off() {
		return admitPass(urgent)
	}
	ms := now.UnixMilli()
	ttl := g.rule.TTL().Milliseconds()
	sh := g.shard(a)
	sh.mu.Lock()
	defer sh.mu.Unlock()
	if ms-sh.swept > ttl {
		for k, st := range sh.m {
			if ms-st.At > ttl {
				delete(sh.m, k)
			}
		}
		sh.swept = ms
	}
	st, v := g.rule.Step(sh.m[a], ms, urgent)
	sh.m[a] = st
	return v
}

func (g *floodGate) forget(a Address) {
	sh := g.shard(a)
	sh.mu.Lock()
	delete(sh.m, a)
	sh.mu.Unlock()
}
