package flow

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
)

// A person from the team is promised, offered or said to be reachable.
// The patterns read folded text (lower case, no accents: see Fold). They
// look for a person on the team's side ("a person from our team", "write
// human", "un·e collègue"), not for the words alone: "nobody from our
// team will ask for it" and « personne de notre équipe ne… » promise
// nobody.
var personPatterns = map[string]*regexp.Regexp{
	"en": regexp.MustCompile(`\b(a|the|one)( right)? person\b|\bsomeone from (our|the) team\b|\bcolleague|\bteam lead\b|\bhuman\b|\b(our|the)( [a-z]+)? team (will|can|may) (reply|write|help|check|look|call|phone|get|tell)`),
	"fr": regexp.MustCompile(`\bune personne\b|\bla bonne personne\b|\bla personne de (notre|l')|\bquelqu'un de notre equipe\b|\bcollegue|\bresponsable\b|« ?(conseiller|humain) ?»|\b(notre|l')\s?equipe( [a-z]{3,})? (peut|pourra|va|vous repondra|vous ecrira|vous aidera|vous dira)`),
}

// PromisesPerson reports whether s, a text in lang, speaks of a person
// from the team as someone who is there, will come or can be reached.
// Languages without patterns promise nothing as far as it can tell.
func PromisesPerson(lang, s string) bool {
	re, ok := personPatterns[lang]
	return ok && re.MatchString(Fold(s))
}

// HandoffMessages are the common.yaml messages said only while a person is
// coming or there (a hand-off is open), or that give the ways to reach one
// the operator configured, or that are said only when a person can come
// (satisfaction_low_person): they may speak of a person.
var HandoffMessages = []string{
	MsgSatisfactionLowPerson,
	MsgHandoffWaiting, MsgHandoffHowLong, MsgHandoffGoodbye, MsgHandoffEnded, MsgHandoffCancel, MsgHandoffClosed, MsgHandoffTimeout,
	MsgHandoffTeamCancelled, MsgHandoffTaken, MsgCrisisAlert, MsgCrisisWaiting, MsgCrisisTimeout, MsgCrisisClosed, MsgHandoffAgentLeft, MsgHandoffNotText,
	MsgHandoffAgentSilent, MsgHandoffAgentSilentRequeued, MsgHandoffAgentSilentEnded, MsgCrisisAgentSilent,
	MsgContactPhone, MsgContactEmail, MsgContactHours,
	// Said only when colleagues can come (the peer channel is served),
	// the urgent request to them open.
	MsgCrisisPeerAlert, MsgCrisisPeerWaiting, MsgCrisisPeerTimeout, MsgCrisisPeerJoined, MsgCrisisPeerUnposted,
}

// UnstaffedPromises finds every text of set that speaks of a person from
// the team and would be said when nobody can come: not a hand-off's own
// text (the engine says it only when someone can come), not on a step
// reached only when someone can come (an if_staffed case, a hand-off's
// on_timeout), not a call-back offer (made only when someone can call),
// and without an unstaffed variant. Button labels are not read: a button
// that leads to a person gets the honest answer when nobody can come. An
// unstaffed variant that still speaks of a person is reported too.
func UnstaffedPromises(set *Set) []*Error {
	var out []*Error
	langs := set.Common.Languages
	check := func(t Text, where string) {
		if t.IsZero() {
			return
		}
		if u := t.Unstaffed; u != nil {
			for _, lang := range slices.Sorted(maps.Keys(u.ByLang)) {
				if PromisesPerson(lang, u.ByLang[lang]) {
					out = append(out, &Error{Pos: t.Pos, Msg: fmt.Sprintf("the unstaffed variant of %s (%s) still speaks of a person from the team: it is said when nobody can come", where, lang)})
					return
				}
			}
			return
		}
		for _, lang := range langs {
			if PromisesPerson(lang, t.ByLang[lang]) || PromisesPerson(lang, t.Simple[lang]) {
				out = append(out, &Error{Pos: t.Pos, Msg: fmt.Sprintf("%s (%s) speaks of a person from the team, but is said even when nobody can come: give it an unstaffed variant, or reach it only through an if_staffed case", where, lang)})
				return
			}
		}
	}
	entries := followUpEntries(set)
	for _, id := range slices.Sorted(maps.Keys(set.Flows)) {
		f := set.Flows[id]
		reached := unconditionallyReached(f, entries[id])
		for _, st := range f.Steps {
			if !reached[st] {
				continue
			}
			stepTexts(f, st, check)
		}
	}
	for _, key := range slices.Sorted(maps.Keys(set.Common.Messages)) {
		if !slices.Contains(HandoffMessages, key) {
			check(set.Common.Messages[key], "the message "+key)
		}
	}
	for _, key := range []string{TextFallback, TextFlowRestarted} {
		if t, ok := set.Texts[key]; ok {
			check(t, "the text "+key)
		}
	}
	return out
}

// stepTexts calls check with every text step st of f says itself, and
// where it is: its messages, its question and re-prompt, its end text,
// its follow-up's texts. Not its hand-off's texts, said only once a
// person is coming (AssentPromises reads them too).
func stepTexts(f *Flow, st *Step, check func(t Text, where string)) {
	where := fmt.Sprintf("step %s.%s", f.ID, st.ID)
	for i, t := range st.Say {
		check(t, fmt.Sprintf("say %d of %s", i+1, where))
	}
	if st.Choose != nil {
		check(st.Choose.Text, "the question of "+where)
		for _, c := range st.Choose.Choices {
			if !c.Said.IsZero() {
				check(c.Said, fmt.Sprintf("the said text of choice %q of %s", c.ID, where))
			}
		}
	}
	if st.Ask != nil {
		check(st.Ask.Text, "the question of "+where)
		check(st.Ask.Invalid, "the re-prompt of "+where)
		if !st.Ask.Said.IsZero() {
			check(st.Ask.Said, "the said text of "+where)
		}
	}
	if st.End != nil {
		check(st.End.Text, "the end text of "+where)
	}
	if fu := st.FollowUp; fu != nil {
		for _, t := range []Text{fu.Consent.Text, fu.Consent.Agreed, fu.Consent.Declined, fu.CheckIn} {
			check(t, "the follow-up of "+where)
		}
		for _, a := range fu.Answers {
			check(a.Text, fmt.Sprintf("the check-in answer %q of %s", a.ID, where))
		}
	}
}

// followUpEntries are the steps check-in answers go back to, by flow.
func followUpEntries(set *Set) map[string][]string {
	out := map[string][]string{}
	for _, f := range set.Flows {
		for _, st := range f.Steps {
			if st.FollowUp == nil {
				continue
			}
			for _, a := range st.FollowUp.Answers {
				if a.Flow != "" && a.Step != "" {
					out[a.Flow] = append(out[a.Flow], a.Step)
				}
			}
		}
	}
	return out
}

// unconditionallyReached are the steps of f a conversation may reach
// whether or not anyone can come: from its first step and from entries,
// through every way on except an if_staffed case and a hand-off (which
// goes on, at its on_timeout, only once it was opened for someone).
func unconditionallyReached(f *Flow, entries []string) map[*Step]bool {
	seen := map[*Step]bool{}
	var queue []*Step
	add := func(id string) {
		if st := f.Step(id); st != nil && !seen[st] {
			seen[st] = true
			queue = append(queue, st)
		}
	}
	if len(f.Steps) > 0 {
		add(f.Steps[0].ID)
	}
	for _, id := range entries {
		add(id)
	}
	for len(queue) > 0 {
		st := queue[0]
		queue = queue[1:]
		if st.Kind == KindHandoff {
			continue
		}
		add(st.Next)
		if st.Choose != nil {
			for _, c := range st.Choose.Choices {
				add(c.Next)
			}
			if st.Choose.FreeText != nil {
				add(st.Choose.FreeText.Next)
			}
		}
		if st.Ask != nil {
			add(st.Ask.OnFail)
		}
		for _, c := range st.Branch {
			if c.Staffed == "" {
				add(c.Goto)
			}
		}
	}
	return seen
}
