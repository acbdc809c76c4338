package nlu

import (
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"testing/synctest"

	"github.com/carebot/carebot/bot/flow"
	"github.com/google/go-cmp/cmp"
)

// fixture loads the small flow set of testdata/flows, with the built-in
// common.yaml (languages, the engine's messages), so that the fixture
// follows the format as it grows.
func fixture(tb testing.TB) *flow.Set {
	tb.Helper()
	names, err := filepath.Glob("testdata/flows/*.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	files := map[string][]byte{}
	for _, name := range append(names, "../../flows/"+flow.CommonFile) {
		b, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		files[filepath.Base(name)] = b
	}
	set, err := flow.LoadFiles(files)
	if err != nil {
		tb.Fatalf("load fixture flows: %v", err)
	}
	return set
}

var (
	builtinOnce  sync.Once
	builtinModel *Model
	fixtureOnce  sync.Once
	fixtureModel *Model
)

// crisisCase is a message and whether it is a crisis.
type crisisCase struct {
	lang, text string
	crisis     bool
}

// crisisCases checks that m reads each case's message as a crisis, or not.
func crisisCases(t *testing.T, m *Model, cases []crisisCase) {
	t.Helper()
	for _, c := range cases {
		if got := m.Analyze(c.lang, c.text).Signals.Crisis; got != c.crisis {
			t.Errorf("%s %q: crisis %v, want %v", c.lang, c.text, got, c.crisis)
		}
	}
}

// models are built once per test binary: they are read-only.
func builtinM(t *testing.T) *Model {
	builtinOnce.Do(func() { builtinModel = New(builtin(t)) })
	return builtinModel
}

func fixtureM(t *testing.T) *Model {
	fixtureOnce.Do(func() { fixtureModel = New(fixture(t)) })
	return fixtureModel
}

// TestRoutingFixture checks the router's mechanics on a small set whose
// triggers the test knows.
func TestRoutingFixture(t *testing.T) {
	t.Parallel()
	m := fixtureM(t)
	tests := []struct {
		name, lang, text string
		flow, category   string
		escalate         bool
	}{
		{"example", "en", "where is my parcel?", "parcel", flow.CategoryOrderDelivery, false},
		{"paraphrase", "en", "my parcell still hasnt arrived", "parcel", flow.CategoryOrderDelivery, false},
		{"keyword alone", "en", "refund", "refund", flow.CategoryCancelRefund, false},
		{"french example", "fr", "mon colis n'est toujours pas arrivé", "parcel", flow.CategoryOrderDelivery, false},
		{"french keyword", "fr", "remboursement svp", "refund", flow.CategoryCancelRefund, false},
		{"out of scope example", "en", "what's the weather like tomorrow", "", flow.CategoryOutOfScope, false},
		{"unrelated", "en", "the mitochondria is the powerhouse of the cell", "", flow.CategoryOutOfScope, false},
		{"greeting", "fr", "bonjour", "welcome", flow.CategoryGreeting, false},
		{"ask for a person", "en", "can I talk to a real person please", "human", flow.CategoryEscalateHuman, true},
		{"ask mid-sentence", "en", "my parcel is lost and I want to talk to a real person", "", "", true},
		{"ask in french", "fr", "je veux parler à un conseiller tout de suite", "human", flow.CategoryEscalateHuman, true},
		{"empty", "en", "", "", flow.CategoryOutOfScope, false},
		{"punctuation only", "en", "?!...", "", flow.CategoryOutOfScope, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := m.Analyze(tt.lang, tt.text)
			if tt.category != "" && (a.Flow != tt.flow || a.Category != tt.category) {
				t.Errorf("Analyze(%q) = flow %q category %q (confidence %.2f), want %q %q", tt.text, a.Flow, a.Category, a.Confidence, tt.flow, tt.category)
			}
			if a.Escalate != tt.escalate {
				t.Errorf("Analyze(%q).Escalate = %v, want %v", tt.text, a.Escalate, tt.escalate)
			}
			if a.Confidence < 0 || a.Confidence > 1 {
				t.Errorf("Analyze(%q).Confidence = %v, want it in [0, 1]", tt.text, a.Confidence)
			}
		})
	}
}

// withExample returns the fixture with one more English example of the
// parcel flow: a version whose model learns something else.
func withExample(t *testing.T, text string) *flow.Set {
	t.Helper()
	set := fixture(t)
	tr := &set.Flows["parcel"].Triggers
	tr.Examples["en"] = append(slices.Clone(tr.Examples["en"]), text)
	set.Version = "" // changed after loading: not the files' version any more
	return set
}

// TestNewRemembersItsSet: engines built on one set, on the same files, or
// on a version that changes only what the bot says, share its model; a
// version whose examples changed gets a model of its own.
func TestNewRemembersItsSet(t *testing.T) {
	a, b, c := fixture(t), fixture(t), fixture(t)
	c.Version = "edited"
	c.Flows["parcel"].Steps[0].Say = nil // says nothing: the same examples
	ma := New(a)
	if New(a) != ma || New(b) != ma {
		t.Error("New built a second model for the same flows")
	}
	if New(c) != ma {
		t.Error("New trained again for a version with the same examples and keywords")
	}
	if New(withExample(t, "my parcel went to the wrong house")) == ma {
		t.Error("New gave the model of other examples")
	}
	d := fixture(t)
	d.Flows["parcel"].Category = flow.CategoryEscalateHuman
	if New(d) == ma {
		t.Error("New gave the model of a flow in another category")
	}
}

// TestNewRemembersRecentSets: going back to a recent version (a reload
// undone, a studio's edited copy beside the running set, tests on edited
// flows in parallel) trains nothing again, while the memory stays bounded:
// after cacheSize other versions the first one is forgotten.
func TestNewRemembersRecentSets(t *testing.T) {
	a, b := fixture(t), withExample(t, "my parcel is lost")
	ma, mb := New(a), New(b)
	if ma == mb {
		t.Fatal("two sets with different examples share a model")
	}
	if New(fixture(t)) != ma || New(withExample(t, "my parcel is lost")) != mb {
		t.Fatal("New trained again a set it built a moment ago")
	}
	for i := range cacheSize {
		New(withExample(t, "parcel number "+strconv.Itoa(i)))
	}
	if New(a) == ma {
		t.Errorf("New still remembers a set after %d others: its memory is not bounded", cacheSize)
	}
}

// TestNewTrainsOnce: engines built at once on one set (parallel tests,
// replicas in one process) wait for one training and share its model.
func TestNewTrainsOnce(t *testing.T) {
	set := withExample(t, "all at once")
	got := make([]*Model, 8)
	var wg sync.WaitGroup
	for i := range got {
		wg.Go(func() { got[i] = New(set) })
	}
	wg.Wait()
	for i, m := range got {
		if m == nil || m != got[0] {
			t.Fatalf("call %d got model %p, want the one model %p", i, m, got[0])
		}
	}
}

// TestNewSharedAcrossBubbles: a model first built in a synctest bubble (the
// load tests run engines in one) is shared with callers outside it, and the
// other way round, without touching a channel of the bubble.
func TestNewSharedAcrossBubbles(t *testing.T) {
	t.Parallel()
	in, out := withExample(t, "built in a bubble"), withExample(t, "built outside")
	var mIn, mOut *Model
	synctest.Test(t, func(t *testing.T) { mIn = New(in) })
	mOut = New(out)
	synctest.Test(t, func(t *testing.T) {
		if New(out) != mOut {
			t.Error("inside a bubble, New trained again a model built outside")
		}
	})
	if New(in) != mIn {
		t.Error("outside the bubble, New trained again a model built inside")
	}
}

// TestNewDeterministic: replicas load byte-identical models, whatever
// the number of cores (the router's calibration folds and the learned
// crisis signal train in goroutines), and the learned signal trained on
// the process's cached corpus rows (crisisBase) is the one trained on
// the texts from scratch (trainCrisis).
func TestNewDeterministic(t *testing.T) {
	// Not parallel: GOMAXPROCS is the process's.
	set := builtin(t)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := newModel(set, defaultParams)
	runtime.GOMAXPROCS(2)
	two := newModel(set, defaultParams)
	if one.crisis == nil || two.crisis == nil {
		t.Fatal("no learned crisis signal")
	}
	for _, c := range []struct {
		name string
		a, b []float32
	}{
		{"router weights", one.w, two.w},
		{"router bias", one.bias, two.bias},
		{"temperature", []float32{one.temp}, []float32{two.temp}},
		{"crisis weights", one.crisis.w, two.crisis.w},
		{"crisis bias", []float32{one.crisis.bias}, []float32{two.crisis.bias}},
		{"crisis language biases", one.crisis.lbias[:], two.crisis.lbias[:]},
	} {
		if !sameBits(c.a, c.b) {
			t.Errorf("%s differ between a load on 1 core and one on 2", c.name)
		}
	}
	samples, err := crisisSamples()
	if err != nil {
		t.Fatal(err)
	}
	for i := range samples {
		samples[i].feats = nil // from the texts
	}
	fresh := trainCrisis(samples, crisisParams, crisisBags)
	if !sameBits(fresh.w, one.crisis.w) || fresh.bias != one.crisis.bias || fresh.lbias != one.crisis.lbias {
		t.Error("the learned signal trained on the cached corpus rows differs from the one trained on the texts")
	}
	for _, f := range []struct {
		name string
		a, b *table
	}{{"router", one.tab, two.tab}, {"crisis", one.crisis.tab, fresh.tab}} {
		if !slices.Equal(f.a.keys, f.b.keys) || !slices.Equal(f.a.ids, f.b.ids) {
			t.Errorf("the %s's feature ids differ", f.name)
		}
	}
}

// sameBits reports whether a and b hold the same float32 bit patterns.
func sameBits(a, b []float32) bool {
	return slices.EqualFunc(a, b, func(x, y float32) bool { return math.Float32bits(x) == math.Float32bits(y) })
}

// TestFallbackNeverRouted: a flow without triggers (the fallback of the
// built-in set) is never chosen, whatever is written.
func TestFallbackNeverRouted(t *testing.T) {
	t.Parallel()
	set := fixture(t)
	set.Flows["fallback"].Triggers = flow.Triggers{}
	set.Version = "" // changed after loading: not the files' version any more
	m := New(set)
	for _, text := range []string{"something else", "fallback", "Something else", "I didn't understand"} {
		if a := m.Analyze("en", text); a.Flow == "fallback" {
			t.Errorf("Analyze(%q) routed to the fallback", text)
		}
	}
}

// TestAlternative: when two flows are close, the second is reported so
// the engine can ask: "return" is the returns flow's word, "refund" the
// refund flow's, and this message weighs them alike.
func TestAlternative(t *testing.T) {
	t.Parallel()
	m := fixtureM(t)
	a := m.Analyze("en", "refund, return")
	got := map[string]bool{a.Flow: true, a.Alternative: true}
	if !got["refund"] || !got["returns"] {
		t.Errorf("Analyze = flow %q alternative %q (confidence %.2f), want refund and returns", a.Flow, a.Alternative, a.Confidence)
	}
	if b := m.Analyze("en", "where is my parcel"); b.Alternative != "" {
		t.Errorf("a clear message has alternative %q", b.Alternative)
	}
}

// TestAudience: customers never land in the employees' flows.
func TestAudience(t *testing.T) {
	t.Parallel()
	m := fixtureM(t)
	text := "I had a hard shift, a customer shouted at me all day"
	if a := m.AnalyzeFor(flow.AudienceEmployee, "en", text); a.Flow != "peer" {
		t.Errorf("employee: flow %q, want peer", a.Flow)
	}
	if a := m.AnalyzeFor(flow.AudienceCustomer, "en", text); a.Flow == "peer" {
		t.Errorf("customer routed to the employees' peer flow")
	}
}

// TestRoutingBuiltin checks the built-in flows on messages written for
// this test (not from the data), in English and French.
func TestRoutingBuiltin(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text, category string
		escalate             bool
	}{
		{"en", "where is my stuff??", flow.CategoryOrderDelivery, false},
		{"en", "I was charged twice", flow.CategoryBillingPayment, false},
		{"en", "can I talk to someone real", flow.CategoryEscalateHuman, true},
		{"en", "my parcel is lost and I want to talk to a real person", "", true},
		{"en", "I forgot my password and can't log in", flow.CategoryAccountAccess, false},
		{"en", "please cancel my order", flow.CategoryCancelRefund, false},
		{"en", "thank you so much, bye", flow.CategoryGratitudeClosing, false},
		{"en", "hello", flow.CategoryGreeting, false},
		{"en", "what's the weather tomorrow", flow.CategoryOutOfScope, false},
		{"en", "this is unacceptable, I want to file a complaint", flow.CategoryComplaintProblem, false},
		{"fr", "mon colis n'est toujours pas arrivé", flow.CategoryOrderDelivery, false},
		{"fr", "j'ai été débité deux fois", flow.CategoryBillingPayment, false},
		{"fr", "je veux parler à un conseiller", flow.CategoryEscalateHuman, true},
		{"fr", "je voudrais annuler ma commande et être remboursé", flow.CategoryCancelRefund, false},
		{"fr", "j'ai oublié mon mot de passe", flow.CategoryAccountAccess, false},
		{"fr", "merci beaucoup, bonne journée", flow.CategoryGratitudeClosing, false},
		{"fr", "bonjour", flow.CategoryGreeting, false},
		{"fr", "quel temps fera-t-il demain", flow.CategoryOutOfScope, false},
		{"fr", "c'est inadmissible, personne ne me répond", flow.CategoryComplaintProblem, false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			t.Parallel()
			a := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text)
			if tt.category != "" && a.Category != tt.category {
				t.Errorf("category %q (flow %q, confidence %.2f), want %q", a.Category, a.Flow, a.Confidence, tt.category)
			}
			if a.Escalate != tt.escalate {
				t.Errorf("Escalate = %v, want %v", a.Escalate, tt.escalate)
			}
		})
	}
}

// TestSignals checks the care signals: negation, intensity, crisis and
// the idioms that only look like one, vulnerability.
func TestSignals(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	type sig struct{ distress, anger, anxiety, crisis bool }
	tests := []struct {
		lang, text string
		want       sig
		vulnerable []string
	}{
		// Crisis: clear statements, in both languages.
		{"en", "I want to kill myself", sig{distress: true, crisis: true}, nil},
		{"en", "i dont want to live anymore", sig{distress: true, crisis: true}, nil},
		{"en", "I can't go on", sig{distress: true, crisis: true}, nil},
		{"en", "he has a knife", sig{distress: true, crisis: true}, nil},
		{"en", "my husband is threatening to kill me", sig{distress: true, crisis: true}, nil},
		{"en", "my order is late and honestly I want to end it all", sig{distress: true, crisis: true}, nil},
		{"fr", "je veux mourir", sig{distress: true, crisis: true}, nil},
		{"fr", "je vais me suicider", sig{distress: true, crisis: true}, nil},
		{"fr", "il a un couteau", sig{distress: true, crisis: true}, nil},
		{"fr", "je ne veux plus vivre", sig{distress: true, crisis: true}, nil},
		{"en", "je veux mourir", sig{distress: true, crisis: true}, nil}, // crisis is heard whatever the conversation's language
		// Not a crisis: idioms and look-alikes.
		{"en", "this price is killing me", sig{}, nil},
		{"en", "I'd kill for a coffee", sig{}, nil},
		{"en", "I can't go on the website", sig{}, nil},
		{"en", "I'm dying to know when it ships", sig{}, nil},
		{"en", "we were killing time at the station", sig{}, nil},
		{"en", "my phone died", sig{}, nil},
		{"fr", "je meurs de faim", sig{}, nil},
		{"fr", "mort de rire", sig{}, nil},
		{"fr", "ça me tue ces frais", sig{}, nil},
		// A negated crisis statement is not a crisis, but not calm either.
		{"en", "I am not going to kill myself", sig{distress: true}, nil},
		// Negation.
		{"en", "I'm not worried at all", sig{}, nil},
		{"en", "don't worry, no problem", sig{}, nil},
		{"fr", "je ne suis pas inquiet", sig{}, nil},
		{"fr", "pas de souci", sig{}, nil},
		{"en", "I'm not happy at all", sig{anger: true}, nil},
		// Intensity.
		{"en", "I'm really worried about my money", sig{anxiety: true, distress: true}, nil},
		{"fr", "je suis très inquiète", sig{anxiety: true, distress: true}, nil},
		{"en", "I'M SO ANGRY!!!", sig{anger: true, distress: true}, nil},
		{"en", "this is bad", sig{}, nil},
		{"en", "this is SO bad!!!", sig{distress: true}, nil},
		{"en", "I'm a bit annoyed", sig{}, nil},
		{"en", "I'm annoyed", sig{anger: true}, nil},
		{"en", "I'm so sad :(", sig{distress: true}, nil},
		{"en", "I don't fucking care", sig{anger: true}, nil}, // swearing is not negated
		{"en", "I don't get it :(", sig{distress: true}, nil},
		// Calm messages.
		{"en", "where is my parcel", sig{}, nil},
		{"en", "thanks, that's all", sig{}, nil},
		{"fr", "bonjour, où est ma commande ?", sig{}, nil},
		// Vulnerability.
		{"en", "I'm 82 and I can't use the app", sig{}, []string{"senior"}},
		{"en", "I am 30", sig{}, nil},
		{"en", "I'm pregnant and need my order quickly", sig{}, []string{"pregnant"}},
		{"en", "I'm not pregnant", sig{}, nil},
		{"en", "I'm in a wheelchair", sig{}, []string{"disabled"}},
		{"en", "I'm blind", sig{}, []string{"disabled"}},
		{"en", "he turned a blind eye", sig{}, nil},
		{"fr", "je suis une personne âgée", sig{}, []string{"senior"}},
		{"fr", "j'ai 85 ans", sig{}, []string{"senior"}},
		{"fr", "je suis enceinte", sig{}, []string{"pregnant"}},
		{"fr", "je suis handicapé", sig{}, []string{"disabled"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			s := m.Analyze(tt.lang, tt.text).Signals
			got := sig{s.Distress, s.Anger, s.Anxiety, s.Crisis}
			if got != tt.want {
				t.Errorf("signals %+v, want %+v", got, tt.want)
			}
			if diff := cmp.Diff(tt.vulnerable, s.Vulnerable); diff != "" {
				t.Errorf("vulnerable (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLanguage checks the language guess.
func TestLanguage(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct{ text, want string }{
		{"where is my parcel, it was supposed to come yesterday", "en"},
		{"I can't log in to my account", "en"},
		{"où est mon colis, il devait arriver hier", "fr"},
		{"je n'arrive pas à me connecter", "fr"},
		{"très déçu", "fr"},
		{"ok", ""},
		{"", ""},
		{"AB-123456", ""},
		{"😀", ""},
	}
	for _, tt := range tests {
		if got := m.Analyze("", tt.text).Lang; got != tt.want {
			t.Errorf("Analyze(%q).Lang = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestHostileInput: any bytes, any size, never a panic, and the work is
// capped.
func TestHostileInput(t *testing.T) {
	t.Parallel()
	m := fixtureM(t)
	huge := strings.Repeat("where is my parcel?! ", 5000) // 100 KB
	inputs := []string{
		"\xff\xfe\xfd", "a\x00b\x01c", "\u202e\u200b", huge,
		strings.Repeat("a", 100_000), strings.Repeat("é", 50_000),
		"kill myself" + strings.Repeat(" x", 50_000), "'''''", "l'", "qu'", ":(",
		strings.Repeat("!", 10_000),
	}
	for _, in := range inputs {
		a := m.Analyze("en", in)
		if a.Confidence < 0 || a.Confidence > 1 {
			t.Errorf("confidence %v out of [0, 1]", a.Confidence)
		}
	}
	var d doc
	normalize(&d, huge)
	if len(d.toks) > readTokens || len(d.buf) > maxBytes {
		t.Errorf("normalize kept %d tokens and %d bytes of a 100 KB message", len(d.toks), len(d.buf))
	}
	if a := m.Analyze("en", huge); a.Flow != "parcel" {
		t.Errorf("a long repeated message routed to %q, want parcel", a.Flow)
	}
}

// TestNoFlows: a model without flows still reads signals and language.
func TestNoFlows(t *testing.T) {
	t.Parallel()
	for _, set := range []*flow.Set{nil, {Flows: map[string]*flow.Flow{}}} {
		m := New(set)
		a := m.Analyze("en", "I want to kill myself, nobody helps with my parcel")
		if a.Flow != "" || a.Category != flow.CategoryOutOfScope || !a.Signals.Crisis {
			t.Errorf("no flows: %+v", a)
		}
	}
}

// TestConcurrent runs Analyze from many goroutines (see -race).
func TestConcurrent(t *testing.T) {
	t.Parallel()
	m := fixtureM(t)
	want := m.Analyze("en", "where is my parcel")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				if got := m.Analyze("en", "where is my parcel"); got.Flow != want.Flow || got.Confidence != want.Confidence {
					t.Errorf("concurrent Analyze = %+v, want %+v", got, want)
					return
				}
				m.Analyze("fr", "je veux parler à un conseiller, je suis très inquiète")
			}
		})
	}
	wg.Wait()
}

// TestNormalize pins the normalisation that keywords, lexicons and
// examples share.
func TestNormalize(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"Don't  WORRY", "dont worry"},
		{"J'ai oublié l'adresse", "j ai oublie l adresse"},
		{"qu'il", "qu il"},
		{"I'm soooo angryyyy", "im so angry"},
		{"Réclamation ÉLÈVE", "reclamation eleve"},
		{"sign-up", "sign up"},
		{"order #AB-123456", "order ab 123456"},
		{"sad :(", "sad ☹"},
		{"bad\xffbytes", "bad bytes"},
		{"frappée, créée, fatiguée", "frappee creee fatiguee"}, // an accent is no drawn-out letter
		// French chat: "je" glued to its verb is two words again.
		{"jveux mourir", "je veux mourir"},
		{"j'peux plus", "je peux plus"},
		{"Jme suis coupée", "je me suis coupee"},
		{"chui crevé", "je suis creve"},
		{"jeux jvm jazz", "jeux jvm jazz"}, // other words stay whole
	}
	var d doc
	for _, tt := range tests {
		normalize(&d, tt.in)
		if got := string(d.buf); got != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestLexicons loads the embedded word lists and checks that broken
// ones are reported with their file and line.
func TestLexicons(t *testing.T) {
	t.Parallel()
	lx, err := embeddedLexicons()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"en", "fr"}, lx.langs); diff != "" {
		t.Errorf("languages (-want +got):\n%s", diff)
	}
	for _, l := range lx.byLang {
		if l.entries < 300 {
			t.Errorf("%s: only %d entries", l.lang, l.entries)
		}
	}

	bad := map[string]string{
		"anger.en.txt":      "1 angry\nlots furious\n",
		"vulnerable.en.txt": "[elderly]\n1 old\n",
		"crisis.en.txt":     "1 ..\n1 no*\nNaN want to die\n[over]\n-Inf again\n",
		"feelings.en.txt":   "1 sad\n",
	}
	fsys := mapFS(bad)
	_, err = loadLexicons(fsys)
	if err == nil {
		t.Fatal("broken lexicons loaded")
	}
	for _, want := range []string{
		`anger.en.txt:2: a line is WEIGHT PHRASE; "lots" is not a number`,
		"vulnerable.en.txt:1: unknown section [elderly]",
		`crisis.en.txt:1: a phrase cannot start with ".."`,
		`crisis.en.txt:2: prefix "no" is shorter than 3 letters`,
		// NaN would make the whole message's crisis score NaN: no alarm.
		`crisis.en.txt:3: a line is WEIGHT PHRASE; "NaN" is not a number`,
		`crisis.en.txt:5: a line is WEIGHT PHRASE; "-Inf" is not a number`,
		"feelings.en.txt: the name must be KIND.LANG.txt",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q\ndoes not mention %q", err, want)
		}
	}
}

// TestPhrase checks the special words of lexicon phrases.
func TestPhrase(t *testing.T) {
	t.Parallel()
	tests := []struct {
		phrase, text string
		want         bool
	}{
		{"can't go on $", "I can't go on", true},
		{"can't go on $", "I can't go on. Help", true},
		{"can't go on $", "I can't go on the website", false},
		{"im <age>", "I'm 82", true},
		{"im <age>", "I'm 30", false},
		{"<num> years old", "I am 70 years old", true},
		{"want .. die", "I want to just die", true},
		{"want .. die", "I want to, die", false}, // not across clauses
		{"suicid*", "suicidal thoughts", true},
		{"suicid*", "sui", false},
		{"kill myself", "kill, myself", false},
	}
	for _, tt := range tests {
		parts, err := parsePhrase(tt.phrase)
		if err != nil {
			t.Fatalf("parsePhrase(%q): %v", tt.phrase, err)
		}
		mt := newMatcher()
		mt.add(parts, phrase{})
		var d doc
		normalize(&d, tt.text)
		if got := len(mt.find(&d, nil)) > 0; got != tt.want {
			t.Errorf("%q in %q: %v, want %v", tt.phrase, tt.text, got, tt.want)
		}
	}
}

// TestKeywordMatching: keywords match on stems, tolerate one extra word
// and one typo after their first word.
func TestKeywordMatching(t *testing.T) {
	t.Parallel()
	tests := []struct {
		keyword, text string
		want          bool
	}{
		{"talk to someone", "I'm talking to someone", true},
		{"talk to someone", "can I talk to someone real", true},
		{"with a person", "chat with a goddamn person", true},
		{"an assistant", "talk to an asistant", true},
		{"refund", "refunded twice", true},
		{"cancel order", "cancelling order 1234", true},
		{"real person", "a real nice person", true},
		{"real person", "a real very nice person", false},
		{"talk to someone", "talk about someone", false},
	}
	for _, tt := range tests {
		mt := newMatcher()
		mt.stems, mt.slack, mt.fuzzy = true, 1, true
		parts, err := parsePhrase(tt.keyword)
		if err != nil {
			t.Fatal(err)
		}
		mt.add(parts, phrase{})
		var d doc
		normalize(&d, tt.text)
		if got := len(mt.find(&d, nil)) > 0; got != tt.want {
			t.Errorf("keyword %q in %q: %v, want %v", tt.keyword, tt.text, got, tt.want)
		}
	}
}

// FuzzAnalyze: arbitrary bytes never panic, and the confidence is a
// probability.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"", "where is my parcel", "je veux mourir", "\xff", "I'm 82 :(", "l'a", "AB-123456", "sooooo", "can't go on $", ".. *"} {
		f.Add("en", s)
	}
	m := New(fixture(f))
	f.Fuzz(func(t *testing.T, lang, text string) {
		a := m.Analyze(lang, text)
		if a.Confidence < 0 || a.Confidence > 1 || a.Confidence != a.Confidence {
			t.Fatalf("confidence %v", a.Confidence)
		}
		if a.Flow == "" && a.Category != flow.CategoryOutOfScope {
			t.Fatalf("no flow but category %q", a.Category)
		}
		if a.Flow != "" && a.Flow == a.Alternative {
			t.Fatalf("alternative equals flow %q", a.Flow)
		}
	})
}

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}
