package bot

import (
	"slices"
	"strings"

	"github.com/carebot/carebot/bot/flow"
)

// A message may name two needs: "my lamp still hasn't shown up and you
// charged me twice", « j'arrive pas à me connecter et mon colis est pas
// arrivé ». The router hears both (nlu.Analysis.TwoNeeds), and the
// clarifying question asks which comes first. Before, the one not chosen
// was lost: when the payment was noted the bot said "write menu to see
// what I can do", the lamp never spoken of again. The other need now
// waits in Session.Also and starts when the chosen one is done, with the
// also_next message (optional) before it. A person who stops ("cancel",
// "menu"), says goodbye, asks for a person or is in danger is not taken
// to it.

// startNeed starts flow id, chosen at a clarifying question, and keeps
// the other need the question offered, if the message named two.
func (t *turn) startNeed(id string) {
	pair := strings.Fields(t.s.Also)
	t.s.Also = ""
	if len(pair) == 2 && slices.Contains(pair, id) {
		t.s.Also = pair[0]
		if pair[0] == id {
			t.s.Also = pair[1]
		}
	}
	t.startFlow(id)
}

// alsoNext starts the other need once the one chosen first is done: at an
// end step, or when nobody could come for its hand-off. It reports
// whether it did; the waiting need is let go either way.
func (t *turn) alsoNext() bool {
	id := t.s.Also
	t.s.Also = ""
	if id == "" || strings.Contains(id, " ") {
		return false
	}
	if f := t.e.flows.Flow(id); f == nil || len(f.Steps) == 0 {
		return false
	}
	if _, ok := t.e.flows.Common.Messages[flow.MsgAlsoNext]; ok {
		t.say(flow.MsgAlsoNext)
	}
	t.startFlow(id)
	return true
}

// saysBoth reports a message that answers "which one is it?" with both
// ("both please", "the two of them", « les deux », « tous les deux svp »),
// with little words of politeness around. Before, "both" was read as a
// message of its own, and the need it did not lead to was let go.
func saysBoth(text string) bool {
	var ws []string
	for _, w := range numberTokens(text) {
		if !bothPolite[w] {
			ws = append(ws, w)
		}
	}
	return bothPhrases[strings.Join(ws, " ")]
}

// bothPhrases say both, folded (see numberTokens); bothPolite may come
// with them, "please" in full in French too (« s'il vous plaît »).
var (
	bothPhrases = map[string]bool{
		"both": true, "both of them": true, "the two": true, "the two of them": true, "both of those": true,
		"les deux": true, "tous les deux": true, "toutes les deux": true, "les 2": true, "tous les 2": true, "toutes les 2": true,
	}
	bothPolite = map[string]bool{
		"please": true, "pls": true, "plz": true, "thanks": true, "thank": true, "you": true, "ok": true, "okay": true, "um": true, "er": true,
		"svp": true, "stp": true, "merci": true, "euh": true, "bah": true, "ben": true,
		"s": true, "il": true, "vous": true, "te": true, "plait": true,
	}
)

// bothWithPerson returns the button that reaches a person when "both" («
// les deux ») answers a question of two buttons, one of them a person:
// "Would you like to talk to a person now, or tell me first?" answered
// "both" got "Sorry, I didn't catch which one you meant" (fix25). The
// person can do the other too (hear the story, look at the order), so the
// hand-off serves both. A question of two buttons without a person, where
// both cannot be taken at once, is read as before.
func (t *turn) bothWithPerson(ch *flow.Choose) *flow.Choice {
	if len(ch.Choices) != 2 || !saysBoth(t.text) {
		return nil
	}
	a, b := ch.Choices[0], ch.Choices[1]
	if t.yesOrNoButton(a) || t.yesOrNoButton(b) {
		// "Shall I send your refund request now?", the consent to post
		// to the peer channel: "both" is no yes. It took the button of
		// a person and sent the request, posted the colleague'"'"'s call
		// for help (review25b).
		return nil
	}
	switch {
	case t.toPerson(a) && !t.toPerson(b):
		return a
	case t.toPerson(b) && !t.toPerson(a):
		return b
	}
	return nil
}

// yesOrNoButton reports a button labelled as an answer yes or no ("Yes,
// please", "Not now", « Oui, d'accord »): its question asks yes or no.
func (t *turn) yesOrNoButton(c *flow.Choice) bool {
	for _, l := range []string{c.Label.In(t.lang, t.e.defaultLang()), c.Label.SimpleIn(t.lang, t.e.defaultLang())} {
		if ws := words(l); opens(ws, t.e.yes) || opens(ws, t.e.no) {
			return true
		}
	}
	return false
}
