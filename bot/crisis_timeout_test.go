package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestCrisisWaitTimeoutNeverInvitesCancel: when nobody has taken a
// crisis's urgent ticket within the desk's wait (EventHandoffTimeout), the
// person in danger heard handoff_timeout, "I'm sorry: nobody from our team
// could join yet. … If you'd rather not wait, write "cancel"": the
// invitation to stand the team down that crisis_waiting keeps from them,
// and no emergency number. They now hear crisis_waiting, as for anything
// they write while the alerted person is on the way (the ticket stays
// open for agents). An ordinary request for a person keeps its flow's
// timeout.
func TestCrisisWaitTimeoutNeverInvitesCancel(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, lang, first string
		crisis            bool
	}{
		{"crisis_en", "en", "I want to kill myself", true},
		{"crisis_fr", "fr", "je veux me tuer", true},
		{"person_en", "en", "I want to talk to a human", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			a := bot.Address{Platform: "test", Chat: tc.name, User: "u"}
			if _, err := e.HandleMessage(t.Context(), bot.Message{ID: "1", From: a, Text: tc.first, Lang: tc.lang}); err != nil {
				t.Fatal(err)
			}
			rs, err := e.HandleMessage(t.Context(), bot.Message{From: a, Event: bot.EventHandoffTimeout, Lang: tc.lang})
			if err != nil {
				t.Fatal(err)
			}
			got := texts(rs)
			if got == "" {
				t.Fatalf("%q then the desk's wait ended: nothing said", tc.first)
			}
			if !tc.crisis {
				if !strings.Contains(got, "nobody from our team could join yet") {
					t.Errorf("%q then the desk's wait ended: %q; want the honest timeout line", tc.first, got)
				}
				return
			}
			if strings.Contains(got, `"cancel"`) || strings.Contains(got, "« annuler »") {
				t.Errorf("%q then the desk's wait ended: %q; want no invitation to cancel", tc.first, got)
			}
			if !strings.Contains(got, "112") {
				t.Errorf("%q then the desk's wait ended: %q; want the emergency number", tc.first, got)
			}
		})
	}
}
