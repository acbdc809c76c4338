package desk_test

// End to end, Slack side: an employee asking for a person in their DM with
// the bot, and the /resolve slash command an agent types in the desk
// channel. Same world as e2e_test.go: a real redis-server, the real
// slack-go library against slackfake, signed requests.

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/carebot/carebot/adapters/slack/slackfake"
)

const (
	employee = "UEMPLOYEE"
	// employeeDM is the bot's DM with the employee: the channel
	// conversations.open returns in slackfake, as in Slack, the one their
	// DM events come from.
	employeeDM = "D" + employee
)

var employeeTS atomic.Int64

// employeeSays posts what the employee writes in their DM with the bot.
func employeeSays(t *testing.T, p *proc, text string) {
	t.Helper()
	ts := fmt.Sprintf("1700000000.%06d", employeeTS.Add(1))
	res, err := p.send.Event(t.Context(), "EvEmp"+ts, slackfake.DM(employeeDM, employee, text, ts))
	if err != nil || res.Status != http.StatusOK {
		t.Fatalf("employee message: %v %+v", err, res)
	}
}

// dm is what the bot posted in the employee's DM (the fake records what
// the bot posts through the Web API).
func (w *world) dm() []slackfake.Message { return w.sl.Messages(employeeDM) }

func (w *world) dmTexts() []string {
	var out []string
	for _, m := range w.dm() {
		out = append(out, m.Text+"\n"+m.BlockText())
	}
	return out
}

func (w *world) waitDM(t *testing.T, s string) slackfake.Message {
	t.Helper()
	var got slackfake.Message
	w.sl.Wait(t, fmt.Sprintf("DM containing %q", s), func() bool {
		for _, m := range w.dm() {
			if strings.Contains(m.Text, s) || strings.Contains(m.BlockText(), s) {
				got = m
				return true
			}
		}
		return false
	})
	return got
}

// An employee on Slack asks for a person in their DM with the bot: the
// ticket says "Slack employee", the agent's replies are relayed to the DM
// through the Slack Sender, and Resolve ends with the satisfaction
// question in the DM, which the employee answers with a button.
func TestE2ESlackEmployeeHandoff(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.sl.SetLocale(employee, "en-US")
	p := w.start(t, false)

	employeeSays(t, p, "I need to speak to a human")
	w.waitDM(t, "I'm asking a person from our team")
	w.waitDM(t, "I can't tell you exactly how long")
	card := w.card(t, 1)
	body := card.BlockText()
	for _, want := range []string{"Slack employee", "asked for a person", "Asked:"} {
		if !strings.Contains(body, want) {
			t.Errorf("desk card lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, employee) || strings.Contains(body, employeeDM) {
		t.Errorf("desk card shows the employee's Slack IDs:\n%s", body)
	}

	press(t, p, "UCAMILLE", card, "Take it")
	w.waitDM(t, "Camille, from our team, is here with you now.")
	agentSays(t, p, "UCAMILLE", card, "note: HR policy applies")
	agentSays(t, p, "UCAMILLE", card, "Hi, tell me what happened")
	w.waitDM(t, "Camille: Hi, tell me what happened")
	employeeSays(t, p, "a customer shouted at me for an hour")
	w.waitThread(t, card, "Person: a customer shouted at me for an hour")
	if countContaining(w.dmTexts(), "HR policy") != 0 {
		t.Error("an internal note reached the employee's DM")
	}

	press(t, p, "UCAMILLE", w.shown(t, card, "Resolve"), "Resolve")
	w.waitDM(t, "Our team has finished looking after your request")
	q := w.waitDM(t, "how well did we look after you?")
	w.sl.Wait(t, "card shows the outcome", func() bool {
		b := w.reload(card).BlockText()
		return strings.Contains(b, "Resolved · held by Camille") && strings.Contains(b, "first human reply after")
	})
	if n := countContaining(w.dmTexts(), "Camille: Hi, tell me"); n != 1 {
		t.Errorf("agent's reply reached the DM %d times, want 1", n)
	}

	// The satisfaction question has buttons; the employee's answer is
	// thanked in the DM: the session is the bot's again.
	res, err := p.send.Interaction(t.Context(), slackfake.Press(employee, q, q.Button(t, "5")))
	if err != nil || res.Status != http.StatusOK {
		t.Fatalf("press 5: %v %+v", err, res)
	}
	w.waitDM(t, "Thank you for telling us")
}

// command types a slash command as agent in channel and returns carebot's
// HTTP answer.
func command(t *testing.T, p *proc, agent, channel, cmd string) slackfake.Response {
	t.Helper()
	res, err := p.send.Command(t.Context(), cmd, "", agent, channel)
	if err != nil || res.Status != http.StatusOK {
		t.Fatalf("%s: %v %+v", cmd, err, res)
	}
	return res
}

// waitEphemeral waits for a private note to user ("" for anyone)
// containing s, and returns it.
func (w *world) waitEphemeral(t *testing.T, user, s string) slackfake.Ephemeral {
	t.Helper()
	return w.waitEphemerals(t, user, s, 1)
}

// waitEphemerals waits until user ("" for anyone) was shown n private notes
// containing s, and returns the n-th.
func (w *world) waitEphemerals(t *testing.T, user, s string, n int) slackfake.Ephemeral {
	t.Helper()
	var got slackfake.Ephemeral
	w.sl.Wait(t, fmt.Sprintf("%d ephemerals to %q containing %q", n, user, s), func() bool {
		k := 0
		for _, e := range w.sl.Ephemerals() {
			if (user == "" || e.User == user) && strings.Contains(e.Text, s) {
				if k++; k == n {
					got = e
					return true
				}
			}
		}
		return false
	})
	return got
}

var conversationRE = regexp.MustCompile(`conversation ([0-9a-f]+)`)

// conversation is the short conversation hash a card shows.
func conversation(t *testing.T, card slackfake.Message) string {
	t.Helper()
	m := conversationRE.FindStringSubmatch(card.BlockText())
	if m == nil {
		t.Fatalf("card shows no conversation:\n%s", card.BlockText())
	}
	return m[1]
}

// /resolve, as Slack really sends it: a signed slash command with the
// channel and the user but no thread. It resolves the one conversation the
// agent holds in that channel; with none or several it resolves nothing
// and tells the agent privately why.
func TestE2EResolveSlashCommand(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p := w.start(t, true)
	const other = 43
	card := w.escalate(t, customer, 1)
	card2 := w.escalate(t, other, 2)

	// Nothing held yet.
	if res := command(t, p, "UCAMILLE", deskChan, "/resolve"); strings.TrimSpace(res.Body) != "" {
		t.Errorf("/resolve in the desk channel answered %q in the response, want an empty 200", res.Body)
	}
	e := w.waitEphemeral(t, "UCAMILLE", "You hold no open conversation in this channel")
	if e.Channel != deskChan {
		t.Errorf("answer posted in %q, want the desk channel", e.Channel)
	}

	// Two held: nothing is resolved, both are listed.
	press(t, p, "UCAMILLE", card, "Take it")
	press(t, p, "UCAMILLE", card2, "Take it")
	w.waitSent(t, customer, "Camille, from our team, is here with you now.")
	w.waitSent(t, other, "Camille, from our team, is here with you now.")
	command(t, p, "UCAMILLE", deskChan, "/resolve")
	e = w.waitEphemeral(t, "UCAMILLE", "none was resolved")
	for _, c := range []slackfake.Message{card, card2} {
		if h := conversation(t, c); !strings.Contains(e.Text, "conversation "+h) {
			t.Errorf("the list of held conversations lacks %s: %q", h, e.Text)
		}
	}
	if !strings.Contains(e.Text, "Press *Resolve*") {
		t.Errorf("no hint to use the button: %q", e.Text)
	}
	for _, chat := range []int64{customer, other} {
		if countContaining(w.sentTexts(chat), "Our team has finished") != 0 {
			t.Fatalf("/resolve with two held conversations closed one")
		}
	}
	// Another agent holds nothing here.
	command(t, p, "UJEAN", deskChan, "/resolve")
	w.waitEphemeral(t, "UJEAN", "You hold no open conversation in this channel")

	// One resolved with its button, then /resolve ends the other.
	press(t, p, "UCAMILLE", w.shown(t, card2, "Resolve"), "Resolve")
	w.waitSent(t, other, "how well did we look after you?")
	command(t, p, "UCAMILLE", deskChan, "/resolve")
	w.waitSent(t, customer, "Our team has finished looking after your request")
	w.waitSent(t, customer, "how well did we look after you?")
	e = w.waitEphemeral(t, "UCAMILLE", "✅ Resolved: Telegram customer · conversation "+conversation(t, card))
	if strings.Contains(e.Text, "birthday") {
		t.Errorf("the answer quotes the person: %q", e.Text)
	}
	w.sl.Wait(t, "card shows the outcome", func() bool {
		b := w.reload(card).BlockText()
		return strings.Contains(b, "Resolved · held by Camille") && len(w.reload(card).Buttons()) == 0
	})
	if n := countContaining(w.sentTexts(customer), "how well did we look after you?"); n != 1 {
		t.Errorf("the satisfaction question was asked %d times, want 1", n)
	}

	// Outside a desk channel, Slack shows the immediate answer to the agent only.
	res := command(t, p, "UCAMILLE", "CGENERAL", "/resolve")
	var answer struct{ ResponseType, Text string }
	if err := json.Unmarshal([]byte(res.Body), &struct {
		ResponseType *string `json:"response_type"`
		Text         *string `json:"text"`
	}{&answer.ResponseType, &answer.Text}); err != nil {
		t.Fatalf("answer outside the desk channel %q: %v", res.Body, err)
	}
	if answer.ResponseType != "ephemeral" || !strings.Contains(answer.Text, "works in the hand-off desk channel") {
		t.Errorf("answer outside the desk channel = %+v", answer)
	}
}

// An employee waiting for a person types /forget (a slash command, as
// Slack sends it): the engine forgets them and the desk closes their
// ticket, and the card no longer quotes them.
func TestE2ESlackForgetClosesTicket(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.sl.SetLocale(employee, "en-US")
	p := w.start(t, false)
	employeeSays(t, p, "my manager keeps shouting, I need to speak to a human")
	card := w.card(t, 1)
	if !strings.Contains(card.BlockText(), "shouting") {
		t.Fatalf("card does not quote the request:\n%s", card.BlockText())
	}
	command(t, p, employee, employeeDM, "/forget")
	w.waitDM(t, "erased what I had noted")
	w.sl.Wait(t, "card shows the forgetting", func() bool {
		b := w.reload(card).BlockText()
		return strings.Contains(b, "asked carebot to forget them") && !strings.Contains(b, "shouting")
	})
	w.waitThread(t, card, "asked carebot to forget them")
	if len(w.reload(card).Buttons()) != 0 {
		t.Error("the closed card still has buttons")
	}
	// A press from a screen that still shows Take it is told it closed.
	press(t, p, "UCAMILLE", card, "Take it")
	w.waitEphemeral(t, "UCAMILLE", "already closed")
	if countContaining(w.dmTexts(), "from our team, is here") != 0 {
		t.Error("a forgotten employee's ticket was taken")
	}
}
