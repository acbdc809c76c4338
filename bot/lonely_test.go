package bot_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// lonelyFlows are the built-in flows and testdata/flows-lonely/visit.yaml,
// a flow that branches on if_signal: lonely.
func lonelyFlows(t *testing.T) *flow.Set {
	t.Helper()
	dir := bottest.CopyFlows(t)
	b, err := os.ReadFile("testdata/flows-lonely/visit.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "visit.yaml"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	set, err := flow.Load(os.DirFS(dir))
	if err != nil {
		t.Fatalf("load flows with if_signal: lonely: %v", err)
	}
	return set
}

// TestBranchOnLoneliness plays whole conversations through the engine and
// its real detector: loneliness, said before the flow or with its command,
// takes the flow's lonely branch, in English and French, and stays known
// for the rest of the conversation, as distress does; other distress and a
// calm message do not take it. Before, if_signal: lonely did not load.
func TestBranchOnLoneliness(t *testing.T) {
	t.Parallel()
	set := lonelyFlows(t)
	tests := []struct {
		name, lang string
		turns      []string
		want       string // step the visit flow's branch goes to
	}{
		{"en_lonely_then_visit", "en", []string{"nobody ever visits me anymore", "/visit"}, "alone"},
		{"fr_lonely_then_visit", "fr", []string{"personne ne vient jamais me voir", "/visite"}, "alone"},
		{"en_sad_not_lonely", "en", []string{"I'm so sad and hopeless today", "/visit"}, "hard"},
		{"en_calm", "en", []string{"hello", "/visit"}, "ask"},
		{"fr_calm", "fr", []string{"bonjour", "/visite"}, "ask"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) { c.Flows = set })
			rs := play(t, e, tt.name, tt.turns)
			alone := set.Flow("visit").Step("alone").Say[0].In(tt.lang, "en")
			hard := set.Flow("visit").Step("hard").Say[0].In(tt.lang, "en")
			got := "ask"
			all := texts(rs)
			switch {
			case strings.Contains(all, alone):
				got = "alone"
			case strings.Contains(all, hard):
				got = "hard"
			}
			if got != tt.want {
				t.Errorf("the branch went to %q, want %q:\n%s", got, tt.want, all)
			}
			ask := set.Flow("visit").Step("ask").Ask.Text.In(tt.lang, "en")
			if !slices.ContainsFunc(rs, func(r bot.Reply) bool { return r.Text == ask }) {
				t.Errorf("the question was not asked:\n%s", all)
			}
		})
	}
}
