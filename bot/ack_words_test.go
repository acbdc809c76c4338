package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot/memstore"
)

// TestSadnessIsNotCalledStress: distress is sadness, hurt and exhaustion
// as much as stress, and its acknowledgement named one of them in
// English: "I'm sad", "i feel so down today", "I'm heartbroken" heard
// "That sounds really stressful" (review21), where the French « Cela a
// l'air vraiment éprouvant » fits them all. The English now says what the
// French says: "That sounds really hard".
func TestSadnessIsNotCalledStress(t *testing.T) {
	t.Parallel()
	const (
		hard      = "That sounds really hard"
		stressful = "stressful"
	)
	tests := []talk{
		{name: "en_sad", turns: []string{"I'm sad"}, want: []string{hard}, not: []string{stressful}},
		{name: "en_down", turns: []string{"i feel so down today"}, want: []string{hard}, not: []string{stressful}},
		{name: "en_exhausted", turns: []string{"I'm exhausted and I can't cope with this order mess"}, not: []string{stressful}},
		{name: "fr_triste", turns: []string{"je suis triste"}, want: []string{"Cela a l'air vraiment éprouvant"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			holds(t, tt.turns, shown(play(t, e, tt.name, tt.turns)), tt.want, tt.not)
		})
	}
}
