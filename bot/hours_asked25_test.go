package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestHoursAskedAnsweredHonestly25 asks when the team is there ("when are
// you open?", « vous ouvrez quand ? ») with nobody to come. With no hours
// configured the bot says it does not know them, invents none, and says
// what the person can do (the other contacts, or that the bot is there);
// with hours configured it gives them. Before, "when are you open?" got
// "Sorry, I didn't catch which one you meant" at the menu and « vous ouvrez
// quand ? » the same in French, as if nothing had been asked (fix25).
func TestHoursAskedAnsweredHonestly25(t *testing.T) {
	t.Parallel()
	noHours := map[string]map[string]string{
		"en": {"emergency_number": "112", "contact_email": "care@example.com"},
		"fr": {"emergency_number": "112", "contact_email": "aide@example.com"},
	}
	tests := []struct {
		name, lang, text string
		vars             map[string]map[string]string
		want, notWant    []string
	}{
		{"en_no_hours", "en", "when are you open?", testVars, []string{"don't know our team's opening hours", `write "menu"`, "What can I help you with today?"}, []string{"didn't catch", "9am"}},
		{"fr_no_hours", "fr", "vous ouvrez quand ?", testVars, []string{"ne connais pas les horaires", "écrivez « menu »", "Que puis-je faire pour vous"}, []string{"pas compris", "9 h"}},
		{"en_opening_hours_email", "en", "what are your opening hours", noHours, []string{"don't know our team's opening hours", "care@example.com"}, []string{"didn't catch", `write "menu"`}},
		{"fr_horaires_email", "fr", "quels sont vos horaires ?", noHours, []string{"ne connais pas les horaires", "aide@example.com"}, []string{"pas compris"}},
		{"en_hours_configured", "en", "when are you open?", contactVars, []string{"Our team is there Monday to Friday, 9am to 6pm"}, []string{"don't know", "didn't catch"}},
		{"fr_hours_configured", "fr", "vous ouvrez quand ?", contactVars, []string{"du lundi au vendredi, de 9 h à 18 h"}, []string{"ne connais pas", "pas compris"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) { c.Vars = tt.vars })
			a := bot.Address{Platform: "test", Chat: "c", User: tt.name}
			if tt.lang == "fr" {
				say(t, e, a, "hi", "bonjour")
			} else {
				say(t, e, a, "hi", "hello")
			}
			got := texts(say(t, e, a, "ask", tt.text))
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("%q: replies lack %q:\n%s", tt.text, w, got)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("%q: replies hold %q:\n%s", tt.text, w, got)
				}
			}
		})
	}
}
