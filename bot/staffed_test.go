package bot_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
	"github.com/carebot/carebot/flows"
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
	files := fstest.MapFS{"team_check.yaml": {Data: []byte(teamFlow)}}
	if err := fs.WalkDir(flows.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(flows.FS, p)
		files[p] = &fstest.MapFile{Data: b}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	set, err := flow.Load(files)
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
