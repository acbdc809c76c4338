package llm_test

import (
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/llm"
	"github.com/carebot/carebot/bot/llm/llmtest"
)

// withRecent gives a corpus request the person's recent words, plus the
// injected instruction inj if it is not empty.
func withRecent(req bot.RephraseRequest, inj string) bot.RephraseRequest {
	req.Recent = slices.Clone(personTurns[req.Lang])
	if inj != "" {
		req.Recent = append(req.Recent, bot.Turn{From: bot.SpeakerPerson, Text: inj})
	}
	return req
}

// cases returns the corpus as requests: once each, or once per injection
// of its language when inject is set.
func cases(inject bool) []bot.RephraseRequest {
	var out []bot.RephraseRequest
	for _, req := range corpus {
		if !inject {
			out = append(out, withRecent(req, ""))
			continue
		}
		for _, inj := range injections[req.Lang] {
			out = append(out, withRecent(req, inj))
		}
	}
	return out
}

// TestMeasureGuardrails runs the corpus through the real client against each
// of the fake server's modes and reports the share of faithful paraphrases
// accepted and of unfaithful ones rejected (go test -run Measure -v).
func TestMeasureGuardrails(t *testing.T) {
	t.Parallel()
	if len(realistic) != len(corpus) {
		t.Fatalf("%d realistic rewordings for %d corpus entries", len(realistic), len(corpus))
	}
	// The realistic mode answers the hand-written rewording of the script it receives.
	byScript := map[string]string{}
	for i, req := range corpus {
		byScript[llm.Protect(req.Text, req.Slots)] = realistic[i]
	}
	realisticMode := llmtest.Func("realistic", func(d llmtest.Data) string {
		if s, ok := byScript[d.ScriptedReply]; ok {
			return s
		}
		t.Errorf("realistic: no rewording for %q", d.ScriptedReply)
		return ""
	})
	modes := []struct {
		mode     llmtest.Mode
		faithful bool
		inject   bool
	}{
		{realisticMode, true, false},
		{llmtest.Faithful(), true, false},
		{llmtest.Faithful(), true, true}, // the person tries an injection; the model ignores it
		{llmtest.Liar(), false, false},
		{llmtest.InjectionFollower(), false, true},
		{llmtest.WrongLanguage(), false, false},
	}
	var table strings.Builder
	fmt.Fprintf(&table, "\n%-26s %5s %8s %8s  %s\n", "mode", "n", "accepted", "rejected", "first failed check")
	for _, m := range modes {
		srv := llmtest.NewServer(t, m.mode)
		r := newRephraser(t, llm.Config{BaseURL: srv.URL, Timeout: wait.Timeout, Logger: quiet})
		accepted, rejected := 0, 0
		checks := map[string]int{}
		reqs := cases(m.inject)
		for i, req := range reqs {
			got, err := r.Rephrase(t.Context(), req)
			var re *llm.RejectError
			switch {
			case err == nil:
				accepted++
				if !m.faithful {
					t.Errorf("%s: accepted an unfaithful rephrase of case %d:\n script: %s\n reply:  %s", m.mode, i, req.Text, got)
				}
			case errors.As(err, &re):
				rejected++
				checks[re.Check]++
				if m.faithful {
					t.Logf("%s: rejected case %d (%v):\n script: %s", m.mode, i, err, req.Text)
				}
				if got != req.Text {
					t.Errorf("%s: rejected rephrase of case %d returned %q, want the script", m.mode, i, got)
				}
			default:
				t.Errorf("%s: case %d: %v", m.mode, i, err)
			}
		}
		n := len(reqs)
		name := m.mode.String()
		if m.inject {
			name += "+injected_person"
		}
		var cs []string
		for _, c := range slices.Sorted(maps.Keys(checks)) {
			cs = append(cs, fmt.Sprintf("%s=%d", c, checks[c]))
		}
		fmt.Fprintf(&table, "%-26s %5d %7.1f%% %7.1f%%  %s\n", name, n,
			100*float64(accepted)/float64(n), 100*float64(rejected)/float64(n), strings.Join(cs, " "))
		if m.faithful && float64(accepted) < 0.9*float64(n) {
			t.Errorf("%s: accepted %d/%d faithful paraphrases, want at least 90%%", name, accepted, n)
		}
		if !m.faithful && rejected != n {
			t.Errorf("%s: rejected %d/%d unfaithful rephrases, want all", name, rejected, n)
		}
	}
	t.Log(table.String())
}

var quiet = slog.New(slog.DiscardHandler)

// BenchmarkCheck measures the guardrails' cost per reply.
func BenchmarkCheck(b *testing.B) {
	reqs := make([]bot.RephraseRequest, len(corpus))
	cands := make([]string, len(corpus))
	for i, req := range corpus {
		reqs[i] = withRecent(req, "")
		cands[i] = llmtest.Paraphrase(req.Text, req.Lang, nil)
	}
	rules := llm.DefaultRules()
	b.ResetTimer()
	for i := range b.N {
		j := i % len(reqs)
		_ = llm.Check(reqs[j].Text, cands[j], reqs[j], rules)
	}
}

// builtinScripts returns every rephrasable text of the built-in flows
// (slot-free, not marked no_rephrase) as requests, in English and French.
func builtinScripts(t *testing.T) []bot.RephraseRequest {
	t.Helper()
	set := bottest.MustFlows(t)
	var texts []flow.Text
	for _, f := range set.Flows {
		for _, st := range f.Steps {
			texts = append(texts, st.Say...)
			if st.Choose != nil {
				texts = append(texts, st.Choose.Text)
			}
			if st.Ask != nil {
				texts = append(texts, st.Ask.Text)
			}
			if st.Handoff != nil {
				texts = append(texts, st.Handoff.Text)
			}
			if st.End != nil {
				texts = append(texts, st.End.Text)
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(set.Common.Messages)) {
		texts = append(texts, set.Common.Messages[k])
	}
	var out []bot.RephraseRequest
	for _, txt := range texts {
		if txt.NoRephrase {
			continue
		}
		for _, lang := range []string{"en", "fr"} {
			if s := txt.ByLang[lang]; s != "" && !strings.Contains(s, "{{") {
				out = append(out, bot.RephraseRequest{Text: s, Lang: lang, Tone: txt.Tone})
			}
		}
	}
	return out
}

// TestBuiltinFlowsRephrased: the fake model's faithful rewordings of every
// built-in text pass, and so do they when the person tried an injection
// the model ignored. The guardrails must not cost the flows their warmth.
func TestBuiltinFlowsRephrased(t *testing.T) {
	t.Parallel()
	rules := llm.DefaultRules()
	reqs := builtinScripts(t)
	accepted, n := 0, 0
	for _, req := range reqs {
		for _, mood := range [][]string{nil, {"angry"}, {"anxious"}} {
			for _, inj := range []string{"", injections[req.Lang][0]} {
				r := withRecent(req, inj)
				cand := llmtest.Paraphrase(req.Text, req.Lang, mood)
				n++
				if err := llm.Check(r.Text, cand, r, rules); err != nil {
					t.Logf("refused (%v):\n script: %s\n reply:  %s", err, req.Text, cand)
					continue
				}
				accepted++
			}
		}
	}
	t.Logf("built-in flows: %d/%d faithful rewordings accepted (%.1f%%) over %d texts", accepted, n, 100*float64(accepted)/float64(n), len(reqs))
	if accepted < n*98/100 {
		t.Errorf("accepted %d/%d faithful rewordings of the built-in texts, want at least 98%%", accepted, n)
	}
}
