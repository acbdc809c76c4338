package nlu

import "testing"

// crisis23Row is a message and whether it is a danger to life.
type crisis23Row struct {
	lang, text string
	crisis     bool
}

// checkCrisis23 asserts each row's Crisis signal and says how the two
// detectors heard it when it is wrong.
func checkCrisis23(t *testing.T, rows []crisis23Row) {
	t.Helper()
	m := builtinM(t)
	for _, r := range rows {
		a, p := m.analyzeParts("", r.lang, r.text)
		if a.Signals.Crisis != r.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", r.lang, r.text, a.Signals.Crisis, p.lexicon, p.logit, r.crisis)
		}
	}
}

// TestHarassmentIsNoCrisis23: being harassed by a boss or a colleague is
// serious, and no danger to life: « mon chef me harcèle » raised the
// safety message, and on a staff Slack an urgent @here to colleagues.
// Threats of violence stay crises. 5 of 14 rows failed before (all fr).
func TestHarassmentIsNoCrisis23(t *testing.T) {
	t.Parallel()
	checkCrisis23(t, []crisis23Row{
		{"fr", "mon chef me harcèle", false},
		{"fr", "ma responsable me harcèle moralement", false},
		{"fr", "un collègue me harcèle sexuellement", false},
		{"fr", "mes collègues me harcèlent depuis des mois", false},
		{"fr", "on me harcèle au boulot", false},
		{"fr", "mon ex me harcèle et me menace", true},
		{"fr", "mon collègue me menace de me tuer", true},
		{"en", "my boss is harassing me", false},
		{"en", "my manager keeps harassing me", false},
		{"en", "a colleague is sexually harassing me", false},
		{"en", "my coworkers have been harassing me for months", false},
		{"en", "i'm being harassed at work", false},
		{"en", "my ex is harassing me and threatened to kill me", true},
		{"en", "my coworker threatened to stab me", true},
	})
}

// TestLifeDearEndsLife23: the guard for the cost of living (« en finir
// avec la vie chère ») took any determiner, and silenced « en finir avec
// ma vie chère ». 2 of 10 rows failed before (fr).
func TestLifeDearEndsLife23(t *testing.T) {
	t.Parallel()
	checkCrisis23(t, []crisis23Row{
		{"fr", "en finir avec ma vie chère", true},
		{"fr", "je veux en finir avec ma vie chère amie", true},
		{"fr", "je veux en finir avec ma vie", true},
		{"fr", "il faut en finir avec la vie chère", false},
		{"fr", "en finir avec la vie chère, c'est le programme du candidat", false},
		{"fr", "la vie chère me fatigue, vos prix aussi", false},
		{"en", "i want to end my life dear", true},
		{"en", "i want to end my life", true},
		{"en", "we need to end the high cost of living", false},
		{"en", "end the cost of living crisis, lower your prices", false},
	})
}
