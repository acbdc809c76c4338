package nlu

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/flow"
	"github.com/google/go-cmp/cmp"
)

// builtin loads the built-in flows of the repository.
func builtin(tb testing.TB) *flow.Set {
	tb.Helper()
	set, err := flow.Load(os.DirFS("../../flows"))
	if err != nil {
		tb.Fatalf("load built-in flows: %v", err)
	}
	return set
}

const frRoutingPath = "testdata/routing.fr.tsv"

// dataDir holds the shared development data: ../shared/data beside the
// checkout, or the directory CAREBOT_DEV_DATA names (make test passes its
// SHARED there, so a checkout elsewhere runs `make test SHARED=dir`).
var dataDir = devDataDir()

func devDataDir() string {
	if d := os.Getenv("CAREBOT_DEV_DATA"); d != "" {
		return d + "/"
	}
	return "../../../shared/data/"
}

// TestDevTargets measures the model with the built-in flows on the
// development split and asserts the targets of issue #7.
func TestDevTargets(t *testing.T) {
	t.Parallel()
	rep := evaluate(t, New(builtin(t)), dataDir+"routing.dev.tsv")
	var b bytes.Buffer
	rep.WriteText(&b)
	t.Log("\n" + b.String())

	t.Run("routing", func(t *testing.T) {
		rt := rep.RoutingFor("en")
		if rt == nil {
			t.Fatal("no English routing report")
		}
		// Issue #7's floors (0.92, 0.85) guard against regressions; issue
		// #10's targets are printed by `make eval` (see the closing note).
		if rt.MacroF1 < routingFloor {
			t.Errorf("macro-F1 %.3f, want >= %.2f", rt.MacroF1, routingFloor)
		}
		if rt.Copies != 0 {
			t.Errorf("%d dev messages copy a flow example: the figure is not held out", rt.Copies)
		}
		if rt.OutOfScopeToFallback < 0.85 {
			t.Errorf("out_of_scope to the fallback %.3f, want >= 0.85", rt.OutOfScopeToFallback)
		}
		if rt.MacroF1 < TargetMacroF1 || rt.OutOfScopeToFallback < TargetOOSToFallback {
			t.Logf("routing below issue #10's targets (macro-F1 %.2f, out_of_scope %.2f)", TargetMacroF1, TargetOOSToFallback)
		}
		// The held-out half is what no example was written from: the
		// floors hold there too.
		h := rep.RoutingHalf("en", HalfHeldOut)
		if h == nil || h.N < rt.N/3 {
			t.Fatalf("held-out half %v of %d rows", h, rt.N)
		}
		if h.MacroF1 < routingFloor || h.OutOfScopeToFallback < 0.85 {
			t.Errorf("held-out half: macro-F1 %.3f, out_of_scope to the fallback %.3f, want >= %.2f and >= 0.85", h.MacroF1, h.OutOfScopeToFallback, routingFloor)
		}
	})
	t.Run("person", func(t *testing.T) {
		p := rep.PersonFor("en")
		if p == nil {
			t.Fatal("no English person report")
		}
		if p.Scores.Recall < TargetEscRecall || p.Scores.Precision < TargetEscPrecision {
			t.Errorf("asks for a person (en): precision %.3f recall %.3f, want >= %.2f and >= %.2f",
				p.Scores.Precision, p.Scores.Recall, TargetEscPrecision, TargetEscRecall)
		}
	})
	t.Run("distress_goemotions", func(t *testing.T) {
		g := rep.SourceFor("en", targetSource)
		if g == nil {
			t.Fatal("no GoEmotions figures")
		}
		if g.F1 < TargetDistressF1En || g.Precision < TargetDistressPrecisionEn {
			t.Errorf("distress on GoEmotions: F1 %.3f precision %.3f, want >= %.2f and >= %.2f", g.F1, g.Precision, TargetDistressF1En, TargetDistressPrecisionEn)
		}
		// The held-out half is the honest figure (see heldOut): it must
		// not fall far below the half the entries were written from.
		h := rep.SourceFor("en", targetSource+halfHeldOut)
		if h == nil || h.F1 < TargetDistressF1En-0.05 {
			t.Errorf("distress on GoEmotions' held-out half: %+v, want F1 >= %.2f", h, TargetDistressF1En-0.05)
		}
	})
	// French distress has no target in issue #10 (its only data are XED
	// subtitles, with projected labels): a floor guards it against
	// regressions. 0.187 since crisis18en/fr: a subtitle the crisis
	// signal had taken for a farewell (« Ce sont les derniers mots qu'elle
	// m'a entendu dire. ») counted as distress through that false alarm;
	// calm now, it takes one row (123 of 656) from recall.
	t.Run("distress_fr_floor", func(t *testing.T) {
		d := rep.DistressFor("fr")
		if d == nil || d.Scores.Precision < 0.95 || d.Scores.Recall < 0.187 {
			t.Errorf("distress (fr) fell below today's floor: %+v", d)
		}
	})
}

// evaluate runs Evaluate on the routing file at path and the development
// split of distress.
func evaluate(t *testing.T, m *Model, path string) *Report {
	t.Helper()
	var rs []io.Reader
	for _, p := range []string{path, dataDir + "distress.dev.tsv"} {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rs = append(rs, f)
	}
	rep, err := Evaluate(m, rs[0], rs[1])
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// routingFloor is the least routing macro-F1, in English and in French,
// on messages no flow example copies (issue #7's target, kept as a floor).
const routingFloor = 0.92

// TestFrenchRouting measures routing on the French corpus of testdata,
// written apart from the flows' examples (TestExamplesHeldOut checks that
// none copies another), against the English floor: French must route as
// well as English.
func TestFrenchRouting(t *testing.T) {
	t.Parallel()
	rt := evaluate(t, builtinM(t), frRoutingPath).RoutingFor("fr")
	if rt == nil || rt.N < 300 {
		t.Fatalf("French routing report %+v, want 300 messages or more", rt)
	}
	if rt.MacroF1 < routingFloor || rt.OutOfScopeToFallback < TargetOOSToFallback || rt.Copies != 0 {
		t.Errorf("French macro-F1 %.3f (floor %.2f), out_of_scope to the fallback %.3f (want >= %.2f), %d copies",
			rt.MacroF1, routingFloor, rt.OutOfScopeToFallback, TargetOOSToFallback, rt.Copies)
	}
}

// TestEvaluate checks the report on a handful of rows whose answers the
// fixture flows make certain.
func TestEvaluate(t *testing.T) {
	t.Parallel()
	m := fixtureM(t)
	routing := "text\tlang\tlabel\tsource\n" +
		"where is my parcel\ten\torder_delivery\ttest\n" +
		"my parcel hasn't arrived\ten\torder_delivery\ttest\n" +
		"I want a refund\ten\tcancel_refund\ttest\n" +
		"can I talk to a real person please\ten\tescalate_human\ttest\n" +
		"what's the weather tomorrow\ten\tout_of_scope\ttest\n" +
		"the delivery is late\ten\tcancel_refund\ttest\n"
	distress := "text\tlang\tlabel\tsource\n" +
		"I am so sad and hopeless\ten\tdistress\ttest\n" +
		"thank you so much\ten\tgratitude_closing\ttest\n" +
		"je suis désespéré\tfr\tdistress\ttest\n" +
		"nous regardons un film\tfr\tdistress\ttest\n" +
		"I'm heartbroken and I can't stop crying\ten\tdistress\tgoemotions\n" +
		"thanks, that made my day\ten\tgratitude_closing\tgoemotions\n"
	rep, err := Evaluate(m, strings.NewReader(routing), strings.NewReader(distress))
	if err != nil {
		t.Fatal(err)
	}
	rt := rep.RoutingFor("en")
	if rt == nil || rt.N != 6 {
		t.Fatalf("routing report %+v", rt)
	}
	at := map[string]int{}
	for i, l := range rt.Labels {
		at[l] = i
	}
	if got := rt.Confusion[at["cancel_refund"]][at["order_delivery"]]; got != 1 {
		t.Errorf("confusion cancel_refund→order_delivery = %d, want 1", got)
	}
	if rt.Accuracy != 5.0/6 || rt.OutOfScopeToFallback != 1 || rt.Escalate.Recall != 1 || rt.Escalate.Precision != 1 {
		t.Errorf("accuracy %v, fallback %v, escalate %+v", rt.Accuracy, rt.OutOfScopeToFallback, rt.Escalate)
	}
	en, fr := rep.DistressFor("en"), rep.DistressFor("fr")
	if en == nil || en.Scores.Support != 2 || en.Scores.Correct != 2 || en.Negatives != 2+6 {
		t.Errorf("en distress %+v", en)
	}
	if fr == nil || fr.Scores.Support != 2 || fr.Scores.Correct != 1 || fr.Scores.Recall != 0.5 || !strings.Contains(fr.NegativeSource, "flow examples") {
		t.Errorf("fr distress %+v", fr)
	}

	if g := rep.SourceFor("en", targetSource); g == nil || g.Precision != 1 || g.Recall != 1 || g.F1 != 1 {
		t.Errorf("goemotions figures %+v", g)
	}
	if h, u := rep.SourceFor("en", targetSource+halfHeldOut), rep.SourceFor("en", targetSource+halfTuning); h == nil && u == nil {
		t.Error("no GoEmotions halves")
	}
	if p := rep.PersonFor("en"); p == nil || p.Scores.Support != 1 || p.Scores.Recall != 1 || p.Scores.Precision != 1 {
		t.Errorf("person report %+v", p)
	}
	if len(rep.Corpora) == 0 {
		t.Error("no corpus figures")
	}

	var b bytes.Buffer
	rep.WriteText(&b)
	for _, want := range []string{"ASKS FOR A PERSON", "CORPORA", "violence", "calm:feeling", "CRISIS ALARMS ON DEVELOPMENT ROWS", "lexicon/learned", "posts held-out", "posts tuning", "goemotions (", "TARGETS (issue #10", "ROUTING (en, 6 messages)", "macro-F1", "out_of_scope sent to the fallback 1.000", "escalate_human (Analysis.Escalate): precision 1.000  recall 1.000", "confusion", "DISTRESS", "MISSED: routing macro-F1"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
	js, err := rep.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(rep, &back); diff != "" {
		t.Errorf("JSON round trip (-want +got):\n%s", diff)
	}

	if _, err := Evaluate(m, strings.NewReader("text,lang\n"), strings.NewReader(distress)); err == nil {
		t.Error("a routing file without the header was read")
	}
	if _, err := Evaluate(m, strings.NewReader(routing+"only one field\n"), strings.NewReader(distress)); err == nil {
		t.Error("a row with one field was read")
	}
}

// TestRoutingHalves checks the split of the routing rows: every row in
// exactly one half, chosen by heldOut (a hash of the text that must never
// change, or rows tuned on would move into the held-out half), each half
// a report of its own beside the whole file's.
func TestRoutingHalves(t *testing.T) {
	t.Parallel()
	// Pinned: FNV-1a of the text, odd is held out.
	for text, want := range map[string]bool{
		"where is my parcel":       true,
		"I want a refund":          true,
		"my parcel hasn't arrived": false,
		"the delivery is late":     false,
	} {
		if got := heldOut(text); got != want {
			t.Errorf("heldOut(%q) = %v, want %v", text, got, want)
		}
	}

	routing := "text\tlang\tlabel\tsource\n" +
		"where is my parcel\ten\torder_delivery\ttest\n" + // held out
		"my parcel hasn't arrived\ten\torder_delivery\ttest\n" + // tuning
		"I want a refund\ten\tcancel_refund\ttest\n" + // held out
		"what's the weather tomorrow\ten\tout_of_scope\ttest\n" + // held out
		"the delivery is late\ten\tcancel_refund\ttest\n" + // tuning
		"où est mon colis\tfr\torder_delivery\ttest\n"
	distress := "text\tlang\tlabel\tsource\nthank you so much\ten\tgratitude_closing\ttest\n"
	rep, err := Evaluate(fixtureM(t), strings.NewReader(routing), strings.NewReader(distress))
	if err != nil {
		t.Fatal(err)
	}
	all, tun, held := rep.RoutingFor("en"), rep.RoutingHalf("en", HalfTuning), rep.RoutingHalf("en", HalfHeldOut)
	if all == nil || tun == nil || held == nil {
		t.Fatalf("reports: all %v, tuning %v, held out %v", all, tun, held)
	}
	if all.Half != "" || tun.N != 2 || held.N != 3 || tun.N+held.N != all.N {
		t.Errorf("halves of %d rows: tuning %d, held out %d (want 2 and 3)", all.N, tun.N, held.N)
	}
	// The fixture routes "the delivery is late" to order_delivery: the
	// tuning half's only miss.
	if tun.Accuracy != 0.5 || held.Accuracy != 1 || held.OutOfScopeToFallback != 1 {
		t.Errorf("tuning accuracy %v (want 0.5), held out accuracy %v and fallback %v (want 1, 1)", tun.Accuracy, held.Accuracy, held.OutOfScopeToFallback)
	}
	if fr := rep.RoutingHalf("fr", HalfTuning); fr == nil || fr.N+rep.RoutingHalf("fr", HalfHeldOut).N != 1 {
		t.Errorf("French halves %+v", fr)
	}
	if len(rep.RoutingHalves) != 4 {
		t.Errorf("%d half reports, want 2 per language", len(rep.RoutingHalves))
	}

	var b bytes.Buffer
	rep.WriteText(&b)
	for _, want := range []string{"by half (en", "tuning  held_out", "out_of_scope precision", "only the tuning half's misses informed", "by half (fr", "for comparison only"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
	// A held-out half below target is a target missed, even when the
	// whole file meets it.
	short := (&Report{
		Routing:       []*RoutingReport{{Lang: "en", N: 20, MacroF1: 0.95, OutOfScopeToFallback: 0.95}},
		RoutingHalves: []*RoutingReport{{Lang: "en", Half: HalfTuning, N: 10, MacroF1: 1, OutOfScopeToFallback: 1}, {Lang: "en", Half: HalfHeldOut, N: 10, MacroF1: 0.9, OutOfScopeToFallback: 0.87}},
	}).Shortfalls()
	for _, want := range []string{"routing macro-F1 on the held-out half 0.900 < 0.93", "out_of_scope to fallback on the held-out half 0.870 < 0.88"} {
		if !slices.Contains(short, want) {
			t.Errorf("shortfalls %q lack %q", short, want)
		}
	}
	if slices.ContainsFunc(short, func(s string) bool { return strings.HasPrefix(s, "routing macro-F1 0.") }) {
		t.Errorf("shortfalls %q: the whole file met the target", short)
	}
	js, err := rep.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(js, []byte(`"routing_halves"`)) || !bytes.Contains(js, []byte(`"half": "held_out"`)) {
		t.Errorf("JSON lacks the halves:\n%s", js)
	}
}

// TestDistressSourceHalves checks that XED, French's only distress
// source, is reported in two halves as GoEmotions is, so that entries
// written from one half's misses are judged on the other.
func TestDistressSourceHalves(t *testing.T) {
	t.Parallel()
	routing := "text\tlang\tlabel\tsource\nwhere is my parcel\ten\torder_delivery\ttest\n"
	distress := "text\tlang\tlabel\tsource\n" +
		"je suis désespéré\tfr\tdistress\txed_fr\n" +
		"nous regardons un film\tfr\tdistress\txed_fr\n" +
		"il pleut\tfr\tdistress\txed_fr\n" +
		"I am so sad\ten\tdistress\txed_en\n" +
		"we watch a film\ten\tdistress\txed_en\n"
	rep, err := Evaluate(fixtureM(t), strings.NewReader(routing), strings.NewReader(distress))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		lang, source string
		n            int
	}{{"fr", "xed_fr", 3}, {"en", "xed_en", 2}} {
		all := rep.SourceFor(c.lang, c.source)
		tun, held := rep.SourceFor(c.lang, c.source+halfTuning), rep.SourceFor(c.lang, c.source+halfHeldOut)
		n := 0
		for _, h := range []*SourceReport{tun, held} {
			if h != nil {
				n += h.Positives
			}
		}
		if all == nil || all.Positives != c.n || n != c.n {
			t.Errorf("%s: all %+v, halves %+v %+v: want %d rows split in two", c.source, all, tun, held, c.n)
		}
	}
}
