package bot_test

import "testing"

// TestBreathingNamesTheFeeling20c: a feeling that brings the breathing
// pause is named before it, once, as at every flow about a problem. "i'm
// panicking about everything, i need a minute", « je panique complètement
// », « je me sens seule c tout » went straight to "Let's take a short
// pause together…" (« Prenons une courte pause ensemble… »): the panic, or
// the loneliness, never named. /breathe alone, with nothing felt, names
// nothing.
func TestBreathingNamesTheFeeling20c(t *testing.T) {
	t.Parallel()
	const (
		pause    = "Let's take a short pause together"
		pauseFr  = "Prenons une courte pause ensemble"
		worried  = "worrying you"
		inquiete = "cela vous inquiète"
		stress   = "That sounds really hard"
		solitude = "La solitude"
	)
	playTalks(t, []talk{
		{name: "en_panicking", turns: []string{"i'm panicking about everything, i need a minute"}, want: []string{worried, pause}},
		{name: "en_stressed_out", turns: []string{"feeling so stressed out, need a break"}, want: []string{worried, pause}},
		{name: "fr_panique", turns: []string{"je panique complètement"}, want: []string{inquiete, pauseFr}},
		{name: "fr_seule", turns: []string{"je me sens seule c tout"}, want: []string{solitude, pauseFr}},
		{name: "en_command_alone", turns: []string{"/breathe"}, want: []string{pause}, not: []string{worried, stress}},
	})
}
