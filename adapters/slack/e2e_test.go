package slack

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/adapters/internal/adaptertest"
	"github.com/carebot/carebot/adapters/slack/slackfake"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// staff completes cfg for the staff Slack: the built-in flows, the
// employee audience, a logger to the test and a desk. Someone can come:
// the peer queue is this adapter's, and the engine opens a hand-off only
// when told a person may come.
func staff(t *testing.T, cfg bot.Config) bot.Config {
	cfg.Flows, cfg.Desk = bottest.MustFlows(t), &bottest.Desk{}
	cfg.Audience = func(bot.Address) string { return flow.AudienceEmployee }
	if cfg.Logger == nil {
		cfg.Logger = adaptertest.Logger(t)
	}
	return cfg
}

// newEngine is the real engine for the staff Slack (staff(cfg)), on a
// memory store that is also the Claimer.
func newEngine(t *testing.T, cfg bot.Config) (*bot.Engine, *memstore.Store) {
	t.Helper()
	store := memstore.New(memstore.Config{})
	cfg.Store = store
	e, err := bot.New(staff(t, cfg))
	if err != nil {
		t.Fatalf("new engine: %v", err)
	}
	return e, store
}

// conversation drives one person's DM with the bot.
type conversation struct {
	t    *testing.T
	fake *slackfake.Server
	p    *process
	chat string
	user string
	n    int // events sent
}

// say sends a DM.
func (c *conversation) say(text string) {
	c.t.Helper()
	c.n++
	c.p.event(c.t, fmt.Sprintf("EvE2E%s%d", c.user, c.n), slackfake.DM(c.chat, c.user, text, fmt.Sprintf("1700001000.%06d", c.n)))
}

// command sends a slash command, typed in a channel: Slack never delivers
// "/peer" as DM text.
func (c *conversation) command(cmd string) {
	c.t.Helper()
	res, err := c.p.send.Command(c.t.Context(), cmd, "", c.user, "CGENERAL")
	if err != nil || res.Status != 200 {
		c.t.Fatalf("command %s: %+v %v", cmd, res, err)
	}
}

// waitFor waits for a bot message containing text in the DM and returns it.
func (c *conversation) waitFor(text string) slackfake.Message {
	c.t.Helper()
	var found slackfake.Message
	c.fake.Wait(c.t, "a message with "+text, func() bool {
		for _, m := range c.fake.Messages(c.chat) {
			if strings.Contains(m.Text, text) {
				found = m
				return true
			}
		}
		return false
	})
	return found
}

// press presses the button labelled label on the message containing text.
func (c *conversation) press(text, label string) {
	c.t.Helper()
	m := c.waitFor(text)
	c.p.press(c.t, c.user, m, m.Button(c.t, label))
}

// count returns how many bot messages in the DM contain text.
func (c *conversation) count(text string) int {
	n := 0
	for _, m := range c.fake.Messages(c.chat) {
		if strings.Contains(m.Text, text) {
			n++
		}
	}
	return n
}

// TestE2EPeerSupportConnected: an employee talks to the bot in a DM
// through the built-in peer-support flow, with buttons, an answer typed
// instead of pressed and a press on that older question; agrees to talk
// to a colleague; a volunteer offers in the peer channel and the two are
// connected in a group DM.
func TestE2EPeerSupportConnected(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	engine, store := newEngine(t, bot.Config{})
	p := startProcess(t, testConfig(t, fake, store), engine)
	c := &conversation{t: t, fake: fake, p: p, chat: "DUREQ0000001", user: "UREQ0000001"}

	c.command("/peer")
	c.waitFor("Thank you for reaching out")
	c.press("What's going on?", "I just need to talk")
	fake.Wait(t, "question answered", func() bool { return len(c.waitFor("What's going on?").Buttons()) == 0 })
	if bt := c.waitFor("What's going on?").BlockText(); !strings.Contains(bt, "✓ *I just need to talk*") {
		t.Errorf("answered question reads %q", bt)
	}
	c.waitFor("tell me what happened")
	c.say("It was a long call with a customer who would not listen.")
	c.waitFor("It helps to put it into words")
	c.waitFor("What would help you now?")
	c.say("1") // typed instead of pressed: the buttons of that question stay
	c.waitFor("post an anonymous request")

	// A press on the older question: the kind "expired" line and the current question.
	c.press("What would help you now?", "Take a breathing pause")
	fake.Wait(t, "expired answer", func() bool { return c.count("post an anonymous request") == 2 })
	if c.count("no longer works") != 1 {
		t.Errorf("no 'expired' line; the DM reads %v", textsIn(fake, c.chat))
	}
	if c.count("Let's take a short pause") != 0 {
		t.Error("a stale press started the breathing flow")
	}
	fake.Wait(t, "old question cleared", func() bool { return c.waitFor("What would help you now?").Updates == 1 })
	if old := c.waitFor("What would help you now?"); len(old.Buttons()) != 0 || strings.Contains(old.BlockText(), "✓") {
		t.Errorf("the older question reads %q with %d buttons: a stale press must not show as chosen", old.BlockText(), len(old.Buttons()))
	}

	msgs := fake.Messages(c.chat)
	latest := msgs[len(msgs)-1]
	p.press(t, "UREQ0000001", latest, latest.Button(t, "Yes, OK"))
	c.waitFor("I've posted your request")

	req := fake.WaitMessages(t, peerChan, 1)[0]
	if strings.Contains(req.Text+string(req.Blocks), "UREQ0000001") || strings.Contains(req.Text+string(req.Blocks), c.chat) {
		t.Fatalf("the request reveals the person: %s", req.Blocks)
	}
	p.press(t, "U2", req, req.Button(t, "I can listen"))
	fake.Wait(t, "group DM", func() bool { return len(groupOpens(fake)) == 1 })
	if got := groupOpens(fake)[0]; got != "UREQ0000001,U2" {
		t.Errorf("group DM with %q", got)
	}
	c.waitFor("connected with a colleague in a private conversation") // the peer flow's closing line
	fake.Wait(t, "request taken", func() bool { return len(fake.Messages(peerChan)[0].Buttons()) == 0 })

	// A second volunteer is told kindly.
	p.press(t, "U3", req, req.Button(t, "I can listen"))
	fake.Wait(t, "note", func() bool { return len(fake.Ephemerals()) == 1 })
	if e := fake.Ephemerals()[0]; e.User != "U3" || !strings.Contains(e.Text, "already listening") {
		t.Errorf("second volunteer told %+v", e)
	}
}

// TestE2EPeerSupportNobody: nobody offers in time; the flow says so
// honestly, in the person's Slack language, and offers the breathing
// pause, which works.
func TestE2EPeerSupportNobody(t *testing.T) {
	t.Parallel()
	fake := slackfake.New(t)
	fake.SetLocale("UREQ0000001", "fr-FR")
	engine, store := newEngine(t, bot.Config{})
	cfg := testConfig(t, fake, store)
	cfg.PeerWait = 100 * time.Millisecond
	p := startProcess(t, cfg, engine)
	c := &conversation{t: t, fake: fake, p: p, chat: "DUREQ0000001", user: "UREQ0000001"}

	c.command("/peer")
	c.press("Que se passe-t-il ?", "J'ai juste besoin de parler")
	c.waitFor("racontez-moi ce qui s'est passé")
	c.say("Un appel difficile, c'est tout.")
	c.press("Qu'est-ce qui vous ferait du bien maintenant ?", "Parler à un collègue")
	c.press("publier une demande anonyme", "Oui, d'accord")
	c.waitFor("J'ai publié votre demande")
	req := fake.WaitMessages(t, peerChan, 1)[0]

	c.waitFor("aucun collègue n'était disponible")
	c.press("pause respiration, ou que je demande", "Une pause respiration")
	c.waitFor("Prenons une courte pause ensemble")

	fake.Wait(t, "request closed", func() bool { return fake.Messages(peerChan)[0].Updates > 0 })
	if got := fake.Messages(peerChan)[0]; len(got.Buttons()) != 0 {
		t.Errorf("closed request still has buttons")
	}
	p.press(t, "U2", req, req.Button(t, "I can listen")) // too late
	fake.Wait(t, "note", func() bool { return len(fake.Ephemerals()) == 1 })
	if n := len(groupOpens(fake)); n != 0 {
		t.Errorf("a late volunteer was connected")
	}
	if slices.ContainsFunc(fake.Messages(c.chat), func(m slackfake.Message) bool { return strings.Contains(m.Text, "Notre équipe a terminé") }) {
		t.Error("the person was told the hand-off closed")
	}
}

// groupOpens lists the users of the group DMs opened (not the bot's own DMs).
func groupOpens(fake *slackfake.Server) []string {
	var out []string
	for _, c := range fake.Calls("conversations.open") {
		if u := c.Params.Get("users"); strings.Contains(u, ",") {
			out = append(out, u)
		}
	}
	return out
}

// Flood control through the shared turn runner: the real engine and flows,
// real slack-go against the fake Slack. Replies come after pauses, as in
// production; the pauses run on a fake clock that moves only once the burst
// has arrived (40 messages sent in two seconds arrive long before the first
// pause ends).
//
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
		// The text asks for no person: a request for one passes the gate
		// (TestE2EFloodPersonButtonPasses), and "is anyone there?" is one.
		p.event(t, fmt.Sprintf("EvFlood%d", i), slackfake.DM(chat, user, fmt.Sprintf("where is my parcel? (%d)", i), fmt.Sprintf("1700002000.%06d", i)))
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
	c.press("What would help you today?", "Talk to a person")
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
