package desk_test

import (
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/adapters/slack/slackfake"
	"github.com/carebot/carebot/adapters/telegram/telegramtest"
)

func settle() { time.Sleep(700 * time.Millisecond) }

func (w *world) dump(t *testing.T, chat int64, title string) {
	t.Logf("===== %s", title)
	for _, m := range w.sl.Messages(deskChan) {
		if m.ThreadTS == "" {
			t.Logf("CARD %s:\n%s\nbuttons=%v", m.TS, m.BlockText(), m.Buttons())
		} else {
			t.Logf("THREAD %s: %q", m.ThreadTS, m.Text)
		}
	}
	for _, e := range w.sl.Ephemerals() {
		t.Logf("EPHEMERAL %+v", e)
	}
	for _, s := range w.sentTexts(chat) {
		t.Logf("PERSON SAW: %q", s)
	}
}

func TestPlay24A(t *testing.T) {
	w := newWorld(t)
	p := w.start(t, true)
	w.say(customer, "my grandmother is 87, she fell and I'm pregnant, I'm so scared")
	settle()
	w.say(customer, "I need to speak to a human")
	settle()
	card := w.card(t, 1)
	w.tg.Push(telegramtest.Media(customer, customer, "photo"))
	w.tg.Push(telegramtest.Media(customer, customer, "sticker"))
	w.say(customer, strings.Repeat("very long message ", 400))
	w.say(customer, "bad \xff\xfe utf8")
	settle()
	w.dump(t, customer, "before take")
	press(t, p, "UCAMILLE", card, "Take it")
	settle()
	press(t, p, "UJEAN", card, "Take it")
	settle()
	agentSays(t, p, "UCAMILLE", card, "Hello, I'm here")
	settle()
	w.say(customer, "thanks bye")
	settle()
	w.dump(t, customer, "after thanks bye")
	agentSays(t, p, "UCAMILLE", card, "note: closed, person fine")
	settle()
	press(t, p, "UCAMILLE", w.reload(card), "Resolve")
	settle()
	w.say(customer, "I need a human again")
	settle()
	w.dump(t, customer, "end")
	_ = slackfake.BotToken
}

func TestPlay24Crisis(t *testing.T) {
	w := newWorld(t)
	p := w.start(t, true)
	w.tg.Push(telegramtest.Lang(telegramtest.Text(44, 44, "je ne veux plus vivre"), "fr"))
	settle()
	card := w.card(t, 1)
	w.dump(t, 44, "crisis fr before take")
	press(t, p, "UCAMILLE", card, "Take it")
	settle()
	agentSays(t, p, "UCAMILLE", card, "Bonjour, je suis là")
	settle()
	w.tg.Push(telegramtest.Lang(telegramtest.Text(44, 44, "merci"), "fr"))
	settle()
	press(t, p, "UCAMILLE", w.reload(card), "Resolve")
	settle()
	w.dump(t, 44, "crisis fr after resolve")
}
