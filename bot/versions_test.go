package bot_test

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// Wordings of the built-in order flow, and of the edits the tests make.
const (
	askOrderV1  = "What is your order number?"
	askOrderV2  = "Which order is it about?"
	whatV1      = "Thank you. What happened with order AB-123456?"
	whatV2      = "Got it. What went wrong with order AB-123456?"
	restartedEN = "I've just been updated, so let's pick this up again from the start."
)

// edited returns the built-in flows with replacements made in order_problem.yaml.
func edited(t *testing.T, pairs ...string) *flow.Set {
	t.Helper()
	files := maps.Clone(bottest.MustFlows(t).Files)
	src := string(files["order_problem.yaml"])
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(src, pairs[i]) {
			t.Fatalf("order_problem.yaml has no %q", pairs[i])
		}
		src = strings.ReplaceAll(src, pairs[i], pairs[i+1])
	}
	files["order_problem.yaml"] = []byte(src)
	set, err := flow.LoadFiles(files)
	if err != nil {
		t.Fatalf("edited flows: %v", err)
	}
	return set
}

// v2 rewords the order number question and the next one.
func v2(t *testing.T) *flow.Set {
	return edited(t,
		"What is your order number? It looks like", "Which order is it about? It looks like",
		"Thank you. What happened with order {{order}}?", "Got it. What went wrong with order {{order}}?")
}

func wantSaid(t *testing.T, rs []bot.Reply, want string) {
	t.Helper()
	if got := texts(rs); !strings.Contains(got, want) {
		t.Errorf("bot said %q, want it to contain %q", got, want)
	}
}

// TestReloadOldConversationFinishesOnItsVersion: after a reload, a
// conversation in the middle of a flow finishes it on the version it
// started with, while a new conversation starts on the new version, and
// the old conversation's next flow runs on the new version too.
func TestReloadOldConversationFinishesOnItsVersion(t *testing.T) {
	t.Parallel()
	store := memstore.New(memstore.Config{})
	e := newEngine(t, store, nil)
	v1 := e.Version()
	old := bot.Address{Platform: "test", Chat: "old", User: "old"}
	fresh := bot.Address{Platform: "test", Chat: "new", User: "new"}

	wantSaid(t, say(t, e, old, "1", "my order"), askOrderV1)
	next := v2(t)
	if err := e.Reload(t.Context(), next); err != nil {
		t.Fatal(err)
	}
	if e.Version() != next.Version || e.Version() == v1 {
		t.Fatalf("version after reload %s, want %s (was %s)", e.Version(), next.Version, v1)
	}
	if got := e.Versions(); len(got) != 2 || got[1] != v1 {
		t.Errorf("versions in memory %v, want [%s %s]", got, next.Version, v1)
	}

	wantSaid(t, say(t, e, fresh, "2", "my order"), askOrderV2)
	wantSaid(t, say(t, e, old, "3", "AB-123456"), whatV1)
	wantSaid(t, say(t, e, fresh, "4", "AB-123456"), whatV2)
	if v := session(t, store, old).FlowsVersion; v != v1 {
		t.Errorf("old conversation recorded version %s, want %s", v, v1)
	}

	// The old conversation leaves its flow; its next flow is the new version.
	say(t, e, old, "5", "cancel")
	wantSaid(t, say(t, e, old, "6", "my order"), askOrderV2)
	if v := session(t, store, old).FlowsVersion; v != next.Version {
		t.Errorf("after a new flow the conversation recorded %s, want %s", v, next.Version)
	}
}

// TestReloadVersionGone: a conversation whose version is no longer in
// memory moves to the current version at its step when the step still
// exists, and starts its flow again, kindly, when it does not.
func TestReloadVersionGone(t *testing.T) {
	t.Parallel()
	store := memstore.New(memstore.Config{})
	e := newEngine(t, store, func(c *bot.Config) { c.KeepVersions = 1 })
	a := bot.Address{Platform: "test", Chat: "a", User: "a"}
	b := bot.Address{Platform: "test", Chat: "b", User: "b"}

	wantSaid(t, say(t, e, a, "1", "my order"), askOrderV1)
	if err := e.Reload(t.Context(), v2(t)); err != nil {
		t.Fatal(err)
	}
	wantSaid(t, say(t, e, b, "2", "my order"), askOrderV2)
	// v3 renames the step b waits at; reloading it evicts v1 (keep 1).
	v3 := edited(t, "id: ask_order", "id: ask_reference", "next: ask_order", "next: ask_reference",
		"What is your order number? It looks like", "Which order is it about? It looks like",
		"Thank you. What happened with order {{order}}?", "Got it. What went wrong with order {{order}}?")
	if err := e.Reload(t.Context(), v3); err != nil {
		t.Fatal(err)
	}
	if got := e.Versions(); len(got) != 2 {
		t.Fatalf("versions in memory %v, want the current one and one old", got)
	}
	// a's version (v1) is gone, and ask_order no longer exists in v3: the
	// flow starts again, kindly, and the order number just given is kept.
	rs := say(t, e, a, "3", "AB-123456")
	wantSaid(t, rs, restartedEN)
	wantSaid(t, rs, whatV2)
	if v := session(t, store, a).FlowsVersion; v != v3.Version {
		t.Errorf("restarted conversation on %s, want %s", v, v3.Version)
	}
	// b's version (v2) is still kept: b finishes on it.
	wantSaid(t, say(t, e, b, "4", "AB-123456"), whatV2)

	// A version gone whose step still exists: the conversation carries on
	// at that step on the current version.
	c := bot.Address{Platform: "test", Chat: "c", User: "c"}
	wantSaid(t, say(t, e, c, "5", "my order"), askOrderV2) // on v3, at ask_reference
	v4 := edited(t, "id: ask_order", "id: ask_reference", "next: ask_order", "next: ask_reference",
		"Thank you. What happened with order {{order}}?", "Right. What went wrong with order {{order}}?")
	v5 := edited(t, "id: ask_order", "id: ask_reference", "next: ask_order", "next: ask_reference",
		"Thank you. What happened with order {{order}}?", "Fine. What went wrong with order {{order}}?")
	for _, s := range []*flow.Set{v4, v5} { // v3 is evicted
		if err := e.Reload(t.Context(), s); err != nil {
			t.Fatal(err)
		}
	}
	rs = say(t, e, c, "6", "AB-123456")
	wantSaid(t, rs, "Fine. What went wrong with order AB-123456?")
	if strings.Contains(texts(rs), restartedEN) {
		t.Errorf("the conversation restarted although its step exists: %q", texts(rs))
	}
}

// archive is a FlowArchive in memory, shared by two engines as Redis would be.
type archive struct {
	mu    sync.Mutex
	files map[string]map[string][]byte
	gets  int
}

func (a *archive) PutFlows(_ context.Context, v string, files map[string][]byte) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.files == nil {
		a.files = map[string]map[string][]byte{}
	}
	a.files[v] = files
	return nil
}

func (a *archive) GetFlows(_ context.Context, v string) (map[string][]byte, bool, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.gets++
	f, ok := a.files[v]
	return f, ok, nil
}

// TestReplicasShareVersions: two replicas share the store and the archive.
// A conversation started on a replica that reloaded continues on the other,
// which has not, on the version it started with (fetched from the archive);
// and the other way round.
func TestReplicasShareVersions(t *testing.T) {
	t.Parallel()
	store := memstore.New(memstore.Config{})
	ar := &archive{}
	withArchive := func(c *bot.Config) { c.Archive = ar }
	r1, r2 := newEngine(t, store, withArchive), newEngine(t, store, withArchive)
	for _, e := range []*bot.Engine{r1, r2} {
		if err := e.Publish(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	old := bot.Address{Platform: "test", Chat: "old", User: "old"}
	fresh := bot.Address{Platform: "test", Chat: "new", User: "new"}
	wantSaid(t, say(t, r2, old, "1", "my order"), askOrderV1) // on v1, at r2

	if err := r1.Reload(t.Context(), v2(t)); err != nil { // r1 is ahead
		t.Fatal(err)
	}
	wantSaid(t, say(t, r1, fresh, "2", "my order"), askOrderV2)
	// The new conversation's next message reaches r2, which has only v1.
	wantSaid(t, say(t, r2, fresh, "3", "AB-123456"), whatV2)
	// The old one reaches r1, which kept v1.
	wantSaid(t, say(t, r1, old, "4", "AB-123456"), whatV1)

	// A third replica, started after the edit, has never loaded v1.
	r3 := mustNew(t, bot.Config{Flows: v2(t), Store: store, Archive: ar, Vars: testVars})
	o2 := bot.Address{Platform: "test", Chat: "o2", User: "o2"}
	wantSaid(t, say(t, r2, o2, "5", "my order"), askOrderV1)
	before := ar.gets
	wantSaid(t, say(t, r3, o2, "6", "AB-123456"), whatV1)
	if ar.gets != before+1 {
		t.Errorf("the archive was read %d times, want once", ar.gets-before)
	}
	say(t, r3, o2, "7", "1") // now kept in r3's memory: no second read
	if ar.gets != before+1 {
		t.Errorf("the archive was read again for a version in memory")
	}
}

func session(t *testing.T, s bot.Store, a bot.Address) bot.Session {
	t.Helper()
	var got bot.Session
	err := s.Update(t.Context(), a, func(cur *bot.Session) error {
		got = *cur
		return context.Canceled // read only
	})
	if err != nil && err != context.Canceled {
		t.Fatal(err)
	}
	return got
}

// TestReloadWhileTalking: reloads while conversations run are safe (run
// with -race), every turn answers, and no conversation is ever told a
// version's words for a flow it started on another.
func TestReloadWhileTalking(t *testing.T) {
	t.Parallel()
	e := newEngine(t, memstore.New(memstore.Config{}), nil)
	sets := []*flow.Set{bottest.MustFlows(t), v2(t)}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			a := bot.Address{Platform: "test", Chat: "c", User: strconv.Itoa(i)}
			for j := range 20 {
				id := strconv.Itoa(j)
				first := texts(say(t, e, a, id+"a", "my order"))
				second := texts(say(t, e, a, id+"b", "AB-123456"))
				if strings.Contains(first, askOrderV1) && strings.Contains(second, whatV2) ||
					strings.Contains(first, askOrderV2) && strings.Contains(second, whatV1) {
					t.Errorf("a flow changed version in its middle: %q then %q", first, second)
				}
				say(t, e, a, id+"c", "cancel")
			}
		})
	}
	for i := range 50 {
		if err := e.Reload(t.Context(), sets[i%2]); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
}

// BenchmarkReload measures a reload of the built-in flows: loading and
// validating the files, and building the understanding model.
func BenchmarkReload(b *testing.B) {
	e := newEngine(b, memstore.New(memstore.Config{}), nil)
	files := maps.Clone(bottest.MustFlows(b).Files)
	welcome := files["welcome.yaml"]
	for i := 0; b.Loop(); i++ {
		// A comment is enough for a new version.
		files["welcome.yaml"] = append(slices.Clone(welcome), "\n# "+strconv.Itoa(i)+"\n"...)
		set, err := flow.LoadFiles(files)
		if err != nil {
			b.Fatal(err)
		}
		if err := e.Reload(b.Context(), set); err != nil {
			b.Fatal(err)
		}
	}
}
