package bot_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/memstore"
)

// TestShoutedAnyoneThere plays whole conversations through the engine and
// its real detector (memory14): a person shouting to see whether anyone is
// there ("HELLO??? ANYONE???", « ALLO??? Y A QUELQU'UN??? ») is heard as
// "is someone there?" is, as a first message and in the middle of a
// question: a person is sought for them, calmly, with no anger named.
// The calm chat opener "hello, anyone there" stays a greeting. Before, the
// French calls and "HEY??? ANYONE???" were handed over as angry, and "HEY???
// ANYBODY THERE???" got the welcome menu.
func TestShoutedAnyoneThere(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	angry := []string{set.Common.Messages[flow.MsgAckAnger].In("en", "en"), set.Common.Messages[flow.MsgAckAnger].In("fr", "en")}
	tests := []struct {
		name   string
		turns  []string
		person bool // the last turn seeks a person
	}{
		{"en_first", []string{"HELLO??? ANYONE???"}, true},
		{"en_lower", []string{"hello??? anyone???"}, true},
		{"en_hey_anybody", []string{"HEY??? ANYBODY THERE???"}, true},
		{"fr_he_ho", []string{"HÉ HO??? Y A QUELQU'UN???"}, true},
		{"en_caps_no_marks", []string{"HELLO ANYONE THERE"}, false},
		{"en_mid_question", []string{"/order", "HELLO??? ANYONE???"}, true},
		{"en_like_is_someone_there", []string{"is someone there?"}, true},
		{"fr_first", []string{"ALLO??? Y A QUELQU'UN???"}, true},
		{"fr_lower", []string{"allo??? y a quelqu'un???"}, true},
		{"fr_mid_question", []string{"/commande", "ALLO??? Y A QUELQU'UN???"}, true},
		{"en_calm_greeting", []string{"hello, anyone there"}, false},
		{"en_calm_capitals", []string{"HELLO I NEED TO RESET MY PASSWORD PLEASE"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			rs := play(t, e, tt.name, tt.turns)
			opened := slices.ContainsFunc(rs, func(r bot.Reply) bool { return r.Handoff != nil })
			if opened != tt.person {
				t.Errorf("a person sought: %v, want %v:\n%s", opened, tt.person, texts(rs))
			}
			for _, r := range rs {
				if r.Handoff != nil && r.Handoff.Signals.Anger {
					t.Errorf("the hand-off says the person is angry:\n%s", texts(rs))
				}
			}
			for _, r := range rs {
				if slices.Contains(angry, r.Text) || strings.Contains(r.Text, "didn't catch") {
					t.Errorf("said %q:\n%s", r.Text, texts(rs))
				}
			}
		})
	}
}
