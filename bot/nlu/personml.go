package nlu

import (
	"embed"
	"fmt"
	"io/fs"
	"math"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
)

// The learned person signal: a second opinion beside the person lexicon,
// as the learned crisis signal is beside the crisis lexicon.
//
// The lexicon hears the wordings someone wrote an entry for: each batch of
// requests its author wrote after a round scored what the start had
// scored (/work/notes/old/s10/person14.md). The learned signal is a
// logistic regression over the router's features (words, word pairs and
// character n-grams, features.go), fitted when the flows load by the
// crisis signal's fit (crisisRows.fit: personBags orders averaged, a bias
// and a class weight for each language), from:
//
//   - positives: the requests of corpus/person.LANG.tsv, of the tuning
//     half of corpus/posts/person.LANG.tsv, of corpus/learn/person.LANG.tsv
//     (strangers' wording: the retired blind sets' person rows; and the
//     human flow's examples and keywords as they stood at route17);
//   - negatives: the look-alikes of those files (in corpus/learn/, the
//     other customer flows' examples as they stood at route17). The
//     crisis corpora are not rows of it: their labels say crisis or not,
//     and many of their calm rows ask for a person ("on hold for an hour,
//     can someone call me back"). Employee support is left out: a
//     colleague asking to talk to someone is served by peer support
//     (analyze), and its examples would teach that "talk to someone" asks
//     for nobody.
//
// It learns from its corpora only, never from the flows (as the crisis
// signal, crisisml.go): an example a support lead edits for routing
// cannot move its precision bound, so it is trained once per process
// (trainedPerson) and shared by every model. It is taught as the lexicon
// is: a row added to one of these files is learnt at the next start.
//
// Analysis.Escalate is the lexicon's request OR the learned signal at
// personCut or more, on a message of at least personMinWords words, and
// only where the lexicon heard no person spoken of: a guard, a takeback, a
// retraction or an aside of the person file ("my manager", "are you a real
// person?", "actually email is fine", « je parle à personne ») quiets the
// learned signal too, and so does a contact question (Analysis.Contact:
// "what's your number" keeps its own flag, person14).
type personModel struct {
	lm *crisisModel // the weights: the crisis signal's kind of binary model
}

const (
	// personCut is the log-odds at or above which the learned signal
	// says a person is asked for: the lowest half step at which the
	// detector (the lexicon OR the learned signal) keeps a precision of
	// 0.97 or more in each language on the training rows scored out of
	// fold (5 folds, TestLearnedPersonCut), the floor person14 kept:
	// English 0.979 and French 0.978 at 2.0 (at 1.5, English 0.968).
	personCut = 2.0
	// personMinWords: shorter messages are the lexicon's alone. "thanks
	// a lot" or "hello there" give a linear model too little to go on,
	// and "agent please" is the lexicon's strength.
	personMinWords = 3
)

// personParams are the training constants of the learned person signal.
var personParams = params{epochs: 8, rate: 0.2, l2: 3e-4}

// personBags is how many fits, each over its own order of the rows, the
// learned person signal averages (see crisisBags).
const personBags = 4

// learnFS holds the rows that are only learnt from (corpus/learn/): the
// strangers' requests of the retired blind sets. They are not a test.
//
//go:embed corpus/learn/*.tsv
var learnFS embed.FS

// personSample is one training text of the learned person signal.
type personSample struct {
	text   string
	lang   string
	person bool
	feats  []feature
	set    string // where it comes from: a corpus file
	// category is the row's category in its file ("flows:…" for the
	// rows that were flow examples until route17).
	category string
}

// personCorpus is the corpora's part of the person signal's training
// texts, with their features: the same for every load of the flows in a
// process.
var personCorpus = sync.OnceValues(personStore)

// personStore reads and analyses the person signal's training rows into a
// store.
func personStore() (*rowStore, error) {
	samples, err := readPersonCorpus()
	if err != nil {
		return nil, err
	}
	return storeRows(samples, func(x *personSample) (string, string, string, string, bool, []feature) {
		return x.text, x.lang, x.set, x.category, x.person, x.feats
	}), nil
}

// readPersonCorpus reads and analyses the corpora's training texts (see
// personModel).
func readPersonCorpus() ([]personSample, error) {
	names, err := corpusFiles()
	if err != nil {
		return nil, err
	}
	var out []personSample
	add := func(name string, rows []corpusRow, det, lang string, posts bool) {
		for _, r := range rows {
			if posts && heldOut(r.text) {
				continue
			}
			switch det {
			case "person":
				out = append(out, personSample{text: r.text, lang: lang, person: r.want, set: name, category: r.category})
			}
		}
	}
	for _, name := range names {
		det, lang, _ := strings.Cut(strings.TrimSuffix(path.Base(name), ".tsv"), ".")
		rows, err := readCorpusFile(name)
		if err != nil {
			return nil, err
		}
		add(name, rows, det, lang, path.Base(path.Dir(name)) == "posts")
	}
	learned, err := learnFiles()
	if err != nil {
		return nil, err
	}
	for _, name := range learned {
		det, lang, _ := strings.Cut(strings.TrimSuffix(path.Base(name), ".tsv"), ".")
		rows, err := readLearnFile(name)
		if err != nil {
			return nil, err
		}
		add(name, rows, det, lang, false)
	}
	var d doc
	for i := range out {
		normalizeTrain(&d, out[i].text)
		out[i].feats = appendFeatures(nil, &d)
	}
	return out, nil
}

// readLearnFile reads the embedded file name of corpus/learn/.
func readLearnFile(name string) ([]corpusRow, error) {
	return readEmbedded(learnFS, name)
}

// learnFiles returns the files of corpus/learn/, in name order.
func learnFiles() ([]string, error) {
	names, err := fs.Glob(learnFS, "corpus/learn/*.tsv")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	return names, nil
}

// trainedPerson is the learned person signal, trained once per process
// from the corpora alone; a broken embedded corpus is a broken build
// (TestCorpora and TestLearnedPerson read every file).
var trainedPerson = sync.OnceValue(func() *personModel {
	corpus, err := personSamples()
	if err != nil {
		panic(fmt.Sprintf("nlu: person corpora: %v", err))
	}
	r := &crisisRows{v: newVectors()}
	for _, x := range corpus {
		r.add(x.feats, x.person, x.lang, x.text)
	}
	lm := r.fit(personParams, personBags)
	if lm == nil {
		return nil
	}
	return &personModel{lm: lm}
})

// personSamples returns the learned person signal's training texts (for
// the out-of-fold tests): a copy the caller may change, but not its
// features.
func personSamples() ([]personSample, error) {
	st, err := personCorpus()
	if err != nil {
		return nil, err
	}
	out := make([]personSample, len(st.rows))
	for i := range st.rows {
		r := &st.rows[i]
		out[i] = personSample{text: st.textOf(r), lang: st.names[r.lang], person: r.want, feats: st.featsOf(r), set: st.names[r.set], category: st.names[r.category]}
	}
	return out, nil
}

// trainPerson learns a person model from samples (the out-of-fold tests).
func trainPerson(samples []personSample, p params, bags int) *personModel {
	r := &crisisRows{v: newVectors()}
	var d doc
	var buf []feature
	for _, x := range samples {
		f := x.feats
		if f == nil {
			normalizeTrain(&d, x.text)
			buf = appendFeatures(buf[:0], &d)
			f = buf
		}
		r.add(f, x.person, x.lang, x.text)
	}
	lm := r.fit(p, bags)
	if lm == nil {
		return nil
	}
	return &personModel{lm: lm}
}

// logit returns the log-odds that a message of words words whose router
// features are feats asks for a person; -Inf when it is too short to
// judge. s lends its buffers and its language (s.clang).
func (pm *personModel) logit(s *scratch, feats []feature, words int) float32 {
	if pm == nil || words < personMinWords {
		return float32(math.Inf(-1))
	}
	return pm.lm.linear(s, feats)
}

// A message longer than personLong words is also read in windows of up
// to personWindow words, one starting at each clause, and the highest
// score counts: a request said in one sentence of a long story ("…the
// chat keeps sending me links. I need a person to sort this out before
// the 21st…") weighs little among the story's words, and the corpora's
// requests are a sentence long (cf. crisisWindows).
const (
	personLong   = 40
	personWindow = 16
)

// read returns the learned signal's log-odds for d, whose features are
// whole: the whole message's score, or a long message's best window's.
func (pm *personModel) read(s *scratch, whole []feature, d *doc) float32 {
	z := pm.logit(s, whole, len(d.toks))
	n := len(d.toks)
	if pm == nil || n <= personLong {
		return z
	}
	for i := 0; i < n; i++ {
		if i > 0 && d.toks[i].clause == d.toks[i-1].clause {
			continue
		}
		end := min(i+personWindow, n)
		s.win.buf, s.win.toks = d.buf, d.toks[i:end]
		s.winFeats = appendFeatures(s.winFeats[:0], &s.win)
		z = max(z, pm.logit(s, s.winFeats, end-i))
		if end == n {
			break
		}
	}
	return z
}

// The learned signal reads only messages that name someone who could
// help or a way to reach them: a word of one of the word classes below
// (words.LANG.txt: staff, a team, anyone, talking, calling, passing on,
// "real"). A request for a person names one ("a member of your team", « un
// de vos agents »); most messages (an order, a refund, a password) name
// none, and are not scored at all: the score costs as much as the crisis
// signal's. A support lead who adds a word to a class adds it here too.
var personGateClasses = map[string][]string{
	"en": {"staff", "strongstaff", "team", "anyone", "talk", "reach", "call", "ring", "connect", "real", "boss", "phone"},
	"fr": {"humain", "fort", "quelquun", "equipe", "parler", "joindre", "rappeler", "passer", "transmets", "patron", "vrai"},
}

// wordGate is a set of words and of word prefixes.
type wordGate struct {
	words    map[string]bool
	prefixes []string
}

// personGate is built once per process from the embedded lexicons;
// empty when they do not load (the model's own load reports that).
var personGate = sync.OnceValue(func() *wordGate {
	g := &wordGate{words: map[string]bool{}}
	lx, err := embeddedLexicons()
	if err != nil {
		return g
	}
	for lang, names := range personGateClasses {
		l := lx.byLang[lang]
		if l == nil {
			continue
		}
		for _, name := range names {
			c := l.classes[name]
			if c == nil {
				continue
			}
			for i := range int32(c.words.len()) {
				g.words[c.words.str(i)] = true
			}
			for i := range int32(c.prefixes.len()) {
				if p := c.prefixes.str(i); !slices.Contains(g.prefixes, p) {
					g.prefixes = append(g.prefixes, p)
				}
			}
		}
	}
	slices.Sort(g.prefixes)
	return g
})

// opens reports whether a word of d is in g.
func (g *wordGate) opens(d *doc) bool {
	for i, t := range d.toks {
		if t.num >= 0 {
			continue
		}
		w := d.word(i)
		if g.words[string(w)] {
			return true
		}
		for _, p := range g.prefixes {
			if len(w) >= len(p) && string(w[:len(p)]) == p {
				return true
			}
		}
	}
	return false
}

// learnedPerson reports whether the learned person signal hears a request
// that the lexicon did not: see personModel for when it may speak. Not
// to the question whether a bot answers (Analysis.AboutBot): "is this a
// real person?", « je parle à un robot ? » hold the words of a request
// (person, robot, talk to), and ask what answers; a request said with
// the question is the lexicon's to hear.
func (m *Model) learnedPerson(s *scratch, a *Analysis) bool {
	if a.Escalate || a.Contact || a.AboutBot || s.sig.personGuard {
		return false
	}
	if len(s.sig.declined) > 0 {
		// A person declined ("no need for a human, you're doing fine")
		// is no request for the learned signal either: it reads the rest
		// ("no need for the faq, just a real person" asks).
		s.personRest.without(&s.d, s.sig.declined)
		if len(s.personRest.toks) == 0 || !personGate().opens(&s.personRest) {
			return false
		}
		s.personFeats = appendFeatures(s.personFeats[:0], &s.personRest)
		return m.person.read(s, s.personFeats, &s.personRest) >= personCut
	}
	if !personGate().opens(&s.d) {
		return false
	}
	return m.person.read(s, s.feats, &s.d) >= personCut
}

// personParts reports what each person detector said of text:
// the lexicon, and the learned signal where the lexicon heard nothing
// (the only place it speaks); for Evaluate's corpora.
func (m *Model) personParts(audience, lang, text string) (lexicon, learned bool) {
	sc := m.pool.Get().(*scratch)
	defer m.pool.Put(sc)
	a, _ := m.analyze(sc, audience, lang, text)
	return sc.lexPerson, a.Escalate && !sc.lexPerson
}
