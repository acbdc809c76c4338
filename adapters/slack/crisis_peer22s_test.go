package slack

import (
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/adapters/slack/slackfake"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// colleaguesOnly is the real engine of the staff Slack where only
// colleagues can come: the peer channel is served and there is no desk.
func colleaguesOnly(t *testing.T) (*bot.Engine, *memstore.Store) {
	t.Helper()
	store := memstore.New(memstore.Config{})
	cfg := staff(t, bot.Config{Store: store, PeerQueue: DefaultPeerQueue, PeerServed: true,
		Vars: map[string]map[string]string{"": {"emergency_number": "112"}}})
	cfg.Desk = nil
	e, err := bot.New(cfg)
	if err != nil {
		t.Fatalf("new engine: %v", err)
	}
	return e, store
}

// TestE2ECrisisOnlyColleagues22s: an employee in danger writes to carebot
// on a Slack with the peer-support channel and no desk. Before, they got
// the safety message and nobody was alerted. Now the urgent request is
// posted in the peer channel (marked urgent, @here, anonymous), a
// colleague who presses "I can listen" is put in a group DM with them,
// and nobody offering in time is said honestly while the request stays
// open for a late volunteer. Real slack-go against the fake Slack.
func TestE2ECrisisOnlyColleagues22s(t *testing.T) {
	t.Parallel()
	t.Run("en_a_colleague_joins", func(t *testing.T) {
		t.Parallel()
		fake := slackfake.New(t)
		engine, store := colleaguesOnly(t)
		p := startProcess(t, testConfig(t, fake, store), engine)
		c := &conversation{t: t, fake: fake, p: p, chat: "DUREQ0000001", user: "UREQ0000001"}

		c.say("I want to kill myself")
		c.waitFor("call 112")
		c.waitFor("alerted the colleagues in the peer-support channel")
		req := fake.WaitMessages(t, peerChan, 1)[0]
		all := req.Text + string(req.Blocks)
		for _, want := range []string{"<!here>", "URGENT"} {
			if !strings.Contains(all, want) {
				t.Errorf("the request lacks %q: %s", want, all)
			}
		}
		for _, secret := range []string{c.user, c.chat, "kill"} {
			if strings.Contains(all, secret) {
				t.Errorf("the request reveals %q: %s", secret, all)
			}
		}
		// Pulling back keeps the alert, as at the desk.
		c.say("never mind")
		c.waitFor("nobody has joined yet")
		if n := len(fake.Messages(peerChan)); n != 1 {
			t.Errorf("%d requests in the peer channel; want 1", n)
		}
		p.press(t, "U2", req, req.Button(t, "I can listen"))
		fake.Wait(t, "group DM", func() bool { return len(groupOpens(fake)) == 1 })
		if got := groupOpens(fake)[0]; got != "UREQ0000001,U2" {
			t.Errorf("group DM with %q", got)
		}
		c.waitFor("A colleague has joined you")
		fake.Wait(t, "request taken", func() bool { return len(fake.Messages(peerChan)[0].Buttons()) == 0 })
	})
	t.Run("fr_nobody_in_time_then_a_late_colleague", func(t *testing.T) {
		t.Parallel()
		fake := slackfake.New(t)
		fake.SetLocale("UREQ0000001", "fr-FR")
		engine, store := colleaguesOnly(t)
		cfg := testConfig(t, fake, store)
		cfg.PeerWait = 100 * time.Millisecond
		p := startProcess(t, cfg, engine)
		c := &conversation{t: t, fake: fake, p: p, chat: "DUREQ0000001", user: "UREQ0000001"}

		c.say("je veux me tuer")
		c.waitFor("appelez le 112")
		c.waitFor("alerté les collègues du canal d'entraide")
		req := fake.WaitMessages(t, peerChan, 1)[0]
		c.waitFor("aucun collègue n'a encore pu vous rejoindre")
		if c.count("annuler") != 0 {
			t.Errorf("invited to cancel: %v", textsIn(fake, c.chat))
		}
		// The urgent request stays open: a late volunteer still comes.
		if got := fake.Messages(peerChan)[0]; len(got.Buttons()) == 0 {
			t.Fatalf("the urgent request was closed when the wait ended")
		}
		p.press(t, "U2", req, req.Button(t, "I can listen"))
		fake.Wait(t, "group DM", func() bool { return len(groupOpens(fake)) == 1 })
		c.waitFor("Un collègue vous a rejoint")
	})
	// "cancel" said alone withdraws it, as at the desk, after the wait
	// too: the request then closes in the channel.
	t.Run("en_withdrawn_after_the_wait", func(t *testing.T) {
		t.Parallel()
		fake := slackfake.New(t)
		engine, store := colleaguesOnly(t)
		cfg := testConfig(t, fake, store)
		cfg.PeerWait = 100 * time.Millisecond
		p := startProcess(t, cfg, engine)
		c := &conversation{t: t, fake: fake, p: p, chat: "DUREQ0000001", user: "UREQ0000001"}

		c.say("I want to kill myself")
		req := fake.WaitMessages(t, peerChan, 1)[0]
		c.waitFor("no colleague has been able to join you yet")
		c.say("cancel")
		c.waitFor("withdrawn your request")
		fake.Wait(t, "request closed", func() bool { return len(fake.Messages(peerChan)[0].Buttons()) == 0 })
		p.press(t, "U2", req, req.Button(t, "I can listen"))
		fake.Wait(t, "note", func() bool { return len(fake.Ephemerals()) == 1 })
		if n := len(groupOpens(fake)); n != 0 {
			t.Errorf("a volunteer was connected to one who withdrew")
		}
	})
	// An ordinary peer request withdrawn with "cancel" closes in the
	// channel: a colleague must not be connected to one who withdrew.
	t.Run("en_peer_request_cancelled", func(t *testing.T) {
		t.Parallel()
		fake := slackfake.New(t)
		engine, store := colleaguesOnly(t)
		p := startProcess(t, testConfig(t, fake, store), engine)
		c := &conversation{t: t, fake: fake, p: p, chat: "DUREQ0000001", user: "UREQ0000001"}

		c.say("can I talk to someone")
		c.press("post an anonymous request", "Yes, OK")
		c.waitFor("I've posted your request")
		req := fake.WaitMessages(t, peerChan, 1)[0]
		c.say("cancel")
		c.waitFor("withdrawn your request")
		fake.Wait(t, "request closed", func() bool { return len(fake.Messages(peerChan)[0].Buttons()) == 0 })
		if n := len(fake.Messages(peerChan)); n != 1 {
			t.Errorf("%d requests in the peer channel after cancel; want 1", n)
		}
		p.press(t, "U2", req, req.Button(t, "I can listen"))
		fake.Wait(t, "note", func() bool { return len(fake.Ephemerals()) == 1 })
		if n := len(groupOpens(fake)); n != 0 {
			t.Errorf("a volunteer was connected to one who withdrew")
		}
	})
}

// TestE2ECrisisPeerRequestNotPosted23: the urgent request of a colleague
// in danger could not be posted (no peer channel set, the bot not in it,
// Slack down): nobody was alerted, so nobody may be said to be. Before,
// they heard "no colleague has been able to join you yet", then "The
// colleagues in the peer-support channel have been alerted … I'll tell
// you as soon as someone does" to whatever they wrote next.
func TestE2ECrisisPeerRequestNotPosted23(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, lang, say, honest, next string
		lies                          []string
	}{
		{"en", "en-GB", "I want to kill myself", "could not reach the colleagues", "hello?",
			[]string{"no colleague has been able to join you yet", "have been alerted"}},
		{"fr", "fr-FR", "je veux me tuer", "pas pu joindre les collègues", "allô ?",
			[]string{"aucun collègue n'a encore pu vous rejoindre", "ont été alertés"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fake := slackfake.New(t)
			fake.SetLocale("UREQ0000001", tt.lang)
			engine, store := colleaguesOnly(t)
			cfg := testConfig(t, fake, store)
			cfg.PeerChannel = ""
			p := startProcess(t, cfg, engine)
			c := &conversation{t: t, fake: fake, p: p, chat: "DUREQ0000001", user: "UREQ0000001"}

			c.say(tt.say)
			c.waitFor(tt.honest)
			// The safety message, crisis_peer_alert, its taking back,
			// then an answer to what they write next.
			c.say(tt.next)
			fake.Wait(t, "an answer to "+tt.next, func() bool { return len(fake.Messages(c.chat)) >= 4 })
			for _, lie := range tt.lies {
				if n := c.count(lie); n != 0 {
					t.Errorf("told %q with nobody alerted: %v", lie, textsIn(fake, c.chat))
				}
			}
		})
	}
}
