package bot_test

import (
	"maps"
	"regexp"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// TestLossAcknowledged plays whole conversations through the engine and
// its real detector: a loss told (a death, a lost pregnancy) is named as a
// loss (ack_grief), once, in English and French, even said with anger; it
// is never answered "That sounds really hard" (ack_distress), which
// is what a widower closing his late wife's account was told before. A
// set written before ack_grief says ack_distress in its place.
func TestLossAcknowledged(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	msg := func(key, lang string) string { return set.Common.Messages[key].In(lang, "en") }
	tests := []struct {
		name, lang string
		turns      []string
	}{
		{"en_late_wife", "en", []string{"this was my late wife's account and I just want it closed properly", "I don't have her password, she did all that"}},
		{"en_miscarriage", "en", []string{"I had a miscarriage in june and you keep sending me baby offers", "please just stop them"}},
		{"en_with_anger", "en", []string{"I lost my dad in may and you STILL send him bills, this is outrageous", "what are you going to do about it"}},
		{"fr_feu_mon_pere", "fr", []string{"c'est la tablette de feu mon père, je n'arrive plus à me connecter", "je n'ai pas son mot de passe"}},
		{"fr_fausse_couche", "fr", []string{"j'ai fait une fausse couche et vous m'envoyez encore des pubs pour bébé", "arrêtez svp"}},
		{"fr_deces", "fr", []string{"ma mère est décédée le mois dernier et son abonnement continue", "comment on arrête ça"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			a := bot.Address{Platform: "test", Chat: tt.name, User: "u"}
			var all []string
			for i, text := range tt.turns {
				all = append(all, texts(say(t, e, a, tt.name+string(rune('a'+i)), text)))
			}
			grief, stress := msg(flow.MsgAckGrief, tt.lang), msg(flow.MsgAckDistress, tt.lang)
			if grief == "" || !strings.Contains(all[0], grief) {
				t.Errorf("the loss was not named (%q) at the first message:\n%s", grief, all[0])
			}
			whole := strings.Join(all, "\n")
			if n := strings.Count(whole, grief); n > 1 {
				t.Errorf("the loss was named %d times, want once:\n%s", n, whole)
			}
			if strings.Contains(whole, stress) {
				t.Errorf("a loss was answered as stress (%q):\n%s", stress, whole)
			}
		})
	}

	t.Run("set_without_ack_grief", func(t *testing.T) {
		t.Parallel()
		files := maps.Clone(set.Files)
		files["common.yaml"] = regexp.MustCompile(`(?m)^  ack_grief:\n(    .*\n)+`).ReplaceAll(files["common.yaml"], nil)
		old, err := flow.LoadFiles(files)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := old.Common.Messages[flow.MsgAckGrief]; ok {
			t.Fatal("ack_grief still in the set")
		}
		e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) { c.Flows = old })
		a := bot.Address{Platform: "test", Chat: "old", User: "u"}
		got := texts(say(t, e, a, "m1", "this was my late wife's account and I want it closed"))
		if !strings.Contains(got, msg(flow.MsgAckDistress, "en")) {
			t.Errorf("a set without ack_grief did not say ack_distress:\n%s", got)
		}
	})
}
