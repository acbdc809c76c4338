// Package storetest is the conformance suite every session store passes:
// memstore runs it in memory and redisstore against a real redis-server, so
// the engine can rely on the same behaviour from both.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest/wait"
)

// Store is what a carebot store implements: sessions, the rephrase cache and
// claims.
type Store interface {
	bot.Store
	bot.Cache
	bot.Claimer
	bot.OutboxIndex
	bot.Forgetter
}

// Run runs the conformance suite. newStore returns an empty store for one
// subtest (stores must not share data between calls, e.g. through distinct
// key prefixes on one Redis); it is called from parallel subtests.
func Run(t *testing.T, newStore func(t *testing.T) Store) {
	t.Helper()
	suite[Store]{
		{"new_address_zero_session", testNewAddress},
		{"update_saves", testUpdateSaves},
		{"fn_error_saves_nothing", testFnError},
		{"fn_sees_deep_copy", testDeepCopy},
		{"addresses_are_isolated", testIsolation},
		{"delete_forgets", testDelete},
		{"round_trip_every_field", testRoundTrip},
		{"concurrent_updates_lose_nothing", testConcurrentUpdates},
		{"cache_get_set", testCache},
		{"cache_expiry", testCacheExpiry},
		{"claim_first_wins", testClaim},
		{"claim_concurrent_one_winner", testClaimConcurrent},
		{"claim_expires", testClaimExpiry},
		{"cancelled_context", testCancelled},
		{"ping", testPing},
		{"flood_matches_rule", testFloodMatchesRule},
		{"flood_concurrent_one_notice", testFloodConcurrent},
		{"flood_delete_forgets", testFloodDelete},
		{"outbox_index", testOutboxIndex},
		{"outbox_concurrent_turns_in_sequence", testOutboxConcurrent},
		{"tombstone", testTombstone},
	}.run(t, newStore)
}

// suite is a conformance suite: named checks of an S, each run in a
// parallel subtest on a fresh S.
type suite[S any] []struct {
	name string
	fn   func(t *testing.T, s S)
}

func (cs suite[S]) run(t *testing.T, newS func(t *testing.T) S) {
	t.Helper()
	for _, c := range cs {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.fn(t, newS(t))
		})
	}
}

// addr returns an address unique to the test, so stores that happen to share
// a backend still do not collide.
func addr(t testing.TB, user string) bot.Address {
	return bot.Address{Platform: "test", Chat: t.Name(), User: user}
}

// Load reads the session at a through Update, the only read the interface
// has: fn returns an error, so nothing is saved.
func Load(t testing.TB, s bot.Store, a bot.Address) bot.Session {
	t.Helper()
	var got bot.Session
	errLoad := errors.New("read only")
	err := s.Update(t.Context(), a, func(sess *bot.Session) error {
		got = *sess
		return errLoad // save nothing
	})
	if !errors.Is(err, errLoad) {
		t.Fatalf("Update (read) = %v, want the fn's error", err)
	}
	return got
}

func update(t testing.TB, s Store, a bot.Address, fn func(*bot.Session)) {
	t.Helper()
	if err := s.Update(t.Context(), a, func(sess *bot.Session) error { fn(sess); return nil }); err != nil {
		t.Fatalf("Update: %v", err)
	}
}

// sessionOpts compares sessions across an encoding: times as instants, nil
// and empty alike.
var sessionOpts = cmp.Options{
	cmpopts.EquateApproxTime(time.Microsecond),
	cmpopts.EquateEmpty(),
}

func testNewAddress(t *testing.T, s Store) {
	if diff := cmp.Diff(bot.Session{}, Load(t, s, addr(t, "new")), sessionOpts); diff != "" {
		t.Errorf("session of a new address (-want +got):\n%s", diff)
	}
}

func testUpdateSaves(t *testing.T, s Store) {
	a := addr(t, "u")
	for i := range 3 {
		var seen int64 = -1
		update(t, s, a, func(sess *bot.Session) {
			seen = sess.Version
			sess.Flow = "billing"
			sess.Step = "step" + strconv.Itoa(i)
		})
		if seen != int64(i) {
			t.Errorf("update %d: fn saw Version %d, want %d", i, seen, i)
		}
	}
	got := Load(t, s, a)
	if got.Flow != "billing" || got.Step != "step2" {
		t.Errorf("saved Flow, Step = %q, %q; want billing, step2", got.Flow, got.Step)
	}
	if got.Version != 3 {
		t.Errorf("Version after 3 updates = %d, want 3", got.Version)
	}
}

func testFnError(t *testing.T, s Store) {
	a := addr(t, "u")
	update(t, s, a, func(sess *bot.Session) { sess.Step = "kept" })
	errBoom := errors.New("boom")
	err := s.Update(t.Context(), a, func(sess *bot.Session) error {
		sess.Step = "lost"
		return fmt.Errorf("advance: %w", errBoom)
	})
	if !errors.Is(err, errBoom) {
		t.Fatalf("Update = %v, want an error wrapping the fn's", err)
	}
	got := Load(t, s, a)
	if got.Step != "kept" || got.Version != 1 {
		t.Errorf("after a failed fn: Step %q Version %d, want kept 1", got.Step, got.Version)
	}
	// A failed fn on a new address creates nothing.
	b := addr(t, "never")
	_ = s.Update(t.Context(), b, func(sess *bot.Session) error { sess.Step = "x"; return errBoom })
	if diff := cmp.Diff(bot.Session{}, Load(t, s, b), sessionOpts); diff != "" {
		t.Errorf("a failed fn created a session (-want +got):\n%s", diff)
	}
}

func testDeepCopy(t *testing.T, s Store) {
	a := addr(t, "u")
	want := Full()
	update(t, s, a, func(sess *bot.Session) { *sess = Full() })

	// Mutate everything fn can reach, then fail: the store must be untouched.
	errNo := errors.New("changed my mind")
	err := s.Update(t.Context(), a, func(sess *bot.Session) error {
		mutate(reflect.ValueOf(sess).Elem())
		return errNo
	})
	if !errors.Is(err, errNo) {
		t.Fatalf("Update = %v, want %v", err, errNo)
	}
	got := Load(t, s, a)
	if diff := cmp.Diff(want, got, sessionOpts, ignoreVersion); diff != "" {
		t.Errorf("mutations by a failed fn leaked into the store (-want +got):\n%s", diff)
	}

	// fn keeps nothing of the session past its return (Store): the Redis
	// store decodes into a pooled Session that another Update reuses at
	// once, so a test that mutated a kept one raced with the next Update
	// (the race detector caught it in CI when the suite's subtests ran
	// side by side). What fn changed and failed is the check above.
}

var ignoreVersion = cmpopts.IgnoreFields(bot.Session{}, "Version")

func testIsolation(t *testing.T, s Store) {
	base := addr(t, "u")
	// Addresses that differ in one field, and two whose joined forms
	// ("p:a:b:c") are equal: a store keying on Address.String would mix them.
	others := []bot.Address{
		{Platform: "other", Chat: base.Chat, User: base.User},
		{Platform: base.Platform, Chat: base.Chat + "x", User: base.User},
		{Platform: base.Platform, Chat: base.Chat, User: "v"},
		{Platform: "p", Chat: "a:b", User: t.Name()},
		{Platform: "p", Chat: "a", User: "b:" + t.Name()},
	}
	for i, o := range others {
		update(t, s, o, func(sess *bot.Session) { sess.Step = "other" + strconv.Itoa(i) })
	}
	update(t, s, base, func(sess *bot.Session) { sess.Step = "base" })
	if got := Load(t, s, base).Step; got != "base" {
		t.Errorf("base Step = %q, want base", got)
	}
	for i, o := range others {
		got := Load(t, s, o)
		if want := "other" + strconv.Itoa(i); got.Step != want || got.Version != 1 {
			t.Errorf("address %d: Step %q Version %d, want %q 1", i, got.Step, got.Version, want)
		}
	}
}

func testDelete(t *testing.T, s Store) {
	ctx := t.Context()
	a, b := addr(t, "gone"), addr(t, "stays")
	update(t, s, a, func(sess *bot.Session) { *sess = Full() })
	update(t, s, b, func(sess *bot.Session) { sess.Step = "stays" })
	if err := s.Delete(ctx, a); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if diff := cmp.Diff(bot.Session{}, Load(t, s, a), sessionOpts); diff != "" {
		t.Errorf("session after Delete (-want +got):\n%s", diff)
	}
	if got := Load(t, s, b).Step; got != "stays" {
		t.Errorf("Delete of one address touched another: Step %q", got)
	}
	if err := s.Delete(ctx, a); err != nil {
		t.Errorf("Delete of a missing session = %v, want nil", err)
	}
	if err := s.Delete(ctx, addr(t, "never-seen")); err != nil {
		t.Errorf("Delete of an unknown address = %v, want nil", err)
	}
	// A deleted conversation starts afresh.
	var v int64 = -1
	update(t, s, a, func(sess *bot.Session) { v = sess.Version })
	if v != 0 {
		t.Errorf("fn after Delete saw Version %d, want 0", v)
	}
}

func testRoundTrip(t *testing.T, s Store) {
	want := Full()
	// Forgotten makes a tombstone, which a store keeps differently: its
	// round trip is the tombstone check's.
	zero := slices.DeleteFunc(zeroFields(reflect.ValueOf(want), "Session"), func(f string) bool { return f == "Session.Forgotten" })
	if len(zero) > 0 {
		t.Fatalf("storetest.Full leaves fields zero: %v; fill them so the round trip covers them", zero)
	}
	a := addr(t, "u")
	update(t, s, a, func(sess *bot.Session) { *sess = Full() })
	got := Load(t, s, a)
	if diff := cmp.Diff(want, got, sessionOpts, ignoreVersion); diff != "" {
		t.Errorf("session after a round trip (-want +got):\n%s", diff)
	}
	if got.Version != 1 {
		t.Errorf("Version = %d, want 1", got.Version)
	}
	// A stored session is never Version 0, whatever fn wrote there: the
	// Deliverer takes Version 0 for "nothing stored" (see bot.Store).
	update(t, s, a, func(sess *bot.Session) { *sess = bot.Session{Step: "reset"} })
	if got := Load(t, s, a); got.Version != 2 {
		t.Errorf("Version after an update that zeroed the session = %d, want 2", got.Version)
	}
}

// Goroutines and increments of the concurrency test.
const (
	writers    = 20
	increments = 10
)

func testConcurrentUpdates(t *testing.T, s Store) {
	Hammer(t, []bot.Store{s}, addr(t, "hot"), writers, increments)
}

// Hammer runs writers goroutines, writer i on stores[i%len(stores)] (as
// replicas on one backend), each adding increments to the counter "n" of
// the session at a, and checks that no increment is lost or doubled. Every
// writer's first fn run waits for the others (or 200 ms, for a store that
// runs fn under a lock), so all of them read the same version: a store that
// does not check versions then loses increments every time, not only when
// the scheduler happens to interleave.
func Hammer(t *testing.T, stores []bot.Store, a bot.Address, writers, increments int) {
	t.Helper()
	var runs, maxRuns atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	var arrived atomic.Int64
	release := make(chan struct{})
	barrier := func() {
		if arrived.Add(1) == int64(writers) {
			close(release)
		}
		select {
		case <-release:
		case <-time.After(200 * time.Millisecond):
		}
	}
	for i := range writers {
		s := stores[i%len(stores)]
		wg.Go(func() {
			first := true
			for range increments {
				var n int64
				err := s.Update(t.Context(), a, func(sess *bot.Session) error {
					n++
					err := Increment(sess, "n")
					if first {
						first = false
						barrier()
					}
					return err
				})
				runs.Add(n)
				for m := maxRuns.Load(); n > m && !maxRuns.CompareAndSwap(m, n); m = maxRuns.Load() {
				}
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("Update: %v", err)
	}
	got := Load(t, stores[0], a)
	if want := strconv.Itoa(writers * increments); got.Slots["n"] != want {
		t.Errorf("counter = %s, want %s (lost increments)", got.Slots["n"], want)
	}
	if got.Version != int64(writers*increments) {
		t.Errorf("Version = %d, want %d", got.Version, writers*increments)
	}
	t.Logf("%d fn runs for %d increments, at most %d in one Update", runs.Load(), writers*increments, maxRuns.Load())
}

// Must fails the test at once on err.
func Must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Tally calls fn from n goroutines at once and counts the keys they
// return; an error fails the test.
func Tally[K comparable](t testing.TB, n int, fn func() ([]K, error)) map[K]int {
	var mu sync.Mutex
	got := map[K]int{}
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			ks, err := fn()
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			for _, k := range ks {
				got[k]++
			}
		})
	}
	wg.Wait()
	return got
}

// Once checks that got, from Tally, holds want distinct keys, each once.
func Once[K comparable](t testing.TB, got map[K]int, want int, what string) {
	t.Helper()
	if len(got) != want {
		t.Errorf("%d distinct %s, want %d", len(got), what, want)
	}
	for k, n := range got {
		if n != 1 {
			t.Errorf("%v: %s %d times, want once", k, what, n)
		}
	}
}

// Increment adds one to the decimal counter in sess.Slots[slot]. It is the
// pure fn the concurrency tests and benchmarks run.
func Increment(sess *bot.Session, slot string) error {
	n, _ := strconv.Atoi(sess.Slots[slot])
	if sess.Slots == nil {
		sess.Slots = map[string]string{}
	}
	sess.Slots[slot] = strconv.Itoa(n + 1)
	return nil
}

func testCache(t *testing.T, s Store) {
	ctx := t.Context()
	key := "k:" + t.Name()
	if _, ok, err := s.Get(ctx, key); err != nil || ok {
		t.Fatalf("Get of a missing key = ok %v, err %v; want false, nil", ok, err)
	}
	for _, val := range []string{"first", "second — ünïcode", ""} {
		if err := s.Set(ctx, key, val, time.Hour); err != nil {
			t.Fatalf("Set: %v", err)
		}
		got, ok, err := s.Get(ctx, key)
		if err != nil || !ok || got != val {
			t.Errorf("Get = %q, %v, %v; want %q, true, nil", got, ok, err, val)
		}
	}
	if _, ok, _ := s.Get(ctx, key+"-other"); ok {
		t.Errorf("Get of another key found a value")
	}
}

// expiryTTL is short enough to keep the suite fast and long enough that a
// busy machine still reads the key before it expires (checked anyway).
const expiryTTL = 300 * time.Millisecond

func testCacheExpiry(t *testing.T, s Store) {
	ctx := t.Context()
	short, long := "short:"+t.Name(), "long:"+t.Name()
	Must(t, s.Set(ctx, long, "v", time.Hour))
	start := time.Now()
	Must(t, s.Set(ctx, short, "v", expiryTTL))
	_, ok, err := s.Get(ctx, short)
	if err != nil {
		t.Fatal(err)
	}
	if !ok && time.Since(start) < expiryTTL {
		t.Fatalf("Get right after Set found nothing")
	}
	wait.Until(t, "the short-lived key to expire", func() bool {
		_, ok, err := s.Get(ctx, short)
		if err != nil {
			t.Fatal(err)
		}
		return !ok
	})
	if el := time.Since(start); el < expiryTTL {
		t.Errorf("key expired after %v, before its ttl %v", el, expiryTTL)
	}
	if _, ok, _ := s.Get(ctx, long); !ok {
		t.Errorf("the long-lived key expired too")
	}
}

func testClaim(t *testing.T, s Store) {
	ctx := t.Context()
	key := "handoff:" + t.Name()
	steps := []struct{ owner, want string }{
		{"ana", "ana"},
		{"bob", "ana"},
		{"ana", "ana"}, // claiming again is harmless
	}
	for _, st := range steps {
		got, err := s.Claim(ctx, key, st.owner, time.Hour)
		if err != nil || got != st.want {
			t.Errorf("Claim(%s) = %q, %v; want %q, nil", st.owner, got, err, st.want)
		}
	}
	if got, err := s.Claim(ctx, key+"-2", "bob", time.Hour); err != nil || got != "bob" {
		t.Errorf("Claim of another key = %q, %v; want bob, nil", got, err)
	}
}

func testClaimConcurrent(t *testing.T, s Store) {
	for round := range 2 {
		key := fmt.Sprintf("race:%s:%d", t.Name(), round)
		OneWinner(t, fmt.Sprintf("round %d", round), func(owner string) (string, error) {
			return s.Claim(t.Context(), key, owner, time.Hour)
		})
	}
}

// OneWinner has 20 claimers call claim at once, each as its own owner
// ("agent<i>"), and checks that exactly one wins and that every claimer
// sees that one as the holder.
func OneWinner(t testing.TB, round string, claim func(owner string) (string, error)) {
	t.Helper()
	const claimers = 20
	holders := make([]string, claimers)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range claimers {
		wg.Go(func() {
			<-start
			h, err := claim("agent" + strconv.Itoa(i))
			if err != nil {
				t.Errorf("Claim: %v", err)
			}
			holders[i] = h
		})
	}
	close(start)
	wg.Wait()
	winners := 0
	for i, h := range holders {
		if h == "agent"+strconv.Itoa(i) {
			winners++
		}
		if h != holders[0] {
			t.Errorf("%s: claimer %d sees holder %q, claimer 0 sees %q", round, i, h, holders[0])
		}
	}
	if winners != 1 {
		t.Errorf("%s: %d winners, want exactly 1", round, winners)
	}
}

func testClaimExpiry(t *testing.T, s Store) {
	ctx := t.Context()
	key := "expiring:" + t.Name()
	start := time.Now()
	if got, err := s.Claim(ctx, key, "ana", expiryTTL); err != nil || got != "ana" {
		t.Fatalf("Claim = %q, %v; want ana", got, err)
	}
	wait.Until(t, "the claim to expire", func() bool {
		got, err := s.Claim(ctx, key, "bob", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if got == "bob" && time.Since(start) < expiryTTL {
			t.Fatalf("bob won after %v, before ana's claim expired", time.Since(start))
		}
		return got == "bob"
	})
}

func testCancelled(t *testing.T, s Store) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	a := addr(t, "u")
	ran := false
	checks := []struct {
		name string
		err  error
	}{
		{"Update", s.Update(ctx, a, func(*bot.Session) error { ran = true; return nil })},
		{"Delete", s.Delete(ctx, a)},
		{"Set", s.Set(ctx, "k", "v", time.Hour)},
		{"Get", func() error { _, _, err := s.Get(ctx, "k"); return err }()},
		{"Claim", func() error { _, err := s.Claim(ctx, "k", "o", time.Hour); return err }()},
		{"Ping", s.Ping(ctx)},
	}
	for _, c := range checks {
		if !errors.Is(c.err, context.Canceled) {
			t.Errorf("%s with a cancelled context = %v, want context.Canceled", c.name, c.err)
		}
	}
	if ran {
		t.Errorf("Update ran fn with a cancelled context")
	}
	if diff := cmp.Diff(bot.Session{}, Load(t, s, a), sessionOpts); diff != "" {
		t.Errorf("a cancelled Update saved something (-want +got):\n%s", diff)
	}
}

func testPing(t *testing.T, s Store) {
	if err := s.Ping(t.Context()); err != nil {
		t.Errorf("Ping = %v", err)
	}
}

// Full returns a session with every field set, as a busy conversation has.
func Full() bot.Session {
	t0 := time.Date(2025, 11, 22, 17, 42, 0, 123456789, time.FixedZone("CET", 3600))
	return bot.Session{
		Version:    7, // the store sets its own
		Lang:       "fr",
		LangChosen: true,
		Flow:       "refund",
		Step:       "ask_order",
		Stack:      []bot.Frame{{Flow: "greeting", Step: "menu"}, {Flow: "billing", Step: "choose"}},
		Pending:    bot.PendingClarify,
		Options:    []string{"refund", "delivery"},
		Slots:      map[string]string{"order": "A-12345", "email": "x@example.org", "note": "ünïcode ✓ \"quoted\"\n"},
		Attempts:   1,
		Misses:     2,
		Ask:        3,
		Signals: bot.Signals{
			Distress: true, Anger: true, Anxiety: true, Lonely: true, Grief: true, Sorrow: true,
			Vulnerable: []string{"senior", "pregnant"},
		},
		Acked: true,
		Acks:  bot.AckAnger | bot.AckLonely | bot.AckGrief,
		Handoff: &bot.Handoff{
			ID: "h-1", Queue: "billing", Priority: bot.PriorityHigh, Reason: "distress",
			Status: bot.HandoffTaken, Agent: "Sam", Opened: t0.Add(time.Minute),
			Flow: "refund", Step: "handoff",
			Lang: "fr", Slots: map[string]string{"order": "A-12345"},
			Signals: bot.Signals{Distress: true, Anger: true, Anxiety: true, Lonely: true, Grief: true, Sorrow: true, Vulnerable: []string{"senior"}},
			Overdue: true,
		},
		Recent: []bot.Turn{
			{From: bot.SpeakerPerson, Text: "I was charged twice", At: t0},
			{From: bot.SpeakerBot, Text: "I'm sorry, let's fix that.", At: t0.Add(time.Second)},
			{From: bot.SpeakerAgent, Text: "Hi, Sam here.", At: t0.Add(2 * time.Second)},
		},
		Seen:         []string{"m1", "m2"},
		Before:       1,
		LastBefore:   2,
		Recalled:     "order_problem.what_happened.late",
		Also:         "billing_problem",
		Created:      t0.UTC(),
		Updated:      t0.Add(3 * time.Second).In(time.UTC),
		FlowsVersion: "ec2c76500085",
		Outbox: []bot.Outbound{
			{Seq: 8, Text: "Which order?", Choices: []bot.Choice{{ID: "o1", Label: "A-12345"}}, Pause: 1500 * time.Millisecond, At: t0, To: bot.ToDesk, Handoff: outHandoff(t0)},
			{Seq: 9, Text: "Thanks.", Choices: []bot.Choice{{ID: "y", Label: "Yes"}}, Pause: time.Second, At: t0.Add(time.Second), To: bot.ToDesk, Handoff: outHandoff(t0)},
		},
		OutSeq:    9,
		Lease:     bot.Lease{Owner: "replica-1", Until: t0.Add(5 * time.Second)},
		Keyboard:  "4711",
		Blocked:   true,
		FollowUp:  &bot.FollowUpState{ID: "f1", Status: bot.FollowUpScheduled, Flow: "order_problem", Step: "later", Slots: map[string]string{"order": "AB-123456"}, Vulnerable: []string{"senior"}, Later: true, InFlow: true, Reason: bot.CancelCrisis},
		LastFlow:  "order_problem",
		LastNoted: true,
		Watch:     bot.Watch{Kind: bot.WatchFlow, Flow: "order_problem", Since: t0, Counted: true},
		// Slack's ts of a /forget, in microseconds.
		ForgetMark: 1764178920123456,
	}
}

// outHandoff is a hand-off with every field set, for Full's outbox.
func outHandoff(t0 time.Time) *bot.Handoff {
	return &bot.Handoff{
		ID: "h-2", Queue: "peer", Priority: bot.PriorityUrgent, Reason: "asked", Status: bot.HandoffWaiting,
		Agent: "Ana", Opened: t0, Flow: "peer", Step: "ask", Lang: "en", Slots: map[string]string{"k": "v"},
		Signals: bot.Signals{Distress: true, Anger: true, Anxiety: true, Lonely: true, Grief: true, Sorrow: true, Vulnerable: []string{"disabled"}},
		Overdue: true,
	}
}

// zeroFields lists the fields of v (recursively through structs, pointers
// and slice elements) that hold their zero value.
func zeroFields(v reflect.Value, path string) []string {
	if v.IsZero() {
		return []string{path}
	}
	switch v.Kind() {
	case reflect.Pointer:
		return zeroFields(v.Elem(), path)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			return nil
		}
		var out []string
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out = append(out, zeroFields(v.Field(i), path+"."+v.Type().Field(i).Name)...)
			}
		}
		return out
	case reflect.Slice:
		var out []string
		for i := range v.Len() {
			out = append(out, zeroFields(v.Index(i), fmt.Sprintf("%s[%d]", path, i))...)
		}
		return out
	}
	return nil
}

// mutate changes every value reachable from v in place: strings, numbers,
// bools, times, slice elements, map entries and pointees. A store that hands
// fn memory it also keeps would see the changes.
func mutate(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString(v.String() + "!")
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Pointer:
		if !v.IsNil() {
			mutate(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			mutate(v.Index(i))
		}
	case reflect.Map:
		if v.IsNil() {
			return
		}
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			mutate(e)
			v.SetMapIndex(k, e)
		}
		v.SetMapIndex(reflect.ValueOf("added"), reflect.ValueOf("!").Convert(v.Type().Elem()))
	case reflect.Struct:
		if t, ok := v.Addr().Interface().(*time.Time); ok {
			*t = t.Add(time.Hour)
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				mutate(v.Field(i))
			}
		}
	}
}

// due returns the conversations s.Due reports at now in bot.DueCalls
// calls, as a set.
func due(t *testing.T, s Store, now time.Time) map[bot.Address]bool {
	t.Helper()
	m := map[bot.Address]bool{}
	for range bot.DueCalls {
		as, err := s.Due(t.Context(), now, 1000)
		if err != nil {
			t.Fatalf("Due: %v", err)
		}
		for _, a := range as {
			m[a] = true
		}
	}
	return m
}

// testOutboxIndex checks the index of outboxes with replies pending: it is
// written with the turn, due when the delivery lease ends, and left when
// the outbox empties or the conversation is forgotten.
func testOutboxIndex(t *testing.T, s Store) {
	ctx := t.Context()
	now := time.Now()
	leased, free, failed := addr(t, "leased"), addr(t, "free"), addr(t, "failed")
	replies := []bot.Reply{{Text: "one"}, {Text: "two", Choices: []bot.Choice{{ID: "y", Label: "Yes"}}}}
	update(t, s, leased, func(sess *bot.Session) {
		bot.Queue(sess, replies, now)
		bot.TakeLease(sess, "r1", now, 5*time.Second)
	})
	update(t, s, free, func(sess *bot.Session) { bot.Queue(sess, replies[:1], now) })
	// A turn that fails queues nothing.
	err := s.Update(ctx, failed, func(sess *bot.Session) error {
		bot.Queue(sess, replies, now)
		return errors.New("turn failed")
	})
	if err == nil {
		t.Fatal("Update with a failing fn = nil")
	}
	if got := due(t, s, now); !got[free] || got[leased] || got[failed] {
		t.Errorf("Due(now) = %v, want the unleased outbox only", got)
	}
	if got := due(t, s, now.Add(6*time.Second)); !got[free] || !got[leased] || got[failed] {
		t.Errorf("Due(after the lease) = %v, want both outboxes", got)
	}
	sess := Load(t, s, leased)
	if len(sess.Outbox) != 2 || sess.Outbox[0].Seq != 1 || sess.Outbox[1].Seq != 2 || sess.Outbox[1].Choices[0].ID != "y" {
		t.Errorf("outbox %+v, want the two replies, seq 1 and 2", sess.Outbox)
	}
	// Delivered: the outbox empties, the lease goes, the index forgets it.
	update(t, s, leased, func(sess *bot.Session) { bot.Delivered(sess, 2, "r1", now, 5*time.Second) })
	if got := due(t, s, now.Add(time.Hour)); got[leased] {
		t.Errorf("Due after delivery = %v, want the delivered outbox gone", got)
	}
	if l := Load(t, s, leased).Lease; l != (bot.Lease{}) {
		t.Errorf("lease after delivery %+v, want none", l)
	}
	Must(t, s.Delete(ctx, free))
	if got := due(t, s, now.Add(time.Hour)); got[free] {
		t.Errorf("Due after Delete = %v, want the forgotten conversation gone", got)
	}
}

// testOutboxConcurrent checks that turns racing on one conversation get
// distinct, gap-free sequence numbers, each reply once.
func testOutboxConcurrent(t *testing.T, s Store) {
	a := addr(t, "u")
	var wg sync.WaitGroup
	for i := range writers {
		wg.Go(func() {
			err := s.Update(t.Context(), a, func(sess *bot.Session) error {
				bot.Queue(sess, []bot.Reply{{Text: strconv.Itoa(i)}}, time.Now())
				return nil
			})
			if err != nil {
				t.Errorf("Update: %v", err)
			}
		})
	}
	wg.Wait()
	sess := Load(t, s, a)
	seen := map[string]bool{}
	for i, o := range sess.Outbox {
		if o.Seq != int64(i+1) || seen[o.Text] {
			t.Errorf("outbox[%d] = seq %d text %q, want seq %d and no text twice", i, o.Seq, o.Text, i+1)
		}
		seen[o.Text] = true
	}
	if len(sess.Outbox) != writers || sess.OutSeq != writers {
		t.Errorf("%d replies queued, OutSeq %d; want %d", len(sess.Outbox), sess.OutSeq, writers)
	}
}
