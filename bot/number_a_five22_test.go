package bot_test

import "testing"

// TestNumberAfterAIsAScore22: a number in words after "a" or "an" is a
// score when it is a count ("I'd give you a five", "a four out of five",
// "give you a two"): since 4b96745 it was no number said, and the person
// heard "I'm not sure I understood" ("a five": the worries flow), where
// they were thanked or heard the apology before (review22). An ordinal
// after them is still a moment or a share ("just a second", "an eighth"),
// and "no one" nobody.
func TestNumberAfterAIsAScore22(t *testing.T) {
	t.Parallel()
	const (
		thanks  = "Thank you for telling us. It helps us do better"
		sorry   = "I'm sorry we didn't look after you well"
		damaged = "I'm sorry it arrived damaged"
		late    = "is late"
	)
	bye := func(answer string) []string { return []string{"/bye", answer} }
	order := func(answer string) []string { return []string{"/order", "AB-123456", answer} }
	playTalks(t, []talk{
		{name: "en_give_you_a_five", turns: bye("i'd give you a five"), want: []string{thanks}},
		{name: "en_a_five", turns: bye("a five"), want: []string{thanks}},
		{name: "en_a_four_out_of_five", turns: bye("a four out of five"), want: []string{thanks}},
		{name: "en_give_you_a_two", turns: bye("give you a two"), want: []string{sorry}},
		// Still no number.
		{name: "en_just_a_second", turns: order("just a second"), not: []string{damaged}},
		{name: "en_an_eighth", turns: bye("an eighth"), not: []string{thanks, sorry}},
		{name: "en_no_one", turns: order("no one"), not: []string{late}},
	})
}
