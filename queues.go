package main

import (
	"cmp"
	"fmt"
	"log/slog"
	"maps"
	"path/filepath"
	"slices"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/config"
)

// queueProblems checks the flows' hand-off queues against the Slack
// desk's channels in cfg: a queue is known only to the configuration
// (slack.queue_channels), so flows validate cannot see a typo against it
// without one (the flows' own near-duplicates it sees: flow.checkQueues).
// A queue with no channel, and no slack.handoff_channel for the rest, is a
// hand-off nobody will ever take; one with no channel of its own but a
// name one typo from a configured queue goes to the default channel,
// never the team meant. Without slack.queue_channels, nothing is checked:
// every queue goes to the one channel, or nobody comes at all.
func queueProblems(cfg config.Config, set *flow.Set) flow.Errors {
	chans := cfg.Slack.QueueChannels
	if len(chans) == 0 || set == nil {
		return nil
	}
	known := slices.Sorted(maps.Keys(chans))
	var errs flow.Errors
	places := map[string]int{}
	for _, u := range set.Queues {
		places[u.Name]++
	}
	told := map[string]bool{}
	for _, u := range set.Queues {
		if _, ok := chans[u.Name]; ok || u.Name == cfg.Slack.PeerQueue || told[u.Name] {
			continue
		}
		// Told once, at its first place: the fix is in the
		// configuration, or in every place at once.
		told[u.Name] = true
		hint := ""
		if i := slices.IndexFunc(known, func(k string) bool { return flow.OneTypoApart(u.Name, k) }); i >= 0 {
			// One typo only: "legal" beside "lead", "billing2" beside
			// "billing" go to the default channel on purpose, and were
			// told as typos (review25b).
			hint = fmt.Sprintf(" (did you mean %q?)", known[i])
		}
		msg := ""
		switch {
		case cfg.Slack.HandoffChannel == "":
			msg = u.What + " " + quote(u.Name) + " has no channel in slack.queue_channels, and there is no slack.handoff_channel: nobody can ever take these hand-offs (the person is told nobody can come)" + hint
		case hint != "":
			msg = u.What + " " + quote(u.Name) + " has no channel of its own in slack.queue_channels, so its hand-offs go to slack.handoff_channel" + hint
		default:
			continue
		}
		if n := places[u.Name] - 1; n > 0 {
			msg += fmt.Sprintf("; %q is named in %d other places too", u.Name, n)
		}
		if u.Where != "" {
			msg = u.Where + ": " + msg
		}
		errs = append(errs, &flow.Error{Pos: u.Pos, Msg: msg})
	}
	return errs
}

// quote writes a queue name as the flow checks do.
func quote(s string) string { return `"` + s + `"` }

// queueProblemsIn is queueProblems with each file named as the folder's
// (the built-in flows as flows/…), as flows validate prints problems.
func queueProblemsIn(cfg config.Config, set *flow.Set) flow.Errors {
	errs := queueProblems(cfg, set)
	dir := cmp.Or(cfg.FlowsDir, "flows")
	for _, e := range errs {
		e.Pos.File = filepath.Join(dir, e.Pos.File)
	}
	return errs
}

// warnQueues logs, at start, each queue problem of the flows against the
// configuration (queueProblems): serve runs, and the operator sees which
// hand-offs reach nobody, or the wrong team.
func warnQueues(log *slog.Logger, cfg config.Config, set *flow.Set) {
	for _, e := range queueProblemsIn(cfg, set) {
		log.Warn("hand-off queue without its channel", "problem", e.Error())
	}
}
