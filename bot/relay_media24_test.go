package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/memstore"
)

// TestMediaDuringHandoff24: a person waiting for the team, then talking
// with Camille, sent a photo and a sticker. The thread showed nothing (the
// agent never learnt that a photo of the parcel had been sent), and the
// person was told "I can only read written messages for now. Could you
// tell me in a few words what you need?", as if nobody were there (seen
// on the Slack desk, desk24). Now the thread says what was sent and that
// the team cannot see it, and the person hears the truth: only written
// words reach the team, so say it in words. In English and French,
// waiting and taken; a caption is relayed with the note.
func TestMediaDuringHandoff24(t *testing.T) {
	t.Parallel()
	type words struct{ ask, line, old, caption string }
	byLang := map[string]words{
		"en": {"I need to speak to a human", "only pass written words on to the team", "what you need", "the box, crushed"},
		"fr": {"je veux parler à un conseiller", "transmettre à l'équipe que des mots écrits", "ce dont vous avez besoin", "le carton, tout écrasé"},
	}
	for _, lang := range []string{"en", "fr"} {
		w := byLang[lang]
		for _, taken := range []bool{false, true} {
			name := lang + map[bool]string{false: "_waiting", true: "_taken"}[taken]
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				d := &bottest.Desk{}
				e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) { c.Desk = d })
				a := bot.Address{Platform: "test", Chat: name, User: "u"}
				msgs := []bot.Message{{Text: w.ask}}
				if taken {
					msgs = append(msgs, bot.Message{Event: bot.EventHandoffTaken, Text: "Camille"})
				}
				msgs = append(msgs, bot.Message{Media: "photo"}, bot.Message{Media: "photo", Text: w.caption})
				var got []string
				for i, m := range msgs {
					m.ID, m.From, m.Lang = name+string(rune('a'+i)), a, lang
					rs, err := e.HandleMessage(t.Context(), m)
					if err != nil {
						t.Fatal(err)
					}
					if m.Media != "" {
						got = append(got, texts(rs))
					}
				}
				for i, said := range got {
					if !strings.Contains(said, w.line) || strings.Contains(said, w.old) {
						t.Errorf("photo %d: the person heard %q, want %q and not %q", i+1, said, w.line, w.old)
					}
				}
				var relayed []string
				for _, c := range d.Calls() {
					if c.Op == "relayed" {
						relayed = append(relayed, c.Text)
					}
				}
				if len(relayed) != 2 || !strings.Contains(relayed[0], "photo") || !strings.Contains(relayed[1], "photo") || !strings.Contains(relayed[1], w.caption) {
					t.Errorf("the thread read %q: want both photos noted, the caption with the second", relayed)
				}
			})
		}
	}
}
