package nlu

import "testing"

// TestCloseOnesFearSharedByTheWriter: a close person's fear with the writer
// said to share it after the feeling ("my son is terrified and so am I",
// « mon fils est terrifié et moi aussi ») is the writer's fear too. The
// [others] scope (feel16) heard the writer only between them or right
// after the feeling word, so it halved these to nothing; a pet's fear and
// a close one's fear alone stay as feel16 has them.
func TestCloseOnesFearSharedByTheWriter(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		felt       bool
	}{
		{"en", "my son is terrified and so am I", true},
		{"en", "my wife is scared and I am too", true},
		{"en", "my husband is worried sick and so am i, the bailiffs came", true},
		{"fr", "mon fils est terrifié et moi aussi", true},
		{"fr", "ma fille a peur et moi aussi", true},
		{"fr", "mon mari est inquiet et moi aussi", true},
		{"en", "my cat is scared of the hoover, is the new model quieter?", false},
		{"fr", "mon chien a eu peur du livreur, rien de grave", false},
	} {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			s := m.Analyze(tt.lang, tt.text).Signals
			if got := s.felt() || s.Lonely || s.Grief; got != tt.felt || s.Crisis {
				t.Errorf("Analyze(%q).Signals = %+v, want a feeling %v and no crisis", tt.text, s, tt.felt)
			}
		})
	}
}
