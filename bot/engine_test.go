package bot_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

var testVars = map[string]map[string]string{
	"en": {"emergency_number": "112"},
	"fr": {"emergency_number": "112 (ou le 15)"},
}

func newEngine(t testing.TB, store bot.Store, mod func(*bot.Config)) *bot.Engine {
	t.Helper()
	cfg := bot.Config{
		Flows: bottest.MustFlows(t),
		Store: store,
		Vars:  testVars,
		Now:   func() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC) },
		Audience: func(a bot.Address) string {
			if a.Platform == "slack" {
				return flow.AudienceEmployee
			}
			return flow.AudienceCustomer
		},
	}
	if mod != nil {
		mod(&cfg)
	}
	return mustNew(t, cfg)
}

// mustNew builds the engine of cfg, failing the test if it cannot.
func mustNew(t testing.TB, cfg bot.Config) *bot.Engine {
	t.Helper()
	e, err := bot.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// TestTranscripts plays every conversation in testdata/transcripts, turn by
// turn, against the built-in flows.
func TestTranscripts(t *testing.T) {
	t.Parallel()
	bottest.RunDir(t, "testdata/transcripts", func(t *testing.T) bottest.NewHandler {
		store := memstore.New(memstore.Config{})
		return func(t *testing.T, _ int) bot.Handler { return newEngine(t, store, withDesk) }
	})
}

// withDesk gives the engine a desk that always has someone to send: the
// conversations of testdata/transcripts are those of a staffed team.
func withDesk(c *bot.Config) { c.Desk = &bottest.Desk{} }

// contactVars are testVars with the ways to reach a person configured.
var contactVars = map[string]map[string]string{
	"en": {"emergency_number": "112", "contact_phone": "+44 20 7946 0000", "contact_email": "care@example.com", "contact_hours": "Monday to Friday, 9am to 6pm"},
	"fr": {"emergency_number": "112 (ou le 15)", "contact_phone": "01 23 45 67 89", "contact_email": "aide@example.com", "contact_hours": "du lundi au vendredi, de 9 h à 18 h"},
}

// TestTranscriptsWithoutDesk plays testdata/transcripts-nodesk: nobody can
// come (no desk), the contacts are configured, and the bot never promises
// a reply.
func TestTranscriptsWithoutDesk(t *testing.T) {
	t.Parallel()
	bottest.RunDir(t, "testdata/transcripts-nodesk", func(t *testing.T) bottest.NewHandler {
		store := memstore.New(memstore.Config{})
		return func(t *testing.T, _ int) bot.Handler {
			return newEngine(t, store, func(c *bot.Config) { c.Vars = contactVars })
		}
	})
}

func say(t *testing.T, h bot.Handler, a bot.Address, id, text string) []bot.Reply {
	t.Helper()
	replies, err := h.HandleMessage(t.Context(), bot.Message{ID: id, From: a, Text: text})
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	return replies
}

// play says turns, one after the other, in a conversation of its own
// (chat), and returns the replies to the last one.
func play(t *testing.T, h bot.Handler, chat string, turns []string) []bot.Reply {
	t.Helper()
	a := bot.Address{Platform: "test", Chat: chat, User: "u"}
	var rs []bot.Reply
	for i, text := range turns {
		rs = say(t, h, a, chat+string(rune('a'+i)), text)
	}
	return rs
}

// shown is texts with each reply's buttons, a label a line below it.
func shown(rs []bot.Reply) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.Text + "\n")
		for _, c := range r.Choices {
			b.WriteString("  " + c.Label + "\n")
		}
	}
	return b.String()
}

// talk is a conversation of a table test: the person's turns, and what
// the last turn's replies must say and must not.
type talk struct {
	name  string
	turns []string
	want  []string // in the last turn's replies
	not   []string // nowhere in them
}

// playTalks plays each conversation, in parallel, on an engine of its own
// over memstore, and checks its last turn (holds).
func playTalks(t *testing.T, talks []talk) {
	t.Helper()
	for _, tt := range talks {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			holds(t, tt.turns, shown(play(t, e, tt.name, tt.turns)), tt.want, tt.not)
		})
	}
}

// holds reports every want that got lacks and every not it holds, for
// the conversation turns.
func holds(t *testing.T, turns []string, got string, want, not []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%q: want %q in:\n%s", turns, w, got)
		}
	}
	for _, n := range not {
		if strings.Contains(got, n) {
			t.Errorf("%q: want no %q in:\n%s", turns, n, got)
		}
	}
}

func texts(rs []bot.Reply) string {
	var b strings.Builder
	for _, r := range rs {
		b.WriteString(r.Text + "\n")
	}
	return b.String()
}

func TestStoreDownGetsAKindAnswer(t *testing.T) {
	t.Parallel()
	store := &bottest.FlakyStore{Store: memstore.New(memstore.Config{}), Err: fmt.Errorf("dial tcp: %w", bot.ErrUnavailable)}
	e := newEngine(t, store, nil)
	a := bot.Address{Platform: "test", Chat: "c", User: "u"}
	say(t, e, a, "1", "my parcel is late")

	store.Down.Store(true)
	for _, tc := range []struct{ lang, want string }{
		{"en", bottest.MustFlows(t).Common.Messages[flow.MsgTrouble].ByLang["en"]},
		{"fr-FR", bottest.MustFlows(t).Common.Messages[flow.MsgTrouble].ByLang["fr"]},
	} {
		replies, err := e.HandleMessage(t.Context(), bot.Message{ID: "2" + tc.lang, From: a, Text: "AB-123456", Lang: tc.lang})
		if !errors.Is(err, bot.ErrUnavailable) {
			t.Errorf("err = %v, want ErrUnavailable", err)
		}
		if len(replies) != 1 || replies[0].Text != tc.want {
			t.Errorf("%s: replies = %q, want the trouble line %q", tc.lang, texts(replies), tc.want)
		}
		if strings.Contains(texts(replies), "dial tcp") {
			t.Error("error text leaked to the person")
		}
	}
	if err := e.Ready(t.Context()); err == nil {
		t.Error("Ready = nil while the store is down")
	}

	// Back up: nothing was lost, the conversation goes on at the same question.
	store.Down.Store(false)
	got := texts(say(t, e, a, "3", "AB-123456"))
	if !strings.Contains(got, "AB-123456") {
		t.Errorf("after recovery the order number question should go on, got:\n%s", got)
	}
}

func TestForgetDeletesTheSession(t *testing.T) {
	t.Parallel()
	store := memstore.New(memstore.Config{})
	e := newEngine(t, store, nil)
	a := bot.Address{Platform: "test", Chat: "c", User: "u"}
	say(t, e, a, "1", "mon colis n'est pas arrivé")
	got := say(t, e, a, "2", "/forget")
	if want := bottest.MustFlows(t).Common.Messages[flow.MsgForgotten].ByLang["fr"]; len(got) != 1 || got[0].Text != want {
		t.Fatalf("/forget said %q, want %q", texts(got), want)
	}
	var s bot.Session
	if err := store.Update(t.Context(), a, func(x *bot.Session) error { s = *x; return errors.New("read only") }); err == nil {
		t.Fatal("read-only update saved")
	}
	if s.Flow != "" || len(s.Recent) != 0 || s.Lang != "" {
		t.Errorf("session after /forget = %+v, want empty", s)
	}
}

func TestDuplicateDeliveryAnsweredOnce(t *testing.T) {
	t.Parallel()
	e := newEngine(t, memstore.New(memstore.Config{}), nil)
	a := bot.Address{Platform: "test", Chat: "c", User: "u"}
	if got := say(t, e, a, "42", "hello"); len(got) == 0 {
		t.Fatal("first delivery got no reply")
	}
	if got := say(t, e, a, "42", "hello"); len(got) != 0 {
		t.Fatalf("second delivery of the same message answered again: %q", texts(got))
	}
}

func TestFloodControl(t *testing.T) {
	t.Parallel()
	e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) {
		c.FloodLimit, c.FloodWindow = 5, time.Hour
		c.Now = time.Now
	})
	a := bot.Address{Platform: "test", Chat: "c", User: "flooder"}
	var answered, notices, dropped int
	flood := bottest.MustFlows(t).Common.Messages[flow.MsgFlood].ByLang["en"]
	for i := range 9 {
		got := say(t, e, a, fmt.Sprint(i), "hello")
		switch {
		case len(got) == 0:
			dropped++
		case got[0].Text == flood:
			notices++
		default:
			answered++
		}
	}
	if answered != 5 || notices != 1 || dropped != 3 {
		t.Errorf("answered, notices, dropped = %d, %d, %d; want 5, 1, 3", answered, notices, dropped)
	}
	other := bot.Address{Platform: "test", Chat: "c2", User: "calm"}
	if got := say(t, e, other, "x", "hello"); len(got) == 0 || got[0].Text == flood {
		t.Errorf("another person was limited too: %q", texts(got))
	}
}

func TestRephraser(t *testing.T) {
	t.Parallel()
	a := bot.Address{Platform: "test", Chat: "c", User: "u"}
	crisisText := "I want to kill myself"

	t.Run("used_but_never_for_verbatim", func(t *testing.T) {
		t.Parallel()
		rp := &bottest.Rephraser{Fn: func(_ context.Context, r bot.RephraseRequest) (string, error) {
			return "~" + r.Text, nil
		}}
		e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) {
			c.Rephraser = rp
			c.RephraseTimeout = wait.Timeout // no budget is tested here: a busy machine must not cut the fake
		})
		got := say(t, e, a, "1", "my order AB-123456 has a problem") // names no button: the turn ends at a question
		for _, r := range got {
			if !strings.HasPrefix(r.Text, "~") {
				t.Errorf("reply %q not rephrased", r.Text)
			}
		}
		for _, r := range say(t, e, a, "2", crisisText) {
			if r.Verbatim && strings.HasPrefix(r.Text, "~") {
				t.Errorf("verbatim reply rephrased: %q", r.Text)
			}
		}
		for _, c := range rp.Calls() {
			if strings.Contains(c.Text, "112") {
				t.Errorf("the safety message reached the rephraser: %q", c.Text)
			}
			if c.Lang != "en" || c.Audience != flow.AudienceCustomer {
				t.Errorf("request lang, audience = %q, %q", c.Lang, c.Audience)
			}
			if n := len(c.Recent); n == 0 || c.Recent[n-1].From != bot.SpeakerPerson {
				t.Errorf("context should end with the person's message, not this turn's own bot lines: %+v", c.Recent)
			}
		}
	})

	t.Run("slow_or_failing_falls_back_to_script", func(t *testing.T) {
		t.Parallel()
		release := make(chan struct{})
		defer close(release)
		var calls atomic.Int32
		rp := &bottest.Rephraser{Fn: func(ctx context.Context, r bot.RephraseRequest) (string, error) {
			if calls.Add(1)%2 == 0 {
				return "", errors.New("upstream 500")
			}
			select {
			case <-ctx.Done():
				return "", ctx.Err()
			case <-release:
				return "too late", nil
			}
		}}
		e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) {
			c.Rephraser = rp
			c.RephraseTimeout = 50 * time.Millisecond
		})
		start := time.Now()
		got := say(t, e, a, "1", "hello")
		// The rephraser never returns by itself: any bound proves the
		// budget cut it; this one (the shared wait.Timeout) is generous for
		// a busy machine.
		if took := time.Since(start); took > wait.Timeout {
			t.Errorf("a slow rephraser delayed the turn by %s", took)
		}
		welcome := bottest.MustFlows(t).Flow(bottest.MustFlows(t).Common.StartFlow)
		if !strings.Contains(texts(got), welcome.Step("start").Say[0].ByLang["en"][:10]) {
			t.Errorf("want the scripted welcome, got:\n%s", texts(got))
		}
	})
}

func TestHugeAndOddMessagesNeverFail(t *testing.T) {
	t.Parallel()
	e := newEngine(t, memstore.New(memstore.Config{}), nil)
	for i, text := range []string{"", " ", "\x00", "\xff\xfe", strings.Repeat("é", 60000), strings.Repeat("a", 100*1024), "🙂🙂🙂", "/", "//", "1:c:x", "<script>"} {
		a := bot.Address{Platform: "test", Chat: "odd", User: fmt.Sprint(i)}
		got, err := e.HandleMessage(t.Context(), bot.Message{ID: "1", From: a, Text: text})
		if err != nil || len(got) == 0 {
			t.Errorf("%.20q: replies %d, err %v", text, len(got), err)
		}
	}
}

func FuzzHandleMessage(f *testing.F) {
	for _, s := range []string{"hello", "my parcel hasn't arrived", "je veux parler à un conseiller", "\xff", "1", "stop", "/start", "I want to die", "0:c:late"} {
		f.Add(s, "")
		f.Add(s, "1:c:late")
	}
	set := bottest.MustFlows(f)
	f.Fuzz(func(t *testing.T, text, choice string) {
		e := mustNew(t, bot.Config{Flows: set, Store: memstore.New(memstore.Config{}), Vars: testVars})
		a := bot.Address{Platform: "fuzz", Chat: "c", User: "u"}
		// Two turns: the second meets whatever state the first left.
		for i, m := range []bot.Message{{ID: "1", From: a, Text: "/start"}, {ID: "2", From: a, Text: text, Choice: choice}, {ID: "3", From: a, Text: text}} {
			got, err := e.HandleMessage(context.Background(), m)
			if err != nil {
				t.Fatalf("turn %d: %v", i, err)
			}
			if i == 0 && len(got) == 0 {
				t.Fatal("no welcome")
			}
			for _, r := range got {
				if strings.Contains(r.Text, "{{") {
					t.Fatalf("unrendered template in %q", r.Text)
				}
			}
		}
	})
}

func TestDeskIsToldAboutHandoffs(t *testing.T) {
	t.Parallel()
	desk := &bottest.Desk{}
	e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) { c.Desk = desk })
	a := bot.Address{Platform: "test", Chat: "c", User: "u"}
	say(t, e, a, "1", "my order AB-123456 is late")
	say(t, e, a, "2", "I want to talk to a real person")
	say(t, e, a, "3", "it was a gift")
	if _, err := e.HandleMessage(t.Context(), bot.Message{ID: "4", From: a, Event: bot.EventHandoffTaken, Text: "Camille"}); err != nil {
		t.Fatal(err)
	}
	if got := say(t, e, a, "5", "thank you Camille"); len(got) != 0 {
		t.Errorf("the bot spoke while a person holds the conversation: %q", texts(got))
	}
	say(t, e, a, "6", "cancel")

	var ops []string
	for _, c := range desk.Calls() {
		ops = append(ops, c.Op+":"+c.Text)
	}
	want := []string{"opened:", "relayed:it was a gift", "relayed:thank you Camille", "withdrawn:"}
	if strings.Join(ops, "|") != strings.Join(want, "|") {
		t.Fatalf("desk calls = %q, want %q", ops, want)
	}
	opened := desk.Calls()[0]
	if opened.Handoff.Queue == "" || opened.Handoff.Status != bot.HandoffWaiting || len(opened.Recent) == 0 {
		t.Errorf("opened = %+v: want a queue, waiting, and the recent turns for the summary", opened)
	}
	if id := opened.Handoff.ID; desk.Calls()[1].Handoff.ID != id || desk.Calls()[3].Handoff.ID != id {
		t.Error("relays and withdrawal name another hand-off than the one opened")
	}
}

func TestDeskFailureStillAnswers(t *testing.T) {
	t.Parallel()
	desk := &bottest.Desk{Err: errors.New("slack down")}
	e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) { c.Desk = desk })
	a := bot.Address{Platform: "test", Chat: "c", User: "u"}
	if got := say(t, e, a, "1", "human please"); len(got) == 0 {
		t.Fatal("no reply when the desk failed")
	}
}

// TestCrisisPassesTheFloodGate: someone panicking who sends many lines at
// once still gets the safety message.
func TestCrisisPassesTheFloodGate(t *testing.T) {
	t.Parallel()
	e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) {
		c.FloodLimit, c.FloodWindow = 3, time.Hour
		c.Now = time.Now
	})
	a := bot.Address{Platform: "test", Chat: "c", User: "panic"}
	for i := range 6 {
		say(t, e, a, fmt.Sprint(i), "help")
	}
	got := say(t, e, a, "crisis", "I want to kill myself")
	if len(got) == 0 || !got[0].Verbatim || !strings.Contains(got[0].Text, "112") {
		t.Fatalf("over the flood limit, a crisis got %q; want the safety message", texts(got))
	}
}

// TestCrisisAlertOnlyWithADesk: the bot says a person is being alerted only
// when a desk is there to alert.
func TestCrisisAlertOnlyWithADesk(t *testing.T) {
	t.Parallel()
	alert := bottest.MustFlows(t).Common.Messages[flow.MsgCrisisAlert].ByLang["en"]
	a := bot.Address{Platform: "test", Chat: "c", User: "u"}

	withDesk := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) { c.Desk = &bottest.Desk{} })
	got := say(t, withDesk, a, "1", "I want to end my life")
	if len(got) != 2 || got[1].Text != alert || !got[1].Verbatim || got[1].Handoff == nil || got[1].Handoff.Priority != bot.PriorityUrgent {
		t.Errorf("with a desk: %q; want the safety message, then the alert with the urgent hand-off", texts(got))
	}

	noDesk := newEngine(t, memstore.New(memstore.Config{}), nil)
	got = say(t, noDesk, a, "1", "I want to end my life")
	if strings.Contains(texts(got), alert) || len(got) != 1 || got[0].Handoff != nil {
		t.Errorf("without a desk: %q; want only the safety message (no hand-off waits for nobody, no promise of an alert)", texts(got))
	}
	// And what the person writes next is not met with "a person will reply".
	waiting := bottest.MustFlows(t).Common.Messages[flow.MsgHandoffWaiting].ByLang["en"]
	if got := say(t, noDesk, a, "2", "are you still there"); strings.Contains(texts(got), waiting) {
		t.Errorf("without a desk, after a crisis: %q; the bot promised a reply nobody will give", texts(got))
	}
}

// staffer is a desk that says whether someone is there, per queue.
type staffer struct {
	bottest.Desk
	staffed map[string]bool
	err     error
	asked   []string
}

func (s *staffer) Staffed(_ context.Context, queue string) (bool, error) {
	s.asked = append(s.asked, queue)
	return s.staffed[queue], s.err
}

// TestNobodyToSendNoPromise: a hand-off to a queue nobody staffs right now
// (or whose staffing cannot be checked) gets the honest answer and the
// contacts; a staffed queue opens as before. Ordinary turns never ask.
func TestNobodyToSendNoPromise(t *testing.T) {
	t.Parallel()
	msgs := bottest.MustFlows(t).Common.Messages
	unavailable := msgs[flow.MsgHandoffUnavailable].ByLang["en"]
	none := msgs[flow.MsgContactNone].ByLang["en"]
	for _, tc := range []struct {
		name      string
		desk      *staffer
		vars      map[string]map[string]string
		want      []string
		open      bool
		notWanted string
	}{
		{name: "staffed", desk: &staffer{staffed: map[string]bool{"general": true}}, open: true, want: []string{"I'm asking a person"}},
		{name: "unstaffed_contacts", desk: &staffer{staffed: map[string]bool{"urgent": true}}, vars: contactVars,
			want: []string{unavailable, "+44 20 7946 0000", "care@example.com", "Monday to Friday"}, notWanted: none},
		{name: "unstaffed_no_contacts", desk: &staffer{}, want: []string{unavailable, none}},
		{name: "check_failed", desk: &staffer{staffed: map[string]bool{"general": true}, err: errors.New("redis down")}, want: []string{unavailable}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) {
				c.Desk = tc.desk
				if tc.vars != nil {
					c.Vars = tc.vars
				}
			})
			a := bot.Address{Platform: "test", Chat: "c", User: tc.name}
			say(t, e, a, "1", "my order is late")
			if len(tc.desk.asked) != 0 {
				t.Fatalf("an ordinary turn asked the desk about %q", tc.desk.asked)
			}
			got := say(t, e, a, "2", "I want to talk to a real person")
			all := texts(got)
			for _, w := range tc.want {
				if !strings.Contains(all, w) {
					t.Errorf("replies %q lack %q", all, w)
				}
			}
			if tc.notWanted != "" && strings.Contains(all, tc.notWanted) {
				t.Errorf("replies %q hold %q", all, tc.notWanted)
			}
			opened := false
			for _, r := range got {
				opened = opened || r.Handoff != nil
			}
			if opened != tc.open {
				t.Errorf("hand-off opened = %v, want %v", opened, tc.open)
			}
			if ops := tc.desk.Calls(); (len(ops) == 1) != tc.open {
				t.Errorf("desk told %d times, want it told only of an opened hand-off", len(ops))
			}
			if tc.desk.asked[0] != "general" {
				t.Errorf("desk asked about %q, want the human flow's queue", tc.desk.asked)
			}
		})
	}
}

// TestPeerRequestsNeverReachTheDesk: peer-support requests are anonymous
// and belong to the peer channel; agents at the desk never hear of them,
// and someone can come only while the adapter serving them runs.
func TestPeerRequestsNeverReachTheDesk(t *testing.T) {
	t.Parallel()
	unavailable := bottest.MustFlows(t).Common.Messages[flow.MsgHandoffUnavailable].ByLang["en"]
	for _, served := range []bool{true, false} {
		d := &staffer{staffed: map[string]bool{"peer": true, "general": true}}
		e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) {
			c.Desk, c.PeerQueue, c.PeerServed = d, "peer", served
		})
		a := bot.Address{Platform: "slack", Chat: "D1", User: fmt.Sprint("U", served)}
		// Not served, the colleague is not offered: "Talk to a colleague"
		// gets the honest answer at once, and "Yes, OK" answers nothing.
		var got string
		for i, line := range []string{"/peer", "I just need to talk", "the shift was awful", "Talk to a colleague", "Yes, OK"} {
			got += texts(say(t, e, a, fmt.Sprint(i), line))
		}
		if strings.Contains(got, unavailable) == served || served != strings.Contains(got, "I have posted your request") {
			t.Errorf("peer served %v: replies %q", served, got)
		}
		say(t, e, a, "9", "hello")
		if calls := d.Calls(); len(calls) != 0 || slices.Contains(d.asked, "peer") {
			t.Errorf("peer served %v: the desk heard of a peer request: %+v, asked %q", served, calls, d.asked)
		}
	}
}

// TestVeiledAndPlannedCrisisPreempts: danger to life said without "die"
// or "kill", veiled ("they'd all be better off once I'm gone") or as a plan
// (a belt fastened to the banister and the stool ready), pre-empts the
// flow the person is in: the safety message, then the urgent hand-off
// (bot/nlu TestCrisisVeiledPlansGoodbyes).
func TestVeiledAndPlannedCrisisPreempts(t *testing.T) {
	t.Parallel()
	alert := bottest.MustFlows(t).Common.Messages[flow.MsgCrisisAlert].ByLang
	tests := []struct{ name, lang, start, crisis string }{
		{"veiled_en", "en", "my parcel is late", "they'd all be better off once i'm gone, honestly"},
		{"plan_en", "en", "my parcel is late", "the belt is fastened to the banister and the stool is ready"},
		{"veiled_fr", "fr", "mon colis est en retard", "bientôt j'embêterai plus personne avec mes problèmes"},
		{"plan_fr", "fr", "mon colis est en retard", "le moteur tourne et la porte du garage est fermée à clé"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			a := bot.Address{Platform: "test", Chat: "c", User: "crisis12-" + tt.name}
			if got := say(t, e, a, "1", tt.start); len(got) == 0 || strings.Contains(texts(got), "112") {
				t.Fatalf("%q: %q; want the order flow, not the safety message", tt.start, texts(got))
			}
			got := say(t, e, a, "2", tt.crisis)
			if len(got) != 2 || !got[0].Verbatim || !strings.Contains(got[0].Text, "112") ||
				got[1].Text != alert[tt.lang] || got[1].Handoff == nil || got[1].Handoff.Priority != bot.PriorityUrgent {
				t.Errorf("in the middle of a flow, %q got %q; want the safety message, then the alert with the urgent hand-off", tt.crisis, texts(got))
			}
		})
	}
}

// TestLearnedCrisisPreempts: a crisis that only the learned crisis signal
// hears (no lexicon entry says it; see bot/nlu TestLearnedCrisis) pre-empts
// the flow the person is in, as a lexicon crisis does: the safety message
// first, then the urgent hand-off.
func TestLearnedCrisisPreempts(t *testing.T) {
	t.Parallel()
	alert := bottest.MustFlows(t).Common.Messages[flow.MsgCrisisAlert].ByLang
	tests := []struct{ lang, start, crisis string }{
		{"en", "my parcel is late", "honestly i've written letters to everyone and i feel calm now that i've decided"},
		{"fr", "mon colis est en retard", "j'ai écrit des lettres à tout le monde et je me sens calme maintenant que j'ai décidé"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			a := bot.Address{Platform: "test", Chat: "c", User: "learned-" + tt.lang}
			if got := say(t, e, a, "1", tt.start); len(got) == 0 || strings.Contains(texts(got), "112") {
				t.Fatalf("%q: %q; want the order flow, not the safety message", tt.start, texts(got))
			}
			got := say(t, e, a, "2", tt.crisis)
			if len(got) != 2 || !got[0].Verbatim || !strings.Contains(got[0].Text, "112") ||
				got[1].Text != alert[tt.lang] || got[1].Handoff == nil || got[1].Handoff.Priority != bot.PriorityUrgent {
				t.Errorf("in the middle of a flow, %q got %q; want the safety message, then the alert with the urgent hand-off", tt.crisis, texts(got))
			}
		})
	}
}
