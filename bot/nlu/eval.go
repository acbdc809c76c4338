package nlu

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/carebot/carebot/bot/flow"
)

// Report is the measure of a Model on labelled messages: how well it
// routes (per category, with the confusion matrix), how often it sends
// out-of-scope messages to the fallback, how well it hears requests for a
// person, and how well it notices distress, per language.
type Report struct {
	Routing  []*RoutingReport  `json:"routing"`  // one per language of the routing file
	Distress []*DistressReport `json:"distress"` // one per language of the distress file
	Lang     *LangReport       `json:"lang"`     // the language guess on every labelled message
}

// RoutingReport measures routing in one language.
//
// A message's predicted category is escalate_human when Analysis.Escalate
// is set (the engine then runs the human flow whatever the router chose),
// else Analysis.Category (out_of_scope when Flow is "").
type RoutingReport struct {
	Lang     string        `json:"lang"`
	N        int           `json:"n"`
	Accuracy float64       `json:"accuracy"`
	MacroF1  float64       `json:"macro_f1"` // over the categories present in the file
	Classes  []ClassReport `json:"classes"`  // the file's categories, in flow.Categories order
	// Labels names the rows and columns of Confusion: the file's
	// categories, then any other category the model predicted.
	Labels    []string `json:"labels"`
	Confusion [][]int  `json:"confusion"` // [gold][predicted]
	// OutOfScopeToFallback is the share of out_of_scope messages that got
	// no flow (Flow == "" and no Escalate).
	OutOfScopeToFallback float64     `json:"out_of_scope_to_fallback"`
	Escalate             ClassReport `json:"escalate"` // Analysis.Escalate against escalate_human
	// Clarify is the share of messages routed with an Alternative (the
	// engine asks which one); ClarifyRescued is the share of those whose
	// gold category is the alternative's, not the first choice's.
	Clarify        float64 `json:"clarify"`
	ClarifyRescued float64 `json:"clarify_rescued"`
	// ECE is the expected calibration error of Confidence over messages
	// routed to a flow (10 bins): 0 is perfectly calibrated.
	ECE float64 `json:"ece"`
	// Copies counts the messages that copy, or nearly copy, an example or
	// keyword of the model's flows (see nearCopies): 0 means every figure
	// above is measured on messages the model never saw.
	Copies int `json:"copies"`
}

// ClassReport is precision, recall and F1 of one label.
type ClassReport struct {
	Label     string  `json:"label"`
	Support   int     `json:"support"`   // gold
	Predicted int     `json:"predicted"` // predicted
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// DistressReport measures distress detection in one language. A message
// is predicted distressed when any of Distress, Anger, Anxiety or Crisis
// holds: the file's label covers anger, fear, sadness and disgust.
type DistressReport struct {
	Lang      string      `json:"lang"`
	Scores    ClassReport `json:"scores"`
	Negatives int         `json:"negatives"`
	// NegativeSource says where the non-distress messages came from.
	NegativeSource string `json:"negative_source"`
	// Sources breaks the figures down by the data's source column: how
	// many positives each source has and how many were detected, how many
	// negatives and how many raised a false alarm.
	Sources []SourceReport `json:"sources"`
}

// SourceReport is distress detection on the messages of one source.
type SourceReport struct {
	Source      string `json:"source"`
	Positives   int    `json:"positives"`
	Detected    int    `json:"detected"`
	Negatives   int    `json:"negatives"`
	FalseAlarms int    `json:"false_alarms"`
}

// LangReport measures the language guess.
type LangReport struct {
	N       int            `json:"n"`
	Correct int            `json:"correct"` // guessed the labelled language
	Unsure  int            `json:"unsure"`  // guessed ""
	Wrong   int            `json:"wrong"`   // guessed another language
	ByLang  map[string]int `json:"by_lang"` // messages per labelled language
}

// Targets of issue #7, on the development split.
const (
	// TargetMacroF1 is the least macro-F1 of English routing (issue #10),
	// on messages no flow example copies.
	TargetMacroF1 = 0.93
	// TargetEscRecall is the least recall of requests for a person.
	TargetEscRecall = 0.98
	// TargetEscPrecision is the least precision of requests for a person.
	TargetEscPrecision = 0.95
	// TargetOOSToFallback is the least share of out-of-scope messages
	// that reach the fallback (issue #10).
	TargetOOSToFallback = 0.88
	// TargetDistressF1En is the least F1 of distress detection in English.
	TargetDistressF1En = 0.80
	// TargetDistressF1Fr is the least F1 of distress detection in French.
	TargetDistressF1Fr = 0.75
)

const (
	targetRoutingLang    = "en"
	distressNegativeNote = "gratitude rows of the distress file and routing rows that are not complaint_problem"
)

// row is one line of a labelled TSV file.
type row struct{ text, lang, label, source string }

// readTSV reads text<TAB>lang<TAB>label<TAB>source rows after a header.
func readTSV(r io.Reader, name string) ([]row, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	var rows []row
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			if !strings.HasPrefix(line, "text\tlang\tlabel") {
				return nil, fmt.Errorf("read %s: line 1: want the header text, lang, label, source", name)
			}
			continue
		}
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 3 {
			return nil, fmt.Errorf("read %s: line %d: want 4 tab-separated fields, got %d", name, n, len(f))
		}
		rw := row{text: f[0], lang: f[1], label: f[2]}
		if len(f) > 3 {
			rw.source = f[3]
		}
		rows = append(rows, rw)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return rows, nil
}

// Evaluate measures m on the labelled routing and distress files (the TSV
// format of shared/data/README.md: a header, then text, lang, label and
// source separated by tabs). Messages are analysed as customers' (see
// AnalyzeFor).
//
// Distress negatives: in English, the distress file's gratitude rows and
// the routing rows that are not complaint_problem (a few complaints are
// angry). There are no French negatives in the data, so in French the
// negatives are the French examples of the model's own flows, except
// complaints and employee support: real customer requests, written by
// support leads, that no lexicon was tuned on. They are fewer and easier
// than real traffic, so French precision is optimistic; recall is the
// figure to trust.
func Evaluate(m *Model, routing io.Reader, distress io.Reader) (*Report, error) {
	rrows, err := readTSV(routing, "routing")
	if err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	drows, err := readTSV(distress, "distress")
	if err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	rep := &Report{Lang: &LangReport{ByLang: map[string]int{}}}

	analyses := make([]Analysis, len(rrows))
	byLang := map[string][]int{}
	for i, rw := range rrows {
		analyses[i] = m.AnalyzeFor(flow.AudienceCustomer, rw.lang, rw.text)
		byLang[rw.lang] = append(byLang[rw.lang], i)
		rep.Lang.add(rw.lang, analyses[i].Lang)
	}
	copies := newCopyIndex(m.exampleTexts())
	for _, lang := range sortedKeys(byLang) {
		rr := m.routingReport(lang, rrows, analyses, byLang[lang])
		for _, i := range byLang[lang] {
			if copies.has(rrows[i].text) {
				rr.Copies++
			}
		}
		rep.Routing = append(rep.Routing, rr)
	}

	// Distress.
	type item struct {
		text, lang, source string
		pos                bool
	}
	var items []item
	negSource := map[string]string{}
	for _, rw := range drows {
		switch rw.label {
		case "distress":
			items = append(items, item{rw.text, rw.lang, rw.source, true})
		default:
			items = append(items, item{rw.text, rw.lang, rw.source, false})
			negSource[rw.lang] = distressNegativeNote
		}
	}
	for _, rw := range rrows {
		if rw.label != flow.CategoryComplaintProblem {
			items = append(items, item{rw.text, rw.lang, rw.source, false})
			negSource[rw.lang] = distressNegativeNote
		}
	}
	dlangs := map[string]bool{}
	for _, rw := range drows {
		rep.Lang.add(rw.lang, m.AnalyzeFor(flow.AudienceCustomer, rw.lang, rw.text).Lang)
		dlangs[rw.lang] = true
	}
	for lang := range dlangs {
		if negSource[lang] != "" {
			continue
		}
		n := 0
		for _, e := range m.examples {
			if e.lang == lang && e.category != flow.CategoryComplaintProblem && e.category != flow.CategoryEmployeeSupport {
				items = append(items, item{e.text, lang, "flow examples", false})
				n++
			}
		}
		if n > 0 {
			negSource[lang] = "the model's own " + lang + " flow examples (no complaints, no employee support): no " + lang + " negatives in the data"
		}
	}
	for _, lang := range sortedKeys(dlangs) {
		dr := &DistressReport{Lang: lang, Scores: ClassReport{Label: "distress"}, NegativeSource: negSource[lang]}
		bySource := map[string]*SourceReport{}
		for _, it := range items {
			if it.lang != lang {
				continue
			}
			a := m.AnalyzeFor(flow.AudienceCustomer, it.lang, it.text)
			s := a.Signals
			pred := s.Distress || s.Anger || s.Anxiety || s.Crisis
			src := bySource[it.source]
			if src == nil {
				src = &SourceReport{Source: it.source}
				bySource[it.source] = src
			}
			if it.pos {
				src.Positives++
				src.Detected += boolInt(pred)
			} else {
				dr.Negatives++
				src.Negatives++
				src.FalseAlarms += boolInt(pred)
			}
			dr.Scores.count(it.pos, pred)
		}
		dr.Scores.finish()
		for _, k := range sortedKeys(bySource) {
			dr.Sources = append(dr.Sources, *bySource[k])
		}
		rep.Distress = append(rep.Distress, dr)
	}
	return rep, nil
}

func (l *LangReport) add(gold, guess string) {
	l.N++
	l.ByLang[gold]++
	switch guess {
	case gold:
		l.Correct++
	case "":
		l.Unsure++
	default:
		l.Wrong++
	}
}

func (c *ClassReport) count(gold, pred bool) {
	if gold {
		c.Support++
	}
	if pred {
		c.Predicted++
	}
	if gold && pred {
		c.Correct++
	}
}

func (c *ClassReport) finish() {
	c.Precision = ratio(c.Correct, c.Predicted)
	c.Recall = ratio(c.Correct, c.Support)
	if c.Precision+c.Recall > 0 {
		c.F1 = 2 * c.Precision * c.Recall / (c.Precision + c.Recall)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// predicted is the category the engine acts on.
func predicted(a Analysis) string {
	if a.Escalate {
		return flow.CategoryEscalateHuman
	}
	return a.Category
}

func (m *Model) routingReport(lang string, rows []row, as []Analysis, idx []int) *RoutingReport {
	r := &RoutingReport{Lang: lang, N: len(idx)}
	gold := map[string]bool{}
	for _, i := range idx {
		gold[rows[i].label] = true
	}
	for _, c := range flow.Categories {
		if gold[c] {
			r.Labels = append(r.Labels, c)
		}
	}
	for _, i := range idx { // labels unknown to flow.Categories, then predicted-only ones
		if !slices.Contains(r.Labels, rows[i].label) {
			r.Labels = append(r.Labels, rows[i].label)
		}
	}
	nGold := len(r.Labels)
	for _, i := range idx {
		if p := predicted(as[i]); !slices.Contains(r.Labels, p) {
			r.Labels = append(r.Labels, p)
		}
	}
	at := map[string]int{}
	for j, l := range r.Labels {
		at[l] = j
	}
	r.Confusion = make([][]int, len(r.Labels))
	for j := range r.Confusion {
		r.Confusion[j] = make([]int, len(r.Labels))
	}
	classes := make([]ClassReport, len(r.Labels))
	for j, l := range r.Labels {
		classes[j].Label = l
	}
	var oos, oosFallback, correct, clarify, rescued int
	esc := ClassReport{Label: flow.CategoryEscalateHuman}
	var bins [10]struct {
		n       int
		conf    float64
		correct int
	}
	routed := 0
	for _, i := range idx {
		g, a := rows[i].label, as[i]
		p := predicted(a)
		r.Confusion[at[g]][at[p]]++
		for j := range classes {
			classes[j].count(classes[j].Label == g, classes[j].Label == p)
		}
		if g == p {
			correct++
		}
		if g == flow.CategoryOutOfScope {
			oos++
			if a.Flow == "" && !a.Escalate {
				oosFallback++
			}
		}
		esc.count(g == flow.CategoryEscalateHuman, a.Escalate)
		if a.Alternative != "" {
			clarify++
			if a.Category != g && m.category(a.Alternative) == g {
				rescued++
			}
		}
		if a.Flow != "" {
			routed++
			b := min(int(a.Confidence*10), 9)
			bins[b].n++
			bins[b].conf += a.Confidence
			bins[b].correct += boolInt(a.Category == g)
		}
	}
	for j := range classes {
		classes[j].finish()
	}
	esc.finish()
	r.Classes = classes[:nGold]
	sum := 0.0
	for _, c := range r.Classes {
		sum += c.F1
	}
	r.MacroF1 = sum / float64(max(nGold, 1))
	r.Accuracy = ratio(correct, len(idx))
	r.OutOfScopeToFallback = ratio(oosFallback, oos)
	r.Escalate = esc
	r.Clarify = ratio(clarify, len(idx))
	r.ClarifyRescued = ratio(rescued, clarify)
	for _, b := range bins {
		if b.n > 0 {
			r.ECE += float64(b.n) / float64(routed) * math.Abs(b.conf/float64(b.n)-float64(b.correct)/float64(b.n))
		}
	}
	return r
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// RoutingFor returns the routing report of lang, or nil.
func (r *Report) RoutingFor(lang string) *RoutingReport {
	for _, x := range r.Routing {
		if x.Lang == lang {
			return x
		}
	}
	return nil
}

// DistressFor returns the distress report of lang, or nil.
func (r *Report) DistressFor(lang string) *DistressReport {
	for _, x := range r.Distress {
		if x.Lang == lang {
			return x
		}
	}
	return nil
}

// Shortfalls lists the targets of issue #7 that the report misses, one
// sentence each; empty when every target is met.
func (r *Report) Shortfalls() []string {
	var out []string
	miss := func(ok bool, format string, args ...any) {
		if !ok {
			out = append(out, fmt.Sprintf(format, args...))
		}
	}
	rt := r.RoutingFor(targetRoutingLang)
	if rt == nil {
		out = append(out, "no English routing data")
	} else {
		miss(rt.MacroF1 >= TargetMacroF1, "routing macro-F1 %.3f < %.2f", rt.MacroF1, TargetMacroF1)
		miss(rt.Escalate.Recall >= TargetEscRecall, "escalate_human recall %.3f < %.2f", rt.Escalate.Recall, TargetEscRecall)
		miss(rt.Escalate.Precision >= TargetEscPrecision, "escalate_human precision %.3f < %.2f", rt.Escalate.Precision, TargetEscPrecision)
		miss(rt.OutOfScopeToFallback >= TargetOOSToFallback, "out_of_scope to fallback %.3f < %.2f", rt.OutOfScopeToFallback, TargetOOSToFallback)
	}
	for lang, target := range map[string]float64{"en": TargetDistressF1En, "fr": TargetDistressF1Fr} {
		d := r.DistressFor(lang)
		if d == nil {
			out = append(out, "no "+lang+" distress data")
			continue
		}
		miss(d.Scores.F1 >= target, "distress F1 (%s) %.3f < %.2f", lang, d.Scores.F1, target)
	}
	sort.Strings(out)
	return out
}

// JSON returns the report as indented JSON.
func (r *Report) JSON() ([]byte, error) {
	return json.MarshalIndent(r, "", "  ")
}

// WriteText prints the report for people: per-category scores, the
// confusion matrix, the fallback and escalation figures, distress per
// language, the language guess and the targets of issue #7.
func (r *Report) WriteText(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, rt := range r.Routing {
		fmt.Fprintf(w, "ROUTING (%s, %d messages)\n", rt.Lang, rt.N)
		fmt.Fprintln(tw, "category\tsupport\tpredicted\tprecision\trecall\tF1\t")
		for _, c := range rt.Classes {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", c.Label, c.Support, c.Predicted, c.Precision, c.Recall, c.F1)
		}
		tw.Flush()
		held := "held out: no message copies a flow example"
		if rt.Copies > 0 {
			held = fmt.Sprintf("NOT held out: %d messages copy or nearly copy a flow example", rt.Copies)
		}
		fmt.Fprintf(w, "macro-F1 %.3f   accuracy %.3f   (%s)\n", rt.MacroF1, rt.Accuracy, held)
		fmt.Fprintf(w, "out_of_scope sent to the fallback %.3f\n", rt.OutOfScopeToFallback)
		fmt.Fprintf(w, "escalate_human (Analysis.Escalate): precision %.3f  recall %.3f  (%d of %d, %d raised)\n",
			rt.Escalate.Precision, rt.Escalate.Recall, rt.Escalate.Correct, rt.Escalate.Support, rt.Escalate.Predicted)
		fmt.Fprintf(w, "clarifying question asked on %.1f%% of messages (alternative was the right one in %.1f%% of those)\n", 100*rt.Clarify, 100*rt.ClarifyRescued)
		fmt.Fprintf(w, "calibration error (ECE, routed messages) %.3f\n\n", rt.ECE)

		fmt.Fprintln(w, "confusion (rows: label, columns: predicted)")
		fmt.Fprint(tw, "\t")
		for j := range rt.Labels {
			fmt.Fprintf(tw, "%s\t", abbrev(rt.Labels[j]))
		}
		fmt.Fprintln(tw)
		for i, row := range rt.Confusion {
			if i >= len(rt.Classes) {
				break // predicted-only labels have no gold row
			}
			fmt.Fprintf(tw, "%s\t", rt.Labels[i])
			for _, n := range row {
				fmt.Fprintf(tw, "%d\t", n)
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
		fmt.Fprintf(w, "(%s)\n\n", legend(rt.Labels))
	}
	fmt.Fprintln(w, "DISTRESS (any of Distress, Anger, Anxiety, Crisis)")
	fmt.Fprintln(tw, "lang\tpositives\tnegatives\tprecision\trecall\tF1\t")
	for _, d := range r.Distress {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", d.Lang, d.Scores.Support, d.Negatives, d.Scores.Precision, d.Scores.Recall, d.Scores.F1)
	}
	tw.Flush()
	for _, d := range r.Distress {
		fmt.Fprintf(w, "negatives (%s): %s\n", d.Lang, d.NegativeSource)
	}
	fmt.Fprintln(w, "by source:")
	fmt.Fprintln(tw, "lang\tsource\tpositives\tdetected\trecall\tnegatives\tfalse alarms\t")
	for _, d := range r.Distress {
		for _, s := range d.Sources {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%d\t%d\t\n", d.Lang, s.Source, s.Positives, s.Detected, pct(s.Detected, s.Positives), s.Negatives, s.FalseAlarms)
		}
	}
	tw.Flush()
	if l := r.Lang; l != nil {
		fmt.Fprintf(w, "\nLANGUAGE GUESS: %d messages, right %.3f, unsure %.3f, wrong %.3f\n", l.N, ratio(l.Correct, l.N), ratio(l.Unsure, l.N), ratio(l.Wrong, l.N))
	}
	fmt.Fprintln(w, "\nTARGETS (issue #7, dev split)")
	if s := r.Shortfalls(); len(s) == 0 {
		fmt.Fprintln(w, "all met")
	} else {
		for _, x := range s {
			fmt.Fprintln(w, "MISSED: "+x)
		}
	}
}

func pct(a, b int) string {
	if b == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", ratio(a, b))
}

// abbrev shortens a category for the confusion matrix's columns.
func abbrev(c string) string {
	parts := strings.Split(c, "_")
	s := ""
	for _, p := range parts {
		if p != "" {
			s += p[:1]
		}
	}
	return strings.ToUpper(s)
}

func legend(labels []string) string {
	var b []string
	for _, l := range labels {
		b = append(b, abbrev(l)+"="+l)
	}
	return strings.Join(b, ", ")
}

// exampleTexts returns the text of every example and keyword of the model.
func (m *Model) exampleTexts() []string {
	out := make([]string, len(m.examples))
	for i, e := range m.examples {
		out[i] = e.text
	}
	return out
}

// copyIndex finds the messages that copy a text of a set, or nearly: the
// same words (for three words or more), or one word added, removed or
// changed (when the longer text has four words or more). Texts of one or two words ("hi",
// "thank you") are the words of a category, not sentences, and are left
// out. It uses the symmetric deletion method: two word sequences are at
// most one edit apart when deleting at most one word from each makes
// them equal.
type copyIndex struct {
	exact map[string]bool
	dels  map[string]bool // a text with one word deleted
}

const (
	copyMinWords = 3 // shorter texts are never copies
	nearMinWords = 4 // shorter texts are copies only when equal
)

func newCopyIndex(texts []string) *copyIndex {
	ci := &copyIndex{exact: map[string]bool{}, dels: map[string]bool{}}
	for _, t := range texts {
		ws := copyWords(t)
		if len(ws) < copyMinWords {
			continue
		}
		ci.exact[strings.Join(ws, " ")] = true
		if len(ws) >= nearMinWords {
			for _, d := range deletions(ws) {
				ci.dels[d] = true
			}
		}
	}
	return ci
}

// has reports whether text copies, or nearly copies, a text of the index.
func (ci *copyIndex) has(text string) bool {
	ws := copyWords(text)
	if len(ws) < copyMinWords {
		return false
	}
	j := strings.Join(ws, " ")
	if ci.exact[j] || ci.dels[j] { // the same, or an indexed text with a word more
		return true
	}
	if len(ws) < nearMinWords {
		return false
	}
	for _, d := range deletions(ws) {
		if ci.exact[d] || ci.dels[d] { // a word more than an indexed text, or one changed
			return true
		}
	}
	return false
}

func copyWords(text string) []string {
	var d doc
	normalize(&d, text)
	ws := make([]string, len(d.toks))
	for i := range d.toks {
		ws[i] = string(d.word(i))
	}
	return ws
}

func deletions(ws []string) []string {
	out := make([]string, len(ws))
	for i := range ws {
		out[i] = strings.Join(slices.Concat(ws[:i], ws[i+1:]), " ")
	}
	return out
}
