package llm

import (
	"errors"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/flow"
)

// Guardrail names: the values of RejectError.Check and of the check label of
// carebot_rephrase_rejected_total.
const (
	CheckEmpty       = "empty"       // nothing left to say
	CheckPlaceholder = "placeholder" // a [EMAIL_1]-style placeholder came back unknown or mangled
	CheckLanguage    = "language"    // not written in the script's language
	CheckSlot        = "slot"        // a filled slot value is missing
	CheckFacts       = "facts"       // a number, amount, date, URL, e-mail or phone number is missing
	CheckNewFacts    = "new_facts"   // a number, amount, date, URL, e-mail or phone number was added
	CheckCommitment  = "commitment"  // a refund, compensation, guarantee… the script did not make
	CheckQuestion    = "question"    // a question stopped being one, or a statement became one
	CheckLength      = "length"      // much shorter or longer than the script
	CheckOverlap     = "overlap"     // says something else: too few of the script's words left
	CheckNovel       = "novel"       // adds too many words of its own: a sentence the script never had
	CheckEcho        = "echo"        // takes up wording of the person's (or of a slot value) the script does not have
	CheckMeta        = "meta"        // speaks of instructions, prompts, rules, roles or being an AI
)

// Checks lists every guardrail in the order Check runs them.
var Checks = []string{
	CheckEmpty, CheckPlaceholder, CheckMeta, CheckLanguage, CheckSlot, CheckFacts, CheckNewFacts,
	CheckCommitment, CheckQuestion, CheckLength, CheckOverlap, CheckNovel, CheckEcho,
}

// ErrRejected is wrapped by every *RejectError: errors.Is(err, ErrRejected)
// tells a guardrail rejection from a failed call.
var ErrRejected = errors.New("rephrase rejected")

// RejectError says which guardrail rejected a rephrase. It never holds text
// from the script or the rephrase, so it can be logged.
type RejectError struct {
	Check  string // one of the Check* constants
	Detail string // what kind of thing failed: "number", "url", "other"… ("" when obvious)
}

func (e *RejectError) Error() string {
	if e.Detail == "" {
		return "rephrase rejected by " + e.Check + " check"
	}
	return "rephrase rejected by " + e.Check + " check (" + e.Detail + ")"
}

// Unwrap makes errors.Is(err, ErrRejected) true.
func (e *RejectError) Unwrap() error { return ErrRejected }

// Rules tunes the guardrails. A zero field takes its default (see
// DefaultRules); an empty, non-nil CommitmentWords map turns that check off.
type Rules struct {
	// CommitmentWords are, per language, the words a rephrase may only use
	// if the script does (flow.CommitmentWords gives the syntax and the
	// defaults). Every language's list applies to every reply.
	CommitmentWords map[string][]string
	// MinRatio and MaxRatio bound the rephrase's length in characters
	// relative to the script's; Slack characters are added to the upper
	// bound so that a short script can take a kind opening.
	MinRatio, MaxRatio float64
	Slack              int
	// MinOverlap is the least share of the script's content words (by
	// their first five letters) the rephrase must keep, when the script
	// has at least three: a reply that says something else entirely is
	// not a rephrase.
	MinOverlap float64
	// EchoWords is the length of a run of the person's words that a
	// rephrase may not copy (unless the script has it too): mirroring a
	// few words is warm, pasting a sentence is how injected instructions
	// come out. Negative turns the check off.
	EchoWords int
	// MetaWords are, per language, words a rephrase may only use if the
	// script does (same syntax as CommitmentWords): a reply that speaks
	// of its instructions, prompt, rules, role or of being an AI is a
	// model talking about itself, mostly because someone asked it to. An
	// empty, non-nil map turns the check off.
	MetaWords map[string][]string
	// NewWords and NewRatio bound the content words a rephrase adds (not
	// in the script, not kind words such as "sorry" or "patience"): at
	// most NewWords + NewRatio × the script's content words. It is what
	// catches a short scripted line (a greeting, "noted") replaced by a
	// sentence of the model's own, which overlap alone cannot measure.
	NewWords int
	NewRatio float64
	// BorrowWords is how many of its added content words a rephrase may
	// take from the person's recent messages (mirroring one word is warm,
	// two are their sentence); none may come from a slot value outside
	// the slot itself. A reply is the script's words, not theirs.
	BorrowWords int
}

// Rule defaults.
const (
	DefaultMinRatio    = 0.5
	DefaultMaxRatio    = 2.0
	DefaultSlack       = 60
	DefaultMinOverlap  = 0.3
	DefaultEchoWords   = 6
	DefaultNewWords    = 1
	DefaultNewRatio    = 0.5
	DefaultBorrowWords = 1
)

// DefaultRules returns the default guardrail settings.
func DefaultRules() Rules {
	return Rules{
		CommitmentWords: flow.CommitmentWords(),
		MinRatio:        DefaultMinRatio,
		MaxRatio:        DefaultMaxRatio,
		Slack:           DefaultSlack,
		MinOverlap:      DefaultMinOverlap,
		EchoWords:       DefaultEchoWords,
		MetaWords:       DefaultMetaWords(),
		NewWords:        DefaultNewWords,
		NewRatio:        DefaultNewRatio,
		BorrowWords:     DefaultBorrowWords,
	}
}

// DefaultMetaWords returns a fresh copy of the built-in words about
// instructions, prompts, rules, roles and AI identity, in English and
// French. "ai" alone is not one: it is French for "have" (j'ai).
func DefaultMetaWords() map[string][]string {
	return map[string][]string{
		LangEnglish: {
			"instruction*", "prompt", "prompts", "prompted", "system", "systems", "rule", "rules",
			"role", "roles", "roleplay*", "guideline*", "jailbreak*", "developer mode", "ignore",
			"ignoring", "disregard*", "override*", "overrid*", "pretend*", "as an ai", "an ai",
			"the ai", "ai model*", "ai assistant*", "ai language", "ai system*",
			"artificial intelligence", "language model*", "llm*", "chatgpt", "gpt*", "openai",
			"chatbot*", "bot", "bots", "robot*", "virtual assistant*", "programmed", "programming",
			"my training", "trained to", "was trained", "been trained", "i was told", "i've been told",
			"i have been told", "i am told", "i'm told", "configured to", "my creator*",
			"my developer*", "script", "scripted", "template*", "placeholder*",
		},
		LangFrench: {
			"instruction*", "consigne*", "systeme", "systemes", "regle", "regles", "role", "roles",
			"jeu de role", "directive*", "ignorer", "ignorez", "ignore les", "ignore mes",
			"ignore tes", "ignore vos", "intelligence artificielle", "une ia", "l ia", "ia",
			"modele de langage", "modele d ia", "assistant virtuel", "ete programme*",
			"ete entraine*", "ete configure*", "mon createur", "mes createurs", "developpeur*",
		},
	}
}

// warmWords are the words a kind rewording adds without saying anything
// new: they do not count against NewWords (folded; "*" is a prefix).
var warmWords = compileWords(
	// English
	"sorry", "apolog*", "understand*", "thank*", "patien*", "worr*", "concern*", "rest",
	"assured", "reassur*", "good", "great", "news", "glad", "happy", "pleas*", "hope*",
	"lovely", "nice", "wonderful", "wish*", "kind*", "absolutely", "certainly", "sure",
	"surely", "really", "truly", "completely", "totally", "definitely", "fully", "indeed",
	"quick*", "note", "noted", "reach*", "hear", "heard", "hearing", "frustrat*", "annoy*",
	"inconvenien*", "trouble*", "upset*", "stress*", "appreciat*", "welcome", "dear",
	"course", "remind*", "feel", "message", "writing", "wrote", "contact*", "touch", "caus*",
	"going", "ahead", "make", "made", "take", "care", "moment", "shortly", "bit", "little",
	"much", "many", "lot", "look*", "check*", "regard*", "best", "sharing", "share",
	"question*", "help*", "okay", "alright", "hey", "reaching", "difficult", "hard", "tough",
	"hassle", "mind", "waiting", "wait", "say", "tell", "told", "letting", "know", "keep",
	"there", "able", "assist*", "support*", "listen*", "fine", "enjoy", "very", "well",
	"out", "may", "one", "someone", "somebody", "using", "way", "unfortunately", "simply",
	"actually", "already", "right", "away", "asap", "kindly", "feel", "sounds", "seems",
	// French
	"desol*", "excus*", "comprend*", "compris", "merci*", "patien*", "inquiet*", "rassur*",
	"bonne", "bon", "bonnes", "nouvelle*", "ravi*", "heureu*", "plaisir", "aide*", "espere",
	"esperons", "excellent*", "belle", "beau", "journee", "soiree", "souhait*", "vraiment",
	"bien", "note", "entendu", "agacement", "desagrement*", "gene", "frustr*", "apprecie*",
	"bienvenue", "bonjour", "cher", "chere", "rappel*", "petit*", "evidemment",
	"certainement", "absolument", "rapide*", "message", "ecri*", "contact*", "occasionne*",
	"prendre", "prenez", "soin", "instant*", "bientot", "regard*", "question*", "beaucoup",
	"peu", "inquietez", "hesitez", "surtout", "toujours", "volontiers", "ecoute*", "fait",
	"tout", "assure*", "signaler", "dire", "savoir", "attente", "patienter", "difficile",
	"suis", "pourr*", "puiss*", "voir", "malheureusement", "attention", "desormais",
	"simplement", "quelqu", "personne", "rien", "souci*", "vite", "juste",
)

// wordMatcher matches folded words, whole or by prefix.
type wordMatcher struct {
	whole    map[string]bool
	prefixes []string
}

func compileWords(list ...string) wordMatcher {
	m := wordMatcher{whole: map[string]bool{}}
	for _, w := range list {
		if p, ok := strings.CutSuffix(w, "*"); ok {
			m.prefixes = append(m.prefixes, p)
			continue
		}
		m.whole[w] = true
	}
	return m
}

func (m wordMatcher) has(w string) bool {
	if m.whole[w] {
		return true
	}
	for _, p := range m.prefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

func (ru Rules) withDefaults() Rules {
	if ru.CommitmentWords == nil {
		ru.CommitmentWords = flow.CommitmentWords()
	}
	positive(&ru.MinRatio, DefaultMinRatio)
	positive(&ru.MaxRatio, DefaultMaxRatio)
	positive(&ru.Slack, DefaultSlack)
	positive(&ru.MinOverlap, DefaultMinOverlap)
	if ru.EchoWords == 0 {
		ru.EchoWords = DefaultEchoWords
	}
	if ru.MetaWords == nil {
		ru.MetaWords = DefaultMetaWords()
	}
	positive(&ru.NewWords, DefaultNewWords)
	positive(&ru.NewRatio, DefaultNewRatio)
	positive(&ru.BorrowWords, DefaultBorrowWords)
	return ru
}

// positive sets *v to def unless it is more than 0.
func positive[T int | float64](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}

// Check runs every guardrail on candidate, a rephrase of script, and
// returns nil if it may be sent, or a *RejectError naming the first
// guardrail it fails. req gives the conversation's language (used when
// the script is too short to tell its own), the filled slot values that
// must survive word for word, and the person's recent words (echo check).
//
// The guardrails protect facts and commitments, not style: a rephrase that
// passes says the same numbers, amounts, dates, links, addresses, phone
// numbers and slot values as the script, adds none, promises nothing the
// script does not, is in the script's language, asks a question exactly
// when the script does and keeps a comparable length and wording.
func Check(script, candidate string, req bot.RephraseRequest, rules Rules) error {
	return newGuard(rules).check(script, candidate, req)
}

// guard is a compiled Rules.
type guard struct {
	rules  Rules
	commit []phrase
	except []phrase // commitment exceptions, blanked out before matching
	meta   []phrase
}

// phrase is one commitment entry: a sequence of words, each matched whole
// or, when prefix is set, as the start of a word.
type phrase struct {
	words  []string
	prefix []bool
}

func newGuard(rules Rules) *guard {
	g := &guard{rules: rules.withDefaults()}
	g.commit, g.except = compilePhrases(g.rules.CommitmentWords)
	g.meta, _ = compilePhrases(g.rules.MetaWords)
	return g
}

// compilePhrases turns per-language word lists into phrases and exceptions.
func compilePhrases(lists map[string][]string) (phrases, exceptions []phrase) {
	for _, lang := range slices.Sorted(maps.Keys(lists)) {
		for _, e := range lists[lang] {
			exception := strings.HasPrefix(e, "-")
			e = strings.TrimPrefix(e, "-")
			var p phrase
			for _, w := range strings.Fields(flow.Fold(normalize(e))) {
				pre := strings.HasSuffix(w, "*")
				for _, part := range words(strings.TrimSuffix(w, "*")) {
					p.words = append(p.words, part)
					p.prefix = append(p.prefix, false)
				}
				if pre && len(p.prefix) > 0 {
					p.prefix[len(p.prefix)-1] = true
				}
			}
			switch {
			case len(p.words) == 0:
			case exception:
				exceptions = append(exceptions, p)
			default:
				phrases = append(phrases, p)
			}
		}
	}
	return phrases, exceptions
}

func reject(check, detail string) error { return &RejectError{Check: check, Detail: detail} }

// expectedLang is the language a rephrase must be in: the script's own when
// it is long enough to tell, else the conversation's.
func expectedLang(script, reqLang string) string {
	if l := DetectLang(script); supported(l) {
		return l
	}
	return baseLang(reqLang)
}

// minLangWords is the number of words from which a rephrase whose language
// cannot be told is rejected: "Merci !" may be anything, eight words of
// neither English nor French are something else.
const minLangWords = 6

func (g *guard) check(script, candidate string, req bot.RephraseRequest) error {
	s, c := normalize(strings.TrimSpace(script)), normalize(strings.TrimSpace(candidate))
	if c == "" {
		return reject(CheckEmpty, "")
	}
	if rePlaceholder.MatchString(c) && !rePlaceholder.MatchString(s) {
		return reject(CheckPlaceholder, "")
	}
	ws, wc := words(flow.Fold(s)), words(flow.Fold(c))
	for _, p := range g.meta {
		if p.in(wc) && !p.in(ws) {
			return reject(CheckMeta, "")
		}
	}

	scriptLang := DetectLang(s)
	want := scriptLang
	if !supported(want) {
		want = baseLang(req.Lang)
	}
	if !supported(want) {
		return reject(CheckLanguage, "unsupported")
	}
	// A rephrase too short to tell, or as undecided as its script, passes;
	// one that is clearly another language, or long and undecided, does not.
	got, n := detectLang(c)
	if got != want && (got != "" || (n >= minLangWords && scriptLang != "")) {
		if got == "" {
			got = "unknown"
		}
		return reject(CheckLanguage, got)
	}

	for _, v := range req.Slots {
		v = normalize(strings.TrimSpace(v))
		if v != "" && strings.Contains(s, v) && !strings.Contains(c, v) {
			return reject(CheckSlot, "")
		}
	}

	fs, fc := extractFacts(s), extractFacts(c)
	for _, k := range factKinds {
		if missing(fs[k], fc[k]) {
			return reject(CheckFacts, k)
		}
	}
	for _, k := range factKinds {
		if missing(fc[k], fs[k]) {
			return reject(CheckNewFacts, k)
		}
	}

	es, ec := g.blank(ws), g.blank(wc)
	var committed bool
	for _, p := range g.commit {
		inS, inC := p.in(es), p.in(ec)
		if inC && !inS {
			return reject(CheckCommitment, "")
		}
		committed = committed || inS
	}
	// "We cannot refund" and "we will refund" share every commitment word:
	// where the script commits or refuses, its negation must stay.
	if committed && negated(ws) != negated(wc) {
		return reject(CheckCommitment, "negation")
	}
	// Without any commitment word, a lost or added negation still turns a
	// fact around ("we have not received your payment" → "we have").
	if negated(ws) != negated(wc) {
		return reject(CheckFacts, "negation")
	}

	if strings.Contains(s, "?") != strings.Contains(c, "?") {
		return reject(CheckQuestion, "")
	}

	ls, lc := float64(runeLen(s)), float64(runeLen(c))
	slack := float64(g.rules.Slack)
	if lc < g.rules.MinRatio*ls {
		return reject(CheckLength, "short")
	}
	if lc > g.rules.MaxRatio*ls+slack {
		return reject(CheckLength, "long")
	}

	// What the rephrase adds, slot values set aside: few words of its own,
	// and hardly any from the person's messages or from a slot value.
	added := addedStems(s, c, req.Slots)

	// Overlap: a share of the script's content words must stay. A short
	// line (one or two content words) may lose them only to as many
	// synonyms ("has shipped" → "is on its way"), not to a sentence.
	stems := contentStems(ws)
	if n := len(stems); n > 0 {
		have := contentStems(wc)
		kept := 0
		for st := range stems {
			if have[st] {
				kept++
			}
		}
		short := n < 3
		if !short && float64(kept) < g.rules.MinOverlap*float64(n) || short && kept == 0 && len(added) > n {
			return reject(CheckOverlap, "")
		}
	}
	if float64(len(added)) > float64(g.rules.NewWords)+g.rules.NewRatio*float64(len(stems)) {
		return reject(CheckNovel, "")
	}
	theirs := map[string]bool{}
	for _, t := range req.Recent {
		if t.From == bot.SpeakerPerson {
			maps.Copy(theirs, contentStems(words(flow.Fold(normalize(t.Text)))))
		}
	}
	fromSlots := map[string]bool{}
	for _, v := range req.Slots {
		maps.Copy(fromSlots, contentStems(words(flow.Fold(normalize(v)))))
	}
	borrowed, slotWords := 0, 0
	for _, st := range added {
		switch {
		case fromSlots[st]:
			slotWords++
		case theirs[st]:
			borrowed++
		}
	}
	if slotWords > 0 {
		// A slot value's words belong inside the slot: repeated elsewhere,
		// they are the value speaking (a name that says "you get a refund").
		return reject(CheckEcho, "slot")
	}
	if borrowed > g.rules.BorrowWords {
		return reject(CheckEcho, "person")
	}

	if n := g.rules.EchoWords; n > 0 {
		mine := ngrams(ws, n)
		cand := ngrams(wc, n)
		for _, t := range req.Recent {
			if t.From != bot.SpeakerPerson {
				continue
			}
			for gram := range ngrams(words(flow.Fold(normalize(t.Text))), n) {
				if cand[gram] && !mine[gram] {
					return reject(CheckEcho, "")
				}
			}
		}
	}
	return nil
}

// blank returns ws with the commitment exceptions' words blanked out.
func (g *guard) blank(ws []string) []string {
	var out []string
	for _, p := range g.except {
		for i := 0; i+len(p.words) <= len(ws); i++ {
			if p.at(ws, i) {
				if out == nil {
					out = slices.Clone(ws)
					ws = out
				}
				for j := range p.words {
					out[i+j] = ""
				}
			}
		}
	}
	if out == nil {
		return ws
	}
	return out
}

func missing(want, have map[string]bool) bool {
	for k := range want {
		if !have[k] {
			return true
		}
	}
	return false
}

func (p phrase) in(ws []string) bool {
	for i := 0; i+len(p.words) <= len(ws); i++ {
		if p.at(ws, i) {
			return true
		}
	}
	return false
}

func (p phrase) at(ws []string, i int) bool {
	for j, w := range p.words {
		if p.prefix[j] && !strings.HasPrefix(ws[i+j], w) || !p.prefix[j] && ws[i+j] != w {
			return false
		}
	}
	return true
}

var negations = set(
	"not", "no", "never", "cannot", "nothing", "none", "nobody", "unable", "neither", "nor",
	"without", "ne", "n", "pas", "jamais", "aucun", "aucune", "rien", "sans", "ni",
	"impossible", "nullement",
)

func negated(ws []string) bool {
	for i := 0; i < len(ws); i++ {
		if n := reassurance(ws[i:]); n > 0 {
			i += n - 1
			continue
		}
		w := ws[i]
		if (w == "ne" || w == "n") && restrictive(ws[i+1:]) {
			continue // "n'est valable que 30 minutes": only, not a negation
		}
		if negations[w] || strings.HasSuffix(w, "n't") {
			return true
		}
	}
	return false
}

// reassurances are kind phrases built on a negation that deny nothing:
// "no need to worry" adds no "not" to a fact.
var reassurances = [][]string{
	{"no", "need", "to", "worry"}, {"no", "worries"}, {"don't", "worry"}, {"do", "not", "worry"},
	{"don't", "hesitate"}, {"do", "not", "hesitate"},
	{"pas", "d", "inquietude"}, {"ne", "vous", "inquietez", "pas"}, {"n", "hesitez", "pas"},
}

// reassurance returns the length of the reassurance ws starts with, or 0.
func reassurance(ws []string) int {
	for _, r := range reassurances {
		if len(ws) >= len(r) && slices.Equal(ws[:len(r)], r) {
			return len(r)
		}
	}
	return 0
}

// restrictive reports a French "ne … que" (only): a "que" within four
// words of the "ne", with no other negating word before it.
func restrictive(ws []string) bool {
	for _, w := range ws[:min(len(ws), 4)] {
		switch w {
		case "que", "qu":
			return true
		case "pas", "jamais", "rien", "plus", "aucun", "aucune", "personne", "ni", "nullement":
			return false
		}
	}
	return false
}

// addedStems lists, once each, the content stems of candidate that script
// does not have, leaving out kind words and the slot values (which the slot
// check already holds to the script).
func addedStems(script, candidate string, slots []string) []string {
	for _, v := range slots {
		if v = normalize(strings.TrimSpace(v)); v != "" {
			script = strings.ReplaceAll(script, v, " ")
			candidate = strings.ReplaceAll(candidate, v, " ")
		}
	}
	mine := contentStems(words(flow.Fold(script)))
	// Four letters make a family: "virer" and "virement", "erase" and "erased".
	family := map[string]bool{}
	for st := range mine {
		family[prefix(st, 4)] = true
	}
	var out []string
	for _, w := range words(flow.Fold(candidate)) {
		if warmWords.has(w) {
			continue
		}
		for st := range contentStems([]string{w}) {
			if !mine[st] && !family[prefix(st, 4)] && !slices.Contains(out, st) {
				out = append(out, st)
			}
		}
	}
	return out
}

// prefix returns the first n runes of s.
func prefix(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// contentStems are the first five letters of the words that carry meaning:
// three letters or more, no digit, not a function word.
func contentStems(ws []string) map[string]bool {
	out := map[string]bool{}
	for _, w := range ws {
		if runeLen(w) < 3 || hasDigit(w) || enWords[w] || frWords[w] || negations[w] {
			continue
		}
		if r := []rune(w); len(r) > 5 {
			w = string(r[:5])
		}
		out[w] = true
	}
	return out
}

func ngrams(ws []string, n int) map[string]bool {
	out := map[string]bool{}
	for i := 0; i+n <= len(ws); i++ {
		out[strings.Join(ws[i:i+n], " ")] = true
	}
	return out
}

// Kinds of facts, the Detail of a facts or new_facts rejection.
const (
	FactURL    = "url"
	FactEmail  = "email"
	FactIBAN   = "iban"
	FactPhone  = "phone" // any run of 8 digits or more: phone, card or account number
	FactNumber = "number"
	FactAmount = "amount" // a currency
	FactDate   = "date"   // month and day names, tomorrow, yesterday
)

var factKinds = []string{FactURL, FactEmail, FactIBAN, FactPhone, FactNumber, FactAmount, FactDate}

var (
	reEmail = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	reURL   = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"'\[\]{}]+`)
	// A bare domain needs a first label of two characters or more and a
	// lowercase top-level domain, so "p.ex." and "Hello.World" are not links.
	reDomain = regexp.MustCompile(`\b[A-Za-z0-9][A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[a-z]{2,24}\b(?:/[^\s<>"'\[\]{}]*)?`)
	reIBAN   = regexp.MustCompile(`\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b`)
	// rePhone finds digit runs with phone-like separators; only those with
	// at least 8 digits are phone (or card) numbers.
	rePhone = regexp.MustCompile(`\+?\(?\d[\d ().-]{6,}\d`)
	reCode  = regexp.MustCompile(`[\pL\pN]+(?:[-_/.,:][\pL\pN]+)*`)
	// rePlaceholder matches what protect puts in place of personal data.
	rePlaceholder = regexp.MustCompile(`(?i)\[(?:EMAIL|PHONE|CARD|IBAN|NUMBER)(?:_\d+)?\]`)
)

const minPhoneDigits = 8

var (
	currencySymbols = map[string]string{"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY"}
	currencyWords   = map[string]string{
		"eur": "EUR", "euro": "EUR", "euros": "EUR", "usd": "USD", "dollar": "USD",
		"dollars": "USD", "gbp": "GBP", "chf": "CHF", "jpy": "JPY", "yen": "JPY",
	}
	dateWords = set(
		"january", "february", "march", "april", "june", "july", "august", "september",
		"october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
		"friday", "saturday", "sunday", "tomorrow", "yesterday",
		"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
		"octobre", "novembre", "decembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
		"samedi", "dimanche", "demain", "hier",
		// Units of time: "within a week" must not become "within a month".
		"week", "weeks", "weekend", "month", "months", "year", "years", "hour", "hours",
		"minute", "minutes", "tonight",
		"semaine", "semaines", "mois", "annee", "annees", "heure", "heures", "minutes",
		"soir",
	)
	// numberWords leaves out "one" and "un" (also pronoun and article) and
	// "neuf" (also "new").
	numberWords = set(
		"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
		"twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
		"nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
		"hundred", "thousand", "million", "billion", "dozen",
		"deux", "trois", "quatre", "cinq", "sept", "huit", "dix", "onze", "douze",
		"treize", "quatorze", "quinze", "seize", "vingt", "trente", "quarante", "cinquante",
		"soixante", "cent", "cents", "mille", "millions", "milliard", "milliards", "douzaine",
	)
)

// extractFacts lists the facts of normalized text by kind. Each kind is
// taken out of the text before the next is looked for, so the digits of a
// phone number are not also counted as numbers.
func extractFacts(text string) map[string]map[string]bool {
	f := make(map[string]map[string]bool, len(factKinds))
	for _, k := range factKinds {
		f[k] = map[string]bool{}
	}
	take := func(re *regexp.Regexp, fn func(string) (string, bool)) {
		text = re.ReplaceAllStringFunc(text, func(m string) string {
			if _, ok := fn(m); !ok {
				return m
			}
			return " "
		})
	}
	take(reEmail, func(m string) (string, bool) {
		f[FactEmail][strings.ToLower(m)] = true
		return m, true
	})
	take(reURL, func(m string) (string, bool) {
		f[FactURL][strings.ToLower(trimURL(m))] = true
		return m, true
	})
	take(reDomain, func(m string) (string, bool) {
		f[FactURL][strings.ToLower(trimURL(m))] = true
		return m, true
	})
	take(reIBAN, func(m string) (string, bool) {
		f[FactIBAN][strings.ReplaceAll(m, " ", "")] = true
		return m, true
	})
	take(rePhone, func(m string) (string, bool) {
		d := digits(m)
		if len(d) < minPhoneDigits {
			return m, false
		}
		f[FactPhone][d] = true
		return m, true
	})
	for _, m := range reCode.FindAllString(text, -1) {
		if hasDigit(m) {
			f[FactNumber][strings.ToLower(m)] = true
		}
	}
	for sym, code := range currencySymbols {
		if strings.Contains(text, sym) {
			f[FactAmount][code] = true
		}
	}
	for _, w := range words(flow.Fold(text)) {
		switch {
		case currencyWords[w] != "":
			f[FactAmount][currencyWords[w]] = true
		case dateWords[w]:
			f[FactDate][w] = true
		case numberWords[w]:
			f[FactNumber][w] = true
		}
	}
	return f
}

func trimURL(u string) string { return strings.TrimRight(u, ".,;:!?)»'\"") }

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
