package bot_test

import (
	"fmt"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestLearnedRequestInTheMiddleOfAFlow: a request for a person in words
// the person lexicon has no entry for, said at a free-text question of
// the order flow, brings the human flow's hand-off in English and in
// French: the learned person signal hears it (bot/nlu/personml.go). Every
// request failed before it (the flow's question was answered instead);
// the look-alikes keep the conversation in its flow.
func TestLearnedRequestInTheMiddleOfAFlow(t *testing.T) {
	t.Parallel()
	setup := map[string][]string{
		"en": {"my parcel hasn't arrived and I'm really worried", "2"},
		"fr": {"mon colis n'est pas arrivé et je suis très inquiète", "2"},
	}
	tests := []struct {
		lang, text string
		handoff    bool
	}{
		{"en", "i'd like a member of your team to take a look, please", true},
		{"en", "i'd like to go over this with an actual member of your team", true},
		{"en", "could your support team get in touch with me directly", true},
		{"fr", "vos conseillers peuvent-ils me téléphoner demain matin", true},
		{"fr", "est-ce qu'un de vos agents peut s'occuper de mon dossier maintenant", true},
		{"fr", "un de vos techniciens pourrait-il me rappeler pour la box", true},
		{"en", "my flatmate ordered it on my account", false},
		{"en", "are you a real person or a bot?", false},
		{"fr", "c'est ma coloc qui a commandé sur mon compte", false},
		{"fr", "vous êtes une vraie personne ou un robot ?", false},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprintf("%s_%d", tt.lang, i), func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			a := bot.Address{Platform: "test", Chat: "c", User: fmt.Sprintf("learned%d", i)}
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
