package bot_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// TestStoreDownStillCares: with the store down (Redis unreachable), a turn
// cannot run, but what needs no session is still said. Danger to life
// gets the fixed safety message and its emergency number, and the ways to
// reach the team, never "try again in a moment" nor an alert nobody
// received; a request for a person gets the ways to reach the team with
// the trouble line. Each in the language the message is written in,
// whatever the platform's hint. Before, all of them got the trouble line
// alone, in the hint's language: "I want to kill myself" was told "Sorry,
// I'm having a technical problem right now. Could you try again in a
// moment?"
func TestStoreDownStillCares(t *testing.T) {
	t.Parallel()
	msgs := bottest.MustFlows(t).Common.Messages
	render := func(key, lang string) string {
		return flow.Render(msgs[key].ByLang[lang], func(k string) string { return contactVars[lang][k] })
	}
	tests := []struct {
		name, hint, lang, text string
		crisis, contacts       bool
	}{
		{"en_crisis", "en", "en", "I want to kill myself", true, true},
		{"fr_crisis_no_hint", "", "fr", "je veux en finir, j'ai plus la force de vivre", true, true},
		{"fr_crisis_en_hint", "en", "fr", "je vais me tuer ce soir", true, true},
		{"en_person", "en", "en", "I want to talk to a human", false, true},
		{"fr_person_en_hint", "en", "fr", "je veux parler à un conseiller svp", false, true},
		{"fr_order_en_hint", "en", "fr", "mon colis n'est toujours pas arrivé", false, false},
		{"en_order", "en", "en", "my parcel is late", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			store := &bottest.FlakyStore{Store: memstore.New(memstore.Config{}), Err: fmt.Errorf("dial tcp: %w", bot.ErrUnavailable)}
			store.Down.Store(true)
			e := newEngine(t, store, func(c *bot.Config) {
				c.Vars = contactVars
				withDesk(c)
			})
			a := bot.Address{Platform: "test", Chat: "c", User: tt.name}
			replies, err := e.HandleMessage(t.Context(), bot.Message{ID: "1", From: a, Text: tt.text, Lang: tt.hint})
			if !errors.Is(err, bot.ErrUnavailable) {
				t.Errorf("err = %v, want ErrUnavailable", err)
			}
			got := texts(replies)
			has := func(key string) bool { return strings.Contains(got, render(key, tt.lang)) }
			if has(flow.MsgCrisis) != tt.crisis {
				t.Errorf("%q: the safety message said %v, want %v: %q", tt.text, has(flow.MsgCrisis), tt.crisis, got)
			}
			if tt.crisis && (has(flow.MsgTrouble) || has(flow.MsgCrisisAlert)) {
				t.Errorf("%q: a crisis was told to try again, or promised an alert nobody received: %q", tt.text, got)
			}
			if !tt.crisis && !has(flow.MsgTrouble) {
				t.Errorf("%q: no trouble line in %s: %q", tt.text, tt.lang, got)
			}
			if has(flow.MsgContactPhone) != tt.contacts {
				t.Errorf("%q: the team's phone said %v, want %v: %q", tt.text, has(flow.MsgContactPhone), tt.contacts, got)
			}
			if strings.Contains(got, "dial tcp") {
				t.Error("error text leaked to the person")
			}
		})
	}
}
