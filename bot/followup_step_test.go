package bot_test

import (
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// parcelFlow offers a check-in in its middle: on a say step, before the
// question that follows it.
const parcelFlow = `id: parcel_check
title: {en: Parcel check, fr: Suivi de colis}
category: order_delivery
triggers:
  commands: [/parcel]
steps:
  - id: passed
    say:
      - en: "I've passed your parcel question to our delivery team."
        fr: "J'ai transmis votre question sur le colis à notre équipe livraison."
    follow_up:
      after: 24h
      consent:
        text: {en: "May I message you tomorrow to ask whether they wrote?", fr: "Puis-je vous écrire demain pour savoir s'ils vous ont écrit ?"}
        yes: {en: "Yes, please", fr: "Oui, volontiers"}
        no: {en: "No, thanks", fr: "Non merci"}
        agreed: {en: "All right: I'll check in tomorrow.", fr: "Entendu : je reviens vers vous demain."}
        declined: {en: "Of course: I won't message you.", fr: "Bien sûr : je ne vous écrirai pas."}
      check_in: {en: "Hello again: did our delivery team write to you?", fr: "Bonjour : notre équipe livraison vous a-t-elle écrit ?"}
      answers:
        - id: wrote
          label: {en: "Yes, they did", fr: "Oui"}
          text: {en: "I'm glad.", fr: "Tant mieux."}
        - id: not_yet
          label: {en: "Not yet", fr: "Pas encore"}
          flow: parcel_check
          step: more
    next: more
  - id: more
    ask:
      text: {en: "Is there anything you'd like to add for the team?", fr: "Voulez-vous ajouter quelque chose pour l'équipe ?"}
      slot: extra
    next: bye
  - id: bye
    end:
      text: {en: "Thank you, I've added it.", fr: "Merci, je l'ai ajouté."}
`

func parcelSet(t *testing.T, extra string) (*flow.Set, error) {
	return bottest.LoadWith(t, map[string]string{"parcel_check.yaml": extra})
}

// TestFollowUpOnAnyStep: a follow_up on a step in the middle of a flow is
// offered after the step's messages and before its question; a yes
// schedules it and the flow goes on; the flow's own answers do not cancel
// it, but a message written first once the flow is over does; no, or
// anything but an answer, schedules nothing and the flow goes on.
func TestFollowUpOnAnyStep(t *testing.T) {
	t.Parallel()
	set, err := parcelSet(t, parcelFlow)
	if err != nil {
		t.Fatalf("a follow_up on a say step: %v", err)
	}
	const question = "anything you'd like to add"
	const consent = "May I message you tomorrow"
	t0 := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	type step struct {
		say, press string // what the person writes, or the button they press
		want       string // in the bot's replies
		never      string // not in them
		scheduled  int    // follow-ups scheduled after the turn
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"yes_then_the_flow_goes_on", []step{
			{say: "/parcel", want: consent, never: question},
			{press: "Yes, please", want: question, scheduled: 1},
			{say: "the blue box", want: "I've added it", scheduled: 1}, // the flow's own answer
			{say: "hello", scheduled: 0},                               // written first, after the flow
		}},
		{"no_schedules_nothing", []step{
			{say: "/parcel", want: consent},
			{press: "No, thanks", want: question, scheduled: 0},
		}},
		{"typed_yes", []step{
			{say: "/parcel", want: consent},
			{say: "yes", want: question, scheduled: 1},
		}},
		{"moving_on_schedules_nothing", []step{
			{say: "/parcel", want: consent},
			{say: "the blue box", want: question, scheduled: 0},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			now := t0
			fus := memstore.NewFollowUps()
			e := mustNew(t, bot.Config{Flows: set, Store: memstore.New(memstore.Config{}), FollowUps: fus, Now: func() time.Time { return now }})
			to := bot.Address{Platform: "telegram", Chat: "9", User: "9"}
			var last []bot.Reply
			for i, st := range tc.steps {
				now = now.Add(time.Minute)
				m := bot.Message{ID: tc.name + string(rune('a'+i)), From: to, Text: st.say, At: now}
				if st.press != "" {
					m.Text, m.Choice = st.press, button(t, last, st.press)
				}
				var err error // each parallel subtest its own
				last, err = e.HandleMessage(t.Context(), m)
				if err != nil {
					t.Fatal(err)
				}
				said := texts(last)
				if st.want != "" && !strings.Contains(said, st.want) {
					t.Fatalf("turn %d: replies %q lack %q", i+1, said, st.want)
				}
				if st.never != "" && strings.Contains(said, st.never) {
					t.Fatalf("turn %d: replies %q hold %q", i+1, said, st.never)
				}
				fs, err := fus.List(t.Context(), 10)
				if err != nil {
					t.Fatal(err)
				}
				if len(fs) != st.scheduled {
					t.Fatalf("turn %d: %d follow-ups scheduled, want %d", i+1, len(fs), st.scheduled)
				}
				if len(fs) == 1 && (fs[0].Flow != "parcel_check" || fs[0].Step != "passed") {
					t.Errorf("scheduled %+v, want the step that offered it", fs[0])
				}
			}
		})
	}

	t.Run("check_in_goes_back_into_the_flow", func(t *testing.T) {
		t.Parallel()
		now := t0
		clock := func() time.Time { return now }
		fus := memstore.NewFollowUps()
		e := mustNew(t, bot.Config{Flows: set, Store: memstore.New(memstore.Config{TTL: 30 * 24 * time.Hour, Now: clock}), FollowUps: fus, Now: clock})
		to := bot.Address{Platform: "telegram", Chat: "10", User: "10"}
		rs, err := e.HandleMessage(t.Context(), bot.Message{ID: "1", From: to, Text: "/parcel", At: now})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.HandleMessage(t.Context(), bot.Message{ID: "2", From: to, Choice: button(t, rs, "Yes, please"), At: now}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.HandleMessage(t.Context(), bot.Message{ID: "3", From: to, Text: "the blue box", At: now}); err != nil {
			t.Fatal(err)
		}
		snd := &recSender{}
		tick := ticker(t, bot.SchedulerConfig{Engine: e, Store: fus, Now: clock}, snd)
		now = now.Add(25 * time.Hour)
		tick()
		if !strings.Contains(texts(snd.sent), "did our delivery team write to you?") {
			t.Fatalf("check-in = %q", texts(snd.sent))
		}
		rs, err = e.HandleMessage(t.Context(), bot.Message{ID: "4", From: to, Choice: button(t, snd.sent, "Not yet"), At: now})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(texts(rs), question) {
			t.Errorf("after \"not yet\": %q, want the flow's question again", texts(rs))
		}
	})
}

// TestFollowUpOnStepAndEnd: a step has one follow_up, on the step or in
// its end, not both.
func TestFollowUpOnStepAndEnd(t *testing.T) {
	t.Parallel()
	both := strings.Replace(parcelFlow, `    end:
      text: {en: "Thank you, I've added it.", fr: "Merci, je l'ai ajouté."}
`, `    end:
      text: {en: "Thank you, I've added it.", fr: "Merci, je l'ai ajouté."}
      follow_up: {}
    follow_up: {}
`, 1)
	_, err := parcelSet(t, both)
	if err == nil || !strings.Contains(err.Error(), "follow_up both on the step and in end") {
		t.Errorf("Load = %v, want an error about follow_up on both", err)
	}
}

func button(t *testing.T, rs []bot.Reply, label string) string {
	t.Helper()
	for _, r := range rs {
		for _, c := range r.Choices {
			if c.Label == label {
				return c.ID
			}
		}
	}
	t.Fatalf("no button %q in %+v", label, rs)
	return ""
}
