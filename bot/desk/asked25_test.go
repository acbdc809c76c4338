package desk

import (
	"testing"

	"github.com/carebot/carebot/bot"
)

// TestSummaryAskedIsTheRequest25: the card's "Asked" is what the person
// asked, the request that led to the hand-off (their first message that
// says something), and their latest message, when another, is shown
// apart. Before, "Asked" was their longest message, which in a long wait
// is the latest ("this is taking forever…"), and the request was lost
// among the last turns, or gone from them.
func TestSummaryAskedIsTheRequest25(t *testing.T) {
	t.Parallel()
	p := func(s string) bot.Turn { return bot.Turn{From: bot.SpeakerPerson, Text: s} }
	b := func(s string) bot.Turn { return bot.Turn{From: bot.SpeakerBot, Text: s} }
	for _, tc := range []struct {
		name          string
		turns         []bot.Turn
		asked, latest string
	}{
		{"en_rant_last", []bot.Turn{p("my parcel hasn't arrived"), b("What is your order number?"), p("AB-123456"), b("Thank you."),
			p("this is taking forever, I've been waiting two weeks and nobody tells me anything at all, I want a person now")},
			"my parcel hasn't arrived", "this is taking forever, I've been waiting two weeks and nobody tells me anything at all, I want a person now"},
		{"fr_rant_last", []bot.Turn{p("on m'a prélevé deux fois"), b("Quel est le numéro ?"), p("INV-2024-001"),
			p("ça fait trois semaines que j'attends une réponse et personne ne me répond, je veux parler à quelqu'un maintenant")},
			"on m'a prélevé deux fois", "ça fait trois semaines que j'attends une réponse et personne ne me répond, je veux parler à quelqu'un maintenant"},
		{"en_human_last", []bot.Turn{p("hi"), p("my account was hacked yesterday"), b("…"), p("human")}, "my account was hacked yesterday", "human"},
		{"one_message", []bot.Turn{p("I need to speak to someone about my refund")}, "I need to speak to someone about my refund", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := summarize(bot.Handoff{}, tc.turns)
			if s.Asked != tc.asked || s.Latest != tc.latest {
				t.Errorf("asked %q, latest %q; want %q, %q", s.Asked, s.Latest, tc.asked, tc.latest)
			}
		})
	}
}
