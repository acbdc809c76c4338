package bot_test

import "testing"

// TestNumberWordsThatSayNoNumber21: "a second" is a moment and "no one"
// is nobody, not the second or the first answer. Since number_words
// (c18497a), "just a second" at "What happened with order AB-123456?"
// noted the order as damaged ("I'm sorry it arrived damaged…"), where it
// got "Take your time"; "a second please" did too, and "no one" noted it
// as late. At the survey, "just a second" was scored 2. Digits after
// them still are a number ("I'd give you a 4", "no 2").
func TestNumberWordsThatSayNoNumber21(t *testing.T) {
	t.Parallel()
	const (
		damaged = "I'm sorry it arrived damaged"
		late    = "is late"
		thanks  = "Thank you for telling us"
		wait    = "Take your time"
	)
	order := func(answer string) []string { return []string{"/order", "AB-123456", answer} }
	bye := func(answer string) []string { return []string{"/bye", answer} }
	playTalks(t, []talk{
		{name: "en_just_a_second", turns: order("just a second"), want: []string{wait}, not: []string{damaged}},
		{name: "en_ok_just_a_second", turns: order("ok just a second"), want: []string{wait}, not: []string{damaged}},
		{name: "en_a_second_please", turns: order("a second please"), not: []string{damaged}},
		{name: "en_a_second_thanks", turns: order("a second thanks"), not: []string{damaged}},
		{name: "en_no_one", turns: order("no one"), not: []string{late}},
		{name: "en_survey_just_a_second", turns: bye("just a second"), not: []string{thanks}},
		// Digits after them still are a number.
		{name: "en_no_2", turns: order("no 2"), want: []string{damaged}},
		{name: "en_survey_a_4", turns: bye("i'd give you a 4"), want: []string{thanks}},
	})
}
