package bot_test

import "testing"

// TestHarassmentNamedBeforeAnger24 plays a colleague who tells of
// harassment: "a colleague is harassing me" heard "I understand you're
// angry, and that's fair to say." before the harassment step's "What you
// describe is not OK, and it's not your fault": the words of harassment
// are anger words in the lexicon, and the flow's first step named the
// anger before the flow knew where it went. An earlier attempt took those
// words out of the anger lexicon and lost the distress of "please stop
// harassing me"; the signals are left as they are now, and the harassment
// step's own acknowledgement takes the place of the feeling named in the
// same turn. A hard day still hears its acknowledgement, and an anger said
// of something else in a later turn is still named.
func TestHarassmentNamedBeforeAnger24(t *testing.T) {
	t.Parallel()
	const (
		notOK   = "What you describe is not OK, and it's not your fault"
		notOKFr = "Ce que vous décrivez n'est pas acceptable, et ce n'est pas de votre faute"
		angry   = "I understand you're angry"
		hard    = "That sounds really hard"
		colere  = "votre colère"
		dur     = "Cela a l'air vraiment éprouvant"
		grief   = "I'm so sorry for your loss"
	)
	playPeer(t, []talk{
		{name: "en_harassing_me", turns: []string{"a colleague is harassing me"}, want: []string{notOK}, not: []string{angry, hard}},
		{name: "en_please_stop", turns: []string{"please stop harassing me, my manager won't leave me alone"}, want: []string{notOK}, not: []string{angry}},
		{name: "en_at_the_menu", turns: []string{"hi", "a colleague is harassing me"}, want: []string{notOK}, not: []string{angry}},
		{name: "fr_harcele", turns: []string{"un collègue me harcèle"}, want: []string{notOKFr}, not: []string{colere, dur}},
		{name: "fr_harcelee_furieuse", turns: []string{"je suis harcelée par mon chef et je suis furieuse"}, want: []string{notOKFr}, not: []string{colere}},
		// Look-alikes: a hard day and anger about a customer are still
		// acknowledged as they were.
		{name: "en_hard_shift", turns: []string{"I had a really awful shift and I'm so sad"}, want: []string{hard}, not: []string{notOK}},
		{name: "en_angry_customer", turns: []string{"I'm furious, a customer screamed at me for ten minutes"}, want: []string{angry}, not: []string{notOK}},
		{name: "fr_journee", turns: []string{"j'ai eu une journée horrible, je suis tellement triste"}, want: []string{dur}, not: []string{notOKFr}},
	})
}
