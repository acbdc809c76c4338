package nlu

import (
	"embed"
	"fmt"
	"io/fs"
	"iter"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// The word lists are data that a maintainer edits, not code: see
// lexicon/README.md for the format.
//
//go:embed lexicon/*.txt
var lexiconFS embed.FS

// Kinds of lexicon entries. An entry's kind comes from its file
// ("anger.en.txt") and, in vulnerable and modifiers files, its [section].
type entryKind uint8

const (
	kindDistress entryKind = iota
	kindAnger
	kindAnxiety
	kindCrisis
	kindSenior
	kindPregnant
	kindDisabled
	kindNegation
	kindIntensifier
	kindDiminisher
	kindIdiom
	kindLang
	kindPerson   // a request for a person: Analysis.Escalate
	kindBoundary // words a negation does not reach across ("how", "never been this")
	// A crisis told as past and over: a time gone by ("ten years ago",
	// "il y a dix ans") and that it is over now ("I'm fine now",
	// « aujourd'hui ça va »), in the crisis files' [then] and [over]
	// sections. Both together make the crisis history, not a danger.
	kindThen
	kindOver
	// A crisis named as an event that happened ("my overdose", "after my
	// suicide attempt", « ma TS », « quand je me scarifiais »), in the
	// crisis files' [event] section. With a time gone by in its clause
	// and nothing said now, the crisis is history even when nobody says
	// it is over (toldAsEvent): "after my overdose last year I switched
	// plans".
	kindEvent
	// A crisis of the past said to be here again ("it's coming back",
	// "thinking about it again", « ça recommence », « j'y repense »), in
	// the crisis files' [back] section: with an [event] it is a crisis
	// (signalsFrom), and no message that holds one is history.
	kindBack
	// A plan or a goodbye said without a crisis word, in the crisis files'
	// [means], [when], [arranged] and [final] sections: a means made ready
	// or a place reached ("the pills are counted", "I'm on the roof") with
	// a time or a decision ("tonight", "it's decided") or a finality
	// ("this is goodbye"); arrangements made ("the keys are with my
	// neighbour", "papers in order") with a finality. Either pair is a
	// crisis (pairedCrisis); a cue alone is not.
	kindMeans
	kindWhen
	kindArranged
	kindFinal
	// A story's frame ("in the film", « dans le jeu »): paired cues there
	// are a plot, not a plan ([fiction] section of crisis files).
	kindFiction
	// violence17: a threat to harm someone else said by the writer, in
	// the crisis files' [threat], [resolve] and [jest] sections. A threat
	// ("I'm going to kill my boss", « je vais buter mon chef ») is said
	// of couriers, siblings and printers all day; with a resolve (a time,
	// a plan, a weapon, an oath: "tomorrow", "I know where he lives", « je
	// vous jure ») it is a crisis, unless a jest (a laugh, "jk", a parcel
	// it depends on, a game or a match: "lol", « mdr », "if my order
	// isn't here", "at chess") or a story's frame ([fiction]: "in the
	// film") says it is a way of speaking (threatCrisis).
	kindThreat
	kindResolve
	kindJest
	// An errand's frame: a trip or a move ("for two weeks", « en
	// vacances », "moving to"), a walk, traffic, a weekly pill box, a
	// question of delivery: paired cues there are an errand ([away]).
	kindAway
	// A request for a person taken back after it was made: "call me when
	// it ships? actually an email is fine", « non finalement, laissez
	// tomber » ([retract] section of person files). It cancels the person
	// entries said before it; a request said after it still asks.
	kindRetract
	// A person said of someone else: "my sister is a real person, not a
	// bot", « ma mère est pas un robot » ([other] section of person
	// files). A guard that also covers the next clause when it opens
	// with a contrast (", not a bot").
	kindOther
	// Loneliness, in the distress files' [lonely] section: distress that
	// is named as such ("nobody to talk to", « personne ne m'appelle »),
	// so that it is acknowledged in its own words (Signals.Lonely).
	kindLonely
	// A shouted message's cues, in the anger files' [complaint] and
	// [polite] sections, read only when most of a message is in capitals
	// (see shoutedAnger): capitals alone are how many older people type,
	// capitals with a complaint ("WHERE IS MY REFUND", « TOUJOURS RIEN »)
	// are shouting, and politeness ("please", « bonjour ») takes it back.
	kindComplaint
	kindPolite
	// A question of how to reach the team ([contact] section of person
	// files): "what's your number", "who do I call about this", « quel
	// est votre numéro ». Not a request for a person by itself (it is
	// often asked on the way to a topic: "who do I call to cancel a
	// transfer"); the engine answers it with the team's contacts
	// (Analysis.Contact), beside whatever it does with the rest.
	kindContact
	// Grief, in the distress files' [grief] section: distress that is a
	// death or a lost pregnancy told ("my late wife's account", « feu mon
	// père », a miscarriage), acknowledged as a loss (Signals.Grief), not
	// as stress.
	kindGrief
	// Whether the person talks to a bot ([bot] section of person files):
	// "are you a bot?", « je parle à un robot ? ». Not a request for a
	// person by itself; the engine answers it honestly (Analysis.AboutBot).
	kindBotQ
	// A pity, in the distress files' [pity] section: "what a shame",
	// "too bad", "pity". Distress, unless the message settles it with a
	// plan ([plan]).
	kindPity
	// A plan that settles a pity, in the distress files' [plan]
	// section: "I'll order next week", "I'll just wait". "What a shame,
	// I'll order next week" is a customer who shrugs and comes back, no
	// sorrow to acknowledge; "what a shame." alone, or with a sorrow of its
	// own ("what a shame, he died"), is still heard: only the [pity]
	// entries are settled.
	kindPlan
	// Not following what carebot said ([lost] section of person files):
	// "I don't understand", "what do you mean?", « je comprends pas ».
	// Said of carebot's words, not of a bill ("I don't understand this
	// charge" is the payment flow's); the engine says its question again
	// in simpler words (Analysis.Lost).
	kindLost
	// What puts a feeling word out of the person's own feeling now, in
	// the modifiers files' sections (feel16; see scopeFeeling): someone
	// else feels it ([others]: "my dog was terrified"), it is a condition
	// asked about ([condition]: "what happens if I'm unhappy with it"),
	// it was felt and is over ([past] with a [settled] cue after it: "I
	// was worried but it arrived"), a French negation said after the verb
	// ([postnegation]: « ça me stresse pas »), a question answered no
	// ([answer]: "stressed? no, just asking"), or a thing's name
	// ([thing]: "a stress ball", "the sad face emoji"); feel17: the topic
	// of a thing ([topic]: "a book about grief", "tea for stress", « des
	// films d'horreur »), or said with a laugh ([laugh]: "this heat is
	// killing me lol", « j'ai eu peur en voyant le total 😂 »).
	kindOthers
	kindCondition
	kindPast
	kindSettled
	kindPostNeg
	kindAnswer
	kindThing
	kindTopic
	kindLaugh
	kindMenu
	// A person declined ([decline] section of person files): "no need
	// for", "not asking for", "you don't have to transfer me", « pas
	// besoin », « ne me passez ». It guards the person entries from its
	// start to the end of its clause, up to a word of the [reopen] class
	// ("but", "I", "just", a bot: « mais », « je »), after which a
	// request asks again: "no need for a bot I want a human". A person
	// forced on someone who said they need none is as wrong as one
	// refused (understand19).
	kindDecline
	// An insult someone else said to the writer ([reported] section of
	// the modifiers files: "called me", "told me I was", « m'a traité
	// de », « m'a dit que j'étais »): the anger entries after it in its
	// clause are their words, not the writer's anger (feel20; see
	// scopeFeeling).
	kindReported
	// A complaint's ultimatum ([ultimatum] section of crisis files): a
	// service's authority or a customer's recourse named right after a
	// last word ("this is my last message, if no reply I'm going to the
	// ombudsman", « c'est mon dernier message, sans réponse je saisis le
	// médiateur »). It guards the crisis entries and finalities of the
	// clause before it and of its own clause up to its end (retract):
	// "this is my last message $" ends at the comma, where no guard of
	// the main section reaches (crisis22).
	kindUltimatum
	numKinds
)

var kindNames = [numKinds]string{
	"distress", "anger", "anxiety", "crisis", "senior", "pregnant", "disabled",
	"negation", "intensifier", "diminisher", "idiom", "lang", "person", "boundary",
	"then", "over", "event", "back", "means", "when", "arranged", "final", "fiction",
	"threat", "resolve", "jest", "away",
	"retract", "other",
	"lonely", "complaint", "polite", "contact", "grief", "bot",
	"pity", "plan", "lost",
	"others", "condition", "past", "settled", "postnegation", "answer", "thing",
	"topic", "laugh",
	"menu", "decline", "reported", "ultimatum",
}

// crisisFileKind reports whether entries of kind k are written in crisis
// files (crisis entries and the cues of their sections).
func crisisFileKind(k entryKind) bool {
	return k == kindCrisis || (k >= kindThen && k <= kindAway)
}

// files and the kinds their sections may name.
var fileKinds = map[string][]entryKind{
	"distress":   {kindDistress, kindLonely, kindGrief, kindPity, kindPlan},
	"anger":      {kindAnger, kindComplaint, kindPolite},
	"anxiety":    {kindAnxiety},
	"crisis":     {kindCrisis, kindThen, kindOver, kindEvent, kindBack, kindMeans, kindWhen, kindArranged, kindFinal, kindFiction, kindThreat, kindResolve, kindJest, kindAway, kindUltimatum},
	"vulnerable": {kindSenior, kindPregnant, kindDisabled},
	"modifiers":  {kindNegation, kindIntensifier, kindDiminisher, kindBoundary, kindOthers, kindCondition, kindPast, kindSettled, kindPostNeg, kindAnswer, kindThing, kindTopic, kindLaugh, kindReported},
	"idioms":     {kindIdiom},
	"lang":       {kindLang},
	"person":     {kindPerson, kindRetract, kindOther, kindContact, kindBotQ, kindLost, kindMenu, kindDecline},
}

// wordsFile is the KIND of the files that define word classes (@name).
const wordsFile = "words"

// fillerClass names the class of words.LANG.txt whose words may stand
// between two words of a crisis, person or vulnerability entry of LANG
// ("want to just die"): see matcher.filler.
const fillerClass = "filler"

// contrastClass names the class of words.LANG.txt whose words open a
// contrast ("not", « pas »): an aside of a person file's [other] section
// ("my sister is a real person") reaches the next clause only when it
// opens with one (", not a bot"), not when it says something new (", he
// needs a human to help him").
const contrastClass = "contrast"

// reopenClass names the class of words.LANG.txt whose words end the
// scope of a person declined ([decline] in person files): after "but",
// "I", "just" or a bot (« mais », « je »), a request asks again ("no
// need for the bot I want a human").
const reopenClass = "reopen"

// tailClass names the class of words.LANG.txt whose words, as a last
// clause of their own ("PERSON. NOW."), leave the clause before it the
// one "^" starts in safety entries: see matcher.lastClause.
const tailClass = "tail"

// jestEndClass names the class of words.LANG.txt whose words, ending a
// sentence, take back the end of a clause a "$" of a safety entry found
// at a comma: see matcher.laughedOn.
const jestEndClass = "jestend"

// feelFillerClass names the class of words.LANG.txt whose words may stand
// inside a feeling entry (distress, anger, anxiety): words of emphasis
// that say no feeling themselves ("vraiment", "really").
const feelFillerClass = "feelfiller"

// firstPersonClass names the class of words.LANG.txt whose words say the
// writer ("I", "me", "we", « je », « me », « nous »): said between someone
// else and a feeling ("my husband and I are terrified", « ma mère me
// stresse »), or right after it ("they scare me"), the feeling is the
// writer's own (see scopeFeeling).
const firstPersonClass = "firstperson"

// angerFeltClass names the words of anger felt ("furious", « en colère »),
// which someone else may feel, unlike an insult (scopeFeeling).
const angerFeltClass = "angerfelt"

// mineClass names the class of words.LANG.txt whose words say the
// writer's own ("my", "our", « mon », « nos »): a loss or a feeling said as
// one's own is no thing's topic ("a gift for my late husband", "flowers
// for my mum's funeral"), see topicOf.
const mineClass = "mine"

// lexicon is every word list of one language.
type lexicon struct {
	lang    string
	feel    *matcher // distress, anger, anxiety: phrase.ref is the entryKind
	safety  *matcher // crisis, vulnerability and person, read in every language
	mods    *matcher // negation, intensifier, diminisher, idiom
	shout   *matcher // complaint and politeness cues, read in shouted messages only
	words   map[string]float32
	starts  *startIndex           // of the safety and feel matchers of every language
	classes map[string]*wordClass // @name, from words.LANG.txt
	self    *wordClass            // the writer's own words, [firstperson] (scopeFeeling)
	mine    *wordClass            // the writer's possessives, [mine] (topicOf)
	angry   *wordClass            // words of anger felt, not insults, [angerfelt] (scopeFeeling)
	who     *wordClass            // who else may be angry at the writer, [angerwho] (angerOfOther)
	iam     *wordClass            // the writer as a subject, [iam] (angerOfOther)
	too     *wordClass            // a feeling shared, [too] (angerOfOther)
	isRole  *wordClass            // the writer said to be a role, [iamrole] (roleIsWriter)
	// swear, praise and trouble: swear words, what says something is
	// good, and what says something went wrong ([swear22], [praise22],
	// [trouble22]: joySworn).
	swear, praise, trouble *wordClass
	// yield and tempting: words of giving in, and what makes a thing
	// wanted ([yield24], [tempting24]: tempted).
	yield, tempting *wordClass
	// sarcOpen, wrong and letGo: the little words of praise said alone,
	// what went wrong after it, and what lets it go ([sarcopen25],
	// [wrong25], [sarcnot25]: sarcastic); fixed and fixedNeg: the good
	// news that puts it right, and what denies it ([sarcfixed25c],
	// [sarcneg25c]: sarcastic).
	sarcOpen, wrong, letGo *wordClass
	fixed, fixedNeg        *wordClass
	// named: the things a name in quotation marks may name, before it
	// ([named24]: quotedTitle).
	named *wordClass
	// cheer: a cheer right after a swear word ([cheer24]: cheered).
	cheer   *wordClass
	accent  float32 // weight of each accented letter, for the language guess
	entries int
	seen    map[string]bool // phraseKey of every entry added, while loading
}

// phraseKey identifies an entry as read: its parts, kind, weight and marks.
func phraseKey(parts []part, p *phrase) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %g %t|", p.ref, p.w, p.sticky)
	for _, q := range parts {
		id := -1
		if q.cls != nil {
			id = q.cls.id
		}
		fmt.Fprintf(&b, "%d %q %d %t %t|", q.kind, q.s, id, q.opt, q.agree)
	}
	return b.String()
}

// lexicons holds the lexicons of every language found, sorted by language.
type lexicons struct {
	byLang map[string]*lexicon
	langs  []string
}

var embeddedLexicons = sync.OnceValues(func() (*lexicons, error) {
	sub, err := fs.Sub(lexiconFS, "lexicon")
	if err != nil {
		return nil, err
	}
	return loadLexicons(sub)
})

// loadLexicons reads every KIND.LANG.txt file of fsys. Every problem is
// reported, as FILE:LINE: message.
func loadLexicons(fsys fs.FS) (*lexicons, error) {
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, err
	}
	// Word classes first: any file may use them.
	sort.SliceStable(names, func(i, j int) bool {
		return strings.HasPrefix(path.Base(names[i]), wordsFile+".") && !strings.HasPrefix(path.Base(names[j]), wordsFile+".")
	})
	lx := &lexicons{byLang: map[string]*lexicon{}}
	var errs []string
	classIDs := 0
	for _, name := range names {
		base := strings.TrimSuffix(path.Base(name), ".txt")
		kind, lang, ok := strings.Cut(base, ".")
		kinds, known := fileKinds[kind]
		if !ok || (!known && kind != wordsFile) || lang == "" {
			errs = append(errs, fmt.Sprintf("%s: the name must be KIND.LANG.txt with KIND one of distress, anger, anxiety, crisis, person, vulnerable, modifiers, idioms, lang, words", name))
			continue
		}
		l := lx.byLang[lang]
		if l == nil {
			l = &lexicon{lang: lang, feel: newMatcher(), safety: newMatcher(), mods: newMatcher(), shout: newMatcher(), seen: map[string]bool{}, words: map[string]float32{}, classes: map[string]*wordClass{}}
			lx.byLang[lang] = l
			lx.langs = append(lx.langs, lang)
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		if kind == wordsFile {
			errs = append(errs, l.parseClasses(name, string(b), &classIDs)...)
			continue
		}
		errs = append(errs, l.parse(name, string(b), kinds)...)
	}
	sort.Strings(lx.langs)
	for _, l := range lx.byLang {
		l.seen = nil // only for loading
		l.safety.filler = l.classes[fillerClass]
		l.safety.tail = l.classes[tailClass]
		l.safety.jestEnd = l.classes[jestEndClass]
		// Feelings have their own: "j'en peux vraiment plus", "I really
		// don't know what to do anymore". A swear word is a feeling of its
		// own, not a filler there: "I don't fucking care" is angry.
		l.feel.filler = l.classes[feelFillerClass]
		l.self = l.classes[firstPersonClass]
		l.mine = l.classes[mineClass]
		l.angry = l.classes[angerFeltClass]
		l.who, l.iam, l.too = l.classes["angerwho"], l.classes["iam"], l.classes["too"]
		l.isRole = l.classes["iamrole"]
		l.swear, l.praise, l.trouble = l.classes["swear22"], l.classes["praise22"], l.classes["trouble22"]
		l.yield, l.tempting, l.cheer = l.classes["yield24"], l.classes["tempting24"], l.classes["cheer24"]
		l.named = l.classes["named24"]
		l.sarcOpen, l.wrong, l.letGo = l.classes["sarcopen25"], l.classes["wrong25"], l.classes["sarcnot25"]
		l.fixed, l.fixedNeg = l.classes["sarcfixed25c"], l.classes["sarcneg25c"]
		for _, m := range [...]*matcher{l.feel, l.safety, l.mods, l.shout} {
			m.ready()
		}
	}
	starts := newStartIndex()
	for _, l := range lx.byLang {
		starts.add(l.safety)
		starts.add(l.feel)
	}
	for _, l := range lx.byLang {
		l.starts = starts
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("load lexicons: %s", strings.Join(errs, "\n"))
	}
	return lx, nil
}

// lines yields the lines of text, numbered from 1, trimmed and without
// their # comment, leaving out those with nothing else.
func lines(text string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		for i, line := range strings.Split(text, "\n") {
			line, _, _ = strings.Cut(line, "#")
			if line = strings.TrimSpace(line); line != "" && !yield(i+1, line) {
				return
			}
		}
	}
}

func (l *lexicon) parse(name, text string, kinds []entryKind) []string {
	var errs []string
	kind := kinds[0]
	sectioned := len(kinds) > 1
	for n, line := range lines(text) {
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			sec := strings.TrimSpace(line[1 : len(line)-1])
			found := false
			for _, k := range kinds {
				if kindNames[k] == sec {
					kind, found = k, true
				}
			}
			if !found || !sectioned {
				errs = append(errs, fmt.Sprintf("%s:%d: unknown section [%s]", name, n, sec))
			}
			continue
		}
		ws, rest, _ := strings.Cut(line, " ")
		if t, r, ok := strings.Cut(line, "\t"); ok && len(t) < len(ws) {
			ws, rest = t, r
		}
		// "1!" marks an entry that negation does not cancel: "I don't
		// fucking care" is still angry, "don't get it :(" still sad.
		sticky := strings.HasSuffix(ws, "!")
		w, err := strconv.ParseFloat(strings.TrimSuffix(ws, "!"), 32)
		if err != nil || math.IsNaN(w) || math.IsInf(w, 0) {
			// NaN or an infinity would make the score of every message
			// holding the entry NaN or infinite: no signal, or one that
			// nothing takes back.
			errs = append(errs, fmt.Sprintf("%s:%d: a line is WEIGHT PHRASE; %q is not a number", name, n, ws))
			continue
		}
		if w < 0 && kind != kindPerson && kind != kindOver {
			// A takeback ("-1 just curious") only makes sense where
			// entries add up to one yes or no: a request for a person,
			// a crisis that is over ("-5 again": it is not).
			errs = append(errs, fmt.Sprintf("%s:%d: a negative weight is only for person entries and crisis [over] takebacks", name, n))
			continue
		}
		if kind == kindLang && strings.TrimSpace(rest) == "<accent>" {
			l.accent = float32(w)
			continue
		}
		if kind == kindLang {
			var d doc
			normalize(&d, rest)
			if len(d.toks) != 1 {
				errs = append(errs, fmt.Sprintf("%s:%d: a lang entry is one word", name, n))
				continue
			}
			l.words[string(d.word(0))] = float32(w)
			l.entries++
			continue
		}
		parts, err := parsePhraseWith(rest, l.classes)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s:%d: %v", name, n, err))
			continue
		}
		if crisisFileKind(kind) && l.lang == "fr" {
			optionalNe(parts)
			agreeWords(parts)
		}
		for _, v := range variants(parts) {
			p := phrase{ref: int32(kind), w: float32(w), sticky: sticky}
			// The same entry twice ("i'm …" and "im …" are one once
			// read) would only be tried twice at every word it starts
			// at: the second adds nothing (shadowed keeps one).
			if k := phraseKey(v, &p); l.seen[k] {
				continue
			} else {
				l.seen[k] = true
			}
			switch kind {
			case kindNegation, kindIntensifier, kindDiminisher, kindIdiom, kindBoundary,
				kindOthers, kindCondition, kindPast, kindSettled, kindPostNeg, kindAnswer, kindThing, kindTopic, kindLaugh, kindReported:
				l.mods.add(v, p)
			case kindDistress, kindAnger, kindAnxiety, kindLonely, kindGrief, kindPity, kindPlan:
				l.feel.add(v, p)
			case kindComplaint, kindPolite:
				l.shout.add(v, p)
			default:
				l.safety.add(v, p)
			}
		}
		l.entries++
	}
	return errs
}

// parseClasses reads a words file: a [name] line starts the class @name,
// and the lines after it list its members, several to a line: a word, a
// prefix (word*), a word that forgives one typo (word~) or another class
// (@other), whose members are copied.
func (l *lexicon) parseClasses(name, text string, nextID *int) []string {
	var errs []string
	var cur *wordClass
	for n, line := range lines(text) {
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			cn := strings.TrimSpace(line[1 : len(line)-1])
			if cn == "" || strings.ContainsAny(cn, " @*~?") {
				errs = append(errs, fmt.Sprintf("%s:%d: a class name is one word: [%s]", name, n, cn))
				cur = nil
				continue
			}
			if l.classes[cn] != nil {
				errs = append(errs, fmt.Sprintf("%s:%d: class [%s] is defined twice", name, n, cn))
			}
			// Numbered across the languages of one load, so that a
			// message's memo (classMemo) never mixes two classes.
			cur = &wordClass{id: *nextID, name: cn, build: &classBuild{words: map[string]bool{}}}
			*nextID++
			l.classes[cn] = cur
			continue
		}
		if cur == nil {
			errs = append(errs, fmt.Sprintf("%s:%d: a member before any [class] line", name, n))
			continue
		}
		for _, f := range strings.Fields(line) {
			if err := cur.addMember(f, l.classes); err != nil {
				errs = append(errs, fmt.Sprintf("%s:%d: %v", name, n, err))
			}
		}
	}
	for _, c := range l.classes {
		c.prune()
		c.freeze()
	}
	return errs
}

func (c *wordClass) addMember(f string, classes map[string]*wordClass) error {
	b := c.build
	if strings.HasPrefix(f, "@") {
		o := classes[f[1:]]
		if o == nil || o == c || o.build == nil {
			return fmt.Errorf("unknown word class %s (a class can only use classes defined above it)", f)
		}
		for w := range o.build.words {
			b.words[w] = true
		}
		b.prefixes = append(b.prefixes, o.build.prefixes...)
		b.fuzzy = append(b.fuzzy, o.build.fuzzy...)
		return nil
	}
	prefix := strings.HasSuffix(f, "*")
	fuzzy := strings.HasSuffix(f, "~")
	f = strings.TrimRight(f, "*~")
	var d doc
	normalizeAs(&d, f, false) // as written: no chat 'je' split
	if len(d.toks) != 1 {
		return fmt.Errorf("a class member is one word, not %q", f)
	}
	w := string(d.word(0))
	switch {
	case prefix:
		if len(w) < minPrefix {
			return fmt.Errorf("prefix %q is shorter than %d letters", f, minPrefix)
		}
		b.prefixes = append(b.prefixes, w)
	case fuzzy:
		if len(w) < minFuzzy {
			return fmt.Errorf("%q is too short to forgive a typo (%d letters or more)", f, minFuzzy)
		}
		b.words[w] = true
		b.fuzzy = append(b.fuzzy, w)
	default:
		b.words[w] = true
	}
	return nil
}

// prune drops the words a prefix of the class already covers, so that a
// phrase starting with the class is found once per word.
func (c *wordClass) prune() {
	b := c.build
	for w := range b.words {
		for _, p := range b.prefixes {
			if strings.HasPrefix(w, p) {
				delete(b.words, w)
				break
			}
		}
	}
}

// optionalNe makes the "ne" (or "n'") of a French crisis entry's negation
// optional when the entry holds the negation's second half after it
// ("ne veux plus vivre") or "personne"/"rien" just before it ("personne ne
// @remarquer si je partais"): in
// chats and everyday writing the "ne" is dropped ("je veux plus vivre",
// "je vois pas l'intérêt de vivre"), and the entry written with it hears
// both. A "ne" without a second half after it is left as written: it may
// be "né", born ("si j'étais jamais né").
func optionalNe(parts []part) {
	for i := range parts {
		p := &parts[i]
		if p.kind != partWord || (p.s != "ne" && p.s != "n") {
			continue
		}
		if i > 0 && parts[i-1].kind == partWord && (parts[i-1].s == "personne" || parts[i-1].s == "rien") {
			p.opt = true // "personne ne le remarquerait"
			continue
		}
		for _, q := range parts[i+1:] {
			if negHalf(q) {
				p.opt = true
				break
			}
		}
	}
}

// negHalf reports whether p is (or may be) the second half of a French
// negation: "pas", "plus", "jamais", "rien"…
func negHalf(p part) bool {
	switch p.kind {
	case partWord:
		return frNegHalves[p.s]
	case partClass:
		for w := range frNegHalves {
			if p.cls.words.findString(w) >= 0 {
				return true
			}
		}
	}
	return false
}

var frNegHalves = map[string]bool{
	"pas": true, "plus": true, "jamais": true, "rien": true, "personne": true,
	"aucun": true, "aucune": true, "guere": true, "nullement": true, "ni": true,
}

// agreeWords makes the words of a French crisis entry match every form
// of their gender and number agreement ("prête" hears "prêt", "prêts";
// "fatigué de vivre" hears "fatiguée"): entries are written in one form,
// people write in theirs. Words of four letters or fewer stay as written
// ("tue", "mort" is already a base).
func agreeWords(parts []part) {
	for i := range parts {
		p := &parts[i]
		if p.kind != partWord || len(p.s) <= 4 {
			continue
		}
		p.s, p.agree = agreeBase(p.s), true
	}
}
