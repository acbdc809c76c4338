package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/memstore"
)

// TestHoursAskedOnlyOfTheTeam25b: hoursAsked (fix25) answers "when are you
// open?" with the team's hours, or "I'm sorry, I don't know our team's
// opening hours". Before, it took words that ask no such thing: the
// worry told at "Tell me in your own words what's worrying you" ("my
// working hours", « mes horaires de nuit ») was dropped for "I don't know
// our team's opening hours" and the question again; "are you open to a
// partial refund?" and « vous ouvrez un dossier ? » at "Shall I send your
// refund request now?", "when do you close my ticket?" and the hours of
// something else ("what are the opening hours of the pharmacy?", « les
// horaires de la poste ? ») heard the same. The team's hours are still
// answered.
func TestHoursAskedOnlyOfTheTeam25b(t *testing.T) {
	t.Parallel()
	const (
		unknown = "don't know our team's opening hours"
		inconnu = "ne connais pas les horaires de notre équipe"
	)
	refund := func(a string) []string { return []string{"/refund", "Ask for a refund", "AB-123456", a} }
	rembourser := func(a string) []string {
		return []string{"/rembourser", "Demander un remboursement", "AB-123456", a}
	}
	// With a desk, a person can come: the refund question is asked, and
	// the worries flow asks "a person now, or tell me first?" (free text
	// taken); without, it asks for the worry in the person's own words.
	rows := []struct {
		talk
		desk bool
	}{
		{talk{name: "en_worry_working_hours", turns: []string{"/start", "I'm worried or upset", "my working hours"}, not: []string{unknown}}, false},
		{talk{name: "fr_worry_horaires_de_nuit", turns: []string{"bonjour", "Quelque chose m'inquiète ou me contrarie", "mes horaires de nuit"}, not: []string{inconnu}}, false},
		{talk{name: "en_open_to_a_refund", turns: refund("are you open to a partial refund?"), not: []string{unknown}}, true},
		{talk{name: "fr_ouvrez_un_dossier", turns: rembourser("vous ouvrez un dossier ?"), not: []string{inconnu}}, true},
		{talk{name: "en_close_my_ticket", turns: []string{"hello", "when do you close my ticket?"}, not: []string{unknown}}, false},
		{talk{name: "en_pharmacy_hours", turns: []string{"hello", "what are the opening hours of the pharmacy?"}, not: []string{unknown}}, false},
		{talk{name: "fr_horaires_de_la_poste", turns: []string{"bonjour", "c'est quoi les horaires de la poste ?"}, not: []string{inconnu}}, false},
		// The team's hours are still asked.
		{talk{name: "en_when_open", turns: []string{"hello", "when are you open?"}, want: []string{unknown}}, false},
		{talk{name: "en_open_on_sunday", turns: []string{"hello", "are you open on sunday?"}, want: []string{unknown}}, false},
		{talk{name: "en_your_opening_hours", turns: refund("what are your opening hours?"), want: []string{unknown, "Shall I send your refund request now?"}}, true},
		{talk{name: "fr_ouvrez_le_dimanche", turns: []string{"bonjour", "vous ouvrez le dimanche ?"}, want: []string{inconnu}}, false},
		{talk{name: "fr_horaires_de_votre_equipe", turns: []string{"bonjour", "quels sont les horaires de votre équipe ?"}, want: []string{inconnu}}, false},
		{talk{name: "fr_horaires_d_ouverture", turns: []string{"bonjour", "vos horaires d'ouverture ?"}, want: []string{inconnu}}, false},
		{talk{name: "en_worry_working_hours_desk", turns: []string{"/start", "I'm worried or upset", "my working hours"}, not: []string{unknown}}, true},
		{talk{name: "fr_worry_horaires_de_nuit_desk", turns: []string{"bonjour", "Quelque chose m'inquiète ou me contrarie", "mes horaires de nuit"}, not: []string{inconnu}}, true},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) {
				if r.desk {
					c.Desk = &bottest.Desk{}
				}
			})
			holds(t, r.turns, shown(play(t, e, r.name, r.turns)), r.want, r.not)
		})
	}
}
