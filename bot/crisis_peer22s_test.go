package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// peerStep is one turn of a colleague on the staff Slack: a message, or
// (when event is set) what the peer channel did.
type peerStep struct {
	text  string
	event bot.Event
}

// playColleague plays steps as a colleague on the staff Slack where only
// colleagues can come (the peer channel, no desk), in lang, and returns
// every turn's replies.
func playColleague(t *testing.T, chat, lang string, steps []peerStep) [][]bot.Reply {
	t.Helper()
	e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) { c.PeerQueue, c.PeerServed = "peer", true })
	a := bot.Address{Platform: "slack", Chat: chat, User: "U1"}
	var all [][]bot.Reply
	for i, st := range steps {
		rs, err := e.HandleMessage(t.Context(), bot.Message{ID: chat + string(rune('a'+i)), From: a, Text: st.text, Event: st.event, Lang: lang})
		if err != nil {
			t.Fatalf("%q: %v", st.text, err)
		}
		all = append(all, rs)
	}
	return all
}

// TestCrisisWithOnlyColleagues22s: an employee in danger on the staff
// Slack where the peer-support channel is there and no desk got the
// safety message, and nobody was alerted (an error was logged). Danger to
// life pre-empts everything: the urgent request now goes to the
// colleagues' channel (a hand-off to the peer queue, urgent), and the
// colleague is told so honestly: colleagues alerted, nobody promised
// until someone joins, the emergency number always.
func TestCrisisWithOnlyColleagues22s(t *testing.T) {
	t.Parallel()
	type words struct{ alerted, promise, withdrawn, waiting, timeout, joined string }
	byLang := map[string]words{
		"en": {"colleagues in the peer-support channel", "will write to you", "I've withdrawn your request", "nobody has joined yet", "no colleague has been able to join you yet", "A colleague has joined you"},
		"fr": {"collègues du canal d'entraide", "vous écrira", "j'ai retiré votre demande", "personne ne vous a encore rejoint", "aucun collègue n'a encore pu vous rejoindre", "Un collègue vous a rejoint"},
	}
	crisis := map[string]string{"en": "I want to kill myself", "fr": "je veux me tuer"}
	for _, lang := range []string{"en", "fr"} {
		w := byLang[lang]
		t.Run(lang+"_alerted", func(t *testing.T) {
			t.Parallel()
			rs := playColleague(t, "alert"+lang, lang, []peerStep{{text: crisis[lang]}})[0]
			got := texts(rs)
			for _, want := range []string{"112", w.alerted} {
				if !strings.Contains(got, want) {
					t.Errorf("%q: want %q in:\n%s", crisis[lang], want, got)
				}
			}
			if strings.Contains(got, w.promise) {
				t.Errorf("%q: a person promised (%q) in:\n%s", crisis[lang], w.promise, got)
			}
			var h *bot.Handoff
			for _, r := range rs {
				if r.Handoff != nil {
					h = r.Handoff
				}
			}
			if h == nil || h.Queue != "peer" || h.Priority != bot.PriorityUrgent || h.Status != bot.HandoffWaiting {
				t.Fatalf("%q: want an urgent request to the peer queue, got %+v", crisis[lang], h)
			}
		})
		// Pulling back after the safety message keeps the alert, as at
		// the desk: colleagues alerted to a crisis stay alerted.
		for _, pull := range map[string][]string{"en": {"never mind", "forget it", "cancel that", "menu"}, "fr": {"laisse tomber", "oubliez", "c'est bon pas besoin", "menu"}}[lang] {
			t.Run(lang+"_kept_"+pull, func(t *testing.T) {
				t.Parallel()
				got := texts(playColleague(t, "kept"+lang+pull, lang, []peerStep{{text: crisis[lang]}, {text: pull}})[1])
				if strings.Contains(got, w.withdrawn) || !strings.Contains(got, w.waiting) || !strings.Contains(got, "112") {
					t.Errorf("%q then %q: want %q and the emergency number, no withdrawal, in:\n%s", crisis[lang], pull, w.waiting, got)
				}
			})
		}
		t.Run(lang+"_nobody_in_time", func(t *testing.T) {
			t.Parallel()
			got := texts(playColleague(t, "late"+lang, lang, []peerStep{{text: crisis[lang]}, {event: bot.EventHandoffTimeout}})[1])
			if !strings.Contains(got, w.timeout) || !strings.Contains(got, "112") || strings.Contains(got, w.promise) {
				t.Errorf("%q then nobody in time: want %q and the emergency number, no promise, in:\n%s", crisis[lang], w.timeout, got)
			}
			if strings.Contains(got, `"cancel"`) || strings.Contains(got, "« annuler »") {
				t.Errorf("%q then nobody in time: an invitation to cancel in:\n%s", crisis[lang], got)
			}
		})
		// A colleague who takes it is connected as peer support's are
		// (the channel's group chat), and the person is told so, with no
		// score asked of someone in danger.
		t.Run(lang+"_joined", func(t *testing.T) {
			t.Parallel()
			got := shown(playColleague(t, "joined"+lang, lang, []peerStep{{text: crisis[lang]}, {event: bot.EventHandoffTimeout}, {event: bot.EventHandoffClosed}})[2])
			if !strings.Contains(got, w.joined) || !strings.Contains(got, "112") {
				t.Errorf("%q then a colleague joined: want %q and the emergency number in:\n%s", crisis[lang], w.joined, got)
			}
			if strings.Contains(got, "1 (poor)") || strings.Contains(got, "1 (pas bien)") {
				t.Errorf("%q then a colleague joined: a score asked in:\n%s", crisis[lang], got)
			}
		})
	}
	// A customer is never sent to the colleagues' channel.
	t.Run("customer", func(t *testing.T) {
		t.Parallel()
		e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) { c.PeerQueue, c.PeerServed = "peer", true })
		rs := play(t, e, "customer", []string{"I want to kill myself"})
		for _, r := range rs {
			if r.Handoff != nil {
				t.Errorf("a customer's crisis handed to %+v", r.Handoff)
			}
		}
	})
}
