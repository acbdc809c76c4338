package nlu

import (
	"math"
	"sort"
	"sync"

	"github.com/carebot/carebot/bot/flow"
)

// Model routes messages to the flows of one set and reads their care
// signals. It is built once from the set (New) and is safe for concurrent
// use; Analyze allocates nothing in the common case.
//
// Routing is a nearest-neighbour search in a TF-IDF space, learnt only
// from what support leads write in the flows' triggers:
//
//   - every example phrase and every keyword of every flow, in every
//     language, is a unit vector of character n-grams (3 to 5 letters,
//     inside words), words and pairs of neighbouring words, weighted by
//     sublinear term frequency and idf;
//   - a message is scored against every example through an inverted index;
//     features no example has count in its length, so a message about
//     something else scores low everywhere, and a word no example uses is
//     read as the example word one typo away, if there is one;
//   - a flow scores a blend of its three best examples, plus a bonus for
//     each of its keywords found in the message (on word stems, allowing
//     one extra word and one typo);
//   - the two best flows' scores give a confidence, calibrated (a logistic
//     fit) on the development data; below the out-of-scope threshold, or
//     when the best match is an example of an out_of_scope flow (things
//     nobody here serves), the message goes to the fallback. A close
//     second flow is reported as the Alternative.
//
// A request for a person (Escalate) is heard from the human flow's
// keywords anywhere in the message, or from its examples.
type Model struct {
	langs []string
	flows []route
	esc   []int32 // flows whose category is escalate_human

	// Inverted index of the examples.
	tab       *table
	idf       []float32 // by feature id
	kindW     []float32 // weight of the feature's kind, by feature id
	postStart []int32   // postings of feature f: post[postStart[f]:postStart[f+1]]
	post      []posting
	exFlow    []int32 // flow of each example
	exStart   []int32 // the examples of flow f are exFlow[exStart[f]:exStart[f+1]]
	unknown   float32 // idf of a feature no example has
	spell     *speller

	kw       *matcher  // keywords; phrase.ref is the flow
	examples []example // every example, for Evaluate's French negatives
	lex      []*lexicon
	lexLang  map[string]*lexicon
	params   params

	pool sync.Pool
}

// route is a flow the router may choose.
type route struct {
	id, category string
	audience     string
	oos          bool // category out_of_scope: its examples say what is NOT served
	escalate     bool
}

// params are the router's tuned constants. They were chosen with Evaluate
// on the development data and the built-in flows, and are kept in one
// place so a change shows.
type params struct {
	kwSingle    float32 // score added by a one-word keyword
	kwPhrase    float32 // by a keyword of several words
	kwMax       float32 // cap on the keyword bonus of one flow
	unknownNorm float32 // weight of unseen features in the message's norm
	// Confidence = sigmoid(conf0 + conf1*s1 + conf2*(s1-s2)), s1 and s2
	// the two best flows' scores: a logistic fit of "the best flow is
	// right" on the development data (Platt scaling).
	conf0, conf1, conf2 float32
	oos                 float64 // below this confidence: out of scope
	closeGap            float32 // s2 >= s1 - closeGap: report the alternative
	escMin              float32 // an escalate example this close escalates, whatever wins
	escConf             float64 // the human flow winning escalates from this confidence
	k2, k3              float32 // weights of a flow's second and third best examples
	maxDF               float32 // features in more than this share of the examples are not searched
}

var defaultParams = params{
	kwSingle:    0.15,
	kwPhrase:    0.25,
	kwMax:       0.35,
	unknownNorm: 1,
	conf0:       -1.71,
	conf1:       4.21,
	conf2:       7.11,
	oos:         0.45,
	closeGap:    0.05,
	escMin:      0.6,
	escConf:     0.5,
	k2:          0.25,
	k3:          0.1,
	maxDF:       0.15,
}

// scratch is the per-call working memory, pooled.
type scratch struct {
	d       doc
	feats   []feature
	qw      []float32 // by feature id: weight of the message's feature
	touched []int32
	exScore []float32
	fScore  []float32
	kwBonus []float32
	matches []match
	sig     signalScratch
}

// New builds the model of a flow set: the router over every flow's
// examples and keywords, and the care-signal lexicons. Flows with no
// examples and no keywords (the fallback) are never routed to; commands
// are the engine's business.
func New(set *flow.Set) *Model {
	return newModel(set, defaultParams)
}

func newModel(set *flow.Set, p params) *Model {
	m := &Model{params: p, kw: newMatcher(), lexLang: map[string]*lexicon{}, spell: newSpeller()}
	m.kw.stems, m.kw.slack, m.kw.fuzzy = true, 1, true
	if set != nil {
		m.langs = append(m.langs, set.Common.Languages...)
	}
	lx, err := embeddedLexicons()
	if err != nil {
		// The lexicons are compiled in and TestLexicons loads them: this
		// is a broken build, not a runtime condition.
		panic(err)
	}
	langs := m.langs
	if len(langs) == 0 {
		langs = lx.langs
	}
	for _, l := range langs {
		if x := lx.byLang[l]; x != nil {
			m.lex = append(m.lex, x)
			m.lexLang[l] = x
		}
	}

	// Routable flows, in the set's stable order.
	var ids []string
	if set != nil {
		ids = append(ids, set.Order...)
		if len(ids) == 0 {
			for id := range set.Flows {
				ids = append(ids, id)
			}
			sort.Strings(ids)
		}
	}
	var examples []example
	for _, id := range ids {
		f := set.Flows[id]
		if f == nil {
			continue
		}
		n := 0
		for _, l := range langs {
			n += len(f.Triggers.Examples[l]) + len(f.Triggers.Keywords[l])
		}
		if n == 0 {
			continue
		}
		fi := int32(len(m.flows))
		m.flows = append(m.flows, route{
			id: f.ID, category: f.Category, audience: f.Audience,
			oos:      f.Category == flow.CategoryOutOfScope,
			escalate: f.Category == flow.CategoryEscalateHuman,
		})
		if f.Category == flow.CategoryEscalateHuman {
			m.esc = append(m.esc, fi)
		}
		for _, l := range langs {
			for _, e := range f.Triggers.Examples[l] {
				examples = append(examples, example{fi, e, l, f.Category})
			}
			for _, k := range f.Triggers.Keywords[l] {
				// A keyword is also the shortest example: "refund" alone
				// is a refund request.
				examples = append(examples, example{fi, k, l, f.Category})
				parts, err := parsePhrase(k)
				if err != nil {
					continue // a keyword of punctuation only: nothing to find
				}
				w := p.kwSingle
				if len(parts) > 1 {
					w = p.kwPhrase
				}
				m.kw.add(phrase{parts: parts, ref: fi, w: w})
			}
		}
	}

	// Features of every example, then document frequencies.
	var d doc
	var fs []feature
	exFeats := make([][]feature, len(examples))
	m.tab = newTable(1 << 12)
	var ids32 []int32
	nf := int32(0)
	for i, e := range examples {
		normalize(&d, e.text)
		for j := range d.toks {
			if d.toks[j].num < 0 {
				m.spell.add(string(d.word(j)))
			}
		}
		fs = appendFeatures(fs[:0], &d, nil)
		exFeats[i] = append([]feature(nil), fs...)
		for _, f := range fs {
			if 2*int(nf) >= len(m.tab.keys) {
				m.tab = m.tab.grow()
			}
			if _, added := m.tab.put(f.h, nf); added {
				m.kindW = append(m.kindW, f.w)
				nf++
			}
		}
	}
	df := make([]int32, nf)
	seen := make([]int32, nf)
	for i := range seen {
		seen[i] = -1
	}
	for i, fs := range exFeats {
		for _, f := range fs {
			id := m.tab.get(f.h)
			if seen[id] != int32(i) {
				seen[id] = int32(i)
				df[id]++
			}
		}
	}
	n := float64(len(examples))
	m.idf = make([]float32, nf)
	for id := range df {
		m.idf[id] = float32(math.Log((n+1)/float64(df[id]+1)) + 1)
	}
	m.unknown = float32(math.Log(n+1) + 1)

	// Example vectors (unit length) into postings.
	counts := make([]float32, nf)
	type entry struct {
		ex int32
		w  float32
	}
	vecs := make([][]entry, len(examples)) // per example: (feature, weight)
	vecIDs := make([][]int32, len(examples))
	for i, fs := range exFeats {
		ids32 = ids32[:0]
		for _, f := range fs {
			id := m.tab.get(f.h)
			if counts[id] == 0 {
				ids32 = append(ids32, id)
			}
			counts[id]++
		}
		var norm float64
		v := make([]entry, len(ids32))
		for j, id := range ids32 {
			w := m.kindW[id] * (1 + float32(math.Log(float64(counts[id])))) * m.idf[id]
			v[j] = entry{int32(i), w}
			norm += float64(w) * float64(w)
			counts[id] = 0
		}
		inv := float32(1 / math.Sqrt(norm+1e-12))
		for j := range v {
			v[j].w *= inv
		}
		vecs[i] = v
		vecIDs[i] = append([]int32(nil), ids32...)
	}
	// Features in more than maxDF of the examples (" th", "my", "to ")
	// say little about which flow is meant and have the longest postings:
	// they count in the lengths of the vectors but are not searched.
	// Small sets are fast anyway and need every feature.
	limit := max(int32(p.maxDF*float32(len(examples))), 200)
	m.postStart = make([]int32, nf+1)
	for _, ids := range vecIDs {
		for _, id := range ids {
			if df[id] <= limit {
				m.postStart[id+1]++
			}
		}
	}
	for i := 1; i <= int(nf); i++ {
		m.postStart[i] += m.postStart[i-1]
	}
	fill := append([]int32(nil), m.postStart[:nf]...)
	m.post = make([]posting, m.postStart[nf])
	for i, ids := range vecIDs {
		for j, id := range ids {
			if df[id] > limit {
				continue
			}
			k := fill[id]
			m.post[k] = posting{int32(i), vecs[i][j].w}
			fill[id]++
		}
	}
	m.exFlow = make([]int32, len(examples))
	m.exStart = make([]int32, len(m.flows)+1)
	for i, e := range examples {
		m.exFlow[i] = e.flow
		m.exStart[e.flow+1] = int32(i + 1) // examples are added flow by flow
	}
	for f := 1; f <= len(m.flows); f++ {
		m.exStart[f] = max(m.exStart[f], m.exStart[f-1]) // a flow with keywords only
	}
	m.spell.index()
	m.examples = examples
	m.pool.New = func() any { return &scratch{} }
	return m
}

// posting is one example that has a feature, with the feature's weight
// in the example's unit vector.
type posting struct {
	ex int32
	w  float32
}

// example is one example phrase of a flow.
type example struct {
	flow     int32
	text     string
	lang     string
	category string
}

// serves reports whether the flow is for audience ("" is everyone).
func (r *route) serves(audience string) bool {
	return audience == "" || r.audience == "" || r.audience == flow.AudienceAny || r.audience == audience
}

// category returns the category of the flow id, or "".
func (m *Model) category(id string) string {
	for _, r := range m.flows {
		if r.id == id {
			return r.category
		}
	}
	return ""
}

func (t *table) grow() *table {
	nt := &table{keys: make([]uint64, 2*len(t.keys)), ids: make([]int32, 2*len(t.keys)), mask: uint64(2*len(t.keys) - 1)}
	for i, k := range t.keys {
		if k != 0 {
			nt.put(k, t.ids[i])
		}
	}
	return nt
}
