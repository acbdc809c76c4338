package nlu

import "testing"

// TestSomeoneWhoSpeaksForAPurpose24: since 867d89f "someone who speaks"
// a language is a person asked for anywhere in a message, so a customer
// asking about a product for someone who speaks it ("does the product
// come with instructions for someone who speaks Spanish?", "I need a
// charger for someone who speaks only German") was heard asking for a
// person, and sent to the human flow. Someone who speaks a language after
// "for" / « pour » is who the thing is for, not who is asked to come;
// asked for ("looking for", "asked for"), they still are.
func TestSomeoneWhoSpeaksForAPurpose24(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "does the product come with instructions for someone who speaks Spanish?", false},
		{"en", "I need a charger for someone who speaks only German, which plug?", false},
		{"en", "is this game ok for somebody who speaks only English?", false},
		{"fr", "c'est un cadeau pour quelqu'un qui parle allemand, la notice est en allemand ?", false},
		// Asked for: still a person.
		{"en", "is there someone who speaks french? ma femme est française et elle veut s'expliquer", true},
		{"fr", "vous avez quelqu'un qui parle espagnol ?", true},
		{"en", "I'd like to talk to someone who speaks Spanish", true},
		{"en", "I'm looking for someone who speaks Spanish", true},
		{"en", "I already asked for someone who speaks French", true},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Escalate; got != tt.want {
			t.Errorf("%s %q: a person asked %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}
