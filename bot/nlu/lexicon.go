package nlu

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
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
	numKinds
)

var kindNames = [numKinds]string{
	"distress", "anger", "anxiety", "crisis", "senior", "pregnant", "disabled",
	"negation", "intensifier", "diminisher", "idiom", "lang",
}

// files and the kinds their sections may name.
var fileKinds = map[string][]entryKind{
	"distress":   {kindDistress},
	"anger":      {kindAnger},
	"anxiety":    {kindAnxiety},
	"crisis":     {kindCrisis},
	"vulnerable": {kindSenior, kindPregnant, kindDisabled},
	"modifiers":  {kindNegation, kindIntensifier, kindDiminisher},
	"idioms":     {kindIdiom},
	"lang":       {kindLang},
}

// lexicon is every word list of one language.
type lexicon struct {
	lang    string
	feel    *matcher // distress, anger, anxiety: phrase.ref is the entryKind
	safety  *matcher // crisis and vulnerability, read in every language
	mods    *matcher // negation, intensifier, diminisher, idiom
	words   map[string]float32
	accent  float32 // weight of each accented letter, for the language guess
	entries int
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
	lx := &lexicons{byLang: map[string]*lexicon{}}
	var errs []string
	for _, name := range names {
		base := strings.TrimSuffix(path.Base(name), ".txt")
		kind, lang, ok := strings.Cut(base, ".")
		kinds, known := fileKinds[kind]
		if !ok || !known || lang == "" {
			errs = append(errs, fmt.Sprintf("%s: the name must be KIND.LANG.txt with KIND one of distress, anger, anxiety, crisis, vulnerable, modifiers, idioms, lang", name))
			continue
		}
		l := lx.byLang[lang]
		if l == nil {
			l = &lexicon{lang: lang, feel: newMatcher(), safety: newMatcher(), mods: newMatcher(), words: map[string]float32{}}
			lx.byLang[lang] = l
			lx.langs = append(lx.langs, lang)
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", name, err))
			continue
		}
		errs = append(errs, l.parse(name, string(b), kinds)...)
	}
	sort.Strings(lx.langs)
	if len(errs) > 0 {
		return nil, fmt.Errorf("load lexicons: %s", strings.Join(errs, "\n"))
	}
	return lx, nil
}

func (l *lexicon) parse(name, text string, kinds []entryKind) []string {
	var errs []string
	kind := kinds[0]
	sectioned := len(kinds) > 1
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
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
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s:%d: a line is WEIGHT PHRASE; %q is not a number", name, n, ws))
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
		parts, err := parsePhrase(rest)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s:%d: %v", name, n, err))
			continue
		}
		p := phrase{parts: parts, ref: int32(kind), w: float32(w), sticky: sticky}
		switch kind {
		case kindNegation, kindIntensifier, kindDiminisher, kindIdiom:
			l.mods.add(p)
		case kindDistress, kindAnger, kindAnxiety:
			l.feel.add(p)
		default:
			l.safety.add(p)
		}
		l.entries++
	}
	return errs
}
