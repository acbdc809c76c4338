package redisstore

import (
	"context"
	"errors"
	"io"
	"net"
	"sync/atomic"
	"syscall"

	"github.com/redis/go-redis/v9"
)

// The turn path (Update's GET and compare-and-set, Arrive's flood script)
// goes through go-redis's auto-pipeliner: the commands that many
// conversations send at the same moment leave in one write and their
// replies come back in one read, instead of one write and one read each on
// a connection of their own. That is what bounds a busy process: each
// round trip costs a write and a read system call on both sides, carebot's
// and Redis's. A command sent while no other is in flight skips the
// pipeliner (see send), so a quiet turn still takes one round trip, with
// no timer and no hand-off between goroutines. Under load go-redis holds a
// command back while a batch is in flight, or while the callers a batch
// just answered are sending their next commands, so that they leave
// together; a silence of 200 µs (up to 2 ms on a slow link) ends the wait.
//
// Every command sent this way is a noRetry command. The compare-and-set must
// be: a resend after its reply was lost could apply a turn twice (see the
// package documentation), and go-redis never resends a batch that holds a
// noRetry command; it fails the batch with the network error. The GET and
// the flood script are noRetry too, because go-redis dispatches a batch
// that mixes commands it may resend with commands it may not as several
// pipelines, one after the other, each its own round trip. The GET,
// harmless to resend, is resent by get below; the flood script is not
// (Arrive's caller counts in memory when it fails, which beats counting one
// message twice).

// newTurnClient returns the pipeliner the turn path uses on rdb: go-redis's
// half-duplex mode, which writes what has queued as one batch, reads its
// replies, then writes the next batch, and does not wait for a batch to
// fill (no timer). On a cluster each batch goes to one master. Compared
// with the full-duplex mode (one connection a writer and a reader goroutine
// share, the next batch written while the replies of the one before come
// back), it made deeper batches and cost less CPU per turn, carebot's and
// Redis's, and served more turns in 8 of 9 interleaved runs on the 2-core
// bench machine (go-redis, too, advises it on a fast link). It is the
// deferred face, so that a caller waits for its reply no longer than its
// context allows (the blocking face would wait out the read timeout).
func newTurnClient(rdb redis.UniversalClient) (*redis.AutoPipeliner, error) {
	o := redis.DefaultAutoPipelineOptions()
	switch c := rdb.(type) {
	case *redis.Client: // one server, or Sentinel's master
		return c.AsyncAutoPipelineWithOptions(o)
	case *redis.ClusterClient: // commands routed by slot: a batch goes to one master
		return c.AsyncAutoPipelineWithOptions(o)
	}
	return nil, errors.New("redis store: no auto-pipelining for this client")
}

// send sends cmd on the turn path and waits for its reply or for ctx. It
// returns ctx's error if it gave up waiting: the command may still be
// written later, so the caller must then leave it and its arguments alone
// (reading it would race with the pipeliner).
//
// A command sent while no other is in flight has no batch to join: it goes
// straight to a connection of its own from this goroutine, because
// go-redis's pipeliner hands every batch, even of one, to a flusher
// goroutine and then to a goroutine of its own, which on a busy machine
// made a lone turn half as slow again (BenchmarkUpdate/serial at a load of
// 18: 60 µs before, 90 to 230 µs through the pipeliner).
func (s *Store) send(ctx context.Context, cmd redis.Cmder) error {
	if s.inflight.Add(1) == 1 {
		_ = s.rdb.Process(ctx, cmd) // the error stays on cmd
		s.inflight.Add(-1)
		return nil
	}
	defer s.inflight.Add(-1)
	err := s.turn.Submit(ctx, cmd).WaitContext(ctx)
	if err != nil && ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return err
	}
	return nil
}

// noRetryString is a GET that go-redis must not resend (see above).
type noRetryString struct{ *redis.StringCmd }

func (noRetryString) NoRetry() bool { return true }

func (c noRetryString) Clone() redis.Cmder {
	return noRetryString{c.StringCmd.Clone().(*redis.StringCmd)}
}

// get GETs key through the turn pipeliner, resending it after a network
// error as go-redis would (max_retries): a GET is safe to resend.
func (s *Store) get(ctx context.Context, key string) (string, error) {
	for attempt := 0; ; attempt++ {
		cmd := noRetryString{redis.NewStringCmd(ctx, argGet, key)}
		if err := s.send(ctx, cmd); err != nil {
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
// auto-pipelined batch in one write (a batch of 128 KiB or more in
// several) and reads the replies before the connection carries anything
// else, so one write is one round trip however many commands it holds. It wraps every connection go-redis dials
// (a DialHook), to a single server, Sentinel's master or a cluster's
// nodes.
type tripCounter struct{ n atomic.Int64 }

func (h *tripCounter) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := next(ctx, network, addr)
		if err != nil {
			return nil, err
		}
		cc := countedConn{Conn: c, n: &h.n}
		if sc, ok := c.(syscall.Conn); ok {
			// go-redis checks an idle connection through its file
			// descriptor before it reuses it (a closed peer is redialled,
			// not written to): keep that working.
			return countedSysConn{countedConn: cc, sc: sc}, nil
		}
		return cc, nil
	}
}

func (h *tripCounter) ProcessHook(next redis.ProcessHook) redis.ProcessHook { return next }

func (h *tripCounter) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// countedConn counts its writes.
type countedConn struct {
	net.Conn
	n *atomic.Int64
}

func (c countedConn) Write(b []byte) (int, error) {
	c.n.Add(1)
	return c.Conn.Write(b)
}

// NetConn returns the wrapped connection, as crypto/tls's does, for
// go-redis's checks that look through wrappers.
func (c countedConn) NetConn() net.Conn { return c.Conn }

// countedSysConn is a countedConn whose connection has a file descriptor.
type countedSysConn struct {
	countedConn
	sc syscall.Conn
}

func (c countedSysConn) SyscallConn() (syscall.RawConn, error) { return c.sc.SyscallConn() }

// RoundTrips returns how many network round trips this Store has made to
// Redis so far: writes to its connections, each carrying one command, a
// pipeline, or an auto-pipelined batch of many conversations' commands
// (CommandsSent counts those commands one by one). Connection set-up
// (HELLO, CLIENT SETINFO) counts too; a cluster's topology queries
// (CLUSTER SLOTS) and a redirection count, as they are round trips.
func (s *Store) RoundTrips() int64 {
	return s.trips.n.Load()
}
