// Package turn is the one turn runner every adapter shares: per-conversation
// order, a global limit on turns in flight, flood control counted as a
// message arrives, panic recovery, one error id per failure, the kind
// fallback line, one time budget per turn and an orderly shutdown. An
// adapter only translates: it turns platform events into Jobs and delivers
// replies; everything between arrival and delivery happens here, once.
package turn

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"sync"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/flow"
)

// Defaults for Config's zero values.
const (
	DefaultWorkers = 16
	DefaultTimeout = 60 * time.Second
	DefaultGrace   = 7 * time.Second
	admitTimeout   = 2 * time.Second // the gate's count: one Redis round trip
)

// Config configures a Runner.
type Config struct {
	// Handler answers turns (the engine). Required.
	Handler bot.Handler
	// Gate counts each message as it arrives (flood control; the engine).
	// nil: the handler counts at turn time.
	Gate bot.Gate
	// Texts give the fallback line (texts.yaml's bot.fallback). Required.
	Texts bot.Texts
	// Workers bounds the handler calls in flight across conversations.
	Workers int
	// Timeout is one job's budget: the turn and the delivery of its replies.
	Timeout time.Duration
	// Grace is how long jobs already accepted may run once Close is called,
	// before their contexts are cancelled.
	Grace time.Duration
	// MaxQueued bounds the jobs accepted but not finished (0: no bound);
	// Submit refuses more.
	MaxQueued int
	Logger    *slog.Logger // with the platform already; nil discards
}

// Job is one piece of work for one conversation: a turn (Msg set) or any
// other work that must keep the conversation's order (Do). Jobs with the
// same Key run one after another, in the order they were submitted.
type Job struct {
	Key string
	// Msg is the person's message: the runner admits it at arrival, calls
	// the handler and passes the replies to Deliver.
	Msg *bot.Message
	// Prepare runs before the handler, within the turn's budget (a
	// language lookup, removing a pressed keyboard). Optional.
	Prepare func(ctx context.Context, m *bot.Message)
	// Deliver sends a turn's replies, or the flood notice that replaces
	// it. Its error is logged (at Error) and otherwise ignored.
	Deliver func(ctx context.Context, m bot.Message, replies []bot.Reply) error
	// Do is work that is not a turn (an outbound send, a desk action).
	Do func(ctx context.Context)
	// Stored is called once the turn is stored, or once the gate dropped
	// it: the platform may forget the message (offset, webhook 200). Optional.
	Stored func()
	// Failed, when set, is called instead of Stored when the handler
	// returned an error, or when the turn is dropped once the grace
	// period is over: the turn may not be stored, and work that is done
	// again rather than lost (the end of a peer wait) must not be marked
	// done. A failed turn with Failed delivers nothing (no fallback): it
	// is done again. Unset, Stored is called then too.
	Failed func()
	// Left, when set, means the platform delivers the message again if it
	// is given up: a job not started when Close is called is then left
	// (Left is called) instead of run. Without it the job still runs within
	// the grace period.
	Left func()

	urgent bool
	done   chan struct{} // closed when the runner is finished with the job
}

// Runner runs Jobs. Build it with New; Close stops it.
type Runner struct {
	cfg  Config
	log  *slog.Logger
	sem  chan struct{}
	base context.Context
	stop context.CancelFunc
	wg   sync.WaitGroup

	stopping chan struct{}
	mu       sync.Mutex
	closed   bool
	queued   int
	keys     map[string][]*Job // a key is present while one of its jobs runs
}

// New returns a Runner ready to take jobs.
func New(cfg Config) *Runner {
	if cfg.Workers <= 0 {
		cfg.Workers = DefaultWorkers
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Grace <= 0 {
		cfg.Grace = DefaultGrace
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	base, stop := context.WithCancel(context.Background())
	return &Runner{
		cfg: cfg, log: cfg.Logger, sem: make(chan struct{}, cfg.Workers),
		base: base, stop: stop, stopping: make(chan struct{}), keys: map[string][]*Job{},
	}
}

// Stopping is closed once Close was called: adapters cut typing pauses short.
func (r *Runner) Stopping() <-chan struct{} { return r.stopping }

// Submit accepts j without blocking. A turn is counted by the gate now, as
// it arrives, not when its turn comes: a quiet verdict drops it (and the
// person's turns still waiting), a notice replaces them with the one gentle
// line. It returns false when the runner is full or closed: the platform
// should deliver the message again later.
func (r *Runner) Submit(j Job) bool {
	_, ok := r.submit(j)
	return ok
}

// SubmitWait is Submit that waits for room until ctx ends, for an event
// already acknowledged to the platform.
func (r *Runner) SubmitWait(ctx context.Context, j Job) bool {
	for {
		if r.Submit(j) {
			return true
		}
		r.mu.Lock()
		closed := r.closed
		r.mu.Unlock()
		if closed {
			return false
		}
		t := time.NewTimer(10 * time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return false
		case <-t.C:
		}
	}
}

// Run submits j and waits until it is finished (delivered, dropped or
// left), for a channel that works one line at a time (the terminal).
func (r *Runner) Run(ctx context.Context, j Job) bool {
	done, ok := r.submit(j)
	if !ok {
		return false
	}
	select {
	case <-done:
	case <-ctx.Done():
	}
	return true
}

func (r *Runner) submit(j Job) (<-chan struct{}, bool) {
	jp := &j
	jp.done = make(chan struct{})
	r.mu.Lock()
	if r.closed || (r.cfg.MaxQueued > 0 && r.queued >= r.cfg.MaxQueued) {
		r.mu.Unlock()
		return nil, false
	}
	r.mu.Unlock()
	if j.Msg != nil && r.cfg.Gate != nil && j.Msg.Event == "" {
		verdict, notice := r.admit(*j.Msg)
		j.Msg.Admitted = true
		log := r.log.With("chat", j.Msg.From.Hash(), "msg_id", j.Msg.ID)
		switch verdict {
		case bot.AdmitQuiet, bot.AdmitNotice:
			r.mu.Lock()
			dropped := r.dropQueued(j.Key, j.Msg.From)
			r.mu.Unlock()
			if j.Stored != nil {
				j.Stored()
			}
			if verdict == bot.AdmitQuiet {
				log.Debug("message dropped, flood", "dropped", dropped)
				close(jp.done)
				return jp.done, true
			}
			log.Info("flood: notice queued", "dropped", dropped)
			m, deliver := *j.Msg, j.Deliver
			jp = &Job{Key: j.Key, done: jp.done, Do: func(ctx context.Context) {
				if err := deliver(ctx, m, notice); err != nil {
					log.Error("flood notice dropped", "err", err)
				}
			}}
		default:
			jp.urgent = verdict == bot.AdmitUrgent
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		if jp.Left != nil {
			jp.Left()
		}
		close(jp.done)
		return jp.done, true
	}
	r.queued++
	if q, busy := r.keys[jp.Key]; busy {
		r.keys[jp.Key] = append(q, jp)
		return jp.done, true
	}
	r.keys[jp.Key] = nil
	r.wg.Add(1)
	go r.work(jp)
	return jp.done, true
}

// admit asks the gate about m with its own short deadline; a gate that
// panics lets the message through.
func (r *Runner) admit(m bot.Message) (v bot.Admission, notice []bot.Reply) {
	defer func() {
		if p := recover(); p != nil {
			r.log.Error("flood gate panicked", "panic", panicInfo(p))
			v, notice = bot.AdmitTurn, nil
		}
	}()
	ctx, cancel := context.WithTimeout(r.base, admitTimeout)
	defer cancel()
	return r.cfg.Gate.Admit(ctx, m)
}

// dropQueued drops from's turns waiting under key, except urgent ones, and
// reports how many. Caller holds mu.
func (r *Runner) dropQueued(key string, from bot.Address) int {
	q := r.keys[key]
	kept := q[:0]
	n := 0
	for _, j := range q {
		if j.Msg != nil && !j.urgent && j.Msg.From == from {
			if j.Stored != nil {
				j.Stored()
			}
			close(j.done)
			r.queued--
			n++
			continue
		}
		kept = append(kept, j)
	}
	clear(q[len(kept):])
	if _, busy := r.keys[key]; busy {
		r.keys[key] = kept
	}
	return n
}

// work runs j, then the jobs queued behind it under its key.
func (r *Runner) work(j *Job) {
	defer r.wg.Done()
	for j != nil {
		r.run(j)
		close(j.done)
		r.mu.Lock()
		r.queued--
		q := r.keys[j.Key]
		if len(q) == 0 {
			delete(r.keys, j.Key)
			j = nil
		} else {
			j, q[0] = q[0], nil
			r.keys[j.Key] = q[1:]
		}
		r.mu.Unlock()
	}
}

// run runs one job within its budget. A turn's Stored, Left or Failed is
// called exactly once, whatever happens.
func (r *Runner) run(j *Job) {
	settled := j.Msg == nil
	settle := func(left bool) {
		if settled {
			return
		}
		settled = true
		if left && j.Left != nil {
			j.Left()
		} else if j.Stored != nil {
			j.Stored()
		}
	}
	defer settle(false)
	select {
	case <-r.stopping:
		if j.Left != nil {
			settle(true)
			return
		}
	default:
	}
	if r.base.Err() != nil {
		// The grace period is over: what starts now could not deliver.
		r.log.Warn("job dropped at shutdown")
		if j.Failed != nil && j.Left == nil && !settled {
			settled = true
			j.Failed() // not stored: to be done again, not marked done
			return
		}
		settle(true)
		return
	}
	ctx, cancel := context.WithTimeout(r.base, r.cfg.Timeout)
	defer cancel()
	defer func() {
		// A panic in one job must not take the process and every other
		// conversation down with it.
		if p := recover(); p != nil {
			r.log.Error("job panicked", "panic", panicInfo(p), "err_id", newID())
		}
	}()
	if j.Msg == nil {
		j.Do(ctx)
		return
	}
	m := *j.Msg
	if j.Prepare != nil {
		j.Prepare(ctx, &m)
	}
	start := time.Now()
	select {
	case r.sem <- struct{}{}:
	case <-r.stopping:
		if j.Left != nil {
			settle(true)
			return
		}
		r.sem <- struct{}{}
	}
	replies, err := r.handle(ctx, m)
	<-r.sem
	log := r.log.With("chat", m.From.Hash(), "msg_id", m.ID)
	if err != nil && j.Failed != nil {
		// Done again later: what it would say now ("something went
		// wrong") would be said at every attempt.
		settled = true
		j.Failed()
		log.Error("turn failed, to be done again", "err", err, "err_id", errorID(err))
		return
	}
	settle(false)
	if err != nil {
		log.Error("turn failed", "err", err, "err_id", errorID(err))
		if len(replies) == 0 {
			replies = []bot.Reply{{Text: r.cfg.Texts.Text(flow.TextFallback, m.Lang, nil)}}
		}
	}
	log.Debug("turn handled", "replies", len(replies), "took", time.Since(start))
	if err := j.Deliver(ctx, m, replies); err != nil {
		log.Error("replies dropped", "err", err)
	}
}

// handle calls the handler, turning a panic into an error: one bad message
// must not take the bot down.
func (r *Runner) handle(ctx context.Context, m bot.Message) (replies []bot.Reply, err error) {
	defer func() {
		if p := recover(); p != nil {
			replies, err = nil, fmt.Errorf("handler panic: %s", panicInfo(p))
		}
	}()
	return r.cfg.Handler.HandleMessage(ctx, m)
}

// Close stops taking jobs. Jobs not started that the platform delivers
// again are left; the others, and those in flight, get the grace period,
// after which their contexts are cancelled. It returns when all are done
// (or a second after the grace period, whichever comes first).
func (r *Runner) Close() {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return
	}
	r.closed = true
	r.mu.Unlock()
	close(r.stopping)
	done := make(chan struct{})
	go func() {
		r.wg.Wait()
		close(done)
	}()
	t := time.NewTimer(r.cfg.Grace)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		r.log.Warn("turns still running at shutdown, cancelling them")
		r.stop()
		t2 := time.NewTimer(time.Second)
		defer t2.Stop()
		select {
		case <-done:
		case <-t2.C:
		}
	}
	r.stop()
}

// errorID is the id the engine minted for err, or a new one when the
// failure happened outside the engine (a panic, a cancelled context).
func errorID(err error) string {
	var te *bot.TurnError
	if errors.As(err, &te) && te.ID != "" {
		return te.ID
	}
	return newID()
}

func newID() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// panicInfo describes a panic without its value's text, which could hold
// what the person wrote: a runtime error's message, or the value's type.
func panicInfo(p any) string {
	if re, ok := p.(runtime.Error); ok {
		return re.Error()
	}
	return fmt.Sprintf("%T", p)
}

// Idle reports whether no job of key is running or waiting.
func (r *Runner) Idle(key string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, busy := r.keys[key]
	return !busy
}
