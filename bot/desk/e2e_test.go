package desk_test

// End to end: a Telegram customer, agents on Slack, a real redis-server,
// through the real telegram-bot-api and slack-go libraries against the
// fakes of the adapters' tests. Waits are ended by calling Desk.Tick with
// a fake clock: nothing sleeps.

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	slackad "github.com/carebot/carebot/adapters/slack"
	"github.com/carebot/carebot/adapters/slack/slackfake"
	"github.com/carebot/carebot/adapters/telegram"
	"github.com/carebot/carebot/adapters/telegram/telegramtest"
	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/desk"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/bot/redisstore/redistest"
	"github.com/carebot/carebot/bot/storetest"
)

const (
	deskChan   = "CDESK"
	signSecret = "desk-signing-secret"
	customer   = 42
)

// world is what the carebot processes share: Telegram, Slack, Redis.
type world struct {
	tg    *telegramtest.Server
	sl    *slackfake.Server
	redis string
	clock *bottest.Clock
	set   *flow.Set
	hours desk.Hours
	leads []string // the desk leads' Slack IDs, set before start
}

func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{tg: telegramtest.New(t), sl: slackfake.New(t), redis: redistest.Start(t), clock: bottest.NewClock(time.Now()), set: bottest.MustFlows(t)}
	w.sl.SetProfile("UCAMILLE", "Camille Martin", "Camille")
	w.sl.SetProfile("UJEAN", "Jean Dupont", "")
	return w
}

// proc is one carebot process.
type proc struct {
	desk  *desk.Desk
	h     bot.Handler // the engine
	store *redisstore.Store
	send  slackfake.Sender
	stop  func()
}

// start runs a carebot process: an engine on Redis, the desk, the Slack
// adapter over HTTP and, when poll is set, the Telegram adapter polling
// (only one process polls Telegram; the others use it to send).
func (w *world) start(t *testing.T, poll bool) *proc {
	t.Helper()
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelDebug}))
	store := w.newStore(t)
	// The desk first, then the engine it serves, then the adapters.
	senders := map[string]bot.Sender{}
	d := w.newDesk(t, log, store, senders)
	engine, err := bot.New(bot.Config{Flows: w.set, Store: store, Desk: d, Logger: log})
	if err != nil {
		t.Fatalf("engine: %v", err)
	}
	tga, err := telegram.New(telegram.Config{Token: telegramtest.Token, Endpoint: w.tg.Endpoint(), HTTPClient: w.tg.Client(), Logger: log, PaceScale: -1, Texts: engine})
	if err != nil {
		t.Fatalf("telegram: %v", err)
	}
	scfg := w.slackConfig(log, store, d)
	scfg.Texts, scfg.AgentNames = engine, map[string]string{"UJEAN": "Jean"}
	sa, err := slackad.New(scfg)
	if err != nil {
		t.Fatalf("slack: %v", err)
	}
	senders["telegram"], senders["slack"] = tga, sa
	var h bot.Handler = engine

	send, srv := serveSlack(sa)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { _ = sa.Run(ctx, h) })
	if poll {
		wg.Go(func() { _ = tga.Run(ctx, h) })
	}
	p := &proc{desk: d, h: h, store: store, send: send}
	var once sync.Once
	p.stop = func() {
		once.Do(func() {
			cancel()
			wg.Wait()
			srv.Close()
			store.Close()
		})
	}
	t.Cleanup(p.stop)
	w.sl.Wait(t, "slack adapter running", func() bool { return slackUp(t, send, "") })
	return p
}

// newStore connects a carebot process to the world's Redis.
func (w *world) newStore(t *testing.T) *redisstore.Store {
	t.Helper()
	store, err := redisstore.New(redisstore.Config{URL: w.redis, TTL: time.Hour})
	if err != nil {
		t.Fatalf("redisstore: %v", err)
	}
	return store
}

// newDesk is a process's desk on store, posting its cards to the fake Slack.
func (w *world) newDesk(t *testing.T, log *slog.Logger, store *redisstore.Store, senders map[string]bot.Sender) *desk.Desk {
	t.Helper()
	board, err := slackad.NewBoard(slackad.Config{BotToken: slackfake.BotToken, APIURL: w.sl.URL, HTTPClient: w.sl.Client(), Logger: log, Texts: w.set})
	if err != nil {
		t.Fatalf("board: %v", err)
	}
	d, err := desk.New(desk.Config{
		Store: store.Desk(), Board: board, Texts: w.set, Senders: senders,
		DefaultChannel: deskChan, Wait: 5 * time.Minute, Hours: w.hours, Leads: w.leads, Logger: log, Now: w.clock.Now,
	})
	if err != nil {
		t.Fatalf("desk: %v", err)
	}
	return d
}

// slackConfig is the Slack adapter of a process with desk d on store.
func (w *world) slackConfig(log *slog.Logger, store *redisstore.Store, d *desk.Desk) slackad.Config {
	return slackad.Config{BotToken: slackfake.BotToken, SigningSecret: signSecret, APIURL: w.sl.URL,
		HTTPClient: w.sl.Client(), Logger: log, PaceScale: -1, Claimer: store, Peers: store.Peers(), PeerChannel: "CPEER", Texts: w.set,
		Desk: d, DeskChannels: []string{deskChan}}
}

// serveSlack serves sa's Events API and interactions over HTTP and returns
// a sender of signed requests to them.
func serveSlack(sa *slackad.Adapter) (slackfake.Sender, *httptest.Server) {
	mux := http.NewServeMux()
	mux.Handle("/slack/events", sa.EventsHandler())
	mux.Handle("/slack/interactions", sa.InteractionsHandler())
	srv := httptest.NewServer(mux)
	return slackfake.Sender{Secret: signSecret, EventsURL: srv.URL + "/slack/events", InteractionsURL: srv.URL + "/slack/interactions", Client: srv.Client()}, srv
}

var probes atomic.Int64

// slackUp reports whether the Slack side behind send serves (it answers
// 503 while starting): the bot's own DM event is acknowledged and dropped
// once it runs.
func slackUp(t *testing.T, send slackfake.Sender, replica string) bool {
	n := probes.Add(1)
	res, err := send.Event(t.Context(), fmt.Sprintf("Probe%s%d", replica, n), slackfake.BotDM("DPROBE", "probe", fmt.Sprintf("1600000000.%06d", n)))
	return err == nil && res.Status == http.StatusOK
}

// say pushes the customer's words and waits for the bot to have sent n messages in all.
func (w *world) say(chat int64, text string) { w.tg.Push(telegramtest.Text(chat, chat, text)) }

// sentTexts is what the bot sent to chat.
func (w *world) sentTexts(chat int64) []string {
	var out []string
	for _, c := range w.tg.Sent(chat) {
		out = append(out, c.Text())
	}
	return out
}

// waitSent waits until the bot sent chat a message containing s.
func (w *world) waitSent(t *testing.T, chat int64, s string) {
	t.Helper()
	w.tg.Wait(t, fmt.Sprintf("telegram message containing %q", s), func(*telegramtest.Server) bool {
		return countContaining(w.sentTexts(chat), s) > 0
	})
}

func countContaining(list []string, s string) int {
	n := 0
	for _, x := range list {
		if strings.Contains(x, s) {
			n++
		}
	}
	return n
}

// card waits for the n-th desk message (1-based) and returns it as it stands.
func (w *world) card(t *testing.T, n int) slackfake.Message {
	t.Helper()
	var out slackfake.Message
	w.sl.Wait(t, fmt.Sprintf("desk card %d", n), func() bool {
		k := 0
		for _, m := range w.sl.Messages(deskChan) {
			if m.ThreadTS == "" {
				k++
				if k == n {
					out = m
					return true
				}
			}
		}
		return false
	})
	return out
}

// reload returns a desk message as it stands now.
func (w *world) reload(m slackfake.Message) slackfake.Message {
	for _, x := range w.sl.Messages(deskChan) {
		if x.TS == m.TS {
			return x
		}
	}
	return m
}

// thread returns the texts posted in a card's thread.
func (w *world) thread(card slackfake.Message) []string {
	var out []string
	for _, m := range w.sl.Messages(deskChan) {
		if m.ThreadTS == card.TS {
			out = append(out, m.Text)
		}
	}
	return out
}

func (w *world) waitThread(t *testing.T, card slackfake.Message, s string) {
	t.Helper()
	w.sl.Wait(t, fmt.Sprintf("thread line containing %q", s), func() bool { return countContaining(w.thread(card), s) > 0 })
}

// shown waits until desk message m shows a button labelled label and
// returns the message as it stands: the desk updates a card after the
// action that changes it is answered (the person may read "Camille is
// here" before the card shows Resolve).
func (w *world) shown(t *testing.T, m slackfake.Message, label string) slackfake.Message {
	t.Helper()
	w.sl.Wait(t, fmt.Sprintf("button %q on desk message %s", label, m.TS), func() bool {
		m = w.reload(m)
		return slices.ContainsFunc(m.Buttons(), func(b slackfake.Button) bool { return b.Label == label })
	})
	return m
}

func press(t *testing.T, p *proc, user string, m slackfake.Message, label string) {
	t.Helper()
	res, err := p.send.Interaction(t.Context(), slackfake.Press(user, m, m.Button(t, label)))
	if err != nil || res.Status != http.StatusOK {
		t.Fatalf("press %q: %v %+v", label, err, res)
	}
}

var agentTS atomic.Int64

// agentSays posts an agent's reply in the card's thread as a message.channels event.
func agentSays(t *testing.T, p *proc, user string, card slackfake.Message, text string) string {
	t.Helper()
	ts := fmt.Sprintf("1800000000.%06d", agentTS.Add(1))
	res, err := p.send.Event(t.Context(), "Ev"+ts, slackfake.ThreadMessage(deskChan, user, text, ts, card.TS))
	if err != nil || res.Status != http.StatusOK {
		t.Fatalf("agent message: %v %+v", err, res)
	}
	return ts
}

// escalate makes the customer describe a problem and ask for a person,
// and returns the desk card.
func (w *world) escalate(t *testing.T, chat int64, n int) slackfake.Message {
	t.Helper()
	w.say(chat, "my parcel never arrived and it was a birthday present, call me on +33 6 12 34 56 78")
	w.tg.Wait(t, "an answer", func(*telegramtest.Server) bool { return len(w.tg.Sent(chat)) > 0 })
	w.say(chat, "I need to speak to a human")
	w.waitSent(t, chat, "I'm asking a person from our team")
	return w.card(t, n)
}

// escalated is a world with leads, one carebot process polling Telegram,
// and the customer's hand-off on the desk: card 1.
func escalated(t *testing.T, leads ...string) (*world, *proc, slackfake.Message) {
	t.Helper()
	w := newWorld(t)
	w.leads = leads
	p := w.start(t, true)
	return w, p, w.escalate(t, customer, 1)
}

func TestE2EEscalateTakeRelayResolve(t *testing.T) {
	t.Parallel()
	w, p, card := escalated(t)
	// The honest estimate follows the hand-off's own line.
	w.waitSent(t, customer, "I can't tell you exactly how long")
	body := card.BlockText()
	for _, want := range []string{"Normal", "asked for a person", "Telegram customer", "Asked:", "birthday present", "[phone hidden]", "Last turns:"} {
		if !strings.Contains(body, want) {
			t.Errorf("desk card lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "12 34 56") || strings.Contains(body, "<!here>") {
		t.Errorf("desk card shows a phone number or notifies for a normal hand-off:\n%s", body)
	}
	card.Button(t, "Take it")

	// The person keeps typing while waiting: it reaches the thread.
	w.say(customer, "hello? anyone?")
	w.waitThread(t, card, "Person: hello? anyone?")

	// An agent takes it: the person learns their first name, never the handle.
	press(t, p, "UCAMILLE", card, "Take it")
	w.waitSent(t, customer, "Camille, from our team, is here with you now.")
	w.sl.Wait(t, "card shows the holder", func() bool { return strings.Contains(w.reload(card).BlockText(), "Taken by Camille") })

	// Agent → person; an internal note stays in Slack.
	agentSays(t, p, "UCAMILLE", card, "note: check the courier first")
	agentSays(t, p, "UCAMILLE", card, "Hi, I'm looking at your order now")
	w.waitSent(t, customer, "Camille: Hi, I'm looking at your order now")
	// Person → thread, in order.
	w.say(customer, "thank you so much")
	w.waitThread(t, card, "Person: thank you so much")
	if n := countContaining(w.sentTexts(customer), "courier"); n != 0 {
		t.Errorf("an internal note reached the person")
	}
	th := w.thread(card)
	if i, j := indexContaining(th, "hello? anyone?"), indexContaining(th, "thank you so much"); i < 0 || j < i {
		t.Errorf("thread out of order: %q", th)
	}

	// Resolve: closing line, the satisfaction question, the outcome on the card.
	press(t, p, "UCAMILLE", w.shown(t, card, "Resolve"), "Resolve")
	w.waitSent(t, customer, "Our team has finished looking after your request")
	w.waitSent(t, customer, "how well did we look after you?")
	w.sl.Wait(t, "card shows the outcome", func() bool {
		b := w.reload(card).BlockText()
		return strings.Contains(b, "Resolved") && strings.Contains(b, "first human reply after")
	})
	if got := w.reload(card).Buttons(); len(got) != 0 {
		t.Errorf("a resolved card still has buttons: %+v", got)
	}
	if n := countContaining(w.sentTexts(customer), "Camille: Hi"); n != 1 {
		t.Errorf("agent's reply reached the person %d times, want 1", n)
	}
}

func indexContaining(list []string, s string) int {
	for i, x := range list {
		if strings.Contains(x, s) {
			return i
		}
	}
	return -1
}

// Two agents press Take it at once, on two carebot processes: one wins.
func TestE2ETwoAgentsRaceOnTwoProcesses(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p1 := w.start(t, true)
	p2 := w.start(t, false)
	card := w.escalate(t, customer, 1)

	var wg sync.WaitGroup
	wg.Go(func() { press(t, p1, "UCAMILLE", card, "Take it") })
	wg.Go(func() { press(t, p2, "UJEAN", card, "Take it") })
	wg.Wait()
	w.waitEphemeral(t, "", "already took this one")
	w.waitSent(t, customer, "from our team, is here with you now.")
	taken := countContaining(w.sentTexts(customer), "from our team, is here with you now.")
	if taken != 1 {
		t.Fatalf("the person was told %d times that someone took it", taken)
	}
	winner := "UCAMILLE"
	name := "Camille"
	if countContaining(w.sentTexts(customer), "Jean, from our team") == 1 {
		winner, name = "UJEAN", "Jean"
	}

	// Each process relays both ways; Slack's retry of the same event to the
	// other process is relayed once.
	ts := agentSays(t, p2, winner, card, "first reply via process two")
	res, err := p1.send.Event(t.Context(), "Ev"+ts, slackfake.ThreadMessage(deskChan, winner, "first reply via process two", ts, card.TS), slackfake.Retry(1))
	if err != nil || res.Status != http.StatusOK {
		t.Fatalf("retry: %v %+v", err, res)
	}
	agentSays(t, p1, winner, card, "second reply via process one")
	w.waitSent(t, customer, name+": second reply via process one")
	w.waitSent(t, customer, name+": first reply via process two")
	w.say(customer, "got both")
	w.waitThread(t, card, "Person: got both")
	if n := countContaining(w.sentTexts(customer), "first reply via process two"); n != 1 {
		t.Errorf("a reply delivered to both processes reached the person %d times", n)
	}
	// The loser's words stay in the thread.
	loser := map[string]string{"UCAMILLE": "UJEAN", "UJEAN": "UCAMILLE"}[winner]
	agentSays(t, p1, loser, card, "I can help too")
	w.waitEphemeral(t, loser, "does not reach the person")
	if countContaining(w.sentTexts(customer), "I can help too") != 0 {
		t.Error("a message from the agent who does not hold the conversation reached the person")
	}
}

// carebot restarts between take and the first agent reply: the new
// process, with nothing in memory, keeps relaying both ways.
func TestE2ERestartAfterTake(t *testing.T) {
	t.Parallel()
	w, p1, card := escalated(t)
	press(t, p1, "UCAMILLE", card, "Take it")
	w.waitSent(t, customer, "Camille, from our team")
	// The card is updated after the person is told: stopping before it
	// lands would leave it without the holder's buttons.
	w.shown(t, card, "Back to the bot")
	p1.stop()

	p2 := w.start(t, true)
	agentSays(t, p2, "UCAMILLE", card, "sorry for the wait")
	w.waitSent(t, customer, "Camille: sorry for the wait")
	w.say(customer, "no problem")
	w.waitThread(t, card, "Person: no problem")
	press(t, p2, "UCAMILLE", w.shown(t, card, "Back to the bot"), "Back to the bot")
	w.waitSent(t, customer, "how well did we look after you?")
	w.sl.Wait(t, "card shows the outcome", func() bool { return strings.Contains(w.reload(card).BlockText(), "Given back to the bot") })
}

// The person cancels while waiting: the request is withdrawn and the thread says so.
func TestE2ECancelWhileWaiting(t *testing.T) {
	t.Parallel()
	w, p, card := escalated(t)
	w.say(customer, "cancel")
	w.sl.Wait(t, "card shows the withdrawal", func() bool { return strings.Contains(w.reload(card).BlockText(), "Withdrawn by the person") })
	w.waitThread(t, card, "Withdrawn by the person")
	// A late press is told it is closed.
	press(t, p, "UCAMILLE", card, "Take it")
	w.waitEphemeral(t, "", "already closed")
	if countContaining(w.sentTexts(customer), "from our team, is here") != 0 {
		t.Error("a withdrawn request was taken")
	}
}

// Nobody comes within the wait: the person is told and offered to leave
// a message, which is attached to the ticket; agents can still take it.
func TestE2ENobodyComes(t *testing.T) {
	t.Parallel()
	w, p, card := escalated(t)
	storetest.Must(t, p.desk.Tick(t.Context(), p.h))
	if countContaining(w.sentTexts(customer), "nobody from our team could join yet") != 0 {
		t.Fatal("the wait ended early")
	}
	w.clock.Add(5*time.Minute + time.Second)
	storetest.Must(t, p.desk.Tick(t.Context(), p.h))
	w.waitSent(t, customer, "Would you like to leave a message for the team?")
	w.waitThread(t, card, "Nobody took this within 5m")
	leaveMessage(t, w, card)
	// Still open for agents: taking it reaches the person.
	press(t, p, "UCAMILLE", w.shown(t, card, "Take it"), "Take it")
	w.waitSent(t, customer, "Camille, from our team, is here with you now.")
}

func leaveMessage(t *testing.T, w *world, card slackfake.Message) {
	t.Helper()
	var q telegramtest.Call
	for _, c := range w.tg.Sent(customer) {
		if strings.Contains(c.Text(), "leave a message for the team") {
			q = c
		}
	}
	w.tg.Push(telegramtest.PressOn(q, customer, 0))
	w.waitSent(t, customer, "Write your message here")
	w.say(customer, "please email me at jo@example.com about the parcel")
	w.waitSent(t, customer, "your message is with our team")
	w.waitThread(t, card, "The person left a message: please email me at [e-mail hidden] about the parcel")
}

// Outside business hours nobody can come: the person asking for someone is
// told so at once, honestly, and no ticket waits on the desk for a team
// that is away. Danger to life pre-empts the hours: a crisis still posts
// the urgent card (@here) where someone on call may see it, and the person
// gets the safety message and the truth: the team was alerted but may not
// be able to answer now (no promise of a reply).
func TestE2EOutsideBusinessHours(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lang, human, crisis, unavailable, safety, alerted string
		promises                                          []string
	}{
		{"en", "I need to speak to a human", "I don't want to live anymore",
			"nobody from our team can join this conversation right now", "Your safety matters",
			"I have alerted our team, but they may not be able to answer you right now",
			[]string{"I'm asking a person from our team", "a person will join you", "I'm alerting a person", "will write to you here"}},
		{"fr", "je veux parler à un humain", "je veux mourir, je vais me suicider",
			"personne de notre équipe ne peut rejoindre cette conversation", "Votre sécurité passe avant tout",
			"J'ai alerté notre équipe, mais elle ne pourra peut-être pas vous répondre en ce moment",
			[]string{"Je demande à une personne", "une personne va vous rejoindre", "Je préviens tout de suite", "Elle vous écrira ici"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t)
			tomorrow := w.clock.Now().UTC().Add(24 * time.Hour).Weekday()
			w.hours = desk.Hours{Days: []time.Weekday{tomorrow}, From: 9 * time.Hour, To: 17 * time.Hour}
			w.start(t, true)
			say := func(text string) { w.tg.Push(telegramtest.Lang(telegramtest.Text(customer, customer, text), tc.lang)) }
			say(tc.human)
			w.waitSent(t, customer, tc.unavailable)
			if n := len(w.sl.Messages(deskChan)); n != 0 {
				t.Fatalf("%d desk messages for an ordinary request outside business hours, want none", n)
			}
			say(tc.crisis)
			w.alerted(t, customer, tc.safety, tc.alerted, 1)
			if n := len(w.sl.Messages(deskChan)); n != 1 {
				t.Errorf("%d desk messages, want the crisis card only", n)
			}
			for _, promise := range tc.promises {
				if n := countContaining(w.sentTexts(customer), promise); n != 0 {
					t.Errorf("promised %q outside business hours:\n%s", promise, strings.Join(w.sentTexts(customer), "\n"))
				}
			}
		})
	}
}

// alerted waits for the safety message and the alert line sent to chat,
// and for desk card n, which must notify the channel as urgent.
func (w *world) alerted(t *testing.T, chat int64, safety, alert string, n int) {
	t.Helper()
	w.waitSent(t, chat, safety)
	w.waitSent(t, chat, alert)
	if c := w.card(t, n); !strings.HasPrefix(c.Text, "<!here>") || !strings.Contains(c.BlockText(), "URGENT") {
		t.Errorf("crisis card does not notify the channel: %q", c.Text)
	}
}

// A crisis sentence opens an urgent hand-off that notifies the channel
// and comes first in the queue.
func TestE2ECrisisIsUrgent(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	p := w.start(t, true)
	w.escalate(t, 43, 1)
	w.say(44, "I don't want to live anymore")
	w.alerted(t, 44, "Your safety matters", "I have alerted our team", 2)
	// The crisis queue and the normal queue post in the same channel; in
	// one queue, urgent tickets come first.
	open, err := p.store.Desk().OpenTickets(t.Context(), "urgent")
	if err != nil || len(open) != 1 || open[0].Priority != bot.PriorityUrgent {
		t.Fatalf("urgent queue = %+v, %v", open, err)
	}
}
