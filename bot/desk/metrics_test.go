package desk_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/desk"
	"github.com/carebot/carebot/bot/memstore"
	"github.com/carebot/carebot/bot/storetest"
	"github.com/carebot/carebot/metrics"
)

// memBoard is a desk.Board in memory: each card gets a thread reference.
type memBoard struct {
	mu    sync.Mutex
	n     int
	cards map[string]desk.Card
	lines map[string][]string
}

func (b *memBoard) Post(_ context.Context, c desk.Card) (string, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.n++
	ref := fmt.Sprintf("%s:%d", c.Channel, b.n)
	b.cards[ref] = c
	return ref, nil
}

func (b *memBoard) Update(_ context.Context, ref string, c desk.Card) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.cards[ref] = c
	return nil
}

func (b *memBoard) Reply(_ context.Context, ref, s string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.lines[ref] = append(b.lines[ref], s)
	return nil
}

func (b *memBoard) card(ref string) desk.Card {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.cards[ref]
}

// memSender records what reaches people, by chat.
type memSender struct {
	mu   sync.Mutex
	sent map[string][]string
}

func (s *memSender) Send(_ context.Context, a bot.Address, replies []bot.Reply) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range replies {
		s.sent[a.Chat] = append(s.sent[a.Chat], r.Text)
	}
	return nil
}

func (s *memSender) texts(chat string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.sent[chat]...)
}

// deskRig is one carebot process in memory: the real engine with its
// Prometheus recorder, the desk, both on one registry and one fake clock.
type deskRig struct {
	reg    *prometheus.Registry
	clock  *bottest.Clock
	desk   *desk.Desk
	store  *memstore.DeskStore
	board  *memBoard
	sender *memSender
	h      bot.Handler
	n      int
}

func newDeskRig(t *testing.T) *deskRig {
	t.Helper()
	set := bottest.MustFlows(t)
	r := &deskRig{reg: prometheus.NewRegistry(), clock: bottest.NewClock(time.Now()),
		board: &memBoard{cards: map[string]desk.Card{}, lines: map[string][]string{}}, sender: &memSender{sent: map[string][]string{}}}
	r.store = memstore.NewDeskStore(r.clock.Now)
	var err error
	r.desk, err = desk.New(desk.Config{Store: r.store, Board: r.board, Texts: set,
		Senders: map[string]bot.Sender{"telegram": r.sender}, DefaultChannel: "CDESK", Wait: 5 * time.Minute,
		Recorder: metrics.NewDesk(r.reg), Now: r.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	if r.h, err = bot.New(bot.Config{Flows: set, Store: memstore.New(memstore.Config{Now: r.clock.Now}), Recorder: metrics.New(r.reg), Desk: r.desk, Now: r.clock.Now}); err != nil {
		t.Fatal(err)
	}
	return r
}

func (r *deskRig) who(chat string) bot.Address {
	return bot.Address{Platform: "telegram", Chat: chat, User: chat}
}

// say is the person's message; it returns the texts of the replies.
func (r *deskRig) say(t *testing.T, chat, text string) []string {
	t.Helper()
	r.n++
	replies, err := r.h.HandleMessage(t.Context(), bot.Message{ID: fmt.Sprint(r.n), From: r.who(chat), Text: text, Lang: "en", At: r.clock.Now()})
	if err != nil {
		t.Fatalf("%s says %q: %v", chat, text, err)
	}
	var out []string
	for _, rep := range replies {
		out = append(out, rep.Text)
	}
	return out
}

// escalate asks for a person and returns the ticket.
func (r *deskRig) escalate(t *testing.T, chat, text string) desk.Ticket {
	t.Helper()
	r.say(t, chat, text)
	tk, err := r.store.OpenTicket(t.Context(), r.who(chat))
	if err != nil {
		t.Fatalf("%s has no open ticket after %q: %v", chat, text, err)
	}
	return tk
}

// A scripted day on the desk: one hand-off opened, taken after 90 s,
// first human reply 35 s later, resolved; one withdrawn before anyone
// took it; one nobody took in time; one crisis. The engine's and the
// desk's series say exactly that.
func TestDeskMetrics(t *testing.T) {
	t.Parallel()
	r := newDeskRig(t)
	ctx := t.Context()

	// Opened → taken → first reply → resolved.
	a := r.escalate(t, "1", "I need to speak to a human")
	r.clock.Add(90 * time.Second)
	if _, won, err := r.desk.Take(ctx, r.h, a.ID, "UCAMILLE", "Camille"); err != nil || !won {
		t.Fatalf("take: %v %v", won, err)
	}
	r.clock.Add(35 * time.Second)
	if notice, err := r.desk.AgentMessage(ctx, r.h, a.Thread, "m1", "UCAMILLE", "Hello, I'm here"); err != nil || notice != "" {
		t.Fatalf("agent message: %q %v", notice, err)
	}
	r.clock.Add(10 * time.Second)
	if notice, err := r.desk.AgentMessage(ctx, r.h, a.Thread, "m2", "UCAMILLE", "Let me check"); err != nil || notice != "" {
		t.Fatalf("second agent message: %q %v", notice, err)
	}
	r.clock.Add(time.Minute)
	if notice, err := r.desk.Resolve(ctx, r.h, a.ID, "UCAMILLE", desk.OutcomeResolved); err != nil || notice != "" {
		t.Fatalf("resolve: %q %v", notice, err)
	}
	// A second press is told it is closed and counts nothing.
	if notice, _ := r.desk.Resolve(ctx, r.h, a.ID, "UCAMILLE", desk.OutcomeResolved); notice != desk.NoticeClosed {
		t.Errorf("second resolve: notice %q, want closed", notice)
	}
	if got := r.sender.texts("1"); !containsAll(got, "Camille: Hello, I'm here", "how well did we look after you?") {
		t.Errorf("person 1 was sent %q", got)
	}
	if st := r.board.card(a.Thread).Status; !strings.Contains(st, "first human reply after 2m05s") {
		t.Errorf("card status %q lacks the time to first human reply", st)
	}

	// Withdrawn while waiting: cancelled and abandoned.
	r.escalate(t, "2", "can I talk to a human please")
	r.clock.Add(20 * time.Second)
	r.say(t, "2", "cancel")
	if _, err := r.store.OpenTicket(ctx, r.who("2")); err == nil {
		t.Error("a withdrawn ticket is still open")
	}

	// Nobody comes: a timeout in business hours (none are set).
	r.escalate(t, "3", "human")
	r.clock.Add(5*time.Minute + time.Second)
	storetest.Must(t, r.desk.Tick(ctx, r.h))

	// A crisis: an urgent hand-off.
	r.escalate(t, "4", "I don't want to live anymore")

	const want = `
# HELP carebot_handoffs_opened_total Hand-offs to a person, by priority and reason.
# TYPE carebot_handoffs_opened_total counter
carebot_handoffs_opened_total{priority="normal",reason="asked for a person"} 3
carebot_handoffs_opened_total{priority="urgent",reason="crisis"} 1
# HELP carebot_handoff_tickets_total Desk tickets opened, by queue, priority and reason.
# TYPE carebot_handoff_tickets_total counter
carebot_handoff_tickets_total{priority="normal",queue="general",reason="asked for a person"} 3
carebot_handoff_tickets_total{priority="urgent",queue="urgent",reason="crisis"} 1
# HELP carebot_handoff_time_to_take_seconds Time from a hand-off opening to an agent taking it.
# TYPE carebot_handoff_time_to_take_seconds histogram
carebot_handoff_time_to_take_seconds_bucket{priority="normal",queue="general",le="10"} 0
carebot_handoff_time_to_take_seconds_bucket{priority="normal",queue="general",le="30"} 0
carebot_handoff_time_to_take_seconds_bucket{priority="normal",queue="general",le="60"} 0
carebot_handoff_time_to_take_seconds_bucket{priority="normal",queue="general",le="120"} 1
carebot_handoff_time_to_take_seconds_bucket{priority="normal",queue="general",le="300"} 1
carebot_handoff_time_to_take_seconds_bucket{priority="normal",queue="general",le="600"} 1
carebot_handoff_time_to_take_seconds_bucket{priority="normal",queue="general",le="1200"} 1
carebot_handoff_time_to_take_seconds_bucket{priority="normal",queue="general",le="1800"} 1
carebot_handoff_time_to_take_seconds_bucket{priority="normal",queue="general",le="3600"} 1
carebot_handoff_time_to_take_seconds_bucket{priority="normal",queue="general",le="7200"} 1
carebot_handoff_time_to_take_seconds_bucket{priority="normal",queue="general",le="+Inf"} 1
carebot_handoff_time_to_take_seconds_sum{priority="normal",queue="general"} 90
carebot_handoff_time_to_take_seconds_count{priority="normal",queue="general"} 1
# HELP carebot_handoff_time_to_first_reply_seconds Time from a hand-off opening to the first words of a person from the team.
# TYPE carebot_handoff_time_to_first_reply_seconds histogram
carebot_handoff_time_to_first_reply_seconds_bucket{priority="normal",queue="general",le="10"} 0
carebot_handoff_time_to_first_reply_seconds_bucket{priority="normal",queue="general",le="30"} 0
carebot_handoff_time_to_first_reply_seconds_bucket{priority="normal",queue="general",le="60"} 0
carebot_handoff_time_to_first_reply_seconds_bucket{priority="normal",queue="general",le="120"} 0
carebot_handoff_time_to_first_reply_seconds_bucket{priority="normal",queue="general",le="300"} 1
carebot_handoff_time_to_first_reply_seconds_bucket{priority="normal",queue="general",le="600"} 1
carebot_handoff_time_to_first_reply_seconds_bucket{priority="normal",queue="general",le="1200"} 1
carebot_handoff_time_to_first_reply_seconds_bucket{priority="normal",queue="general",le="1800"} 1
carebot_handoff_time_to_first_reply_seconds_bucket{priority="normal",queue="general",le="3600"} 1
carebot_handoff_time_to_first_reply_seconds_bucket{priority="normal",queue="general",le="7200"} 1
carebot_handoff_time_to_first_reply_seconds_bucket{priority="normal",queue="general",le="+Inf"} 1
carebot_handoff_time_to_first_reply_seconds_sum{priority="normal",queue="general"} 125
carebot_handoff_time_to_first_reply_seconds_count{priority="normal",queue="general"} 1
# HELP carebot_handoff_outcomes_total Desk tickets closed, by outcome (resolved, bot, cancelled, superseded, forgotten).
# TYPE carebot_handoff_outcomes_total counter
carebot_handoff_outcomes_total{outcome="cancelled",queue="general"} 1
carebot_handoff_outcomes_total{outcome="resolved",queue="general"} 1
# HELP carebot_handoff_abandoned_total Hand-offs the person withdrew before anyone took them.
# TYPE carebot_handoff_abandoned_total counter
carebot_handoff_abandoned_total{queue="general"} 1
# HELP carebot_handoff_timeouts_total Hand-offs nobody took within the wait.
# TYPE carebot_handoff_timeouts_total counter
carebot_handoff_timeouts_total{queue="general"} 1
`
	if err := testutil.GatherAndCompare(r.reg, strings.NewReader(want),
		"carebot_handoffs_opened_total", "carebot_handoff_tickets_total",
		"carebot_handoff_time_to_take_seconds", "carebot_handoff_time_to_first_reply_seconds",
		"carebot_handoff_outcomes_total", "carebot_handoff_abandoned_total", "carebot_handoff_timeouts_total",
	); err != nil {
		t.Error(err)
	}
}

func containsAll(list []string, want ...string) bool {
	for _, w := range want {
		if countContaining(list, w) == 0 {
			return false
		}
	}
	return true
}

// /forget while a person from the team holds the conversation: the engine
// forgets the session and the desk closes the ticket, keeping none of the
// person's words or IDs; the person is not asked how it went.
func TestForgetClosesTheTicket(t *testing.T) {
	t.Parallel()
	r := newDeskRig(t)
	ctx := t.Context()
	tk := r.escalate(t, "1", "my parcel never arrived, I need to speak to a human")
	if _, won, err := r.desk.Take(ctx, r.h, tk.ID, "UCAMILLE", "Camille"); err != nil || !won {
		t.Fatalf("take: %v %v", won, err)
	}
	if got := r.say(t, "1", "/forget"); !containsAll(got, "erased what I had noted") {
		t.Errorf("/forget answered %q", got)
	}
	if _, err := r.store.OpenTicket(ctx, r.who("1")); err == nil {
		t.Error("the ticket of a forgotten person is still open")
	}
	got, err := r.store.Ticket(ctx, tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != bot.HandoffClosed || got.Outcome != desk.OutcomeForgotten {
		t.Errorf("ticket %s/%s, want closed/forgotten", got.Status, got.Outcome)
	}
	if got.Summary.Asked != "" || len(got.Summary.Turns) != 0 || got.Address.Chat != "" || got.Address.User != "" {
		t.Errorf("the forgotten ticket keeps the person's words or IDs: %+v", got)
	}
	card := r.board.card(tk.Thread)
	if !strings.Contains(card.Status, "asked carebot to forget them") || card.State != bot.HandoffClosed {
		t.Errorf("card %q / %q", card.Status, card.State)
	}
	if strings.Contains(strings.Join(card.Lines, "\n"), "parcel") {
		t.Errorf("the card still quotes the person: %q", card.Lines)
	}
	if containsAll(r.sender.texts("1"), "how well did we look after you?") {
		t.Error("a forgotten person was asked how it went")
	}
	if notice, _ := r.desk.AgentMessage(ctx, r.h, tk.Thread, "m1", "UCAMILLE", "still there?"); notice != desk.NoticeClosed {
		t.Errorf("agent message after /forget: notice %q, want closed", notice)
	}
	// Nothing open: /forget again is harmless.
	r.say(t, "1", "/forget")
	if err := testutil.GatherAndCompare(r.reg, strings.NewReader(`
# HELP carebot_handoff_outcomes_total Desk tickets closed, by outcome (resolved, bot, cancelled, superseded, forgotten).
# TYPE carebot_handoff_outcomes_total counter
carebot_handoff_outcomes_total{outcome="forgotten",queue="general"} 1
`), "carebot_handoff_outcomes_total"); err != nil {
		t.Error(err)
	}
}
