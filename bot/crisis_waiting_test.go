package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestCrisisWaitingNeverInvitesCancel: after a crisis, while the alerted
// person is on the way, what the person writes gets the alert's own words
// again ("They will write to you here"), never the ordinary waiting line,
// which ends "If you'd rather not wait, write "cancel"": an invitation to
// stand the team down, said to someone in danger. An ordinary request for a
// person keeps it.
func TestCrisisWaitingNeverInvitesCancel(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, lang, first, then string
		cancel                  bool
	}{
		{"crisis_en", "en", "I want to kill myself", "are you still there", false},
		{"crisis_fr", "fr", "je veux me tuer", "vous êtes toujours là ?", false},
		{"person_en", "en", "I want to talk to a human", "hello?", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			a := bot.Address{Platform: "test", Chat: tc.name, User: "u"}
			send := func(id, text string) []bot.Reply {
				rs, err := e.HandleMessage(t.Context(), bot.Message{ID: id, From: a, Text: text, Lang: tc.lang})
				if err != nil {
					t.Fatal(err)
				}
				return rs
			}
			send("1", tc.first)
			got := texts(send("2", tc.then))
			invites := strings.Contains(got, `"cancel"`) || strings.Contains(got, "« annuler »")
			if invites != tc.cancel {
				t.Errorf("after %q then %q, invitation to cancel %v, want %v:\n%s", tc.first, tc.then, invites, tc.cancel, got)
			}
			if got == "" {
				t.Errorf("after %q then %q, no answer: the person writes into silence", tc.first, tc.then)
			}
		})
	}
}
