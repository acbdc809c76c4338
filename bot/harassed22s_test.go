package bot_test

import "testing"

// TestAColleagueHarassedIsHeard22s plays a colleague who tells of
// harassment: "my manager keeps touching me and making sexual comments"
// heard "It helps to put it into words" and the choices of any hard day
// (a colleague, a breathing pause, "That's all for now"), as did « je
// suis harcelée par un collègue »; "a colleague is harassing me"
// was asked "What's going on?" after saying it. They
// now hear that it is not OK and not their fault, and a person is offered
// first.
func TestAColleagueHarassedIsHeard22s(t *testing.T) {
	t.Parallel()
	const (
		notOK    = "What you describe is not OK, and it's not your fault"
		notOKFr  = "Ce que vous décrivez n'est pas acceptable, et ce n'est pas de votre faute"
		person   = "Talk to a person"
		personFr = "Parler à une personne"
	)
	playPeer(t, []talk{
		{name: "en_touching_me", turns: []string{"my manager keeps touching me and making sexual comments"}, want: []string{notOK, person}, not: []string{"That's all for now"}},
		{name: "en_harassing_me", turns: []string{"a colleague is harassing me"}, want: []string{notOK, person}, not: []string{"What's going on?"}},
		{name: "en_at_the_menu", turns: []string{"hi", "someone on my team keeps harassing me"}, want: []string{notOK}},
		{name: "en_pressed", turns: []string{"/peer", "Harassment or unwanted behaviour"}, want: []string{notOK, person}},
		{name: "fr_harcelee", turns: []string{"je suis harcelée par un collègue"}, want: []string{notOKFr, personFr}, not: []string{"Que se passe-t-il ?"}},
		{name: "fr_gestes", turns: []string{"mon chef a des gestes déplacés envers moi"}, want: []string{notOKFr, personFr}},
		{name: "fr_remarques", turns: []string{"bonjour", "mon responsable me fait des remarques sexuelles tous les jours"}, want: []string{notOKFr}},
		// A hard day is still a hard day.
		{name: "en_hard_shift", turns: []string{"I had a really hard shift"}, not: []string{notOK}},
	})
}
