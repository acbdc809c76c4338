package bot_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestAskingForAPersonAtEveryStep asks for a person at every kind of step
// a conversation can wait at (the menu, a choice or a free-text question
// of a flow, a satisfaction score, the fallback, a clarifying question,
// the human flow's own questions, while waiting for a person), in English
// and in French, and requires an answer that brings a person: the human
// flow's hand-off or, when one is already open, the line that says a
// person is coming. No step may swallow the request.
func TestAskingForAPersonAtEveryStep(t *testing.T) {
	t.Parallel()
	asks := map[string][]string{
		"en": {"can i speak with a real person please", "I'd rather talk to a person", "get someone to help me"},
		"fr": {"je veux parler à quelqu'un de chez vous", "un humain svp", "passez-moi un conseiller"},
	}
	// Where to bring the conversation before asking, per language.
	steps := []struct {
		name  string
		setup map[string][]string
		// waiting: a hand-off is already open; the answer is the waiting
		// line, said again even if it was said a moment ago.
		waiting bool
	}{
		{"menu", map[string][]string{"en": {"/start"}, "fr": {"/start"}}, false},
		{"choose_in_a_flow", map[string][]string{"en": {"I was charged twice for my order"}, "fr": {"on m'a débité deux fois pour ma commande"}}, false},
		{"ask_in_a_flow", map[string][]string{"en": {"my parcel hasn't arrived and I'm really worried", "2"}, "fr": {"mon colis n'est pas arrivé et je suis très inquiète", "2"}}, false},
		{"satisfaction", map[string][]string{"en": {"thanks, bye"}, "fr": {"merci, au revoir"}}, false},
		{"fallback", map[string][]string{"en": {"blorp zzkx"}, "fr": {"blorp zzkx"}}, false},
		{"fallback_twice", map[string][]string{"en": {"blorp zzkx", "qwfp arst"}, "fr": {"blorp zzkx", "qwfp arst"}}, false},
		{"waiting_for_a_person", map[string][]string{"en": {"human", "hello?"}, "fr": {"je veux un conseiller", "allô ?"}}, true},
		{"waiting_after_a_crisis", map[string][]string{"en": {"I want to kill myself"}, "fr": {"je veux mourir"}}, true},
	}
	for _, st := range steps {
		for lang, phrases := range asks {
			for i, ask := range phrases {
				t.Run(fmt.Sprintf("%s_%s_%d", st.name, lang, i), func(t *testing.T) {
					t.Parallel()
					e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
					a := bot.Address{Platform: "test", Chat: "c", User: st.name + lang + ask}
					var last []bot.Reply
					for j, m := range st.setup[lang] {
						last = say(t, e, a, fmt.Sprintf("s%d", j), m)
					}
					if st.waiting && !hasHandoff(last) && !strings.Contains(texts(last), waitingLine(lang)) {
						t.Fatalf("setup did not open a hand-off: %q", texts(last))
					}
					got := say(t, e, a, "ask", ask)
					want := waitingLine(lang)
					if st.name == "waiting_after_a_crisis" {
						// Someone is coming, in the crisis's own words
						// (crisis_waiting), with no invitation to cancel.
						want = crisisWaitingLine(lang)
					}
					switch {
					case st.waiting:
						if !strings.Contains(texts(got), want) {
							t.Errorf("%q while waiting for a person: got %q, want the line that says a person is coming", ask, texts(got))
						}
					case !hasHandoffReason(got, "asked for a person"):
						t.Errorf("%q at %s: got %q, want the hand-off to a person", ask, st.name, texts(got))
					}
				})
			}
		}
	}
}

func hasHandoff(rs []bot.Reply) bool {
	for _, r := range rs {
		if r.Handoff != nil {
			return true
		}
	}
	return false
}

func hasHandoffReason(rs []bot.Reply, reason string) bool {
	for _, r := range rs {
		if r.Handoff != nil && r.Handoff.Reason == reason {
			return true
		}
	}
	return false
}

// crisisWaitingLine is the part of the built-in crisis_waiting message
// that says the alerted person is coming.
func crisisWaitingLine(lang string) string {
	if lang == "fr" {
		return "Une personne de notre équipe a été prévenue et vous écrira ici"
	}
	return "A person from our team has been alerted and will write to you here"
}

// waitingLine is the start of the built-in handoff_waiting message.
func waitingLine(lang string) string {
	if lang == "fr" {
		return "Merci, j'ai transmis votre message"
	}
	return "Thank you, I've passed your message on"
}
