package desk_test

// Who may end a ticket, end to end (a real redis-server, the real slack-go
// and telegram-bot-api libraries against the fakes): only the agent who
// took it, or a desk lead; a ticket nobody took is never "resolved", and
// only a lead may cancel it, with an honest line to the person.

import (
	"net/http"
	"strings"
	"testing"

	"github.com/carebot/carebot/adapters/slack/slackfake"
)

const lead = "ULEAD"

// pressAs sends a press of b on m by user, as Slack would for any copy of
// the message on a screen (a stale one, or one crafted by hand).
func pressAs(t *testing.T, p *proc, user string, m slackfake.Message, b slackfake.Button) {
	t.Helper()
	res, err := p.send.Interaction(t.Context(), slackfake.Press(user, m, b))
	if err != nil || res.Status != http.StatusOK {
		t.Fatalf("press %q: %v %+v", b.Label, err, res)
	}
}

// noEnding fails if the person was told their hand-off ended.
func (w *world) noEnding(t *testing.T, chat int64) {
	t.Helper()
	for _, s := range []string{"Our team has finished", "how well did we look after you?", "closed your request"} {
		if n := countContaining(w.sentTexts(chat), s); n != 0 {
			t.Errorf("the person was told %q %d times, but nobody allowed ended the hand-off", s, n)
		}
	}
}

// A colleague who did not take the conversation presses Resolve, then
// Back to the bot: nothing ends, they are told privately who may, and the
// person hears nothing. The holder still
// relays, and resolves.
func TestE2EStrangerCannotEndTakenTicket(t *testing.T) {
	t.Parallel()
	w, p, card := escalated(t)
	press(t, p, "UCAMILLE", card, "Take it")
	w.waitSent(t, customer, "Camille, from our team, is here with you now.")
	taken := w.shown(t, card, "Resolve")

	press(t, p, "UJEAN", taken, "Resolve")
	w.waitEphemerals(t, "UJEAN", "Only the colleague who took this conversation (or a desk lead)", 1)
	press(t, p, "UJEAN", taken, "Back to the bot")
	w.waitEphemerals(t, "UJEAN", "Only the colleague who took this conversation (or a desk lead)", 2)
	w.noEnding(t, customer)
	if b := w.reload(card).BlockText(); !strings.Contains(b, "Taken by Camille") {
		t.Errorf("the card no longer shows Camille holding it:\n%s", b)
	}

	agentSays(t, p, "UCAMILLE", card, "I'm still here")
	w.waitSent(t, customer, "Camille: I'm still here")
	press(t, p, "UCAMILLE", w.shown(t, card, "Resolve"), "Resolve")
	w.waitSent(t, customer, "Our team has finished looking after your request")
	w.waitSent(t, customer, "how well did we look after you?")
	w.sl.Wait(t, "card shows Camille resolved it", func() bool {
		return strings.Contains(w.reload(card).BlockText(), "Resolved · held by Camille")
	})
}

// Typing /resolve: in a ticket's thread (Slack delivers it as a message
// when it does not start with the slash) by a colleague who does not
// hold it, and as the slash command, which only ends the typist's own.
func TestE2EStrangerTypesResolve(t *testing.T) {
	t.Parallel()
	w, p, card := escalated(t)
	press(t, p, "UCAMILLE", card, "Take it")
	w.waitSent(t, customer, "Camille, from our team, is here with you now.")

	agentSays(t, p, "UJEAN", card, " /resolve")
	w.waitEphemeral(t, "UJEAN", "Only the colleague who took this conversation (or a desk lead) can resolve it")
	command(t, p, "UJEAN", deskChan, "/resolve")
	w.waitEphemeral(t, "UJEAN", "You hold no open conversation in this channel")
	w.noEnding(t, customer)

	agentSays(t, p, "UCAMILLE", card, " /resolve")
	w.waitSent(t, customer, "Our team has finished looking after your request")
	w.waitSent(t, customer, "how well did we look after you?")
}

// A ticket nobody took is never "resolved": not by a Resolve press (from a
// stale or crafted copy of its message), not by /resolve in its thread,
// not even by a lead. The person keeps waiting, and an agent can take it.
func TestE2ENobodyResolvesUntakenTicket(t *testing.T) {
	t.Parallel()
	w, p, card := escalated(t, lead)
	take := card.Button(t, "Take it")
	resolve := slackfake.Button{BlockID: take.BlockID, ActionID: "cb_desk_resolve", Value: take.Value, Label: "Resolve"}
	back := slackfake.Button{BlockID: take.BlockID, ActionID: "cb_desk_bot", Value: take.Value, Label: "Back to the bot"}

	const untaken = "Nobody has taken this request yet, so it cannot be resolved"
	pressAs(t, p, "UJEAN", card, resolve)
	w.waitEphemerals(t, "UJEAN", untaken, 1)
	pressAs(t, p, lead, card, resolve)
	w.waitEphemerals(t, lead, untaken, 1)
	pressAs(t, p, lead, card, back)
	w.waitEphemerals(t, lead, untaken, 2)
	agentSays(t, p, "UJEAN", card, " /resolve")
	w.waitEphemerals(t, "UJEAN", untaken, 2)
	w.noEnding(t, customer)
	if got := w.reload(card).Buttons(); len(got) == 0 || got[0].Label != "Take it" {
		t.Errorf("the untaken card lost its Take it button: %+v", got)
	}

	press(t, p, "UCAMILLE", w.shown(t, card, "Take it"), "Take it")
	w.waitSent(t, customer, "Camille, from our team, is here with you now.")
}

// A lead cancels a request nobody took. A colleague who is not a lead is
// refused; the person reads an honest line (not "our team has finished",
// no satisfaction question) and can ask again; a late Take it is told it
// closed. Once a ticket is taken, the lead's cancel is refused, but the
// lead may give it back to the bot.
func TestE2ELeadCancelsUntakenTicket(t *testing.T) {
	t.Parallel()
	w, p, card := escalated(t, lead)
	const cancel = "Cancel request (leads)"

	press(t, p, "UJEAN", card, cancel)
	w.waitEphemeral(t, "UJEAN", "Only a desk lead can cancel a request")
	w.noEnding(t, customer)

	press(t, p, lead, card, cancel)
	w.waitSent(t, customer, "Our team has closed your request to talk to a person without answering it")
	w.sl.Wait(t, "card shows the lead's cancel", func() bool {
		c := w.reload(card)
		return strings.Contains(c.BlockText(), "Cancelled by a desk lead without being taken") && len(c.Buttons()) == 0
	})
	w.waitThread(t, card, "Cancelled by a desk lead")
	for _, s := range []string{"Our team has finished", "how well did we look after you?"} {
		if countContaining(w.sentTexts(customer), s) != 0 {
			t.Errorf("a cancelled request told the person %q", s)
		}
	}
	press(t, p, "UCAMILLE", card, "Take it")
	w.waitEphemeral(t, "UCAMILLE", "already closed")
	if countContaining(w.sentTexts(customer), "from our team, is here") != 0 {
		t.Error("a cancelled request was taken")
	}

	// The person is the bot's again, and asking again opens a new ticket.
	w.say(customer, "I need to speak to a human")
	card2 := w.card(t, 2)
	press(t, p, "UCAMILLE", card2, "Take it")
	w.waitSent(t, customer, "Camille, from our team, is here with you now.")
	pressAs(t, p, lead, card2, card2.Button(t, cancel)) // a screen that still shows it
	w.waitEphemeral(t, lead, "Someone took this request meanwhile")
	press(t, p, lead, w.shown(t, card2, "Back to the bot"), "Back to the bot")
	w.waitSent(t, customer, "how well did we look after you?")
	w.sl.Wait(t, "card shows the lead gave it back", func() bool {
		return strings.Contains(w.reload(card2).BlockText(), "Given back to the bot · held by Camille")
	})
}
