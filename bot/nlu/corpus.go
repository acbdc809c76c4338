package nlu

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/carebot/carebot/bot/flow"
)

// The project's own test corpora of the safety detectors, written for
// carebot (no row comes from the shared data): requests for a person and
// crises, each with hard look-alikes that must stay quiet. They are built
// in so that `carebot flows eval` reports them anywhere; the tests require
// every row to pass.
//
// corpus/posts/ holds a second pair, written later in the style of real
// public posts (long, lowercase, buried, third persons) before the
// lexicons saw them. Its rows fall in two halves by a hash of the text
// (heldOut): entries may be written from the tuning half's misses only, so
// the held-out half measures phrasings nobody wrote an entry for.
//
//go:embed corpus/person.*.tsv corpus/crisis.*.tsv corpus/calm.*.tsv corpus/posts/*.tsv
var corpusFS embed.FS

// Sets of corpus rows in CorpusReport.Set.
const (
	SetCorpus       = "corpus"         // corpus/*.tsv: every row must pass
	SetPostsTuning  = "posts tuning"   // corpus/posts/*.tsv, tuning half
	SetPostsHeldOut = "posts held-out" // corpus/posts/*.tsv, held-out half: the honest figure
)

// corpusRow is one line of a corpus file: a category ("person", or a
// kind of crisis: suicide, violence, medical, danger), whether the
// detector must fire (a positive) or stay quiet (a hard negative), and the
// message.
type corpusRow struct {
	category string
	want     bool
	text     string
	line     int
}

// readCorpus reads "category<TAB>want<TAB>text" lines after a header;
// lines starting with # are comments.
func readCorpus(r io.Reader, name string) ([]corpusRow, error) {
	sc := bufio.NewScanner(r)
	var rows []corpusRow
	header := false
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !header {
			if line != "category\twant\ttext" {
				return nil, fmt.Errorf("%s:%d: want the header category, want, text", name, n)
			}
			header = true
			continue
		}
		f := strings.SplitN(line, "\t", 3)
		if len(f) != 3 || (f[1] != "0" && f[1] != "1") || strings.TrimSpace(f[2]) == "" {
			return nil, fmt.Errorf("%s:%d: want category<TAB>0 or 1<TAB>text", name, n)
		}
		rows = append(rows, corpusRow{category: f[0], want: f[1] == "1", text: f[2], line: n})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return rows, nil
}

// CorpusReport is a detector on one of the project's corpora, in one
// language and category.
type CorpusReport struct {
	Detector string `json:"detector"` // "person" or "crisis"
	Lang     string `json:"lang"`
	// Set says which rows: SetCorpus, SetPostsTuning or SetPostsHeldOut.
	Set      string `json:"set"`
	Category string `json:"category"`
	// Positives caught, of Positives; hard negatives flagged, of Negatives.
	Positives int      `json:"positives"`
	Caught    int      `json:"caught"`
	Negatives int      `json:"negatives"`
	Flagged   int      `json:"flagged"`
	Misses    []string `json:"misses,omitempty"` // positives not caught, then negatives flagged ("FALSE ALARM: …")
	// Crisis splits Caught and Flagged by detector (crisis reports only):
	// the lexicon's and the learned signal's, Caught and Flagged being
	// either's.
	Crisis *CrisisParts `json:"crisis_parts,omitempty"`
	// Person splits them likewise (person reports only): the person
	// lexicon's, and the learned person signal's where the lexicon heard
	// nothing (personml.go).
	Person *CrisisParts `json:"person_parts,omitempty"`
}

// parts is the split of c by detector, nil when it has none.
func (c *CorpusReport) parts() *CrisisParts {
	if c.Crisis != nil {
		return c.Crisis
	}
	return c.Person
}

// CrisisParts counts what each crisis detector said of a set of rows.
type CrisisParts struct {
	LexiconCaught  int `json:"lexicon_caught"`
	LexiconFlagged int `json:"lexicon_flagged"`
	LearnedCaught  int `json:"learned_caught"`
	LearnedFlagged int `json:"learned_flagged"`
}

func (p *CrisisParts) add(want bool, cp crisisParts) {
	if want {
		p.LexiconCaught += boolInt(cp.lexicon)
		p.LearnedCaught += boolInt(cp.learned)
	} else {
		p.LexiconFlagged += boolInt(cp.lexicon)
		p.LearnedFlagged += boolInt(cp.learned)
	}
}

// Clean reports whether every positive was caught and no negative flagged.
func (c *CorpusReport) Clean() bool { return c.Caught == c.Positives && c.Flagged == 0 }

// corpusFiles returns the embedded corpora's files: corpus/*.tsv, then
// corpus/posts/*.tsv, each in name order.
func corpusFiles() ([]string, error) {
	var names []string
	for _, pat := range []string{"corpus/*.tsv", "corpus/posts/*.tsv"} {
		ns, err := fs.Glob(corpusFS, pat)
		if err != nil {
			return nil, err
		}
		sort.Strings(ns)
		names = append(names, ns...)
	}
	return names, nil
}

// readCorpusFile reads the embedded corpus file name.
func readCorpusFile(name string) ([]corpusRow, error) {
	return readEmbedded(corpusFS, name)
}

// readEmbedded reads the corpus file name of fsys.
func readEmbedded(fsys fs.FS, name string) ([]corpusRow, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readCorpus(f, name)
}

// evalCorpora runs the person and crisis detectors on the built-in corpora
// (corpus/person.LANG.tsv, corpus/crisis.LANG.tsv, then the halves of
// corpus/posts/), one report per detector, language, set and category.
func evalCorpora(m *Model) ([]*CorpusReport, error) {
	names, err := corpusFiles()
	if err != nil {
		return nil, err
	}
	var out []*CorpusReport
	for _, name := range names {
		base := strings.TrimSuffix(path.Base(name), ".tsv")
		det, lang, _ := strings.Cut(base, ".")
		calm := det == calmFile
		if calm {
			// Messages that are not a crisis: hard negatives of the
			// crisis detectors, by what they are.
			det = crisisDetector
		}
		posts := path.Base(path.Dir(name)) == "posts"
		rows, err := readCorpusFile(name)
		if err != nil {
			return nil, err
		}
		by := map[string]*CorpusReport{}
		for _, rw := range rows {
			set := SetCorpus
			if posts {
				set = SetPostsTuning
				if heldOut(rw.text) {
					set = SetPostsHeldOut
				}
			}
			cat := rw.category
			if calm {
				cat = calmFile + ":" + cat
			}
			key := set + "\x00" + cat
			c := by[key]
			if c == nil {
				c = &CorpusReport{Detector: det, Lang: lang, Set: set, Category: cat}
				switch det {
				case crisisDetector:
					c.Crisis = &CrisisParts{}
				case "person":
					c.Person = &CrisisParts{}
				}
				by[key] = c
			}
			a, cp := m.analyzeParts(flow.AudienceCustomer, lang, rw.text)
			got := a.Escalate
			if det == crisisDetector {
				got = a.Signals.Crisis
				c.Crisis.add(rw.want, cp)
			}
			if c.Person != nil {
				lex, learned := m.personParts(flow.AudienceCustomer, lang, rw.text)
				c.Person.add(rw.want, crisisParts{lexicon: lex, learned: learned})
			}
			switch {
			case rw.want:
				c.Positives++
				if got {
					c.Caught++
				} else {
					c.Misses = append(c.Misses, fmt.Sprintf("%s:%d: missed: %s", name, rw.line, rw.text))
				}
			default:
				c.Negatives++
				if got {
					c.Flagged++
					c.Misses = append(c.Misses, fmt.Sprintf("%s:%d: FALSE ALARM: %s", name, rw.line, rw.text))
				}
			}
		}
		for _, k := range sortedKeys(by) {
			out = append(out, by[k])
		}
	}
	return out, nil
}
