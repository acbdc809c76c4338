// Package redisstore keeps sessions, the rephrase cache and claims in Redis,
// so several carebot processes can serve the same conversations. It is the
// only package that imports go-redis.
//
// # REDIS_URL
//
// The URL's scheme picks one of go-redis's own URL parsers; query
// parameters are go-redis's (dial_timeout, read_timeout, pool_size,
// max_retries…, see redis.ParseURL) and an unknown one is an error:
//
//	redis://[user:pass@]host[:port][/db]         one server (port 6379, db 0 by default)
//	rediss://[user:pass@]host[:port][/db]        the same over TLS (skip_verify=true to test)
//	unix://[user:pass@]/path/redis.sock[?db=N]   a local socket
//	redis+cluster://[user:pass@]host:port[?addr=host2:port2&addr=…]
//	                                             Redis Cluster, seed nodes (redis.ParseClusterURL);
//	                                             rediss+cluster:// for TLS
//	redis+sentinel://[user:pass@]host:26379[/db]?master_name=mymaster[&addr=host2:26379…][&password=…]
//	                                             Sentinel (redis.ParseFailoverURL): host and addr
//	                                             are sentinels, user:pass@ authenticates to the
//	                                             sentinels and username=/password= to the master;
//	                                             rediss+sentinel:// for TLS
//
// go-redis has no "cluster=true" or "redis-sentinel://" form: the +cluster
// and +sentinel suffixes are carebot's, stripped before go-redis parses the
// rest. Error messages never repeat the URL's password.
//
// # Keys
//
// A conversation's keys are <prefix>:{<tag>}:<name>, where tag is a hex hash
// of the Address (no platform IDs in key names) and the braces make every
// key of one conversation share a Redis Cluster slot: <prefix>:{<tag>}:session
// and the flood state <prefix>:{<tag>}:flood. The cache uses <prefix>:cache:<key> and claims
// <prefix>:claim:<key>.
//
// # Sessions
//
// A session is stored as "<version>:" followed by a format byte and
// sessioncodec's compact binary encoding (the JSON an older carebot wrote is
// still read), with a TTL renewed by every Update. Update costs one round
// trip when this Store saved the conversation last (the warm path: it
// remembers what it saved, see warm.go) and two otherwise: GET, then a
// short Lua compare-and-set (EVALSHA, EVAL once if the script is not
// cached) that writes only if the version is unchanged. A lost race runs fn
// again on the winner's session, which the script returns (one round trip),
// then on later losses after a jittered backoff and a fresh GET, up to
// Config.MaxRetries times (about half a second by default), then fails
// with bot.ErrConflict.
//
// The turn path's commands (that GET, the compare-and-set, the flood
// script) are batched (see pipe.go): the commands of conversations in
// flight at the same moment share a write and a read, so under load a
// round trip carries many turns; a lone one is sent at once, and none
// waits for a timer.
// RoundTrips counts the writes, CommandsSent the commands.
//
// go-redis resends a command after a network error (max_retries in the URL,
// 1 by default), which is harmless for GET, DEL or SET NX but not for the
// compare-and-set: if its reply is lost after it wrote, a resend would see
// the new version, report a conflict and make Update apply the turn twice.
// The compare-and-set is therefore never resent, nor is the batch it went
// in; its network errors fail the Update with bot.ErrUnavailable (the turn
// may or may not be saved).
//
// Network failures, timeouts and Redis being busy loading, read-only or down
// are errors wrapping bot.ErrUnavailable, so the engine can answer kindly.
//
// # Claims
//
// Claim is one SET key owner NX GET PX ttl, which needs Redis 7.0; on an
// older server it falls back to SET NX, then GET.
package redisstore

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/redis/go-redis/v9"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/internal/sessioncodec"
)

// Interface guards.
var (
	_ bot.Store   = (*Store)(nil)
	_ bot.Cache   = (*Store)(nil)
	_ bot.Claimer = (*Store)(nil)

	_ bot.FloodCounter = (*Store)(nil)
)

// Defaults for Config's zero values.
const (
	DefaultPrefix = "carebot"
	DefaultTTL    = 24 * time.Hour
	// DefaultMaxRetries lets 20 writers racing on one conversation all
	// succeed (the conformance suite's test; adapters make real races rare).
	DefaultMaxRetries = 30
	// DefaultDialTimeout and DefaultIOTimeout are short so that a dead Redis
	// costs a turn a second, not go-redis's default five.
	DefaultDialTimeout = time.Second
	DefaultIOTimeout   = time.Second
	// defaultNetRetries is how often go-redis resends an idempotent command
	// after a network error, unless the URL says max_retries.
	defaultNetRetries = 1
)

// Backoff between attempts after a lost race: a random wait below
// backoffBase·2^attempt, capped at backoffMax.
const (
	backoffBase = time.Millisecond
	backoffMax  = 20 * time.Millisecond
)

// Config configures a Store.
type Config struct {
	// URL is REDIS_URL; see the package documentation for its forms.
	URL string
	// TTL is how long a session lives after its last Update; 0 means
	// DefaultTTL. It also applies to cache entries and claims set with a
	// ttl <= 0.
	TTL time.Duration
	// Prefix starts every key; "" means DefaultPrefix. It must not contain
	// '{' or '}', which would break the keys' cluster hash tags.
	Prefix string
	// MaxRetries is how many times Update runs fn again after losing a race
	// before it gives up with bot.ErrConflict; 0 means DefaultMaxRetries and
	// a negative value means never.
	MaxRetries int
	// DialTimeout, ReadTimeout and WriteTimeout bound each network step; 0
	// means the URL's dial_timeout, read_timeout or write_timeout if given,
	// else DefaultDialTimeout or DefaultIOTimeout.
	DialTimeout  time.Duration
	ReadTimeout  time.Duration
	WriteTimeout time.Duration
	// Logger receives conflict and corruption warnings; nil means discard.
	Logger *slog.Logger
	// SweeperAlive is, on a Redis Cluster, how long after its last sweep
	// (Due) a replica is presumed dead, so that a sweeper reads the whole
	// outbox index once for what it saved last (see sweep.go); 0 means
	// DefaultSweeperAlive.
	SweeperAlive time.Duration
	// WarmSessions is how many conversations' last saved sessions the Store
	// remembers, so that the next turn of each costs one round trip (see
	// warm.go); 0 means DefaultWarmSessions, a negative value none.
	WarmSessions int
}

// Store is a bot.Store, bot.Cache and bot.Claimer on Redis. It is safe for
// concurrent use, by several processes too.
type Store struct {
	rdb        redis.UniversalClient
	ttl        time.Duration
	prefix     string
	maxRetries int
	log        *slog.Logger
	// ttlArg is the session TTL in milliseconds, as the script's ARGV[3].
	ttlArg any
	// turn batches the turn path's commands (see pipe.go); on a cluster,
	// masters holds a batcher per master address (see batcherFor), and
	// clusterRDB is rdb, and turn serves only commands whose master is
	// unknown.
	turn    *batcher
	masters sync.Map // master address → *batcher
	// eachPerBatch is how many of UpdateEach's commands one batch of turn
	// carries (maxEachPerBatch; a benchmark compares others).
	eachPerBatch int
	clusterRDB   *redis.ClusterClient
	// resends is how often get resends a GET after a network error.
	resends int
	// sent counts the commands sent, for CommandsSent; trips the network
	// round trips, for RoundTrips.
	sent  sentCounter
	trips tripCounter
	// setNXGet is cleared once the server rejects SET … NX GET (Redis older
	// than 7.0); Claim then uses SET NX and GET.
	setNXGet atomic.Bool
	// fuNext turns the shard follow-up claims start at; idleNext idle claims.
	fuNext   atomic.Uint32
	idleNext atomic.Uint32
	// warm holds the sessions this Store saved last; nil when off.
	warm *warm
	now  func() time.Time
	// cluster: the outbox index has one key per hash slot (see outbox.go),
	// swept as sweep.go says: hints, sweep, sweeperID, sweeperAlive, swept.
	cluster      bool
	due          string // the index key on a single server: <prefix>:due
	hints        *hints
	sweep        sweepKeys
	sweeperID    string
	sweeperAlive time.Duration
	swept        atomic.Bool // Due ran: this Store is in the registry of sweepers
	// forgotSeen is the score of the last note of a forgotten
	// conversation a sweep read (see forgot.go); 0 before the first.
	forgotSeen atomic.Int64
	closed     atomic.Bool
}

// New returns a Store for cfg. It parses the URL but does no I/O: the
// first command connects (see Ping).
func New(cfg Config) (*Store, error) {
	s := &Store{
		ttl:        cfg.TTL,
		prefix:     cfg.Prefix,
		maxRetries: cfg.MaxRetries,
		log:        cfg.Logger,
	}
	switch {
	case s.ttl == 0:
		s.ttl = DefaultTTL
	case s.ttl < time.Millisecond:
		return nil, fmt.Errorf("redis store: ttl %v is below a millisecond", s.ttl)
	}
	if s.prefix == "" {
		s.prefix = DefaultPrefix
	}
	if strings.ContainsAny(s.prefix, "{}") {
		return nil, fmt.Errorf("redis store: prefix %q contains a brace", s.prefix)
	}
	switch {
	case s.maxRetries == 0:
		s.maxRetries = DefaultMaxRetries
	case s.maxRetries < 0:
		s.maxRetries = 0
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	routeLibraryLogs(s.log)
	s.setNXGet.Store(true)
	rdb, resends, err := newClient(cfg)
	if err != nil {
		return nil, err
	}
	s.resends = resends
	s.ttlArg = strconv.FormatInt(s.ttl.Milliseconds(), 10)
	s.now = time.Now
	s.warm = newWarm(cfg.WarmSessions, s.ttl/2)
	rdb.AddHook(&s.sent)
	if c, ok := rdb.(*redis.ClusterClient); ok {
		// A cluster dials from its nodes' clients, one per node.
		c.OnNewNode(func(n *redis.Client) { n.AddHook(&s.trips) })
	} else {
		rdb.AddHook(&s.trips)
	}
	s.rdb = rdb
	s.turn = &batcher{rdb: rdb}
	s.eachPerBatch = maxEachPerBatch
	s.clusterRDB, s.cluster = rdb.(*redis.ClusterClient)
	s.due = s.prefix + ":due"
	if s.cluster {
		s.hints = &hints{}
		s.sweep = newSweepKeys(s.prefix)
		s.sweeperID = newSweeperID()
		s.sweeperAlive = cfg.SweeperAlive
		if s.sweeperAlive <= 0 {
			s.sweeperAlive = DefaultSweeperAlive
		}
	}
	return s, nil
}

// CommandsSent returns how many commands this Store has sent to Redis so
// far, counted on the client side by a go-redis hook: every command it
// issues, one per command in a pipeline, including those go-redis sends to
// set up a connection to a single server or a sentinel's master. Unlike
// INFO commandstats it does not count the commands a Lua script runs inside
// Redis, which cost no round trip, and it is this process's alone. Resends
// after a network error (max_retries) and a cluster's redirections and
// topology queries are not counted.
func (s *Store) CommandsSent() int64 {
	return s.sent.n.Load()
}

// sentCounter is a go-redis hook that counts the commands sent.
type sentCounter struct{ n atomic.Int64 }

func (h *sentCounter) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h *sentCounter) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		h.n.Add(1)
		return next(ctx, cmd)
	}
}

func (h *sentCounter) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		h.n.Add(int64(len(cmds)))
		return next(ctx, cmds)
	}
}

// newClient builds the go-redis client for cfg.URL.
// It also returns how often a command safe to resend is resent after a
// network error (max_retries).
func newClient(cfg Config) (redis.UniversalClient, int, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil {
		// url.Error repeats the whole URL, password included.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, 0, fmt.Errorf("parse redis url: %v", err)
	}
	redact := func(err error) error {
		secrets := []string{u.Query().Get("password")}
		if p, ok := u.User.Password(); ok {
			secrets = append(secrets, p)
		}
		msg := err.Error()
		for _, sec := range secrets {
			if sec != "" {
				msg = strings.ReplaceAll(msg, sec, "xxxxx")
			}
		}
		return fmt.Errorf("parse redis url: %s", msg)
	}
	base, kind, _ := strings.Cut(u.Scheme, "+")
	if base != "redis" && base != "rediss" && (base != "unix" || kind != "") {
		return nil, 0, fmt.Errorf("parse redis url: unsupported scheme %q (want redis, rediss, unix, "+
			"redis+cluster, rediss+cluster, redis+sentinel or rediss+sentinel)", u.Scheme)
	}
	u.Scheme = base
	q := u.Query()
	tm := func(cfgVal time.Duration, param string, def time.Duration) time.Duration {
		if cfgVal != 0 {
			return cfgVal
		}
		if q.Get(param) != "" {
			return 0 // go-redis applies the URL's value
		}
		return def
	}
	dial := tm(cfg.DialTimeout, "dial_timeout", DefaultDialTimeout)
	read := tm(cfg.ReadTimeout, "read_timeout", DefaultIOTimeout)
	write := tm(cfg.WriteTimeout, "write_timeout", DefaultIOTimeout)
	netRetries := defaultNetRetries
	if q.Get("max_retries") != "" {
		netRetries = 0 // go-redis applies the URL's value
	}
	// go-redis dials five times, 100 ms apart, before a command fails; one
	// dial (and the one resend above) tells a turn quickly that Redis is down.
	dialAttempts := 1
	if q.Get("dialer_retries") != "" {
		dialAttempts = 0
	}
	// tune applies the choices above to one of go-redis's option structs.
	tune := func(dialT, readT, writeT *time.Duration, retries, dials *int, ctxTimeout *bool) {
		for _, d := range []struct {
			field *time.Duration
			v     time.Duration
		}{{dialT, dial}, {readT, read}, {writeT, write}} {
			if d.v != 0 {
				*d.field = d.v
			}
		}
		if netRetries != 0 {
			*retries = netRetries
		}
		if dialAttempts != 0 {
			*dials = dialAttempts
		}
		// The engine's per-message deadline must bound a stuck Redis too.
		*ctxTimeout = true
	}
	switch kind {
	case "":
		o, err := redis.ParseURL(u.String())
		if err != nil {
			return nil, 0, redact(err)
		}
		tune(&o.DialTimeout, &o.ReadTimeout, &o.WriteTimeout, &o.MaxRetries, &o.DialerRetries, &o.ContextTimeoutEnabled)
		return redis.NewClient(o), max(o.MaxRetries, 0), nil
	case "cluster":
		o, err := redis.ParseClusterURL(u.String())
		if err != nil {
			return nil, 0, redact(err)
		}
		tune(&o.DialTimeout, &o.ReadTimeout, &o.WriteTimeout, &o.MaxRetries, &o.DialerRetries, &o.ContextTimeoutEnabled)
		return redis.NewClusterClient(o), max(o.MaxRetries, 0), nil
	case "sentinel":
		o, err := redis.ParseFailoverURL(u.String())
		if err != nil {
			return nil, 0, redact(err)
		}
		if o.MasterName == "" {
			return nil, 0, errors.New("parse redis url: sentinel url without master_name")
		}
		tune(&o.DialTimeout, &o.ReadTimeout, &o.WriteTimeout, &o.MaxRetries, &o.DialerRetries, &o.ContextTimeoutEnabled)
		return redis.NewFailoverClient(o), max(o.MaxRetries, 0), nil
	}
	return nil, 0, fmt.Errorf("parse redis url: unsupported scheme %q", u.Scheme+"+"+kind)
}

// Close closes the connections.
func (s *Store) Close() error {
	var err error
	if s.cluster && !s.closed.Swap(true) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = s.leaveSweep(ctx)
		cancel()
	}
	return errors.Join(err, s.rdb.Close())
}

// Ping reports whether Redis answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.rdb.Ping(ctx).Err(); err != nil {
		return s.fail(ctx, "ping redis", err)
	}
	return nil
}

// tag is the hash tag of a's keys: 128 bits of SHA-256 over the
// length-prefixed fields, so distinct addresses never share keys (joining
// with ':' would make "a:b"+"c" and "a"+"b:c" collide).
func tag(a bot.Address) string {
	var buf [tagLen]byte
	return string(appendTag(buf[:0], a))
}

// tagLen is the length of a tag: 16 bytes in hex.
const tagLen = 32

// appendTag appends a's tag to b.
func appendTag(b []byte, a bot.Address) []byte {
	// The hashed bytes are built on the stack for a usual address: this
	// runs on every turn.
	var stack [256]byte
	h := stack[:0]
	for _, f := range []string{a.Platform, a.Chat, a.User} {
		h = binary.AppendUvarint(h, uint64(len(f)))
		h = append(h, f...)
	}
	sum := sha256.Sum256(h)
	return hex.AppendEncode(b, sum[:tagLen/2])
}

func (s *Store) sessionKey(a bot.Address) string {
	key, _ := s.sessionKeyTag(a)
	return key
}

// sessionKeyTag returns a's session key and a's tag, which is part of the
// key: one allocation for both, on every turn.
func (s *Store) sessionKeyTag(a bot.Address) (key, t string) {
	const suffix = "}:session"
	b := make([]byte, 0, len(s.prefix)+2+tagLen+len(suffix))
	b = append(b, s.prefix...)
	b = append(b, ":{"...)
	b = appendTag(b, a)
	b = append(b, suffix...)
	key = unsafe.String(unsafe.SliceData(b), len(b)) // b is never written again
	return key, key[len(s.prefix)+2 : len(s.prefix)+2+tagLen]
}

// conversationKeys lists every key the store keeps for a: Delete removes
// them all. A new per-conversation key must be added here, under the same
// hash tag.
func (s *Store) conversationKeys(a bot.Address) []string {
	return []string{s.sessionKey(a), s.floodKey(a), s.followUpKey(tag(a))}
}

func (s *Store) floodKey(a bot.Address) string {
	return s.prefix + ":{" + tag(a) + "}:flood"
}

// floodSrc is bot.FloodRule.Step, line by line, on the hash at KEYS[1]
// (l: level in thousandths of a message, t: Unix ms, m: muted). ARGV: now
// (Unix ms), limit, window (ms), urgent ("1" or "0"), ttl (ms). It returns
// the bot.Admission. Numbers are written with %.0f: Lua's own conversion
// keeps 14 digits only.
const floodSrc = `local st = redis.call('HMGET', KEYS[1], 'l', 't', 'm')
local level = tonumber(st[1]) or 0
local at = tonumber(st[2]) or 0
local muted = st[3] == '1'
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local capacity = limit * 1000
if at > 0 and now > at then
  local dt = math.min(now - at, 2 * window)
  local drain = math.floor(dt * limit * 1000 / window)
  level = math.max(0, level - drain)
end
if now > at then at = now end
level = math.min(level + 1000, 2 * capacity)
local v = 0
if ARGV[4] == '1' then
  v = 1
elseif muted and level <= capacity / 2 then
  muted = false
elseif muted then
  v = 3
elseif level > capacity then
  muted = true
  v = 2
end
local m = '0'
if muted then m = '1' end
redis.call('HSET', KEYS[1], 'l', string.format('%.0f', level), 't', string.format('%.0f', at), 'm', m)
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return v`

var (
	floodHash any = redis.NewScript(floodSrc).Hash()
	floodBody any = floodSrc
)

// Arrive implements bot.FloodCounter in one script call (EVALSHA; EVAL the
// first time), so replicas sharing Redis share each person's count.
func (s *Store) Arrive(ctx context.Context, a bot.Address, now time.Time, rule bot.FloodRule, urgent bool) (bot.Admission, error) {
	if rule.Off() {
		if urgent {
			return bot.AdmitUrgent, nil
		}
		return bot.AdmitTurn, nil
	}
	u := "0"
	if urgent {
		u = "1"
	}
	v, err := s.script(ctx, floodHash, floodBody, s.floodKey(a),
		now.UnixMilli(), rule.Limit, rule.Window.Milliseconds(), u, rule.TTL().Milliseconds())
	if err != nil {
		return bot.AdmitTurn, s.fail(ctx, "count flood", err)
	}
	n, ok := v.(int64)
	if !ok {
		return bot.AdmitTurn, fmt.Errorf("count flood: script replied %T", v)
	}
	return bot.Admission(n), nil
}

// script runs a Lua script through the turn batcher, never resent after
// a network error (see pipe.go): EVALSHA, or EVAL if Redis does not have
// it cached (a NOSCRIPT reply means it did not run, so running it again is
// safe). key is its one key, then args the arguments. It returns the
// script's reply; on a context error, leave args alone (see send).
func (s *Store) script(ctx context.Context, hash, src any, key string, args ...any) (any, error) {
	call := func(name, body any) noRetryCmd {
		a := make([]any, 0, 4+len(args))
		a = append(a, name, body, 1, key)
		return noRetryCmd{redis.NewCmd(ctx, append(a, args...)...)}
	}
	cmd := call(argEvalsha, hash)
	if err := s.send(ctx, key, cmd); err != nil {
		return nil, err
	}
	if noScript(cmd.Err()) {
		cmd = call(argEval, src)
		if err := s.send(ctx, key, cmd); err != nil {
			return nil, err
		}
	}
	return cmd.Result()
}

// casSrc saves ARGV[2] at KEYS[1] for ARGV[3] ms if the stored session's
// token is still ARGV[1], and returns 1. The token is the version and the
// generation ("<digits>:\x03<16 hex digits>"), or for a session stored
// before generations the digits before its first ':'; "0" when there is
// none, "x" when unreadable. Otherwise it returns the stored value, or 0 if
// there is none, so the loser can run fn again on it without another GET.
// Reading 40 bytes is enough for any int64, its colon and a generation. It reads with GETRANGE, never GET, so that INFO commandstats tells
// the clients' GETs from the script's reads. Once saved, it updates the
// outbox index KEYS[2] (see outbox.go): ARGV[5] "" leaves it, "-" removes
// the member ARGV[4], anything else is its score.
const casSrc = tokenLua + `redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
` + indexLua + `return 1`

// tokenLua starts a compare-and-set (casSrc, tombSrc): it reads the stored
// session's token and, unless it is ARGV[1], returns the stored value, or
// 0 if there is none.
//
// A token with a generation ("<1–20 digits>:\3<16 hex digits>", what
// every save since generations sends, always read by decodeSession) is
// the stored one exactly when the stored value starts with it: its digits
// end at its colon, and the pattern reads exactly 16 hex digits after the
// \3. That one comparison is the common case; the patterns, which cost a
// sixth of the script's time in Redis (about 1.3 µs of 6.5–7.8 per call),
// read only the other tokens and the lost races (TestCompareAndSetToken).
//
// Its numbers are Lua strings ('0', '39'): Redis 7.0 turns a Lua number
// argument of redis.call into a string with snprintf("%.17g"), which cost
// about 3% of redis-server's CPU at 10,000 turns/s (perf), two per script.
const tokenLua = `local head = redis.call('GETRANGE', KEYS[1], '0', '39')
local want = ARGV[1]
local n = #want
if not (n > 18 and n <= 38 and string.byte(want, n - 16) == 3 and string.sub(head, 1, n) == want) then
  local ver = '0'
  if head ~= '' then
    local d = string.match(head, '^(%d+):')
    if d == nil or #d > 20 then
      ver = 'x'
    else
      ver = string.match(head, '^(%d+:\3%x%x%x%x%x%x%x%x%x%x%x%x%x%x%x%x)') or d
    end
  end
  if ver ~= want then
    if head == '' then return 0 end
    return redis.call('GETRANGE', KEYS[1], '0', '-1')
  end
end
`

// indexLua updates the outbox index KEYS[2] after a compare-and-set saved:
// ARGV[5] "" leaves it, "-" removes the member ARGV[4], anything else is
// its score.
const indexLua = `if ARGV[5] == '-' then
  redis.call('ZREM', KEYS[2], ARGV[4])
elseif ARGV[5] ~= '' then
  redis.call('ZADD', KEYS[2], ARGV[5], ARGV[4])
end
`

var casScript = redis.NewScript(casSrc)

// noRetryCmd is a command go-redis must not resend after a network error,
// because it may have run already (see the package documentation).
type noRetryCmd struct{ *redis.Cmd }

func (noRetryCmd) NoRetry() bool { return true }

func (c noRetryCmd) Clone() redis.Cmder {
	return noRetryCmd{c.Cmd.Clone().(*redis.Cmd)}
}

// Arguments of every compare-and-set, boxed once: go-redis takes []any.
var (
	argEvalsha any = "evalsha"
	argEval    any = "eval"
	argHash    any = casScript.Hash()
	argSrc     any = casSrc
	argTwoKeys any = 2
)

// The outbox index arguments of a compare-and-set (see casSrc).
const (
	argNone   = ""
	argRemove = "-"
)

// cas runs the compare-and-set script through the turn batcher (see
// pipe.go): EVALSHA, or EVAL if Redis does not have it cached (a NOSCRIPT
// reply means it did not run, so running it again is safe). It reports
// whether the session was saved and, if not, the session stored now (""
// if none). val is not kept once cas returns, unless cas gave up waiting
// for ctx (abandoned): the command may still be written, so the caller
// must not reuse val then. ix says what becomes of the outbox index.
func (s *Store) cas(ctx context.Context, key, ver string, val []byte, due string, ix indexArg) (saved bool, cur string, abandoned bool, err error) {
	c := s.casCmd(ctx, key, ver, val, due, ix) // val stays unchanged until cas returns, or for ever if abandoned
	cmd := noRetryCmd{&c.cmd}
	if err := s.send(ctx, key, cmd); err != nil {
		return false, "", true, err // c stays with the command, which may still be written
	}
	if noScript(cmd.Err()) {
		c.a[0], c.a[1] = argEval, argSrc
		c.cmd = *redis.NewCmd(ctx, c.a[:]...) // the first is answered: nothing refers to it
		if err := s.send(ctx, key, cmd); err != nil {
			return false, "", true, err
		}
	}
	v, err := cmd.Result()
	*c = casArgs{}
	casArgsPool.Put(c)
	if err != nil {
		return false, "", false, err
	}
	switch v := v.(type) {
	case int64:
		return v == 1, "", false, nil
	case string:
		return false, v, false, nil
	}
	return false, "", false, fmt.Errorf("compare-and-set replied %T", v)
}

// casCmd returns the EVALSHA of the compare-and-set saving val at key
// (see cas), in a casArgs of casArgsPool: go back to it once the command
// is answered. val must stay unchanged until then.
func (s *Store) casCmd(ctx context.Context, key, ver string, val []byte, due string, ix indexArg) *casArgs {
	c := casArgsPool.Get().(*casArgs)
	// ver may alias a buffer its caller reuses (UpdateEach): the command
	// keeps a copy, in c, which lives as long as the command.
	if len(ver) <= len(c.verBuf) {
		ver = unsafe.String(&c.verBuf[0], copy(c.verBuf[:], ver))
	} else {
		ver = strings.Clone(ver)
	}
	// The index member and score are written into c too: two strings
	// fewer per save with an outbox.
	mem, score := argNone, argNone
	switch ix.op {
	case indexRemove:
		mem, score = c.bufString(c.memBuf[:0], ix.a, -1), argRemove
	case indexSet:
		mem = c.bufString(c.memBuf[:0], ix.a, -1)
		score = c.bufString(c.scoreBuf[:0], bot.Address{}, ix.score)
	}
	c.key, c.due, c.ver, c.mem, c.score = key, due, ver, mem, score
	if len(val) > 0 {
		c.val = unsafe.String(&val[0], len(val))
	}
	c.a = [...]any{argEvalsha, argHash, argTwoKeys, &c.key, &c.due, &c.ver, &c.val, s.ttlArg, &c.mem, &c.score}
	c.cmd = *redis.NewCmd(ctx, c.a[:]...)
	return c
}

// noScript reports whether err says Redis does not have the script cached.
// redis.HasErrorPrefix allocates even for no error, and this runs on
// every turn.
func noScript(err error) bool {
	return err != nil && redis.HasErrorPrefix(err, "NOSCRIPT")
}

// casArgs holds a compare-and-set command and its arguments, reused from
// one to the next (casArgsPool): go-redis takes them as []any, and boxing
// the strings themselves would allocate for each; a *string, which go-redis
// writes as the string, does not. go-redis keeps the command and the
// slice until the command is answered, so a casArgs goes back to the pool
// only then.
type casArgs struct {
	cmd                            redis.Cmd
	a                              [10]any
	key, due, ver, val, mem, score string
	// verBuf holds ver's bytes: a version token is at most 20 digits, a
	// colon, the format byte and a generation. memBuf and scoreBuf hold the
	// outbox index member and score, when they fit.
	verBuf   [48]byte
	memBuf   [128]byte
	scoreBuf [24]byte
}

// bufString returns, as a string over b's array (one of c's buffers, so
// that it lives as long as c's command, which alone refers to it), the
// member of a if n < 0, else n in decimal. What does not fit goes to a
// new array of append's, which nothing else refers to either.
func (c *casArgs) bufString(b []byte, a bot.Address, n int64) string {
	if n >= 0 {
		b = strconv.AppendInt(b, n, 10)
	} else {
		b = appendMember(b, a)
	}
	return unsafe.String(unsafe.SliceData(b), len(b))
}

var casArgsPool = sync.Pool{New: func() any { return new(casArgs) }}

// encodeBufs holds encoding buffers: a session is encoded into one, sent,
// and the buffer reused, so a save allocates nothing for its value.
var encodeBufs = sync.Pool{New: func() any { b := make([]byte, 0, 2048); return &b }}

// sessions holds the Session structs Update decodes into: zero when in
// the pool.
var sessions = sync.Pool{New: func() any { return new(bot.Session) }}

// maxPooledBuf keeps a rare huge session's buffer out of the pool.
const maxPooledBuf = 64 << 10

// Update loads the session at a, runs fn on it and saves the result if
// nobody saved in between. On a warm path (this Store saved the
// conversation last, see warm.go) the load costs nothing and the turn is
// the compare-and-set alone: one round trip. If fn then declines to save
// (returns an error), the decision is checked with a GET against the
// current session, so fn's error is always about the current session. Otherwise it runs fn again on the session that
// won, which the compare-and-set returned: at once the first time (most
// races are between two writers), then after a jittered backoff and a
// fresh GET, so that many writers on one conversation spread out.
func (s *Store) Update(ctx context.Context, a bot.Address, fn func(*bot.Session) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("update session: %w", err)
	}
	key, t := s.sessionKeyTag(a)
	raw, warm := s.warm.get(key, s.now())
	if !warm {
		var err error
		if raw, err = s.load(ctx, key); err != nil {
			return err
		}
	}
	buf := encodeBufs.Get().(*[]byte)
	keep := true // false once a compare-and-set holding buf was abandoned
	defer func() {
		if keep && cap(*buf) <= maxPooledBuf {
			encodeBufs.Put(buf)
		}
	}()
	// The session is decoded into a struct of the pool (every turn would
	// allocate one otherwise: fn's pointer escapes); fn keeps no pointer
	// to it, only copies of its fields, which the pool's reset leaves alone.
	sess := sessions.Get().(*bot.Session)
	defer func() {
		*sess = bot.Session{}
		sessions.Put(sess)
	}()
	for attempt := 0; ; attempt++ {
		*sess = bot.Session{}
		ver, err := decodeSession(raw, sess)
		if err != nil {
			// A session this version of carebot cannot read (corruption, an
			// incompatible upgrade) would block the person until it expires:
			// start afresh and overwrite it.
			s.log.WarnContext(ctx, "session unreadable, starting afresh", "chat", a.Hash(), "err", err)
		}
		had, wasTomb := len(sess.Outbox) > 0, sess.Forgotten
		if err := fn(sess); err != nil {
			if warm {
				// fn chose not to save, on what this replica saved last:
				// another may have saved since. Decide on the current session.
				warm = false
				fresh, lerr := s.load(ctx, key)
				if lerr != nil {
					return lerr
				}
				if fresh != raw {
					s.warm.drop(key)
					raw = fresh
					attempt--
					continue
				}
			}
			return err
		}
		sess.Version = versionOf(ver) + 1
		*buf = appendSession((*buf)[:0], sess, genOf(ver))
		// The outbox index follows the outbox, in the same script.
		var saved, abandoned bool
		var cur string
		if sess.Forgotten {
			// A tombstone: saved briefly, or deleted (see tombstone.go).
			saved, cur, err = s.casTombstone(ctx, key, ver, *buf, t, a, sess, had, wasTomb)
		} else {
			saved, cur, abandoned, err = s.cas(ctx, key, ver, *buf, s.dueKey(t), indexArgs(a, sess, had))
		}
		if abandoned {
			keep = false
		}
		if err != nil {
			// Whether the script ran is unknown (a reply lost to a
			// timeout or a failover, or given up waiting): if it did, its
			// outbox entry needs its slot in the sweep's look set, as
			// after a save; if not, the hint costs the sweep one read.
			s.warm.drop(key)
			s.noteSaved(t, dueScore(sess))
			return s.fail(ctx, "save session", err)
		}
		if saved {
			s.noteSaved(t, dueScore(sess))
			if s.warm != nil && !sess.Forgotten {
				s.warm.put(key, *buf, s.now())
			} else {
				s.warm.drop(key)
			}
			return nil
		}
		s.warm.drop(key)
		if warm {
			// What this replica remembered was stale (another saved since):
			// that race does not count, and the script returned the current
			// session, so the next attempt is the one a cold turn makes.
			warm = false
			raw = cur
			attempt--
			continue
		}
		if attempt >= s.maxRetries {
			s.log.WarnContext(ctx, "session update conflict, giving up", "chat", a.Hash(), "attempts", attempt+1)
			return fmt.Errorf("update session: %d attempts: %w", attempt+1, bot.ErrConflict)
		}
		s.log.DebugContext(ctx, "session update conflict, retrying", "chat", a.Hash(), "attempt", attempt+1)
		raw = cur
		if attempt > 0 {
			if err := bot.Sleep(ctx, backoff(attempt-1)); err != nil {
				return fmt.Errorf("update session: %w", err)
			}
			if raw, err = s.load(ctx, key); err != nil {
				return err
			}
		}
	}
}

// load GETs the raw session at key, "" if there is none (the script, too,
// reads an empty value as none).
func (s *Store) load(ctx context.Context, key string) (string, error) {
	raw, err := s.get(ctx, key)
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	if err != nil {
		return "", s.fail(ctx, "load session", err)
	}
	return raw, nil
}

// backoff returns a random wait below backoffBase·2^attempt, capped at
// backoffMax, so racing writers spread out.
func backoff(attempt int) time.Duration {
	d := backoffMax
	if attempt < 16 {
		d = min(backoffBase<<attempt, backoffMax)
	}
	return rand.N(d) + 1
}

// Formats of the stored value: the byte after "<version>:".
const (
	// formatBinary is sessioncodec's encoding, written since it replaced
	// JSON: several times cheaper to encode and decode, and smaller.
	formatBinary = 0x01
	// formatJSON starts a JSON session, as carebot wrote before. It is
	// still read, so that sessions live during an upgrade carry on.
	formatJSON = '{'
	// formatBinaryGen is formatBinary after a generation: 16 hex digits
	// drawn at random when the conversation's session is created, kept by
	// every save. The compare-and-set checks them with the version, so that
	// a session created again after a Delete or an expiry, which counts its
	// versions from 1 again, never passes for the one a replica remembers
	// (see warm.go).
	formatBinaryGen = 0x03
	genLen          = 16
)

// headroom is the spare capacity given to the capped histories handed to
// fn: a turn appends a few entries and trims the oldest, and with room to
// append it does so without reallocating.
const headroom = 2

// appendSession appends "<version>:" formatBinaryGen, gen and the encoding
// of s to b.
func appendSession(b []byte, s *bot.Session, gen string) []byte {
	b = strconv.AppendInt(b, s.Version, 10)
	b = append(b, ':', formatBinaryGen)
	b = append(b, gen...)
	return sessioncodec.Encode(b, s)
}

// genOf returns the generation in a compare-and-set token decodeSession
// returned, or a new one if it has none (a new or older session).
func genOf(tok string) string {
	if i := strings.IndexByte(tok, formatBinaryGen); i > 0 && len(tok) == i+1+genLen {
		return tok[i+1:]
	}
	var g [genLen / 2]byte
	binary.LittleEndian.PutUint64(g[:], rand.Uint64())
	return hex.EncodeToString(g[:])
}

// versionOf returns the version in a compare-and-set token, 0 if none.
func versionOf(tok string) int64 {
	digits, _, _ := strings.Cut(tok, ":")
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		return 0
	}
	return n
}

func isHex(b string) bool {
	for _, c := range []byte(b) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') && (c < 'A' || c > 'F') {
			return false
		}
	}
	return true
}

// decodeSession reads what appendSession (or an older carebot, in JSON)
// wrote into s, which must be zero. It returns the version the
// compare-and-set must find: "0" for no session, the stored digits, or "x"
// when there are none. On error s is zero but the version still lets the
// caller overwrite the unreadable value. s's strings alias raw, which is
// immutable.
func decodeSession(raw string, s *bot.Session) (string, error) {
	return decodeSessionWith(raw, s, sessioncodec.Decode)
}

// decodeSessionWith is decodeSession decoding the binary formats with
// decode: sessioncodec.Decode, or DecodeReusing for s decoded before
// (UpdateEach), which need not be zero then.
func decodeSessionWith(raw string, s *bot.Session, decode func([]byte, *bot.Session, int) error) (string, error) {
	if raw == "" {
		*s = bot.Session{}
		return "0", nil
	}
	head, body, ok := strings.Cut(raw, ":")
	ver, err := strconv.ParseInt(head, 10, 64)
	if !ok || len(head) > 20 || !isDigits(head) || err != nil {
		*s = bot.Session{}
		return "x", errors.New("decode session: no version")
	}
	switch {
	case body != "" && body[0] == formatBinary:
		body = body[1:]
		// Decode never writes to its data, and strings are immutable.
		err = decode(unsafe.Slice(unsafe.StringData(body), len(body)), s, headroom)
	case body != "" && body[0] == formatJSON:
		*s = bot.Session{}
		err = json.Unmarshal([]byte(body), s)
	case body != "" && body[0] == formatBinaryGen && len(body) > genLen && isHex(body[1:1+genLen]):
		tok := raw[:len(head)+2+genLen]
		body = body[1+genLen:]
		if err = decode(unsafe.Slice(unsafe.StringData(body), len(body)), s, headroom); err != nil {
			*s = bot.Session{}
			return tok, fmt.Errorf("decode session: %w", err)
		}
		s.Version = ver
		return tok, nil
	default:
		err = errors.New("unknown format")
	}
	if err != nil {
		*s = bot.Session{}
		return head, fmt.Errorf("decode session: %w", err)
	}
	s.Version = ver
	return head, nil
}

func isDigits(b string) bool {
	for _, c := range []byte(b) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// Delete removes every key of the conversation at a.
func (s *Store) Delete(ctx context.Context, a bot.Address) error {
	s.warm.drop(s.sessionKey(a))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Del(ctx, s.conversationKeys(a)...)
		p.ZRem(ctx, s.dueKey(tag(a)), member(a))
		p.ZRem(ctx, s.idleShardOf(a), member(a))
		return nil
	})
	if err != nil {
		return s.fail(ctx, "delete session", err)
	}
	return nil
}

func (s *Store) ttlOr(ttl time.Duration) time.Duration {
	if ttl <= 0 {
		return s.ttl
	}
	return ttl
}

// Get returns the cache entry at key.
func (s *Store) Get(ctx context.Context, key string) (string, bool, error) {
	v, err := s.rdb.Get(ctx, s.prefix+":cache:"+key).Result()
	switch {
	case errors.Is(err, redis.Nil):
		return "", false, nil
	case err != nil:
		return "", false, s.fail(ctx, "get cache", err)
	}
	return v, true, nil
}

// Set stores val at key for ttl (the store's TTL if ttl <= 0).
func (s *Store) Set(ctx context.Context, key, val string, ttl time.Duration) error {
	if err := s.rdb.Set(ctx, s.prefix+":cache:"+key, val, s.ttlOr(ttl)).Err(); err != nil {
		return s.fail(ctx, "set cache", err)
	}
	return nil
}

// Claim makes owner the holder of key for ttl (the store's TTL if ttl <= 0)
// unless someone holds it, in one atomic SET … NX GET, and returns the holder.
func (s *Store) Claim(ctx context.Context, key, owner string, ttl time.Duration) (string, error) {
	k := s.prefix + ":claim:" + key
	ttl = s.ttlOr(ttl)
	if s.setNXGet.Load() {
		old, err := s.rdb.SetArgs(ctx, k, owner, redis.SetArgs{Mode: "NX", Get: true, TTL: ttl}).Result()
		switch {
		case errors.Is(err, redis.Nil):
			return owner, nil
		case err == nil:
			return old, nil
		case redis.HasErrorPrefix(err, "ERR syntax error"):
			// NX and GET together need Redis 7.0.
			s.setNXGet.Store(false)
			s.log.InfoContext(ctx, "redis before 7.0: claims use SET NX, then GET")
		default:
			return "", s.fail(ctx, "claim", err)
		}
	}
	return s.claimTwoSteps(ctx, k, owner, ttl)
}

// claimTwoSteps claims with SET NX, then reads the holder if that failed;
// if the holder's claim expired in between, it tries again.
func (s *Store) claimTwoSteps(ctx context.Context, k, owner string, ttl time.Duration) (string, error) {
	for range 3 {
		won, err := s.rdb.SetNX(ctx, k, owner, ttl).Result()
		if err != nil {
			return "", s.fail(ctx, "claim", err)
		}
		if won {
			return owner, nil
		}
		holder, err := s.rdb.Get(ctx, k).Result()
		if errors.Is(err, redis.Nil) {
			continue
		}
		if err != nil {
			return "", s.fail(ctx, "claim", err)
		}
		return holder, nil
	}
	return "", fmt.Errorf("claim: holder keeps expiring: %w", bot.ErrConflict)
}

// fail wraps err with the operation, and with bot.ErrUnavailable when Redis
// cannot serve: the network failed, the deadline passed, or Redis is
// loading, read-only (failover), down or out of memory. A cancelled ctx is
// the caller's doing and stays just that.
func (s *Store) fail(ctx context.Context, op string, err error) error {
	switch {
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("%s: %w", op, err)
	case errors.Is(ctx.Err(), context.Canceled):
		// Cancelling can surface as a network error; it is still the caller's.
		return fmt.Errorf("%s: %w: %v", op, context.Canceled, err)
	case unavailable(err):
		return fmt.Errorf("%s: %w: %w", op, bot.ErrUnavailable, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

func unavailable(err error) bool {
	var ne net.Error
	switch {
	case errors.As(err, &ne),
		errors.Is(err, context.DeadlineExceeded),
		errors.Is(err, io.EOF),
		errors.Is(err, io.ErrUnexpectedEOF),
		errors.Is(err, net.ErrClosed),
		errors.Is(err, redis.ErrClosed),
		errors.Is(err, redis.ErrPoolTimeout),
		errors.Is(err, redis.ErrPoolExhausted),
		redis.IsLoadingError(err),
		redis.IsReadOnlyError(err),
		redis.IsClusterDownError(err),
		redis.IsTryAgainError(err),
		redis.IsMasterDownError(err),
		redis.IsMaxClientsError(err),
		redis.IsOOMError(err):
		return true
	}
	// Sentinel lookups can fail with a plain error.
	return strings.Contains(err.Error(), "unreachable")
}

// CommandStats returns how many times Redis ran each command
// (INFO commandstats, summed over a cluster's masters), keyed by name as
// Redis reports it ("get", "evalsha", "client|setinfo"). The load benchmark
// divides its deltas by turns. Commands run inside the compare-and-set
// script are counted too, though they cost no round trip: an uncontended
// Update shows as one get and one evalsha (the round trips) plus one
// getrange and one set (inside the script).
func (s *Store) CommandStats(ctx context.Context) (map[string]int64, error) {
	stats := make(map[string]int64)
	var mu sync.Mutex
	add := func(ctx context.Context, c *redis.Client) error {
		info, err := c.Info(ctx, "commandstats").Result()
		if err != nil {
			return err
		}
		mu.Lock()
		defer mu.Unlock()
		return parseCommandStats(info, stats)
	}
	if err := s.eachServer(ctx, add); err != nil {
		return nil, s.fail(ctx, "command stats", err)
	}
	return stats, nil
}

// eachServer runs fn on the one server, or on each of a cluster's
// masters (concurrently: fn locks what it shares).
func (s *Store) eachServer(ctx context.Context, fn func(context.Context, *redis.Client) error) error {
	switch c := s.rdb.(type) {
	case *redis.ClusterClient:
		return c.ForEachMaster(ctx, fn)
	case *redis.Client:
		return fn(ctx, c)
	default:
		return fmt.Errorf("unsupported client %T", s.rdb)
	}
}

// parseCommandStats adds the calls of each "cmdstat_<name>:calls=N,…" line
// of info to stats.
func parseCommandStats(info string, stats map[string]int64) error {
	for line := range strings.Lines(info) {
		line = strings.TrimSpace(line)
		rest, ok := strings.CutPrefix(line, "cmdstat_")
		if !ok {
			continue
		}
		name, fields, ok := strings.Cut(rest, ":")
		if !ok {
			return fmt.Errorf("parse commandstats line %q", line)
		}
		found := false
		for f := range strings.SplitSeq(fields, ",") {
			if v, ok := strings.CutPrefix(f, "calls="); ok {
				n, err := strconv.ParseInt(v, 10, 64)
				if err != nil {
					return fmt.Errorf("parse commandstats line %q: %w", line, err)
				}
				stats[name] += n
				found = true
			}
		}
		if !found {
			return fmt.Errorf("parse commandstats line %q: no calls", line)
		}
	}
	return nil
}

// ServerCPU returns the CPU time Redis has spent so far, user and system
// (INFO cpu: used_cpu_user + used_cpu_sys, the server's own, not its
// children's: a background save is not a command's cost), summed over a
// cluster's masters. The load benchmark divides its delta by turns, so
// that Redis's side of a turn is measured beside carebot's: every turn
// runs on both, and on shared cores each takes the other's CPU.
func (s *Store) ServerCPU(ctx context.Context) (time.Duration, error) {
	var (
		mu    sync.Mutex
		total time.Duration
	)
	add := func(ctx context.Context, c *redis.Client) error {
		info, err := c.Info(ctx, "cpu").Result()
		if err != nil {
			return err
		}
		d, err := parseServerCPU(info)
		if err != nil {
			return err
		}
		mu.Lock()
		total += d
		mu.Unlock()
		return nil
	}
	if err := s.eachServer(ctx, add); err != nil {
		return 0, s.fail(ctx, "server cpu", err)
	}
	return total, nil
}

// parseServerCPU returns used_cpu_user + used_cpu_sys of an INFO cpu
// reply (seconds, with microseconds: "used_cpu_sys:1.234567").
func parseServerCPU(info string) (time.Duration, error) {
	var total time.Duration
	found := 0
	for line := range strings.Lines(info) {
		name, v, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok || (name != "used_cpu_user" && name != "used_cpu_sys") {
			continue
		}
		sec, err := strconv.ParseFloat(v, 64)
		if err != nil || sec < 0 {
			return 0, fmt.Errorf("parse info cpu line %q", strings.TrimSpace(line))
		}
		total += time.Duration(sec * float64(time.Second))
		found++
	}
	if found != 2 {
		return 0, errors.New("parse info cpu: no used_cpu_user and used_cpu_sys")
	}
	return total, nil
}

// MemoryUsage returns the bytes Redis uses for the conversation at a
// (MEMORY USAGE of each of its keys, all samples), 0 if it has none.
func (s *Store) MemoryUsage(ctx context.Context, a bot.Address) (int64, error) {
	var total int64
	for _, k := range s.conversationKeys(a) {
		n, err := s.rdb.MemoryUsage(ctx, k, 0).Result()
		if errors.Is(err, redis.Nil) {
			continue
		}
		if err != nil {
			return 0, s.fail(ctx, "memory usage", err)
		}
		total += n
	}
	return total, nil
}

// libraryLogs routes go-redis's own logging (redials, sentinel lookups; it
// has one global logger) to slog at debug level, once per process, so it
// never reaches stderr as unstructured lines.
var libraryLogs sync.Once

func routeLibraryLogs(log *slog.Logger) {
	libraryLogs.Do(func() { redis.SetLogger(libLogger{log}) })
}

type libLogger struct{ log *slog.Logger }

func (l libLogger) Printf(ctx context.Context, format string, v ...any) {
	l.log.DebugContext(ctx, "redis client", "detail", fmt.Sprintf(format, v...))
}

var _ bot.FlowArchive = (*Store)(nil)

// flowsKey holds the files of one flow-set version, as a hash of file name
// to contents.
func (s *Store) flowsKey(version string) string { return s.prefix + ":flows:" + version }

// PutFlows stores the files of a flow-set version for other replicas, for
// twice the session TTL: no conversation can need it longer after the
// last replica running it published it.
func (s *Store) PutFlows(ctx context.Context, version string, files map[string][]byte) error {
	k := s.flowsKey(version)
	vals := make([]any, 0, 2*len(files))
	for name, data := range files {
		vals = append(vals, name, data)
	}
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Del(ctx, k)
		if len(vals) > 0 {
			p.HSet(ctx, k, vals...)
		}
		p.Expire(ctx, k, 2*s.ttl)
		return nil
	})
	if err != nil {
		return s.fail(ctx, "put flows", err)
	}
	return nil
}

// GetFlows returns the files of a flow-set version another replica stored.
func (s *Store) GetFlows(ctx context.Context, version string) (map[string][]byte, bool, error) {
	m, err := s.rdb.HGetAll(ctx, s.flowsKey(version)).Result()
	if err != nil {
		return nil, false, s.fail(ctx, "get flows", err)
	}
	if len(m) == 0 {
		return nil, false, nil
	}
	files := make(map[string][]byte, len(m))
	for name, data := range m {
		files[name] = []byte(data)
	}
	return files, true, nil
}
