package main

// `carebot chat` with the hand-off desk: the person in the terminal asks
// for a human, an agent takes the ticket in Slack and answers in its
// thread. Slack is slackfake (Web API and Socket Mode websocket) driven
// through the real slack-go library; sessions and the desk are in memory.

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/adapters/slack/slackfake"
)

const chatDeskChan = "CDESK0001"

// chatDesk is one `carebot chat` running against a fake Slack.
type chatDesk struct {
	*term
	sl       *slackfake.Server
	agentSeq int
}

func startChatDesk(t *testing.T, env map[string]string) *chatDesk {
	t.Helper()
	sl := slackfake.New(t)
	base := map[string]string{
		"SLACK_BOT_TOKEN":       slackfake.BotToken,
		"SLACK_APP_TOKEN":       slackfake.AppToken,
		"SLACK_API_URL":         sl.URL,
		"SLACK_HANDOFF_CHANNEL": chatDeskChan,
	}
	for k, v := range env {
		if v == "" {
			delete(base, k)
		} else {
			base[k] = v
		}
	}
	return &chatDesk{term: startTerm(t, base, "chat", "--pace", "0"), sl: sl}
}

// card waits for the ticket's message in the desk channel.
func (c *chatDesk) card(t *testing.T) slackfake.Message {
	t.Helper()
	var card slackfake.Message
	c.sl.Wait(t, "a ticket in the desk channel", func() bool {
		for _, m := range c.sl.Messages(chatDeskChan) {
			if m.ThreadTS == "" {
				card = m
				return true
			}
		}
		return false
	})
	return card
}

// reload returns the ticket's message as it stands now.
func (c *chatDesk) reload(card slackfake.Message) slackfake.Message {
	for _, m := range c.sl.Messages(chatDeskChan) {
		if m.TS == card.TS {
			return m
		}
	}
	return card
}

// press presses a button of the ticket as agent, over Socket Mode. A
// button the given copy lacks is waited for: the ticket's message is
// updated after the action that adds it is answered.
func (c *chatDesk) press(t *testing.T, agent string, card slackfake.Message, label string) {
	t.Helper()
	has := func() bool {
		return slices.ContainsFunc(card.Buttons(), func(b slackfake.Button) bool { return b.Label == label })
	}
	c.sl.Wait(t, fmt.Sprintf("button %q on the ticket", label), func() bool {
		if !has() {
			card = c.reload(card)
		}
		return has()
	})
	c.sl.WaitAck(t, c.sl.SendInteraction(t, slackfake.Press(agent, card, card.Button(t, label))))
}

// agentSays posts agent's reply in the ticket's thread, over Socket Mode.
func (c *chatDesk) agentSays(t *testing.T, agent string, card slackfake.Message, text string) {
	t.Helper()
	c.agentSeq++
	ts := fmt.Sprintf("1800000000.%06d", c.agentSeq)
	c.sl.WaitAck(t, c.sl.SendEvent(t, "EvAgent"+ts, slackfake.ThreadMessage(chatDeskChan, agent, text, ts, card.TS)))
}

// waitThread waits for a line containing s in the ticket's thread.
func (c *chatDesk) waitThread(t *testing.T, card slackfake.Message, s string) {
	t.Helper()
	c.sl.Wait(t, fmt.Sprintf("thread line containing %q", s), func() bool {
		for _, m := range c.sl.Messages(chatDeskChan) {
			if m.ThreadTS == card.TS && strings.Contains(m.Text, s) {
				return true
			}
		}
		return false
	})
}

func TestChatDeskTakeRelayResolve(t *testing.T) {
	t.Parallel()
	c := startChatDesk(t, nil)
	c.sl.SetProfile("UCAMILLE", "Camille Martin", "Camille")
	c.waitOut(t, "Hello")
	c.sl.WaitSocket(t) // Slack runs beside the terminal

	c.say(t, "I want to talk to a human")
	c.waitOut(t, "[a person will take over")
	card := c.card(t)
	if b := card.BlockText(); !strings.Contains(b, "Terminal") || !strings.Contains(b, "asked for a person") {
		t.Errorf("ticket does not show a terminal person asking for a person:\n%s", b)
	}

	c.press(t, "UCAMILLE", card, "Take it")
	c.waitOut(t, "Camille, from our team, is here with you now.")
	c.agentSays(t, "UCAMILLE", card, "note: check the carrier first")
	c.agentSays(t, "UCAMILLE", card, "Hi, tell me what happened")
	c.waitOut(t, "bot: Camille: Hi, tell me what happened")

	c.say(t, "my parcel never arrived")
	c.waitThread(t, card, "Person: my parcel never arrived")

	c.press(t, "UCAMILLE", c.reload(card), "Resolve")
	c.waitOut(t, "from 1 (poor) to 5 (great), how well did we look after you?")
	c.sl.Wait(t, "the ticket shows it resolved", func() bool {
		return strings.Contains(c.reload(card).BlockText(), "Resolved · held by Camille")
	})
	out := c.out.String()
	if strings.Contains(out, "check the carrier") {
		t.Errorf("an internal note reached the terminal:\n%s", out)
	}
	if n := strings.Count(out, "Camille: Hi, tell me"); n != 1 {
		t.Errorf("agent's reply shown %d times, want 1:\n%s", n, out)
	}

	// The bot has the conversation again: the answer is thanked, and the
	// chat ends cleanly with Slack and the desk stopped.
	c.say(t, "5")
	c.waitOut(t, "Thank you for telling us")
	c.say(t, "/quit")
	if err := c.waitEnd(t); err != nil {
		t.Fatalf("chat: %v", err)
	}
}

// With only a signing secret (the Events API over HTTP), chat starts no
// Slack connection: it says why, and chatting works as without the desk,
// honestly (nobody can come, so nobody is promised).
func TestChatDeskNeedsSocketMode(t *testing.T) {
	t.Parallel()
	c := startChatDesk(t, map[string]string{"SLACK_APP_TOKEN": "", "SLACK_SIGNING_SECRET": "shhh"})
	c.waitOut(t, "Hello")
	c.say(t, "I want to talk to a human")
	c.waitOut(t, "nobody will reply to you here")
	if strings.Contains(c.out.String(), "[a person will take over") {
		t.Errorf("a hand-off was promised with the desk off:\n%s", c.out.String())
	}
	_ = c.in.Close()
	if err := c.waitEnd(t); err != nil {
		t.Fatalf("chat: %v", err)
	}
	if e := c.errb.String(); !strings.Contains(e, "SLACK_APP_TOKEN") || !strings.Contains(e, "carebot serve") {
		t.Errorf("no word on why the desk is off:\n%s", e)
	}
	if n := len(c.sl.Calls("")); n != 0 {
		t.Errorf("chat called Slack %d times without Socket Mode", n)
	}
}

// When Slack refuses the bot token, the desk the person would wait on is
// gone: chat ends with Slack's error instead of chatting on without it.
func TestChatDeskRefusedToken(t *testing.T) {
	t.Parallel()
	c := startChatDesk(t, map[string]string{"SLACK_BOT_TOKEN": "xoxb-revoked"})
	if err := c.waitEnd(t); err == nil || !strings.Contains(err.Error(), "invalid_auth") {
		t.Fatalf("chat: %v, want Slack's invalid_auth", err)
	}
}

// TestChatDeskNotStaffed: the desk runs on Slack, but nobody can come for
// this hand-off: its queue has no channel, or it is outside the team's
// business hours. The person gets the honest answer with the configured
// contacts, the crisis message claims no alert, and no ticket is posted.
func TestChatDeskNotStaffed(t *testing.T) {
	t.Parallel()
	closed := strings.ToLower(time.Now().UTC().Add(48 * time.Hour).Weekday().String()[:3])
	for _, tc := range []struct {
		name, config string
		env          map[string]string
		alerted      bool // a crisis still posts the urgent card: the channel exists
	}{
		{"queue_without_channel", contactYAML + "slack:\n  queue_channels: {billing: CBILL0001}\n",
			map[string]string{"SLACK_HANDOFF_CHANNEL": ""}, false},
		// Open two days from now only: closed now, whatever the day.
		{"outside_business_hours", contactYAML + "desk:\n  hours: {timezone: UTC, days: [" + closed + "], from: \"00:00\", to: \"23:59\"}\n", nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env := map[string]string{"CAREBOT_CONFIG": writeConfig(t, tc.config)}
			maps.Copy(env, tc.env)
			c := startChatDesk(t, env)
			c.waitOut(t, "Hello")
			c.sl.WaitSocket(t) // the desk runs
			c.say(t, "I want to talk to a human")
			c.waitOut(t, "nobody will reply to you here")
			c.waitOut(t, "call our team on +44 20 7946 0000")
			for _, ch := range []string{chatDeskChan, "CBILL0001", ""} {
				if n := len(c.sl.Messages(ch)); n != 0 {
					t.Errorf("%d messages posted in %q for an ordinary request; no ticket should open", n, ch)
				}
			}
			c.say(t, "I want to kill myself")
			c.waitOut(t, "Your safety matters")
			if tc.alerted {
				c.waitOut(t, "I have alerted our team, but they may not be able to answer you right now")
				if card := c.card(t); !strings.HasPrefix(card.Text, "<!here>") || !strings.Contains(card.BlockText(), "URGENT") {
					t.Errorf("crisis card does not notify the channel: %q", card.Text)
				}
			}
			c.say(t, "/quit")
			if err := c.waitEnd(t); err != nil {
				t.Fatalf("chat: %v", err)
			}
			out := c.out.String()
			hasNone(t, out, "promised %q with nobody to come:\n%s", "[a person will take over", "A person from our team will reply", "I'm alerting a person from our team")
			if !tc.alerted {
				if strings.Contains(out, "alerted our team") {
					t.Errorf("claimed an alert with no channel to alert:\n%s", out)
				}
				for _, ch := range []string{chatDeskChan, "CBILL0001", ""} {
					if n := len(c.sl.Messages(ch)); n != 0 {
						t.Errorf("%d messages posted in %q; nobody can be alerted", n, ch)
					}
				}
			}
		})
	}
}
