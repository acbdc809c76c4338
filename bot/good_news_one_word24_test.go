package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestOneWordIsNoGoodNews24: since e9eef73 a first message made only of
// resolved_words is heard as good news, and a lone word is one too: «
// remboursé » and « réglé », typed as a keyword by someone who wants a
// refund or has a bill to settle, and "refunded", heard "Tant mieux, je
// suis ravi que ce soit réglé" / "That's good news, I'm glad it's
// sorted" and nothing else, where before they reached the flow of what
// they asked about. A lone word at the start is a need named, as it was
// before; good news said in a sentence ("it arrived", « il est arrivé »,
// "found it") is still heard. The language is the channel's (as the
// web chat and Slack give it).
func TestOneWordIsNoGoodNews24(t *testing.T) {
	t.Parallel()
	const (
		good   = "That's good news, I'm glad it's sorted."
		goodFR = "Tant mieux, je suis ravi que ce soit réglé."
	)
	for _, tt := range []struct {
		name, text string
		want, not  []string
	}{
		{name: "fr_rembourse", text: "remboursé", not: []string{goodFR}},
		{name: "fr_regle", text: "réglé", not: []string{goodFR}},
		{name: "en_refunded", text: "refunded", not: []string{good}},
		// Said in a sentence: good news.
		{name: "en_it_arrived", text: "it arrived", want: []string{good}},
		{name: "en_found_it", text: "found it", want: []string{good}},
		{name: "fr_il_est_arrive", text: "il est arrivé", want: []string{goodFR}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			lang, _, _ := strings.Cut(tt.name, "_")
			rs, err := e.HandleMessage(t.Context(), bot.Message{ID: tt.name, From: bot.Address{Platform: "web", Chat: tt.name, User: "u"}, Text: tt.text, Lang: lang})
			if err != nil {
				t.Fatal(err)
			}
			holds(t, []string{tt.text}, shown(rs), tt.want, tt.not)
		})
	}
}
