package nlu

import "testing"

// TestFeltWhenItCame22: a feeling felt when the thing came is what its
// coming did, not a feeling it settled: "I was furious when the parcel
// came, it was smashed", "I was so angry when the refund came, it was
// only half", « j'étais furieuse quand le colis est arrivé, il était
// écrasé ». Since feel20's "@waited20 came" (2873b6d), and for "arrived"
// and « est arrivé » since feel17, the coming read as settling and no
// feeling was heard (review22). "…but the refund came" still settles.
func TestFeltWhenItCame22(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		felt       bool
	}{
		{"en", "I was furious when the parcel came, it was smashed", true},
		{"en", "I was so angry when the refund came, it was only half", true},
		{"en", "I was devastated when the order came, it was the wrong one", true},
		{"en", "I was really scared when the parcel arrived, someone had opened it", true},
		{"fr", "j'étais furieuse quand le colis est arrivé, il était écrasé", true},
		{"fr", "j'étais dévastée lorsque la commande est arrivée, ce n'était pas la bonne", true},
		// Settled, as feel17 and feel20 read them.
		{"en", "I was so frustrated last week but the refund came", false},
		{"en", "I was worried but it arrived, thanks", false},
		{"fr", "j'étais inquiète mais le colis est arrivé, merci", false},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			s := m.Analyze(tt.lang, tt.text).Signals
			if got := s.Anxiety || s.Distress || s.Anger; got != tt.felt || s.Crisis {
				t.Errorf("Analyze(%q).Signals = %+v, want a feeling %v and no crisis", tt.text, s, tt.felt)
			}
		})
	}
}
