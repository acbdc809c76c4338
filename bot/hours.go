package bot

import (
	"slices"
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

// hoursPhraseWords are hoursPhrases split into words once, by their first
// word: split at every turn, they cost a turn about 2 µs (a fifth of it,
// in memory), and each tried at every word about 0.3 µs more.
var hoursPhraseWords = func() map[string][][]string {
	ps := map[string][][]string{}
	for _, p := range hoursPhrases {
		pw := strings.Fields(p)
		ps[pw[0]] = append(ps[pw[0]], pw)
	}
	return ps
}()

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
	ws, asked := t.words(), strings.ContainsAny(t.text, "?¿")
	if len(ws) > 12 || !(asked || t.an.Contact || len(ws) <= 4) || (!asked && t.storyWaited()) {
		return false
	}
	return teamHoursAt(ws)
}

// storyWaited reports a question waiting that takes the person's own
// words ("Tell me in your own words what's worrying you", "a person now,
// or tell me first?"): there "my working hours" or « mes horaires de nuit »
// is what worries them, not a question of ours, unless asked as one.
// Before, the worry was dropped for "I don't know our team's opening
// hours" and the question again (review25b).
func (t *turn) storyWaited() bool {
	st := t.waitingStep()
	return t.ownWords() || (st != nil && st.Choose != nil && st.Choose.FreeText != nil)
}

// teamHoursAt reports an hoursPhrases phrase in ws that asks for the
// team's hours: not someone else's ("my working hours", « mes horaires »),
// not something else's ("the opening hours of the pharmacy", « les
// horaires de la poste »), and not an opening or closing of a thing ("are
// you open to a partial refund?", "when do you close my ticket?", « vous
// ouvrez un dossier ? »). Each heard "I'm sorry, I don't know our team's
// opening hours" (review25b); "are you open on sunday?", « vous ouvrez le
// dimanche ? », « les horaires de votre équipe » still ask.
func teamHoursAt(ws []string) bool {
	for i, w := range ws {
		for _, pw := range hoursPhraseWords[w] {
			if i+len(pw) <= len(ws) && slices.Equal(ws[i:i+len(pw)], pw) && ourHours(ws, i, i+len(pw), pw) {
				return true
			}
		}
	}
	return false
}

// ourHours checks the words around the phrase pw found at ws[i:j].
func ourHours(ws []string, i, j int, pw []string) bool {
	if i > 0 && otherOwners[ws[i-1]] {
		return false
	}
	if j+1 < len(ws) && ws[j] == "d" && ws[j+1] == "ouverture" {
		j += 2 // « horaires d'ouverture »
	}
	if j >= len(ws) {
		return true
	}
	next, after := ws[j], ""
	if j+1 < len(ws) {
		after = ws[j+1]
	}
	if ofWords[next] {
		return teamWords[after] || (articles[after] && j+2 < len(ws) && teamWords[ws[j+2]])
	}
	if slices.ContainsFunc(pw, func(w string) bool { return openVerbs[w] }) && thingWords[next] {
		return articles[next] && timeWords[after] // « vous ouvrez le dimanche ? »
	}
	return true
}

var (
	// otherOwners own hours that are not the team's.
	otherOwners = wordSet(`my his her their mes mon ma ses son sa leurs leur`)
	// ofWords say whose hours: "of the pharmacy", « de la poste ».
	ofWords = wordSet(`of de du des d`)
	// teamWords are us: "of your team", « de votre équipe ».
	teamWords = wordSet(`your you team support service carebot vous votre vos equipe`)
	articles  = wordSet(`the le la les l`)
	// openVerbs open or close; followed by a thing (thingWords), they open
	// it rather than say when we are there.
	openVerbs  = wordSet(`open close closed ouvrez fermez ouvert ouverts`)
	thingWords = wordSet(`to my the a an this that it its your our un une mon ma mes ce cet cette votre vos des du l le la les`)
	// timeWords after "the", « le »: when, not what.
	timeWords = wordSet(`monday tuesday wednesday thursday friday saturday sunday weekend weekends morning evening ` +
		`lundi mardi mercredi jeudi vendredi samedi dimanche week matin soir midi`)
)

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
