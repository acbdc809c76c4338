package bot_test

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// TestShoutedFeelingAcknowledgedOnce plays whole conversations through the
// engine, its real detector and the built-in flows (feel12): a message
// shouted with a complaint gets the anger acknowledgment first, then the
// help, and a second shouted message in the same conversation gets the
// help only; a calm message in capitals gets no acknowledgment at all;
// loneliness gets its own words; after a long silence a feeling is named
// again. Before feel12 the shouted rows got no acknowledgment, loneliness
// the stress one, and the second angry message the acknowledgment again.
func TestShoutedFeelingAcknowledgedOnce(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	ack := func(key, lang string) string { return set.Common.Messages[key].In(lang, "en") }
	acks := func(lang string) []string {
		var out []string
		for _, k := range []string{flow.MsgAckAnger, flow.MsgAckAnxiety, flow.MsgAckDistress, flow.MsgAckLonely} {
			out = append(out, ack(k, lang))
		}
		return out
	}
	type turn struct {
		text string
		ack  string // the acknowledgment key said first, or "" for none at all
	}
	tests := []struct {
		name, lang string
		turns      []turn
	}{
		{"en_shouted_then_help", "en", []turn{
			{"WHERE IS MY REFUND", flow.MsgAckAnger},
			{"I HAVE BEEN WAITING FOR 3 WEEKS AND STILL NOTHING!!!", ""},
		}},
		{"en_angry_twice_across_flows", "en", []turn{
			{"my parcel never arrived, this is a disgrace, I am furious", flow.MsgAckAnger},
			{"AB-123456", ""},
			{"and my refund is late too, absolutely disgraceful, I am furious", ""},
		}},
		{"en_calm_capitals", "en", []turn{
			{"HELLO I NEED TO RESET MY PASSWORD PLEASE", ""},
		}},
		{"en_lonely", "en", []turn{
			{"nobody ever visits me anymore and now I can't get into my account", flow.MsgAckLonely},
		}},
		{"fr_shouted_then_help", "fr", []turn{
			{"OU EST MON REMBOURSEMENT", flow.MsgAckAnger},
			{"CA FAIT 3 SEMAINES QUE J'ATTENDS !!!", ""},
		}},
		{"fr_calm_capitals", "fr", []turn{
			{"BONJOUR JE VOUDRAIS CHANGER MON MOT DE PASSE SVP", ""},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			a := bot.Address{Platform: "test", Chat: tt.name, User: "u"}
			say(t, e, a, "start", "/start")
			for i, tu := range tt.turns {
				rs := say(t, e, a, tt.name+string(rune('a'+i)), tu.text)
				var said []string
				for _, r := range rs {
					if slices.Contains(acks(tt.lang), r.Text) {
						said = append(said, r.Text)
					}
				}
				switch {
				case tu.ack == "" && len(said) > 0:
					t.Errorf("%q: acknowledged %q, want none:\n%s", tu.text, said, texts(rs))
				case tu.ack != "" && (len(said) != 1 || rs[0].Text != ack(tu.ack, tt.lang)):
					t.Errorf("%q: want %q first and once:\n%s", tu.text, ack(tu.ack, tt.lang), texts(rs))
				case tu.ack != "" && len(rs) < 2:
					t.Errorf("%q: the acknowledgment came without the help:\n%s", tu.text, texts(rs))
				}
			}
		})
	}
}

// TestFeelingNamedAgainAfterLongSilence checks that "once per
// conversation" ends with the conversation: the same person shouting again
// the next day is acknowledged again.
func TestFeelingNamedAgainAfterLongSilence(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) {
		c.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	})
	angry := bottest.MustFlows(t).Common.Messages[flow.MsgAckAnger].In("en", "en")
	a := bot.Address{Platform: "test", Chat: "c", User: "u"}
	count := func(rs []bot.Reply) int {
		n := 0
		for _, r := range rs {
			if r.Text == angry {
				n++
			}
		}
		return n
	}
	if n := count(say(t, e, a, "1", "WHERE IS MY REFUND")); n != 1 {
		t.Fatalf("first shout: acknowledged %d times, want 1", n)
	}
	if n := count(say(t, e, a, "2", "menu")) + count(say(t, e, a, "3", "WHERE IS MY PARCEL")); n != 0 {
		t.Fatalf("same conversation: acknowledged %d times again, want 0", n)
	}
	mu.Lock()
	now = now.Add(24 * time.Hour)
	mu.Unlock()
	if n := count(say(t, e, a, "4", "WHERE IS MY REFUND")); n != 1 {
		t.Errorf("a day later: acknowledged %d times, want 1", n)
	}
}
