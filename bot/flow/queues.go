package flow

import (
	"maps"
	"slices"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// QueueUse is one place in the flows that names a hand-off queue: a
// handoff's queue, an if_staffed, an unstaffed line's queue, crisis_queue.
type QueueUse struct {
	Pos   Pos
	Where string // the step, for messages ("" in common.yaml)
	What  string // "handoff queue", "if_staffed queue"…
	Name  string
}

// queueUse records a place that names queue name, for checkQueues and
// for Set.Queues.
func (l *loader) queueUse(n *yaml.Node, where, what, name string) {
	if name == "" {
		return
	}
	l.queues = append(l.queues, QueueUse{Pos: l.pos(n), Where: where, What: what, Name: name})
}

// checkQueues reports a queue named in one place only that is one typo
// away from a queue named more often ("biling" beside "billing"): its
// hand-offs would reach no team, or the default channel's, never the one
// meant, and flows validate said nothing. A queue named once and like no
// other is a team of its own (its channel is the configuration's
// business: see QueueProblems).
func (l *loader) checkQueues(set *Set) {
	count := map[string]int{}
	for _, u := range l.queues {
		count[u.Name]++
	}
	names := slices.Sorted(maps.Keys(count))
	for _, u := range l.queues {
		if count[u.Name] > 1 {
			continue
		}
		for _, n := range names {
			if count[n] > count[u.Name] && OneTypoApart(u.Name, n) {
				l.errAt(u.Pos, u.Where, "%s %q is named nowhere else (did you mean %q?): a hand-off there never reaches the team of the name meant", u.What, u.Name, n)
				break
			}
		}
	}
	set.Queues = slices.Clone(l.queues)
}

// OneTypoApart reports queue names one edit apart (a letter missed, added,
// changed or two swapped: "biling", "generl"), not apart by a digit only:
// "billing2" beside "billing", "tier2" beside "tier1" are numbered teams.
// Before, the looser did-you-mean of names (two edits from five letters)
// refused "legal" beside "lead" and the numbered teams as typos, so a
// folder that ran the day before no longer loaded (review25b).
func OneTypoApart(a, b string) bool {
	if a == b {
		return false
	}
	a, b = strings.ToLower(a), strings.ToLower(b)
	if a == b {
		return true // "Billing" beside "billing"
	}
	if strings.TrimFunc(a, unicode.IsDigit) == strings.TrimFunc(b, unicode.IsDigit) {
		return false
	}
	return distance([]rune(a), []rune(b)) <= 1
}
