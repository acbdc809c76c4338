package nlu

import "math"

// How lexicon matches become care signals.
//
// Every entry found adds its weight to its signal. A signal holds when its
// sum reaches 1, so a weight of 1 is "this alone says it" and 0.5 is "this
// with one more cue says it". Around each match:
//
//   - negation: a negation word up to negScope words before the entry, in
//     the same clause, cancels it ("not worried", "pas inquiet"). Phrases
//     that contain their own negation ("not happy", "ne veux plus vivre")
//     are entries of their own and are not cancelled by it.
//     A boundary word stops a negation from reaching past it ("can't
//     imagine how scary", "never been this sad").
//   - intensity: an intensifier up to intScope words before multiplies the
//     weight by its own weight ("really angry", "très inquiet"), and makes
//     a weak cue (weight under 1) count up to twice ("so bad"); a
//     diminisher multiplies too ("a bit worried"); capitals or a drawn-out
//     word inside the entry ("FURIOUS", "sooo sad") multiply it by
//     capsBoost.
//   - idioms: an entry inside an idiom ("killing me" in "this price is
//     killing me", "kill for") is multiplied by the idiom's weight, usually 0.
//   - guards: an entry of weight 0 cancels every entry of its kind it
//     overlaps, in any language, unless that entry contains it and is
//     longer ("customer service number", "a film about suicide").
//   - takebacks: a person entry of negative weight ("-1 is there ..
//     just curious") cancels the person entries of its own clause, as a
//     guard of the whole clause: a question about a person asked out of
//     curiosity asks for nobody, and a request said beside it still asks
//     ("can I talk to an agent. is there a discount just curious").
//   - retractions: an entry of a person file's [retract] section ("actually
//     an email is fine", « laissez tomber ») cancels the person entries said
//     before it, from the message's start to its own end: the request was
//     taken back. A request said after it still asks ("never mind, get me
//     a human"). A guard in [retract] quiets a retraction's look-alike.
//   - declines: an entry of a person file's [decline] section ("no need
//     for", « pas besoin ») guards the person entries from its start to
//     the end of its clause or a word of the [reopen] class ("but", "I",
//     a bot): "no need to get a human involved", not "no need for the bot
//     I want a human"; said last in its clause, the whole clause ("a
//     human won't be necessary").
//   - asides: an entry of a person file's [other] section ("my sister is a
//     real person") is a guard that also covers the next clause when it
//     opens with a word of the [contrast] class (", not a bot"): a person
//     said of someone else.
//   - safety entries (crisis, vulnerability, person) keep their written
//     weight: no intensity, no capitals; person entries are not negated
//     either ("I can't reach a human" asks for one).
//
// The whole message is then multiplied by exclaimBoost for "!!" and by
// shoutBoost when most of it is in capitals and it complains (see
// shoutedAnger). In a message mostly in capitals, a word in capitals is
// no emphasis: capitals are how the person types.
const (
	negScope     = 3
	intScope     = 2
	capsBoost    = 1.3
	exclaimBoost = 1.2
	shoutBoost   = 1.3
	threshold    = 1.0
	weakBoost    = 2.0 // an intensified weak cue counts this much more, up to the threshold
)

// scores are the summed weights of one message, by entry kind.
type scores [numKinds]float32

// signalScratch is reused between messages.
type signalScratch struct {
	cand   []uint32     // per token, the matchers an entry of which may start there
	found  []lexMatches // per lexicon of the model, in order
	guards []guard      // of every lexicon: a guard in one language holds in all
	mods   []match
	shout  []match // cues of a shouted message (shoutedAnger)
	// capsHabit: most of the message is in capitals (shouting), so a word
	// in capitals says no more than the others: many older people type
	// that way. Only drawn-out words ("sooo") are emphasis there.
	capsHabit bool
	neg       []bool
	brk       []bool // boundaries: a negation before them does not reach past
	intens    []float32
	idioms    []idiomSpan
	crisisN   float32 // weight of crisis entries that were negated
	past      bool    // the message tells a crisis as past and over (toldAsPast)
	hint      bool    // the lexicon heard half of a plan (crisisHint)
	half      bool    // the lexicon heard half a crisis statement (crisisHalf)
	// farewell: a [final] heard whole as a hint (a goodbye, thanks for
	// everything), with no time gone by or past event beside it.
	farewell bool
	// told: the lexicon heard a time gone by, a past event or a danger
	// over ([then], [event], [over]) anywhere in the message: the learned
	// signal's lean is no crisis then, even after distress
	// (Analysis.CrisisLeaning).
	told bool
	// overEnd is where the last "it is over now" ([over]) heard ends, and
	// cueStart where the last crisis cue heard starts (a crisis entry, a
	// means, arrangements, a finality); -1 when none. A cue after the
	// "over" is the present: "ten years ago I tried, I'm fine now. But I
	// want to die" is no history (toldAsPast).
	overEnd, cueStart int32
	// thenClause is the clause of the first time gone by ([then]) heard,
	// and cueClause the clause of the first crisis cue; noPos when none.
	// A cue in a clause before any time gone by is the present too: "I
	// want to kill myself. I used to be happy, not anymore" tells why, not
	// a history ("I overdosed ten years ago" is one clause: history).
	thenClause, cueClause int32
	// event: the message names its crisis as an event of a time gone by
	// and says nothing of now (toldAsEvent). spans holds what that needs:
	// every time gone by, event and crisis cue heard, in order; back is
	// set when a takeback of [over] ("again", "tonight") was heard.
	event bool
	back  bool
	spans []kindSpan
	// personHeld is set when a person entry was heard and cancelled by a
	// guard, a takeback, a retraction or an aside: the detector read a
	// person spoken of and found no request ("my sister is a real person,
	// not a bot"), which the router, reading words, cannot tell.
	personHeld bool
	// personGuard is set when a guard, a takeback, a retraction or an
	// aside of the person file was heard anywhere in the message, with or
	// without a request it cancels: the message speaks of a person in a
	// way the lexicon knows asks for nobody ("I need my manager to sign
	// it"), and the learned person signal, which reads words, keeps quiet
	// (personml.go).
	personGuard bool
	// declined marks, per token, the scopes of the persons declined
	// ([decline] of person files: "no need for a human"); empty when
	// there is none. The learned person signal reads the rest of the
	// message ("no need for the faq, just a real person").
	declined []bool
	// aboutBot: an entry of the person files' [bot] section was heard
	// (Analysis.AboutBot).
	aboutBot bool
	// lost: an entry of the person files' [lost] section was heard
	// (Analysis.Lost).
	lost bool
	// menu: an entry of the person files' [menu] section was heard: the
	// message asks for the menu, or to start again (routeMenu).
	menu bool
	// sarcasm: praise or thanks said alone, then what went wrong
	// (sarcastic): frustration, and no goodbye (route).
	sarcasm bool
	// cues are the paired cues heard ([means], [when], [final],
	// [arranged], [away]), each with the token its sentence starts at:
	// an errand's frame vetoes the plan cues of its own sentence
	// (pairedCrisis).
	cues []pairCue
	// denied marks, per token, the crisis statements the lexicon heard
	// negated, from the negation to the statement's end ("not going to
	// kill myself"), and those a guard of the crisis file cancelled ("i
	// hate being alive at 6am"); empty when there is none. The learned
	// signal reads the rest of the message.
	denied []bool
	// The feel16 sections of the modifiers files (scopeFeeling): per
	// token, the longest [others], [condition] or [past] modifier ending
	// there, and the longest [postnegation], [thing] or [answer] one
	// starting there; answered marks the tokens of an answer to a
	// question ("no" in "stressed? no, just asking"), and settled is
	// where the last [settled] cue not negated starts (-1: none).
	// topic holds the [topic] modifiers by their last token, as cond;
	// laugh the weight of a [laugh] modifier per clause (1: none), and
	// laughBack whether the message takes its laughs back (a [laugh] entry
	// of weight 1: "not joking", « je rigole pas »).
	// reported holds the [reported] modifiers by their last token.
	others, cond, pastAt, postNeg, thing, answer, topic, reported scopeMarks
	answered                                                      []bool
	laugh                                                         []float32
	laughBack                                                     bool
	settled                                                       int32
	pendingSettled                                                []match
	unsettled                                                     []match // the [settled] guards heard
	// who marks, per token, what the person said of who they are (a
	// vulnerability entry heard: their age, a pregnancy, a disability);
	// empty when there is none. The learned crisis signal must hear a
	// danger without these words (see analyze).
	who []bool
}

// lexMatches are the entries of one lexicon found in a message: its
// safety entries first (nSafety of them), then its feelings.
type lexMatches struct {
	sigs    []match
	nSafety int
}

// pairCue is a paired cue heard: its kind, weight, tokens and the first
// token of its sentence.
type pairCue struct {
	k          entryKind
	w          float32
	start, end int32
	sent       int32
}

// kindSpan is where an entry of kind k was heard, and in which clause.
type kindSpan struct {
	k                  entryKind
	start, end, clause int32
}

// guard is where a guard (an entry of weight 0) of kind k was found.
type guard struct {
	start, end int32
	k          entryKind
	// declined marks the scope of a person declined ([decline]): the
	// learned person signal reads the message without it, where other
	// person guards keep it quiet (analyze).
	declined bool
}

// find fills f with the entries of lexicon l in d, starting at the
// candidate tokens (cand, from l.starts): every entry when feel
// is set, else crisis, vulnerability and person only; and adds its guards
// to guards.
func (l *lexicon) find(d *doc, cand []uint32, f *lexMatches, guards []guard, feel bool) []guard {
	f.sigs = l.safety.findIn(d, cand, f.sigs[:0])
	f.nSafety = len(f.sigs)
	if feel {
		f.sigs = l.feel.findIn(d, cand, f.sigs)
	}
	for i, m := range f.sigs {
		p := l.phrase(f, i)
		switch {
		case p.w == 0 && i >= f.nSafety && l.emphasized(d, m):
			// A formula said with emphasis inside it is meant: "I'm
			// really afraid someone is using my card" is no polite
			// "I'm afraid my card expired".
		case p.w == 0:
			guards = append(guards, guard{start: m.start, end: m.end, k: entryKind(p.ref)})
		case p.w < 0 && p.ref == int32(kindPerson):
			// A takeback guards its clause: "is there a human behind
			// this just curious", not "I want an agent." before it.
			start, end, c := m.start, m.end, d.toks[m.start].clause
			for start > 0 && d.toks[start-1].clause == c {
				start--
			}
			for int(end) < len(d.toks) && d.toks[end].clause == c {
				end++
			}
			guards = append(guards, guard{start: start, end: end, k: kindPerson})
		}
	}
	return guards
}

// emphasized reports a feeling guard's match with an intensifier of l
// inside it, standing there as a filler ([feelfiller] and [intensifier]:
// "really", "so", « vraiment »): "I'm so afraid" is fear said, where "I'm
// afraid" gives bad news politely. A guard whose own words hold the
// intensifier ("so sorry to") keeps its hold.
func (l *lexicon) emphasized(d *doc, m match) bool {
	if l.feel.filler == nil || m.end-m.start < 3 {
		return false
	}
	// The guard's own words: a span longer than them holds fillers. A
	// guard with a gap or an optional word is left as it is.
	p := &l.feel.phrases[m.phrase]
	words := int32(0)
	for _, pt := range l.feel.parts[p.at : p.at+p.n] {
		switch {
		case pt.kind == partGap || pt.opt:
			return false
		case pt.kind != partEnd && pt.kind != partStart:
			words++
		}
	}
	if m.end-m.start <= words {
		return false
	}
	var ms []match
	for i := m.start + 1; i < m.end-1; i++ {
		if !l.feel.filler.memoHas(d, int(i)) {
			continue
		}
		if ms == nil {
			ms = l.mods.find(d, nil)
		}
		for _, mm := range ms {
			if mm.start == i && mm.end == i+1 && entryKind(l.mods.phrases[mm.phrase].ref) == kindIntensifier {
				return true
			}
		}
	}
	return false
}

// retract adds person guards for the retractions and asides of f (entries
// of [retract] and [other] not themselves guarded): from the message's start
// to a retraction's end ("call me when it ships? actually an email is
// fine" takes the call back), and over an aside's clause and a contrast
// right after it ("my sister is a real person, not a bot"). Run after every lexicon's
// find, so that a guard of those sections in any language holds.
func (l *lexicon) retract(d *doc, f *lexMatches, guards []guard) []guard {
	n := len(guards)
	for i, m := range f.sigs[:f.nSafety] {
		p := l.phrase(f, i)
		k := entryKind(p.ref)
		if p.w <= 0 || (k != kindRetract && k != kindOther && k != kindDecline && k != kindUltimatum) || guarded(guards[:n], m, k) {
			continue
		}
		if k == kindUltimatum {
			guards = ultimatum(d, m, guards)
			continue
		}
		if k == kindRetract {
			guards = append(guards, guard{start: 0, end: m.end, k: kindPerson})
			continue
		}
		if k == kindDecline {
			// Said last in its clause, the cue declines what came before
			// it: "a human won't be necessary", « un humain n'est pas
			// nécessaire ».
			start, end, c := m.start, l.declineEnd(d, m), d.toks[m.start].clause
			if end == m.end {
				for start > 0 && d.toks[start-1].clause == c {
					start--
				}
			}
			guards = append(guards, guard{start: start, end: end, k: kindPerson, declined: true})
			continue
		}
		// The aside itself, as a guard would ("my mum is a real person and
		// she wants an agent" still asks), and a contrast opening the next
		// clause: ", not a bot".
		end, c := m.end, d.toks[m.start].clause
		next := end
		for int(next) < len(d.toks) && d.toks[next].clause == c {
			next++
		}
		if cw := l.classes[contrastClass]; cw != nil && int(next) < len(d.toks) && cw.has(d.word(int(next))) {
			end = next + 1
			for int(end) < len(d.toks) && d.toks[end].clause == d.toks[next].clause {
				end++
			}
		}
		guards = append(guards, guard{start: m.start, end: end, k: kindPerson})
	}
	return guards
}

// ultimatum adds the guards of a complaint's ultimatum at m ([ultimatum]
// of crisis files: "if no reply I'm going to the ombudsman"): over the
// clause before its own and its own clause up to its end, for the
// finalities there ("this is my last message", « c'est mon dernier
// message »), and for the crisis entries of those of the two clauses that
// say a message. Any other crisis is still heard ("I want to kill myself,
// if no reply I'm going to the ombudsman" had no safety message when the
// guard reached every crisis entry), and so is what follows the
// ultimatum in its clause.
func ultimatum(d *doc, m match, guards []guard) []guard {
	start, c := m.start, d.toks[m.start].clause
	for start > 0 && d.toks[start-1].clause == c {
		start--
	}
	own := start
	if start > 0 {
		prev := d.toks[start-1].clause
		for start > 0 && d.toks[start-1].clause == prev {
			start--
		}
		if saysMessage(d, start, own) {
			guards = append(guards, guard{start: start, end: own, k: kindCrisis})
		}
	}
	if saysMessage(d, own, m.end) {
		guards = append(guards, guard{start: own, end: m.end, k: kindCrisis})
	}
	return append(guards, guard{start: start, end: m.end, k: kindFinal})
}

// saysMessage reports whether tokens [from, to) of d hold "message" (the
// same word in French): a last message is a complaint's finality only
// there.
func saysMessage(d *doc, from, to int32) bool {
	for i := from; i < to; i++ {
		if string(d.word(int(i))) == "message" {
			return true
		}
	}
	return false
}

// declineEnd is where the scope of the person declined at m ends: the end
// of its clause, or the first word of the [reopen] class after it ("no
// need for a bot but a human please", « pas besoin du robot je veux un
// humain »): what follows asks again.
func (l *lexicon) declineEnd(d *doc, m match) int32 {
	c, end := d.toks[m.start].clause, m.end
	rw := l.classes[reopenClass]
	for int(end) < len(d.toks) && d.toks[end].clause == c {
		if rw != nil && rw.has(d.word(int(end))) {
			break
		}
		end++
	}
	return end
}

// phrase returns the entry of match i of f.
func (l *lexicon) phrase(f *lexMatches, i int) *phrase {
	if i < f.nSafety {
		return &l.safety.phrases[f.sigs[i].phrase]
	}
	return &l.feel.phrases[f.sigs[i].phrase]
}

// score adds to sc the entries of lexicon l found in d (f), weighed by
// their neighbours; s.guards holds the guards of every lexicon. text is
// the lexicon of the text's language (nil when unknown): its modifiers
// apply to l's entries too, since l's crisis entries are read in texts of
// every language ("ce n'est pas une overdose" denies the English
// "overdos*"). Another language's modifiers do not: "point" negates in
// French, not in "at this point I want to die".
func (l *lexicon) score(d *doc, f *lexMatches, s *signalScratch, sc *scores, text *lexicon) {
	n := len(d.toks)
	if n == 0 || len(f.sigs) == 0 {
		return // most messages: no need to look for what modifies nothing
	}
	s.neg = resizeBool(s.neg, n)
	s.brk = resizeBool(s.brk, n)
	s.intens = resizeF32(s.intens, n, 1)
	s.idioms = s.idioms[:0]
	s.mods = l.mods.find(d, s.mods[:0])
	own := len(s.mods)
	scoped := false // a feel16 section was heard (scopeFeeling)
	if text != nil && text != l {
		s.mods = text.mods.find(d, s.mods)
	}
	for i, m := range s.mods {
		ms := l.mods
		if i >= own {
			ms = text.mods
		}
		p := &ms.phrases[m.phrase]
		switch entryKind(p.ref) {
		case kindNegation:
			s.neg[m.end-1] = true
		case kindIntensifier, kindDiminisher:
			s.intens[m.end-1] = p.w
		case kindBoundary:
			for i := m.start; i < m.end; i++ {
				s.brk[i] = true
			}
		case kindIdiom:
			s.idioms = append(s.idioms, idiomSpan{m.start, m.end, p.w})
		case kindOthers, kindCondition, kindPast, kindSettled, kindPostNeg, kindAnswer, kindThing, kindTopic, kindLaugh, kindReported:
			if !scoped {
				s.resetScopes(n)
				scoped = true
			}
			s.mark(d, m, entryKind(p.ref), p.w)
		}
	}
	if scoped {
		s.settleScopes(d)
	}
	titleHabit := titleHabit(d)
	for i, m := range f.sigs {
		p := l.phrase(f, i)
		k := entryKind(p.ref)
		// Of overlapping matches of one kind, only the longest counts:
		// "hate" inside "hate you" is the same feeling said once. An
		// entry of weight 0 is a guard: it cancels every entry of its
		// file it overlaps ("customer service number"). A person entry
		// of negative weight (a takeback) guards its clause (find): "is
		// there a human behind this just curious" asks for nobody, and a
		// request in another clause still asks.
		if k == kindPerson && p.w > 0 && !s.personHeld && guarded(s.guards, m, k) {
			s.personHeld = true
		}
		if k == kindPerson && p.w > 0 && botAsked(f, i, l) {
			// "Am I talking to a real person?", « je parle à un
			// humain ? »: the person said inside the bot question asks
			// what answers, not for someone (Analysis.AboutBot); held,
			// as by a guard, so the router's guess of a person is no
			// surer than the question.
			s.personHeld = true
			continue
		}
		if (k == kindCrisis || k == kindThreat) && p.w > 0 && guarded(s.guards, m, k) {
			// A crisis statement a guard says is a look-alike ("i hate
			// being alive at 6am", « c'est à se pendre cette attente »)
			// is not read by the learned signal either: it reads the
			// rest of the message, as after a denied one. So is a
			// threat a guard says is a game or a favour ("beat my dad
			// at chess", "hit my sister up"; violence17).
			s.deny(m.start, m.end, n)
		}
		if k == kindCrisis && p.w > 0 && quotedTitle(d, m, l.named, textNamed(text)) {
			// A name in quotation marks ("the \"Overdose\" energy drink
			// bundle", "the \"Suicide Squad\" poster") names a product or
			// a film: neither detector reads it. Speech reported in
			// quotes is written in small letters or runs longer.
			s.deny(m.start, m.end, n)
			continue
		}
		if p.w == 0 || (p.w < 0 && k == kindPerson) || k == kindRetract || k == kindOther || k == kindDecline || k == kindPlan || k == kindUltimatum || shadowed(f, i, l) || guarded(s.guards, m, k) {
			continue
		}
		if k == kindPity && settled(f, i, l, s.guards) {
			continue
		}
		w := p.w
		clause := d.toks[m.start].clause
		negated, negAt := false, int32(0)
		// A request for a person is not undone by a negation ("I can't
		// reach a human", "why can't I talk to someone"): its look-alikes
		// are longer entries of weight 0 in its own file ("don't need an
		// agent"). Safety entries keep their written weight: "a bit
		// suicidal" is not half a crisis.
		safety := k == kindPerson || k == kindCrisis || k == kindSenior || k == kindPregnant || k == kindDisabled || crisisFileKind(k)
		// A boundary word that opens the entry stops the negation before
		// it as one before it would: « je sais pas pourquoi je continue à
		// vivre » says the wish, not its denial.
		// A condition opened before a crisis entry stops it too: "it
		// wouldn't bother me if a bus hit me" says the wish (ifOpens).
		cond := safety && k != kindPerson && ifOpens(d, m.start)
		for j := m.start - 1; !p.sticky && k != kindPerson && !s.brk[m.start] && !cond && j >= 0 && j >= m.start-negScope; j-- {
			if d.toks[j].clause != clause || s.brk[j] || safety && ifOpens(d, j) {
				break
			}
			if s.neg[j] && !(isNe(d.word(int(j))) && holdsParticle(d, m)) {
				negated, negAt = true, j
				break
			}
		}
		for j := m.start - 1; !safety && j >= 0 && j >= m.start-intScope; j-- {
			if d.toks[j].clause != clause {
				break
			}
			if f := s.intens[j]; f != 1 {
				if f > 1 && ((d.toks[j].caps && !s.capsHabit) || d.toks[j].long) {
					f *= capsBoost // "SO sad", "sooo sad"
				}
				switch {
				case f > 1 && w < threshold:
					// A weak cue said with force is said: "so bad",
					// "really tired", "I really miss him".
					w = max(w*f, min(threshold, w*weakBoost))
				case f < 1 && w >= threshold && (k == kindDistress || k == kindAnxiety):
					// Sorrow or fear said mildly is still said: "I'm a
					// little scared", "a bit worried about the payment"
					// (feel16). Mild annoyance stays below ("bit
					// annoying … no worries").
					w = threshold
				default:
					w *= f
				}
				break
			}
		}
		emph := float32(1)
		for j := m.start; j < m.end; j++ {
			if !safety && ((d.toks[j].caps && !s.capsHabit) || d.toks[j].long) {
				emph = capsBoost
			}
		}
		idiom := idiomWeight(s.idioms, m)
		w *= emph * idiom
		if w > 0 && (k == kindDistress || k == kindAnger) && (sworn(d, m, l.swear) && (joySworn(d, l) || cheered(d, m, l)) || tempted(d, m, l)) {
			w = 0
		}
		if w > 0 && (k == kindDistress || k == kindAnger || k == kindAnxiety || k == kindLonely) {
			w *= s.scopeFeeling(d, m, k, p.sticky, scoped, titleHabit, l)
		} else if w > 0 && k == kindGrief {
			w *= s.scopeGrief(d, m, scoped, titleHabit, l.mine)
		}
		if negated {
			if k == kindCrisis {
				// "I'm not going to kill myself" is not a crisis
				// statement, but it is not a calm one either.
				s.crisisN += w
				s.deny(negAt, m.end, n)
			}
			continue
		}
		sc[k] += w
		if w > 0 && (k == kindSenior || k == kindPregnant || k == kindDisabled) {
			if len(s.who) == 0 {
				s.who = resizeBool(s.who, n)
			}
			for i := m.start; i < m.end; i++ {
				s.who[i] = true
			}
		}
		if w > 0 && k >= kindMeans && k <= kindAway && k != kindFiction && (k < kindThreat || k > kindJest) {
			s.cues = append(s.cues, pairCue{k, w, m.start, m.end, sentenceStart(d, m.start)})
		}
		switch k {
		case kindThen, kindEvent, kindCrisis, kindMeans, kindWhen, kindArranged, kindFinal, kindThreat:
			if w > 0 {
				s.spans = append(s.spans, kindSpan{k, m.start, m.end, clause})
			}
		case kindOver:
			s.back = s.back || w < 0
		}
		switch {
		case w <= 0:
		case k == kindOver:
			s.overEnd = max(s.overEnd, m.end)
		case k == kindThen:
			s.thenClause = min(s.thenClause, clause)
		case k == kindCrisis || k == kindMeans || k == kindArranged || k == kindFinal:
			s.cueStart = max(s.cueStart, m.start)
			s.cueClause = min(s.cueClause, clause)
		}
	}
}

// idiomSpan is an idiom heard: its tokens and weight.
type idiomSpan struct {
	start, end int32
	w          float32
}

// idiomWeight is the least weight of the idioms that m overlaps ("ça me
// tue" over "me tue"), 1 if none. An idiom that m holds whole and is
// longer than is no idiom of m: the longer entry says more (« ce soir
// j'arrête tout » is not the « j'arrête » of « combien si j'arrête »).
func idiomWeight(ids []idiomSpan, m match) float32 {
	w := float32(1)
	for _, id := range ids {
		if id.end <= m.start || id.start >= m.end {
			continue
		}
		if id.start >= m.start && id.end <= m.end && id.end-id.start < m.end-m.start {
			continue
		}
		w = min(w, id.w)
	}
	return w
}

// shadowed reports whether match i of f is inside a longer match of the
// same kind, or one as long and heavier ("1 liar*" over "0.5 liar"), or
// as long, as heavy and found first (l.phrase tells the safety
// matcher's matches from the others).
func shadowed(f *lexMatches, i int, l *lexicon) bool {
	ms, ph := f.sigs, func(j int) *phrase { return l.phrase(f, j) }
	m, p := ms[i], ph(i)
	for j, o := range ms {
		if j == i {
			continue
		}
		q := ph(j)
		if shadowKind(entryKind(q.ref)) != shadowKind(entryKind(p.ref)) || o.start > m.start || o.end < m.end {
			continue
		}
		ol, ml := o.end-o.start, m.end-m.start
		if ol > ml || (ol == ml && (q.w > p.w || (q.w == p.w && j < i))) {
			return true
		}
	}
	return false
}

// settled reports whether the pity of match i of f is settled by a plan
// said elsewhere in the message (an unguarded [plan] match that does
// not overlap it): "what a shame, I'll order next week".
func settled(f *lexMatches, i int, l *lexicon, gs []guard) bool {
	ms, ph := f.sigs, func(j int) *phrase { return l.phrase(f, j) }
	m := ms[i]
	for j, o := range ms {
		if q := ph(j); entryKind(q.ref) != kindPlan || q.w <= 0 || guarded(gs, o, kindPlan) {
			continue
		}
		if o.start >= m.end || o.end <= m.start {
			return true
		}
	}
	return false
}

// botAsked reports whether match i of f lies inside a match of the
// person files' [bot] section (kindBotQ) as long or longer: the request
// it would be is said as the question whether a bot answers.
func botAsked(f *lexMatches, i int, l *lexicon) bool {
	ms, ph := f.sigs, func(j int) *phrase { return l.phrase(f, j) }
	m := ms[i]
	for j, o := range ms {
		if j == i || entryKind(ph(j).ref) != kindBotQ || ph(j).w <= 0 {
			continue
		}
		if o.start <= m.start && o.end >= m.end {
			return true
		}
	}
	return false
}

// shadowKind is the kind an entry of kind k shadows and is shadowed as: a
// pity is distress there, so "bad" inside "too bad" is the pity said once
// (and settled with it), not distress of its own.
func shadowKind(k entryKind) entryKind {
	if k == kindPity {
		return kindDistress
	}
	return k
}

// guarded reports whether match m of kind k overlaps a guard (an entry
// of weight 0) of the same kind that it does not contain: "thinking about
// suicide" holds against the guard "about suicide" ("a film about
// suicide"), "suicide" alone does not.
func guarded(gs []guard, m match, k entryKind) bool {
	for _, g := range gs {
		// A guard of the distress file quiets its [lonely] and [grief]
		// sections too: loneliness and grief are distress named.
		// A guard of the person file quiets its [contact] section too:
		// "the number someone from your team called me on" is a story.
		if (g.k != k && !(g.k == kindDistress && (k == kindLonely || k == kindGrief || k == kindPity || k == kindPlan)) && !(g.k == kindPerson && k == kindContact)) || g.start >= m.end || m.start >= g.end {
			continue
		}
		if m.start <= g.start && m.end >= g.end && m.end-m.start > g.end-g.start {
			continue
		}
		return true
	}
	return false
}

func resizeBool(b []bool, n int) []bool {
	if cap(b) < n {
		return make([]bool, n)
	}
	b = b[:n]
	clear(b)
	return b
}

func resizeF32(b []float32, n int, v float32) []float32 {
	if cap(b) < n {
		b = make([]float32, n)
	}
	b = b[:n]
	for i := range b {
		b[i] = v
	}
	return b
}

// emphasis is the message-wide intensity factor: "!!", or shouting with
// a complaint (see shoutedAnger). Capitals without one are how the person
// types, not how they feel: "NON MERCI", « DESOLEE » are calm.
func emphasis(d *doc, complaint bool) float32 {
	f := float32(1)
	if d.exclaim >= 2 {
		f *= exclaimBoost
	}
	if complaint {
		f *= shoutBoost
	}
	return f
}

// shouting reports whether most of the message is in capitals (two
// words or more).
func shouting(d *doc) bool {
	return d.capsToks >= 2 && 2*d.capsToks >= d.wordToks
}

// A message in capitals is anger only with a complaint: capitals alone
// are how many older people type ("HELLO I NEED TO RESET MY PASSWORD
// PLEASE"). The cues of the anger files' [complaint] section add up,
// burstWeight more for a burst of marks ("!!!", "???", "?!"), those of
// [polite] take theirs back ("please", "thank you", « bonjour », « svp »),
// and the message is angry at threshold: "WHERE IS MY REFUND", "I HAVE
// BEEN WAITING FOR 3 WEEKS!!!", « CA MARCHE TOUJOURS PAS !! ». A burst
// alone is joy as often as anger ("HAPPY NEW YEAR!!!").
const burstWeight = 0.5

// A message in lower case with a burst of marks is angry with more
// complaint: "you charged me twice!!! I want my money back", « toujours
// rien ??? ça fait 3 semaines ». One complaint with marks is emphasis or
// impatience, not yet anger ("I was charged twice for the same order!!",
// "where is my parcel??"), and marks with none are joy or thanks ("it
// arrived!!! thank you"): markedMore is what the cues must add, past what
// a shouted message needs.
const markedMore = 1.0

// shoutedAnger reports whether a shouted message (see shouting), or one
// in lower case with a burst of marks (marked), holds a complaint, read
// with the cues of l.
func (l *lexicon) shoutedAnger(d *doc, ms []match, marked bool) (bool, []match) {
	ms = l.shout.find(d, ms[:0])
	var sum float32
	if d.burst {
		sum = burstWeight
	}
	if marked {
		sum -= markedMore
	}
	for i, m := range ms {
		p := &l.shout.phrases[m.phrase]
		if longerIn(ms, i, l.shout) {
			continue // "still no" holds "still": said once
		}
		if entryKind(p.ref) == kindPolite {
			sum -= p.w
		} else {
			sum += p.w
		}
	}
	return sum >= threshold, ms
}

// longerIn reports whether match i of ms, all of matcher mt, lies inside
// another of the same kind that is longer, or as long and found first.
func longerIn(ms []match, i int, mt *matcher) bool {
	m, k := ms[i], mt.phrases[ms[i].phrase].ref
	for j, o := range ms {
		if j == i || mt.phrases[o.phrase].ref != k || o.start > m.start || o.end < m.end {
			continue
		}
		if ol, ml := o.end-o.start, m.end-m.start; ol > ml || (ol == ml && j < i) {
			return true
		}
	}
	return false
}

// asksPerson reports whether the scores say the message asks for a person.
func asksPerson(sc *scores) bool {
	return sc[kindPerson] >= threshold
}

// toldAsPast reports whether the message tells a crisis as history: a
// time gone by and that it is over now ("back in 2015 I overdosed, I'm
// fine now"), with nothing that brings it back ("again", "tonight", a
// [back] cue: "it's coming back"). Neither detector's crisis counts then (analyze). A crisis cue heard
// after the last "it is over", or in a clause before the first time gone
// by, is said now: the message is no history.
func toldAsPast(sc *scores, s *signalScratch) bool {
	return sc[kindBack] == 0 && sc[kindThen] >= threshold && sc[kindOver] >= threshold && s.cueStart < s.overEnd && s.thenClause <= s.cueClause
}

// toldAsEvent reports whether the message names its crisis as an event
// of a time gone by and says nothing of now: every crisis entry heard
// lies inside an event ([event]: "my overdose", "my suicide attempt",
// « ma TS ») whose clause tells a time gone by ([then]: "last year", "in
// 2019", « il y a deux ans »), no time or decision ([when]) is said in
// another clause, and nothing takes it back ([over]'s negative entries:
// "again", "tonight", "lately"; a [back] cue: « ça recommence »). "after
// my overdose last year I switched plans, can I add my partner" tells
// why the account changed, not a danger, though it never says it is over
// (toldAsPast needs that). A plan or a goodbye said by paired cues, or a
// crisis said back (crisisBack), is no history (signals). Only the
// lexicon's crisis is history then: the learned signal reads the whole
// message as it reads any other.
func toldAsEvent(sc *scores, s *signalScratch) bool {
	if sc[kindThen] < threshold || sc[kindEvent] < threshold || s.back || sc[kindBack] > 0 {
		return false
	}
	cues := 0
	for _, c := range s.spans {
		switch c.k {
		case kindCrisis:
			if !inPastEvent(s.spans, c) {
				return false
			}
			cues++
		case kindWhen:
			if !inEventClause(s.spans, c) {
				return false
			}
		}
	}
	return cues > 0
}

// inPastEvent reports whether cue c lies inside an event of spans whose
// clause holds a time gone by.
func inPastEvent(spans []kindSpan, c kindSpan) bool {
	for _, e := range spans {
		if e.k != kindEvent || e.start > c.start || e.end < c.end {
			continue
		}
		for _, t := range spans {
			if t.k == kindThen && t.clause == e.clause {
				return true
			}
		}
	}
	return false
}

// inEventClause reports whether cue c is in the clause of an event of
// spans ("my mum tried to kill herself in 2008 and is fine now").
func inEventClause(spans []kindSpan, c kindSpan) bool {
	for _, e := range spans {
		if e.k == kindEvent && e.clause == c.clause {
			return true
		}
	}
	return false
}

// crisisBack reports whether the message names a crisis of the past
// ([event]: "my attempt", « ma TS ») and says it is here again ([back]:
// "it's coming back", "thinking about it again", « ça recommence », « j'y
// repense ») or names a means got ready outside that event and outside
// an errand's or a story's frame ([means]: "this week I bought a rope"):
// "I overdosed in 2019 and it's coming back" is a crisis, though no word
// of it says one now.
func crisisBack(sc *scores, spans []kindSpan) bool {
	if sc[kindEvent] < threshold {
		return false
	}
	if sc[kindBack] >= threshold {
		return true
	}
	if sc[kindMeans] < threshold || sc[kindAway] >= threshold || sc[kindFiction] >= threshold {
		return false
	}
	for _, c := range spans {
		if c.k == kindMeans && !inEvent(spans, c) {
			return true
		}
	}
	return false
}

// inEvent reports whether cue c lies inside an event of spans.
func inEvent(spans []kindSpan, c kindSpan) bool {
	for _, e := range spans {
		if e.k == kindEvent && e.start <= c.start && e.end >= c.end {
			return true
		}
	}
	return false
}

// crisisHint reports whether the lexicon heard half of a plan: a means
// or a place ("i know which bridge"), arrangements ("the cat's going to
// my mum") or a finality ("you won't hear from me again", "i'm ready
// now") without the cue that would pair it, outside an errand's or a
// story's frame. The learned signal then needs less to say crisis
// (crisisCutHinted). A finality is a hint since crisis18en: on its
// development probes it heard 3 more of 83 crises for no false alarm,
// and moved no alarm on the development rows of flows eval; a [when]
// (tonight, this weekend) was tried too and left out, as it raised 7
// alarms there (GoEmotions 2, XED 5) and 2 on violence17's look-alikes.
// A finality beside a time gone by or a past event is no hint: "my
// grandad took his own life when i was little, i've made my peace with
// it" is a loss told.
// Half-weight crisis entries are no hint: said in everyday sorrow ("I
// love you all", "tell my brother I'm sorry"), they raised the alarms on
// ordinary messages. They lower the cut less (crisisHalf).
func crisisHint(sc *scores) bool {
	told := sc[kindThen] >= threshold || sc[kindEvent] >= threshold
	return (sc[kindMeans] > 0 || sc[kindArranged] > 0 || (sc[kindFinal] > 0 && !told)) &&
		sc[kindAway] < threshold && sc[kindFiction] < threshold
}

// crisisHalf reports whether the lexicon heard half a crisis statement
// (a 0.5 entry of the crisis files, which waits for another half: "can
// someone look after my rabbit", "if the plane went down", « bientôt
// tout ça sera fini »), outside an errand's or a story's frame and with
// no time gone by or past event beside it: the learned signal then needs
// less to say crisis (crisisCutHalf, crisis19).
func crisisHalf(sc *scores) bool {
	told := sc[kindThen] >= threshold || sc[kindEvent] >= threshold
	return sc[kindCrisis] > 0 && !told && sc[kindAway] < threshold && sc[kindFiction] < threshold
}

// hintOutsideEvents reports whether half a plan (a means or
// arrangements, crisisHint) was heard outside every event of a time gone
// by among spans: « à 15 ans j'ai écrit une lettre d'adieu » names a
// letter of long ago, no half of a plan of now (crisis18fr).
func hintOutsideEvents(cues []pairCue, spans []kindSpan) bool {
	for _, c := range cues {
		if (c.k == kindMeans || c.k == kindArranged) && c.w > 0 && !inPastEvent(spans, kindSpan{k: c.k, start: c.start, end: c.end}) {
			return true
		}
	}
	return false
}

// noPos is a clause after every clause: thenClause and cueClause when
// nothing was heard.
const noPos = math.MaxInt32

// pairedCrisis reports whether the message says a plan or a goodbye by
// two cues of different families: a means or a place with a time, a
// decision or a finality ("the pills are counted out, tonight"; "I'm on
// the roof, this is goodbye"), or arrangements with a finality ("the keys
// are with my neighbour, thank you for everything, I won't be coming
// back"). A cue alone is an errand: "left the keys with the neighbour",
// "tonight", "goodbye and thanks for nothing". Inside a story's frame
// ("in the film", « dans le jeu ») a pair is the plot. A means with
// arrangements ("I've written the note and the tablets are on the bedside
// table") or two means apart ("the gun is unlocked and I know where the
// shells are") say a plan too, and so does a means of weight 2 alone,
// one that is the plan ("the lead is looped over the beam").
//
// An errand's frame ([away]: a trip, a move, a hike, a pill box, a
// delivery) makes the plan cues of its own sentence an errand: "the edge
// of the cliff on our hike, amazing views tonight" is a walk, while "the
// pills are counted, tonight. I'm moving out anyway" still says a plan in
// a sentence of its own. A goodbye is an errand whenever a frame is
// anywhere in the message: "moving to Leeds. Gave my things away. Thanks
// for everything" is a move told in three sentences.
func pairedCrisis(sc *scores, cues []pairCue) bool {
	return pairedCrisisNow(sc, cues, nil)
}

// pairedCrisisNow is pairedCrisis without the cues that lie inside an
// event of a time gone by among spans ([event] in a [then] clause,
// inPastEvent): « quand j'avais 15 ans j'ai écrit une lettre d'adieu, je
// l'ai brûlée depuis » names a goodbye of long ago, and its letter and its
// « adieu » pair no plan of now (crisis18fr). With spans nil it is
// pairedCrisis.
func pairedCrisisNow(sc *scores, cues []pairCue, spans []kindSpan) bool {
	if sc[kindFiction] >= threshold {
		return false
	}
	away := sc[kindAway] >= threshold
	if spans == nil && !away && sc[kindArranged] >= threshold && sc[kindFinal] >= threshold {
		return true
	}
	// Keys left and a goodbye before "two weeks in Spain" are a holiday;
	// blades "for my shaver, do you ship tonight?", an errand.
	var means, when, final, arranged float32
	var first pairCue
	// two: two means apart ("the gun is unlocked, I know where the shells
	// are"), or one that says the plan alone (weight 2: "the lead is
	// looped over the beam").
	two := false
	var allArranged, allFinal float32
	for _, c := range cues {
		if c.k == kindAway || spans != nil && inPastEvent(spans, kindSpan{k: c.k, start: c.start, end: c.end}) {
			continue
		}
		switch c.k {
		case kindArranged:
			allArranged += c.w
		case kindFinal:
			allFinal += c.w
		}
		if away && awayIn(cues, c.sent) {
			continue
		}
		switch c.k {
		case kindMeans:
			means += c.w
			switch {
			case c.w < threshold:
			case c.w >= 2*threshold:
				two = true
			case first.w == 0:
				first = c
			case c.start >= first.end || c.end <= first.start:
				two = true
			}
		case kindWhen:
			when += c.w
		case kindFinal:
			final += c.w
		case kindArranged:
			arranged += c.w
		}
	}
	if spans != nil && !away && allArranged >= threshold && allFinal >= threshold {
		return true
	}
	return means >= threshold && (when >= threshold || final >= threshold || arranged >= threshold || two)
}

// saidOfSelf reports whether the writer is the subject just before the
// match m, in its clause ("i'm so stressed", "im really anxious", « je
// suis trop stressée »); not "that exam had me so stressed".
func saidOfSelf(d *doc, s *signalScratch, m match, clause int32) bool {
	for j := m.start - 1; j >= 0 && j >= m.start-3; j-- {
		if d.toks[j].clause != clause || s.brk[j] {
			return false
		}
		switch string(d.word(int(j))) {
		case "i", "im", "je", "j":
			return true
		}
	}
	return false
}

// threatCrisis reports whether the writer threatens to harm someone
// else and means it (violence17): a threat ([threat]: "I'm going to hurt
// my neighbour", "im gonna stab him", « je vais buter mon chef ») with a
// resolve ([resolve]: a time, a plan, a weapon, an oath: "tomorrow", "I
// know where he lives", "I've got a knife", "I swear", « je rigole
// pas »). A threat alone is how people speak of couriers and siblings
// ("I'm going to kill my brother"); a jest ([jest]: "lol", "jk", « mdr
// », 😂, an errand it hangs on: "if my parcel isn't here by friday", a
// game or a match: « le boss final », "at chess") or a story's frame
// ([fiction]: "in the game") makes the pair a way of speaking.
//
// A jest raises the resolve it takes by its weight: a laugh or an errand
// (2) leaves only a weapon or a plan (2) with one more cue; a condition
// on someone's doings or an everyday grievance (1: "if she's late", "he
// ate my yoghurt", « il a fini les céréales ») one more resolve ("tonight,
// she deserves it").
func threatCrisis(sc *scores) bool {
	return sc[kindThreat] >= threshold && sc[kindResolve] >= threshold+sc[kindJest] &&
		sc[kindFiction] < threshold
}

// jestedThreat reports whether the message holds a threat that a jest
// says is a way of speaking ("I'm going to kill my brother tonight, he
// finished the cereal"): the lexicon heard it and let it go, and the
// learned signal does not read it either (analyze denies its words), as
// after a guarded crisis entry.
func jestedThreat(sc *scores) bool {
	return sc[kindThreat] >= threshold && sc[kindJest] > 0 && !threatCrisis(sc)
}

// awayIn reports whether an errand's frame was heard in the sentence
// starting at token sent.
func awayIn(cues []pairCue, sent int32) bool {
	for _, c := range cues {
		if c.k == kindAway && c.sent == sent {
			return true
		}
	}
	return false
}

// sentenceStart returns the first token of the sentence of token i.
func sentenceStart(d *doc, i int32) int32 {
	for i > 0 && !d.toks[i].sent {
		i--
	}
	return i
}

// signalsFrom turns scores into Signals.
func signalsFrom(sc *scores, cues []pairCue, spans []kindSpan, emph float32, crisisNegated float32, past bool) Signals {
	var s Signals
	lonely, grief := sc[kindLonely]*emph, sc[kindGrief]*emph
	dist, anger, anx := (sc[kindDistress]+sc[kindPity])*emph+lonely+grief, sc[kindAnger]*emph, sc[kindAnxiety]*emph
	s.Crisis = (sc[kindCrisis] >= threshold || pairedCrisis(sc, cues) || crisisBack(sc, spans) || threatCrisis(sc)) && !past
	s.Anger = anger >= threshold
	s.Anxiety = anx >= threshold
	s.Lonely = lonely >= threshold
	s.Grief = grief >= threshold
	// Distress is strong negative feeling of any kind: sadness and despair
	// on their own, or several weaker cues of anger, fear and sorrow
	// together. A crisis, or a negated one, is distress too.
	s.Distress = dist >= threshold || dist+anger+anx >= threshold+0.25 || s.Crisis || crisisNegated >= threshold || toldCrisis(sc, past)
	if sc[kindSenior] >= threshold {
		s.Vulnerable = append(s.Vulnerable, "senior")
	}
	if sc[kindPregnant] >= threshold {
		s.Vulnerable = append(s.Vulnerable, "pregnant")
	}
	if sc[kindDisabled] >= threshold {
		s.Vulnerable = append(s.Vulnerable, "disabled")
	}
	return s
}

// toldCrisis reports whether a crisis of the writer's is told as past
// ("last year I wanted to die, now I'm fine", "i used to self harm as a
// teen, that's behind me"): no danger now, but no calm thing to say
// either, so it is heard as distress, as a denied one is (crisis22: in
// English, where "wanted to die" is an [event] entry, the person got
// "Sorry, I didn't catch which one you meant"; in French, where « je
// voulais mourir » is a crisis entry, the sorrow was named).
func toldCrisis(sc *scores, past bool) bool {
	return past && (sc[kindCrisis] >= threshold || sc[kindEvent] >= threshold)
}

// ifOpens reports whether token j of d opens a condition: "if", or « si »
// before its subject (alone « si » is also "so": « pas si grave »). A
// negation before it does not reach a crisis entry after it: "it
// wouldn't bother me if a bus hit me", « je serais pas triste si un bus
// me renversait » deny the bother and the sorrow, not the wish
// (crisis19: the wish was read denied, and the learned signal read
// nothing of it). Feelings keep their reading: a condition quiets them
// ([condition], "what if I'm not happy with it").
func ifOpens(d *doc, j int32) bool {
	switch string(d.word(int(j))) {
	case "if":
		return true
	case "si":
		if int(j)+1 < len(d.toks) {
			switch string(d.word(int(j) + 1)) {
			case "je", "j", "un", "une", "le", "la", "on", "il", "elle", "quelqu", "quelquun":
				return true
			}
		}
	}
	return false
}

// French negates with two words around the verb, "ne … plus", "ne …
// pas", "ne … jamais". An entry that holds the second ("@pouvoir @plus
// respirer", "arrive pas a respirer") says the negation itself, and the
// "ne" (or "n'") before it belongs to it: "je ne peux plus respirer" is
// the entry said in full, not denied. "aucun" and "personne" are second
// halves too: "il n'y a aucun espoir", "je n'ai aucune raison de vivre",
// "je n'ai personne" say the entry.
var neParticles = map[string]bool{"plus": true, "pas": true, "jamais": true, "rien": true, "guere": true,
	"aucun": true, "aucune": true, "personne": true}

func isNe(w []byte) bool { return string(w) == "ne" || string(w) == "n" }

// holdsParticle reports whether match m holds the second word of a
// French negation.
func holdsParticle(d *doc, m match) bool {
	for i := m.start; i < m.end; i++ {
		if neParticles[string(d.word(int(i)))] {
			return true
		}
	}
	return false
}

// deny marks the tokens from start to end (of n) as a crisis statement
// the learned signal does not read (denied).
func (s *signalScratch) deny(start, end int32, n int) {
	if len(s.denied) == 0 {
		s.denied = resizeBool(s.denied, n)
	}
	for i := start; i < end; i++ {
		s.denied[i] = true
	}
}

// scopeMarks holds, per token, the weight of the longest modifier of one
// section that ends (or starts) there; n is its length, 0 when none.
type scopeMarks struct {
	w []float32
	n []int32
}

func (sm *scopeMarks) reset(n int) {
	sm.w = resizeF32(sm.w, n, 1)
	if cap(sm.n) < n {
		sm.n = make([]int32, n)
	}
	sm.n = sm.n[:n]
	clear(sm.n)
}

// set keeps w at token i when its match (n tokens) is the longest there:
// "as if" (1: no condition) over "if" (0).
func (sm *scopeMarks) set(i int32, w float32, n int32) {
	if n > sm.n[i] {
		sm.w[i], sm.n[i] = w, n
	}
}

// at returns the weight marked at token i, and whether one is.
func (sm *scopeMarks) at(i int32) (float32, bool) { return sm.w[i], sm.n[i] > 0 }

func (s *signalScratch) resetScopes(n int) {
	for _, sm := range [...]*scopeMarks{&s.others, &s.cond, &s.pastAt, &s.postNeg, &s.thing, &s.answer, &s.topic, &s.reported} {
		sm.reset(n)
	}
	s.laugh = s.laugh[:0]
	s.laughBack = false
	s.answered = resizeBool(s.answered, n)
	s.settled = -1
}

// mark notes modifier m of a feel16 section k (weight w).
func (s *signalScratch) mark(d *doc, m match, k entryKind, w float32) {
	n := m.end - m.start
	switch k {
	case kindOthers:
		s.others.set(m.end-1, w, n)
	case kindCondition:
		s.cond.set(m.end-1, w, n)
	case kindTopic:
		s.topic.set(m.end-1, w, n)
	case kindReported:
		s.reported.set(m.end-1, w, n)
	case kindLaugh:
		if w >= 1 {
			// "stressed lol, not joking": the laugh was nerves.
			s.laughBack = true
			return
		}
		c := int(d.toks[m.start].clause)
		for len(s.laugh) <= c {
			s.laugh = append(s.laugh, 1)
		}
		s.laugh[c] = min(s.laugh[c], w)
		if c > 0 && (m.start == 0 || d.toks[m.start-1].clause != int32(c)) {
			// A laugh on its own after the mark: "killing me. lol".
			s.laugh[c-1] = min(s.laugh[c-1], w)
		}
	case kindPast:
		// A past form may be the feeling word itself ("panicked",
		// « ai paniqué »): every token of it is marked.
		for i := m.start; i < m.end; i++ {
			s.pastAt.set(i, w, n)
		}
	case kindPostNeg:
		s.postNeg.set(m.start, w, n)
	case kindThing:
		s.thing.set(m.start, w, n)
	case kindAnswer:
		// Only an answer opening the clause after a question.
		if m.start > 0 && d.toks[m.start-1].ask && w > 0 {
			s.answer.set(m.start, w, n)
			for i := m.start; i < m.end; i++ {
				s.answered[i] = true
			}
		}
	case kindSettled:
		if w > 0 {
			// settleScopes drops it if negated ("it still hasn't arrived").
			s.pendingSettled = append(s.pendingSettled, m)
		} else {
			// …or if it lies in a guard ("arrived late", "the parcel came
			// broken"): before feel20 the guards were read and not kept,
			// so "I was furious and then it arrived late" was settled.
			s.unsettled = append(s.unsettled, m)
		}
	}
}

// settleScopes keeps in s.settled the latest start of a [settled] cue
// that no negation before it in its clause cancels ("but it arrived", not
// "it never arrived"), once every negation is known.
func (s *signalScratch) settleScopes(d *doc) {
	s.settled = -1
	for _, m := range s.pendingSettled {
		if within(s.unsettled, m) {
			continue
		}
		clause := d.toks[m.start].clause
		negated := false
		for j := m.start - 1; j >= 0 && j >= m.start-negScope; j-- {
			if d.toks[j].clause != clause || s.brk[j] {
				break
			}
			if s.neg[j] {
				negated = true
				break
			}
		}
		if !negated {
			s.settled = max(s.settled, m.start)
		}
	}
	s.pendingSettled = s.pendingSettled[:0]
	s.unsettled = s.unsettled[:0]
}

// within reports whether m lies inside one of gs.
func within(gs []match, m match) bool {
	for _, g := range gs {
		if g.start <= m.start && m.end <= g.end {
			return true
		}
	}
	return false
}

// Reach of the feel16 sections before a feeling word, in words of its
// clause: "my dog was so terrified" (others), "if I'm not happy"
// (condition), "I was a bit worried" (past).
const (
	othersScope   = 4
	condScope     = 3
	pastScope     = 3
	reportedScope = 6
)

// scopeFeeling returns how much a feeling entry m (of a distress, anger,
// anxiety or loneliness file) says of the writer's own feeling now: 1
// whole, 0 not at all. A feeling word is often no feeling said
// (feel16):
//
//   - in a name: inside quotation marks around a few words and no mark
//     (a longer quotation is speech, and its feeling is heard), or written as a title of two
//     words or more mid-sentence ("the board game Panic Station", « le
//     livre "La Peur" »), or naming a thing ([thing]: "a stress ball",
//     "the sad face emoji");
//   - negated after the verb, as French does ([postnegation]: « ça me
//     stresse pas », « inquiète-toi pas »; not « je stresse pas mal »);
//   - in a question answered no ([answer]: "stressed? no, just checking
//     the slot", « stressée moi ? non non »);
//   - felt by someone else ([others], up to othersScope words before; not
//     an insult, which is the writer's anger when said of anyone, "my boss
//     is a moron", while anger felt is theirs since feel20, "my wife is
//     furious": "my dog was terrified of the courier", « mon mari s'inquiète »,
//     « la poupée qui pleure »), unless the writer is said with them
//     ("my husband and I are terrified", « ma mère me stresse », "they
//     scare me"); the weight of the [others] entry says how much is left
//     (0 for a pet or a thing, a half for a person close to the writer);
//   - a condition asked about ([condition], up to condScope words before:
//     "what happens if I'm unhappy with it", « si je suis pas satisfaite »);
//   - felt before and settled since: told in the past ([past], up to
//     pastScope words before or the word itself: "I was worried", « j'ai
//     eu peur », "panicked") with a [settled] cue after it that no
//     negation cancels ("but it arrived", « c'est réglé »). "I was worried
//     sick and it still hasn't come" is worry now;
//   - an insult someone else said to the writer ([reported], up to
//     reportedScope words before: "a customer called me a useless idiot",
//     « il m'a traité d'abruti »; feel20).
//
// scoped is whether any of those sections was heard in the message; l is
// the lexicon of the entry's language (its [firstperson], [mine] and
// [angerfelt] classes).
func (s *signalScratch) scopeFeeling(d *doc, m match, k entryKind, sticky, scoped, titleHabit bool, l *lexicon) float32 {
	self, poss := l.self, l.mine
	if named(d, m, titleHabit) {
		return 0
	}
	if k == kindAnger && feltAnger(d, m, l.angry) && s.angerOfOther(d, m, d.toks[m.start].clause, l) {
		return 0 // no section needed: "they are furious"
	}
	if !scoped {
		return 1
	}
	n := int32(len(d.toks))
	clause := d.toks[m.start].clause
	if m.start > 0 && d.toks[m.start].title && d.toks[m.start-1].clause == clause {
		if w, ok := s.thing.at(m.start - 1); ok {
			return w // « le jeu Panique »
		}
	}
	if m.start > 1 && d.toks[m.start-2].clause == clause {
		// A thing that feels is a toy: « la poupée qui pleure ».
		if _, ok := s.others.at(m.start - 1); ok {
			if w, ok := s.thing.at(m.start - 2); ok {
				return w
			}
		}
	}
	if m.end < n && d.toks[m.end].clause == clause {
		if w, ok := s.thing.at(m.end); ok {
			return w
		}
		if w, ok := s.postNeg.at(m.end); ok && w > 0 && !sticky {
			return 0
		}
	}
	for i := m.start; i < m.end; i++ {
		if s.answered[i] {
			return 0 // the answer itself: « non non »
		}
	}
	last := m.end - 1
	for last+1 < n && d.toks[last+1].clause == clause {
		last++
	}
	if d.toks[last].ask && last+1 < n {
		if w, ok := s.answer.at(last + 1); ok && w > 0 {
			return 0
		}
	}
	if k == kindAnger && s.insultReported(d, m, clause, self) {
		return 0
	}
	f := float32(1)
	mine := func(i int32) bool { return self != nil && self.has(d.word(int(i))) }
	// The writer said after it, in its clause, or opening the statement
	// that follows ("and I"): "they scare me", "my son is terrified and so
	// am I", "my wife is scared and I am too", « et moi aussi ».
	sharedAfter := false
	for j := m.end; j < n && j < m.end+othersScope && d.toks[j].clause == clause; j++ {
		if mine(j) {
			sharedAfter = true
			break
		}
		if s.brk[j] && !(j+1 < n && s.brk[j+1] && mine(j+1)) {
			break
		}
	}
	if (k != kindAnger || feltAnger(d, m, l.angry)) && !sharedAfter {
		for j := m.start - 1; j >= 0 && j >= m.start-othersScope; j-- {
			if d.toks[j].clause != clause || s.brk[j] || mine(j) {
				break
			}
			// A close person's sorrow told is the writer's too: "my
			// father was murdered", "mum will be sad". Their fear or
			// loneliness is theirs; an animal's or a thing's anything.
			if w, ok := s.others.at(j); ok && (w == 0 || k != kindDistress) {
				f *= w
				break
			}
		}
	}
	for j := m.start - 1; j >= 0 && j >= m.start-condScope; j-- {
		if d.toks[j].clause != clause || s.brk[j] {
			break
		}
		if w, ok := s.cond.at(j); ok {
			f *= w
			break
		}
	}
	f *= s.topicOf(d, m, poss)
	if c := int(clause); c < len(s.laugh) && k != kindAnger && !s.laughBack && !(k == kindAnxiety && saidOfSelf(d, s, m, clause)) {
		// A feeling said laughing is a joke: "my wallet is crying
		// lol". Anger said so is sarcasm, and stays; and so does a worry
		// the writer says of themselves ("i'm so stressed lol", « je
		// suis trop stressée mdr »): a laugh with it is nerves.
		f *= s.laugh[c]
	}
	if s.settled >= m.end {
		for j := m.end - 1; j >= 0 && j >= m.start-pastScope; j-- {
			if d.toks[j].clause != clause || (j < m.start && s.brk[j]) {
				break
			}
			if w, ok := s.pastAt.at(j); ok {
				if w > 0 {
					f = 0
				}
				break
			}
		}
	}
	return f
}

// sworn reports whether every word of match m is a swear word ([swear22]:
// "fucking", "bloody", « putain »): an entry that says nothing but the
// swearing. "what the fuck" names more than a swear, and is not.
func sworn(d *doc, m match, swear *wordClass) bool {
	if swear == nil {
		return false
	}
	for i := m.start; i < m.end; i++ {
		if !swear.has(d.word(int(i))) {
			return false
		}
	}
	return true
}

// joySworn reports whether the message's swearing says how good something
// is (feel22): it praises or thanks ([praise22]: "this is fucking
// awesome, thanks!", "bloody brilliant", « putain c'est génial ») and
// says nothing went wrong ([trouble22]: a negation, "again", "late", «
// encore », « retard »). Its swear words are then joy, neither anger nor
// distress; sarcasm names what went wrong ("fucking great, another
// delay", « génial, putain, encore un retard ») and stays angry.
func joySworn(d *doc, l *lexicon) bool {
	return praisedOnly(d, l.praise, l.trouble)
}

// praisedOnly reports whether the message holds a word of good and no
// word of trouble.
func praisedOnly(d *doc, good, trouble *wordClass) bool {
	if good == nil || trouble == nil {
		return false
	}
	praised := false
	for i := range d.toks {
		w := d.word(i)
		if trouble.has(w) {
			return false
		}
		praised = praised || good.has(w)
	}
	return praised
}

// sarcastic reports praise or thanks said alone and then what went wrong
// (play25): "thanks a lot, my order is late again", "oh great. just
// great. the parcel is late again", « super, vraiment génial. ma commande
// est encore en retard ». The first clauses hold only words of [praise22]
// and of [sarcopen25] ("oh", "just", "a lot", « vraiment », « beaucoup »),
// a clause of their own; a later one names a harm ([wrong25]). Such a
// message is frustration, and no thanks: before, "thanks a lot, my order
// is late again" heard the goodbye. Praise of a thing ("great service
// even though it was late") and thanks for what went well ("thanks a lot,
// my parcel arrived") are not sarcasm, nor is a harm let go ([sarcnot25]:
// "great, thanks! it arrived late but no worries").
func sarcastic(d *doc, l *lexicon) bool {
	if l == nil || l.praise == nil || l.sarcOpen == nil || l.wrong == nil {
		return false
	}
	i, praised := 0, false
	for ; i < len(d.toks); i++ {
		w := d.word(i)
		if l.praise.has(w) {
			praised = true
		} else if !l.sarcOpen.has(w) {
			break
		}
	}
	if !praised || i == 0 || i == len(d.toks) || d.toks[i].clause == d.toks[i-1].clause {
		return false
	}
	// Good news not denied in its clause ([sarcfixed25c] with no
	// [sarcneg25c] before it) after the last harm puts it right: thanks for
	// a harm put right ("…my order was lost but your colleague found it",
	// « …le colis perdu a été retrouvé ») are no sarcasm, but a harm told
	// after it ("it arrived broken") or the news denied ("still hasn't
	// arrived", « toujours pas arrivée ») are (review25c).
	canFix := l.fixed != nil && l.fixedNeg != nil
	wrong, fixed, denied := false, false, false
	clause := d.toks[i].clause
	for ; i < len(d.toks); i++ {
		if d.toks[i].clause != clause {
			clause, denied = d.toks[i].clause, false
		}
		w := d.word(i)
		if l.letGo != nil && l.letGo.has(w) {
			return false // "…it arrived late but no worries"
		}
		if l.wrong.has(w) {
			wrong, fixed = true, false
		} else if wrong && canFix && !denied && l.fixed.has(w) {
			fixed = true
		}
		if canFix && l.fixedNeg.has(w) {
			denied = true
		}
	}
	return wrong && !fixed
}

// cheered reports whether the swearing of match m is a cheer: a word of
// [cheer24] right after it in its clause ("fuck yeah, the refund came
// through", « putain ouais ») in a message that says nothing went wrong
// ([trouble22]: "fuck yes, another delay" stays angry). A "yeah" before
// the swear word is only a "yeah" ("yeah, fuck him", fix24).
func cheered(d *doc, m match, l *lexicon) bool {
	j := int(m.end)
	if l.cheer == nil || l.trouble == nil || m.end <= m.start || j >= len(d.toks) || d.toks[j].clause != d.toks[m.end-1].clause || !l.cheer.has(d.word(j)) {
		return false
	}
	for i := range d.toks {
		if l.trouble.has(d.word(i)) {
			return false
		}
	}
	return true
}

// tempted reports whether match m says giving in to a thing one wants
// rather than breaking down (fix24): a word of both readings ([yield24]:
// « craquer », « craque ») in a message that praises a thing
// ([tempting24]: « trop beau », « mignon », « en soldes ») and says
// nothing went wrong ([trouble22]). « je vais craquer, le pull est trop
// beau » is a shopper's joy; « je vais craquer » alone, or with « encore
// un retard », is still distress, and so is one thanked for help (a
// thanks is no thing praised).
func tempted(d *doc, m match, l *lexicon) bool {
	if l.yield == nil {
		return false
	}
	for i := m.start; i < m.end; i++ {
		if l.yield.has(d.word(int(i))) {
			return praisedOnly(d, l.tempting, l.trouble)
		}
	}
	return false
}

// feltAnger reports whether anger entry m names anger felt ("furious", «
// en colère »: a word of angry), which may be someone else's ("my wife is
// furious about the delay"), rather than an insult, which is the writer's
// said of anyone ("my boss is a moron").
func feltAnger(d *doc, m match, angry *wordClass) bool {
	for i := m.start; i < m.end; i++ {
		if angry != nil && angry.has(d.word(int(i))) {
			return true
		}
	}
	return false
}

// angerOfOther reports whether anger felt m is someone else's in a story
// told: a word of [angerwho] up to othersScope words before it in its
// clause ("a customer was furious with me", « un client était furieux
// contre moi », "my boss is angry at me"), with no writer as a subject
// between them ("my boss and I are angry") and no sharing after it ("and
// I am too", « et moi aussi »). "With me" is whom the anger is at, not
// the writer's anger (feel20). So is anger said of them right before them
// ("angry customers", "furious callers").
func (s *signalScratch) angerOfOther(d *doc, m match, clause int32, l *lexicon) bool {
	has := func(c *wordClass, i int32) bool { return c != nil && c.has(d.word(int(i))) }
	n := int32(len(d.toks))
	for j := m.end; j < n && j < m.end+othersScope+2; j++ {
		if has(l.too, j) {
			return false
		}
	}
	if m.end < n && d.toks[m.end].clause == clause && has(l.who, m.end) && (m.start == 0 || !has(l.iam, m.start-1)) {
		// The anger said of them right before them: "angry customers",
		// "furious callers" (play25: heard as the writer's, "I
		// understand you're angry").
		return true
	}
	for j := m.start - 1; j >= 0 && j >= m.start-othersScope; j-- {
		if d.toks[j].clause != clause || s.brk[j] || has(l.iam, j) {
			return false
		}
		if has(l.who, j) {
			return !roleIsWriter(d, j, clause, l.isRole)
		}
	}
	return false
}

// roleIsWriter reports whether the role at token j is the writer's own:
// a word of isRole ("I'm", "am", « suis ») up to roleScope words before it
// in its clause ("I'm a loyal customer and absolutely furious", « je suis
// une cliente fidèle et furieuse »). The anger after it is the writer's.
func roleIsWriter(d *doc, j, clause int32, isRole *wordClass) bool {
	for i := j - 1; i >= 0 && i >= j-roleScope; i-- {
		if d.toks[i].clause != clause {
			return false
		}
		if isRole != nil && isRole.has(d.word(int(i))) {
			return true
		}
	}
	return false
}

// roleScope is how far before a role the writer says they are it: "I'm a
// loyal customer" (the role's article and one word between).
const roleScope = 3

// insultReported reports whether anger entry m is the words of an insult
// someone else said to the writer: a [reported] modifier of weight 0 ends
// up to reportedScope words before it in its clause ("a customer called me
// a useless idiot", "she told me I was a disgrace", « il m'a traité
// d'abruti »). What was said to the writer is not their anger; what they
// say of themselves after it is their feeling ("and I can't stop
// shaking"), and anger they say with it stays ("…and I'm furious": the
// writer named between them, self, ends the report).
func (s *signalScratch) insultReported(d *doc, m match, clause int32, self *wordClass) bool {
	for j := m.start - 1; j >= 0 && j >= m.start-reportedScope; j-- {
		if d.toks[j].clause != clause {
			return false
		}
		if w, ok := s.reported.at(j); ok {
			return w == 0
		}
		if self != nil && self.has(d.word(int(j))) {
			return false
		}
	}
	return false
}

// topicOf returns the weight of a [topic] modifier that ends up to
// condScope words before m in its clause ("a book about grief", "tea for
// stress", « des films d'horreur », "a card for my boss whose"), 1 if none:
// the feeling is what a thing is about, or someone else's the writer buys
// for. A possessive of the writer's ([mine]) in the entry or between
// them, or "of my" right after it, says the writer's own: "a gift for my
// late husband", "flowers for my mum's funeral", « des fleurs pour les
// obsèques de ma mère ».
func (s *signalScratch) topicOf(d *doc, m match, mine *wordClass) float32 {
	own := func(i int32) bool { return mine != nil && mine.has(d.word(int(i))) }
	clause := d.toks[m.start].clause
	for i := m.start; i < m.end; i++ {
		if own(i) {
			return 1
		}
	}
	// Right after it, as "of my": « les obsèques de ma mère », "the funeral
	// of my dad" (not "a book on anxiety for my sister").
	if e := int(m.end); e+1 < len(d.toks) && d.toks[e+1].clause == clause && own(m.end+1) {
		switch string(d.word(e)) {
		case "of", "de", "d", "du":
			return 1
		}
	}
	for j := m.start - 1; j >= 0 && j >= m.start-condScope; j-- {
		if d.toks[j].clause != clause || s.brk[j] || own(j) {
			break
		}
		if w, ok := s.topic.at(j); ok {
			return w
		}
	}
	return 1
}

// scopeGrief returns how much a grief entry m says of the writer's own
// loss (feel17): none in a name ("the book \"Grief\""), a thing's
// ([thing] after it: "a grief support group"), a thing's topic ([topic]:
// "a book on mourning", « le livre sur le deuil »), or someone else's loss
// told in passing (an [others] entry of weight 0 up to othersScope words
// before: "my boss whose father died", « un ami dont le père est
// décédé »). A close person's death is the writer's loss: [others]
// entries of other weights do not reach grief.
func (s *signalScratch) scopeGrief(d *doc, m match, scoped, titleHabit bool, mine *wordClass) float32 {
	if named(d, m, titleHabit) {
		return 0
	}
	if !scoped {
		return 1
	}
	clause := d.toks[m.start].clause
	if int(m.end) < len(d.toks) && d.toks[m.end].clause == clause {
		if w, ok := s.thing.at(m.end); ok {
			return w
		}
	}
	for j := m.start - 1; j >= 0 && j >= m.start-othersScope; j-- {
		if d.toks[j].clause != clause || s.brk[j] {
			break
		}
		if w, ok := s.others.at(j); ok && w == 0 {
			return 0
		}
	}
	return s.topicOf(d, m, mine)
}

// named reports whether feeling entry m is part of a name: every word of
// it inside quotation marks around at most nameWords words, or written as a title ("Panic") beside
// another title word of its clause, neither starting a sentence, in a
// message not written Title Case throughout.
func named(d *doc, m match, titleHabit bool) bool {
	quoted, title := true, true
	for i := m.start; i < m.end; i++ {
		t := d.toks[i]
		quoted = quoted && t.quoted
		title = title && t.title && !t.sent
	}
	if quoted {
		i, j := m.start, m.end
		for i > 0 && d.toks[i-1].quoted {
			i--
		}
		for int(j) < len(d.toks) && d.toks[j].quoted {
			j++
		}
		// A name is a few words without a mark inside: "oh yeah? no
		// shit?" is speech.
		return j-i <= nameWords && d.toks[i].clause == d.toks[j-1].clause
	}
	if !title || titleHabit {
		return false
	}
	nameWord := func(i int32) bool {
		if i < 0 || int(i) >= len(d.toks) || d.toks[i].clause != d.toks[m.start].clause {
			return false
		}
		t := d.toks[i]
		// "I'm" and "I've" are written with a capital too.
		w := d.word(int(i))
		return t.title && !t.sent && !(len(w) <= 3 && w[0] == 'i')
	}
	return nameWord(m.start-1) || nameWord(m.end)
}

// textNamed is the [named24] class of the text's lexicon, nil without one.
func textNamed(text *lexicon) *wordClass {
	if text == nil {
		return nil
	}
	return text.named
}

// quotedTitle reports whether match m lies inside a quotation of at most
// nameWords words of one clause that opens with a capital, as a title
// does, and stands as a name does: after the article that points at a
// thing and before more words of the same sentence ("the \"Overdose\"
// energy drink bundle"), or after a word of the things a name names
// ([named24] of either lexicon: "I ordered the drink \"Overdose\"", « la
// boisson « Overdose » saveur mangue »). A capitalised quotation put for emphasis
// ("I'm planning \"Suicide\" tonight", "tonight I will take an
// \"Overdose\""), opening a sentence ("\"Suicide\" is all I think
// about") or reporting words ("my friend just wrote \"Overdosing now\"")
// is no name (review24: they raised no crisis).
func quotedTitle(d *doc, m match, named ...*wordClass) bool {
	for i := m.start; i < m.end; i++ {
		if !d.toks[i].quoted {
			return false
		}
	}
	i, j := m.start, m.end
	for i > 0 && d.toks[i-1].quoted {
		i--
	}
	for int(j) < len(d.toks) && d.toks[j].quoted {
		j++
	}
	if j-i > nameWords || d.toks[i].clause != d.toks[j-1].clause || !d.toks[i].title || d.toks[i].sent {
		return false
	}
	if i == 0 {
		return false
	}
	prev := d.word(int(i) - 1)
	for _, c := range named {
		if c != nil && c.has(prev) {
			return true // "the drink \"Overdose\"", even last
		}
	}
	// After an article alone, the words after it say it is a thing's
	// name: "the \"Overdose\" energy drink bundle", not "I'll take the
	// \"Overdose\"". The quotation marks end a clause: the words around
	// them are of the same sentence.
	return nameArticles[string(prev)] && int(j) < len(d.toks) && !d.toks[j].sent
}

// nameArticles point at a thing by its name: "the \"Suicide Squad\"
// poster", « le "Overdose" pack » (folded).
var nameArticles = map[string]bool{"the": true, "le": true, "la": true, "les": true, "l": true}

// nameWords is the longest quotation read as a name ("Fear and Loathing",
// « La Peur »): a longer one is speech reported, "\"I hate rich people\"".
const nameWords = 3

// titleHabit reports whether most words of d are written as titles:
// "I Am So Worried About My Account" is how the person types, not names.
func titleHabit(d *doc) bool {
	n := 0
	for _, t := range d.toks {
		if t.title {
			n++
		}
	}
	return n >= 3 && 2*n >= d.wordToks
}
