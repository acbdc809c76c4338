package nlu

import "testing"

// TestBotNoHelpAsksForAPerson20c: saying the bot is no help, in any words,
// reaches a person, as "this bot is useless" did: "you're not helping",
// "you're no help at all", "this chatbot is rubbish", « ce robot sert à
// rien », « le bot m'aide pas », « ce chatbot est nul », « tu sers à rien
// ». Before, they got the menu again or "I'm not sure I understood" (« tu
// sers à rien » the welcome), the frustration met by the same machine.
// A thing that is no help, or the bot praised, asks for nobody.
func TestBotNoHelpAsksForAPerson20c(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "you are not helping", true},
		{"en", "you're no help at all", true},
		{"en", "this chatbot is rubbish", true},
		{"en", "this bot is so pointless", true},
		{"en", "the robot is clueless", true},
		{"fr", "ce robot sert a rien", true},
		{"fr", "ce robot ne sert à rien", true},
		{"fr", "le bot m'aide pas", true},
		{"fr", "ce chatbot est nul", true},
		{"fr", "tu sers à rien", true},
		{"fr", "vous ne m'aidez pas du tout", true},
		// Look-alikes.
		{"en", "the manual is no help at all", false},
		{"en", "this bot is great, thanks", false},
		{"en", "the robot vacuum you sent is useless, it won't charge", false},
		{"fr", "la notice sert à rien", false},
		{"fr", "ce robot est super, merci", false},
		{"fr", "le robot aspirateur que vous m'avez envoyé est nul, il charge pas", false},
	} {
		t.Run(tt.lang+"_"+tt.text, func(t *testing.T) {
			t.Parallel()
			if got := m.AnalyzeFor("customer", tt.lang, tt.text).Escalate; got != tt.want {
				t.Errorf("%s %q: Escalate %v, want %v", tt.lang, tt.text, got, tt.want)
			}
		})
	}
}
