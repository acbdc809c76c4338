package flow_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
)

// TestBuiltinSimpleVariants: every question of the built-in flows (each
// choose and ask text, an ask's re-prompt) and every hand-off message has
// a simple variant in every language, for people who need plainer words;
// so has every text of a follow-up check-in (consent, buttons, answers).
// Load already checked that each has the same slots and no new promise.
func TestBuiltinSimpleVariants(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	var missing []string
	need := func(f *flow.Flow, st *flow.Step, what string, txt flow.Text) {
		if txt.IsZero() {
			return
		}
		for _, lang := range set.Common.Languages {
			if txt.Simple[lang] == "" {
				missing = append(missing, fmt.Sprintf("%s:%d:%d: step %q: the %s has no simple %q variant", f.File, txt.Pos.Line, txt.Pos.Col, st.ID, what, lang))
			}
		}
	}
	for _, id := range set.Order {
		f := set.Flows[id]
		for _, st := range f.Steps {
			switch {
			case st.Choose != nil:
				need(f, st, "choose text", st.Choose.Text)
			case st.Ask != nil:
				need(f, st, "ask text", st.Ask.Text)
				need(f, st, "invalid text", st.Ask.Invalid)
			case st.Handoff != nil:
				need(f, st, "handoff text", st.Handoff.Text)
				need(f, st, "handoff closed text", st.Handoff.Closed)
			}
			if fu := st.FollowUp; fu != nil {
				// A check-in reaches people who need plainer words too: its
				// question, its buttons and what each answer says.
				for _, c := range []struct {
					what string
					c    *flow.Consent
				}{{"consent", &fu.Consent}, {"call_back", fu.CallBack}} {
					if c.c == nil {
						continue
					}
					need(f, st, c.what+" text", c.c.Text)
					need(f, st, c.what+" yes button", c.c.Yes)
					need(f, st, c.what+" no button", c.c.No)
					need(f, st, c.what+" agreed text", c.c.Agreed)
					need(f, st, c.what+" declined text", c.c.Declined)
				}
				need(f, st, "check_in text", fu.CheckIn)
				for _, a := range fu.Answers {
					need(f, st, "answer "+a.ID+" label", a.Label)
					need(f, st, "answer "+a.ID+" text", a.Text)
					if a.Handoff != nil {
						need(f, st, "answer "+a.ID+" handoff text", a.Handoff.Text)
					}
				}
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d texts lack a simple variant:\n%s", len(missing), strings.Join(missing, "\n"))
	}
}

// TestSimpleOneLanguage: in a set with one language, a simple variant may
// be a plain string, as texts may.
func TestSimpleOneLanguage(t *testing.T) {
	t.Parallel()
	common, err := os.ReadFile("testdata/good/one_language/common.yaml")
	if err != nil {
		t.Fatal(err)
	}
	set, err := flow.Load(fstest.MapFS{
		"common.yaml": {Data: common},
		"hello.yaml": {Data: []byte(`id: hello
title: Hello
category: greeting
steps:
  - id: ask_name
    ask:
      text:
        en: "What name would you like me to call you by, if you don't mind telling me?"
        simple: "What is your name?"
      slot: name
    next: bye
  - id: bye
    end:
      text: "Goodbye {{name}}."
`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := set.Flow("hello").Step("ask_name").Ask.Text
	if got.SimpleIn("en", "en") != "What is your name?" {
		t.Errorf("simple variant = %q", got.Simple)
	}
}

// TestSimpleNotInTexts: texts.yaml (the channels' and the desk's own words)
// takes no simple variant, and says so where one was written. The sample is
// the real texts.yaml, so it stays complete as keys are added.
func TestSimpleNotInTexts(t *testing.T) {
	t.Parallel()
	fsys := bottest.FlowsFS(t)
	lines := strings.Split(string(fsys[flow.TextsFile].Data), "\n")
	at := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "    fr: ") })
	if at < 0 {
		t.Fatal("texts.yaml has no text in the expected shape")
	}
	lines = slices.Insert(lines, at+1, `    simple: {en: "Plain.", fr: "Simple."}`)
	fsys[flow.TextsFile].Data = []byte(strings.Join(lines, "\n"))
	_, err := flow.Load(fsys)
	want := fmt.Sprintf("texts.yaml:%d:5: text ", at+2)
	if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "cannot have a simple variant") {
		t.Errorf("Load = %v, want an error at %s… cannot have a simple variant", err, want)
	}
}
