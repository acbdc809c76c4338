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
		crisis     bool // danger to life said with the request: the crisis hand-off comes first
	}{
		{"en", "i'd like a member of your team to take a look, please", true, false},
		{"en", "i'd like to go over this with an actual member of your team", true, false},
		{"en", "could your support team get in touch with me directly", true, false},
		{"fr", "vos conseillers peuvent-ils me téléphoner demain matin", true, false},
		{"fr", "est-ce qu'un de vos agents peut s'occuper de mon dossier maintenant", true, false},
		{"fr", "un de vos techniciens pourrait-il me rappeler pour la box", true, false},
		{"en", "my flatmate ordered it on my account", false, false},
		{"en", "are you a real person or a bot?", false, false},
		{"fr", "c'est ma coloc qui a commandé sur mon compte", false, false},
		{"fr", "vous êtes une vraie personne ou un robot ?", false, false},
		{"en", "i have taken all my pills and i want one of your team to know, goodbye", false, true},
		{"fr", "j'ai avalé toutes mes pilules, je veux qu'un employé de chez vous le sache, adieu", false, true},
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
			if hasHandoffReason(got, "asked for a person") != tt.handoff || hasHandoffReason(got, "crisis") != tt.crisis {
				t.Errorf("%q in the order flow: got %q, want a person's hand-off %v, the crisis's %v", tt.text, texts(got), tt.handoff, tt.crisis)
			}
		})
	}
}
