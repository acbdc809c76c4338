package studio

import (
	"context"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/carebot/carebot/bot/flowtest"
)

// TestRun is the result of running conversation tests from the page.
type TestRun struct {
	Gen           int               `json:"gen"`
	Ran           bool              `json:"ran"`     // false: the flows or tests have problems, nothing ran
	Running       bool              `json:"running"` // the automatic run after a change is not over
	Passed        int               `json:"passed"`
	Failed        int               `json:"failed"`
	Summary       string            `json:"summary"`
	TookMS        int64             `json:"took_ms"`
	Conversations []ConvResult      `json:"conversations"`
	Coverage      map[string][2]int `json:"coverage,omitempty"` // flow → steps reached, steps (every language)
	Failing       map[string]int    `json:"failing,omitempty"`  // flow → failing conversations of tests/<flow>.yaml
}

// ConvRef names one conversation test.
type ConvRef struct {
	File string `json:"file"`
	Name string `json:"name"`
}

// ConvResult is one conversation test and how it went.
type ConvResult struct {
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Name     string        `json:"name"`
	Status   string        `json:"status"` // passed, failed, not run
	Failures []FailureView `json:"failures,omitempty"`
}

// FailureView is one failed check, with what the bot actually said.
type FailureView struct {
	Text    string      `json:"text"` // FILE:LINE:COL: conversation "name", turn N: expected …, got …
	Turn    int         `json:"turn"`
	Replies []ReplyView `json:"replies"`
}

// testRunner runs the suite after each change, and on demand.
type testRunner struct {
	vars map[string]map[string]string

	mu     sync.Mutex
	last   *TestRun // the latest complete run of every conversation
	notify func()
}

// changed runs every test of a new snapshot in the background.
func (r *testRunner) changed(sn *snapshot) {
	r.mu.Lock()
	r.last = &TestRun{Gen: sn.gen, Running: sn.suite != nil, Summary: "the flows or the tests have problems: see Problems"}
	r.mu.Unlock()
	if sn.suite == nil {
		return
	}
	go func() {
		run := r.run(context.Background(), sn, "", "")
		r.mu.Lock()
		if r.last != nil && r.last.Gen == sn.gen {
			r.last = run
		}
		notify := r.notify
		r.mu.Unlock()
		if notify != nil {
			notify()
		}
	}()
}

// latest returns the latest run for gen.
func (r *testRunner) latest(gen int) *TestRun {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.last == nil || r.last.Gen != gen {
		return &TestRun{Gen: gen, Running: true}
	}
	return r.last
}

// run plays the conversations of sn's suite: every one, or the one named
// name in file.
func (r *testRunner) run(ctx context.Context, sn *snapshot, file, name string) *TestRun {
	out := &TestRun{Gen: sn.gen}
	if sn.suite == nil {
		out.Summary = "the flows or the tests have problems: see Problems"
		return out
	}
	opts := flowtest.Options{Vars: r.vars}
	if name != "" {
		opts.Run = regexp.MustCompile("^" + regexp.QuoteMeta(name) + "$")
	}
	rep, err := sn.suite.Run(ctx, opts)
	if err != nil {
		out.Summary = "the tests could not run: " + err.Error()
		return out
	}
	out.Ran, out.Passed, out.Failed, out.Summary, out.TookMS = true, rep.Passed, rep.Failed, rep.Summary(), rep.Took.Milliseconds()
	for _, f := range sn.suite.Files {
		if file != "" && f.Name != file {
			continue
		}
		for _, c := range f.Conversations {
			if opts.Run != nil && !opts.Run.MatchString(c.Name) {
				continue
			}
			cr := ConvResult{File: f.Name, Line: c.Pos.Line, Name: c.Name, Status: "passed"}
			for _, fl := range rep.Failures {
				if fl.Conversation == c.Name && fl.Pos.File == f.Name {
					cr.Status = "failed"
					fv := FailureView{Text: strings.SplitN(fl.Error(), "\n", 2)[0], Turn: fl.Turn}
					for _, rp := range fl.Replies {
						rv := ReplyView{Text: rp.Text}
						for _, ch := range rp.Choices {
							rv.Buttons = append(rv.Buttons, Button{ID: ch.ID, Label: ch.Label})
						}
						fv.Replies = append(fv.Replies, rv)
					}
					cr.Failures = append(cr.Failures, fv)
				}
			}
			out.Conversations = append(out.Conversations, cr)
		}
	}
	if name == "" {
		out.Coverage = map[string][2]int{}
		for _, m := range rep.Coverage.Missed() {
			c := out.Coverage[m.Flow]
			out.Coverage[m.Flow] = [2]int{c[0] + m.StepReached, c[1] + m.StepTotal}
		}
		out.Failing = map[string]int{}
		for _, c := range out.Conversations {
			if c.Status == "failed" {
				out.Failing[strings.TrimSuffix(path.Base(c.File), ".yaml")]++
			}
		}
	}
	return out
}
