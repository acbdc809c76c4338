package flow

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// checkSaid reports each if_said that names no button of its flow.
func (l *loader) checkSaid(pf *parsedFlow) {
	var ids []string
	for _, st := range pf.flow.Steps {
		if st.Choose != nil {
			for _, c := range st.Choose.Choices {
				ids = append(ids, c.ID)
			}
		}
	}
	for _, r := range pf.saidRefs {
		if slices.Contains(ids, r.name) {
			continue
		}
		hint := ""
		if s := suggest(r.name, ids); s != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", s)
		}
		l.errf(r.node, r.where, "%s names no button of this flow: %q%s", r.key, r.name, hint)
	}
}

// checkFlow runs the checks that need all of one flow's steps: references
// to steps, reachability and loops that never wait for the person.
func (l *loader) checkFlow(pf *parsedFlow) {
	f := pf.flow
	ids := slices.Sorted(maps.Keys(pf.stepIDs))
	// Reachability follows a misspelt reference to the step it was likely
	// meant for: that step is unreachable only because of the typo, which
	// is already reported with a suggestion.
	meant := map[string]string{}
	for _, r := range pf.stepRefs {
		if _, ok := pf.stepIDs[r.name]; ok {
			continue
		}
		s := suggest(r.name, ids)
		if s != "" {
			meant[r.name] = s
		}
		hint := ""
		if s != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", s)
		}
		l.errf(r.node, r.where, "%s names unknown step %q%s", r.key, r.name, hint)
	}

	l.checkSaid(pf)
	if len(f.Steps) == 0 {
		return
	}
	seen := map[*Step]bool{f.Steps[0]: true}
	queue := []*Step{f.Steps[0]}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		for _, id := range append(s.Targets(), followUpTargets(f.ID, s)...) {
			if m, ok := meant[id]; ok {
				id = m
			}
			if t := f.Step(id); t != nil && !seen[t] {
				seen[t] = true
				queue = append(queue, t)
			}
		}
	}
	l.reportUnreached(f, seen, meant)

	// say and set steps go on at once: a ring of them would never stop.
	// Each step leads to at most one other, so one walk per step, never
	// repeated, finds every ring.
	const (
		unseen = iota
		onPath
		done
	)
	state := map[*Step]int{}
	for _, s := range f.Steps {
		var path []*Step
		at := map[*Step]int{} // index in path
		cur := s
		for cur != nil && state[cur] == unseen && (cur.Kind == KindSay || cur.Kind == KindSet) && cur.Next != "" {
			state[cur] = onPath
			at[cur] = len(path)
			path = append(path, cur)
			cur = f.Step(cur.Next)
		}
		if cur != nil && state[cur] == onPath {
			ring := path[at[cur]:]
			names := make([]string, 0, len(ring)+1)
			for _, r := range ring {
				names = append(names, r.ID)
			}
			names = append(names, ring[0].ID)
			what := "steps " + strings.Join(names, " → ") + " go round in a loop"
			if len(ring) == 1 {
				what = "leads back to itself"
			}
			l.errAt(ring[0].Pos, fmt.Sprintf("step %q", ring[0].ID),
				"%s without waiting for an answer: the bot would never stop talking", what)
		}
		for _, p := range path {
			state[p] = done
		}
	}

	// free_text keeps what the person wrote as their answer: the way on
	// must not ask them for it again, the same question or an ask for the
	// same slot, through the say and set steps that go on at once.
	for _, s := range f.Steps {
		if s.Choose == nil || s.Choose.FreeText == nil {
			continue
		}
		ft := s.Choose.FreeText
		where := fmt.Sprintf("step %q", s.ID)
		seen := map[*Step]bool{}
		for cur := f.Step(ft.Next); cur != nil && !seen[cur]; cur = f.Step(cur.Next) {
			seen[cur] = true
			if cur == s {
				l.errAt(ft.Pos, where, "free_text leads back to this same question: the person would be asked again what they just answered; lead it on to the step that follows their words")
				break
			}
			if cur.Ask != nil && cur.Ask.Slot == ft.Slot {
				l.errAt(ft.Pos, where, "free_text leads to step %q, which asks for %s again: the person would be asked to write once more what they just wrote; lead it past that step", cur.ID, ft.Slot)
				break
			}
			if cur.Kind != KindSay && cur.Kind != KindSet {
				break
			}
		}
	}
}

// Targets are the steps of its flow that s may lead to: its next, its
// choices' next, its free text's next, its ask's on_fail, its cases' goto
// and its hand-off's on_timeout ("" where one is not given).
func (s *Step) Targets() []string {
	out := []string{s.Next}
	if s.Choose != nil {
		for _, c := range s.Choose.Choices {
			out = append(out, c.Next)
		}
		if s.Choose.FreeText != nil {
			out = append(out, s.Choose.FreeText.Next)
		}
	}
	if s.Ask != nil {
		out = append(out, s.Ask.OnFail)
	}
	for _, c := range s.Branch {
		out = append(out, c.Goto)
	}
	if s.Handoff != nil {
		out = append(out, s.Handoff.OnTimeout)
	}
	return out
}

// check runs the checks that span the whole set.
func (l *loader) check(set *Set, anyFlows bool) {
	flowIDs := slices.Sorted(maps.Keys(set.Flows))
	for _, r := range l.flowRefs {
		if !anyFlows {
			break // with no flow files, every flow named is unknown: noise
		}
		if set.Flows[r.name] == nil && !l.unreadable[r.name] {
			l.errAt(r.pos, r.where, "%s names unknown flow %q%s", r.key, r.name, didYouMean(r.name, flowIDs))
		}
	}
	l.callCycles(set)
	l.checkQueues(set)
	l.triggerConflicts()
	l.checkStepsInFlows(set)

	slots := slices.Sorted(maps.Keys(l.slots))
	for _, u := range l.slotUses {
		if l.slots[u.name] {
			continue
		}
		if u.tmpl {
			l.errAt(u.pos, u.where, "%s uses {{%s}}, but no ask or set defines that slot%s", u.what, u.name, didYouMean(u.name, slots))
		} else {
			l.errAt(u.pos, u.where, "if_slot names %q, but no ask or set defines that slot%s", u.name, didYouMean(u.name, slots))
		}
	}
}

// callCycles reports flows that call themselves, directly or through
// other flows: the calls would pile up forever.
func (l *loader) callCycles(set *Set) {
	// edges[f] are the flows f calls, in step order.
	type edge struct {
		to   string
		step *Step
	}
	edges := map[string][]edge{}
	for _, pf := range l.flows {
		if !pf.idOK {
			continue
		}
		for _, s := range pf.flow.Steps {
			if _, ok := pf.calls[s]; ok && set.Flows[s.Call] != nil {
				edges[pf.flow.ID] = append(edges[pf.flow.ID], edge{s.Call, s})
			}
		}
	}
	// path finds a chain of calls from a to b, as flow ids after a.
	path := func(from, to string) []string {
		prev := map[string]string{from: ""}
		queue := []string{from}
		for len(queue) > 0 {
			cur := queue[0]
			queue = queue[1:]
			for _, e := range edges[cur] {
				if _, ok := prev[e.to]; ok {
					continue
				}
				prev[e.to] = cur
				if e.to == to {
					var p []string
					for x := to; x != from; x = prev[x] {
						p = append(p, x)
					}
					slices.Reverse(p)
					return p
				}
				queue = append(queue, e.to)
			}
		}
		return nil
	}
	inCycle := map[string]bool{}
	for _, pf := range l.flows {
		if !pf.idOK {
			continue
		}
		from := pf.flow.ID
		for _, e := range edges[from] {
			where := fmt.Sprintf("step %q", e.step.ID)
			p := pos(pf, e.step)
			if e.to == from {
				l.errAt(p, where, "flow %q calls itself: use goto_flow to start it again", from)
				continue
			}
			if inCycle[from] && inCycle[e.to] {
				continue // this ring is already reported
			}
			back := path(e.to, from)
			if back == nil {
				continue
			}
			ring := append([]string{from, e.to}, back...)
			for _, id := range ring {
				inCycle[id] = true
			}
			l.errAt(p, where, "calls go round in a loop: %s; use goto_flow in one of them", strings.Join(ring, " → "))
		}
	}
}

// pos is where a call step names its flow.
func pos(pf *parsedFlow, s *Step) Pos {
	n := pf.calls[s]
	return Pos{File: pf.flow.File, Line: n.Line, Col: n.Column}
}

// triggerConflicts reports a command, keyword or example that two flows
// claim: a message could not tell which flow it means.
func (l *loader) triggerConflicts() {
	type owner struct {
		flow *Flow
		pos  Pos
	}
	type pair struct{ of, with *Flow }
	type conflict struct {
		of *Flow
		t  trigger
		o  owner
	}
	var conflicts []conflict
	total := map[pair]int{}
	first := map[string]owner{}
	for _, pf := range l.flows {
		for _, t := range pf.triggers {
			k := t.kind + "\x00" + t.lang + "\x00" + t.norm
			o, ok := first[k]
			if !ok {
				first[k] = owner{pf.flow, t.pos}
				continue
			}
			if o.flow == pf.flow {
				continue // listed twice in one flow: harmless
			}
			conflicts = append(conflicts, conflict{pf.flow, t, o})
			total[pair{pf.flow, o.flow}]++
		}
	}
	told := map[pair]int{}
	for _, c := range conflicts {
		t, o := c.t, c.o
		name := o.flow.File
		if o.flow.ID != "" {
			name = fmt.Sprintf("flow %q", o.flow.ID)
		}
		p := pair{c.of, o.flow}
		told[p]++
		switch n := told[p]; {
		case n <= maxSharedTriggers || total[p] == maxSharedTriggers+1:
			lang := ""
			if t.lang != "" {
				lang = fmt.Sprintf(" (%s)", t.lang)
			}
			l.errAt(t.pos, "", "%s %q%s is also a trigger of %s (%s, line %d): a message could not tell which flow it means",
				t.kind, t.text, lang, name, o.pos.File, o.pos.Line)
		case n == maxSharedTriggers+1:
			// A flow copied to start a new one shares all its triggers:
			// one line says so, not hundreds.
			l.errAt(t.pos, "", "%s %q and %d more triggers of this flow are also triggers of %s (%s): if one file is a copy of the other, give the copy its own commands, keywords and examples",
				t.kind, t.text, total[p]-n, name, o.pos.File)
		}
	}
}

// maxSharedTriggers is how many triggers two flows may share before the
// rest are told in one line.
const maxSharedTriggers = 3

// reportUnreached reports the steps that nothing reachable leads to. Only
// the first of a run of them is reported, with the steps it leads to named
// after it: a lead who fixes that one step fixes them all, and one broken
// link above a long flow is one problem, not one per step below it.
func (l *loader) reportUnreached(f *Flow, seen map[*Step]bool, meant map[string]string) {
	var lost []*Step
	for _, s := range f.Steps[1:] {
		if !seen[s] && s.ID != "" && f.Step(s.ID) == s {
			lost = append(lost, s)
		}
	}
	next := func(s *Step) []*Step {
		var out []*Step
		for _, id := range append(s.Targets(), followUpTargets(f.ID, s)...) {
			if m, ok := meant[id]; ok {
				id = m
			}
			if t := f.Step(id); t != nil && t != s && !seen[t] {
				out = append(out, t)
			}
		}
		return out
	}
	// A lost step that another lost step leads to is reported with it.
	// Steps that only lost steps lead to, in rings, are left after the
	// first pass: each ring is reported at its first step in the file.
	led := map[*Step]bool{}
	for _, s := range lost {
		for _, t := range next(s) {
			led[t] = true
		}
	}
	covered := map[*Step]bool{}
	for _, rings := range []bool{false, true} {
		for _, s := range lost {
			if covered[s] || (led[s] && !rings) {
				continue
			}
			after := lostAfter(s, next, covered)
			why := "no other step leads to it (name it in a next, a choice or a goto)"
			if rings {
				why = "only steps it leads to lead back to it (name it in a next, a choice or a goto of a step that is reached)"
			}
			l.errAt(s.Pos, fmt.Sprintf("step %q", s.ID), "is never reached: %s%s", why, lostTail(after))
		}
	}
}

// lostAfter marks s and every lost step it leads to as covered, and
// returns those steps (not s) in the order they are met.
func lostAfter(s *Step, next func(*Step) []*Step, covered map[*Step]bool) []*Step {
	covered[s] = true
	var out []*Step
	queue := []*Step{s}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		for _, t := range next(c) {
			if !covered[t] {
				covered[t] = true
				out = append(out, t)
				queue = append(queue, t)
			}
		}
	}
	return out
}

// lostTail names the steps after an unreached one, five at most.
func lostTail(after []*Step) string {
	if len(after) == 0 {
		return ""
	}
	if len(after) == 1 {
		return "; nor is the step it leads to: " + after[0].ID
	}
	names := make([]string, 0, 6)
	for i, t := range after {
		if i == 5 {
			names = append(names, "…")
			break
		}
		names = append(names, t.ID)
	}
	return fmt.Sprintf("; nor are the %d steps it leads to: %s", len(after), strings.Join(names, ", "))
}
