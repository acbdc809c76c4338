package bot

import "testing"

// TestAnchored checks the look for an anchor word that every turn makes
// before reading language_words and wait_words: capitals and accented
// capitals are ignored, and a first byte alike is not enough.
func TestAnchored(t *testing.T) {
	t.Parallel()
	as := anchors(map[string][]string{"fr": {"parlez vous français", "Écrire en anglais"}, "en": {"hold on"}})
	tests := []struct {
		text string
		want bool
	}{
		{"PARLEZ-VOUS FRANÇAIS ?", true},
		{"vous parlez francais", true}, // an anchor only lets the phrases be read
		{"ÉCRIRE EN ANGLAIS", true},
		{"HOLD ON", true},
		{"hello there", false},
		{"fran", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := anchored(tt.text, as); got != tt.want {
			t.Errorf("anchored(%q, %q) = %v, want %v", tt.text, as, got, tt.want)
		}
	}
	// Phrases are read with accents, apostrophes and hyphens ignored
	// (flow.SynonymWords): so must their anchors be. A phrase written
	// only as « je vérifie », "i'll get it" or « laissez-moi chercher »
	// was never looked for in "je verifie", "I’ll get it" (a phone's
	// apostrophe) or « laissez moi chercher ».
	as = anchors(map[string][]string{"fr": {"je vérifie", "laissez-moi"}, "en": {"i'll get it"}})
	tests = []struct {
		text string
		want bool
	}{
		{"je verifie", true},
		{"JE VÉRIFIE", true},
		{"I’ll get it", true},
		{"laissez moi chercher", true},
		{"ok", false},
	}
	for _, tt := range tests {
		if got := anchored(tt.text, as); got != tt.want {
			t.Errorf("anchored(%q, %q) = %v, want %v", tt.text, as, got, tt.want)
		}
	}
}
