package bot_test

import "testing"

// TestAPleaIsNoStory19d plays a first message that reaches the worries
// flow with a feeling and a plea for help ("please help me, I don't know
// what to do"): it tells nothing of what happened, yet its help and
// "what to do" words counted as told (storySaid), so the person was
// thanked for explaining ("Thank you for explaining. I've read what you
// wrote.") and offered the options, never asked what worries them. A worry
// told with a plea is still taken.
func TestAPleaIsNoStory19d(t *testing.T) {
	t.Parallel()
	const (
		thanked   = "Thank you for explaining"
		thankedFr = "Merci de m'avoir expliqué"
		asked     = "what is worrying you"
		askedFr   = "ce qui vous inquiète"
	)
	playTalks(t, []talk{
		{name: "en_help_dont_know", turns: []string{"I'm so anxious, please help me, I don't know what to do anymore"}, want: []string{asked}, not: []string{thanked}},
		{name: "en_no_idea_what", turns: []string{"I'm really scared, can you help me please, I have no idea what I should do"}, want: []string{asked}, not: []string{thanked}},
		{name: "fr_aider_quoi_faire", turns: []string{"je suis inquiète, est-ce que vous pouvez m'aider s'il vous plaît, je ne sais pas quoi faire"}, want: []string{askedFr}, not: []string{thankedFr}},
		{name: "fr_aidez_moi", turns: []string{"je suis angoissée, aidez-moi s'il vous plaît, je ne sais plus quoi faire"}, want: []string{askedFr}, not: []string{thankedFr}},
		// Still a story, told with a plea.
		{name: "en_story_with_plea", turns: []string{"I'm so worried, please help, I don't know what to do, a stranger keeps calling my mother pretending to be from your company"}, want: []string{thanked}},
		{name: "fr_story_with_plea", turns: []string{"je suis très inquiète, aidez-moi svp, quelqu'un a ouvert un compte à mon nom sans me demander mon avis"}, want: []string{thankedFr}},
	})
}
