package bot_test

import "testing"

// TestStaffMenuAskedForTheOtherButton21: a colleague at "What would help
// you today? You can also just tell me how you are." who says how they
// are and asks for the breathing pause gets the pause. Since the talk
// button's synonyms (c2e2e55: "stressed", "down", « stressé* »), "I'm
// stressed, can I do a breathing exercise", "i need to calm down" and « je
// suis stressée, une pause respiration svp » got peer support's "What's
// going on?" (« Que se passe-t-il ? »), where they got "Let's take a
// short pause together" before. How they are alone is still listened to.
func TestStaffMenuAskedForTheOtherButton21(t *testing.T) {
	t.Parallel()
	const (
		pause    = "Let's take a short pause together"
		pauseFr  = "Prenons une courte pause ensemble"
		listened = "Thank you for reaching out"
		ecoute   = "Merci de m'en parler"
	)
	staffMenuRows(t, []staffMenuRow{
		{"en_stressed_breathing", "en", "hello", "I'm stressed, can I do a breathing exercise", pause, listened},
		{"en_calm_down", "en", "hello", "i need to calm down", pause, listened},
		{"fr_stressee_respiration", "fr", "bonjour", "je suis stressée, une pause respiration svp", pauseFr, ecoute},
		{"en_bad_customer_person", "en", "hello", "bad customer, need a person", "which one is it?", listened},
		// How they are, alone: listened to, as before.
		{"en_stressed", "en", "hello", "stressed", listened, pause},
		{"fr_stressee", "fr", "bonjour", "stressée", ecoute, pauseFr},
	})
}
