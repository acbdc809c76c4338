package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestStaffMenuHearsHowTheColleagueIs plays a colleague on the staff
// Slack who answers "What would help you today? You can also just tell me
// how you are." with how they are, in two or three words: "i'm tired"
// and "meh" got "Sorry, I didn't catch which one you meant", where « je
// suis fatiguée » was listened to (three words, « fatiguée » no feeling
// word) and « bof » was not either. A word that names a mood, with only
// little words, negations and words of how much beside it, is how they
// are: listened to, as "not great today" is. "ok", "hmm" and a greeting
// still get the menu again.
func TestStaffMenuHearsHowTheColleagueIs(t *testing.T) {
	t.Parallel()
	const (
		listened   = "Thank you for reaching out"
		listenedFr = "Merci de m'en parler"
		pickOne    = "didn't catch which one you meant"
		pickOneFr  = "je n'ai pas compris votre choix"
	)
	staffMenuRows(t, []staffMenuRow{
		{"en_im_tired", "en", "hello", "i'm tired", listened, pickOne},
		{"en_so_tired", "en", "hello", "honestly so tired", listened, pickOne},
		{"en_meh", "en", "hello", "meh", listened, pickOne},
		// (The router takes « je suis crevée » to the breathing pause.)
		{"fr_je_suis_crevee", "fr", "bonjour", "je suis crevée", "", pickOneFr},
		{"fr_bof", "fr", "bonjour", "bof", listenedFr, pickOneFr},
		{"fr_je_suis_fatiguee", "fr", "bonjour", "je suis fatiguée", listenedFr, pickOneFr},
		// Still the menu again.
		{"en_ok", "en", "hello", "ok", "What would help you today?", listened},
		{"en_hmm", "en", "hello", "hmm", "What would help you today?", listened},
		{"fr_ok", "fr", "bonjour", "ok", "Qu'est-ce qui vous aiderait aujourd'hui ?", listenedFr},
	})
}

// staffMenuRow is a colleague's first message on the staff Slack, then
// what they say at the staff menu, and what the answer must (want, unless
// empty) and must not (not) hold.
type staffMenuRow struct {
	name, lang, first, then string
	want, not               string
}

// staffMenuRows plays each row on an engine with a desk, as a Slack
// conversation of its own.
func staffMenuRows(t *testing.T, rows []staffMenuRow) {
	t.Helper()
	for _, tc := range rows {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			a := bot.Address{Platform: "slack", Chat: tc.name, User: "u"}
			say := func(id, text string) string {
				rs, err := e.HandleMessage(t.Context(), bot.Message{ID: id, From: a, Text: text, Lang: tc.lang})
				if err != nil {
					t.Fatal(err)
				}
				return shown(rs)
			}
			say("1", tc.first)
			var want []string
			if tc.want != "" {
				want = []string{tc.want}
			}
			holds(t, []string{tc.first, tc.then}, say("2", tc.then), want, []string{tc.not})
		})
	}
}
