package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/carebot/carebot/bot/bottest"
)

func TestFlowsTestBuiltin(t *testing.T) {
	t.Parallel()
	out, errOut, err := runMain(t, nil, "", "flows", "test", "--coverage")
	if err != nil {
		t.Fatalf("flows test: %v\n%s%s", err, out, errOut)
	}
	if !strings.Contains(out, "coverage: steps 218/218 (100.0%), buttons 190/190 (100.0%)") && !strings.Contains(out, "(100.0%), buttons") {
		t.Errorf("coverage not 100%%:\n%s", out)
	}
	if !regexpLast(out, `^\d+ passed, 0 failed$`) {
		t.Errorf("last line of:\n%s", out)
	}
}

func regexpLast(out, pattern string) bool {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	return len(lines) > 0 && mustMatch(pattern, lines[len(lines)-1])
}

// TestFlowsTestEditedFlowFailsThenUpdates edits a reply in a copy of the
// flows: flows test fails with the position of the check and exit 1;
// --update rewrites the test file, and the next run passes.
func TestFlowsTestEditedFlowFailsThenUpdates(t *testing.T) {
	t.Parallel()
	dir := bottest.CopyFlows(t)
	editFile(t, dir, "order_problem.yaml",
		`fr: "Je suis désolé qu'elle soit arrivée abîmée. Je l'ai noté pour la commande {{order}}."`,
		`fr: "Quel dommage qu'elle soit arrivée dans cet état. C'est noté pour la commande {{order}}."`,
		`fr: "Si possible, gardez l'article et son emballage pour l'instant`, `fr: "Si possible, gardez l'article et son carton pour l'instant`)
	out, _, err := runMain(t, nil, "", "flows", "test", dir, "--run", "abîmée")
	if !errors.Is(err, errReported) {
		t.Fatalf("flows test of an edited flow: err %v, want exit 1\n%s", err, out)
	}
	line, col := position(t, filepath.Join(dir, "tests", "order_problem.yaml"), "{press: Elle est arrivée abîmée, says: emballage}", "emballage")
	want := fmt.Sprintf("%s:%d:%d: conversation \"commande abîmée, pas maintenant\", turn 3: expected the bot to say \"emballage\", got:", filepath.Join(dir, "tests", "order_problem.yaml"), line, col)
	if !strings.HasPrefix(out, want+"\n    bot: Quel dommage") || !strings.HasSuffix(out, "0 passed, 1 failed\n") {
		t.Fatalf("output:\n%s\nwant it to start with\n%s", out, want)
	}

	out, _, err = runMain(t, nil, "", "flows", "test", dir, "--run", "abîmée", "--update")
	if !errors.Is(err, errReported) || !strings.Contains(out, "updated "+filepath.Join(dir, "tests", "order_problem.yaml")) {
		t.Fatalf("--update: %v\n%s", err, out)
	}
	out, _, err = runMain(t, nil, "", "flows", "test", dir)
	if err != nil {
		t.Fatalf("after --update: %v\n%s", err, out)
	}
}

// position finds the line holding text in the file name and the column
// (in characters, as YAML and editors count) of word in it.
func position(t *testing.T, name, text, word string) (int, int) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if j := strings.Index(l, text); j >= 0 {
			return i + 1, utf8.RuneCountInString(l[:j+strings.Index(text, word)]) + 1
		}
	}
	t.Fatalf("%s no longer holds %q: update this test", name, text)
	return 0, 0
}

func TestFlowsTestUpdateNeedsAFolder(t *testing.T) {
	t.Parallel()
	_, _, err := runMain(t, nil, "", "flows", "test", "--update")
	if err == nil || !strings.Contains(err.Error(), "name their folder") {
		t.Errorf("err = %v", err)
	}
}

func mustMatch(pattern, s string) bool { return regexp.MustCompile(pattern).MatchString(s) }

func TestFlowsGraph(t *testing.T) {
	t.Parallel()
	out, _, err := runMain(t, nil, "", "flows", "graph", "human", "--lang", "fr")
	if err != nil || !strings.HasPrefix(out, "flowchart TD\n") || !strings.Contains(out, `"Laisser un message"`) {
		t.Fatalf("mermaid: %v\n%s", err, out)
	}
	out, _, err = runMain(t, nil, "", "flows", "graph", "human", "--format", "dot")
	if err != nil || !strings.HasPrefix(out, "digraph flows {") {
		t.Fatalf("dot: %v\n%s", err, out)
	}
	out, _, err = runMain(t, nil, "", "flows", "graph", "--format", "svg")
	if err != nil || !strings.Contains(out, "<svg") || !strings.Contains(out, "order_problem__what_happened") {
		t.Fatalf("svg of every flow: %v\n%.300s", err, out)
	}
	_, _, err = runMain(t, nil, "", "flows", "graph", "order_problme")
	if err == nil || !strings.Contains(err.Error(), `(did you mean "order_problem"?)`) {
		t.Errorf("unknown flow: %v", err)
	}
	// A folder with problems is drawn anyway, its problems listed.
	out, errOut, err := runMain(t, nil, "", "flows", "graph", "--dir", "bot/flowgraph/testdata/fixture", "hello")
	if err != nil || !strings.Contains(out, "class hello__orphan unreachable") || !strings.Contains(errOut, `hello.yaml:43:5: step "orphan": is never reached`) {
		t.Errorf("fixture: %v\n%s\n%s", err, out, errOut)
	}
}

// TestFlowsGraphOfAnUnreadableFile: a lead who left a quote open in the
// flow they want to draw is told that its file cannot be read, not that
// no flow has that name (they can see the file).
func TestFlowsGraphOfAnUnreadableFile(t *testing.T) {
	t.Parallel()
	dir := bottest.CopyFlows(t)
	editFile(t, dir, "order_problem.yaml", `Je l'ai noté pour la commande {{order}}."`, `Je l'ai noté pour la commande {{order}}.`)
	_, errOut, err := runMain(t, nil, "", "flows", "graph", "--dir", dir, "order_problem")
	want := `order_problem cannot be drawn: its file ` + filepath.Join(dir, "order_problem.yaml") + ` cannot be read (the problem is above); fix it and draw again`
	if err == nil || err.Error() != want || !strings.Contains(errOut, "order_problem.yaml:") {
		t.Errorf("err %v\nwant %s\nstderr:\n%s", err, want, errOut)
	}
}

func TestFlowsSchemaWritesTheCheckedInFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out, _, err := runMain(t, nil, "", "flows", "schema", dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"common.schema.json", "flow.schema.json", "test.schema.json", "texts.schema.json"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		want, err := os.ReadFile(filepath.Join("flows", "schema", name))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%s written by flows schema differs from flows/schema/%s", name, name)
		}
	}
}

func TestFlowsValidateChecksTestFiles(t *testing.T) {
	t.Parallel()
	dir := bottest.CopyFlows(t)
	if err := os.WriteFile(filepath.Join(dir, "tests", "typo.yaml"), []byte("conversations:\n  - name: typo\n    turns:\n      - {person: hi, flow: welcom}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, err := runMain(t, nil, "", "flows", "validate", dir)
	want := filepath.Join(dir, "tests", "typo.yaml") + `:4:28: unknown flow "welcom" (did you mean "welcome"?)`
	if !errors.Is(err, errReported) || !strings.Contains(errOut, want) {
		t.Errorf("err %v, stderr:\n%s\nwant %s", err, errOut, want)
	}
}

// TestFlowsValidateCatchesAPersonPromisedToNobody: a support lead's edit
// that promises a person on a line said even when nobody can come (here,
// goodbye's unstaffed variant removed) fails flows validate, at its line.
func TestFlowsValidateCatchesAPersonPromisedToNobody(t *testing.T) {
	t.Parallel()
	dir := bottest.CopyFlows(t)
	path := filepath.Join(dir, "goodbye.yaml")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edited := regexp.MustCompile(`(?s)\n        unstaffed:\n.*?\n      satisfaction`).ReplaceAllString(string(b), "\n      satisfaction")
	if edited == string(b) {
		t.Fatal("goodbye.yaml has no unstaffed variant to remove: update this test")
	}
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, err := runMain(t, nil, "", "flows", "validate", dir)
	want := regexp.MustCompile(`goodbye\.yaml:\d+:\d+: the end text of step goodbye\.start \(en\) speaks of a person from the team, but is said even when nobody can come`)
	if !errors.Is(err, errReported) || !want.MatchString(errOut) {
		t.Errorf("err %v, stderr:\n%s\nwant %s", err, errOut, want)
	}
}

// TestFlowsValidateCatchesAYesToARefund: a support lead's edit that opens
// the refund flow with "Of course." (heard as a yes to "will you refund
// me?") fails flows validate, at its file in the folder and its line, in
// either language.
func TestFlowsValidateCatchesAYesToARefund(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ lang, from, to string }{
		{"en", `en: "I can record a cancellation`, `en: "Of course. I can record a cancellation`},
		{"fr", `fr: "Je peux enregistrer`, `fr: "Bien sûr. Je peux enregistrer`},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			t.Parallel()
			dir := bottest.CopyFlows(t)
			path := filepath.Join(dir, "cancel_refund.yaml")
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			edited := strings.Replace(string(b), tc.from, tc.to, 1)
			if edited == string(b) {
				t.Fatalf("cancel_refund.yaml has no %q: update this test", tc.from)
			}
			if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
				t.Fatal(err)
			}
			_, errOut, err := runMain(t, nil, "", "flows", "validate", dir)
			// The path is the folder's, as for every other problem, so that
			// the editor or terminal can jump to it.
			want := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(path) + `:\d+:\d+: say 1 of step cancel_refund\.start \(` + tc.lang + `\) opens with "(Of course|Bien sûr)" and speaks of "(refund|remboursement)"`)
			if !errors.Is(err, errReported) || !want.MatchString(errOut) {
				t.Errorf("err %v, stderr:\n%s\nwant %s", err, errOut, want)
			}
		})
	}
}

// TestFlowsValidateCatchesARefundPromise: a lead who adds "You'll get a
// full refund." to the damaged-order answer promises what only the team
// may decide; flows validate refuses it at its line, in either language.
func TestFlowsValidateCatchesARefundPromise(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ lang, from, to, said string }{
		{"en", `I've noted it for order {{order}}."`, `I've noted it for order {{order}}. Don't worry, you'll get a full refund."`, "you ll get a full refund"},
		{"fr", `Je l'ai noté pour la commande {{order}}."`, `Je l'ai noté pour la commande {{order}}. Vous serez remboursé."`, "Vous serez remboursé"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			t.Parallel()
			dir := bottest.CopyFlows(t)
			path := filepath.Join(dir, "order_problem.yaml")
			editFile(t, dir, "order_problem.yaml", tc.from, tc.to)
			line, col := position(t, path, `en: "I'm sorry it arrived damaged.`, "en") // the say text starts there
			_, errOut, err := runMain(t, nil, "", "flows", "validate", dir)
			want := fmt.Sprintf("%s:%d:%d: say 1 of step order_problem.damaged (%s) says %q: that is a promise only a person may make", path, line, col, tc.lang, tc.said)
			if !errors.Is(err, errReported) || !strings.Contains(errOut, want) {
				t.Errorf("err %v, stderr:\n%s\nwant a line starting %s", err, errOut, want)
			}
		})
	}
}
