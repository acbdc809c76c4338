package desk

import (
	"testing"

	"github.com/carebot/carebot/bot"
)

// TestSummaryAskedIsNoGreeting25b: a greeting of three words or more
// ("hello good morning", "hi how are you", « bonjour, vous allez bien ? »)
// is no request. Before (fix25's askedAndLatest, the first message of
// three words), the card read Asked: "hello good morning", and the
// request that led to the hand-off ("my parcel hasn't arrived") was
// nowhere on it but among the last turns; before fix25, the longest
// message, it was the request.
func TestSummaryAskedIsNoGreeting25b(t *testing.T) {
	t.Parallel()
	p := func(s string) bot.Turn { return bot.Turn{From: bot.SpeakerPerson, Text: s} }
	b := func(s string) bot.Turn { return bot.Turn{From: bot.SpeakerBot, Text: s} }
	for _, tc := range []struct {
		name          string
		turns         []bot.Turn
		asked, latest string
	}{
		{"en_hello_good_morning", []bot.Turn{p("hello good morning"), b("What can I help you with today?"), p("my parcel hasn't arrived"), p("human")},
			"my parcel hasn't arrived", "human"},
		{"en_hi_how_are_you", []bot.Turn{p("Hi, how are you?"), b("…"), p("I was charged twice"), p("a person please")},
			"I was charged twice", "a person please"},
		{"fr_bonjour_vous_allez_bien", []bot.Turn{p("bonjour, vous allez bien ?"), b("…"), p("on m'a prélevé deux fois"), p("humain")},
			"on m'a prélevé deux fois", "humain"},
		{"fr_bonjour_a_vous", []bot.Turn{p("Bonjour à vous"), p("mon colis n'est pas arrivé")},
			"mon colis n'est pas arrivé", ""},
		// A greeting with the request in it is the request.
		{"en_hello_with_request", []bot.Turn{p("hello, my parcel hasn't arrived"), p("human")}, "hello, my parcel hasn't arrived", "human"},
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
