package bot_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// TestCheckInCancelledMidFlow: a check-in agreed in the middle of a flow
// survives the flow's own answers, but not a crisis, distress, a request
// for a person or a "cancel": whatever the grace of the flow, nobody gets
// a cheerful check-in the day after writing that.
func TestCheckInCancelledMidFlow(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, text, reason string
	}{
		{"crisis", "I want to kill myself", bot.CancelCrisis},
		{"crisis_fr", "je veux me suicider", bot.CancelCrisis},
		{"person", "I want to speak to a human", bot.CancelPersonWrote},
		{"cancel", "cancel", bot.CancelPersonWrote},
		{"answer_keeps_it", "please ring the bell twice", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			set, err := parcelSet(t, parcelFlow)
			if err != nil {
				t.Fatal(err)
			}
			now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
			clock := func() time.Time { return now }
			fus := memstore.NewFollowUps()
			care := &careLog{}
			e := mustNew(t, bot.Config{Flows: set, Store: memstore.New(memstore.Config{TTL: 30 * 24 * time.Hour, Now: clock}), FollowUps: fus, Care: care, Now: clock})
			c := &chat{t: t, e: e, to: bot.Address{Platform: "telegram", Chat: "10", User: "10"}}
			c.say("/parcel")
			c.press("Yes, please")
			scheduled, _ := fus.List(t.Context(), 10)
			if len(scheduled) != 1 {
				t.Fatalf("scheduled %d check-ins after yes, want 1", len(scheduled))
			}
			c.say(tc.text)
			left, _ := fus.List(t.Context(), 10)
			if got := care.cancelled(); tc.reason == "" && (len(left) != 1 || len(got) != 0) {
				t.Fatalf("an answer to the flow: %d left, cancelled %q; want the check-in kept", len(left), got)
			} else if tc.reason != "" && (len(left) != 0 || !slices.Equal(got, []string{tc.reason})) {
				t.Fatalf("after %q: %d left, cancelled %q; want none left, cancelled [%s]", tc.text, len(left), got, tc.reason)
			}
			if tc.reason == "" {
				return
			}
			// A scheduler that claimed it before the cancel still asks the
			// conversation, which says no.
			rs, cancel, err := e.CheckIn(t.Context(), scheduled[0])
			if err != nil || len(rs) != 0 || cancel != tc.reason {
				t.Errorf("CheckIn after %q = %q, %q, %v; want nothing sent, cancelled %s", tc.text, texts(rs), cancel, err, tc.reason)
			}
			snd := &recSender{}
			tick := ticker(t, bot.SchedulerConfig{Engine: e, Store: fus, Now: clock}, snd)
			now = now.Add(25 * time.Hour)
			tick()
			if len(snd.sent) > 0 {
				t.Errorf("check-in sent after %q: %q", tc.text, texts(snd.sent))
			}
			if got := care.cancelled(); len(got) != 1 {
				t.Errorf("cancellations counted %q, want once", got)
			}
		})
	}
}

// TestCallBackUnstaffedFallsBackToCheckIn: a vulnerable person who
// chose a phone call-back when the call-back queue is no longer staffed
// is told so, and gets the check-in they consented to instead of nothing.
func TestCallBackUnstaffedFallsBackToCheckIn(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	msgs := set.Common.Messages
	fus := memstore.NewFollowUps()
	care := &careLog{}
	desk := &staffer{staffed: map[string]bool{"callback": true, "delivery": true, "general": true}}
	e := mustNew(t, bot.Config{Flows: set, Store: memstore.New(memstore.Config{}), FollowUps: fus, CallBackQueue: "callback", Care: care, Desk: desk})
	c := &chat{t: t, e: e, to: bot.Address{Platform: "telegram", Chat: "8", User: "8"}}
	toCallBack(c)
	desk.staffed["callback"] = false // the team went home meanwhile
	rs := c.press("Yes, call me")
	for _, r := range rs {
		if r.Handoff != nil {
			t.Fatalf("a hand-off to nobody: %+v", r)
		}
	}
	got := texts(rs)
	if !strings.Contains(got, msgs[flow.MsgHandoffUnavailable].ByLang["en"]) {
		t.Errorf("replies %q, want the honest %s", got, flow.MsgHandoffUnavailable)
	}
	fs, _ := fus.List(t.Context(), 10)
	if len(fs) != 1 || !fs[0].Vulnerable || fs[0].Flow != "order_problem" {
		t.Fatalf("scheduled %+v, want the consented check-in of a vulnerable person", fs)
	}
	o := set.Flow(fs[0].Flow).Step(fs[0].Step).FollowUp
	want := o.Consent.Agreed.ByLang["en"]
	if s := o.Consent.Agreed.Simple["en"]; s != "" {
		want = s // they said they are 82
	}
	if !strings.Contains(got, want) {
		t.Errorf("replies %q, want %q", got, want)
	}
}

// TestForgetWithdrawnCheckIn: /forget deletes a check-in an operator
// withdrew at once (no scheduler needed) and counts it once, as forget.
func TestForgetWithdrawnCheckIn(t *testing.T) {
	t.Parallel()
	set, err := parcelSet(t, parcelFlow)
	if err != nil {
		t.Fatal(err)
	}
	fus := memstore.NewFollowUps()
	care := &careLog{}
	e := mustNew(t, bot.Config{Flows: set, Store: memstore.New(memstore.Config{}), FollowUps: fus, Care: care})
	c := &chat{t: t, e: e, to: bot.Address{Platform: "telegram", Chat: "11", User: "11"}}
	c.say("/parcel")
	c.press("Yes, please")
	if ok, err := fus.Withdraw(t.Context(), c.to, bot.CancelOperator); !ok || err != nil {
		t.Fatalf("Withdraw = %v, %v", ok, err)
	}
	c.say("/forget")
	if got := care.cancelled(); !slices.Equal(got, []string{bot.CancelForget}) {
		t.Errorf("cancellations %q, want [forget] once", got)
	}
	if cs, _ := fus.Claim(t.Context(), time.Now().Add(48*time.Hour), time.Minute, 10); len(cs) != 0 {
		t.Errorf("after /forget the store still holds %+v", cs)
	}
}
