package bot_test

import "testing"

// TestAColleagueInTheStoryIsTold22s plays a colleague whose first words
// tell what happened with someone in it: "my colleague took credit for my
// work" was asked "What's going on?" right after saying it, as was «
// un collègue a pris le mérite de mon travail »: « collègue »,
// "colleague" (and "someone", "personne") were read as
// the one a person wants to talk to ("can I talk to a colleague"), not as
// one who did something, and the story was too short without them. They
// are read so only where talking is said.
func TestAColleagueInTheStoryIsTold22s(t *testing.T) {
	t.Parallel()
	const (
		asked   = "What's going on?"
		askedFr = "Que se passe-t-il ?"
		heard   = "It helps to put it into words"
		heardFr = "Ça fait du bien de mettre des mots dessus"
	)
	playPeer(t, []talk{
		{name: "en_colleague_took_credit", turns: []string{"my colleague took credit for my work"}, want: []string{heard}, not: []string{asked}},
		{name: "en_at_the_menu", turns: []string{"hi", "my colleague took credit for my work"}, want: []string{heard}, not: []string{asked}},
		{name: "fr_collegue_merite", turns: []string{"un collègue a pris le mérite de mon travail"}, want: []string{heardFr}, not: []string{askedFr}},
		{name: "fr_collegue_attribue", turns: []string{"bonjour", "ma collègue s'est attribué mon projet devant la cheffe"}, want: []string{heardFr}, not: []string{askedFr}},
		// A wish to talk to someone tells nothing yet: still asked.
		{name: "en_talk_to_a_colleague", turns: []string{"I'd like to talk to a colleague please"}, not: []string{heard}},
		{name: "fr_parler_a_un_collegue", turns: []string{"j'aimerais parler à un collègue svp"}, not: []string{heardFr}},
	})
}
