package desk_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/desk"
	"github.com/carebot/carebot/bot/memstore"
	"github.com/carebot/carebot/bot/storetest"
)

// silenceRig is one carebot process in memory (the real engine, the desk
// on memstore, a fake clock) whose desk can be closed (present).
type silenceRig struct {
	*deskRig
	present atomic.Bool
	// onPresent and beforeDrop, when set, run once: when the desk next
	// asks whether someone is there, and before it next drops a silence
	// check (what happens on another replica at that very moment).
	onPresent  func()
	beforeDrop func()
	// failAddDue fails the next AddDue, as a store (or replica) lost
	// between two steps.
	failAddDue bool
	// presentFails fails the next Present, as a store that blinked.
	presentFails bool
	// failAddSilence fails the next AddSilence.
	failAddSilence bool
}

// hookedDeskStore is the rig's desk store, with its beforeDrop hook.
type hookedDeskStore struct {
	*memstore.DeskStore
	r *silenceRig
}

func (s hookedDeskStore) DropSilence(ctx context.Context, id string) error {
	if f := s.r.beforeDrop; f != nil {
		s.r.beforeDrop = nil
		f()
	}
	return s.DeskStore.DropSilence(ctx, id)
}

func (s hookedDeskStore) AddSilence(ctx context.Context, id string, at time.Time) error {
	if s.r.failAddSilence {
		s.r.failAddSilence = false
		return errors.New("store unreachable")
	}
	return s.DeskStore.AddSilence(ctx, id, at)
}

func (s hookedDeskStore) AddDue(ctx context.Context, id string, at time.Time) error {
	if s.r.failAddDue {
		s.r.failAddDue = false
		return errors.New("store unreachable")
	}
	return s.DeskStore.AddDue(ctx, id, at)
}

func newSilenceRig(t *testing.T) *silenceRig {
	t.Helper()
	set := bottest.MustFlows(t)
	r := &silenceRig{deskRig: &deskRig{clock: bottest.NewClock(time.Now()),
		board: &memBoard{cards: map[string]desk.Card{}, lines: map[string][]string{}}, sender: &memSender{sent: map[string][]string{}}}}
	r.present.Store(true)
	r.store = memstore.NewDeskStore(r.clock.Now)
	var err error
	r.desk, err = desk.New(desk.Config{Store: hookedDeskStore{r.store, r}, Board: r.board, Texts: set,
		Senders: map[string]bot.Sender{"telegram": r.sender}, DefaultChannel: "CDESK", Wait: 5 * time.Minute,
		AgentSilence: 10 * time.Minute, Now: r.clock.Now,
		Present: func(context.Context) (bool, error) {
			if f := r.onPresent; f != nil {
				r.onPresent = nil
				f()
			}
			if r.presentFails {
				r.presentFails = false
				return false, errors.New("store unreachable")
			}
			return r.present.Load(), nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	if r.h, err = bot.New(bot.Config{Flows: set, Store: memstore.New(memstore.Config{Now: r.clock.Now}), Desk: r.desk, Now: r.clock.Now,
		Vars: map[string]map[string]string{"en": {"emergency_number": "112"}}}); err != nil {
		t.Fatal(err)
	}
	return r
}

// take gives the person's ticket to Camille.
func (r *silenceRig) take(t *testing.T, tk desk.Ticket, agent, name string) {
	t.Helper()
	if _, won, err := r.desk.Take(t.Context(), r.h, tk.ID, agent, name); err != nil || !won {
		t.Fatalf("%s takes: won %v, %v", name, won, err)
	}
}

// after moves the clock on by d and ends what is due; it returns what the
// person was sent meanwhile.
func (r *silenceRig) after(t *testing.T, chat string, d time.Duration) string {
	t.Helper()
	before := len(r.sender.texts(chat))
	r.clock.Add(d)
	storetest.Must(t, r.desk.Tick(t.Context(), r.h))
	return strings.Join(r.sender.texts(chat)[before:], "\n")
}

func (r *silenceRig) agentSays(t *testing.T, tk desk.Ticket, agent, text string) {
	t.Helper()
	r.n++
	if notice, err := r.desk.AgentMessage(t.Context(), r.h, tk.Thread, fmt.Sprint("a", r.n), agent, text); err != nil || notice != desk.NoticeNone {
		t.Fatalf("agent message: %q %v", notice, err)
	}
}

func (r *silenceRig) ticket(t *testing.T, id string) desk.Ticket {
	t.Helper()
	tk, err := r.store.Ticket(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

const (
	remindedEN = "Camille hasn't answered you for a while, so I've reminded our team"
	requeuedEN = "Camille still hasn't answered, so I've passed your request back to our team"
	endedEN    = "nobody else from our team can join you right now"
	urgentEN   = "Camille hasn't answered you for a while, so I've alerted our team again, as urgent"
)

// TestAgentSilence25: an agent took the conversation and went silent,
// and nobody noticed: the person wrote into a thread nobody read, for
// ever (nothing was scheduled; every row that waits for a line failed
// before desk25). Now, once the person has written, the holder's silence
// is watched through the store: after desk.agent_silence the person is
// told once and the holder reminded in the thread; after as long again
// the request goes back to the queue (another agent can take it), or to
// the bot when nobody can come. A crisis is watched a quarter as long. The
// holder answering resets it; a person who writes nothing starts
// nothing; ending the ticket removes the wait.
func TestAgentSilence25(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		run  func(t *testing.T, r *silenceRig)
	}{
		{"reminded_then_requeued", func(t *testing.T, r *silenceRig) {
			tk := r.escalate(t, "p", "I need to speak to a human")
			r.take(t, tk, "UCAMILLE", "Camille")
			r.say(t, "p", "hello? are you there?")
			if got := r.after(t, "p", 9*time.Minute); got != "" {
				t.Errorf("before agent_silence the person heard %q", got)
			}
			if got := r.after(t, "p", time.Minute+time.Second); !strings.Contains(got, remindedEN) {
				t.Fatalf("after agent_silence the person heard %q, want %q", got, remindedEN)
			}
			if lines := strings.Join(r.board.lines[tk.Thread], "\n"); !strings.Contains(lines, "⏰ Camille, the person has been waiting 10m") {
				t.Errorf("the thread does not remind the holder:\n%s", lines)
			}
			r.say(t, "p", "hello??")
			if got := r.after(t, "p", time.Minute); got != "" {
				t.Errorf("the person heard again %q: want the reminder once", got)
			}
			if got := r.after(t, "p", 9*time.Minute); !strings.Contains(got, requeuedEN) {
				t.Fatalf("after the reminder and agent_silence again the person heard %q, want %q", got, requeuedEN)
			}
			if c := r.board.card(tk.Thread); c.State != bot.HandoffWaiting {
				t.Errorf("card state %q after the silent holder: want waiting (Take it)", c.State)
			}
			r.take(t, tk, "UJEAN", "Jean")
			if got := strings.Join(r.sender.texts("p"), "\n"); !strings.Contains(got, "Jean, from our team, is here with you now.") {
				t.Errorf("another agent took it, the person heard:\n%s", got)
			}
		}},
		{"agent_answers_resets", func(t *testing.T, r *silenceRig) {
			tk := r.escalate(t, "p", "I need to speak to a human")
			r.take(t, tk, "UCAMILLE", "Camille")
			r.say(t, "p", "hello?")
			r.clock.Add(9 * time.Minute)
			r.agentSays(t, tk, "UCAMILLE", "Sorry, I'm here")
			if got := r.after(t, "p", 2*time.Minute); got != "" {
				t.Errorf("the holder answered, then the person heard %q", got)
			}
			if got := r.after(t, "p", time.Hour); got != "" {
				t.Errorf("the person wrote nothing since the answer, then heard %q", got)
			}
			if la := r.ticket(t, tk.ID).LastAgent; !la.Equal(tk.Opened.Add(9 * time.Minute)) {
				t.Errorf("LastAgent = %v, want the answer's time", la)
			}
		}},
		{"silent_again_after_an_answer", func(t *testing.T, r *silenceRig) {
			tk := r.escalate(t, "p", "I need to speak to a human")
			r.take(t, tk, "UCAMILLE", "Camille")
			r.say(t, "p", "hello?")
			if got := r.after(t, "p", 10*time.Minute); !strings.Contains(got, remindedEN) {
				t.Fatalf("the first silence: the person heard %q", got)
			}
			r.agentSays(t, tk, "UCAMILLE", "Sorry, I'm back")
			r.say(t, "p", "ok, so what about my parcel?")
			if got := r.after(t, "p", 10*time.Minute); !strings.Contains(got, remindedEN) {
				t.Fatalf("silent again after answering: the person heard %q, want %q again", got, remindedEN)
			}
		}},
		{"person_writes_nothing", func(t *testing.T, r *silenceRig) {
			tk := r.escalate(t, "p", "I need to speak to a human")
			r.take(t, tk, "UCAMILLE", "Camille")
			if got := r.after(t, "p", 2*time.Hour); got != "" {
				t.Errorf("the person wrote nothing after the take, then heard %q", got)
			}
		}},
		{"cancel_removes_the_wait", func(t *testing.T, r *silenceRig) {
			tk := r.escalate(t, "p", "I need to speak to a human")
			r.take(t, tk, "UCAMILLE", "Camille")
			r.say(t, "p", "hello?")
			r.say(t, "p", "cancel")
			if got := r.after(t, "p", time.Hour); got != "" {
				t.Errorf("after cancel the person heard %q", got)
			}
			if ids, _ := r.store.LeaseSilences(t.Context(), r.clock.Now().Add(24*time.Hour), time.Minute, 10); len(ids) != 0 {
				t.Errorf("silence checks left after cancel: %v", ids)
			}
		}},
		{"resolve_removes_the_wait", func(t *testing.T, r *silenceRig) {
			tk := r.escalate(t, "p", "I need to speak to a human")
			r.take(t, tk, "UCAMILLE", "Camille")
			r.say(t, "p", "hello?")
			if _, err := r.desk.Resolve(t.Context(), r.h, tk.ID, "UCAMILLE", desk.OutcomeResolved); err != nil {
				t.Fatal(err)
			}
			if ids, _ := r.store.LeaseSilences(t.Context(), r.clock.Now().Add(24*time.Hour), time.Minute, 10); len(ids) != 0 {
				t.Errorf("silence checks left after resolve: %v", ids)
			}
		}},
		{"nobody_can_come_back_to_the_bot", func(t *testing.T, r *silenceRig) {
			tk := r.escalate(t, "p", "I need to speak to a human")
			r.take(t, tk, "UCAMILLE", "Camille")
			r.say(t, "p", "hello?")
			r.after(t, "p", 10*time.Minute+time.Second)
			r.present.Store(false) // the agent terminal was killed: nobody is there
			got := r.after(t, "p", 10*time.Minute)
			if !strings.Contains(got, endedEN) || strings.Contains(got, "how well did we look after you") {
				t.Fatalf("nobody can come, the person heard %q, want %q and no score", got, endedEN)
			}
			if tk := r.ticket(t, tk.ID); tk.Outcome != desk.OutcomeSilent {
				t.Errorf("ticket outcome %q, want %q", tk.Outcome, desk.OutcomeSilent)
			}
			if st := r.board.card(tk.Thread).Status; !strings.Contains(st, "did not answer the person") {
				t.Errorf("card status %q", st)
			}
		}},
		// A crisis whose holder went silent when nobody is on shift is
		// not closed: the whole channel is alerted again (as a crisis
		// outside hours is alerted at first), the ticket waits to be
		// taken, and the person hears the urgent line, nobody promised.
		{"crisis_nobody_on_shift_alerted_again", func(t *testing.T, r *silenceRig) {
			tk := r.escalate(t, "p", "I don't want to live anymore")
			r.take(t, tk, "UCAMILLE", "Camille")
			r.say(t, "p", "please")
			r.after(t, "p", 2*time.Minute+31*time.Second)
			r.present.Store(false)
			got := r.after(t, "p", 2*time.Minute+31*time.Second)
			if strings.Contains(got, endedEN) || !strings.Contains(got, "112") {
				t.Fatalf("a crisis still silent with nobody on shift, the person heard %q", got)
			}
			tk = r.ticket(t, tk.ID)
			if tk.Status != bot.HandoffWaiting || tk.Outcome != "" {
				t.Errorf("ticket %s, outcome %q; want waiting to be taken again", tk.Status, tk.Outcome)
			}
		}},
		{"crisis_a_quarter_as_long", func(t *testing.T, r *silenceRig) {
			tk := r.escalate(t, "p", "I don't want to live anymore")
			r.take(t, tk, "UCAMILLE", "Camille")
			r.say(t, "p", "please")
			got := r.after(t, "p", 2*time.Minute+31*time.Second)
			if !strings.Contains(got, urgentEN) || !strings.Contains(got, "112") || strings.Contains(got, `"cancel"`) {
				t.Fatalf("a crisis left silent 2m31s, the person heard %q", got)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.run(t, newSilenceRig(t))
		})
	}
}
