package nlu

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestRouteWorryToldOfOneself checks a customer's worry or upset said of
// oneself, with no order, bill or account named: it reached no flow ("Sorry,
// I didn't catch that") and now goes to the worries flow, which listens
// first and offers a person anyway. A feeling word in a question of the
// world, a loss and a crisis keep the fallback's answer. 5 of the 10
// worried rows went to the fallback before understand19.
func TestRouteWorryToldOfOneself(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text, want string
	}{
		{"en", "I panic about these things, please tell me it's fine", "reassurance"},
		{"en", "I'm terrified I've made a huge mistake", "reassurance"},
		{"en", "my head is spinning with all of this, I'm so anxious", "reassurance"},
		{"en", "I'm dreading what happens next with all this", "reassurance"},
		{"en", "I'm shaking, I really don't know what to do now", "reassurance"},
		{"fr", "je panique pour ces choses-là, dites-moi que ça va aller", "reassurance"},
		{"fr", "je me fais un sang d'encre pour tout ça", "reassurance"},
		{"fr", "j'ai la trouille d'avoir fait une énorme bêtise", "reassurance"},
		{"fr", "je suis morte d'angoisse depuis hier avec cette histoire", "reassurance"},
		{"fr", "je stresse à mort, je sais plus quoi faire", "reassurance"},
		{"en", "tell me a scary story", ""},
		{"en", "how many people died in the big flood last year", ""},
		{"fr", "raconte-moi une histoire qui fait peur", ""},
	} {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			if got := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text).Flow; got != tt.want {
				t.Errorf("Flow = %q, want %q", got, tt.want)
			}
		})
	}
}
