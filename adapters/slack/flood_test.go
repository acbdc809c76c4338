package slack

// Flood control through the shared turn runner: the real engine and flows,
// real slack-go against the fake Slack. Replies come after pauses, as in
// production; the pauses run on a fake clock that moves only once the burst
// has arrived (40 messages sent in two seconds arrive long before the first
// pause ends).

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/adapters/slack/slackfake"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
)

// floodProcess is a Slack process whose engine limits each person to
// limit messages per window and whose adapter counts them as they arrive.
func floodProcess(t *testing.T, fake *slackfake.Server, clock *bottest.PauseClock, limit int, window time.Duration) (*process, *bottest.Paced) {
	t.Helper()
	e, store := newEngine(t, bot.Config{Now: clock.Now, FloodLimit: limit, FloodWindow: window})
	cfg := testConfig(t, fake, store)
	cfg.PaceScale = 1
	cfg.Gate = e
	h := &bottest.Paced{Next: e, Pause: 1500 * time.Millisecond}
	p := startProcess(t, cfg, h)
	p.a.sleep = clock.Sleep
	return p, h
}

// TestE2EFloodCountedAtArrival: 40 DMs in a burst. The person gets at most
// the answer already being written and one gentle notice. Counted when each
// turn ran, the pauses spread the 40 turns over a minute and all were
// answered.
func TestE2EFloodCountedAtArrival(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	clock := bottest.NewPauseClock()
	p, h := floodProcess(t, fake, clock, 20, 10*time.Second)
	const chat, user = "DFLOOD", "UFLOOD"
	for i := range 40 {
		// Each event is answered 200 once the runner took it: counted.
		p.event(t, fmt.Sprintf("EvFlood%d", i), slackfake.DM(chat, user, fmt.Sprintf("is anyone there? (%d)", i), fmt.Sprintf("1700002000.%06d", i)))
	}
	clock.Release()
	key := bot.Address{Platform: Platform, Chat: chat, User: user}.String()
	fake.Wait(t, "the burst handled", func() bool { return p.a.state.Load().r.Idle(key) })

	notice := bottest.MustFlows(t).Common.Messages[flow.MsgFlood].In("en", "en")
	got := textsIn(fake, chat)
	n := 0
	for _, s := range got {
		if strings.Contains(s, escape(notice)) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d flood notices, want 1: %q", n, got)
	}
	// The first message's turn may have started before the burst was
	// counted; nothing else is answered.
	if turns := h.Turns.Load(); turns > 1 {
		t.Errorf("%d of the burst's messages were answered, want at most the first", turns)
	}
}

// TestE2EFloodPersonButtonPasses: a pressed button that leads to a person
// passes the flood gate like a typed request for one. With a limit of one
// message the first DM uses it up; "Talk to a person" pressed next must
// reach the human flow, not the flood notice.
func TestE2EFloodPersonButtonPasses(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	clock := bottest.NewPauseClock()
	clock.Release()
	p, h := floodProcess(t, fake, clock, 1, time.Hour)
	c := &conversation{t: t, fake: fake, p: p, chat: "DPERSON", user: "UPERSON"}
	c.say("hello")
	key := bot.Address{Platform: Platform, Chat: c.chat, User: c.user}.String()
	fake.Wait(t, "the welcome sent", func() bool { return h.Turns.Load() == 1 && p.a.state.Load().r.Idle(key) })
	before := len(textsIn(fake, c.chat))
	c.press("What can I help you with today?", "Talk to a person")
	// The press's HTTP request is answered once the runner took it.
	fake.Wait(t, "the press handled", func() bool { return p.a.state.Load().r.Idle(key) })
	got := textsIn(fake, c.chat)
	if n := h.Turns.Load(); n != 2 {
		t.Errorf("the person button had no turn (%d turns)", n)
	}
	if n := c.count(escape(bottest.MustFlows(t).Common.Messages[flow.MsgFlood].In("en", "en"))); n != 0 {
		t.Errorf("the person button got the flood notice: %q", got)
	}
	if len(got) <= before {
		t.Errorf("the person button got no answer: %q", got)
	}
}
