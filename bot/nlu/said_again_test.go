package nlu

import "testing"

// TestHavingToSayItAgain: the frustration of repeating oneself ("I already
// told you that", « je vous l'ai déjà dit ») is anger heard, in English and
// French; telling what one already did calmly ("I already said yes to the
// offer", « j'ai déjà demandé un remboursement ») is not. Every anger row
// failed before.
func TestHavingToSayItAgain(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		angry      bool
	}{
		{"en", "I already told you that", true},
		{"en", "I've told you three times already", true},
		{"en", "you already asked me that", true},
		{"en", "I keep repeating myself here", true},
		{"fr", "je vous l'ai déjà dit", true},
		{"fr", "je l'ai déjà dit trois fois", true},
		{"fr", "vous me l'avez déjà demandé", true},
		{"fr", "je me répète mais bon", true},

		{"en", "I already said yes to the offer", false},
		{"en", "I told you yesterday my parcel was late", false},
		{"fr", "j'ai déjà demandé un remboursement la semaine dernière", false},
		{"fr", "je vous ai écrit hier pour mon colis", false},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			s := m.Analyze(tt.lang, tt.text).Signals
			if s.Anger != tt.angry || s.Crisis {
				t.Errorf("Analyze(%q).Signals = %+v, want Anger %v and no crisis", tt.text, s, tt.angry)
			}
		})
	}
}
