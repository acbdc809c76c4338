package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestAgentSilent25: an agent who took a conversation and went silent left
// the person writing into a thread nobody read, for ever: the engine had
// no word for it. The desk now tells the engine (desk25), which tells the
// person the truth, word for word (Verbatim), in their language: once
// that the agent has not answered and the team was reminded; then that
// the request went back to the team's queue (the hand-off waits for an
// agent again); or, when nobody else can come, that the bot is back with
// them. A person in crisis hears the team alerted again and the emergency
// number, never an invitation to cancel. An event about a hand-off nobody
// holds says nothing.
func TestAgentSilent25(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, lang, first string
		take              bool
		events            []bot.Event
		want              []string // each said, in order of the list
		not               []string
		status            bot.HandoffStatus // the hand-off after; "" none
	}{
		{"reminded_en", "en", "I want to talk to a human", true, []bot.Event{bot.EventHandoffAgentSilent},
			[]string{"Sam hasn't answered you for a while", "reminded our team", `write "cancel"`}, []string{"112"}, bot.HandoffTaken},
		{"reminded_fr", "fr", "je veux parler à un conseiller", true, []bot.Event{bot.EventHandoffAgentSilent},
			[]string{"Sam ne vous a pas répondu depuis un moment", "relancé notre équipe", "« annuler »"}, nil, bot.HandoffTaken},
		{"requeued_en", "en", "I want to talk to a human", true, []bot.Event{bot.EventHandoffAgentSilent, bot.EventHandoffAgentSilentRequeued},
			[]string{"Sam still hasn't answered", "passed your request back to our team", "I can't tell you when"}, nil, bot.HandoffWaiting},
		{"requeued_fr", "fr", "je veux parler à un conseiller", true, []bot.Event{bot.EventHandoffAgentSilent, bot.EventHandoffAgentSilentRequeued},
			[]string{"Sam n'a toujours pas répondu", "redonné votre demande à notre équipe", "je ne peux pas vous dire quand"}, nil, bot.HandoffWaiting},
		{"ended_en", "en", "I want to talk to a human", true, []bot.Event{bot.EventHandoffAgentSilent, bot.EventHandoffAgentSilentEnded},
			[]string{"nobody else from our team can join you right now", "I'm back with you"}, []string{"1 to 5", "How did we do"}, ""},
		{"ended_fr", "fr", "je veux parler à un conseiller", true, []bot.Event{bot.EventHandoffAgentSilent, bot.EventHandoffAgentSilentEnded},
			[]string{"personne d'autre de notre équipe ne peut vous rejoindre", "Je suis de nouveau là"}, nil, ""},
		{"crisis_reminded_en", "en", "I want to kill myself", true, []bot.Event{bot.EventHandoffAgentSilent},
			[]string{"alerted our team again, as urgent", "call 112 now"}, []string{`"cancel"`}, bot.HandoffTaken},
		{"crisis_requeued_fr", "fr", "je veux me tuer", true, []bot.Event{bot.EventHandoffAgentSilent, bot.EventHandoffAgentSilentRequeued},
			[]string{"de nouveau alerté notre équipe, en urgence", "112 (ou le 15)"}, []string{"« annuler »"}, bot.HandoffWaiting},
		{"crisis_ended_en", "en", "I want to kill myself", true, []bot.Event{bot.EventHandoffAgentSilentEnded},
			[]string{"nobody else from our team can join you right now", "112"}, []string{`"cancel"`}, ""},
		{"not_taken_en", "en", "I want to talk to a human", false, []bot.Event{bot.EventHandoffAgentSilent, bot.EventHandoffAgentSilentRequeued},
			nil, []string{"Sam", "hasn't answered"}, bot.HandoffWaiting},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			st := memstore.New(memstore.Config{})
			e := newEngine(t, st, withDesk)
			a := bot.Address{Platform: "test", Chat: tc.name, User: "u"}
			send := func(m bot.Message) []bot.Reply {
				t.Helper()
				m.From, m.Lang = a, tc.lang
				rs, err := e.HandleMessage(t.Context(), m)
				if err != nil {
					t.Fatal(err)
				}
				return rs
			}
			send(bot.Message{ID: "1", Text: tc.first})
			if tc.take {
				send(bot.Message{ID: "2", Event: bot.EventHandoffTaken, Text: "Sam"})
			}
			var got []bot.Reply
			for i, ev := range tc.events {
				got = append(got, send(bot.Message{ID: "ev" + string(rune('a'+i)), Event: ev})...)
			}
			said := texts(got)
			at := 0
			for _, w := range tc.want {
				i := strings.Index(said[at:], w)
				if i < 0 {
					t.Fatalf("the person heard:\n%s\nwant %q (after what came before)", said, w)
				}
				at += i
			}
			for _, n := range tc.not {
				if strings.Contains(said, n) {
					t.Errorf("the person heard:\n%s\nwant no %q", said, n)
				}
			}
			for _, r := range got {
				if !r.Verbatim {
					t.Errorf("%q may be rephrased; want it word for word", r.Text)
				}
			}
			var status bot.HandoffStatus
			if err := st.Update(t.Context(), a, func(s *bot.Session) error {
				if s.Handoff != nil {
					status = s.Handoff.Status
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			if status != tc.status {
				t.Errorf("hand-off after: %q, want %q", status, tc.status)
			}
		})
	}
}
