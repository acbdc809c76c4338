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
// the first batch's 236 dangers were missed and 6 of its 165 calm rows
// raised the alarm. The second and third batches were written after the
// fixes of the ones before, and measured before their own (the comments
// of the file say what was caught). A row whose left column says why it
// still goes wrong is logged, not asserted.
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

// TestPastCrisisHeardKindly: a crisis of one's own told as past and over
// is no danger now, and no calm remark either: it is heard as distress,
// so the sorrow is named before the help ("last year I wanted to die, now
// I'm fine" got "Sorry, I didn't catch which one you meant"). A past
// illness asked about for insurance, or someone else's fall told as
// recovered, stay plain.
func TestPastCrisisHeardKindly(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		distress   bool
	}{
		{"en", "last year i wanted to die, now i'm fine", true},
		{"en", "back in 2020 i felt like ending it, therapy helped a lot", true},
		{"en", "my ex used to hit me but i left him years ago and i'm safe now", true},
		{"en", "a few years ago i tried to kill myself, i'm in a good place now", true},
		{"en", "I had a heart attack in 2019, does the insurance cover it", false},
		{"en", "my grandma fell last month but she's recovered", false},
		{"fr", "l'an dernier je voulais mourir, maintenant ca va", true},
		{"fr", "mon ex me frappait mais je l'ai quitte il y a des annees, je suis en securite", true},
		{"fr", "en 2020 j'avais envie d'en finir, la therapie m'a beaucoup aide", true},
		{"fr", "j'ai fait un infarctus en 2019, l'assurance couvre ?", false},
	}
	for _, tt := range tests {
		a := m.Analyze(tt.lang, tt.text)
		if a.Signals.Crisis || a.Signals.Distress != tt.distress {
			t.Errorf("%s %q: crisis %v, distress %v; want no crisis, distress %v", tt.lang, tt.text, a.Signals.Crisis, a.Signals.Distress, tt.distress)
		}
	}
}

// TestCrisis22HeardByTheLexicon: two rows of the table were caught only
// by the learned signal, at its cut (log-odds 2.18 and 2.00 against 2.0):
// three calm rows added to its corpus, tried for another false alarm,
// were enough to drop them. The lexicon now hears them itself: "w/o" for
// "without", « je tiendrai pas jusqu'à demain » said alone.
func TestCrisis22HeardByTheLexicon(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct{ lang, text string }{
		{"en", "evry1 wud b better off w/o me tbh"},
		{"en", "they'd be happier w/o me honestly"},
		{"fr", "je tiendrai pas jusqu'a demain"},
		{"fr", "je tiendrai pas jusqu'à ce soir."},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if !a.Signals.Crisis || !p.lexicon {
			t.Errorf("%s %q: crisis %v, lexicon %v (learned log-odds %.2f); want the lexicon's crisis", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit)
		}
	}
}

// TestCrisisUltimatum: a complaint's last word followed by its recourse
// ("this is my last message, if no reply i'm going to the ombudsman", «
// c'est mon dernier message, sans réponse je saisis le médiateur ») got
// the safety message: "this is my last message $" ends at the comma,
// where no guard reaches. An [ultimatum] guards the clause before it.
// A last message followed by a goodbye, by nothing a service answers
// ("if nobody answers i'll do it"), or by violence and the police stays a
// crisis.
func TestCrisisUltimatum(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "this is my last message, if no reply i'm going to the ombudsman", false},
		{"en", "this is my last message. if no reply by friday i'm going to the ombudsman", false},
		{"en", "this is my last message, i'm taking this to trading standards", false},
		{"en", "this is my last message, next step is a chargeback", false},
		{"en", "this is my last message, if nobody answers i'll do it", true},
		{"en", "he hit me again. this is my last message, i'm calling the police", true},
		{"en", "this is my last message, goodbye everyone", true},
		{"fr", "c'est mon dernier message, sans reponse je saisis le mediateur", false},
		{"fr", "c'est mon dernier message. sans réponse d'ici vendredi je saisis le médiateur", false},
		{"fr", "c'est mon dernier message, ensuite ce sera signalconso", false},
		{"fr", "c'est mon dernier message, si personne repond je le fais", true},
		{"fr", "c'est mon dernier message, adieu", true},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}
