package bot_test

import "testing"

// TestProblemGoneAfterNoted23: a problem that goes away just after it was
// noted ("I've noted that order AB-123456 is late… nobody from our team
// can join") is good news heard: before, "oh wait it just arrived" started
// the order flow again ("I'm sorry your order is giving you trouble…
// What is your order number?"). Something more said is read as before.
func TestProblemGoneAfterNoted23(t *testing.T) {
	t.Parallel()
	const (
		en = "glad it's sorted"
		fr = "ravi que ce soit réglé"
	)
	playTalks(t, []talk{
		{name: "en_just_arrived", turns: []string{"my parcel is late", "AB-123456", "oh wait it just arrived"}, want: []string{en}, not: []string{"order number"}},
		{name: "fr_vient_arriver", turns: []string{"mon colis est en retard", "AB-123456", "ah c'est bon il vient d'arriver"}, want: []string{fr}, not: []string{"numéro de commande"}},

		{name: "en_broken", turns: []string{"my parcel is late", "AB-123456", "it arrived broken"}, not: []string{en}},
		{name: "fr_casse", turns: []string{"mon colis est en retard", "AB-123456", "il est arrivé cassé"}, not: []string{fr}},
	})
}
