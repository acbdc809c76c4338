package bot_test

import "testing"

// TestThreatAtWorkIsTakenSeriously24 plays a colleague threatened at
// work: "my coworker said he'd hurt me if I reported him" on the staff
// Slack heard "That sounds really hard" and the choices of any hard day
// (a colleague, a breathing pause, "That's all for now"). A threat of
// violence is now peer support's harassment step: not OK, not their
// fault, a person offered first. It is no danger to life by itself (a
// harm said on a condition, not happening, with no means nor time: the
// crisis lexicon's [threat]/[resolve] and conditions guard the like), so
// no safety message; one with its time ("he'll beat me up after work")
// stays a crisis, as before.
// A hurt of feelings ("his comment really hurt me") is a hard day.
func TestThreatAtWorkIsTakenSeriously24(t *testing.T) {
	t.Parallel()
	const (
		notOK    = "What you describe is not OK, and it's not your fault"
		notOKFr  = "Ce que vous décrivez n'est pas acceptable, et ce n'est pas de votre faute"
		person   = "Talk to a person"
		personFr = "Parler à une personne"
		allFor   = "That's all for now"
		crisis   = "Your safety matters"
	)
	playPeer(t, []talk{
		{name: "en_hurt_me_if", turns: []string{"my coworker said he'd hurt me if I reported him"}, want: []string{notOK, person}, not: []string{allFor, crisis, "That sounds really hard"}},
		{name: "en_would_hurt", turns: []string{"my manager said he would hurt me if I complained"}, want: []string{notOK, person}, not: []string{allFor}},
		{name: "en_intimidating", turns: []string{"hi", "a colleague has been intimidating me in every meeting"}, want: []string{notOK}},
		// Harassment said with a feeling heard as distress went past the
		// harassment question the same way.
		{name: "en_harassed_and_angry", turns: []string{"someone on my team keeps harassing me and I'm so angry"}, want: []string{notOK, person}, not: []string{allFor}},
		{name: "fr_harcele_et_peur", turns: []string{"mon chef me harcèle et j'ai tellement peur"}, want: []string{notOKFr, personFr}},
		// A threat with its time ("after work") is danger: the crisis
		// lexicon hears it before any flow, as before.
		{name: "en_after_work", turns: []string{"a colleague says he'll beat me up after work"}, want: []string{crisis}, not: []string{notOK}},
		{name: "fr_casser_la_gueule", turns: []string{"mon collègue m'a dit qu'il me casserait la gueule si je le dénonçais"}, want: []string{notOKFr, personFr}},
		{name: "fr_ferait_du_mal", turns: []string{"mon collègue a dit qu'il me ferait du mal si je parlais"}, want: []string{notOKFr, personFr}},
		// Look-alikes.
		{name: "en_feelings_hurt", turns: []string{"his comment in the meeting really hurt me"}, not: []string{notOK}},
		{name: "en_fire_me", turns: []string{"my manager threatened to fire me if I'm late again"}, not: []string{notOK}},
		{name: "fr_client_menace", turns: []string{"un client m'a menacée de porter plainte"}, not: []string{notOKFr}},
		{name: "en_hard_shift", turns: []string{"I had a really hard shift"}, not: []string{notOK}},
		{name: "fr_journee", turns: []string{"j'ai eu une journée difficile"}, not: []string{notOKFr}},
	})
}
