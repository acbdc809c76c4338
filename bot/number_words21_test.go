package bot_test

import "testing"

// TestNumberWordsThatSayNoNumber21: "a second" is a moment and "no one"
// is nobody, not the second or the first answer. Since number_words
// (c18497a), "just a second" at "What happened with order AB-123456?"
// noted the order as damaged ("I'm sorry it arrived damaged…"), where it
// got "Take your time"; "a second please" did too, and "no one" noted it
// as late. At the survey, "just a second" was scored 2. Digits after
// them still are a number ("I'd give you a 4", "no 2"). « les deux », «
// les 2 » (both) at that question noted the order as damaged too, and
// "all 3" became the wrong item once "at all" was a filler; stars are
// still a score ("all 5 stars", « les 5 étoiles »).
func TestNumberWordsThatSayNoNumber21(t *testing.T) {
	t.Parallel()
	const (
		damaged   = "I'm sorry it arrived damaged"
		late      = "is late"
		thanks    = "Thank you for telling us"
		wait      = "Take your time"
		abimee    = "qu'elle soit arrivée abîmée"
		wrongItem = "came with the wrong item"
	)
	commande := func(answer string) []string {
		return []string{"bonjour, j'ai un problème avec ma commande", "AB-123456", answer}
	}
	order := func(answer string) []string { return []string{"/order", "AB-123456", answer} }
	bye := func(answer string) []string { return []string{"/bye", answer} }
	playTalks(t, []talk{
		{name: "en_just_a_second", turns: order("just a second"), want: []string{wait}, not: []string{damaged}},
		{name: "en_ok_just_a_second", turns: order("ok just a second"), want: []string{wait}, not: []string{damaged}},
		{name: "en_a_second_please", turns: order("a second please"), not: []string{damaged}},
		{name: "en_a_second_thanks", turns: order("a second thanks"), not: []string{damaged}},
		{name: "en_no_one", turns: order("no one"), not: []string{late}},
		{name: "en_survey_just_a_second", turns: bye("just a second"), not: []string{thanks}},
		// « les deux », "all three": every one, no one of them.
		{name: "fr_les_deux", turns: commande("les deux"), not: []string{abimee}},
		{name: "fr_les_2", turns: commande("les 2"), not: []string{abimee}},
		{name: "en_all_three", turns: order("all three"), not: []string{wrongItem}},
		{name: "en_all_3", turns: order("all 3"), not: []string{wrongItem}},
		// Digits after them still are a number.
		{name: "en_no_2", turns: order("no 2"), want: []string{damaged}},
		{name: "en_survey_a_4", turns: bye("i'd give you a 4"), want: []string{thanks}},
		{name: "en_survey_all_5_stars", turns: bye("all 5 stars"), want: []string{thanks}},
		{name: "fr_survey_les_5_etoiles", turns: []string{"merci, au revoir", "les 5 étoiles"}, want: []string{"Merci de nous l'avoir dit"}},
	})
}
