package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestCrisisCancelledByTheTeamKeepsTheSafetyMessage: when the team closes
// a crisis's urgent request without taking it (a desk lead cancelled it),
// the person hears that nobody will reply, and, since nobody is coming,
// the safety message with its emergency numbers again: before, they heard
// only "nobody will reply to it here. If you still need a person, write
// "human"", a person in danger left with no number (review20). An
// ordinary request cancelled gets the honest line alone.
func TestCrisisCancelledByTheTeamKeepsTheSafetyMessage(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, lang, first, nobody string
		safety                    bool
	}{
		{"crisis_en", "en", "I want to kill myself", "nobody will reply", true},
		{"crisis_fr", "fr", "je veux me tuer", "personne n'y répondra", true},
		{"person_en", "en", "I want to talk to a human", "nobody will reply", false},
		{"person_fr", "fr", "je veux parler à un conseiller", "personne n'y répondra", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			a := bot.Address{Platform: "test", Chat: tc.name, User: "u"}
			if _, err := e.HandleMessage(t.Context(), bot.Message{ID: "1", From: a, Text: tc.first, Lang: tc.lang}); err != nil {
				t.Fatal(err)
			}
			rs, err := e.HandleMessage(t.Context(), bot.Message{ID: "2", From: a, Event: bot.EventHandoffTeamCancelled, Lang: tc.lang})
			if err != nil {
				t.Fatal(err)
			}
			got := texts(rs)
			if !strings.Contains(got, tc.nobody) {
				t.Errorf("after %q, the team's cancellation says %q, want it to say %q", tc.first, got, tc.nobody)
			}
			if safety := strings.Contains(got, "112"); safety != tc.safety {
				t.Errorf("after %q, the team's cancellation gives the emergency number %v, want %v:\n%s", tc.first, safety, tc.safety, got)
			}
		})
	}
}
