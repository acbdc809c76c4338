package bot_test

import "testing"

// TestAColleagueWhoWantsToVent22s plays a colleague who only wants to
// vent: "i just need to vent", "can I just vent for a bit", « j'ai besoin
// de vider mon sac cinq minutes » were asked "What's going on?" with "I
// just need to talk" among its buttons, after saying just that, and «
// j'ai besoin de me défouler » at the staff menu got it too. They are now
// invited to tell it, in their own words (the button's synonyms).
// ("I just want to vent for a minute", "I need to rant" and « je veux
// juste râler un peu » still get the breathing pause: routing, left.)
func TestAColleagueWhoWantsToVent22s(t *testing.T) {
	t.Parallel()
	const (
		tell      = "tell me what happened, in your own words"
		tellFr    = "racontez-moi ce qui s'est passé, avec vos mots"
		breathing = "Let's take a short pause together"
		breathFr  = "Prenons une courte pause ensemble"
	)
	playPeer(t, []talk{
		{name: "en_just_need_to_vent", turns: []string{"i just need to vent"}, want: []string{tell}, not: []string{"What's going on?"}},
		{name: "en_at_the_menu", turns: []string{"hi", "can I just vent for a bit"}, want: []string{tell}, not: []string{"What's going on?"}},
		{name: "fr_vider_mon_sac", turns: []string{"j'ai besoin de vider mon sac cinq minutes"}, want: []string{tellFr}, not: []string{"Que se passe-t-il ?"}},
		{name: "fr_me_defouler", turns: []string{"bonjour", "j'ai besoin de me défouler"}, want: []string{tellFr}, not: []string{breathFr}},
		// The breathing pause asked for is still the pause.
		{name: "en_need_a_minute_to_breathe", turns: []string{"I need a minute to breathe"}, want: []string{breathing}},
	})
}
