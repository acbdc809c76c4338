package nlu

import "testing"

// TestWhatIsHardHeard: "this is hard" said as such, at the end of a
// message, as « c'est dur » already was in French: "thank you, this is
// hard" after a loss got only "You're welcome.". What is hard to do, find
// or open goes on with it and says nothing of the writer.
func TestWhatIsHardHeard(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		text string
		felt bool
	}{
		{"thank you, this is hard", true},
		{"this is so hard", true},
		{"honestly it's so hard right now with the kids", true},
		{"it's been so hard since she left", true},
		{"sorry, this is really hard", true},
		{"this is hard to find on your website", false},
		{"this is so hard to use, where is the tracking", false},
		{"the lid is so hard to open", false},
		{"is the case hard or soft?", false},
	} {
		t.Run(tt.text, func(t *testing.T) {
			t.Parallel()
			s := m.Analyze("en", tt.text).Signals
			if got := s.felt(); got != tt.felt {
				t.Errorf("feeling heard = %v, want %v (%+v)", got, tt.felt, s)
			}
		})
	}
}
