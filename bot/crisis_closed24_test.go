package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/memstore"
)

// TestDeskCrisisClosedNoScore24: a person who wrote that they did not
// want to live was taken at the desk, and when the agent pressed Resolve
// they heard "Our team has finished looking after your request. Thank
// you for your patience." and then "from 1 (poor) to 5 (great), how well
// did we look after you?" (seen playing the Slack desk in French, desk24).
// Someone in danger is asked for no score: they hear that the team ended
// the conversation, that carebot is still there, and the emergency
// number. An ordinary hand-off still ends with the question.
func TestDeskCrisisClosedNoScore24(t *testing.T) {
	t.Parallel()
	type words struct{ crisis, ordinary, score, closed string }
	byLang := map[string]words{
		"en": {"I don't want to live anymore", "I need to speak to a human", "1 (poor)", "Our team has finished looking after your request"},
		"fr": {"je ne veux plus vivre", "je veux parler à un conseiller", "1 (pas bien)", "Notre équipe a terminé de s'occuper de votre demande"},
	}
	for _, lang := range []string{"en", "fr"} {
		w := byLang[lang]
		for _, row := range []struct {
			name, first string
			crisis      bool
		}{{"crisis", w.crisis, true}, {"ordinary", w.ordinary, false}} {
			t.Run(lang+"_"+row.name, func(t *testing.T) {
				t.Parallel()
				e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) { c.Desk = &bottest.Desk{} })
				a := bot.Address{Platform: "test", Chat: "c" + lang + row.name, User: "u"}
				var last []bot.Reply
				for i, m := range []bot.Message{{Text: row.first}, {Event: bot.EventHandoffTaken, Text: "Camille"}, {Event: bot.EventHandoffClosed}} {
					m.ID, m.From, m.Lang = a.Chat+string(rune('a'+i)), a, lang
					rs, err := e.HandleMessage(t.Context(), m)
					if err != nil {
						t.Fatalf("%+v: %v", m, err)
					}
					last = rs
				}
				got := shown(last)
				switch {
				case row.crisis && (strings.Contains(got, w.score) || !strings.Contains(got, "112") || strings.Contains(got, w.closed)):
					t.Errorf("%q, taken, resolved: want the emergency number, no score, no %q, in:\n%s", row.first, w.closed, got)
				case !row.crisis && (!strings.Contains(got, w.score) || !strings.Contains(got, w.closed)):
					t.Errorf("%q, taken, resolved: want %q and the score in:\n%s", row.first, w.closed, got)
				}
			})
		}
	}
}
