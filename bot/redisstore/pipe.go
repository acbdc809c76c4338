package redisstore

import (
	"context"
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"
)

// The turn path (Update's GET and compare-and-set, Arrive's flood script)
// is batched by a sender of its own, "smart batching" with no timer: the
// commands that many conversations send while a batch is in flight leave
// together, in one write, and their replies come back in one read, instead
// of one write and one read each on a connection of their own. That is
// what bounds a busy process: each round trip costs a write and a read
// system call on both sides, carebot's and Redis's.
//
//   - A command sent while no batch is in flight (fewer than
//     maxTurnBatches) is written at once, by its own goroutine: a quiet
//     turn takes one round trip, with no timer and no hand-off between
//     goroutines.
//   - Otherwise it queues. When a batch returns, its sender (the leader)
//     hands the lead to the oldest queued caller and returns with its own
//     reply; the new leader writes everything queued as one pipeline. So a
//     command waits for at most the batch in flight, never for a timer or
//     for a silence, and nobody waits for batches after their own.
//
// go-redis's own auto-pipeliner, which this replaced, holds a batch back
// while it expects arrivals (the callers a batch answered sending their
// next commands, a closed-loop guess) or while batches are in flight, for
// a silence of 200 µs to 2 ms, and hands every batch to two goroutines: in
// an open loop that made a turn slower (see the README's Redis section for
// the figures).
//
// Every command sent this way is a noRetry command. The compare-and-set must
// be: a resend after its reply was lost could apply a turn twice (see the
// package documentation), and go-redis never resends a pipeline that holds
// a noRetry command (cmdsContainNoRetry); it fails the pipeline with the
// network error. The GET and the flood script are noRetry too, so that a
// batch is one kind: the GET, harmless to resend, is resent by get below;
// the flood script is not (Arrive's caller counts in memory when it fails,
// which beats counting one message twice). On a cluster, go-redis's
// pipeline splits a batch by master, one write to each, and re-sends the
// commands a MOVED or ASK reply redirects (they did not run).
//
// On a cluster there is one batcher per master (see batcherFor): a batch
// returns only once every master in it has answered, so a batch shared by
// all masters would make every conversation in the process wait for the
// slowest or an unreachable one (head-of-line blocking), and turn a
// partial outage into a total one.

// maxTurnBatches is how many batches may be in flight at once, each on a
// connection of its own. One and two measured the same latency and turns
// per second (10 interleaved rounds of carebot bench); with one, batches
// were deeper (0.46 round trips per turn at 10,000 turns/s, against 0.80)
// and carebot and Redis spent less CPU per turn.
const maxTurnBatches = 1

// batcher sends the turn path's commands on rdb, batched (see above).
type batcher struct {
	rdb   redis.UniversalClient
	mu    sync.Mutex
	queue []*turnCall // waiting to be written, oldest first
	// busy counts the batches in flight, and the leads handed to a queued
	// caller that has not written its batch yet; at most maxTurnBatches.
	busy int
	// spare is an emptied batch's array, for the next queue (a batch
	// leaves with the queue's array, see lead).
	spare []*turnCall
}

// turnCall is one caller's command waiting in the batcher.
type turnCall struct {
	ctx context.Context
	cmd redis.Cmder
	// more are commands sent with cmd, in its batch (sendAll): nil for a
	// turn's one command.
	more []redis.Cmder
	// wake receives once: the caller now leads (lead set), or its command's
	// reply is in.
	wake chan struct{}
	lead bool // guarded by batcher.mu
	sent bool // in a batch being written; guarded by batcher.mu
}

// send sends cmd, a command on key (and on no key of another hash slot),
// on the turn path and waits for its reply or for ctx. It returns ctx's
// error if it gave up waiting: a command not written yet is withdrawn, but
// one already written is left to its batch, so the caller must then leave
// it and its arguments alone (reading it would race with the batch's
// sender). A caller that sends a batch itself waits for the batch, which
// its members' deadlines bound (see batchContext).
func (s *Store) send(ctx context.Context, key string, cmd redis.Cmder) error {
	return s.batcherFor(ctx, key).send(ctx, cmd)
}

// batcherFor returns the batcher that sends key's commands: on a cluster,
// the one of the master that serves key's hash slot, as go-redis's slot
// table says now; otherwise (a single server, Sentinel's master) the one
// batcher. The batchers are kept by master address, so a failover or a
// slot moved to a master not seen before adds one. The choice is only a
// grouping: every batcher sends through the cluster client, which routes
// each command by its slot, so a command batched with a master that no
// longer serves its slot still gets there (go-redis follows the MOVED
// reply); it just shares that master's batch until go-redis reloads its
// slot table. If go-redis cannot tell the master (no slot table loaded
// and the cluster unreachable), the command goes through the default
// batcher, and go-redis reports the error.
func (s *Store) batcherFor(ctx context.Context, key string) *batcher {
	if s.clusterRDB == nil {
		return s.turn
	}
	master, err := s.clusterRDB.MasterForKey(ctx, key)
	if err != nil {
		return s.turn
	}
	addr := master.Options().Addr
	if b, ok := s.masters.Load(addr); ok {
		return b.(*batcher)
	}
	b, _ := s.masters.LoadOrStore(addr, &batcher{rdb: s.rdb})
	return b.(*batcher)
}

func (b *batcher) send(ctx context.Context, cmd redis.Cmder) error {
	return b.sendAll(ctx, cmd, nil)
}

// sendAll is send for cmd and more, written together in one batch (a
// Deliverer's flush of pending marks, see UpdateEach): they share the
// round trips of the turns, never waiting for more than the batch in
// flight.
func (b *batcher) sendAll(ctx context.Context, cmd redis.Cmder, more []redis.Cmder) error {
	b.mu.Lock()
	if b.busy < maxTurnBatches {
		b.busy++
		if len(b.queue) == 0 {
			// Nothing to wait for and nothing to join: write it now.
			b.mu.Unlock()
			b.alone(ctx, cmd, more)
			return nil
		}
		c := turnCalls.Get().(*turnCall)
		c.ctx, c.cmd, c.more = ctx, cmd, more
		defer c.free() // after lead, which may panic
		b.lead(c)      // unlocks
		return nil
	}
	c := turnCalls.Get().(*turnCall)
	c.ctx, c.cmd, c.more = ctx, cmd, more
	b.queue = append(b.queue, c)
	b.mu.Unlock()
	select {
	case <-c.wake:
		if !c.lead { // set before wake was sent
			c.free()
			return nil // the reply is in
		}
		b.mu.Lock()
		if err := ctx.Err(); err != nil {
			b.done() // unlocks; passes the lead on
			return err
		}
		defer c.free() // after lead, which may panic
		b.lead(c)      // unlocks
		return nil
	case <-ctx.Done():
	}
	b.mu.Lock()
	switch {
	case c.sent: // written: its batch carries on without it
		b.mu.Unlock()
	case c.lead: // handed the lead but not written: pass it on
		b.done() // unlocks
	default:
		b.withdraw(c)
		b.mu.Unlock()
	}
	return ctx.Err()
}

// turnCalls holds the turnCalls of replies that are in: a queued caller
// takes one, with its channel, and gives it back once woken with its
// reply or once it led its batch. One that gave up waiting is left to the
// garbage collector (its batch may still wake it).
var turnCalls = sync.Pool{New: func() any { return &turnCall{wake: make(chan struct{}, 1)} }}

// free gives c back to turnCalls; its wake channel is empty, and nothing
// refers to c any more.
func (c *turnCall) free() {
	*c = turnCall{wake: c.wake}
	turnCalls.Put(c)
}

// withdraw removes c from the queue; b.mu is held.
func (b *batcher) withdraw(c *turnCall) {
	for i, q := range b.queue {
		if q == c {
			copy(b.queue[i:], b.queue[i+1:])
			b.queue[len(b.queue)-1] = nil
			b.queue = b.queue[:len(b.queue)-1]
			return
		}
	}
}

// alone writes cmd by itself and frees its busy slot (b.mu is not held).
// The slot is freed even if Process panics (a hook, a bug in go-redis):
// the caller's recover may catch that, and the batcher must not stay busy
// for ever.
func (b *batcher) alone(ctx context.Context, cmd redis.Cmder, more []redis.Cmder) {
	defer func() {
		b.mu.Lock()
		b.done() // unlocks
	}()
	if len(more) == 0 {
		_ = b.rdb.Process(ctx, cmd) // the error stays on cmd
		return
	}
	pipe := b.rdb.Pipeline()
	_ = pipe.Process(ctx, cmd)
	for _, m := range more {
		_ = pipe.Process(ctx, m)
	}
	_, _ = pipe.Exec(ctx) // the errors stay on the commands
}

// errBatchPanicked is the error of the commands of a batch whose sending
// panicked: whether each was written, and ran, is unknown, as after a
// network error.
var errBatchPanicked = errors.New("redis turn batch: sending panicked; the command may or may not have run")

// lead writes c's command and everything queued as one batch, waits for the
// replies, passes the lead on, then wakes the callers. b.mu is held on
// entry, and c holds one of the busy slots. If sending panics, the lead
// still passes on and the callers still wake (with errBatchPanicked on
// their commands); the panic goes on up c's goroutine.
func (b *batcher) lead(c *turnCall) {
	batch := b.queue
	b.queue, b.spare = b.spare[:0], nil
	for _, q := range batch {
		q.sent = true
	}
	b.mu.Unlock()
	finished := false
	defer func() {
		if !finished {
			for _, q := range batch {
				q.cmd.SetErr(errBatchPanicked)
				for _, m := range q.more {
					m.SetErr(errBatchPanicked)
				}
			}
		}
		b.mu.Lock()
		b.done() // the next batch first; unlocks
		for i, q := range batch {
			batch[i] = nil
			q.wake <- struct{}{} // q may be reused from here on: forget it first
		}
		if cap(batch) > 0 {
			b.mu.Lock()
			if cap(batch) > cap(b.spare) {
				b.spare = batch[:0]
			}
			b.mu.Unlock()
		}
	}()
	if len(batch) == 0 && len(c.more) == 0 {
		_ = b.rdb.Process(c.ctx, c.cmd) // the error stays on the command
	} else {
		pipe := b.rdb.Pipeline()
		add := func(q *turnCall) {
			_ = pipe.Process(q.ctx, q.cmd)
			for _, m := range q.more {
				_ = pipe.Process(q.ctx, m)
			}
		}
		add(c)
		for _, q := range batch {
			add(q)
		}
		_, _ = pipe.Exec(batchContext(c, batch)) // the errors stay on the commands
	}
	finished = true
}

// done frees a busy slot, or hands it to the oldest queued caller, who
// then writes the next batch. b.mu is held on entry, and released.
func (b *batcher) done() {
	if len(b.queue) == 0 {
		b.busy--
		b.mu.Unlock()
		return
	}
	next := b.queue[0]
	b.queue[0] = nil
	b.queue = b.queue[1:]
	next.lead = true
	next.wake <- struct{}{}
	b.mu.Unlock()
}

// batchContext is the context a batch is written and read under: it is
// cancelled by nobody (one caller giving up must not cut the others'
// replies), and its deadline is the latest of its callers', or none if one
// has none (go-redis's read and write timeouts then bound it). It keeps the
// values of the leader's context.
func batchContext(c *turnCall, batch []*turnCall) context.Context {
	last, ok := c.ctx.Deadline()
	for _, q := range batch {
		d, has := q.ctx.Deadline()
		ok = ok && has
		if d.After(last) {
			last = d
		}
	}
	if !ok {
		return context.WithoutCancel(c.ctx)
	}
	return deadlineContext{context.WithoutCancel(c.ctx), last}
}

// deadlineContext is a context with a deadline and no cancellation: go-redis
// sets its connection deadlines from it.
type deadlineContext struct {
	context.Context
	deadline time.Time
}

func (c deadlineContext) Deadline() (time.Time, bool) { return c.deadline, true }

// noRetryString is a GET that go-redis must not resend (see above).
type noRetryString struct{ *redis.StringCmd }

func (noRetryString) NoRetry() bool { return true }

func (c noRetryString) Clone() redis.Cmder {
	return noRetryString{c.StringCmd.Clone().(*redis.StringCmd)}
}

// get GETs key through the turn batcher, resending it after a network
// error as go-redis would (max_retries): a GET is safe to resend.
func (s *Store) get(ctx context.Context, key string) (string, error) {
	for attempt := 0; ; attempt++ {
		cmd := noRetryString{redis.NewStringCmd(ctx, argGet, key)}
		if err := s.send(ctx, key, cmd); err != nil {
			return "", err
		}
		v, err := cmd.Result()
		if err == nil || errors.Is(err, redis.Nil) || attempt >= s.resends || ctx.Err() != nil || !resendable(err) {
			return v, err
		}
	}
}

// resendable reports whether err means the command never got an answer
// (a network failure), not that Redis refused it.
func resendable(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, net.ErrClosed) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
}

var argGet any = "get"

// tripCounter counts the network round trips the Store makes: the writes
// to its Redis connections. go-redis writes a command, a pipeline or an
// batch in one write (a batch of 128 KiB or more in
// several) and reads the replies before the connection carries anything
// else, so one write is one round trip however many commands it holds. It wraps every connection go-redis dials
// (a DialHook), to a single server, Sentinel's master or a cluster's
// nodes.
//
// The wrapper also spares a busy connection go-redis's health check. Each
// time go-redis takes a connection from its pool (every batch of the turn
// path), it peeks at the socket (a recvfrom system call, and three
// allocations) to tell whether Redis closed it while it was idle, so that
// a command is not written to a dead connection. A connection that
// received a reply less than answeredFresh ago was not idle: the peek is
// skipped (go-redis sees an empty socket, as the peek would have shown).
// A connection idle for longer is checked as before. A peer that closes a
// connection within answeredFresh of its last reply (a restart, CLIENT
// KILL) makes the next batch fail, as one written just before the close
// does anyway; Redis's own idle timeout counts in seconds.
type tripCounter struct {
	n atomic.Int64
	// now is the clock of the replies (monotonic); nil means time.Since(epoch).
	now func() time.Duration
}

// answeredFresh is how long after a reply a connection goes without
// go-redis's health check.
const answeredFresh = time.Millisecond

// epoch is the origin of tripCounter's default clock.
var epoch = time.Now()

func (h *tripCounter) clock() time.Duration {
	if h.now != nil {
		return h.now()
	}
	return time.Since(epoch)
}

func (h *tripCounter) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := next(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		cc := &countedConn{Conn: c, h: h}
		if sc, ok := c.(syscall.Conn); ok {
			raw, err := sc.SyscallConn()
			if err != nil {
				return cc, nil // no health check: go-redis writes and sees
			}
			// go-redis checks an idle connection through its file
			// descriptor before it reuses it (a closed peer is redialled,
			// not written to): keep that working.
			sys := &countedSysConn{countedConn: cc, raw: raw, skip: answeredRaw{raw}}
			switch c.(type) {
			case *net.TCPConn, *net.UnixConn:
				// The dialer's own socket, not a hook's wrapper (whose
				// Read and Write may count or change what passes).
				sys.io = newRawIO(c, raw)
			}
			return sys, nil
		}
		return cc, nil
	}
}

func (h *tripCounter) ProcessHook(next redis.ProcessHook) redis.ProcessHook { return next }

func (h *tripCounter) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// countedConn counts its writes and remembers when it last read.
type countedConn struct {
	net.Conn
	h *tripCounter
	// read is when a Read last returned bytes, on h's clock.
	read atomic.Int64
}

func (c *countedConn) Write(b []byte) (int, error) {
	c.h.n.Add(1)
	return c.Conn.Write(b)
}

func (c *countedConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	if n > 0 {
		c.read.Store(int64(c.h.clock()))
	}
	return n, err
}

// NetConn returns the wrapped connection, as crypto/tls's does, for
// go-redis's checks that look through wrappers.
func (c *countedConn) NetConn() net.Conn { return c.Conn }

// countedSysConn is a countedConn whose connection has a file descriptor.
// On Linux, a socket of the dialer's own (TCP or Unix) is read and written
// with raw system calls (rawIO): a round trip then wakes no thread of the
// runtime's, beside the goroutines its reply wakes.
type countedSysConn struct {
	*countedConn
	raw  syscall.RawConn
	skip syscall.RawConn // raw, with the health check's peek skipped
	io   *rawIO          // nil: through the connection's own Read and Write
}

func (c *countedSysConn) Write(b []byte) (int, error) {
	if c.io == nil {
		return c.countedConn.Write(b)
	}
	c.h.n.Add(1)
	return c.io.write(b)
}

func (c *countedSysConn) Read(b []byte) (int, error) {
	if c.io == nil {
		return c.countedConn.Read(b)
	}
	n, err := c.io.read(b)
	if n > 0 {
		c.read.Store(int64(c.h.clock()))
	}
	return n, err
}

// SyscallConn serves go-redis's health check (see tripCounter): the
// connection itself if it has been idle, or one that skips the peek if
// it read a reply less than answeredFresh ago.
// An idle connection read and written raw is peeked at raw too (see
// peekedRaw).
func (c *countedSysConn) SyscallConn() (syscall.RawConn, error) {
	if c.h.clock()-time.Duration(c.read.Load()) < answeredFresh {
		return c.skip, nil
	}
	if c.io != nil {
		return peekedRaw{c.raw}, nil
	}
	return c.raw, nil
}

// peekedRaw is the RawConn of an idle connection read and written raw
// (rawIO), for go-redis's health check: its Read first peeks at the socket
// itself, with a raw system call, and when that finds it open and empty
// (the usual case), does not run the check's function, which reads as
// that (see answeredRaw); otherwise it runs it, so that go-redis sees for
// itself a peer that closed or a reply nobody asked for.
type peekedRaw struct{ syscall.RawConn }

func (r peekedRaw) Read(f func(fd uintptr) bool) error {
	if r.quiet() {
		return nil
	}
	return r.RawConn.Read(f)
}

// answeredRaw is a RawConn whose Read does not run its function: go-redis
// reads through it only to peek (MSG_PEEK, MSG_DONTWAIT) for a closed or
// unexpectedly readable socket, and not running it reads as neither.
type answeredRaw struct{ syscall.RawConn }

func (answeredRaw) Read(func(fd uintptr) bool) error { return nil }

// RoundTrips returns how many network round trips this Store has made to
// Redis so far: writes to its connections, each carrying one command, a
// pipeline, or a batch of many conversations' commands
// (CommandsSent counts those commands one by one). Connection set-up
// (HELLO, CLIENT SETINFO) counts too; a cluster's topology queries
// (CLUSTER SLOTS) and a redirection count, as they are round trips.
func (s *Store) RoundTrips() int64 {
	return s.trips.n.Load()
}
