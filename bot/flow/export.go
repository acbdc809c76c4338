package flow

import (
	"io/fs"
	"slices"
)

// Suggest returns the candidate closest to word when it is close enough to
// be a likely typo, or "": the did-you-mean hint of flow errors, for other
// files that name flows, steps and slots (conversation tests).
func Suggest(word string, candidates []string) string { return suggest(word, candidates) }

// DidYouMean is Suggest's hint as flow errors give it, " (did you mean
// "x"?)", or "" when no candidate is close.
func DidYouMean(word string, candidates []string) string { return didYouMean(word, candidates) }

// LoadAll is Load for tools that show a flow set even when it has
// problems (flows graph draws what it can): it returns the set as far as it
// could be read, possibly with missing parts, and every problem found. The
// set is nil only when nothing could be read. Never run an engine on a set
// that came with problems.
func LoadAll(fsys fs.FS) (*Set, Errors) {
	l := &loader{fsys: fsys}
	set := l.load()
	if len(l.errs) > 0 {
		return set, l.sorted()
	}
	return set, nil
}

// FormatKeys returns the keys each part of a flow file may hold, by part:
// common, flow, triggers, step, choose, choice, ask, case, handoff, end. The
// JSON Schema of flow files is checked against them, so that it follows
// the parser.
func FormatKeys() map[string][]string {
	m := map[string][]string{
		"common": commonKeys, "flow": flowKeys, "triggers": triggerKeys, "step": stepKeys,
		"choose": chooseKeys, "choice": choiceKeys, "ask": askKeys, "case": caseKeys,
		"handoff": handoffKeys, "end": endKeys,
	}
	for k, v := range m {
		m[k] = slices.Clone(v)
	}
	return m
}
