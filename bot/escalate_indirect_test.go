package bot_test

import (
	"fmt"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestIndirectRequestInTheMiddleOfAFlow asks for a person indirectly, the
// way strangers write it (person14), at a free-text question of the order
// flow, in English and in French, and requires the human flow's hand-off:
// a person is one sentence away however it is phrased. Four of its seven
// requests were answered as the order flow's question before ("I can't
// read that number"; the other three reached a person only by the
// router's guess, which the detector now backs), and « c'est un robot ou une vraie personne ? » opened a
// hand-off; the look-alikes (a manager who told me to write, no call
// wanted, a question about the bot) keep the conversation in its flow.
func TestIndirectRequestInTheMiddleOfAFlow(t *testing.T) {
	t.Parallel()
	setup := map[string][]string{
		"en": {"my parcel hasn't arrived and I'm really worried", "2"},
		"fr": {"mon colis n'est pas arrivé et je suis très inquiète", "2"},
	}
	tests := []struct {
		lang, text string
		handoff    bool
	}{
		{"en", "would anybody be able to help me out with this", true},
		{"en", "honestly i'd like this to go to an actual person", true},
		{"en", "can we sort it out over the phone", true},
		{"en", "is there a helpline with real people", true},
		{"fr", "envoyez-moi quelqu'un qui peut agir", true},
		{"fr", "je voudrais que ça remonte à quelqu'un", true},
		{"fr", "jveux qq1 stp", true},
		{"en", "my manager told me to contact you about it", false},
		{"en", "no need to call me, just email me", false},
		{"fr", "c'est un robot ou une vraie personne ?", false},
		{"fr", "pas besoin de m'appeler, un mail suffit", false},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprintf("%s_%d", tt.lang, i), func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			a := bot.Address{Platform: "test", Chat: "c", User: fmt.Sprintf("indirect%d", i)}
			var last []bot.Reply
			for j, m := range setup[tt.lang] {
				last = say(t, e, a, fmt.Sprintf("s%d", j), m)
			}
			if hasHandoff(last) {
				t.Fatalf("setup opened a hand-off: %q", texts(last))
			}
			got := say(t, e, a, "ask", tt.text)
			if hasHandoffReason(got, "asked for a person") != tt.handoff {
				t.Errorf("%q in the order flow: got %q, want hand-off %v", tt.text, texts(got), tt.handoff)
			}
		})
	}
}
