package bot_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// TestFloodRuleStep: a burst gets one notice then quiet; quiet lasts while
// the person keeps flooding and ends once they slow down; urgent messages
// always pass and never use up the notice.
func TestFloodRuleStep(t *testing.T) {
	t.Parallel()
	rule := bot.FloodRule{Limit: 4, Window: 4 * time.Second} // drains one message a second
	type msg struct {
		at     time.Duration
		urgent bool
		want   bot.Admission
	}
	ms := func(d time.Duration) int64 { return int64(1e12) + d.Milliseconds() }
	tests := []struct {
		name string
		msgs []msg
	}{
		{"under_the_limit", []msg{{0, false, bot.AdmitTurn}, {time.Second, false, bot.AdmitTurn}, {2 * time.Second, false, bot.AdmitTurn}}},
		{"burst", []msg{
			{0, false, bot.AdmitTurn}, {0, false, bot.AdmitTurn}, {0, false, bot.AdmitTurn}, {0, false, bot.AdmitTurn},
			{0, false, bot.AdmitNotice}, {0, false, bot.AdmitQuiet}, {0, false, bot.AdmitQuiet},
		}},
		{"urgent_passes_and_keeps_the_notice", []msg{
			{0, false, bot.AdmitTurn}, {0, false, bot.AdmitTurn}, {0, false, bot.AdmitTurn}, {0, false, bot.AdmitTurn},
			{0, true, bot.AdmitUrgent}, {0, false, bot.AdmitNotice}, {0, true, bot.AdmitUrgent}, {0, false, bot.AdmitQuiet},
		}},
		{"still_flooding_stays_quiet", []msg{
			{0, false, bot.AdmitTurn}, {0, false, bot.AdmitTurn}, {0, false, bot.AdmitTurn}, {0, false, bot.AdmitTurn},
			{0, false, bot.AdmitNotice},
			// Two a second, twice the drain: the bucket stays full.
			{500 * time.Millisecond, false, bot.AdmitQuiet}, {time.Second, false, bot.AdmitQuiet},
			{1500 * time.Millisecond, false, bot.AdmitQuiet}, {2 * time.Second, false, bot.AdmitQuiet},
			{2500 * time.Millisecond, false, bot.AdmitQuiet}, {3 * time.Second, false, bot.AdmitQuiet},
		}},
		{"calms_down", []msg{
			{0, false, bot.AdmitTurn}, {0, false, bot.AdmitTurn}, {0, false, bot.AdmitTurn}, {0, false, bot.AdmitTurn},
			{0, false, bot.AdmitNotice},
			{2 * time.Second, false, bot.AdmitQuiet}, // level 4: still over half the limit
			{6 * time.Second, false, bot.AdmitTurn},  // level 1: calm again
			{6 * time.Second, false, bot.AdmitTurn},
		}},
		{"clock_going_back_drains_nothing", []msg{
			{5 * time.Second, false, bot.AdmitTurn}, {5 * time.Second, false, bot.AdmitTurn}, {5 * time.Second, false, bot.AdmitTurn},
			{5 * time.Second, false, bot.AdmitTurn}, {0, false, bot.AdmitNotice},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var st bot.FloodState
			for i, m := range tt.msgs {
				var got bot.Admission
				st, got = rule.Step(st, ms(m.at), m.urgent)
				if got != m.want {
					t.Fatalf("message %d at %v: %v, want %v (state %+v)", i, m.at, got, m.want, st)
				}
			}
		})
	}
	if off := (bot.FloodRule{Limit: 1<<31 - 1, Window: time.Second}); !off.Off() {
		t.Errorf("a limit of MaxInt32 is not off")
	}
}

// TestAdmitUrgent: what passes the gate however fast the person writes.
func TestAdmitUrgent(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, lang, text string
		want             bot.Admission
	}{
		{"crisis_en", "en", "I want to kill myself", bot.AdmitUrgent},
		{"crisis_fr", "fr", "je veux mourir, je vais me suicider", bot.AdmitUrgent},
		{"person_en", "en", "I want to talk to a human", bot.AdmitUrgent},
		{"person_fr", "fr", "je veux parler à un conseiller", bot.AdmitUrgent},
		{"human_command", "en", "/human", bot.AdmitUrgent},
		{"forget_command", "en", "/forget", bot.AdmitUrgent},
		{"plain", "en", "where is my parcel", bot.AdmitQuiet},
		{"plain_fr", "fr", "où est mon colis", bot.AdmitQuiet},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) { c.FloodLimit, c.FloodWindow = 2, time.Hour })
			a := bot.Address{Platform: "test", Chat: tt.name, User: "u"}
			say := func(text string) (bot.Admission, []bot.Reply) {
				return e.Admit(t.Context(), bot.Message{From: a, Text: text, Lang: tt.lang})
			}
			say("hello")
			say("hello")
			if v, notice := say("hello"); v != bot.AdmitNotice || len(notice) != 1 {
				t.Fatalf("third hello: %v %q, want the notice", v, texts(notice))
			}
			if v, _ := say(tt.text); v != tt.want {
				t.Errorf("Admit(%q) over the limit = %v, want %v", tt.text, v, tt.want)
			}
		})
	}
}

// TestAdmitNoticeInFlowLanguage: the notice is the flows' text, in the
// person's language.
func TestAdmitNoticeInFlowLanguage(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"en", "fr"} {
		e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) { c.FloodLimit, c.FloodWindow = 1, time.Hour })
		a := bot.Address{Platform: "test", Chat: lang, User: "u"}
		e.Admit(t.Context(), bot.Message{From: a, Text: "hi", Lang: lang})
		_, got := e.Admit(t.Context(), bot.Message{From: a, Text: "hi", Lang: lang})
		want := bottest.MustFlows(t).Common.Messages[flow.MsgFlood].ByLang[lang]
		if len(got) != 1 || got[0].Text != want {
			t.Errorf("%s notice = %q, want %q", lang, texts(got), want)
		}
	}
}

// failingFlood is a store whose flood count fails.
type failingFlood struct{ *memstore.Store }

func (failingFlood) Arrive(context.Context, bot.Address, time.Time, bot.FloodRule, bool) (bot.Admission, error) {
	return bot.AdmitTurn, errors.New("redis down")
}

// TestAdmitStoreDown: when the shared count fails, the count in memory
// still limits the flood.
func TestAdmitStoreDown(t *testing.T) {
	t.Parallel()
	e := newEngine(t, failingFlood{memstore.New(memstore.Config{})}, func(c *bot.Config) { c.FloodLimit, c.FloodWindow = 2, time.Hour })
	a := bot.Address{Platform: "test", Chat: "c", User: "u"}
	var got []bot.Admission
	for range 4 {
		v, _ := e.Admit(t.Context(), bot.Message{From: a, Text: "hello"})
		got = append(got, v)
	}
	want := []bot.Admission{bot.AdmitTurn, bot.AdmitTurn, bot.AdmitNotice, bot.AdmitQuiet}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("verdicts %v, want %v", got, want)
		}
	}
}

// TestAdmittedNotCountedTwice: a message the adapter admitted is not counted
// again at its turn.
func TestAdmittedNotCountedTwice(t *testing.T) {
	t.Parallel()
	e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) { c.FloodLimit, c.FloodWindow = 3, time.Hour })
	a := bot.Address{Platform: "test", Chat: "c", User: "u"}
	flood := bottest.MustFlows(t).Common.Messages[flow.MsgFlood].ByLang["en"]
	for i := range 3 {
		m := bot.Message{ID: string(rune('a' + i)), From: a, Text: "hello"}
		if v, _ := e.Admit(t.Context(), m); v != bot.AdmitTurn {
			t.Fatalf("Admit %d = %v", i, v)
		}
		m.Admitted = true
		got, err := e.HandleMessage(t.Context(), m)
		if err != nil || len(got) == 0 || got[0].Text == flood {
			t.Fatalf("turn %d of an admitted message: %q, %v", i, texts(got), err)
		}
	}
}
