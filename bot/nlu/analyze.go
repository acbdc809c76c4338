package nlu

import (
	"math"
	"slices"

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
	a, _ := m.analyze(s, audience, lang, text)
	return a
}

// analyzeParts is AnalyzeFor, also telling what each crisis detector said.
func (m *Model) analyzeParts(audience, lang, text string) (Analysis, crisisParts) {
	s := m.pool.Get().(*scratch)
	defer m.pool.Put(s)
	return m.analyze(s, audience, lang, text)
}

// analyze is AnalyzeFor, also telling what each crisis detector said.
func (m *Model) analyze(s *scratch, audience, lang, text string) (Analysis, crisisParts) {
	d := &s.d
	normalize(d, text)

	var a Analysis
	a.Lang = m.guessLang(d)
	if d.jeSplits > 0 && a.Lang != "fr" {
		// A text known not to be French, read even with the chat 'je'
		// words as French: "chui" there is a word of its own (a name).
		// An unsure guess is tried whole too: "my koi pond pump" read
		// "my quoi pond pump" is neither language, whole it is English.
		unsure := a.Lang == ""
		normalizeAs(d, text, false)
		a.Lang = m.guessLang(d)
		if unsure && (a.Lang == "" || a.Lang == "fr") {
			normalize(d, text) // "ya qqn ?" stays chat French
		}
	}
	s.clang = crisisLang(a.Lang)
	a.Signals, a.Escalate, a.Contact = m.signals(s, a.Lang, lang)
	a.AboutBot, a.Lost = s.sig.aboutBot, s.sig.lost
	// A crisis told as past and over can be followed by one said now:
	// "years ago I tried, I'm fine now. but I've written letters to
	// everyone". The learned signal reads what follows the last "it is
	// over" on its own, before the features drop a long message's middle.
	nowAfterPast := s.sig.past && m.crisisAfterOver(s)
	// A crisis statement the lexicon heard denied ("I'm not going to
	// kill myself") is not one, and the learned signal does not read
	// negations: it reads the rest of the message ("…, but I've been
	// giving my things away"). Taken before the features drop a long
	// message's middle.
	denied := len(s.sig.denied) > 0
	long := len(d.toks) > crisisLong
	if denied || long {
		s.rest.without(d, s.sig.denied)
	}
	// The router and the learned crisis signal read the same features;
	// the crisis signal, the concepts of its words too (crisisfeat.go).
	s.feats = appendFeatures(s.feats[:0], d)
	// The learned person signal hears what the person lexicon has no
	// entry for ("is there any way this could go to your team?"), before
	// routing, which reads Escalate (personml.go). It reads the words
	// only, as it learned them: the router's concepts come after.
	s.lexPerson = a.Escalate
	a.Escalate = a.Escalate || m.learnedPerson(s, &a)
	nf := len(s.feats)
	s.feats = appendRouteConcepts(s.feats, d, m.params.routeConcept)
	m.route(s, &a, audience)
	if s.sig.sarcasm && slices.Contains(problemCategories[:], a.Category) {
		// Sarcasm about a problem one of the flows solves ("thanks a
		// lot, my order is late again") is frustration with it; a quip
		// about anything else ("thanks a lot. now I've lost my train of
		// thought") is nobody's anger at us.
		a.Signals.Anger = true
	}
	s.feats = appendConcepts(s.feats[:nf], d)
	cp := crisisParts{lexicon: a.Signals.Crisis}
	if denied {
		s.restFeats = crisisFeatures(s.restFeats[:0], &s.rest)
		cp.logit = m.crisis.score(s, s.restFeats, len(s.rest.toks))
	} else {
		cp.logit = m.crisis.logit(s)
	}
	if long {
		cp.logit = m.crisisWindows(s, cp.logit, &s.rest)
	}
	// A crisis told as past and over ("ten years ago I overdosed, I'm
	// fine now") is history for the learned signal too: its words are a
	// crisis's, its time is not.
	// Half a plan heard by the lexicon and a learned signal leaning the
	// same way are a crisis together (crisisCutHinted).
	cut := float32(crisisCut)
	switch {
	case s.sig.hint:
		cut = crisisCutHinted
	case s.sig.half:
		cut = crisisCutHalf
	}
	if s.sig.farewell && a.Signals.Distress && !serviceIndex().has(&s.d) {
		// A farewell with a reason: "thanks for all you've done. i'm so
		// tired of fighting" (crisisCutFarewell). Not one that names a
		// service left ("I can't take it anymore with this billing, I'm
		// leaving for good"): a customer's goodbye to the service
		// (review19b).
		cut = crisisCutFarewell
	}
	cp.learned = (cp.logit >= cut && !s.sig.past) || nowAfterPast
	if cp.learned && !nowAfterPast && len(s.sig.who) > 0 && m.crisisOnlyWho(s, cut) {
		// Being pregnant, 91 or in a wheelchair is a reason for
		// priority, not an alarm: "I'm pregnant and I really need it"
		// was a crisis for the learned signal, as its few pregnancy
		// rows are emergencies. The danger must be heard in the rest
		// of the message ("I'm pregnant and bleeding heavily" is).
		cp.learned = false
	}
	if cp.learned {
		// Crisis pre-empts everything, whichever detector heard it, and
		// a crisis is distress too (signalsFrom).
		a.Signals.Crisis, a.Signals.Distress = true, true
	}
	a.CrisisLeaning = !a.Signals.Crisis && !s.sig.past && !s.sig.event && !s.sig.told &&
		cp.logit >= crisisCutLeaning && !(len(s.sig.who) > 0 && m.crisisOnlyWho(s, crisisCutLeaning))
	if a.Escalate && a.Category == flow.CategoryEmployeeSupport && audience == flow.AudienceEmployee && m.forEmployees(a.Flow) {
		// A colleague asking to talk to someone is asking for peer
		// support, which brings a person too: the employees' flow
		// serves it better than the customers' queue. Not a request the
		// router sent to the breathing pause (a flow of that category
		// for anyone, which brings nobody): « j'ai besoin d'une vrai
		// persone » (understand19), « juste besoin de souffler, un
		// humain svp » are requests.
		a.Escalate = false
	}
	return a, cp
}

// crisisOnlyWho reports whether the learned crisis signal's score drops
// below cut once the words that say who the person is (s.sig.who: age,
// pregnancy, disability) and any crisis statement heard denied are left
// out: the alarm came from who they are, not from a danger.
func (m *Model) crisisOnlyWho(s *scratch, cut float32) bool {
	d := &s.d
	drop := s.sig.who
	if len(s.sig.denied) > 0 {
		for i, x := range s.sig.denied {
			drop[i] = drop[i] || x
		}
	}
	s.rest.without(d, drop)
	s.restFeats = crisisFeatures(s.restFeats[:0], &s.rest)
	z := m.crisis.score(s, s.restFeats, len(s.rest.toks))
	if len(s.rest.toks) > crisisLong {
		z = m.crisisWindows(s, z, &s.rest)
	}
	return z < cut
}

// crisisAfterOver reports whether the learned crisis signal hears a
// crisis in the words after the last "it is over now" ([over]) of s.d,
// read whole when short, else in windows as a long message is.
func (m *Model) crisisAfterOver(s *scratch) bool {
	d := &s.d
	from := int(s.sig.overEnd)
	if from >= len(d.toks) {
		return false
	}
	// A view of d's last tokens: crisisFeatures leaves a text of at most
	// crisisLong tokens as it is, and crisisWindows only views its source.
	s.tail.buf, s.tail.toks = d.buf, d.toks[from:]
	if len(s.tail.toks) > crisisLong {
		return m.crisisWindows(s, float32(math.Inf(-1)), &s.tail) >= crisisCut
	}
	s.winFeats = crisisFeatures(s.winFeats[:0], &s.tail)
	return m.crisis.score(s, s.winFeats, len(s.tail.toks)) >= crisisCut
}

// A message longer than crisisLong words is also read by the learned
// crisis signal in windows of up to crisisWindow words, one starting at
// each clause, and the highest score counts. A crisis said in one
// sentence of a long story ("…the real reason I'm awake is the blade in
// my hand…") weighs little among the whole message's features, most of
// which are the story's; a window about as long as a sentence hears it
// as the corpora's short rows are heard. Shorter messages are read whole
// only: a window of a short comment is mostly its few strongest words.
const (
	crisisLong   = 40
	crisisWindow = 16
)

// crisisWindows returns the highest of whole (the whole message's score)
// and the learned signal's score of each window of src's tokens.
func (m *Model) crisisWindows(s *scratch, whole float32, src *doc) float32 {
	z := whole
	n := len(src.toks)
	for i := 0; i < n; i++ {
		if i > 0 && src.toks[i].clause == src.toks[i-1].clause {
			continue
		}
		end := min(i+crisisWindow, n)
		// A view of src: appendFeatures keeps a window's tokens as they
		// are (they are fewer than maxTokens).
		s.win.buf, s.win.toks = src.buf, src.toks[i:end]
		s.winFeats = crisisFeatures(s.winFeats[:0], &s.win)
		z = max(z, m.crisis.score(s, s.winFeats, end-i))
		if end == n {
			break
		}
	}
	return z
}

// classify reads s.feats (the message's features) and fills s.probs with the calibrated probability of each flow
// for audience (0 for flows that do not serve it) and returns the two
// most probable flows (-1 when none).
func (m *Model) classify(s *scratch, audience string) (b1, b2 int) {
	nc := len(m.flows)
	// The message's vector, unit length; features no example has count
	// in the length, so that a message that is mostly about something
	// else weighs little in every flow.
	s.ids, s.vals = s.ids[:0], s.vals[:0]
	var unknown float64
	for _, f := range s.feats {
		id := m.tab.get(f.h)
		if id < 0 {
			unknown += float64(f.w) * float64(f.w)
			continue
		}
		s.ids, s.vals = addFeature(s.ids, s.vals, id, f.w)
	}
	unitLength(s.vals, float64(m.params.unknownNorm)*unknown)

	s.logits = resizeF64(s.logits, nc)
	s.probs = resizeF64(s.probs, nc)
	for c := range nc {
		s.logits[c] = float64(m.bias[c])
	}
	for j, id := range s.ids {
		x := s.vals[j]
		row := m.w[int(id)*nc : int(id)*nc+nc]
		for c, v := range row {
			s.logits[c] += float64(x * v)
		}
	}
	mx := math.Inf(-1)
	for c := range nc {
		if m.flows[c].serves(audience) {
			mx = max(mx, s.logits[c])
		}
	}
	var sum float64
	b1, b2 = -1, -1
	for c := range nc {
		s.probs[c] = 0
		if !m.flows[c].serves(audience) {
			continue
		}
		s.probs[c] = math.Exp((s.logits[c] - mx) / float64(m.temp))
		sum += s.probs[c]
		switch {
		case b1 < 0 || s.probs[c] > s.probs[b1]:
			b1, b2 = c, b1
		case b2 < 0 || s.probs[c] > s.probs[b2]:
			b2 = c
		}
	}
	for c := range nc {
		s.probs[c] /= sum
	}
	return b1, b2
}

// route fills a.Flow, Category, Confidence and Alternative; a.Escalate
// (the person detector) is already known.
func (m *Model) route(s *scratch, a *Analysis, audience string) {
	a.Category = flow.CategoryOutOfScope
	a.Confidence = 1
	if len(s.d.toks) == 0 || len(m.flows) == 0 || loneLetters(&s.d) {
		return
	}
	p := &m.params
	b1, b2 := m.classify(s, audience)
	if b1 < 0 {
		return
	}
	p1, p2 := s.probs[b1], 0.0
	if b2 >= 0 {
		p2 = s.probs[b2]
	}
	best := m.flows[b1]
	// The human flow needs more than a guess: a shaky match to it that
	// the person detector did not hear goes to the fallback, which offers
	// a person anyway; so does any match to it when the detector heard a
	// person spoken of and no request ("my sister is a real person, not a
	// bot", "call me? actually an email is fine", "are you a real person
	// or a bot?": a guard of the person file, personGuard). And so does
	// one in a message that says how the person feels (feltGuess).
	felt := a.Signals.felt()
	feltGuess := best.escalate && !a.Escalate && felt
	// A question about how to reach the team (a.Contact: "comment vous
	// joindre ?") is no request either: the engine gives the contacts and
	// goes on as the rest of the message says.
	// Nor is a person declined ("no need for a human, you're doing
	// fine": s.sig.declined) that the learned signal did not hear asked
	// again in the rest.
	lowEsc := best.escalate && !a.Escalate && (p1 < p.escConf || s.sig.personHeld || s.sig.personGuard || len(s.sig.declined) > 0 || felt || a.Contact || a.AboutBot)
	switch {
	case best.oos:
		a.Confidence = p1
	case p1 < p.oos || lowEsc:
		a.Confidence = 1 - p1
	default:
		a.Flow, a.Category, a.Confidence = best.id, best.category, p1
		if b2 >= 0 && p2 >= p.close*p1 && !m.flows[b2].oos {
			a.Alternative = m.flows[b2].id
		}
		if slices.Contains(problemCategories[:], best.category) {
			// A close call may be two needs too: routeTwoNeeds says
			// whether the sides of its "and" are the two.
			m.routeTwoNeeds(s, a, audience)
		}
	}
	// Both read s.probs as the whole message left them: a colleague's
	// feeling first, as routeClauses classifies each clause into them.
	if a.Flow == "" && audience == flow.AudienceEmployee {
		m.routeColleague(s, a)
	}
	if audience == flow.AudienceEmployee {
		m.routeUnasked(s, a)
		m.routeVent(s, a)
		m.customerQuestion(s, a)
	}
	// A customer's feeling said of oneself that reaches no flow ("I'm
	// terrified I've made a huge mistake", « je me fais un sang d'encre
	// pour tout ça ») goes to the worries flow too: it listens first and
	// offers a person anyway, where the fallback says it did not
	// understand (understand19). A loss, loneliness or a crisis keeps
	// the fallback's answer, which acknowledges it and offers a person.
	feltSelf := felt && !a.Escalate && !a.Signals.Grief && !a.Signals.Lonely && !a.Signals.Crisis && selfToldIndex().has(&s.d)
	if a.Flow == "" && (feltGuess || feltSelf) && audience != flow.AudienceEmployee {
		m.routeTo(s, a, flow.CategoryComplaintProblem, audience)
	}
	// Sarcasm is no thanks ("thanks a lot, my order is late again"): the
	// clause that names the problem leads, as in a complaint; failing
	// one, the fallback asks, never the goodbye and its survey (play25).
	sarcasm := s.sig.sarcasm && a.Category == flow.CategoryGratitudeClosing
	if a.Flow == "" || a.Category == flow.CategoryComplaintProblem || sarcasm {
		m.routeClauses(s, a, audience)
	}
	if sarcasm && a.Category == flow.CategoryGratitudeClosing {
		a.Flow, a.Category, a.Alternative = "", flow.CategoryOutOfScope, ""
	}
	// A menu asked for with a feeling ("take me back to the menu, I'm so
	// scared I can't stop shaking") says something else: the feeling is
	// heard as it was before [menu], not left for the welcome's choices.
	// Anger said with it ("back to the menu, this is useless") is no need
	// of care, and the menu it asks for comes.
	if s.sig.menu && !(a.Signals.Distress || a.Signals.Anxiety || a.Signals.Lonely) {
		m.routeMenu(a, audience)
	}
}

// customerQuestion marks a colleague's message that asks a customer's
// question (Analysis.CustomerQuestion): the customers' router is sure
// (clauseConf) it asks for a problem's flow, and the message says no
// feeling, asks for no person and speaks of no customer ([customer24]:
// "a customer yelled at me about his late order" is a colleague's day,
// listened to by peer support). Before, "where is my order" on the staff
// Slack got "Sorry, I didn't catch which one you meant", and « je veux
// annuler ma commande » peer support's "What's going on?" (fix24). One
// that speaks of the colleague's own pay, expenses or shifts ([work24]:
// "payroll charged me twice", « ma paie n'est pas arrivée ») is none
// either: it was sent to the customer chat (review24).
// s.probs are the whole message's again after.
func (m *Model) customerQuestion(s *scratch, a *Analysis) {
	if a.Escalate || a.Contact || a.AboutBot || a.Menu || a.Signals.felt() || a.Signals.Crisis || customerIndex().has(&s.d) || workIndex().has(&s.d) {
		return
	}
	probs := slices.Clone(s.probs)
	defer func() { s.probs = probs }()
	b1, _ := m.classify(s, flow.AudienceCustomer)
	a.CustomerQuestion = b1 >= 0 && s.probs[b1] >= clauseConf && slices.Contains(problemCategories[:], m.flows[b1].category)
}

// loneLetters reports a message of single letters ("mmm" drawn out, "n",
// "x x"): it names no need, and goes to the fallback, which says it did
// not catch it. Learnt weights of a lone letter sent it somewhere ("m", the
// "m" of "I'm" in many examples, to the worries flow). "a" is left to the
// model: « a+ », « à+ » (see you) are farewells written with it.
func loneLetters(d *doc) bool {
	for i, t := range d.toks {
		if t.end-t.start != 1 || t.num >= 0 {
			return false
		}
		if w := d.word(i)[0]; w == 'a' {
			return false
		}
	}
	return true
}

// routeMenu sends a message that asks for the menu or to start again, and
// says nothing else ("back to the main menu", "can we start over", « on
// reprend depuis le début »: the [menu] section of the person files), to
// the welcome, whose menu it is, surely: at a question too, it leaves the
// question as "menu" does. Learnt from examples, the few words of such a
// message went anywhere ("back to the beginning" to cancellations,
// « recommencer » to none), and examples of them pulled strangers'
// questions of menus and restarts elsewhere (a restaurant's menu, a phone
// to restart) to the welcome.
func (m *Model) routeMenu(a *Analysis, audience string) {
	for _, f := range m.flows {
		if f.category == flow.CategoryGreeting && f.serves(audience) {
			a.Flow, a.Category, a.Confidence, a.Alternative, a.Menu = f.id, f.category, 1, "", true
			return
		}
	}
}

// routeTwoNeeds asks which need comes first when a message joins two with
// "and" (« mot de passe oublié et colis pas reçu », "can't sign in and my
// parcel hasn't come"), a '+' or '&', or only a comma or a full stop ("my
// order never came, you charged me twice", "My parcel never arrived. You
// charged me twice."): each side of the first [and] word or mark that
// asks clearly (clauseConf) for a different problem's flow, one of them
// the message's, makes the other the Alternative, and the engine asks.
// Without an [and] word or mark, each clause boundary is tried in turn,
// and the first whose two sides ask clearly is the cut: "my order never
// came, it was a present" has one side that asks for nothing, and is one
// need. How sure the router is of the whole message is a matter of its
// training (the clarifying question came and went with examples
// elsewhere); the two needs are in the words. A close call the router made
// already is kept, and said to be two needs when its two flows are the
// sides. s.feats is the whole message's again after.
func (m *Model) routeTwoNeeds(s *scratch, a *Analysis, audience string) {
	d := &s.d
	n := len(d.toks)
	if n < 2*clauseMinWords+1 {
		return
	}
	whole := s.feats
	probs := slices.Clone(s.probs)
	defer func() { s.feats, s.probs = whole, probs }()
	cuts, least := twoNeedCuts(d)
	for _, c := range cuts {
		sides, ok := m.needSides(s, c, least, audience)
		if !ok {
			continue
		}
		f0, f1 := m.flows[sides[0]], m.flows[sides[1]]
		switch {
		case f0.id == f1.id:
		case least == commaConf && (f0.category == flow.CategoryCancelRefund || f1.category == flow.CategoryCancelRefund):
			// A refund or a cancellation asked after a comma is the
			// remedy of the problem told beside it, one matter: « je
			// n'ai pas reçu mon colis, je préfère être remboursé ».
			// Joined by "and", it is asked about, as before.
		case a.Alternative != "":
			// A close call already: two needs when its two are the sides.
			a.TwoNeeds = f0.id == a.Flow && f1.id == a.Alternative || f1.id == a.Flow && f0.id == a.Alternative
		case f0.id == a.Flow:
			a.Alternative, a.TwoNeeds = f1.id, true
		case f1.id == a.Flow:
			a.Alternative, a.TwoNeeds = f0.id, true
		}
		return
	}
}

// twoNeedCuts lists where a message of n tokens may join two needs, as
// {end of the first side, start of the second}: the first [and] word, or
// the word after a '+' or '&' (token.joined), which joins as "and" does
// ("my order never came + you charged me twice" asked only about the
// payment before, play23); without one, every clause boundary (a comma,
// a full stop: "my order never came, you charged me twice" did, fix24).
// Each side holds clauseMinWords words at least. least is how sure the
// router must be of each side: clauseConf after a word that joins, and
// commaConf after a comma, which as often goes on with the same matter.
func twoNeedCuts(d *doc) (cuts [][2]int, least float64) {
	n := len(d.toks)
	ix := andIndex()
	for i := clauseMinWords; i <= n-clauseMinWords; i++ {
		if d.toks[i].joined {
			return [][2]int{{i, i}}, clauseConf
		}
		if i < n-clauseMinWords && d.toks[i].num < 0 && len(ix.words[string(d.word(i))]) > 0 {
			return [][2]int{{i, i + 1}}, clauseConf
		}
	}
	for i := clauseMinWords; i <= n-clauseMinWords; i++ {
		if d.toks[i].clause != d.toks[i-1].clause {
			cuts = append(cuts, [2]int{i, i})
		}
	}
	return cuts, commaConf
}

// commaConf is how sure the router must be of each side of a comma or a
// full stop to hear two needs there: as sure as of a plain request said
// alone ("my order never came" 0.998, "you charged me twice" 1.00). A
// comma as often goes on with the same matter, in words a guess takes
// for another flow: "a payment I did not make, how can I get it
// cancelled?" (0.88 for the cancellation) is one disputed charge.
const commaConf = 0.99

// needSides classifies the two sides of cut c on their own, and reports
// whether each asks for a problem's flow at least that surely. After a
// comma, a side that only gives a reference ("my order is AB-123456", «
// ma commande est AB-123456 ») is none: it names the order of the problem
// told beside it, where "my order AB-123456 never came" is a need of its
// own (review24: the first were asked "which one is it?").
func (m *Model) needSides(s *scratch, c [2]int, least float64, audience string) ([2]int, bool) {
	d := &s.d
	var sides [2]int
	for k, r := range [2][2]int{{0, c[0]}, {c[1], len(d.toks)}} {
		if least == commaConf && onlyReference(d, r[0], r[1]) {
			return sides, false
		}
		s.win.buf, s.win.toks = d.buf, d.toks[r[0]:r[1]]
		s.winFeats = appendFeatures(s.winFeats[:0], &s.win)
		s.winFeats = appendRouteConcepts(s.winFeats, &s.win, m.params.routeConcept)
		s.feats = s.winFeats
		b1, _ := m.classify(s, audience)
		if b1 < 0 || s.probs[b1] < least || !slices.Contains(problemCategories[:], m.flows[b1].category) {
			return sides, false
		}
		sides[k] = b1
	}
	return sides, true
}

// onlyReference reports tokens [from, to) of d that give a number and
// nothing but the words that name it ([ref24]: "my order is", «
// c'est la commande », "n°"), the letters before the number included
// ("AB" of AB-123456).
func onlyReference(d *doc, from, to int) bool {
	ix := refIndex()
	number := false
	for i := from; i < to; i++ {
		switch {
		case d.toks[i].num >= 0:
			number = true
		case i+1 < to && d.toks[i+1].num >= 0 && len(d.word(i)) <= 3:
			// The letters of a reference: "ab" of AB-123456.
		case len(ix.words[string(d.word(i))]) == 0:
			return false
		}
	}
	return number
}

// routeColleague sends a colleague's message that reaches no flow but says
// how they feel ("my manager keeps shouting at me in meetings", « trop de
// boulot, je craque ») to the employees' support flow the router leans to
// most: the employees' bot is there to listen, and "I'm not sure I
// understood" is the wrong answer to someone upset. So does one that
// speaks of losing one's job (jobWorryIndex), a worry said in calm words
// as often as not ("they're cutting jobs in my team and I might be
// next", « est-ce que j'aurai encore un poste après la fusion »). A
// request for a person keeps its own flow.
func (m *Model) routeColleague(s *scratch, a *Analysis) {
	if a.Escalate || !(a.Signals.felt() || jobWorryIndex().has(&s.d)) {
		return
	}
	m.routeTo(s, a, flow.CategoryEmployeeSupport, flow.AudienceEmployee)
}

// routeUnasked keeps a colleague who speaks of a person without asking
// for one ("I had a fight with my supervisor", "someone on my team stole
// my presentation": a supervisor, someone, are people spoken of) from the
// human flow: the router's guess of it that no person detector heard
// (a.Escalate false) goes to the employees' own support flow, which
// listens and offers a colleague anyway. Before, both went to "nobody
// from our team can join" (play23). A close call between the two is
// still asked.
func (m *Model) routeUnasked(s *scratch, a *Analysis) {
	if a.Escalate {
		return
	}
	if a.Category == flow.CategoryEscalateHuman {
		m.routeToOwn(s, a, flow.CategoryEmployeeSupport, flow.AudienceEmployee)
	}
}

// routeVent sends a colleague who wants to vent ("I just want to vent for
// a minute", "I need to rant", « je veux juste râler un peu »: the [vent]
// words) to the employees' own support flow, which listens: the router,
// reading "a minute" or « un peu », sent them to the breathing pause. A
// gate, not a feature: the router's training is untouched. A request for
// a person keeps its own flow.
func (m *Model) routeVent(s *scratch, a *Analysis) {
	if a.Escalate || m.forEmployees(a.Flow) || !ventIndex().has(&s.d) {
		return
	}
	m.routeToOwn(s, a, flow.CategoryEmployeeSupport, flow.AudienceEmployee)
}

// routeToOwn is routeTo among the flows written for audience alone (not
// those for anyone, such as the breathing pause).
func (m *Model) routeToOwn(s *scratch, a *Analysis, category, audience string) {
	best := -1
	for c, f := range m.flows {
		if f.category == category && f.audience == audience && (best < 0 || s.probs[c] > s.probs[best]) {
			best = c
		}
	}
	if best >= 0 {
		f := m.flows[best]
		a.Flow, a.Category, a.Confidence, a.Alternative, a.TwoNeeds = f.id, f.category, s.probs[best], "", false
	}
}

// routeTo sends the message to the flow of category serving audience that
// s.probs leans to most (none when no flow has it).
//
// A customer's message that says how they feel and that the router took
// for a request for a person, when the person detector heard none, goes
// to the worries flow this way (see route): « ma responsable me crie
// dessus devant toute l'équipe » went to the human flow on the router's
// guess at "responsable", though nobody was asked for; the worries flow
// listens first and offers a person anyway.
func (m *Model) routeTo(s *scratch, a *Analysis, category, audience string) {
	best := -1
	for c, f := range m.flows {
		if f.category == category && f.serves(audience) && (best < 0 || s.probs[c] > s.probs[best]) {
			best = c
		}
	}
	if best >= 0 {
		f := m.flows[best]
		a.Flow, a.Category, a.Confidence, a.Alternative = f.id, f.category, s.probs[best], ""
	}
}

// Frustration and a need said together ("this is the third time I write,
// where is my parcel", "I've written three times already, where is my
// order?", "my account got hacked and i'm really scared") read whole as
// a complaint, or as nothing clear: the words of the frustration outweigh
// the need's. The need is what the person came
// for, and their feeling is heard anyway (the signals read the whole
// message). So when the whole message goes to no flow or to the
// complaints' flow, each of its clauses (ended by a mark, or by a word
// that joins a problem to a feeling: "I can't log in and I'm really
// frustrated") is routed on its own too, and a
// clause that asks clearly for one of the problems' flows (order,
// payment, account, cancellation) takes the message there.
const (
	// clauseConf is the least confidence of a clause's flow: the
	// router's confidence for a short, plain request ("where is my
	// parcel" 0.99) rather than a guess.
	clauseConf = 0.85
	// clauseMinWords: a clause of fewer words is no request of its own.
	clauseMinWords = 3
	// clauseLean is the least probability the whole message gives a
	// problem's flow for its clauses to be read (0.13 for "this is the
	// third time I write, where is my parcel").
	clauseLean = 0.05
)

// problemCategories are the categories of the flows that solve a
// customer's problem (see routeClauses).
var problemCategories = [...]string{flow.CategoryOrderDelivery, flow.CategoryBillingPayment, flow.CategoryAccountAccess, flow.CategoryCancelRefund}

// routeClauses routes each clause of a message of several on its own and
// sends the message to the flow of the most confident clause that asks
// for a problem's flow at clauseConf or more (see above); s.feats is the
// whole message's again after.
func (m *Model) routeClauses(s *scratch, a *Analysis, audience string) {
	d := &s.d
	n := len(d.toks)
	// A loss told beside the problem ("my dad just died and I can't log
	// in") is no feeling about it: the message is read whole, as before
	// [joins25], and the worries flow may still hear it.
	joined := joinsIndex().has(d) && !a.Signals.Grief
	if n < 2*clauseMinWords || d.toks[n-1].clause == d.toks[0].clause && !joined {
		return
	}
	// A clause can only ask clearly for a flow the whole message leans
	// to a little: most complaints and chit-chat pay nothing more.
	lean := 0.0
	for c, f := range m.flows {
		if slices.Contains(problemCategories[:], f.category) {
			lean = max(lean, s.probs[c])
		}
	}
	// A feeling joined to the problem ("I'm upset because my order is
	// late") may leave the problem's flow less than that: its words are
	// the person's need all the same.
	if lean < clauseLean && !(a.Signals.felt() && joined) {
		return
	}
	whole := s.feats
	defer func() { s.feats = whole }()
	bestFlow, bestP := -1, float64(clauseConf)
	try := func(from, to int) {
		s.win.buf, s.win.toks = d.buf, d.toks[from:to]
		s.winFeats = appendFeatures(s.winFeats[:0], &s.win)
		s.winFeats = appendRouteConcepts(s.winFeats, &s.win, m.params.routeConcept)
		s.feats = s.winFeats
		if b1, _ := m.classify(s, audience); b1 >= 0 && s.probs[b1] >= bestP &&
			slices.Contains(problemCategories[:], m.flows[b1].category) {
			bestFlow, bestP = b1, s.probs[b1]
		}
	}
	joins := joinsIndex()
	joinsAt := func(i int) bool { return joined && d.toks[i].num < 0 && len(joins.words[string(d.word(i))]) > 0 }
	for i := 0; i < n; {
		end := i + 1
		for end < n && d.toks[end].clause == d.toks[i].clause {
			end++
		}
		for j := i; j < end; {
			// A part of the clause, up to a word that joins a problem
			// to a feeling ([joins25]: "I can't log in and I'm really
			// frustrated"), which belongs to neither side.
			if joinsAt(j) {
				j++
				continue
			}
			k := j + 1
			for k < end && !joinsAt(k) {
				k++
			}
			if (j > i || k < end) && k-j >= clauseMinWords && feltBeside(d, j, k) {
				try(j, k)
			}
			j = k
		}
		if n > end-i && end-i >= clauseMinWords {
			try(i, end) // the whole clause, of a message of several
		}
		i = end
	}
	if bestFlow >= 0 {
		f := m.flows[bestFlow]
		a.Flow, a.Category, a.Confidence, a.Alternative = f.id, f.category, bestP, ""
	}
}

// feltBeside reports whether tokens [from, to), a part of a clause cut
// off by a joining word, leave beside them in their clause only a feeling
// said in a few words ("and I'm really frustrated", "I'm upset because",
// at most feltWords). A worry told with what
// it fears ("I'm scared I'll be fined because my payment went in late")
// is more than a feeling about the problem: the worries flow hears it.
func feltBeside(d *doc, from, to int) bool {
	c := d.toks[from].clause
	joins := joinsIndex()
	rest := 0
	beside := func(i int) bool { return i < len(d.toks) && d.toks[i].clause == c && (i < from || i >= to) }
	for i := range d.toks {
		if !beside(i) {
			continue
		}
		if d.toks[i].num >= 0 || len(joins.words[string(d.word(i))]) == 0 {
			rest++
		}
		// What the feeling is of ("scared of eviction"), unless it is
		// the problem itself ("upset about it").
		if d.toks[i].num < 0 && len(feltOfIndex().words[string(d.word(i))]) > 0 &&
			beside(i+1) && len(feltItIndex().words[string(d.word(i+1))]) == 0 {
			return false
		}
	}
	return rest <= feltWords
}

// feltWords is how many words a feeling beside a problem may take (see
// feltBeside): "honestly I'm fed up", "I'm upset … nobody answers".
const feltWords = 4

func resizeF64(x []float64, n int) []float64 {
	if cap(x) < n {
		return make([]float64, n)
	}
	return x[:n]
}

// signals reads the care signals and whether the text asks for a person
// (the person detector: person.LANG.txt, whatever the router chose), and
// whether it asks how to reach the team (its [contact] section).
// Feelings are read with the lexicon of the text's language (or the
// conversation's when the text is too short to tell, or every language
// when neither is known); crisis, vulnerability and requests for a person
// are read in every language, since missing them costs most.
func (m *Model) signals(s *scratch, textLang, hint string) (sig Signals, person, contact bool) {
	d := &s.d
	var sc scores
	s.sig.crisisN = 0
	s.sig.overEnd, s.sig.cueStart = 0, -1
	s.sig.thenClause, s.sig.cueClause = noPos, noPos
	s.sig.denied = s.sig.denied[:0]
	s.sig.who = s.sig.who[:0]
	s.sig.personHeld = false
	s.sig.cues = s.sig.cues[:0]
	s.sig.spans = s.sig.spans[:0]
	s.sig.back = false
	feel := m.lexLang[textLang]
	if feel == nil {
		feel = m.lexLang[hint]
	}
	sg := &s.sig
	if len(sg.found) < len(m.lex) {
		sg.found = make([]lexMatches, len(m.lex))
	}
	sg.guards = sg.guards[:0]
	sg.capsHabit = shouting(d)
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
		sg.guards = l.retract(d, &sg.found[i], sg.guards)
	}
	sg.personGuard = false
	sg.declined = sg.declined[:0]
	for _, g := range sg.guards {
		switch {
		case g.k == kindPerson && g.declined:
			if len(sg.declined) == 0 {
				sg.declined = resizeBool(sg.declined, len(d.toks))
			}
			for i := g.start; i < g.end; i++ {
				sg.declined[i] = true
			}
		case g.k == kindPerson:
			sg.personGuard = true
		}
	}
	for i, l := range m.lex {
		l.score(d, &sg.found[i], sg, &sc, feel)
	}
	s.sig.past = toldAsPast(&sc, &s.sig)
	s.sig.told = sc[kindThen] > 0 || sc[kindEvent] > 0 || sc[kindOver] > 0
	s.sig.event = !s.sig.past && toldAsEvent(&sc, &s.sig) && !pairedCrisisNow(&sc, s.sig.cues, s.sig.spans) && !crisisBack(&sc, s.sig.spans) && !threatCrisis(&sc)
	s.sig.hint = crisisHint(&sc) && (!s.sig.event || hintOutsideEvents(s.sig.cues, s.sig.spans))
	s.sig.half = crisisHalf(&sc) && !s.sig.event
	s.sig.farewell = s.sig.hint && sc[kindFinal] >= threshold && sc[kindThen] < threshold && sc[kindEvent] < threshold
	if jestedThreat(&sc) {
		for _, c := range s.sig.spans {
			if c.k == kindThreat {
				s.sig.deny(c.start, c.end, len(d.toks))
			}
		}
	}
	// A message in capitals is shouted only with a complaint: then it is
	// anger, and its capitals add force to what else it says; so is one
	// in lower case with a burst of marks and more complaint. A call
	// ("HELLO??? ANYONE???") asks for a person, and is no complaint.
	call := callingOut(d)
	complaint := false
	if (s.sig.capsHabit || d.burst) && !call {
		for _, l := range m.lex {
			if feel != nil && l != feel {
				continue
			}
			if complaint, s.sig.shout = l.shoutedAnger(d, s.sig.shout, !s.sig.capsHabit); complaint {
				break
			}
		}
	}
	sig = signalsFrom(&sc, s.sig.cues, s.sig.spans, emphasis(d, complaint), s.sig.crisisN, s.sig.past || s.sig.event)
	s.sig.sarcasm = sarcastic(d, feel)
	sig.Anger = sig.Anger || complaint
	s.sig.aboutBot = sc[kindBotQ] >= threshold
	s.sig.lost = sc[kindLost] >= threshold
	s.sig.menu = sc[kindMenu] >= threshold
	return sig, asksPerson(&sc) || call, sc[kindContact] >= threshold
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
			if loneLetter(d, i) {
				continue
			}
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

// loneLetter reports whether token i is a letter with no word after it in
// its clause: no French elision (« n'est », « m'a », « j'ai » read "n est",
// "m a", "j ai"), so no French; "n" or "mmm" drawn out to "m" had made an
// English conversation French.
func loneLetter(d *doc, i int) bool {
	t := d.toks[i]
	if t.end-t.start != 1 || t.num >= 0 {
		return false
	}
	return i+1 == len(d.toks) || d.toks[i+1].clause != t.clause
}

// Evidence needed to name a language: one clear function word ("the",
// "merci") is not always enough, two are.
const (
	langMin    = 1.0
	langMargin = 0.75
)

// staffClasses name, per language, the class of words.LANG.txt holding
// the people who work there ("agent", "someone", « conseiller », «
// quelqu'un »).
var staffClasses = map[string]string{"en": "staff", "fr": "humain"}

// NamesStaff reports whether text holds a word for a person who works
// there, in any language: "an agent in english", « un conseiller en
// anglais ». The engine asks it of the few words of a request for a
// language, which can hold the request for a person too.
func (m *Model) NamesStaff(text string) bool {
	var d doc
	normalize(&d, text)
	for _, l := range m.lex {
		c := l.classes[staffClasses[l.lang]]
		if c == nil {
			continue
		}
		for i := range d.toks {
			if c.has(d.word(i)) {
				return true
			}
		}
	}
	return false
}

// forEmployees reports whether flow id is for employees only (peer
// support), not for anyone.
func (m *Model) forEmployees(id string) bool {
	for i := range m.flows {
		if m.flows[i].id == id {
			return m.flows[i].audience == flow.AudienceEmployee
		}
	}
	return false
}
