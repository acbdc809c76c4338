package bot

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/nlu"
)

// Flow-set versions and hot reload.
//
// Every flow set has a version, the content hash of its files
// (flow.Set.Version). Reload makes a new set current. A conversation in the
// middle of a flow finishes that flow on the version it started it with (the
// session records it in Session.FlowsVersion); idle conversations, and the
// next flow a conversation starts, get the current version.
//
// Old versions stay in memory while conversations may still need them: at
// most KeepVersions of them, and none unused for longer than VersionTTL.
// A conversation whose version is not in memory (evicted, or loaded by
// another replica) is looked up in the FlowArchive, where every replica
// publishes the files of the versions it runs. If the archive does not
// have it either, the conversation moves to the current version at this
// step when its flow and step still exist there, and otherwise its flow
// starts again from the top, with a kind word (texts.yaml's
// bot.flow_restarted).

// FlowArchive shares flow-set versions between replicas: each publishes the
// files of the sets it runs, and a replica that meets a conversation on a
// version it never loaded fetches them (redisstore implements it).
type FlowArchive interface {
	PutFlows(ctx context.Context, version string, files map[string][]byte) error
	// GetFlows returns the files of version; ok is false when nobody
	// published it or it expired.
	GetFlows(ctx context.Context, version string) (files map[string][]byte, ok bool, err error)
}

// Defaults of Config.KeepVersions and Config.VersionTTL.
const (
	DefaultKeepVersions = 8
	DefaultVersionTTL   = 24 * time.Hour
)

// versions holds the current version and the old ones still kept.
type versions struct {
	cur     atomic.Pointer[Engine]
	archive FlowArchive
	keep    int
	ttl     time.Duration

	mu  sync.Mutex
	old map[string]*oldVersion // by flow.Set.Version
	seq uint64
}

// touch marks o used now. vs.mu is held.
func (vs *versions) touch(o *oldVersion, now time.Time) {
	vs.seq++
	o.used, o.seq = now, vs.seq
}

type oldVersion struct {
	e    *Engine
	used time.Time
	seq  uint64 // order of last use, for least-recently-used eviction
}

func (vs *versions) init(cfg Config) {
	vs.archive = cfg.Archive
	vs.keep = cfg.KeepVersions
	if vs.keep <= 0 {
		vs.keep = DefaultKeepVersions
	}
	vs.ttl = cfg.VersionTTL
	if vs.ttl <= 0 {
		vs.ttl = DefaultVersionTTL
	}
	vs.old = map[string]*oldVersion{}
}

// version builds the engine's view of set. Only the current version needs
// the understanding model: free text is always read with the newest one.
func (c *core) version(set *flow.Set, model bool) *Engine {
	e := &Engine{core: c, flows: set, cancel: map[string]map[string]bool{}, decline: map[string]map[string]bool{"": {"no": true, "non": true}}, okay: map[string]map[string]bool{}, commands: map[string]string{}, folded: foldedLabels(set), labels: labelInfos(set), phrases: phrases(set)}
	if model {
		e.model = nlu.New(set)
	}
	addWords(e.cancel, set.Common.CancelWords)
	addWords(e.decline, set.Common.DeclineWords)
	addWords(e.okay, set.Common.OkayWords)
	e.yes, e.no = yesNoPhrases(set)
	e.ownLittle = ownLittlePhrases(set)
	e.goodbyes = goodbyePhrases(set)
	e.cancelPhrases = wordPhrases(nil, set.Common.CancelWords)
	e.resolvedPhrases = wordPhrases(nil, set.Common.ResolvedWords)
	e.resolvedOrCancel = append(slices.Clip(e.resolvedPhrases), e.cancelPhrases...)
	e.langAnchors = anchors(set.Common.LanguageWords)
	e.waitAnchors = anchors(set.Common.WaitWords)
	e.buttonAnchors = anchors(set.Common.ButtonWords)
	e.withdrawAnchors = anchors(set.Common.WithdrawWords)
	e.numbers = numberWords(set)
	e.counts = countWords(set)
	e.scale = scaleAnchors(set)
	for _, id := range set.Order {
		for _, cmd := range set.Flows[id].Triggers.Commands {
			e.commands[strings.ToLower(cmd)] = id
		}
	}
	return e
}

// addWords adds each language's words of byLang to sets, normalized as
// messages are (turn.word).
func addWords(sets map[string]map[string]bool, byLang map[string][]string) {
	for lang, words := range byLang {
		m := map[string]bool{}
		for _, w := range words {
			m[normalize(w)] = true
		}
		sets[lang] = m
	}
}

// current is the engine on the current flow set.
func (c *core) current() *Engine { return c.versions.cur.Load() }

var _ Texts = (*Engine)(nil)

// Text renders a text of the current flow set's texts.yaml (see Texts).
func (e *Engine) Text(key, lang string, vars map[string]string) string {
	return e.current().flows.Text(key, lang, vars)
}

// Version returns the current flow set's version.
func (e *Engine) Version() string { return e.current().flows.Version }

// Versions returns the versions in memory: the current one first, then the
// old ones kept for conversations in progress, newest first.
func (e *Engine) Versions() []string {
	vs := &e.versions
	vs.mu.Lock()
	defer vs.mu.Unlock()
	old := slices.SortedFunc(maps.Values(vs.old), func(a, b *oldVersion) int { return cmp.Compare(b.seq, a.seq) })
	out := []string{e.Version()}
	for _, o := range old {
		out = append(out, o.e.flows.Version)
	}
	return out
}

// Publish stores the current version's files in the archive, so that other
// replicas can run conversations started here. Without an archive it does
// nothing.
func (e *Engine) Publish(ctx context.Context) error {
	if e.versions.archive == nil {
		return nil
	}
	cur := e.current().flows
	if err := e.versions.archive.PutFlows(ctx, cur.Version, cur.Files); err != nil {
		return fmt.Errorf("publish flows %s: %w", cur.Version, err)
	}
	return nil
}

// Reload makes set (already loaded and validated) the current flow set. The
// previous one is kept for the conversations in the middle of one of its
// flows. It publishes set to the archive first; a failure there is
// returned, after the reload, since this replica runs the new set anyway.
func (e *Engine) Reload(ctx context.Context, set *flow.Set) error {
	if set == nil {
		return errors.New("reload: no flows")
	}
	vs := &e.versions
	prev := e.current()
	if set.Version != "" && set.Version == prev.flows.Version {
		return nil
	}
	next := e.version(set, true)
	vs.mu.Lock()
	delete(vs.old, set.Version)
	o := &oldVersion{e: e.version(prev.flows, false)}
	vs.touch(o, e.now())
	vs.old[prev.flows.Version] = o
	vs.cur.Store(next)
	vs.prune(e.now())
	vs.mu.Unlock()
	e.log.Info("flows reloaded", "version", set.Version, "previous", prev.flows.Version)
	return e.Publish(ctx)
}

// prune drops old versions unused for longer than the TTL, then the least
// recently used beyond keep. vs.mu is held.
func (vs *versions) prune(now time.Time) {
	for v, o := range vs.old {
		if now.Sub(o.used) > vs.ttl {
			delete(vs.old, v)
		}
	}
	for len(vs.old) > vs.keep {
		oldest := ""
		for v, o := range vs.old {
			if oldest == "" || o.seq < vs.old[oldest].seq {
				oldest = v
			}
		}
		delete(vs.old, oldest)
	}
}

// get returns the old version v, marking it used, or nil.
func (vs *versions) get(v string, now time.Time) *Engine {
	vs.mu.Lock()
	defer vs.mu.Unlock()
	o := vs.old[v]
	if o == nil {
		return nil
	}
	vs.touch(o, now)
	return o.e
}

// versionFor returns the version a turn of s runs on. need names a version
// to fetch from the archive first (only when fetch is set); restart is set
// when s's version is gone and its place does not exist in the current set.
func (e *Engine) versionFor(s *Session, fetch bool) (v *Engine, need string, restart bool) {
	cur := e.current()
	if s.FlowsVersion == "" || s.FlowsVersion == cur.flows.Version || idle(s) {
		return cur, "", false
	}
	if old := e.versions.get(s.FlowsVersion, e.now()); old != nil {
		return old, "", false
	}
	if fetch && e.versions.archive != nil {
		return nil, s.FlowsVersion, false
	}
	return cur, "", !fits(cur.flows, s)
}

// fetch loads version v from the archive and keeps it as an old version.
func (e *Engine) fetch(ctx context.Context, v string) error {
	files, ok, err := e.versions.archive.GetFlows(ctx, v)
	if err != nil {
		return fmt.Errorf("fetch flows %s: %w", v, err)
	}
	if !ok {
		return fmt.Errorf("fetch flows %s: not in the archive", v)
	}
	set, err := flow.LoadFiles(files)
	if err != nil {
		return fmt.Errorf("load flows %s: %w", v, err)
	}
	if set.Version != v {
		return fmt.Errorf("fetch flows %s: the files hash to %s", v, set.Version)
	}
	vs := &e.versions
	vs.mu.Lock()
	if vs.old[v] == nil && v != e.Version() {
		o := &oldVersion{e: e.version(set, false)}
		vs.touch(o, e.now())
		vs.old[v] = o
		vs.prune(e.now())
	}
	vs.mu.Unlock()
	e.log.Info("flows fetched for a conversation in progress", "version", v)
	return nil
}

// errNeedVersion aborts an Update whose session needs a version to fetch.
var errNeedVersion = errors.New("flow version not in memory")

// idle reports whether s is in no flow, question or hand-off.
func idle(s *Session) bool { return s.Flow == "" && s.Pending == "" && s.Handoff == nil }

// fits reports whether every place s refers to exists in set.
func fits(set *flow.Set, s *Session) bool {
	at := func(fl, st string) bool {
		if fl == "" {
			return true
		}
		f := set.Flow(fl)
		return f != nil && (st == "" || f.Step(st) != nil)
	}
	if !at(s.Flow, s.Step) {
		return false
	}
	for _, fr := range s.Stack {
		if !at(fr.Flow, fr.Step) {
			return false
		}
	}
	if h := s.Handoff; h != nil && !at(h.Flow, h.Step) {
		return false
	}
	for _, id := range s.Options {
		if set.Flow(id) == nil {
			return false
		}
	}
	return true
}

// restart starts the conversation's flow again from the top on the current
// version, with a kind word, because the step it was at no longer exists.
// A crisis, a system event or an open hand-off still run as usual, from a
// place that exists.
func (t *turn) restart() {
	s := t.s
	id := s.Flow
	if t.e.flows.Flow(id) == nil {
		id = t.e.flows.Common.StartFlow
	}
	s.Flow, s.Step, s.Stack = "", "", nil
	s.Pending, s.Options, s.Attempts = "", nil, 0
	if h := s.Handoff; h != nil && !fits(t.e.flows, &Session{Flow: h.Flow, Step: h.Step}) {
		h.Flow, h.Step = "", ""
	}
	if t.m.Event != "" || t.an.Signals.Crisis || s.Handoff != nil {
		t.run()
		return
	}
	if txt := t.e.flows.Text(flow.TextFlowRestarted, t.lang, nil); txt != "" {
		t.reply(Reply{Text: txt}, nil)
	}
	t.startFlow(id)
}
