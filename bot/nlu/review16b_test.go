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

// TestPastCrisisWithPillsStillAtHand: an overdose told as an event gone by
// with the pills said to be still at hand now ("I overdosed last year and
// I still have the pills", « j'ai fait une TS l'an dernier et j'ai
// toujours les médicaments ») is a crisis: the means is outside the event
// (crisisBack). crisis16's [event] made the first history, where the
// lexicon heard it before; [means] knew only pills "I kept" or "saved".
// The same pills in an errand stay calm.
func TestPastCrisisWithPillsStillAtHand(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "I overdosed last year and I still have the pills", true},
		{"en", "I took an overdose in 2019 and I've still got the tablets", true},
		{"fr", "j'ai fait une TS l'an dernier et j'ai toujours les médicaments", true},
		{"fr", "j'ai fait une TS l'an dernier, j'ai gardé les cachets", true},
		{"en", "after my overdose last year I switched plans", false},
		{"fr", "après ma TS il y a deux ans j'ai changé de forfait", false},
	} {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			if got := m.Analyze(tt.lang, tt.text).Signals.Crisis; got != tt.crisis {
				t.Errorf("Analyze(%q).Signals.Crisis = %v, want %v", tt.text, got, tt.crisis)
			}
		})
	}
}
