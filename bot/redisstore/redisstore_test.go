package redisstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/redis/go-redis/v9"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/internal/sessioncodec"
	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/bot/storetest"
)

func TestMain(m *testing.M) {
	// go-redis logs redials and sentinel lookups to stderr through a global
	// logger; the tests that stop Redis would drown the output in them.
	redis.SetLogger(quiet{})
	os.Exit(m.Run())
}

type quiet struct{}

func (quiet) Printf(context.Context, string, ...any) {}

// prefixes keeps the stores of parallel tests sharing a server apart.
var prefixes atomic.Int64

// newStore returns a Store on url with a fresh prefix, closed when the test ends.
func newStore(t testing.TB, cfg Config) *Store {
	t.Helper()
	if cfg.Prefix == "" {
		cfg.Prefix = "t" + strconv.FormatInt(prefixes.Add(1), 10)
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(t.Output(), nil))
	}
	// The defaults of a second suit a server; a CI machine running many test
	// binaries on two cores can stall a loopback reply longer than that.
	for _, d := range []*time.Duration{&cfg.DialTimeout, &cfg.ReadTimeout, &cfg.WriteTimeout} {
		if *d == 0 {
			*d = 10 * time.Second
		}
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// plainClient is a go-redis client for looking under the store.
func plainClient(t testing.TB, url string) *redis.Client {
	t.Helper()
	opt, err := redis.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	c := redis.NewClient(opt)
	t.Cleanup(func() { _ = c.Close() })
	return c
}

var must = storetest.Must

// pcu is the conversation of tests that need one, and incr their turn.
var pcu = bot.Address{Platform: "p", Chat: "c", User: "u"}

func incr(sess *bot.Session) error { return storetest.Increment(sess, "n") }

func TestConformance(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	storetest.Run(t, func(t *testing.T) storetest.Store { return newStore(t, Config{URL: url}) })
}

func TestConformanceCluster(t *testing.T) {
	t.Parallel()
	srv := redistest.StartCluster(t)
	url := "redis+cluster://" + srv.Addr()
	s := newStore(t, Config{URL: url})
	if _, ok := s.rdb.(*redis.ClusterClient); !ok {
		t.Fatalf("client is %T, want *redis.ClusterClient", s.rdb)
	}
	t.Run("suite", func(t *testing.T) { // returns once its parallel subtests are done
		storetest.Run(t, func(t *testing.T) storetest.Store { return newStore(t, Config{URL: url}) })
	})
	stats, err := s.CommandStats(t.Context())
	if err != nil || stats["get"] == 0 || stats["evalsha"] == 0 {
		t.Errorf("CommandStats = get %d evalsha %d, %v; want the suite's", stats["get"], stats["evalsha"], err)
	}
	if cpu, err := s.ServerCPU(t.Context()); err != nil || cpu <= 0 {
		t.Errorf("ServerCPU = %v, %v; want the masters' time", cpu, err)
	}
}

// TestConformanceThreeMasters runs the suites on a real Redis Cluster of
// three masters, joined by redis-cli: the conversation's keys (session,
// outbox index, flood counter) and the follow-up scheduler's must each stay
// in one hash slot, and a store that reaches the wrong node is MOVED.
func TestConformanceThreeMasters(t *testing.T) {
	t.Parallel()
	c := redistest.StartClusterN(t, 3)
	url := c.URL()
	t.Run("store", func(t *testing.T) {
		storetest.Run(t, func(t *testing.T) storetest.Store { return newStore(t, Config{URL: url}) })
	})
	t.Run("followups", func(t *testing.T) {
		storetest.RunFollowUps(t, func(t *testing.T) bot.FollowUpStore { return newStore(t, Config{URL: url}).FollowUps() })
	})
	t.Run("peers", func(t *testing.T) {
		storetest.RunPeers(t, func(t *testing.T) bot.PeerRequests { return newStore(t, Config{URL: url}).Peers() })
	})
	// The suites' sessions are spread over the three masters.
	for _, n := range c.Nodes {
		if got, err := redistest.Do(n.Addr(), "DBSIZE"); err != nil || got == "0" {
			t.Errorf("node %s holds %q keys (%v); want some on every master", n.Addr(), got, err)
		}
	}
}

func TestConformanceSentinel(t *testing.T) {
	t.Parallel()
	master := redistest.StartServer(t)
	sentinel := redistest.StartSentinel(t, master, "mymaster")
	url := "redis+sentinel://" + sentinel.Addr() + "/0?master_name=mymaster"
	t.Run("suite", func(t *testing.T) { // returns once its parallel subtests are done
		storetest.Run(t, func(t *testing.T) storetest.Store { return newStore(t, Config{URL: url}) })
	})
	// The sessions must be on the master the sentinel named.
	keys, err := plainClient(t, master.URL()).Keys(t.Context(), "*:session").Result()
	if err != nil || len(keys) == 0 {
		t.Errorf("session keys on the master: %d, %v; want some", len(keys), err)
	}
}

func BenchmarkUpdate(b *testing.B) {
	url := redistest.Start(b)
	s := newStore(b, Config{URL: url})
	storetest.RunBenchmarks(b, s, func(*testing.B) int64 { return s.CommandsSent() })
}

func TestCommandsPerUpdate(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		warm int
		per  int64 // round trips per Update
	}{
		{"warm", 0, 1},  // the session this replica saved last: the compare-and-set only
		{"cold", -1, 2}, // GET, then the compare-and-set
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			// A server each: INFO commandstats counts every client's commands.
			testCommandsPerUpdate(t, newStore(t, Config{URL: redistest.Start(t), WarmSessions: tt.warm}), tt.per)
		})
	}
}

func testCommandsPerUpdate(t *testing.T, s *Store, per int64) {
	ctx := t.Context()
	at := time.Now()
	turn := func(sess *bot.Session) error { storetest.Turn(sess, at); return nil }
	// The first Update connects and loads the script (NOSCRIPT, then EVAL).
	must(t, s.Update(ctx, pcu, turn))
	before, err := s.CommandStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sent0 := s.CommandsSent()
	const n = 50
	for range n {
		must(t, s.Update(ctx, pcu, turn))
	}
	sent := s.CommandsSent() - sent0
	after, err := s.CommandStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// What the client counted sending is what Redis counted receiving from
	// clients, and per round trips per Update.
	if sent != per*n {
		t.Errorf("CommandsSent grew by %d for %d updates, want %d", sent, n, per*n)
	}
	delta := map[string]int64{}
	for name, calls := range after {
		if d := calls - before[name]; d != 0 {
			delta[name] = d
		}
	}
	// INFO commandstats counts the commands the script runs too (this list
	// describes casSrc; the store's figures do not depend on it).
	want := map[string]int64{
		"get": (per - 1) * n, "evalsha": n, // the round trips
		"getrange": n, "set": n, // inside the script
		"info": 1, // the measurement
	}
	for name := range mergeKeys(want, delta) {
		if delta[name] != want[name] {
			t.Errorf("%s ran %d times for %d updates, want %d (all: %v)", name, delta[name], n, want[name], delta)
		}
	}
	if got := delta["get"] + delta["evalsha"]; got != sent {
		t.Errorf("Redis received %d GET and EVALSHA, the client counted %d commands sent", got, sent)
	}
	t.Logf("commands sent (round trips) per uncontended Update: %.2f", float64(sent)/n)
}

// TestCommandsSent checks that the client-side count sees every command:
// single ones, each of a pipeline's, and the script's EVAL fallback.
func TestCommandsSent(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	s := newStore(t, Config{URL: url, WarmSessions: -1})
	ctx := t.Context()
	pipeline := func() error {
		_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
			p.Get(ctx, "x")
			p.Get(ctx, "y")
			p.Get(ctx, "z")
			return nil
		})
		if errors.Is(err, redis.Nil) {
			err = nil
		}
		return err
	}
	// Connect: go-redis keeps pipelines on connections of their own, and
	// the commands that set a connection up are counted too.
	must(t, s.Ping(ctx))
	must(t, pipeline())
	steps := []struct {
		name string
		do   func() error
		want int64
	}{
		{"ping", func() error { return s.Ping(ctx) }, 1},
		{"pipeline", pipeline, 3},
		{"first_update", func() error { // GET, then EVALSHA refused with NOSCRIPT, then EVAL
			return s.Update(ctx, bot.Address{Platform: "p"}, func(*bot.Session) error { return nil })
		}, 3},
		{"second_update", func() error {
			return s.Update(ctx, bot.Address{Platform: "p"}, func(*bot.Session) error { return nil })
		}, 2},
		{"read_only_update", func() error { // fn's error: nothing is saved
			err := s.Update(ctx, bot.Address{Platform: "p"}, func(*bot.Session) error { return errors.New("read only") })
			if err == nil {
				return errors.New("no error")
			}
			return nil
		}, 1},
	}
	for _, st := range steps {
		n0 := s.CommandsSent()
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got := s.CommandsSent() - n0; got != st.want {
			t.Errorf("%s: CommandsSent grew by %d, want %d", st.name, got, st.want)
		}
	}
}

func mergeKeys(ms ...map[string]int64) map[string]bool {
	out := map[string]bool{}
	for _, m := range ms {
		for k := range m {
			out[k] = true
		}
	}
	return out
}

func TestSessionSize(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	s := newStore(t, Config{URL: url})
	ctx := t.Context()
	a := bot.Address{Platform: "telegram", Chat: "123456789", User: "987654321"}
	at := time.Date(2025, 11, 22, 17, 42, 1, 123456789, time.UTC)
	// A busy conversation: a flow with slots and signals, and a full history.
	for i := range 2 * storetest.HistoryCap {
		err := s.Update(ctx, a, func(sess *bot.Session) error {
			storetest.Turn(sess, at.Add(time.Duration(i)*time.Minute))
			sess.Slots = map[string]string{"order": "A-12345", "email": "someone@example.org"}
			sess.Signals = bot.Signals{Anxiety: true, Vulnerable: []string{"senior"}}
			sess.Stack = []bot.Frame{{Flow: "greeting", Step: "menu"}}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	turns := len(storetest.Load(t, s, a).Recent)
	if turns != storetest.HistoryCap {
		t.Fatalf("history holds %d turns, want %d", turns, storetest.HistoryCap)
	}
	raw, err := plainClient(t, url).Get(ctx, s.sessionKey(a)).Bytes()
	if err != nil {
		t.Fatal(err)
	}
	used, err := s.MemoryUsage(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("session with %d turns: %d bytes encoded, MEMORY USAGE %d bytes", turns, len(raw), used)
	if used > 2048 {
		t.Errorf("MEMORY USAGE = %d bytes, want at most 2 KiB", used)
	}
	if used < int64(len(raw)) {
		t.Errorf("MEMORY USAGE = %d bytes, less than the %d-byte value: measuring the wrong key?", used, len(raw))
	}
	if n, err := s.MemoryUsage(ctx, bot.Address{Platform: "none"}); err != nil || n != 0 {
		t.Errorf("MemoryUsage of a missing session = %d, %v; want 0, nil", n, err)
	}
}

func TestKeys(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	s := newStore(t, Config{URL: url, Prefix: "cb"})
	ctx := t.Context()
	a := bot.Address{Platform: "telegram", Chat: "123456789", User: "987654321"}
	must(t, s.Update(ctx, a, func(sess *bot.Session) error { sess.Step = "x"; return nil }))
	must(t, s.Set(ctx, "r1", "v", time.Hour))
	if _, err := s.Claim(ctx, "h1", "ana", time.Hour); err != nil {
		t.Fatal(err)
	}
	keys, err := plainClient(t, url).Keys(ctx, "*").Result()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"cb:{" + tag(a) + "}:session": true, "cb:cache:r1": true, "cb:claim:h1": true}
	for _, k := range keys {
		if !want[k] {
			t.Errorf("unexpected key %q", k)
		}
		delete(want, k)
		for _, id := range []string{a.Chat, a.User, a.Platform} {
			if strings.Contains(k, id) {
				t.Errorf("key %q holds a platform ID", k)
			}
		}
	}
	for k := range want {
		t.Errorf("missing key %q", k)
	}
	if got := len(tag(a)); got != 32 {
		t.Errorf("tag is %d hex digits, want 32", got)
	}
}

func TestTTL(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	const ttl = time.Hour
	s := newStore(t, Config{URL: url, TTL: ttl})
	rdb := plainClient(t, url)
	ctx := t.Context()
	must(t, s.Update(ctx, pcu, func(sess *bot.Session) error { sess.Step = "x"; return nil }))
	must(t, s.Set(ctx, "default", "v", 0))
	must(t, s.Set(ctx, "short", "v", time.Minute))
	if _, err := s.Claim(ctx, "claim", "ana", 2*time.Minute); err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		key  string
		want time.Duration
	}{
		{s.sessionKey(pcu), ttl},
		{s.prefix + ":cache:default", ttl},
		{s.prefix + ":cache:short", time.Minute},
		{s.prefix + ":claim:claim", 2 * time.Minute},
	}
	for _, c := range checks {
		got, err := rdb.PTTL(ctx, c.key).Result()
		if err != nil {
			t.Fatal(err)
		}
		if got > c.want || got < c.want-time.Minute/2 {
			t.Errorf("PTTL %s = %v, want about %v", c.key, got, c.want)
		}
	}
	// An Update renews the session's TTL.
	must(t, rdb.PExpire(ctx, s.sessionKey(pcu), time.Minute).Err())
	must(t, s.Update(ctx, pcu, func(sess *bot.Session) error { sess.Step = "y"; return nil }))
	if got, _ := rdb.PTTL(ctx, s.sessionKey(pcu)).Result(); got < ttl-time.Minute {
		t.Errorf("PTTL after Update = %v, want about %v", got, ttl)
	}
}

func TestUnavailable(t *testing.T) {
	t.Parallel()
	srv := redistest.StartServer(t)
	// newStore's generous timeouts: a stopped server refuses at once, and a
	// 200 ms read timeout could cut the first Update, Redis still up, on a
	// busy machine.
	s := newStore(t, Config{URL: srv.URL()})
	ctx := t.Context()
	must(t, s.Update(ctx, pcu, incr))

	srv.Stop()
	ops := []struct {
		name string
		call func() error
	}{
		{"Update", func() error { return s.Update(ctx, pcu, incr) }},
		{"Delete", func() error { return s.Delete(ctx, pcu) }},
		{"Ping", func() error { return s.Ping(ctx) }},
		{"Get", func() error { _, _, err := s.Get(ctx, "k"); return err }},
		{"Set", func() error { return s.Set(ctx, "k", "v", time.Minute) }},
		{"Claim", func() error { _, err := s.Claim(ctx, "k", "o", time.Minute); return err }},
		{"CommandStats", func() error { _, err := s.CommandStats(ctx); return err }},
		{"MemoryUsage", func() error { _, err := s.MemoryUsage(ctx, pcu); return err }},
	}
	for _, op := range ops {
		start := time.Now()
		err := op.call()
		took := time.Since(start)
		t.Logf("%s with Redis down failed in %v", op.name, took)
		if !errors.Is(err, bot.ErrUnavailable) {
			t.Errorf("%s with Redis down = %v, want bot.ErrUnavailable", op.name, err)
		}
		// go-redis's own retries take up to about 1.5 s; the bound (the
		// shared wait.Timeout) only catches a hang: a busy machine is no bug.
		if took > wait.Timeout {
			t.Errorf("%s took %v to fail, want it quick", op.name, took)
		}
	}

	srv.Start() // the data is gone (no persistence), the store must work again
	back := time.Now()
	// go-redis redials in the background after failed dials.
	wait.Until(t, "Update to work after Redis came back", func() bool {
		err := s.Update(ctx, pcu, incr)
		if err != nil && !errors.Is(err, bot.ErrUnavailable) {
			t.Fatalf("Update after Redis came back = %v", err)
		}
		return err == nil
	})
	t.Logf("Update works again %v after Redis came back", time.Since(back))
	if err := s.Ping(ctx); err != nil {
		t.Errorf("Ping after Redis came back = %v", err)
	}
}

func TestTwoProcesses(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	// Two Stores, as two carebot processes, on one prefix. Fifty writers on
	// one conversation is far beyond real traffic (adapters run one turn at a
	// time per chat), and optimistic retries are not fair: a writer can lose
	// more races than DefaultMaxRetries. Enough retries make this test about
	// lost and doubled updates; TestConflictGivesUp covers the bound.
	s1 := newStore(t, Config{URL: url, Prefix: "shared", MaxRetries: 1000})
	s2 := newStore(t, Config{URL: url, Prefix: "shared", MaxRetries: 1000})
	storetest.Hammer(t, []bot.Store{s1, s2}, bot.Address{Platform: "p", Chat: "c", User: "hot"}, 50, 20)
}

func TestConflictGivesUp(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	s := newStore(t, Config{URL: url, MaxRetries: 2})
	other := newStore(t, Config{URL: url, Prefix: s.prefix})
	runs := 0
	err := s.Update(t.Context(), pcu, func(sess *bot.Session) error {
		runs++
		// Someone else saves every time fn runs: every attempt loses.
		if err := other.Update(t.Context(), pcu, incr); err != nil {
			return err
		}
		return storetest.Increment(sess, "mine")
	})
	if !errors.Is(err, bot.ErrConflict) {
		t.Fatalf("Update = %v, want bot.ErrConflict", err)
	}
	if runs != 3 {
		t.Errorf("fn ran %d times, want 3 (MaxRetries 2)", runs)
	}
}

func TestUnreadableSessionStartsAfresh(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	s := newStore(t, Config{URL: url})
	rdb := plainClient(t, url)
	for _, bad := range []string{
		"garbage", "12:{not json", ":{}", "99999999999999999999999:{}",
		"12:", "12:\x01", "12:\x01\xff\xff", "12:zz", "-3:\x01",
	} {
		must(t, rdb.Set(t.Context(), s.sessionKey(pcu), bad, time.Hour).Err())
		var seen bot.Session
		err := s.Update(t.Context(), pcu, func(sess *bot.Session) error {
			seen = *sess
			sess.Step = "fresh"
			return nil
		})
		if err != nil {
			t.Errorf("Update over %q = %v", bad, err)
			continue
		}
		if diff := cmp.Diff(bot.Session{}, seen); diff != "" {
			t.Errorf("fn saw over %q (-want zero +got):\n%s", bad, diff)
		}
		raw, _ := rdb.Get(t.Context(), s.sessionKey(pcu)).Result()
		var stored bot.Session
		if _, err := decodeSession(raw, &stored); err != nil || stored.Step != "fresh" {
			t.Errorf("stored %q over %q (%v), want the fresh session", raw, bad, err)
		}
	}
}

// TestReadsJSONSessions checks that a session an older carebot saved as
// JSON carries on after an upgrade, and is saved in the binary format.
func TestReadsJSONSessions(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	s := newStore(t, Config{URL: url})
	rdb := plainClient(t, url)
	old := storetest.Full()
	old.Version = 7
	js, err := json.Marshal(&old)
	if err != nil {
		t.Fatal(err)
	}
	must(t, rdb.Set(t.Context(), s.sessionKey(pcu), "7:"+string(js), time.Hour).Err())
	err = s.Update(t.Context(), pcu, func(sess *bot.Session) error {
		if diff := cmp.Diff(old, *sess); diff != "" {
			t.Errorf("fn saw the JSON session as (-want +got):\n%s", diff)
		}
		return incr(sess)
	})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := rdb.Get(t.Context(), s.sessionKey(pcu)).Result()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(raw, "8:\x03") {
		t.Errorf("saved %q, want version 8 in the binary format", raw[:min(len(raw), 10)])
	}
}

// TestCompareAndSetIsNeverResent cuts the connection after Redis ran the
// compare-and-set but before its reply arrives. Resending it would find the
// new version, report a conflict and run the turn twice; the store must
// instead report the store unavailable, with the turn applied once.
func TestCompareAndSetIsNeverResent(t *testing.T) {
	t.Parallel()
	p, s, direct := newProxiedStores(t)
	ctx := t.Context()
	for range 2 { // the second one runs EVALSHA, not EVAL
		must(t, s.Update(ctx, pcu, incr))
	}
	p.dropRepliesAfter("evalsha", 1)
	err := s.Update(ctx, pcu, incr)
	if !errors.Is(err, bot.ErrUnavailable) {
		t.Errorf("Update whose reply was lost = %v, want bot.ErrUnavailable", err)
	}
	if got := storetest.Load(t, direct, pcu); got.Slots["n"] != "3" {
		t.Errorf("counter = %s, want 3: the lost-reply turn must apply exactly once", got.Slots["n"])
	}
	// And the store carries on.
	must(t, s.Update(ctx, pcu, incr))
}

func TestClaimTwoSteps(t *testing.T) {
	t.Parallel()
	// Redis before 7.0 rejects SET … NX GET; the fallback must still pick
	// exactly one winner.
	s := newStore(t, Config{URL: redistest.Start(t)})
	ctx := t.Context()
	k := s.prefix + ":claim:x"
	storetest.OneWinner(t, "claimTwoSteps", func(owner string) (string, error) {
		return s.claimTwoSteps(ctx, k, owner, time.Minute)
	})
}

// TestRedistestTimeouts: a store on a test server's URL waits IOTimeout for
// a reply, not production's one second, which a loaded machine can stall a
// loopback reply past; a timeout in the Config still wins.
func TestRedistestTimeouts(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	for _, tt := range []struct {
		cfg  Config
		want time.Duration
	}{
		{Config{URL: url}, redistest.IOTimeout},
		{Config{URL: url, ReadTimeout: time.Second / 2}, time.Second / 2},
	} {
		s := newStoreRaw(t, tt.cfg)
		o := s.rdb.(*redis.Client).Options()
		if o.DialTimeout != redistest.IOTimeout || o.ReadTimeout != tt.want || o.WriteTimeout != redistest.IOTimeout {
			t.Errorf("%+v: dial %v read %v write %v; want %v, %v, %v", tt.cfg, o.DialTimeout, o.ReadTimeout, o.WriteTimeout, redistest.IOTimeout, tt.want, redistest.IOTimeout)
		}
		if err := s.Ping(t.Context()); err != nil {
			t.Errorf("Ping: %v", err)
		}
	}
}

// newStoreRaw is New with cfg as it is (newStore fills in timeouts).
// newProxiedStores starts a Redis behind a tripProxy and returns the proxy,
// a store that goes through it, and one that talks to Redis directly under
// the same prefix.
func newProxiedStores(t *testing.T) (*tripProxy, *Store, *Store) {
	srv := redistest.StartServer(t)
	p := newTripProxy(t, srv.Addr())
	s := newStore(t, Config{URL: "redis://" + p.addr() + "/0"})
	return p, s, newStore(t, Config{URL: srv.URL(), Prefix: s.prefix})
}

func newStoreRaw(t *testing.T, cfg Config) *Store {
	t.Helper()
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestNew(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cfg     Config
		check   func(t *testing.T, s *Store)
		wantErr string
	}{
		{
			name: "defaults",
			cfg:  Config{URL: "redis://localhost:6379/2"},
			check: func(t *testing.T, s *Store) {
				o := s.rdb.(*redis.Client).Options()
				if o.Addr != "localhost:6379" || o.DB != 2 || o.TLSConfig != nil {
					t.Errorf("addr %s db %d tls %v", o.Addr, o.DB, o.TLSConfig != nil)
				}
				if o.DialTimeout != DefaultDialTimeout || o.ReadTimeout != DefaultIOTimeout || o.MaxRetries != defaultNetRetries {
					t.Errorf("dial %v read %v retries %d", o.DialTimeout, o.ReadTimeout, o.MaxRetries)
				}
				if !o.ContextTimeoutEnabled {
					t.Errorf("ContextTimeoutEnabled is off")
				}
				if s.prefix != DefaultPrefix || s.ttl != DefaultTTL || s.maxRetries != DefaultMaxRetries {
					t.Errorf("prefix %q ttl %v retries %d", s.prefix, s.ttl, s.maxRetries)
				}
			},
		},
		{
			name: "user_password_and_url_options",
			cfg:  Config{URL: "redis://bob:s3cret@h:7000?dial_timeout=3s&max_retries=4"},
			check: func(t *testing.T, s *Store) {
				o := s.rdb.(*redis.Client).Options()
				if o.Username != "bob" || o.Password != "s3cret" || o.DialTimeout != 3*time.Second || o.MaxRetries != 4 {
					t.Errorf("user %q dial %v retries %d", o.Username, o.DialTimeout, o.MaxRetries)
				}
			},
		},
		{
			name: "config_timeouts_win",
			cfg:  Config{URL: "redis://h?read_timeout=3s", ReadTimeout: time.Second / 2, WriteTimeout: time.Second / 4},
			check: func(t *testing.T, s *Store) {
				o := s.rdb.(*redis.Client).Options()
				if o.ReadTimeout != time.Second/2 || o.WriteTimeout != time.Second/4 {
					t.Errorf("read %v write %v", o.ReadTimeout, o.WriteTimeout)
				}
			},
		},
		{
			name: "tls",
			cfg:  Config{URL: "rediss://h:6380"},
			check: func(t *testing.T, s *Store) {
				if o := s.rdb.(*redis.Client).Options(); o.TLSConfig == nil || o.TLSConfig.ServerName != "h" {
					t.Errorf("TLSConfig = %+v", o.TLSConfig)
				}
			},
		},
		{
			name: "unix",
			cfg:  Config{URL: "unix:///run/redis.sock?db=3"},
			check: func(t *testing.T, s *Store) {
				if o := s.rdb.(*redis.Client).Options(); o.Network != "unix" || o.Addr != "/run/redis.sock" || o.DB != 3 {
					t.Errorf("network %s addr %s db %d", o.Network, o.Addr, o.DB)
				}
			},
		},
		{
			name: "cluster",
			cfg:  Config{URL: "redis+cluster://u:p@h1:7000?addr=h2:7001&addr=h3:7002"},
			check: func(t *testing.T, s *Store) {
				o := s.rdb.(*redis.ClusterClient).Options()
				if strings.Join(o.Addrs, ",") != "h1:7000,h2:7001,h3:7002" || o.Password != "p" || o.TLSConfig != nil {
					t.Errorf("addrs %v tls %v", o.Addrs, o.TLSConfig != nil)
				}
			},
		},
		{
			name: "cluster_tls",
			cfg:  Config{URL: "rediss+cluster://h1:7000"},
			check: func(t *testing.T, s *Store) {
				if o := s.rdb.(*redis.ClusterClient).Options(); o.TLSConfig == nil {
					t.Errorf("no TLS")
				}
			},
		},
		{
			name: "sentinel",
			cfg:  Config{URL: "redis+sentinel://s1:26379/1?master_name=mymaster&addr=s2:26379&password=m"},
			check: func(t *testing.T, s *Store) {
				if _, ok := s.rdb.(*redis.Client); !ok {
					t.Errorf("client %T, want a failover *redis.Client", s.rdb)
				}
			},
		},
		{name: "bad_scheme", cfg: Config{URL: "http://h"}, wantErr: `unsupported scheme "http"`},
		{name: "bad_suffix", cfg: Config{URL: "redis+ring://h"}, wantErr: `unsupported scheme "redis+ring"`},
		{name: "unix_cluster", cfg: Config{URL: "unix+cluster:///s"}, wantErr: "unsupported scheme"},
		{name: "empty", cfg: Config{}, wantErr: "unsupported scheme"},
		{name: "unknown_option", cfg: Config{URL: "redis://h?pool_sise=3"}, wantErr: "unexpected option: pool_sise"},
		{name: "sentinel_without_master", cfg: Config{URL: "redis+sentinel://h:26379"}, wantErr: "master_name"},
		{name: "brace_in_prefix", cfg: Config{URL: "redis://h", Prefix: "a{b"}, wantErr: "brace"},
		{name: "tiny_ttl", cfg: Config{URL: "redis://h", TTL: time.Microsecond}, wantErr: "below a millisecond"},
		{name: "password_not_in_parse_error", cfg: Config{URL: "redis://bob:s3cret@h:notaport"}, wantErr: "parse redis url"},
		{name: "password_not_in_option_error", cfg: Config{URL: "redis://bob:s3cret@h/x?password=s3cret"}, wantErr: "invalid database number"},
		{name: "sentinel_password_not_in_error", cfg: Config{URL: "redis+sentinel://h?master_name=m&password=s3cret&nope=1"}, wantErr: "unexpected option: nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := New(tt.cfg)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("New = %v, want error containing %q", err, tt.wantErr)
				}
				if strings.Contains(err.Error(), "s3cret") {
					t.Errorf("error %q repeats the password", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			defer s.Close()
			tt.check(t, s)
		})
	}
}

func TestNewDoesNoIO(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	accepted := make(chan struct{}, 1)
	go func() {
		if c, err := ln.Accept(); err == nil {
			accepted <- struct{}{}
			c.Close()
		}
	}()
	s, err := New(Config{URL: "redis://" + ln.Addr().String()})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-accepted:
		t.Errorf("New connected to Redis")
	default:
	}
	_ = s.Close()
}

func TestParseCommandStats(t *testing.T) {
	t.Parallel()
	info := "# Commandstats\r\n" +
		"cmdstat_get:calls=12,usec=30,usec_per_call=2.50,rejected_calls=0,failed_calls=0\r\n" +
		"cmdstat_client|setinfo:calls=2,usec=3,usec_per_call=1.50,rejected_calls=0,failed_calls=0\r\n" +
		"cmdstat_evalsha:calls=7,usec=70,usec_per_call=10.00,rejected_calls=0,failed_calls=1\r\n"
	got := map[string]int64{"get": 1}
	must(t, parseCommandStats(info, got))
	want := map[string]int64{"get": 13, "client|setinfo": 2, "evalsha": 7}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for _, bad := range []string{"cmdstat_get\r\n", "cmdstat_get:usec=3\r\n", "cmdstat_get:calls=x\r\n"} {
		if err := parseCommandStats(bad, map[string]int64{}); err == nil {
			t.Errorf("parseCommandStats(%q) = nil, want an error", bad)
		}
	}
}

func TestParseServerCPU(t *testing.T) {
	t.Parallel()
	info := "# CPU\r\n" +
		"used_cpu_sys:1.250000\r\n" +
		"used_cpu_user:0.000125\r\n" +
		"used_cpu_sys_children:7.000000\r\n" +
		"used_cpu_user_children:9.000000\r\n" +
		"used_cpu_sys_main_thread:1.000000\r\n"
	got, err := parseServerCPU(info)
	if want := 1250125 * time.Microsecond; err != nil || got != want {
		t.Errorf("parseServerCPU = %v, %v; want %v (the children's and the main thread's left out)", got, err, want)
	}
	for _, bad := range []string{"", "used_cpu_sys:1.0\r\n", "used_cpu_sys:x\r\nused_cpu_user:1\r\n", "used_cpu_sys:-1\r\nused_cpu_user:1\r\n"} {
		if _, err := parseServerCPU(bad); err == nil {
			t.Errorf("parseServerCPU(%q) = nil error, want one", bad)
		}
	}
}

// TestServerCPU: ServerCPU reads the CPU time of a real redis-server, which
// grows as it serves commands.
func TestServerCPU(t *testing.T) {
	t.Parallel()
	s := newStore(t, Config{URL: redistest.Start(t)})
	ctx := t.Context()
	before, err := s.ServerCPU(ctx)
	if err != nil || before <= 0 {
		t.Fatalf("ServerCPU = %v, %v; want some time (the server started)", before, err)
	}
	a := bot.Address{Platform: "test", Chat: "cpu", User: "u"}
	for after := before; after == before; {
		// Work until Redis's clock (microseconds, or the kernel's tick)
		// moves.
		for range 200 {
			must(t, s.Update(ctx, a, incr))
		}
		if after, err = s.ServerCPU(ctx); err != nil || after < before {
			t.Fatalf("ServerCPU = %v, %v after %v; want it not to go back", after, err, before)
		}
	}
}

func TestEncoding(t *testing.T) {
	t.Parallel()
	full := storetest.Full()
	full.Version = 42
	const gen = "0123456789abcdef"
	raw := string(appendSession(nil, &full, gen))
	if !strings.HasPrefix(raw, "42:\x03"+gen) {
		t.Errorf("encoding starts %q, want 42: the binary format and the generation", raw[:min(len(raw), 20)])
	}
	var got bot.Session
	ver, err := decodeSession(raw, &got)
	if err != nil || ver != "42:\x03"+gen {
		t.Fatalf("decode = version %q, %v", ver, err)
	}
	if diff := cmp.Diff(full, got); diff != "" {
		t.Errorf("session after encode/decode (-want +got):\n%s", diff)
	}
	js, err := json.Marshal(&full)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("full session: %d bytes encoded, %d as JSON", len(raw), len(js)+3)
	if len(raw) >= len(js) {
		t.Errorf("binary encoding %d bytes, JSON %d: want it smaller", len(raw), len(js))
	}
	if ver, _ := decodeSession("", &bot.Session{}); ver != "0" {
		t.Errorf("version of a missing session = %q, want 0", ver)
	}
}

// TestLostRaceRetriesWithoutGet checks that the first retry after a lost
// race runs fn on the session the compare-and-set returned, with no GET.
func TestLostRaceRetriesWithoutGet(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	s := newStore(t, Config{URL: url, WarmSessions: -1})
	other := newStore(t, Config{URL: url, Prefix: s.prefix, WarmSessions: -1})
	ctx := t.Context()
	for _, st := range []*Store{s, other} { // connect and load the script
		must(t, st.Update(ctx, pcu, incr))
	}
	before, err := s.CommandStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sent0 := s.CommandsSent()
	var seen []string
	err = s.Update(ctx, pcu, func(sess *bot.Session) error {
		seen = append(seen, sess.Slots["n"])
		if len(seen) == 1 {
			if err := other.Update(ctx, pcu, incr); err != nil {
				return err
			}
		}
		return incr(sess)
	})
	if err != nil {
		t.Fatal(err)
	}
	sent := s.CommandsSent() - sent0
	after, err := s.CommandStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"2", "3"}; !slices.Equal(seen, want) {
		t.Errorf("fn saw counters %q, want %q (the retry must see the winner's turn)", seen, want)
	}
	// s: GET, EVALSHA (lost), EVALSHA (won); other: GET, EVALSHA.
	if got := after["get"] - before["get"]; got != 2 {
		t.Errorf("%d GETs, want 2: the retry must not GET", got)
	}
	if got := after["evalsha"] - before["evalsha"]; got != 3 {
		t.Errorf("%d EVALSHAs, want 3", got)
	}
	// s alone: a lost race costs one more round trip, not two.
	if sent != 3 {
		t.Errorf("s sent %d commands, want 3 (GET, EVALSHA, EVALSHA)", sent)
	}
}

// TestWarmReplicas checks the warm path across replicas: each Store
// remembers the session it saved last, and a turn another replica saved
// meanwhile costs one lost race (the script hands over the current
// session), never a lost or doubled update.
func TestWarmReplicas(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	r1 := newStore(t, Config{URL: url})
	r2 := newStore(t, Config{URL: url, Prefix: r1.prefix})
	ctx := t.Context()
	// Alternate replicas, then stay on one: every turn must see the last.
	order := []*Store{r1, r2, r1, r1, r2, r2, r1, r2, r2, r2, r1}
	for i, r := range order {
		must(t, r.Update(ctx, pcu, incr))
		got := storetest.Load(t, r, pcu)
		if want := strconv.Itoa(i + 1); got.Slots["n"] != want {
			t.Fatalf("after turn %d: counter %q, want %s", i, got.Slots["n"], want)
		}
	}
	// Uncontended turns on one replica cost one round trip each.
	n0 := r1.CommandsSent()
	for range 10 {
		must(t, r1.Update(ctx, pcu, incr))
	}
	if got := r1.CommandsSent() - n0; got > 11 {
		t.Errorf("10 turns on one replica sent %d commands, want at most 11 (one lost race)", got)
	}
}

// TestWarmAfterDelete checks that a replica remembering a session is not
// fooled when another replica deleted it ("forget me") and a new
// conversation reached the same version since (ABA).
func TestWarmAfterDelete(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	r1 := newStore(t, Config{URL: url})
	r2 := newStore(t, Config{URL: url, Prefix: r1.prefix})
	ctx := t.Context()
	set := func(r *Store, step string) {
		t.Helper()
		if err := r.Update(ctx, pcu, func(sess *bot.Session) error {
			sess.Step = step
			sess.Slots = map[string]string{"secret": step}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	set(r1, "old1")
	set(r1, "old2") // r1 remembers version 2
	must(t, r2.Delete(ctx, pcu))
	set(r2, "new1")
	set(r2, "new2")
	var seen bot.Session
	if err := r1.Update(ctx, pcu, func(sess *bot.Session) error {
		seen = *sess
		sess.Step = "after"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if seen.Step != "new2" || seen.Slots["secret"] != "new2" {
		t.Errorf("r1's turn after the delete saw step %q slots %v, want the new conversation's new2", seen.Step, seen.Slots)
	}
	// Delete leaves nothing, and the next turn starts afresh.
	must(t, r1.Delete(ctx, pcu))
	if n, _ := plainClient(t, url).Exists(ctx, r1.sessionKey(pcu)).Result(); n != 0 {
		t.Errorf("session key still there after Delete")
	}
	var fresh bot.Session
	must(t, r2.Update(ctx, pcu, func(sess *bot.Session) error { fresh = *sess; return nil }))
	if diff := cmp.Diff(bot.Session{}, fresh); diff != "" {
		t.Errorf("session after the delete (-want zero +got):\n%s", diff)
	}
}

// TestWarmBounded checks that the warm cache keeps about WarmSessions
// entries, however many conversations pass.
func TestWarmBounded(t *testing.T) {
	t.Parallel()
	s := newStore(t, Config{URL: redistest.Start(t), WarmSessions: 128})
	for i := range 1000 {
		a := bot.Address{Platform: "p", Chat: "c", User: strconv.Itoa(i)}
		must(t, s.Update(t.Context(), a, func(sess *bot.Session) error { sess.Step = "x"; return nil }))
	}
	if n := s.warm.len(); n > 128 || n < 64 {
		t.Errorf("warm cache holds %d sessions, want about 128", n)
	}
}

// TestReadsBinarySessions checks that a session stored in the binary format
// before generations carries on, and gets one when saved.
func TestReadsBinarySessions(t *testing.T) {
	t.Parallel()
	url := redistest.Start(t)
	s := newStore(t, Config{URL: url})
	rdb := plainClient(t, url)
	old := storetest.Full()
	raw := "6:\x01" + string(sessioncodec.Encode(nil, &old))
	must(t, rdb.Set(t.Context(), s.sessionKey(pcu), raw, time.Hour).Err())
	var seen bot.Session
	must(t, s.Update(t.Context(), pcu, func(sess *bot.Session) error { seen = *sess; return nil }))
	if seen.Version != 6 || seen.Step != old.Step {
		t.Errorf("fn saw version %d step %q, want 6 %q", seen.Version, seen.Step, old.Step)
	}
	got, err := rdb.Get(t.Context(), s.sessionKey(pcu)).Result()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got, "7:\x03") || !isHex(got[3:3+genLen]) {
		t.Errorf("saved %q, want version 7 with a generation", got[:min(len(got), 20)])
	}
}

// TestTombstoneTTL: a tombstone (bot.Session.Forgotten) is saved for
// bot.TombstoneTTL at most, not the session TTL, and an emptied one leaves
// no key.
func TestTombstoneTTL(t *testing.T) {
	t.Parallel()
	s := newStore(t, Config{URL: redistest.Start(t), TTL: time.Hour})
	ctx := t.Context()
	must(t, s.Update(ctx, pcu, func(sess *bot.Session) error {
		sess.Forgotten = true
		bot.Queue(sess, []bot.Reply{{Text: "forgotten"}}, time.Now())
		return nil
	}))
	ttl, err := s.rdb.PTTL(ctx, s.sessionKey(pcu)).Result()
	if err != nil || ttl <= 0 || ttl > bot.TombstoneTTL {
		t.Errorf("tombstone TTL %v (%v), want at most %v", ttl, err, bot.TombstoneTTL)
	}
	// Saved again (a delivery's lease taken while the platform refuses
	// the confirmation), it keeps the time it had: it goes
	// bot.TombstoneTTL after /forget, however often it is retried.
	wait.Until(t, "the tombstone's TTL to run down a little", func() bool {
		left, err := s.rdb.PTTL(ctx, s.sessionKey(pcu)).Result()
		return err == nil && left < ttl-50*time.Millisecond
	})
	must(t, s.Update(ctx, pcu, func(sess *bot.Session) error {
		bot.TakeLease(sess, "replica-a/1", time.Now(), time.Second)
		return nil
	}))
	if left, err := s.rdb.PTTL(ctx, s.sessionKey(pcu)).Result(); err != nil || left <= 0 || left > ttl-50*time.Millisecond {
		t.Errorf("tombstone saved again: TTL %v (%v), want what it had left (under %v)", left, err, ttl-50*time.Millisecond)
	}
	must(t, s.Update(ctx, pcu, func(sess *bot.Session) error {
		bot.Delivered(sess, sess.OutSeq, "", time.Now(), time.Minute)
		return nil
	}))
	if n, err := s.rdb.Exists(ctx, s.sessionKey(pcu)).Result(); err != nil || n != 0 {
		t.Errorf("emptied tombstone: key exists %d (%v), want deleted", n, err)
	}
}
