package nlu

import "testing"

// TestAskedIfABot: a question whether one talks to a bot is heard as such
// (AboutBot), in English and French, and asks for nobody by itself; a robot
// sold or broken, "I'm not a robot" and a bot said in passing are no such
// question. Every AboutBot row failed before (there was no AboutBot).
func TestAskedIfABot(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		about      bool
	}{
		{"en", "are you a bot?", true},
		{"en", "wait, is this a bot", true},
		{"en", "r u a bot lol", true},
		{"en", "are you human?", true},
		{"en", "are you a bot or a real person?", true},
		{"en", "is this automated?", true},
		{"fr", "est-ce que je parle à un robot ?", true},
		{"fr", "vous êtes un robot ?", true},
		{"fr", "t'es un bot ?", true},
		{"fr", "c'est un robot ou pas", true},

		{"en", "my robot vacuum stopped working", false},
		{"en", "I'm not a robot", false},
		{"en", "is this a bot problem with my order", false},
		{"en", "thanks, the chatbot on the website helped", false},
		{"fr", "mon robot aspirateur ne marche plus", false},
		{"fr", "c'est un robot aspirateur", false},
		{"fr", "je ne suis pas un robot", false},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			a := m.Analyze(tt.lang, tt.text)
			if a.AboutBot != tt.about {
				t.Errorf("Analyze(%q).AboutBot = %v, want %v", tt.text, a.AboutBot, tt.about)
			}
			if tt.about && a.Escalate {
				t.Errorf("Analyze(%q) asks for a person; the question alone asks for nobody", tt.text)
			}
		})
	}
}
