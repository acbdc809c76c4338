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
// and no emergency number. They now hear crisis_timeout: nobody could
// join yet, the request stays open as urgent (the ticket stays open for
// agents), and the emergency number. An ordinary request for a person
// keeps its flow's timeout.
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
			got := afterDeskEvent(t, tc.name, tc.lang, tc.first, bot.EventHandoffTimeout)
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
			// Nobody took it yet: said as it is, not "they will write to
			// you here" (crisis_waiting's promise, said before).
			if nobody := map[string]string{"en": "nobody from our team has been able to join yet", "fr": "personne de notre équipe n'a encore pu vous rejoindre"}[tc.lang]; !strings.Contains(got, nobody) {
				t.Errorf("%q then the desk's wait ended: %q; want %q", tc.first, got, nobody)
			}
			if strings.Contains(got, "will write to you here") || strings.Contains(got, "vous écrira ici") {
				t.Errorf("%q then the desk's wait ended: %q; want no promise that someone will write", tc.first, got)
			}
		})
	}
}

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
			got := afterDeskEvent(t, tc.name, tc.lang, tc.first, bot.EventHandoffTeamCancelled)
			if !strings.Contains(got, tc.nobody) {
				t.Errorf("after %q, the team's cancellation says %q, want it to say %q", tc.first, got, tc.nobody)
			}
			if safety := strings.Contains(got, "112"); safety != tc.safety {
				t.Errorf("after %q, the team's cancellation gives the emergency number %v, want %v:\n%s", tc.first, safety, tc.safety, got)
			}
		})
	}
}

// afterDeskEvent plays first in a conversation of its own on an engine
// with a desk, then the desk's event, and returns what the person is told.
func afterDeskEvent(t *testing.T, chat, lang, first string, ev bot.Event) string {
	t.Helper()
	e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
	a := bot.Address{Platform: "test", Chat: chat, User: "u"}
	if _, err := e.HandleMessage(t.Context(), bot.Message{ID: "1", From: a, Text: first, Lang: lang}); err != nil {
		t.Fatal(err)
	}
	rs, err := e.HandleMessage(t.Context(), bot.Message{ID: "2", From: a, Event: ev, Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	return texts(rs)
}

// TestCrisisAfterTheTimeoutPromisesNobody22: once the desk's wait ended
// with nobody taking a crisis's urgent request (crisis_timeout: "nobody
// from our team has been able to join yet"), what the person writes next
// heard crisis_waiting, "A person from our team has been alerted and will
// write to you here" (« … vous écrira ici »): the promise the timeout had
// just shown nobody kept (review22). They now hear crisis_alert_unstaffed,
// "I have alerted our team, but they may not be able to answer you right
// now", with the emergency number: an answer, never silence ("please help
// me" got none when crisis_timeout itself was said again, the line just
// said). Before the timeout, crisis_waiting as before.
func TestCrisisAfterTheTimeoutPromisesNobody22(t *testing.T) {
	t.Parallel()
	const (
		mayNot   = "they may not be able to answer you right now"
		peutEtre = "elle ne pourra peut-être pas vous répondre en ce moment"
		promise  = "will write to you here"
	)
	for _, tc := range []struct {
		name, lang, first, next, want, not string
		timeout                            bool
	}{
		{"en", "en", "I want to kill myself", "hello? is anyone there?", mayNot, promise, true},
		{"en_help", "en", "I want to kill myself", "please help me", mayNot, promise, true},
		{"fr", "fr", "je veux me tuer", "il y a quelqu'un ?", peutEtre, "vous écrira ici", true},
		{"fr_peur", "fr", "je veux me tuer", "j'ai peur", peutEtre, "vous écrira ici", true},
		{"en_before", "en", "I want to kill myself", "please help me", promise, mayNot, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			a := bot.Address{Platform: "test", Chat: tc.name, User: "u"}
			msgs := []bot.Message{{ID: "1", From: a, Text: tc.first, Lang: tc.lang}}
			if tc.timeout {
				msgs = append(msgs, bot.Message{ID: "2", From: a, Event: bot.EventHandoffTimeout, Lang: tc.lang})
			}
			msgs = append(msgs, bot.Message{ID: "3", From: a, Text: tc.next, Lang: tc.lang})
			var got string
			for _, m := range msgs {
				rs, err := e.HandleMessage(t.Context(), m)
				if err != nil {
					t.Fatal(err)
				}
				got = texts(rs)
			}
			if !strings.Contains(got, tc.want) || strings.Contains(got, tc.not) || !strings.Contains(got, "112") {
				t.Errorf("%q, then %q: %q; want %q and the emergency number, not %q", tc.first, tc.next, got, tc.want, tc.not)
			}
		})
	}
}
