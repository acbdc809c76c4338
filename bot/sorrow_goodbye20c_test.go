package bot_test

import "testing"

// TestSorrowIsNoGoodbye20c: sadness or loneliness told with the words
// that can close a chat ("that's all", "that's it", « c'est tout ») but
// with no thanks is no goodbye. "im sad, thats it really", "feeling
// really low, thats all", « je suis triste, c'est tout » got "Thank you
// for writing to us… Before you go: how well did we look after you?", and
// "im so lonely, nobody talks to me anymore" the clarifying question with
// "That's all, thank you" as one of its two buttons. Now the flow for
// feelings, which names the feeling first. A thanks said with the
// farewell still closes ("thanks, that's all", « merci, c'est tout »).
func TestSorrowIsNoGoodbye20c(t *testing.T) {
	t.Parallel()
	const (
		survey   = "how well did we look after you"
		enquete  = "comment avons-nous pris soin de vous"
		here     = "I'm here"
		jesuisla = "Je suis là"
		allThank = "That's all, thank you"
	)
	playTalks(t, []talk{
		{name: "en_sad_thats_it", turns: []string{"im sad, thats it really"}, want: []string{here}, not: []string{survey}},
		{name: "en_low_thats_all", turns: []string{"feeling really low, thats all"}, want: []string{here}, not: []string{survey}},
		{name: "en_lonely_close_call", turns: []string{"im so lonely, nobody talks to me anymore"}, want: []string{here}, not: []string{allThank, survey}},
		{name: "fr_triste_cest_tout", turns: []string{"je suis triste, c'est tout"}, want: []string{jesuisla}, not: []string{enquete}},
		{name: "fr_seule_cest_tout", turns: []string{"je me sens si seule, c'est tout"}, want: []string{jesuisla}, not: []string{enquete}},
		// A thanks with the farewell closes, as before.
		{name: "en_thanks_thats_all", turns: []string{"thanks, that's all"}, want: []string{survey}},
		{name: "fr_merci_cest_tout", turns: []string{"merci, c'est tout"}, want: []string{enquete}},
	})
}
