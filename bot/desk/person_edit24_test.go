package desk_test

import (
	"net/http"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/carebot/carebot/adapters/slack/slackfake"
	"github.com/carebot/carebot/adapters/telegram/telegramtest"
)

// TestE2EPersonEditReachesThread24: an employee waiting for the team on
// Slack wrote "my badge number is 4417", saw the typo and edited it to
// 4471 in the DM. The thread kept 4417 and the agent never learnt of the
// correction (Slack's edit event was dropped; seen on the Slack desk
// through slackfake, desk24). During a hand-off an edit now reaches the
// thread, marked as a correction; outside one the bot still answers
// nothing to an edit.
func TestE2EPersonEditReachesThread24(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.sl.SetLocale(employee, "en-US")
	p := w.start(t, false)

	edit := func(id, text, ts string) {
		t.Helper()
		res, err := p.send.Event(t.Context(), id, slackfake.Edited(employeeDM, employee, text, ts))
		if err != nil || res.Status != http.StatusOK {
			t.Fatalf("edit: %v %+v", err, res)
		}
	}
	// Outside a hand-off an edit is not answered: the first line in the
	// DM answers the request that follows it.
	edit("EvPersonEdit0", "hello there", "1600000000.000001")
	employeeSays(t, p, "I need to speak to a human")
	w.waitDM(t, "I'm asking a person from our team")
	if first := w.dmTexts()[0]; !strings.Contains(first, "I'm asking a person from our team") {
		t.Errorf("an edit outside a hand-off was answered: %q", w.dmTexts())
	}
	card := w.card(t, 1)
	employeeSays(t, p, "my badge number is 4417")
	w.waitThread(t, card, "Person: my badge number is 4417")
	edit("EvPersonEdit1", "my badge number is 4471", "1700000000.999999")
	w.waitThread(t, card, "4471")
	before := len(w.dm())
	press(t, p, "UCAMILLE", card, "Take it")
	w.waitDM(t, "Camille, from our team, is here with you now.")
	if n := len(w.dm()); n != before+1 {
		t.Errorf("the edit was answered in the DM: %q", w.dmTexts())
	}
}

// TestE2ETelegramEditReachesThread24: the same on Telegram. A customer
// talking with Camille wrote "my order is AB-111111", corrected it to
// AB-111112 in Telegram, and the thread kept the first number: the
// adapter did not even ask Telegram for edits.
func TestE2ETelegramEditReachesThread24(t *testing.T) {
	t.Parallel()
	w, p, card := escalated(t)
	press(t, p, "UCAMILLE", card, "Take it")
	w.waitSent(t, customer, "Camille, from our team")
	sent := w.tg.Push(telegramtest.Text(customer, customer, "my order is AB-111111"))[0]
	w.waitThread(t, card, "Person: my order is AB-111111")
	m := *sent.Message
	m.Text, m.EditDate = "my order is AB-111112", m.Date+5
	w.tg.Push(tgbotapi.Update{EditedMessage: &m})
	w.waitThread(t, card, "AB-111112")
	w.say(customer, "thanks")
	w.waitThread(t, card, "Person: thanks")
	if n := countContaining(w.sentTexts(customer), "AB-111112"); n != 0 {
		t.Errorf("the edit was answered to the person: %q", w.sentTexts(customer))
	}
}
