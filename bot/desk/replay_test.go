package desk_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/desk"
	"github.com/carebot/carebot/bot/memstore"
	"github.com/carebot/carebot/bot/redisstore"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// sessionStore is a session store a sweeper can sweep.
type sessionStore interface {
	bot.Store
	bot.OutboxIndex
}

// replayStores runs f on memory and on a real redis-server: newStores
// returns one replica's connection to the sessions and to the desk.
func replayStores(t *testing.T, f func(t *testing.T, newStores func() (sessionStore, desk.Store))) {
	t.Run("memory", func(t *testing.T) {
		t.Parallel()
		s, ds := memstore.New(memstore.Config{}), memstore.NewDeskStore(time.Now)
		f(t, func() (sessionStore, desk.Store) { return s, ds })
	})
	t.Run("redis", func(t *testing.T) {
		t.Parallel()
		url := redistest.Start(t)
		f(t, func() (sessionStore, desk.Store) {
			s, err := redisstore.New(redisstore.Config{URL: url, TTL: time.Hour})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = s.Close() })
			return s, s.Desk()
		})
	})
}

// seen is what a person saw, in order, from every replica.
type seen struct {
	mu    sync.Mutex
	texts []string
}

func (s *seen) all() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.texts)
}

// seenOutlet is one replica's outlet to the person; once dead is set it
// sends nothing, as a replica killed would.
type seenOutlet struct {
	s    *seen
	dead atomic.Bool
}

func (o *seenOutlet) Deliver(_ context.Context, _ bot.Address, r bot.Reply, kb string) (string, error) {
	if o.dead.Load() {
		return kb, errDead
	}
	o.s.mu.Lock()
	defer o.s.mu.Unlock()
	o.s.texts = append(o.s.texts, r.Text)
	return kb, nil
}

// dyingDesk is the desk of a replica that dies after storing a hand-off
// turn, before its Desk.Opened did anything.
type dyingDesk struct {
	*desk.Desk
	entered chan struct{}
}

func (d dyingDesk) Opened(ctx context.Context, _ bot.Address, _ bot.Handoff, _ []bot.Turn) ([]bot.Reply, error) {
	d.entered <- struct{}{}
	<-ctx.Done()
	return nil, ctx.Err()
}

// TestReplayedOpening: a replica stores the turn that asks for a person
// and dies before telling the desk; another replica's sweeper opens the
// ticket from the outbox. The agent's ticket has the summary of the
// conversation the dead replica would have given (from the session's
// turns), and the person is told how long it may take, once, right after
// the promise of a person, in their language. A crisis out of hours opens
// the urgent ticket all the same, and nobody is promised: no estimate.
// The old replay opened the ticket with no turns in its summary and told
// the person nothing.
func TestReplayedOpening(t *testing.T) {
	t.Parallel()
	replayStores(t, func(t *testing.T, newStores func() (sessionStore, desk.Store)) {
		set := bottest.MustFlows(t)
		now := time.Now()
		for _, tc := range []struct {
			name  string
			hours desk.Hours
			say   []string // the last asks for a person
			want  string   // the line right after the promise; "" none
		}{
			{
				name: "waiting_fr",
				say:  []string{"mon colis n'est pas arrivé", "je veux parler à un conseiller"},
				want: set.Text("desk.wait_unknown", "fr", map[string]string{"wait": "5"}),
			},
			{
				name:  "crisis_out_of_hours_fr",
				hours: desk.Hours{Days: []time.Weekday{(now.Weekday() + 1) % 7}},
				say:   []string{"je n'arrive plus à me connecter à mon compte", "j'ai envie de mourir, je vais me tuer"},
			},
		} {
			t.Run(tc.name, func(t *testing.T) {
				person := &seen{}
				newDesk := func(ds desk.Store) *desk.Desk {
					d, err := desk.New(desk.Config{Store: ds, Board: &memBoard{cards: map[string]desk.Card{}, lines: map[string][]string{}},
						Texts: set, DefaultChannel: "CDESK", Wait: 5 * time.Minute, Hours: tc.hours})
					if err != nil {
						t.Fatal(err)
					}
					return d
				}
				const lease = 200 * time.Millisecond
				s1, ds1 := newStores()
				out1 := &seenOutlet{s: person}
				dying := dyingDesk{Desk: newDesk(ds1), entered: make(chan struct{}, 1)}
				d1, err := bot.NewDeliverer(bot.DelivererConfig{Store: s1, Outlet: out1, Owner: "dying", Lease: lease})
				if err != nil {
					t.Fatal(err)
				}
				e1, err := bot.New(bot.Config{Flows: set, Store: s1, Desk: dying, Deliverer: d1, Vars: map[string]map[string]string{"": {"emergency_number": "112"}}})
				if err != nil {
					t.Fatal(err)
				}
				a := bot.Address{Platform: "telegram", Chat: tc.name, User: "1"}
				last := len(tc.say) - 1
				for i, text := range tc.say[:last] {
					if _, err := e1.HandleMessage(t.Context(), bot.Message{ID: fmt.Sprint(i), From: a, Text: text, Lang: "fr"}); err != nil {
						t.Fatal(err)
					}
				}
				d1.Wait() // the replies before the hand-off went out, and were marked
				dead, kill := context.WithCancel(t.Context())
				turned := make(chan error, 1)
				go func() {
					_, err := e1.HandleMessage(dead, bot.Message{ID: "last", From: a, Text: tc.say[last], Lang: "fr"})
					turned <- err
				}()
				select {
				case <-dying.entered: // the turn is stored; the replica "dies" now
				case <-time.After(wait.Timeout):
					t.Fatal("the hand-off turn never reached the desk")
				}
				out1.dead.Store(true)
				before := len(person.all())

				s2, ds2 := newStores()
				d2, err := bot.NewDeliverer(bot.DelivererConfig{Store: s2, Index: s2, Outlet: &seenOutlet{s: person}, Desk: newDesk(ds2),
					Owner: "survivor", Lease: lease, Sweep: 10 * time.Millisecond})
				if err != nil {
					t.Fatal(err)
				}
				ctx, stop := context.WithCancel(t.Context())
				done := make(chan error, 1)
				go func() { done <- d2.Run(ctx) }()
				var sess bot.Session
				wait.Until(t, "the survivor to deliver the hand-off turn", func() bool {
					sess = read(t, s2, a)
					return len(sess.Outbox) == 0 && len(person.all()) > before
				})
				stop()
				if err := <-done; err != nil {
					t.Fatal(err)
				}
				d2.Wait()
				kill()
				<-turned
				d1.Wait()

				tk, err := ds2.OpenTicket(t.Context(), a)
				if err != nil {
					t.Fatalf("no open ticket after the replay: %v", err)
				}
				var want []string // the turns the dying replica's Opened was given
				for _, turn := range sess.Recent[max(0, len(sess.Recent)-6):] {
					want = append(want, string(turn.From)+": "+desk.Redact(turn.Text))
				}
				var got []string
				for _, turn := range tk.Summary.Turns {
					got = append(got, string(turn.From)+": "+turn.Text)
				}
				if len(want) == 0 || !slices.Equal(got, want) {
					t.Errorf("the ticket's summary has the turns %q, want the conversation's %q", got, want)
				}
				if tk.Summary.Asked == "" {
					t.Error("the ticket's summary says nothing of what the person asked")
				}

				texts := person.all()[before:]
				if tc.want == "" {
					for _, key := range []string{"desk.wait_unknown", "desk.wait_about", "desk.wait_short", "desk.urgent"} {
						if line := set.Text(key, "fr", map[string]string{"wait": "5"}); slices.Contains(texts, line) {
							t.Errorf("after the replay the person saw %q: %s promises a person nobody can send", texts, key)
						}
					}
					return
				}
				i := slices.Index(texts, tc.want)
				if n := strings.Count(strings.Join(texts, "\n"), tc.want); n != 1 {
					t.Errorf("after the replay the person saw %q: the estimate %d times, want once", texts, n)
				}
				if i < 1 || !strings.Contains(texts[i-1], "Je demande à une personne") {
					t.Errorf("after the replay the person saw %q: want the estimate right after the promise of a person", texts)
				}
			})
		}
	})
}

// read returns a's session in s.
func read(t *testing.T, s bot.Store, a bot.Address) bot.Session {
	t.Helper()
	var got bot.Session
	errRead := errors.New("read only")
	if err := s.Update(t.Context(), a, func(cur *bot.Session) error { got = *cur; return errRead }); err != nil && !errors.Is(err, errRead) {
		t.Fatal(err)
	}
	return got
}
