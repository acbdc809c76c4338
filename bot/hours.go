package bot

import (
	"strings"

	"github.com/carebot/carebot/bot/flow"
)

// hoursPhrases ask when the team is there (folded words), in English and
// French: "when are you open?", "what are your opening hours", « vous
// ouvrez quand ? », « quels sont vos horaires ? ».
var hoursPhrases = []string{"opening hours", "open hours", "your hours", "business hours", "office hours",
	"working hours", "when are you open", "when do you open", "when do you close", "what time do you open",
	"what time do you close", "are you open", "are you closed", "when is your team", "when is the team",
	"horaires", "horaire", "heures d ouverture", "vous ouvrez", "ouvrez vous", "vous fermez", "fermez vous",
	"vous etes ouvert", "vous etes ouverts", "etes vous ouvert", "etes vous ouverts", "c est ouvert",
	"quand ouvrez", "quand etes vous"}

// hoursAsked reports a question of when the team is there. Before, with
// no hours configured, it got "Sorry, I didn't catch which one you meant"
// and the question again, as if nothing had been asked; « vous ouvrez
// quand ? » the same (fix25). A request for a person, a crisis, a hand-off
// under way and a set without hours_unknown are read as before.
func (t *turn) hoursAsked() bool {
	if t.m.Event != "" || t.an.Escalate || t.an.Signals.Crisis || t.s.Handoff != nil {
		return false
	}
	if _, ok := t.e.flows.Common.Messages[flow.MsgHoursUnknown]; !ok {
		return false
	}
	ws := t.words()
	return len(ws) <= 12 && (strings.ContainsAny(t.text, "?¿") || t.an.Contact || len(ws) <= 4) && phraseAt(ws, hoursPhrases) >= 0
}

// hours answers hoursAsked: the configured hours with the other contacts,
// or, with no hours configured, the truth (hours_unknown: no time
// invented) and what the person can do (the other contacts, or
// contact_none: the bot is there); then the question waiting.
func (t *turn) hours() {
	if t.e.varsFunc(t.lang, nil, nil)("contact_hours") == "" {
		t.say(flow.MsgHoursUnknown)
		t.contacts(true)
	} else {
		t.contacts(false)
	}
	t.repeatOrWelcome()
}
