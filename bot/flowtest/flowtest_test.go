package flowtest_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/flowtest"
	"github.com/carebot/carebot/flows"
)

// withTest is a copy of the built-in flows with one test file, tests/name,
// in place of their tests.
func withTest(t *testing.T, name, src string) fstest.MapFS {
	t.Helper()
	m := bottest.FlowsFS(t)
	for p := range m {
		if strings.HasPrefix(p, "tests/") {
			delete(m, p)
		}
	}
	m["tests/"+name] = &fstest.MapFile{Data: []byte(src)}
	return m
}

func mustSet(t *testing.T, fsys fs.FS) *flow.Set {
	t.Helper()
	set, err := flow.Load(fsys)
	if err != nil {
		t.Fatalf("load flows: %v", err)
	}
	return set
}

func mustRun(t *testing.T, fsys fs.FS, opts flowtest.Options) (*flowtest.Suite, *flowtest.Report) {
	t.Helper()
	s, err := flowtest.Load(fsys, "flows", mustSet(t, fsys))
	if err != nil {
		t.Fatalf("load tests: %v", err)
	}
	rep, err := s.Run(t.Context(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return s, rep
}

// TestBuiltinSuite runs the conversation tests shipped with the built-in
// flows: all pass, and every step and every button is reached in every
// language. How fast the suite runs is BenchmarkBuiltinSuite's business,
// never a timed test's: a loaded machine is no bug.
func TestBuiltinSuite(t *testing.T) {
	t.Parallel()
	_, rep := mustRun(t, flows.FS, flowtest.Options{})
	for _, f := range rep.Failures {
		t.Error(f.Error())
	}
	if rep.Passed < 100 || rep.Failed != 0 {
		t.Errorf("%s; want every one of at least 100 conversations to pass", rep.Summary())
	}
	for _, m := range rep.Coverage.Missed() {
		if len(m.Steps) > 0 || len(m.Buttons) > 0 {
			t.Errorf("flow %s in %s: steps not reached %v, buttons not pressed %v: add a conversation to flows/tests", m.Flow, m.Lang, m.Steps, m.Buttons)
		}
	}
	t.Logf("%s in %v", rep.Summary(), rep.Took)
}

// BenchmarkBuiltinSuite loads and plays the built-in conversation tests.
func BenchmarkBuiltinSuite(b *testing.B) {
	set := bottest.MustFlows(b)
	for b.Loop() {
		s, err := flowtest.Load(flows.FS, "flows", set)
		if err != nil {
			b.Fatal(err)
		}
		rep, err := s.Run(b.Context(), flowtest.Options{})
		if err != nil || rep.Failed > 0 {
			b.Fatal(err, rep.Failures)
		}
	}
}

// TestLoadBad checks the problems reported for each broken sample of
// testdata/bad/<case>/tests against its want.txt.
func TestLoadBad(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	cases, err := os.ReadDir("testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.Name(), func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join("testdata", "bad", c.Name())
			s, err := flowtest.Load(os.DirFS(dir), dir, set)
			var es flow.Errors
			if !errors.As(err, &es) || s != nil {
				t.Fatalf("Load = %v, %v; want flow.Errors and no suite", s, err)
			}
			bottest.Golden(t, filepath.Join(dir, "want.txt"), []byte(es.Error()+"\n"))
		})
	}
}

// TestChangedReplyFails changes one reply of order_problem.yaml, as a
// support lead might, and checks that the built-in tests catch it with the
// position of the says: check that no longer holds and the bot's replies.
func TestChangedReplyFails(t *testing.T) {
	t.Parallel()
	m := bottest.FlowsFS(t)
	f := m["order_problem.yaml"]
	old := `en: "I've noted that order {{order}} is late."`
	if !strings.Contains(string(f.Data), old) {
		t.Fatalf("order_problem.yaml no longer holds %s: update this test", old)
	}
	f.Data = []byte(strings.Replace(string(f.Data), old, `en: "Order {{order}} is behind schedule, I see."`, 1))
	_, rep := mustRun(t, m, flowtest.Options{Run: regexp.MustCompile(`^late order`)})
	if rep.Summary() != "0 passed, 1 failed" || len(rep.Failures) != 1 {
		t.Fatalf("%s, failures %v; want exactly the late order conversation to fail", rep.Summary(), rep.Failures)
	}
	got := rep.Failures[0].Error()
	// The position of the says: check, found in the test file itself.
	line, col := 0, 0
	for i, l := range strings.Split(string(m["tests/order_problem.yaml"].Data), "\n") {
		if j := strings.Index(l, `says: [is late, "can't give you a new date"]`); j >= 0 {
			line, col = i+1, j+len("says: [")+1
		}
	}
	want := fmt.Sprintf(`flows/tests/order_problem.yaml:%d:%d: conversation "late order, passed to the delivery team", turn 3: expected the bot to say "is late", got:
    bot: Order AB-123456 is behind schedule, I see.
    bot: Here's what happens next:`, line, col)
	if !strings.HasPrefix(got, want) {
		t.Errorf("failure:\n%s\nwant it to start with:\n%s", got, want)
	}
}

// TestUpdateRoundTrip runs a test whose says: text is out of date, lets
// Update rewrite it, and checks the file then passes with its comments and
// other lines untouched.
func TestUpdateRoundTrip(t *testing.T) {
	t.Parallel()
	src := `# A comment that must survive.
conversations:
  - name: wording changed
    turns:
      - person: /order          # the command
        says: What is your order reference?   # out of date
      - {person: AB-123456, says: ['What happened with order', "Merci"], step: what_happened}
      - person: x
        says: 'Sorry, I didn''t catch that'
      - person: "1"
        says: |
          It's late, I see.
          Several lines.

      # The end.
`
	m := withTest(t, "update.yaml", src)
	s, rep := mustRun(t, m, flowtest.Options{})
	if rep.Failed != 1 || len(rep.Failures) != 1 {
		t.Fatalf("%s %v; want the first turn to fail", rep.Summary(), rep.Failures)
	}
	out := s.Update(rep)
	got := string(out["tests/update.yaml"])
	want := strings.Replace(src, "says: What is your order reference?   # out of date",
		`says: "What is your order number? It looks like AB-123456, and you'll find it in your confirmation e-mail."   # out of date`, 1)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("updated file (-want +got):\n%s", diff)
	}
	// The next turns now run: their wrong texts are rewritten in place too.
	m["tests/update.yaml"].Data = []byte(got)
	s, rep = mustRun(t, m, flowtest.Options{})
	got = string(s.Update(rep)["tests/update.yaml"])
	if !strings.Contains(got, `says: ['What happened with order', "Thank you. What happened with order AB-123456?"], step: what_happened}`) {
		t.Errorf("a says: item inside [ ] was not rewritten in place:\n%s", got)
	}
	m["tests/update.yaml"].Data = []byte(got)
	s, rep = mustRun(t, m, flowtest.Options{})
	got = string(s.Update(rep)["tests/update.yaml"])
	if !strings.Contains(got, `says: "Sorry, I didn't catch which one you meant. Could you tap one of the buttons, or write its name?"`) {
		t.Errorf("a single-quoted says: was not rewritten:\n%s", got)
	}
	m["tests/update.yaml"].Data = []byte(got)
	s, rep = mustRun(t, m, flowtest.Options{})
	got = string(s.Update(rep)["tests/update.yaml"])
	if !strings.Contains(got, "        says: \"I've noted that order AB-123456 is late.\"\n\n      # The end.\n") {
		t.Errorf("a says: written over several lines was not rewritten:\n%s", got)
	}
	m["tests/update.yaml"].Data = []byte(got)
	if _, rep = mustRun(t, m, flowtest.Options{}); rep.Failed != 0 {
		t.Errorf("after --update: %s %v", rep.Summary(), rep.Failures)
	}
	if !strings.HasPrefix(got, "# A comment that must survive.\n") || !strings.Contains(got, "# the command") {
		t.Errorf("comments lost:\n%s", got)
	}
}

// TestCoverage counts what a partial suite reaches.
func TestCoverage(t *testing.T) {
	t.Parallel()
	m := withTest(t, "one.yaml", `conversations:
  - name: one path
    turns:
      - {person: /order}
      - {person: AB-123456}
      - {press: "It's late"}
      - {press: "Not now", satisfaction: true}
`)
	_, rep := mustRun(t, m, flowtest.Options{})
	var got flowtest.Missed
	for _, ms := range rep.Coverage.Missed() {
		if ms.Flow == "order_problem" && ms.Lang == "en" {
			got = ms
		}
		if ms.Lang == "fr" && ms.StepReached+ms.ButtonReached > 0 {
			t.Errorf("%s reached in fr: %+v", ms.Flow, ms)
		}
	}
	want := flowtest.Missed{
		Flow: "order_problem", Lang: "en",
		Steps:     []string{"slowly", "gentle", "hard_to_find", "find_it_later", "no_order_number", "damaged", "damaged_next", "wrong_item", "wrong_item_next", "never_arrived", "never_arrived_next", "other", "to_delivery", "to_delivery_priority", "resume"},
		Buttons:   []string{"gentle/person", "gentle/carry_on", "no_order_number/person", "no_order_number/later", "what_happened/damaged", "what_happened/wrong_item", "what_happened/never_arrived", "what_happened/other", "send/yes_please"},
		StepTotal: 23, StepReached: 8, ButtonTotal: 11, ButtonReached: 2,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("order_problem coverage (-want +got):\n%s", diff)
	}
	var b strings.Builder
	rep.Coverage.Write(&b)
	if !strings.Contains(b.String(), "order_problem    en  steps 8/23  buttons 2/11  steps not reached: slowly, gentle, hard_to_find, find_it_later, no_order_number,") {
		t.Errorf("coverage report:\n%s", b.String())
	}
}

// TestChecks shows each kind of check failing with its message.
func TestChecks(t *testing.T) {
	t.Parallel()
	m := withTest(t, "checks.yaml", `conversations:
  - {name: buttons, turns: [{person: /order, buttons: [A, B]}]}
  - {name: flow, turns: [{person: /order, flow: billing_problem}]}
  - {name: step, turns: [{person: /order, step: send}]}
  - {name: slot, turns: [{person: /order}, {person: AB-123456, slots: {order: AB-000000}}]}
  - {name: signal, turns: [{person: /order, signals: anger}]}
  - {name: handoff, turns: [{person: /human, handoff: {queue: billing}}]}
  - {name: no handoff, turns: [{person: /human, handoff: false}]}
  - {name: safety, turns: [{person: /order, safety: true}]}
  - {name: satisfaction, turns: [{person: /order, satisfaction: true}]}
  - {name: matches, turns: [{person: /order, matches: '\d{3} apples'}]}
  - {name: press, turns: [{person: /order}, {press: "It's late"}]}
  - {name: no safety, turns: [{person: "I want to end my life", safety: false}]}
  - {name: no satisfaction, turns: [{person: /bye, satisfaction: false}]}
  - {name: comma, turns: [{person: /order}, {person: AB-123456}, {press: "It's late", buttons: [Yes, please, Not now]}]}
`)
	_, rep := mustRun(t, m, flowtest.Options{})
	var got []string
	for _, f := range rep.Failures {
		line, _, _ := strings.Cut(f.Error(), "\n")
		got = append(got, line)
	}
	want := []string{
		`flows/tests/checks.yaml:2:55: conversation "buttons", turn 1: expected buttons ["A", "B"], got buttons none`,
		`flows/tests/checks.yaml:3:49: conversation "flow", turn 1: expected flow "billing_problem", got flow "order_problem"`,
		`flows/tests/checks.yaml:4:49: conversation "step", turn 1: expected step "send", got step "ask_order" (flow "order_problem")`,
		`flows/tests/checks.yaml:5:72: conversation "slot", turn 2: expected slot order = "AB-000000", got slot order = "AB-123456"`,
		`flows/tests/checks.yaml:6:54: conversation "signal", turn 1: expected care signal anger noticed, got signals none`,
		`flows/tests/checks.yaml:7:55: conversation "handoff", turn 1: expected a hand-off to queue billing, got a hand-off to queue general with priority normal`,
		`flows/tests/checks.yaml:8:58: conversation "no handoff", turn 1: expected no hand-off, got a hand-off to queue general with priority normal`,
		`flows/tests/checks.yaml:9:53: conversation "safety", turn 1: expected the safety message, word for word, got:`,
		`flows/tests/checks.yaml:10:65: conversation "satisfaction", turn 1: expected the satisfaction question, got:`,
		`flows/tests/checks.yaml:11:55: conversation "matches", turn 1: expected the bot to say something matching "\\d{3} apples", got:`,
		`flows/tests/checks.yaml:12:45: conversation "press", turn 2: expected a button "It's late" to press, got none`,
		`flows/tests/checks.yaml:13:73: conversation "no safety", turn 1: expected not the safety message, word for word, got the safety message, word for word`,
		`flows/tests/checks.yaml:14:66: conversation "no satisfaction", turn 1: expected not the satisfaction question, got the satisfaction question`,
		`flows/tests/checks.yaml:15:96: conversation "comma", turn 3: expected buttons ["Yes", "please", "Not now"], got buttons ["Yes, please", "Not now"] (inside [ ], a comma starts a new button: put a label that holds a comma in quotes, like "Yes, please")`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("failures (-want +got):\n%s", diff)
	}
	if rep.Summary() != "0 passed, 14 failed" {
		t.Errorf("summary %q", rep.Summary())
	}
}

// TestReadmeExample plays the test file shown in flows/README.md, so that
// the guide never shows a test that does not run.
func TestReadmeExample(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../../flows/README.md")
	if err != nil {
		t.Fatal(err)
	}
	var example string
	for _, block := range strings.Split(string(readme), "```yaml\n")[1:] {
		block, _, _ = strings.Cut(block, "```")
		if strings.Contains(block, "conversations:") {
			example = block
			break
		}
	}
	if example == "" {
		t.Fatal("no test file example in flows/README.md")
	}
	_, rep := mustRun(t, withTest(t, "readme.yaml", example), flowtest.Options{})
	if rep.Failed != 0 || rep.Passed != 2 {
		t.Errorf("the README's example: %s %v", rep.Summary(), rep.Failures)
	}
}

// FuzzLoad: any bytes as a test file give a suite or problems, never a panic.
func FuzzLoad(f *testing.F) {
	set := bottest.MustFlows(f)
	entries, _ := fs.Glob(flows.FS, "tests/*.yaml")
	for _, e := range entries[:3] {
		data, _ := fs.ReadFile(flows.FS, e)
		f.Add(data)
	}
	for _, bad := range []string{"testdata/bad/keys/tests/keys.yaml", "testdata/bad/refs/tests/refs.yaml", "testdata/bad/shapes/tests/shapes.yaml"} {
		data, _ := os.ReadFile(bad)
		f.Add(data)
	}
	f.Add([]byte("conversations: [{name: x, turns: [{person: '/order', says: [a, b], handoff: {queue: delivery}}]}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := flowtest.Load(fstest.MapFS{"tests/f.yaml": {Data: data}}, "flows", set)
		if (s == nil) == (err == nil) {
			t.Fatalf("Load = %v, %v: want exactly one", s, err)
		}
	})
}

// TestFreeTextSlot: a conversation test may check the slot that a
// question's free_text fills (the staff menu's how_are_you), as it checks
// an ask's; before, the test was refused with "no flow fills a slot named
// how_are_you".
func TestFreeTextSlot(t *testing.T) {
	t.Parallel()
	fsys := withTest(t, "free_text.yaml", `conversations:
  - name: how a colleague is, told at the menu
    audience: employee
    turns:
      - {person: hello, step: staff_menu}
      - person: my colleague took credit for my work in the meeting
        flow: peer_support
        slots: {how_are_you: my colleague took credit for my work in the meeting}
`)
	_, rep := mustRun(t, fsys, flowtest.Options{})
	for _, f := range rep.Failures {
		t.Error(f.Error())
	}
	if rep.Passed != 1 {
		t.Errorf("%s; want the one conversation to pass", rep.Summary())
	}
}

// TestUnknownFlowNamedByItsFile: a lead who renamed a flow's file (or its
// id: line) and not the other writes the file's name in a test; the
// problem says which name the flow goes by.
func TestUnknownFlowNamedByItsFile(t *testing.T) {
	t.Parallel()
	m := withTest(t, "damaged.yaml", "conversations:\n  - {name: damaged, turns: [{person: /order, flow: damaged_item}]}\n")
	m["damaged_item.yaml"] = m["order_problem.yaml"] // the file renamed, its id: line not
	delete(m, "order_problem.yaml")
	_, err := flowtest.Load(m, "flows", mustSet(t, m))
	want := `flows/tests/damaged.yaml:2:52: unknown flow "damaged_item" (damaged_item.yaml names its flow "order_problem" on its id: line: use that, or make the two the same)`
	if err == nil || err.Error() != want {
		t.Errorf("Load error:\n%v\nwant\n%s", err, want)
	}
}

// TestCheckInsStayInTheirConversation: a check-in agreed in one
// conversation and never waited for is not sent into the next one's
// wait. Every conversation shares the suite's follow-ups, and a wait sent
// every check-in due, whoever agreed to it: in the studio's run of the
// built-in tests, "check-in agreed, still not arrived" saw the French
// thumbs-up conversation's check-in after its own, in French, and failed.
func TestCheckInsStayInTheirConversation(t *testing.T) {
	t.Parallel()
	fsys := withTest(t, "checkins.yaml", `conversations:
  - name: agreed in French, never waited for
    lang: fr
    turns:
      - {person: /commande}
      - {person: AB-123456}
      - {press: Elle est en retard}
      - {press: Pas maintenant, satisfaction: true}
      - {press: "4", says: "dans trois jours"}
      - {press: "Oui, volontiers", says: "je reviens vers vous"}
  - name: agreed in English, waited for
    turns:
      - {person: /order}
      - {person: AB-123456}
      - {press: It's late}
      - {press: Not now, satisfaction: true}
      - {press: "4", says: "in three days"}
      - {press: "Yes, please", says: "check in with you in three days"}
      - {wait: 73h, says: "has it arrived?", buttons: ["Yes, it arrived", Still not, "I'd like a person"]}
`)
	_, rep := mustRun(t, fsys, flowtest.Options{})
	for _, f := range rep.Failures {
		t.Error(f.Error())
	}
}
