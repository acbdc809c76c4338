package nlu

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// crisis22Row is a row of testdata/crisis22.tsv: a message the engineer
// wrote as people type them (SMS style, no accents, euphemism, third
// person), before reading the lexicon, and whether it is a danger to life.
type crisis22Row struct {
	lang, want, kind, left, text string
}

// crisis22Rows reads testdata/crisis22.tsv.
func crisis22Rows(t *testing.T) []crisis22Row {
	t.Helper()
	f, err := os.Open("testdata/crisis22.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []crisis22Row
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "lang\t") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 5 || (c[1] != "crisis" && c[1] != "calm") {
			t.Fatalf("testdata/crisis22.tsv:%d: want lang, crisis or calm, kind, left, text: %q", n, line)
		}
		rows = append(rows, crisis22Row{c[0], c[1], c[2], c[3], c[4]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestCrisis22OwnTable: danger to life in words nobody here wrote, and the
// false alarms around it, in English and French: veiled intent ("I won't
// be a problem much longer", « je vais faire une connerie », « j'ai plus la
// force de continuer »), violence at home or threats ("he put his hands on
// me again", « il m'a mis la main dessus », someone locked in), medical
// emergencies (an old person fallen who cannot get up, an overdose typed
// "OD'd"), someone else in danger ("my dad said he's going to do
// something stupid"); and idioms, products, games, films, a past told as
// over, an employee's distress, which stay calm. Before crisis22, 39 of
// 236 dangers were missed and 6 of 165 calm rows raised the alarm. A row
// whose left column says why it still goes wrong is logged, not asserted.
func TestCrisis22OwnTable(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	rows := crisis22Rows(t)
	if len(rows) < 300 {
		t.Fatalf("%d rows, want 150 or more per language", len(rows))
	}
	for _, r := range rows {
		a, p := m.analyzeParts("", r.lang, r.text)
		if a.Signals.Crisis == (r.want == "crisis") {
			if r.left != "" {
				t.Errorf("%s %q (%s) now right: empty its left column (%s)", r.lang, r.text, r.kind, r.left)
			}
			continue
		}
		if r.left != "" {
			t.Logf("left: %s %q (%s), crisis %v: %s", r.lang, r.text, r.kind, a.Signals.Crisis, r.left)
			continue
		}
		t.Errorf("%s %q (%s): crisis %v (lexicon %v, learned log-odds %.2f), want %s", r.lang, r.text, r.kind, a.Signals.Crisis, p.lexicon, p.logit, r.want)
	}
}

// TestEmployeeTearsAreDistress: a colleague shamed before everyone who
// cannot stop crying is in distress, not in danger, in both languages.
// « j'arrête pas de pleurer » was heard with no feeling at all: the idiom
// « j'arrête » (a decision: « combien si j'arrête ») silenced the tears.
func TestEmployeeTearsAreDistress(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct{ lang, text string }{
		{"en", "my manager said i was pathetic in front of everyone and i can't stop crying"},
		{"fr", "mon manager m'a dit que j'etais pathetique devant tout le monde et j'arrete pas de pleurer"},
		{"fr", "j'arrête pas de pleurer depuis la réunion"},
		{"fr", "j'arrete plus de trembler depuis qu'il m'a crié dessus"},
	}
	for _, tt := range tests {
		a := m.AnalyzeFor(flow.AudienceEmployee, tt.lang, tt.text)
		if !a.Signals.Distress || a.Signals.Crisis {
			t.Errorf("%s %q: distress %v, crisis %v; want distress, no crisis", tt.lang, tt.text, a.Signals.Distress, a.Signals.Crisis)
		}
	}
}
