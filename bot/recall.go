package bot

import (
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/nlu"
)

// Nobody repeats themselves: what a person said in an earlier message of
// the conversation answers a later question when it answers it
// unambiguously ("my order is late", then "AB-123456", then no "What
// happened?"). The earlier messages are the person's turns of the
// history (Session.Recent) since the current matter began: not those of a
// flow that ended (Session.Before), nor those before a long silence. The
// question is not asked; the flow's said: text (or the common
// already_said) acknowledges what was taken, and the person may correct
// it in their next message (Session.Recalled).

// earlier returns the turns of the history that may hold an earlier
// message answering a question: those since the current matter began
// (Session.Before) and since the last long silence, without the message
// this turn handles (choiceSaid and alreadySaid read it). The caller
// takes the person's turns that are not commands (told).
func (t *turn) earlier() []Turn {
	s := t.s
	end := len(s.Recent)
	if t.text != "" && t.m.Event == "" && end > 0 {
		end-- // this message, remembered already
		if end > 0 && s.Recent[end].At.Sub(s.Recent[end-1].At) >= ackForget {
			return nil // a new conversation as far as answers go, as for feelings
		}
	}
	start := min(max(s.Before, 0), end)
	for i := end - 1; i > start; i-- {
		if s.Recent[i].At.Sub(s.Recent[i-1].At) >= ackForget {
			start = i
			break
		}
	}
	return s.Recent[start:end]
}

// told reports whether a turn of the history is something the person
// said, rather than a command or the bot's.
func told(tu *Turn) bool {
	return tu.From == SpeakerPerson && !strings.HasPrefix(strings.TrimSpace(tu.Text), "/")
}

// hasEarlier reports whether there is an earlier message to read: most
// questions are met with none, and pay nothing more.
func (t *turn) hasEarlier() bool {
	ts := t.earlier()
	for i := range ts {
		if told(&ts[i]) {
			return true
		}
	}
	return false
}

// appendSaid appends to dst the words of text, folded (lower case, no
// accents), little words aside, each with whether its clause denies: the
// words of clauses and denies, read in one pass without a slice per
// clause and without copying the words that need no folding, since every
// question met after an earlier message reads it.
func appendSaid(dst []saidWord, text string) []saidWord {
	for part := range strings.FieldsFuncSeq(text, func(r rune) bool { return strings.ContainsRune(".,;:!?()\n", r) }) {
		start, neg, prev := len(dst), false, ""
		add := func(w string) {
			if prev == "dont" && !relativeDont[w] {
				neg = true // "dont" said for "don't" (see denies)
			}
			if clauseWords[w] {
				markNeg(dst[start:], neg)
				start, neg, prev = len(dst), false, ""
				return
			}
			if w != "dont" && negationWords[w] || w == "t" && strings.HasSuffix(prev, "n") {
				neg = true
			}
			prev = w
			if !littleWords[w] {
				dst = append(dst, saidWord{w: w})
			}
		}
		for w := range strings.FieldsFuncSeq(part, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if !lowerASCII(w) {
				w = flow.Fold(w) // the few words that need it: "Late", « abîmée »
			}
			// Chat words and contractions typed without an apostrophe,
			// as words reads them (chatWords): « jarrive » is « j
			// arrive », "didnt" is "didn", "t".
			v := nlu.ChatWords(w)
			if v == "" {
				v = bareContractions[w]
			}
			if v == "" {
				add(w)
				continue
			}
			for x := range strings.FieldsSeq(v) {
				add(x)
			}
		}
		if prev == "dont" {
			neg = true // "i dont": "don't" said last
		}
		markNeg(dst[start:], neg)
	}
	return dst
}

// lowerASCII reports a word that folding leaves as it is.
func lowerASCII(w string) bool {
	for i := range len(w) {
		if c := w[i]; c >= 0x80 || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

func markNeg(ws []saidWord, neg bool) {
	for i := range ws {
		ws[i].neg = neg
	}
}

func hasSaid(said []saidWord, w string, neg bool) bool {
	for _, s := range said {
		if s.w == w && s.neg == neg {
			return true
		}
	}
	return false
}

// labelInfo is a button label read once, when the flows load: its words
// (labelWords), whether it denies ("It never arrived"), and whether it
// has a word beyond those of a consent (nameable).
type labelInfo struct {
	words    []string
	neg      bool
	nameable bool
}

// labelInfos reads every button label of set, in every language.
func labelInfos(set *flow.Set) map[string]*labelInfo {
	m := map[string]*labelInfo{}
	for c := range choicesOf(set) {
		for _, l := range c.Label.ByLang {
			if _, ok := m[l]; !ok {
				m[l] = newLabelInfo(l)
			}
		}
	}
	return m
}

func newLabelInfo(l string) *labelInfo {
	li := &labelInfo{words: labelWords(l), neg: denies(words(l))}
	for _, w := range li.words {
		li.nameable = li.nameable || !answerWords[w]
	}
	return li
}

// label is what labelInfos read of c's label in the conversation's
// language (read now for a label it does not know).
func (t *turn) label(c *flow.Choice) *labelInfo {
	l := c.Label.In(t.lang, t.e.defaultLang())
	if li, ok := t.e.labels[l]; ok {
		return li
	}
	return newLabelInfo(l)
}

// names reports whether said holds every word of the label, each in a
// clause that denies as the label does ("it never arrived" names "It never
// arrived"; "it isn't late" does not name "It's late"), and whether it
// holds them all in clauses that deny the opposite (it contradicts it).
func (li *labelInfo) names(said []saidWord) (named, contradicted bool) {
	if len(li.words) == 0 {
		return false, false
	}
	named, contradicted = true, true
	for _, w := range li.words {
		named = named && hasSaid(said, w, li.neg)
		contradicted = contradicted && hasSaid(said, w, !li.neg)
	}
	return named, contradicted
}

// answerWords are the words of a consent or a polite reply: a button
// labelled only with them ("Yes, please", "Not now", « Oui, s'il vous
// plaît ») is never answered from an earlier message, which said yes to
// something else.
var answerWords = wordSet(`yes yeah yep no nope ok okay sure please thanks thank not now maybe
		oui ouais non merci pas maintenant plait accord peut etre volontiers`)

// bareAnswer reports a message all of whose words are words of the
// question's labels or of a consent: the answer to an earlier question
// ("late", "yes please"), not something the person told.
func (t *turn) bareAnswer(said []saidWord, ch *flow.Choose) bool {
	for _, sw := range said {
		if answerWords[sw.w] {
			continue
		}
		if !slices.ContainsFunc(ch.Choices, func(c *flow.Choice) bool { return slices.Contains(t.label(c).words, sw.w) }) {
			return false
		}
	}
	return true
}

// opensMatter returns the index in ts (earlier) of the message that
// began the current matter, or -1: the first told turn when ts starts
// where the matter began (Session.Before). It answered no question of
// the matter, whatever its words: "I was charged twice", a button's own
// words, is what the person came with, not the answer to an earlier
// question (bareAnswer), and was asked again after "Let's carry on
// together" (play25).
func (t *turn) opensMatter(ts []Turn) int {
	s := t.s
	if len(ts) == 0 || s.Before >= len(s.Recent) || &ts[0] != &s.Recent[s.Before] {
		return -1
	}
	for i := range ts {
		if told(&ts[i]) {
			return i
		}
	}
	return -1
}

// recallChoice finds the button of ch that the person's earlier messages
// name: exactly one button named, by one or more messages, and
// contradicted by none ("my order is late" names "It's late"; "not late"
// and "late, and the wrong item" name nothing). A question with a button
// to another flow or to a person, a flow's recall: false, and a button
// without an acknowledgement to say (its said: or the common
// already_said) are asked.
func (t *turn) recallChoice(ch *flow.Choose) *flow.Choice {
	if ch.NoRecall || len(ch.Choices) > 64 {
		return nil
	}
	for _, c := range ch.Choices {
		if c.Flow != "" || t.toPerson(c) {
			return nil
		}
	}
	if !t.hasEarlier() {
		return nil
	}
	var (
		found        *flow.Choice
		contradicted uint64       // by index in ch.Choices
		buf          [24]saidWord // a message's words, on the stack
	)
	said := buf[:0]
	ts := t.earlier()
	opening := t.opensMatter(ts)
	for i := range ts {
		if !told(&ts[i]) {
			continue
		}
		said = appendSaid(said[:0], ts[i].Text)
		if i != opening && t.bareAnswer(said, ch) {
			continue
		}
		text := statements(ts[i].Text)
		if len(text) != len(ts[i].Text) {
			said = appendSaid(said[:0], text) // what it asked names nothing
		}
		var (
			named   *flow.Choice
			synDone bool         // the message's synonyms read, only for a button with some
			syn     *flow.Choice // the one button they name, the longest phrase taking in the others
		)
		for j, c := range ch.Choices {
			li := t.label(c)
			if !li.nameable {
				continue
			}
			yes, no := li.names(said)
			if !yes && !no && len(c.Synonyms[t.lang]) > 0 {
				// or in the person's words ("it never came"): synonyms.go.
				// "cancel her membership" names the subscription: its
				// phrase "cancel* ... membership" takes in the "cancel*"
				// of an order's cancellation.
				if !synDone {
					var two bool
					syn, two = t.synonymPick(ch, clausesOf(text), text)
					if two {
						return nil // two buttons named: ask rather than guess
					}
					synDone = true
				}
				yes = syn == c
			}
			if no {
				contradicted |= 1 << j
			}
			if !yes {
				continue
			}
			if named != nil || (found != nil && found != c) {
				return nil // two buttons named: ask rather than guess
			}
			named = c
		}
		if named != nil {
			found = named
		}
	}
	if found == nil || contradicted&(1<<slices.Index(ch.Choices, found)) != 0 {
		return nil
	}
	if _, common := t.e.flows.Common.Messages[flow.MsgAlreadySaid]; found.Said.IsZero() && !common {
		return nil
	}
	return found
}

// statements returns text without its questions ("is my order late?",
// and one asked without its mark: asksByForm): what a person asked names
// no button, since they did not say it. A question's place is kept as a
// full stop, so that the statements around it stay clauses apart. text
// itself when it asks nothing (no copy).
func statements(text string) string {
	var b strings.Builder
	start, cut := 0, false
	sentence := func(end int, keep string) {
		if asksByForm(words(text[start:end])) {
			b.WriteString(". ")
			cut = true
			return
		}
		b.WriteString(text[start:end] + keep)
	}
	for i, r := range text {
		switch r {
		case '?':
			b.WriteString(". ")
			start, cut = i+1, true
		case '.', '!', '\n':
			sentence(i, string(r))
			start = i + 1
		}
	}
	sentence(len(text), "")
	if !cut {
		return text
	}
	return b.String()
}

// recallAnswer finds the answer to an order-number or e-mail question in
// the person's earlier messages: exactly one candidate, the slot still
// empty, and an acknowledgement to say (the ask's said: or the common
// already_said).
func (t *turn) recallAnswer(a *flow.Ask) (string, bool) {
	if !a.Recalls() || t.s.Slots[a.Slot] != "" || !t.hasEarlier() {
		return "", false
	}
	if _, common := t.e.flows.Common.Messages[flow.MsgAlreadySaid]; a.Said.IsZero() && !common {
		return "", false
	}
	found := ""
	ts := t.earlier()
	for i := range ts {
		if !told(&ts[i]) {
			continue
		}
		v, ok, two := answerIn(a, ts[i].Text)
		if two || ok && found != "" && found != v {
			return "", false // two candidates: ask rather than guess
		}
		if ok {
			found = v
		}
	}
	return found, found != ""
}

// answerIn finds a's answer among the words of text: ok with exactly one
// candidate, two with several different ones (answersIn).
func answerIn(a *flow.Ask, text string) (v string, ok, two bool) {
	vs := answersIn(a, text)
	switch len(vs) {
	case 0:
		return "", false, false
	case 1:
		return vs[0], true, false
	}
	return "", false, true
}

// answersIn lists a's different answers among the words of text, in the
// order said. An order reference with its letters and digits glued
// ("XY98765") is an answer on its own, but in a sentence it is as likely a
// product's model ("my RTX4090 never arrived"): only one written with its
// dash (AB-123456) is taken there, or with a space between letters and
// digits ("my order is AB 123456") when the digits are five or more
// ("my RTX 4090" is a card) and the letters capitals or, in lower case,
// two letters and no word of their own ("order no 123456" is no order
// NO-123456, "pin 123456" no PIN-123456) before
// six digits or more, as the references have. So for a flow's own
// pattern, which would take "the", "2024" or "49.99" as well: in a
// sentence, only letters and digits joined by a dash ("INV-204511") are a
// reference.
func answersIn(a *flow.Ask, text string) []string {
	glued := a.Validate == flow.ValidateOrderRef && a.Pattern == nil
	var vs []string
	add := func(x string) {
		if !slices.Contains(vs, x) {
			vs = append(vs, x)
		}
	}
	prev := ""
	for w := range strings.FieldsSeq(text) {
		raw := w
		w = strings.Trim(w, ".,;:!?()[]\"'«»")
		if glued && spacedRef(prev, w) {
			if x, good := a.Answer(prev + " " + w); good {
				add(x)
			}
		}
		prev = ""
		if !strings.ContainsAny(raw[len(raw)-1:], ".,;:!?)]\"'»") {
			prev = w // a pair never reaches across punctuation
		}
		if glued && !strings.Contains(w, "-") || a.Validate == flow.ValidatePattern && !dashed(w) {
			continue
		}
		if x, good := a.Answer(w); good {
			add(x)
		}
	}
	return vs
}

// spacedRef reports whether letters then digits, two words, may be an
// order reference written with a space: see answersIn.
func spacedRef(letters, digits string) bool {
	if len(letters) < 2 || len(letters) > 3 || len(digits) < 5 ||
		strings.ContainsFunc(letters, func(r rune) bool { return (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') }) ||
		strings.ContainsFunc(digits, func(r rune) bool { return r < '0' || r > '9' }) {
		return false
	}
	if strings.ToUpper(letters) == letters {
		return true
	}
	// Lower case: two letters, the shape of AB-123456; three are a word
	// or an abbreviation ("pin 123456", "otp", "tel", "eur", "dec").
	return len(letters) == 2 && len(digits) >= 6 && !slices.Contains(refNotLetters, strings.ToLower(letters))
}

// refNotLetters are short words that stand before a number in a sentence
// and are no order reference's letters: "order no 123456", "n° nr 123456",
// « le 123456 », "on 123456" (a date, an amount).
var refNotLetters = []string{"no", "nr", "num", "nos", "on", "in", "at", "to", "is", "it", "of", "or", "my", "by", "for", "the", "and", "was", "are", "le", "la", "les", "de", "du", "des", "un", "en", "au", "aux", "et", "ou", "est", "mon", "ma", "sur"}

// recalled acknowledges a question answered from an earlier message, in
// the flow's words (said, else the common already_said), and remembers it
// for the person's next message, which may correct it. choice is the
// button taken, "" for an ask.
func (t *turn) recalled(st *flow.Step, said flow.Text, choice string) {
	if said.IsZero() && !t.carryOn {
		said = t.e.flows.Common.Messages[flow.MsgAlreadySaid]
	}
	if !said.IsZero() {
		// Carrying on where the flow paused, "You've already told me
		// that" would answer nothing the person just said.
		t.text2(said, t.pause(st.Pause))
	}
	t.s.Recalled = t.s.Flow + "." + st.ID
	if choice != "" {
		t.s.Recalled += "." + choice
	}
}

// corrected takes the message as a correction of the question answered
// from memory in the last turn, when it gives another answer to it where
// the waiting question found none: "no, it arrived damaged" after "You
// said it's late", another order number after "You gave me order
// AB-123456". The flow goes on from that question's new answer.
func (t *turn) corrected() bool {
	if t.recall == "" {
		return false
	}
	flowID, rest, _ := strings.Cut(t.recall, ".")
	stepID, choiceID, _ := strings.Cut(rest, ".")
	f := t.e.flows.Flow(flowID)
	if flowID != t.s.Flow || f == nil || f.Step(stepID) == nil {
		return false
	}
	st := f.Step(stepID)
	switch {
	case st.Choose != nil && choiceID != "":
		c := t.otherChoice(st.Choose, choiceID)
		if c == nil {
			return false
		}
		t.s.Step = st.ID
		// The flow goes on from the corrected question: what it said
		// since, in this matter, is not said again ("I will never ask
		// for your password" twice in a row, fix24).
		t.carryOn = true
		t.choose(c)
		return true
	case st.Ask != nil:
		v, ok, _ := answerIn(st.Ask, t.text)
		if !ok || v == t.s.Slots[st.Ask.Slot] {
			return false
		}
		t.s.Slots[st.Ask.Slot] = v
		t.s.Attempts = 0
		t.s.Step = st.Next
		t.carryOn = true // as for a button above
		t.runSteps()
		return true
	}
	return false
}

// otherChoice finds the button of ch other than was that the message
// names, by all its words or by a word no other button has, said in a
// clause that does not deny it ("no, it's damaged" names "It arrived
// damaged"); nil unless exactly one.
func (t *turn) otherChoice(ch *flow.Choose, was string) *flow.Choice {
	said := appendSaid(nil, t.text)
	cls := clausesOf(t.text)
	unique := func(w string) bool {
		n := 0
		for _, c := range ch.Choices {
			if slices.Contains(t.label(c).words, w) {
				n++
			}
		}
		return n == 1
	}
	var found *flow.Choice
	for _, c := range ch.Choices {
		if c.ID == was || c.Flow != "" {
			continue
		}
		li := t.label(c)
		if !li.nameable {
			continue
		}
		yes, _ := li.names(said)
		yes = yes || t.synonymSaid(c, cls)
		for _, w := range li.words {
			yes = yes || (!answerWords[w] && hasSaid(said, w, li.neg) && unique(w))
		}
		if !yes {
			continue
		}
		if found != nil {
			return nil
		}
		found = c
	}
	return found
}

// whichOne asks which answer to st's ask was meant, in the common which_one, when
// the message holds two or more different ones ("it's AB-123456 or
// AB-654321"): they are named back, where the person was told "That
// doesn't look quite like an order number" of two that do, or the
// message was taken for another matter. A feeling said with them is heard
// first (listened). It reports whether it asked; a set without which_one
// never does.
func (t *turn) whichOne(st *flow.Step) bool {
	a := st.Ask
	txt, ok := t.e.flows.Common.Messages[flow.MsgWhichOne]
	if !ok || t.text == "" || t.m.Choice != "" || !tokenAnswer(a) {
		return false
	}
	vs := answersIn(a, t.text)
	if len(vs) < 2 {
		return false
	}
	t.listened()
	slots := maps.Clone(t.s.Slots)
	if slots == nil {
		slots = map[string]string{}
	}
	slots["answers"] = strings.Join(vs, ", ")
	var used []string
	t.reply(Reply{Text: t.renderWith(txt, slots, &used), Tone: txt.Tone, Verbatim: t.verbatim(txt), Pause: t.questionPause(st)}, used)
	return true
}

// dashed reports a word of letters and digits joined by a dash, as
// references are written ("INV-204511", "FR-2024-77"), unlike dates,
// amounts and product models.
func dashed(w string) bool {
	return strings.Contains(w, "-") && strings.ContainsFunc(w, unicode.IsLetter) && strings.ContainsFunc(w, unicode.IsDigit)
}
