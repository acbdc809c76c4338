package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/memstore"
)

// TestOkayIsNotMisunderstood plays "ok" after the bot said what it could
// not do ("nobody from our team can join… write menu"): it got "I'm sorry,
// I'm not sure I understood", as if the person had asked something
// strange. A whole message that only takes note (common.yaml's okay_words)
// now gets the menu question, and nothing of a misunderstanding. With a
// request it is read as before.
func TestOkayIsNotMisunderstood(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		turns []string
		want  string // in the last turn's texts
		not   string
	}{
		{"en_ok_after_nobody", []string{"I want to speak to a human", "ok"}, "What can I help you with today?", "not sure I understood"},
		{"en_alright", []string{"I want to speak to a human", "alright"}, "What can I help you with today?", "not sure I understood"},
		{"en_ok_at_the_survey", []string{"/order", "I don't have it", "ok"}, "What can I help you with today?", "not sure I understood"},
		{"fr_d_accord", []string{"je veux parler à un conseiller", "d'accord."}, "Que puis-je faire pour vous aujourd'hui ?", "pas sûr d'avoir compris"},
		{"fr_ah_bon", []string{"je veux parler à un conseiller", "ah bon"}, "Que puis-je faire pour vous aujourd'hui ?", "pas sûr d'avoir compris"},
		// Read as before.
		{"en_ok_with_a_request", []string{"I want to speak to a human", "ok, my parcel is late"}, "order", "What can I help you with today?"},
		// At a question asking for a number, "ok" is one who goes to look
		// for it (see TestWaitWhileThePersonLooks).
		{"en_ok_at_a_question", []string{"my parcel is late", "ok"}, "Take your time", "What can I help you with today?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			got := texts(play(t, e, tt.name, tt.turns))
			if !strings.Contains(got, tt.want) || strings.Contains(got, tt.not) {
				t.Errorf("%q: want %q and no %q in:\n%s", tt.turns, tt.want, tt.not, got)
			}
		})
	}
}
