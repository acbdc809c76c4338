package desk_test

import (
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot/storetest"
)

// TestE2EAgentSilentOnSlack25: Camille takes the conversation on Slack,
// the person writes, and Camille goes silent. Before desk25 nothing
// happened, ever (the test waited in vain for the first line). Now, after
// desk.agent_silence (10m), the person hears once that Camille has not
// answered and the team was reminded, and the ticket's thread gets a
// reminder that mentions Camille (<@UCAMILLE>: Slack notifies her), posted
// by the real slack-go client; after 10m more the request is back in the
// queue (Take it shown again), the person is told, and Jean can take it.
func TestE2EAgentSilentOnSlack25(t *testing.T) {
	t.Parallel()
	w, p, card := escalated(t)
	press(t, p, "UCAMILLE", card, "Take it")
	w.waitSent(t, customer, "Camille, from our team, is here with you now.")
	w.shown(t, card, "Back to the bot")
	w.say(customer, "hello? are you there?")
	w.waitThread(t, card, "Person: hello? are you there?")

	w.clock.Add(9 * time.Minute)
	storetest.Must(t, p.desk.Tick(t.Context(), p.h))
	w.clock.Add(time.Minute + time.Second)
	storetest.Must(t, p.desk.Tick(t.Context(), p.h))
	w.waitSent(t, customer, "Camille hasn't answered you for a while, so I've reminded our team.")
	if n := countContaining(w.sentTexts(customer), "hasn't answered you"); n != 1 {
		t.Errorf("the person was told %d times that Camille has not answered, want once", n)
	}
	w.waitThread(t, card, "<@UCAMILLE> ⏰ Camille, the person has been waiting 10m01s for your answer.")

	w.clock.Add(10 * time.Minute)
	storetest.Must(t, p.desk.Tick(t.Context(), p.h))
	w.waitSent(t, customer, "Camille still hasn't answered, so I've passed your request back to our team.")
	w.waitThread(t, card, "Camille did not answer within 10m00s of the reminder")
	press(t, p, "UJEAN", w.shown(t, card, "Take it"), "Take it")
	w.waitSent(t, customer, "Jean, from our team, is here with you now.")
	agentSays(t, p, "UJEAN", card, "Hi, I'm Jean, sorry for the wait")
	w.waitSent(t, customer, "Jean: Hi, I'm Jean, sorry for the wait")
	if n := countContaining(w.sentTexts(customer), "passed your request back"); n != 1 {
		t.Errorf("the person was told %d times the request went back, want once", n)
	}
}

// TestE2EAgentSilentRelayingReplicaDies25: two carebot processes on one
// real redis-server. The one that polls Telegram relays the person's line
// to the thread (and so starts the holder's silence), then dies. The
// other, which relayed nothing and holds nothing in memory, tells the
// person and reminds Camille when her silence is due: the wait is in the
// store. Before desk25 nobody did.
func TestE2EAgentSilentRelayingReplicaDies25(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p1 := w.start(t, true)
	p2 := w.start(t, false)
	card := w.escalate(t, customer, 1)
	press(t, p2, "UCAMILLE", card, "Take it")
	w.waitSent(t, customer, "Camille, from our team, is here with you now.")
	w.shown(t, card, "Back to the bot")
	w.say(customer, "hello? anyone?")
	w.waitThread(t, card, "Person: hello? anyone?")
	p1.stop()

	w.clock.Add(10*time.Minute + time.Second)
	storetest.Must(t, p2.desk.Tick(t.Context(), p2.h))
	w.waitSent(t, customer, "Camille hasn't answered you for a while, so I've reminded our team.")
	w.waitThread(t, card, "<@UCAMILLE> ⏰ Camille, the person has been waiting")
	// Told once, whichever process looks again.
	storetest.Must(t, p2.desk.Tick(t.Context(), p2.h))
	if n := countContaining(w.thread(card), "the person has been waiting"); n != 1 {
		t.Errorf("%d reminders in the thread, want 1:\n%s", n, strings.Join(w.thread(card), "\n"))
	}
}

// TestE2EAgentSilentInCrisis25: a crisis taken on Slack and left silent
// is watched a quarter as long (2m30s of the default 10m). The person
// hears the team was alerted again, as urgent, with the emergency line,
// never "cancel"; Camille and the whole channel (@here) are notified, as
// the person was told; when the urgent request goes back
// to the queue the whole channel is notified again (@here), as when the
// card was first posted. Before desk25 nothing happened.
func TestE2EAgentSilentInCrisis25(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p := w.start(t, true)
	w.say(customer, "I don't want to live anymore")
	w.alerted(t, customer, "Your safety matters", "I have alerted our team", 1)
	card := w.card(t, 1)
	press(t, p, "UCAMILLE", card, "Take it")
	w.waitSent(t, customer, "Camille, from our team, is here with you now.")
	w.shown(t, card, "Back to the bot")
	w.say(customer, "please answer me")
	w.waitThread(t, card, "Person: please answer me")

	w.clock.Add(2*time.Minute + 31*time.Second)
	storetest.Must(t, p.desk.Tick(t.Context(), p.h))
	w.waitSent(t, customer, "Camille hasn't answered you for a while, so I've alerted our team again, as urgent.")
	// "I've alerted our team again, as urgent": the channel, not only
	// Camille, is notified (review25a: before, only Camille was).
	w.waitThread(t, card, "<!here> <@UCAMILLE> ⏰ Camille, the person has been waiting 2m31s")
	w.clock.Add(2*time.Minute + 30*time.Second)
	storetest.Must(t, p.desk.Tick(t.Context(), p.h))
	w.waitThread(t, card, "<!here> ⏰ Camille did not answer within 2m30s of the reminder")
	w.shown(t, card, "Take it")
	said := strings.Join(w.sentTexts(customer), "\n")
	if n := strings.Count(said, "alerted our team again, as urgent"); n != 2 {
		t.Errorf("the person heard the urgent line %d times, want 2 (the reminder, back in the queue):\n%s", n, said)
	}
	if strings.Contains(said, `"cancel"`) {
		t.Errorf("a person in crisis was invited to cancel:\n%s", said)
	}
}
