package nlu

import "testing"

// TestLostInOtherWords: not following what carebot asks, said in other
// words than the [lost] entries held ("I don't understand what you are
// asking", « je comprends pas ce que vous demandez »). Before, they were
// read as any message: at "What happened?" the fallback's "I'm not sure I
// understood" answered one who had just said they did not understand.
// What carebot did ("what you charged me for") is no such thing.
func TestLostInOtherWords(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		lost       bool
	}{
		{"en", "I don't understand what you are asking", true},
		{"en", "I don't understand what you're asking me", true},
		{"en", "i dont get what you want", true},
		{"en", "I don't know what you want me to do", true},
		{"en", "not sure what you're looking for", true},
		{"en", "I don't know which one to pick", true},
		{"fr", "je comprends pas ce que vous demandez", true},
		{"fr", "je ne sais pas ce que vous voulez", true},
		{"fr", "je sais pas quoi choisir", true},
		{"en", "I don't understand what you charged me for", false},
		{"en", "I don't know what you did with my order", false},
		{"fr", "je ne comprends pas ce que vous avez facturé", false},
		// Which of the person's own things, not of carebot's choices
		// (review18b): a payment problem, not "let me put it more simply".
		{"en", "I don't know which one was charged", false},
		{"en", "i don't know which one of the two payments is right", false},
		{"en", "I don't understand which one got refunded", false},
		{"fr", "je sais pas lequel a été débité", false},
		{"fr", "je sais pas lequel des deux paiements est le bon", false},
		{"en", "I don't know which one", true},
		{"fr", "je sais pas lequel choisir", true},
	} {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			if got := m.Analyze(tt.lang, tt.text).Lost; got != tt.lost {
				t.Errorf("Lost = %v, want %v", got, tt.lost)
			}
		})
	}
}
