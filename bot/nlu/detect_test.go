package nlu

import (
	"testing"
)

// TestCorpora requires every positive of the project's person and crisis
// corpora (testdata/*.tsv) to be caught and no hard negative flagged, in
// every language and category.
func TestCorpora(t *testing.T) {
	t.Parallel()
	reps, err := evalCorpora(builtinM(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) == 0 {
		t.Fatal("no corpus found")
	}
	for _, r := range reps {
		t.Run(r.Detector+"_"+r.Lang+"_"+r.Category, func(t *testing.T) {
			if r.Positives == 0 {
				t.Errorf("no positives")
			}
			for _, m := range r.Misses {
				t.Error(m)
			}
		})
	}
}

// TestDistressV3 checks what distress v3 adds: weak cues said with force,
// negations that stop at a boundary, distress strong enough to be heard
// whatever the router chooses, and the senior said in passing.
func TestDistressV3(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		distress   bool // any of Distress, Anger, Anxiety
		vulnerable []string
	}{
		{"en", "I can't cope anymore", true, nil},
		{"fr", "je n'en peux plus", true, nil},
		{"en", "I'm 82 and I don't understand computers", false, []string{"senior"}},
		{"en", "I really miss him", true, nil},
		{"en", "this is so bad", true, nil},
		{"en", "I can't imagine how scary that was for you", true, nil},
		{"en", "I've never been this sad in my life", true, nil},
		{"en", "I feel so bad for her", true, nil},
		{"en", "that is incredibly disheartening", true, nil},
		{"en", "please stop harassing me", true, nil},
		{"en", "I'm not sad at all", false, nil},
		{"en", "I'm not scared", false, nil},
		{"en", "I'm a bit tired", false, nil},
		{"en", "it's not bad", false, nil},
		{"en", "mad respect for the driver", false, nil},
		{"en", "Can I resent my passcode?", false, nil},
		{"fr", "je suis vraiment fatiguée et découragée", true, nil},
		{"fr", "je ne suis pas triste", false, nil},
		{"fr", "ça me saoule, c'est n'importe quoi", true, nil},
		{"fr", "je flippe pour mon colis", true, nil},
		{"fr", "je ne vais pas bien", true, nil},
		{"fr", "je n'ai jamais été aussi triste", true, nil},
		{"fr", "je ne suis pas inquiète", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			s := m.Analyze(tt.lang, tt.text).Signals
			if got := s.Distress || s.Anger || s.Anxiety; got != tt.distress {
				t.Errorf("distress %v, want %v (%+v)", got, tt.distress, s)
			}
			if s.Crisis {
				t.Errorf("crisis on %q", tt.text)
			}
			if len(tt.vulnerable) > 0 && (len(s.Vulnerable) != 1 || s.Vulnerable[0] != tt.vulnerable[0]) {
				t.Errorf("vulnerable %v, want %v", s.Vulnerable, tt.vulnerable)
			}
		})
	}
}

// BenchmarkSignals measures the care signals and the person detector alone
// (every lexicon, every language), on real messages.
func BenchmarkSignals(b *testing.B) {
	m := New(builtin(b))
	msgs := benchMessages(b)
	s := m.pool.Get().(*scratch)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		r := msgs[i%len(msgs)]
		normalize(&s.d, r.text)
		m.signals(s, r.lang, r.lang)
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msg/s")
}
