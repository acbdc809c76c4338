package bot_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/memstore"
)

// teamFlow says what happens next only when a person can come for it.
const teamFlow = `id: team_check
title: {en: Team check, fr: Vérification de l'équipe}
category: complaint_problem
triggers:
  commands: [/teamcheck]
steps:
  - id: start
    branch:
      - if_staffed: delivery
        goto: promise
    next: alone
  - id: promise
    end:
      text:
        en: "A person from the delivery team will write to you here."
        fr: "Une personne de l'équipe livraison vous écrira ici."
  - id: alone
    end:
      text:
        en: "Nobody from the delivery team can write to you here today."
        fr: "Personne de l'équipe livraison ne peut vous écrire ici aujourd'hui."
`

// TestIfStaffed: a flow's branch on if_staffed follows whether a person
// can come for the queue, asked of the desk only when the branch is met.
func TestIfStaffed(t *testing.T) {
	t.Parallel()
	set, err := bottest.LoadWith(t, map[string]string{"team_check.yaml": teamFlow})
	if err != nil {
		t.Fatalf("flows with an if_staffed branch: %v", err)
	}
	for _, tc := range []struct {
		name string
		desk bot.Desk
		want string
	}{
		{name: "no_desk", desk: nil, want: "Nobody from the delivery team"},
		{name: "staffed", desk: &staffer{staffed: map[string]bool{"delivery": true}}, want: "will write to you here"},
		{name: "other_queue_staffed", desk: &staffer{staffed: map[string]bool{"general": true}}, want: "Nobody from the delivery team"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) {
				c.Flows = set
				c.Desk = tc.desk
			})
			got := texts(say(t, e, bot.Address{Platform: "test", Chat: "c", User: tc.name}, "1", "/teamcheck"))
			if !strings.Contains(got, tc.want) {
				t.Errorf("replies %q lack %q", got, tc.want)
			}
			if s, ok := tc.desk.(*staffer); ok && (len(s.asked) != 1 || s.asked[0] != "delivery") {
				t.Errorf("desk asked about %q, want delivery once", s.asked)
			}
		})
	}
}

// TestUnstaffedVariant: a text with an unstaffed variant (the welcome's
// "write human and I'll find a person") is said as written only when a
// person can come for its queue (the human flow's, by default); with no
// desk, nobody there, or a check that failed, the variant is said. The
// desk is asked once per turn, about that queue.
func TestUnstaffedVariant(t *testing.T) {
	t.Parallel()
	const promise = `write "human" and I'll find a person from our team`
	for _, tc := range []struct {
		name    string
		desk    bot.Desk
		promise bool
	}{
		{name: "no_desk", desk: nil},
		{name: "staffed", desk: &staffer{staffed: map[string]bool{"general": true}}, promise: true},
		{name: "other_queue_staffed", desk: &staffer{staffed: map[string]bool{"delivery": true}}},
		{name: "check_failed", desk: &staffer{staffed: map[string]bool{"general": true}, err: errors.New("redis down")}},
		{name: "desk_without_staffer", desk: &bottest.Desk{}, promise: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) { c.Desk = tc.desk })
			got := texts(say(t, e, bot.Address{Platform: "test", Chat: "c", User: tc.name}, "1", "/start"))
			if strings.Contains(got, promise) != tc.promise {
				t.Errorf("welcome %q: promise of a person %v, want %v", got, !tc.promise, tc.promise)
			}
			if !strings.Contains(got, "I can help with an order or a delivery, a payment") {
				t.Errorf("welcome %q lacks what the bot can do", got)
			}
			if s, ok := tc.desk.(*staffer); ok && (len(s.asked) != 1 || s.asked[0] != "general") {
				t.Errorf("desk asked about %q, want general once", s.asked)
			}
		})
	}
}
