package nlu

import "testing"

// TestManyTabletsTaken: many tablets taken is an overdose (<many>, 10 or
// more): "j'ai pris 30 doliprane il y a une heure" was calm. Counts that
// are no tablets stay calm. (The learned signal still hears "I took 2
// paracetamol for my headache" as a crisis: calm rows for it cost a
// crisis elsewhere.)
func TestManyTabletsTaken(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "i took about 30 paracetamol an hour ago", true},
		{"en", "I've taken 40 sleeping tablets", true},
		{"en", "took like 25 of my mum's pills", true},
		{"fr", "j'ai pris 30 doliprane il y a une heure", true},
		{"fr", "j'ai avalé 20 somnifères", true},
		{"fr", "j'ai pris 2 doliprane pour mon mal de tête", false},
		{"en", "I took 30 minutes to find the tracking page", false},
		{"en", "it took 12 days to arrive", false},
		{"fr", "j'ai pris 10 jours de congé", false},
	} {
		if got := m.Analyze(tt.lang, tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("%s %q: crisis %v, want %v", tt.lang, tt.text, got, tt.crisis)
		}
	}
}
