package bot_test

import "testing"

// TestAColleagueWhoDiedIsALoss22s plays a colleague on the staff Slack
// who tells of a colleague's death: "my colleague died last week and I
// can't focus at work", "a coworker died suddenly", « mon collègue est
// mort la semaine dernière » heard "That sounds really hard" (« Cela a
// l'air vraiment éprouvant »), a feeling named wrong, where "my colleague
// passed away" and « un collègue est décédé » heard the loss named.
func TestAColleagueWhoDiedIsALoss22s(t *testing.T) {
	t.Parallel()
	const (
		loss   = "I'm so sorry for your loss"
		lossFr = "Toutes mes condoléances"
	)
	playPeer(t, []talk{
		{name: "en_my_colleague_died", turns: []string{"my colleague died last week and I can't focus at work"}, want: []string{loss}, not: []string{"That sounds really hard"}},
		{name: "en_a_coworker_died", turns: []string{"a coworker died suddenly and everyone is pretending it's normal"}, want: []string{loss}},
		{name: "en_my_manager_died", turns: []string{"hi", "my manager died on monday"}, want: []string{loss}},
		{name: "fr_mon_collegue_est_mort", turns: []string{"mon collègue est mort la semaine dernière"}, want: []string{lossFr}, not: []string{"éprouvant"}},
		{name: "fr_une_collegue_est_morte", turns: []string{"bonjour", "une collègue est morte ce week-end"}, want: []string{lossFr}},
		// Guards: dying of something else is no death.
		{name: "en_colleague_died_laughing", turns: []string{"my colleague nearly died laughing at my presentation"}, not: []string{loss}},
		{name: "en_passed_away", turns: []string{"my colleague passed away"}, want: []string{loss}},
	})
}
