package nlu

import "testing"

// TestHoursAreAContactQuestion: the team's hours asked of the team ("what
// are your opening hours", « vous êtes ouverts quand ») are a contact
// question, answered with the configured hours (Contact), not "Sorry, I
// didn't catch which one you meant"; a place's hours stay out of scope,
// and nobody is asked for. Every contact row failed before.
func TestHoursAreAContactQuestion(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		contact    bool
	}{
		{"en", "what are your opening hours", true},
		{"en", "when are you open?", true},
		{"en", "what time do you close on saturday", true},
		{"en", "are you open on sunday", true},
		{"en", "hi, what are your office hours please", true},
		{"fr", "quels sont vos horaires ?", true},
		{"fr", "vous êtes ouverts quand", true},
		{"fr", "à quelle heure vous fermez le samedi", true},
		{"fr", "quand peut-on vous joindre ?", true},

		{"en", "what are the pool's opening hours", false},
		{"en", "the shop was closed when I went", false},
		{"fr", "quels sont les horaires de la piscine", false},
		{"fr", "la poste ferme à quelle heure", false},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			a := m.Analyze(tt.lang, tt.text)
			if a.Contact != tt.contact || a.Escalate {
				t.Errorf("Analyze(%q): Contact %v, Escalate %v; want Contact %v and nobody asked for", tt.text, a.Contact, a.Escalate, tt.contact)
			}
		})
	}
}
