package bot_test

import "testing"

// TestProblemGoneByItselfEndsTheFlow: a problem that went away during the
// conversation ("oh wait it just arrived, sorry", "it works now, thanks",
// « ah c'est bon il vient d'arriver ») is heard, at any question of the
// flow it brought: the flow ends with the good news acknowledged, not the
// question again. Before, the order flow answered "That doesn't look quite
// like an order number". A message that says more (it arrived broken, it
// still hasn't, is it here?) or that answers the question is read as
// before.
func TestProblemGoneByItselfEndsTheFlow(t *testing.T) {
	t.Parallel()
	const (
		en = "glad it's sorted"
		fr = "ravi que ce soit réglé"
	)
	playTalks(t, []talk{
		{name: "en_just_arrived", turns: []string{"my parcel is late", "oh wait it just arrived, sorry"}, want: []string{en}, not: []string{"order number"}},
		{name: "en_arrived", turns: []string{"my parcel is late", "it's arrived!"}, want: []string{en}},
		{name: "en_parcel_came", turns: []string{"my parcel is late", "my parcel just came, thanks"}, want: []string{en}},
		{name: "en_works_now", turns: []string{"I can't log in to my account", "it works now, thanks"}, want: []string{en}},
		{name: "fr_vient_arriver", turns: []string{"mon colis n'est pas arrivé", "ah c'est bon il vient d'arriver"}, want: []string{fr}, not: []string{"numéro de commande"}},
		{name: "fr_arrive_merci", turns: []string{"mon colis n'est pas arrivé", "il est arrivé, merci"}, want: []string{fr}},
		{name: "fr_marche", turns: []string{"je n'arrive pas à me connecter à mon compte", "c'est bon ça marche maintenant"}, want: []string{fr}},

		{name: "en_still_not", turns: []string{"my parcel is late", "it still hasn't arrived"}, not: []string{en}},
		{name: "en_never", turns: []string{"my parcel is late", "it never arrived"}, not: []string{en}},
		{name: "en_broken", turns: []string{"my parcel is late", "it arrived broken"}, not: []string{en}},
		{name: "en_asked", turns: []string{"my parcel is late", "has it arrived?"}, not: []string{en}},
		{name: "en_number", turns: []string{"my parcel is late", "AB-123456"}, not: []string{en}},
		{name: "fr_toujours_pas", turns: []string{"mon colis n'est pas arrivé", "il est toujours pas arrivé"}, not: []string{fr}},
		{name: "fr_casse", turns: []string{"mon colis n'est pas arrivé", "il est arrivé cassé"}, not: []string{fr}},
		{name: "fr_question", turns: []string{"mon colis n'est pas arrivé", "il est arrivé ?"}, not: []string{fr}},
	})
}
