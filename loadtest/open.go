package loadtest

// The open loop (Config.Rate) and delivery through the outbox
// (Config.Deliver): both play messages found by a rehearsal, on a schedule
// or one after the other, and count what the deliverer sends.

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// plan is a script as played once in a rehearsal: the messages to send,
// buttons resolved, and how many replies each turn queues. The engine is
// deterministic (a button's id depends on the conversation's own state
// only), so every conversation of the run gets the same replies.
type plan struct {
	msgs []bot.Message // From and At are set per turn
	// cum[k] is the number of replies turns 0 to k queue: the outbox
	// sequence number of turn k's last reply.
	cum    []int64
	last   []bot.Reply // the last turn's replies
	expect string
	name   string
}

// rehearse plays the script once in memory, without delivery, and returns
// its plan. A script that goes astray fails here, before the run.
func rehearse(ctx context.Context, cfg *Config) (*plan, error) {
	e, err := newEngine(cfg, memstore.New(memstore.Config{}), nil)
	if err != nil {
		return nil, err
	}
	s := newRunScript(cfg.Script)
	a := bot.Address{Platform: Platform, Chat: "rehearsal", User: "0"}
	pl := &plan{expect: s.Expect, name: s.Name}
	var (
		last    []bot.Choice
		replies []bot.Reply
		n       int64
	)
	for i := range s.Steps {
		m, err := s.message(i, a, last)
		if err != nil {
			return nil, err
		}
		m.At = time.Now()
		if replies, err = e.HandleMessage(ctx, m); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", s.Name, s.Steps[i].Line, err)
		}
		if len(replies) > 0 {
			last = nil
		}
		for _, r := range replies {
			if len(r.Choices) > 0 {
				last = r.Choices
			}
		}
		n += int64(len(replies))
		m.From, m.At = bot.Address{}, time.Time{}
		pl.msgs = append(pl.msgs, m)
		pl.cum = append(pl.cum, n)
	}
	pl.last = replies
	if s.Expect != "" && !repliesContain(replies, s.Expect) {
		return nil, fmt.Errorf("%s: the last reply does not contain %q (got %q)", s.Name, s.Expect, replyText(replies))
	}
	return pl, nil
}

// joinTexts returns the texts of rs, one after the other.
func joinTexts(rs []bot.Reply) string {
	ts := make([]string, len(rs))
	for i, r := range rs {
		ts[i] = r.Text
	}
	return strings.Join(ts, " / ")
}

// conv is one conversation of a person playing a plan. Its fields are
// under the person's mu: deliveries update them from other goroutines.
type conv struct {
	sched     []time.Time // when each turn was sent (scheduled, open loop)
	sent      int         // turns sent
	delivered int64       // replies the outlet accepted
	accepted  int         // turns whose replies the outlet all accepted
	marked    int         // turns whose replies are all marked delivered
	last      string      // the text of the last reply delivered
	addr      bot.Address // where it is, made once rather than per turn
}

// play has the person's conversations on the plan: one after the other
// with no pause (closed loop), or on the schedule of an open loop from t0
// until deadline, woken by its alarm. A failed turn ends the person's run.
func (p *person) play(ctx context.Context, h bot.Handler, cfg *Config, pl *plan, t0, deadline time.Time, al alarm, lat, lag *recorder, warm *warmup) {
	n := len(pl.msgs)
	open := cfg.Rate > 0
	// The interval between two turns of the whole run, in ns as a float:
	// person i's k-th turn is due at t0 + (k·People+i)·interval.
	interval := float64(time.Second) / cfg.Rate
	var c *conv
	for k := 0; ; k++ {
		step := k % n
		var at time.Time
		if open {
			at = t0.Add(time.Duration(float64(k*cfg.People+p.i) * interval))
			if !at.Before(deadline) {
				return
			}
		}
		if step == 0 {
			if ctx.Err() != nil || (cfg.Rounds > 0 && p.rounds >= cfg.Rounds) {
				return
			}
			if !open && p.rounds > 0 && !deadline.IsZero() && !time.Now().Before(deadline) {
				return
			}
			c = &conv{sched: make([]time.Time, n), addr: p.address(p.rounds)}
			p.mu.Lock()
			p.convs = append(p.convs, c)
			p.mu.Unlock()
			p.rounds++
		}
		if open {
			if err := al.wait(ctx, at); err != nil {
				if ctx.Err() == nil {
					// Not the run's end: the conversation fails.
					p.stopped = true
					p.errs = append(p.errs, fmt.Sprintf("%s: waiting for turn %d: %v", pl.name, step+1, err))
				}
				return
			}
		}
		now := time.Now()
		rlat, rlag := lat, lag
		if open {
			rlat, rlag = warm.recorders(at, lat, lag)
			rlag.record(p.i, now.Sub(at))
		} else {
			at = now
		}
		p.mu.Lock()
		// Sent before it is answered: its replies may be delivered
		// before HandleMessage returns.
		c.sched[step], c.sent = at, step+1
		p.mu.Unlock()
		m := pl.msgs[step]
		m.From, m.At = c.addr, now
		replies, err := h.HandleMessage(ctx, m)
		rlat.record(p.i, time.Since(at))
		p.turns++
		if err != nil {
			p.turnErrors++
			p.errs = append(p.errs, fmt.Sprintf("%s:%d: %v", pl.name, cfg.Script.Steps[step].Line, err))
			return
		}
		if !cfg.Deliver && step == n-1 {
			p.mu.Lock()
			c.last = joinTexts(replies)
			p.mu.Unlock()
		}
		if !open {
			runtime.Gosched() // see converse
		}
	}
}

// accepted records that the outlet accepted c's reply seq: the delivery
// latency of each turn whose replies are now all accepted by the platform.
func (p *person) accepted(c *conv, pl *plan, seq int64, rec *recorder, warm *warmup) {
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	for c.accepted < c.sent && pl.cum[c.accepted] <= seq {
		k := c.accepted
		// A turn that queued no reply has no delivery to time.
		if k == 0 && pl.cum[0] > 0 || k > 0 && pl.cum[k] > pl.cum[k-1] {
			r := rec
			if warm != nil && c.sched[k].Before(warm.end) {
				r = &warm.dlat
			}
			r.record(p.i, now.Sub(c.sched[k]))
		}
		c.accepted++
	}
}

// marked records that c's replies up to seq are marked delivered in the
// store. It times nothing: the last mark waits on purpose for the next
// turn or the flush. It only tells check that every turn was marked.
func (p *person) marked(c *conv, pl *plan, seq int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for c.marked < c.sent && pl.cum[c.marked] <= seq {
		c.marked++
	}
}

// check counts the person's finished and cut conversations into rep, and
// reports one whose replies were not all delivered, or whose last reply
// is not the script's expected one.
func (p *person) check(pl *plan, cfg *Config, rep *Report) {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := len(pl.msgs)
	for r, c := range p.convs {
		if cfg.Deliver {
			rep.Replies += c.delivered
			want := int64(0)
			if c.sent > 0 {
				want = pl.cum[c.sent-1]
			}
			if c.delivered != want || c.accepted != c.sent || c.marked != c.sent {
				p.errs = append(p.errs, fmt.Sprintf("%s: conversation %s: %d of %d replies delivered, %d of %d turns accepted, %d of %d marked",
					pl.name, p.address(r).User, c.delivered, want, c.accepted, c.sent, c.marked, c.sent))
				continue
			}
		}
		switch {
		case c.sent < n:
			if r == len(p.convs)-1 && p.turnErrors == 0 && !p.stopped && cfg.Rate > 0 {
				rep.Cut++ // the end of the run came first
			}
		case pl.expect != "" && !strings.Contains(c.last, pl.expect):
			p.errs = append(p.errs, fmt.Sprintf("%s: the last reply does not contain %q (got %q)", pl.name, pl.expect, c.last))
		default:
			p.finished++
		}
	}
}

// outlet is the bench's chat platform: it accepts every reply at once and
// counts it for its conversation.
type outlet struct {
	prefix string // the run's chats start with it
	people []person
	plan   *plan
	kb     atomic.Int64
}

var _ bot.Outlet = (*outlet)(nil)

// conv returns the person and conversation at a, nil if a is none of the
// run's.
func (o *outlet) conv(a bot.Address) (*person, *conv) {
	i, err := strconv.Atoi(strings.TrimPrefix(a.Chat, o.prefix))
	if err != nil || i < 0 || i >= len(o.people) || !strings.HasPrefix(a.Chat, o.prefix) {
		return nil, nil
	}
	r, err := strconv.Atoi(a.User)
	p := &o.people[i]
	p.mu.Lock()
	defer p.mu.Unlock()
	if err != nil || r < 0 || r >= len(p.convs) {
		return nil, nil
	}
	return p, p.convs[r]
}

// Deliver implements bot.Outlet: a platform that accepts at once, with no
// typing pause. A reply with buttons gets a new keyboard id, as a chat
// message would.
func (o *outlet) Deliver(_ context.Context, a bot.Address, r bot.Reply, keyboard string) (string, error) {
	p, c := o.conv(a)
	if c == nil {
		return keyboard, fmt.Errorf("bench outlet: %s is no conversation of this run", a.Hash())
	}
	p.mu.Lock()
	c.delivered++
	// The replies of the last turn, for the script's expect.
	if n := len(o.plan.cum); n < 2 || c.delivered > o.plan.cum[n-2] {
		if c.last != "" {
			c.last += " / "
		}
		c.last += r.Text
	}
	p.mu.Unlock()
	if len(r.Choices) > 0 {
		keyboard = "kb" + strconv.FormatInt(o.kb.Add(1), 36)
	}
	return keyboard, nil
}
