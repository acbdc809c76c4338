package storetest

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
)

// The suite must catch broken stores, not only pass good ones. Each flaw
// below breaks one promise; a child test process runs the suite against the
// flawed store and must fail the subtest that checks that promise.
var flaws = []struct {
	name    string
	failing string // the subtest that must fail
}{
	{"none", ""},
	{"aliases_stored_session", "fn_sees_deep_copy"},
	{"saves_on_fn_error", "fn_error_saves_nothing"},
	{"no_version_check", "concurrent_updates_lose_nothing"},
	{"keys_by_string", "addresses_are_isolated"},
	{"claim_last_wins", "claim_first_wins"},
	{"ignores_context", "cancelled_context"},
	{"drops_slots", "round_trip_every_field"},
	{"delete_is_noop", "delete_forgets"},
	{"no_version", "update_saves"},
	{"flood_not_atomic", "flood_concurrent_one_notice"},
	{"flood_kept_on_delete", "flood_delete_forgets"},
	{"due_ignores_lease", "outbox_index"},
	{"tombstone_kept", "tombstone"},
	{"tombstone_deleted_blindly", "tombstone"},
	{"mark_deleted", "tombstone"},
}

const flawEnv = "STORETEST_FLAW"

func TestSuiteCatchesFlaws(t *testing.T) {
	t.Parallel()
	for _, f := range flaws {
		t.Run(f.name, func(t *testing.T) {
			t.Parallel()
			// A flawed store runs only the subtest that must catch its flaw:
			// the flaw is the only thing under test, and a flaw made to show
			// on every run (flood_not_atomic's handshake) may hold up others.
			run := "^TestFlawedStore$"
			if f.failing != "" {
				run += "/^" + f.failing + "$"
			}
			cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run="+run, "-test.v")
			cmd.Env = append(os.Environ(), flawEnv+"="+f.name)
			out, err := cmd.CombinedOutput()
			if f.failing == "" {
				if err != nil {
					t.Fatalf("the suite fails a correct store: %v\n%s", err, out)
				}
				return
			}
			if err == nil {
				t.Fatalf("the suite passes a store that %s", strings.ReplaceAll(f.name, "_", " "))
			}
			if want := "--- FAIL: TestFlawedStore/" + f.failing + " "; !strings.Contains(string(out), want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		})
	}
}

// TestFlawedStore runs the suite against the store named by STORETEST_FLAW;
// TestSuiteCatchesFlaws starts it in a child process.
func TestFlawedStore(t *testing.T) {
	flaw := os.Getenv(flawEnv)
	if flaw == "" {
		return // not a child of TestSuiteCatchesFlaws: nothing to check here
	}
	Run(t, func(t *testing.T) Store { return newRefStore(flaw) })
}

// refStore is a small correct store (JSON copies, a version check under a
// mutex) into which flaws can be switched.
type refStore struct {
	flaw     string
	whole    sync.Mutex // serialises Update when sessions are aliased, so the flaw shows as a wrong value, not a crash
	mu       sync.Mutex
	sessions map[any]*entry
	values   map[string]item
	claims   map[string]item
	floods   map[any]bot.FloodState
	// arrivals and secondRead are flood_not_atomic's handshake.
	arrivals   int
	secondRead chan struct{}
}

type entry struct {
	data []byte
	live *bot.Session // what the aliasing flaw hands out
}

type item struct {
	val     string
	expires time.Time
}

func newRefStore(flaw string) *refStore {
	return &refStore{
		flaw: flaw, sessions: map[any]*entry{}, values: map[string]item{}, claims: map[string]item{}, floods: map[any]bot.FloodState{},
		secondRead: make(chan struct{}),
	}
}

func (s *refStore) key(a bot.Address) any {
	if s.flaw == "keys_by_string" {
		return a.String()
	}
	return a
}

func (s *refStore) ctxErr(ctx context.Context) error {
	if s.flaw == "ignores_context" {
		return nil
	}
	return ctx.Err()
}

func (s *refStore) Update(ctx context.Context, a bot.Address, fn func(*bot.Session) error) error {
	if err := s.ctxErr(ctx); err != nil {
		return err
	}
	if s.flaw == "aliases_stored_session" {
		s.whole.Lock()
		defer s.whole.Unlock()
	}
	for {
		s.mu.Lock()
		e := s.sessions[s.key(a)]
		s.mu.Unlock()
		sess := &bot.Session{}
		if e != nil {
			if s.flaw == "aliases_stored_session" {
				sess = e.live
			} else if err := json.Unmarshal(e.data, sess); err != nil {
				return err
			}
		}
		ver := sess.Version
		err := fn(sess)
		if err != nil && s.flaw != "saves_on_fn_error" {
			return err
		}
		if s.flaw != "no_version" {
			sess.Version = ver + 1
		}
		if s.flaw == "drops_slots" {
			sess.Slots = nil
		}
		data, jerr := json.Marshal(sess)
		if jerr != nil {
			return jerr
		}
		s.mu.Lock()
		cur := s.sessions[s.key(a)]
		if cur != e && s.flaw != "no_version_check" && !(s.flaw == "tombstone_deleted_blindly" && sess.Forgotten) {
			s.mu.Unlock()
			continue
		}
		if sess.Forgotten && len(sess.Outbox) == 0 && (sess.ForgetMark == 0 || s.flaw == "mark_deleted") && s.flaw != "tombstone_kept" {
			delete(s.sessions, s.key(a))
			s.mu.Unlock()
			return err
		}
		s.sessions[s.key(a)] = &entry{data: data, live: sess}
		s.mu.Unlock()
		return err
	}
}

// Due scans every session: fine for a reference, not for a real store.
func (s *refStore) Due(ctx context.Context, now time.Time, limit int) ([]bot.Address, error) {
	if err := s.ctxErr(ctx); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []bot.Address
	for k, e := range s.sessions {
		var sess bot.Session
		if err := json.Unmarshal(e.data, &sess); err != nil {
			return nil, err
		}
		a, ok := k.(bot.Address)
		if !ok || len(sess.Outbox) == 0 || len(out) >= limit {
			continue
		}
		if sess.Lease.Until.After(now) && s.flaw != "due_ignores_lease" {
			continue
		}
		out = append(out, a)
	}
	return out, nil
}

func (s *refStore) Delete(ctx context.Context, a bot.Address) error {
	if err := s.ctxErr(ctx); err != nil {
		return err
	}
	if s.flaw == "delete_is_noop" {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.sessions, s.key(a))
	if s.flaw != "flood_kept_on_delete" {
		delete(s.floods, s.key(a))
	}
	return nil
}

// ForgetRest forgets the flood state.
func (s *refStore) ForgetRest(ctx context.Context, a bot.Address) error {
	if err := s.ctxErr(ctx); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.floods, s.key(a))
	return nil
}

func (s *refStore) Arrive(ctx context.Context, a bot.Address, now time.Time, rule bot.FloodRule, urgent bool) (bot.Admission, error) {
	if err := s.ctxErr(ctx); err != nil {
		return bot.AdmitTurn, err
	}
	s.mu.Lock()
	st := s.floods[s.key(a)]
	if s.flaw == "flood_not_atomic" {
		// Read, then write under separate locks: racing arrivals overwrite
		// each other. A handshake makes them race on every run, however the
		// goroutines are scheduled: the first arrival writes only once the
		// second has read the same state (later arrivals do not wait, so
		// one arrival alone never blocks after those two).
		s.arrivals++
		n := s.arrivals
		s.mu.Unlock()
		switch n {
		case 1:
			select {
			case <-s.secondRead:
			case <-ctx.Done():
				return bot.AdmitTurn, ctx.Err()
			}
		case 2:
			close(s.secondRead)
		}
		s.mu.Lock()
	}
	st, v := rule.Step(st, now.UnixMilli(), urgent)
	s.floods[s.key(a)] = st
	s.mu.Unlock()
	return v, nil
}

func (s *refStore) Ping(ctx context.Context) error { return s.ctxErr(ctx) }

func (s *refStore) Get(ctx context.Context, key string) (string, bool, error) {
	if err := s.ctxErr(ctx); err != nil {
		return "", false, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.values[key]
	if !ok || time.Now().After(v.expires) {
		return "", false, nil
	}
	return v.val, true, nil
}

func (s *refStore) Set(ctx context.Context, key, val string, ttl time.Duration) error {
	if err := s.ctxErr(ctx); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.values[key] = item{val, time.Now().Add(ttl)}
	return nil
}

func (s *refStore) Claim(ctx context.Context, key, owner string, ttl time.Duration) (string, error) {
	if err := s.ctxErr(ctx); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.claims[key]; ok && time.Now().Before(c.expires) && s.flaw != "claim_last_wins" {
		return c.val, nil
	}
	s.claims[key] = item{owner, time.Now().Add(ttl)}
	return owner, nil
}
