package bot_test

import "testing"

// TestProblemGoneSaidWithSwearing23: the good news said with swearing for
// joy ("holy shit it's here!! damn that was quick", « putain il est là,
// trop bien ») is good news: before, the English was "I understand
// you're angry" and the question again, the French "Pardon, je n'ai pas
// compris votre choix". Swearing at the problem that is still there is
// read as before.
func TestProblemGoneSaidWithSwearing23(t *testing.T) {
	t.Parallel()
	const (
		en = "glad it's sorted"
		fr = "ravi que ce soit réglé"
	)
	playTalks(t, []talk{
		{name: "en_holy_shit", turns: []string{"my parcel hasn't arrived", "AB-123456", "holy shit it's here!! damn that was quick"}, want: []string{en}, not: []string{"angry"}},
		{name: "en_fuck_yes", turns: []string{"my parcel is late", "fuck yes it just arrived"}, want: []string{en}},
		{name: "fr_putain", turns: []string{"mon colis n'est pas arrivé", "AB-123456", "putain il est là, trop bien"}, want: []string{fr}, not: []string{"Pardon"}},

		{name: "en_still_shit", turns: []string{"my parcel is late", "holy shit it still hasn't arrived"}, not: []string{en}},
		{name: "en_broken_fuck", turns: []string{"my parcel is late", "fuck it arrived broken"}, not: []string{en}},
		{name: "fr_casse_putain", turns: []string{"mon colis n'est pas arrivé", "putain il est arrivé cassé"}, not: []string{fr}},
	})
}
