package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/memstore"
)

// TestColleagueReachesPeerSupport plays a colleague on Slack (the employee
// audience) who tells of the load or a remark in calm words, after a
// greeting: peer support listens, where the fallback said it did not
// understand. All 3 conversations got the fallback before
// understand19's peer support examples.
func TestColleagueReachesPeerSupport(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	start := set.Flow("peer_support").Step("start").Say[0]
	for _, tt := range []struct {
		name, lang string
		turns      []string
	}{
		{"en_two_roles", "en", []string{"hi", "I've been covering two roles for months and nobody notices"}},
		{"fr_remark", "fr", []string{"bonjour", "un habitué m'a fait une remarque déplacée"}},
		{"fr_tension", "fr", []string{"salut", "il y a beaucoup de tension dans l'équipe en ce moment"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			var got string
			for i, text := range tt.turns {
				got = texts(say(t, e, bot.Address{Platform: "slack", Chat: tt.name, User: "U1"}, tt.name+string(rune('a'+i)), text))
			}
			if want := start.In(tt.lang, "en"); !strings.Contains(got, want) {
				t.Errorf("%q: want peer support's %q in:\n%s", tt.turns, want, got)
			}
		})
	}
}
