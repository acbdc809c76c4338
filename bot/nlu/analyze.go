package nlu

import (
	"math"

	"github.com/carebot/carebot/bot/flow"
)

// Analyze reads one message. lang is the conversation's current language,
// a hint used when the text itself is too short to tell. text may be any
// bytes: invalid UTF-8 and control characters are ignored, and only the
// first few kilobytes are read.
//
// When Flow is "" (out of scope), Confidence is the confidence that no
// flow serves the text.
func (m *Model) Analyze(lang, text string) Analysis {
	return m.AnalyzeFor("", lang, text)
}

// AnalyzeFor is Analyze for one audience (flow.AudienceCustomer or
// flow.AudienceEmployee): only flows for that audience, or for any, are
// candidates, so a customer's "I need to talk" never lands in the
// employees' peer support. "" considers every flow.
func (m *Model) AnalyzeFor(audience, lang, text string) Analysis {
	s := m.pool.Get().(*scratch)
	defer m.pool.Put(s)
	d := &s.d
	normalize(d, text)

	var a Analysis
	a.Lang = m.guessLang(d)
	m.route(s, &a, audience)
	a.Signals, a.Escalate = m.signals(s, a.Lang, lang)
	if a.Escalate && a.Category == flow.CategoryEmployeeSupport {
		// A colleague asking to talk to someone is asking for peer
		// support, which brings a person too: the employees' flow
		// serves it better than the customers' queue.
		a.Escalate = false
	}
	return a
}

// rank scores every flow for the message in s (s.fScore) and returns the
// two best flows for audience (-1 when none), whether a keyword of the
// human flow was found, and the best score of a human-flow example.
func (m *Model) rank(s *scratch, audience string) (b1, b2 int, escKeyword bool, escExample float32) {
	d := &s.d
	p := &m.params
	nf := len(m.idf)
	if cap(s.qw) < nf {
		s.qw = make([]float32, nf)
	}
	s.qw = s.qw[:nf]
	if cap(s.exScore) < len(m.exFlow) {
		s.exScore = make([]float32, len(m.exFlow))
	}
	s.exScore = s.exScore[:len(m.exFlow)]
	clear(s.exScore)
	s.fScore = resizeF32(s.fScore, len(m.flows), 0)
	s.kwBonus = resizeF32(s.kwBonus, len(m.flows), 0)

	// The message's vector: sublinear term frequency times idf. Features
	// no example has still count in its length, so that a message that
	// is mostly about something else scores low everywhere.
	s.feats = appendFeatures(s.feats[:0], d, m.spell)
	s.touched = s.touched[:0]
	var unknownNorm float64
	for _, f := range s.feats {
		id := m.tab.get(f.h)
		if id < 0 {
			w := float64(f.w * m.unknown)
			unknownNorm += w * w
			continue
		}
		if s.qw[id] == 0 {
			s.touched = append(s.touched, id)
		}
		s.qw[id]++
	}
	var norm float64
	for _, id := range s.touched {
		w := m.kindW[id] * m.idf[id]
		if c := s.qw[id]; c > 1 {
			w *= 1 + float32(math.Log(float64(c)))
		}
		s.qw[id] = w
		norm += float64(w) * float64(w)
	}
	norm += float64(p.unknownNorm) * unknownNorm
	if norm > 0 {
		inv := float32(1 / math.Sqrt(norm))
		for _, id := range s.touched {
			w := s.qw[id] * inv
			s.qw[id] = 0
			for _, ps := range m.post[m.postStart[id]:m.postStart[id+1]] {
				s.exScore[ps.ex] += w * ps.w
			}
		}
	}
	// A flow scores a blend of its three best examples: one lucky
	// example counts less than several that agree.
	for f := range m.flows {
		var t1, t2, t3 float32
		for _, sc := range s.exScore[m.exStart[f]:m.exStart[f+1]] {
			if sc <= t3 {
				continue // most examples: one predictable comparison
			}
			switch {
			case sc > t1:
				t1, t2, t3 = sc, t1, t2
			case sc > t2:
				t2, t3 = sc, t2
			default:
				t3 = sc
			}
		}
		s.fScore[f] = (1-p.k2-p.k3)*t1 + p.k2*t2 + p.k3*t3
	}
	for _, f := range m.esc {
		escExample = max(escExample, s.fScore[f])
	}

	// Keywords.
	s.matches = m.kw.find(d, s.matches[:0])
	for _, mt := range s.matches {
		ph := &m.kw.phrases[mt.phrase]
		f := ph.ref
		s.kwBonus[f] = min(s.kwBonus[f]+ph.w, p.kwMax)
		// A keyword of the human flow escalates, negated or not: "I don't
		// need a human, just…" costs a person's minute; a request for a
		// person that is not heard costs far more.
		escKeyword = escKeyword || m.flows[f].escalate
	}
	for f := range s.fScore {
		s.fScore[f] += s.kwBonus[f]
	}

	// The two best flows.
	b1, b2 = -1, -1
	for f, sc := range s.fScore {
		if !m.flows[f].serves(audience) {
			continue
		}
		switch {
		case b1 < 0 || sc > s.fScore[b1]:
			b1, b2 = f, b1
		case b2 < 0 || sc > s.fScore[b2]:
			b2 = f
		}
	}
	return b1, b2, escKeyword, escExample
}

// route fills a.Flow, Category, Confidence, Alternative and Escalate.
func (m *Model) route(s *scratch, a *Analysis, audience string) {
	a.Category = flow.CategoryOutOfScope
	a.Confidence = 1
	if len(s.d.toks) == 0 || len(m.flows) == 0 {
		return
	}
	p := &m.params
	b1, b2, escKeyword, escExample := m.rank(s, audience)
	if b1 < 0 {
		a.Escalate = escKeyword
		return
	}
	s1, s2 := s.fScore[b1], float32(0)
	if b2 >= 0 {
		s2 = s.fScore[b2]
	}
	conf := sigmoid(p.conf0 + p.conf1*s1 + p.conf2*(s1-s2))
	best := m.flows[b1]
	// The human flow needs more than a guess: a shaky match to it goes to
	// the fallback, which offers a person anyway.
	lowEsc := best.escalate && conf < p.escConf && !escKeyword
	switch {
	case conf < p.oos || best.oos || lowEsc:
		a.Confidence = 1 - conf
		if best.oos {
			a.Confidence = conf
		}
	default:
		a.Flow, a.Category, a.Confidence = best.id, best.category, conf
		if b2 >= 0 && s2 >= s1-p.closeGap && !m.flows[b2].oos {
			a.Alternative = m.flows[b2].id
		}
	}
	a.Escalate = escKeyword || escExample >= p.escMin || (a.Flow != "" && best.escalate)
}

func sigmoid(x float32) float64 {
	return 1 / (1 + math.Exp(-float64(x)))
}

// signals reads the care signals and whether the text asks for a person
// (the person detector: person.LANG.txt, whatever the router chose).
// Feelings are read with the lexicon of the text's language (or the
// conversation's when the text is too short to tell, or every language
// when neither is known); crisis, vulnerability and requests for a person
// are read in every language, since missing them costs most.
func (m *Model) signals(s *scratch, textLang, hint string) (Signals, bool) {
	d := &s.d
	var sc scores
	s.sig.crisisN = 0
	feel := m.lexLang[textLang]
	if feel == nil {
		feel = m.lexLang[hint]
	}
	sg := &s.sig
	if len(sg.found) < len(m.lex) {
		sg.found = make([]lexMatches, len(m.lex))
	}
	sg.guards = sg.guards[:0]
	if len(m.lex) > 0 {
		if cap(sg.cand) < len(d.toks) {
			sg.cand = make([]uint32, len(d.toks))
		}
		sg.cand = sg.cand[:len(d.toks)]
		m.lex[0].starts.candidates(d, sg.cand)
	}
	for i, l := range m.lex {
		sg.guards = l.find(d, sg.cand, &sg.found[i], sg.guards, feel == nil || feel == l)
	}
	for i, l := range m.lex {
		l.score(d, &sg.found[i], sg, &sc)
	}
	return signalsFrom(&sc, emphasis(d), s.sig.crisisN), asksPerson(&sc)
}

// guessLang scores the text against each language's function words
// (lang.LANG.txt) and accented letters; "" when the evidence is thin or even.
func (m *Model) guessLang(d *doc) string {
	if len(m.lex) == 0 {
		return ""
	}
	best, second := "", ""
	var bs, ss float32
	for _, l := range m.lex {
		var sc float32
		for i := range d.toks {
			sc += l.words[string(d.word(i))]
		}
		sc += l.accent * float32(min(d.accents, 4))
		switch {
		case best == "" || sc > bs:
			second, ss = best, bs
			best, bs = l.lang, sc
		case second == "" || sc > ss:
			second, ss = l.lang, sc
		}
	}
	if bs < langMin || bs-ss < langMargin {
		return ""
	}
	return best
}

// Evidence needed to name a language: one clear function word ("the",
// "merci") is not always enough, two are.
const (
	langMin    = 1.0
	langMargin = 0.75
)
