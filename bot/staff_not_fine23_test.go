package bot_test

import "testing"

// TestStaffMenuFineTakenBack23 plays a colleague who answers the staff
// menu's "You can also just tell me how you are." with a "fine" they take
// back, or say with how bad it is: since the menu's "I'm doing fine" and
// its words (ac86e98, 58501a5), "im fine... not really", "great, just
// great, everything is falling apart", « ça va... pas vraiment » and «
// bien, enfin non, je suis épuisée » heard "Glad to hear it" (« Tant
// mieux ») and the conversation ended, where before they were listened
// to. The French rows and "fine but exhausted" held before (guards), and a
// colleague who is fine is still glad heard.
func TestStaffMenuFineTakenBack23(t *testing.T) {
	t.Parallel()
	const (
		glad   = "Glad to hear it"
		gladFr = "Tant mieux"
	)
	staffMenuRows(t, []staffMenuRow{
		{"en_fine_not_really", "en", "hi", "im fine... not really", "", glad},
		{"en_great_falling_apart", "en", "hi", "great, just great, everything is falling apart", "", glad},
		{"en_fine_but_exhausted", "en", "hi", "i'm fine but honestly i'm exhausted and i cry every night", "", glad},
		{"fr_ca_va_pas_vraiment", "fr", "salut", "ça va... pas vraiment", "", gladFr},
		{"fr_bien_epuisee", "fr", "salut", "bien, enfin non, je suis épuisée", "", gladFr},
		// Fine, as before.
		{"en_fine_thanks", "en", "hi", "I'm fine thanks", glad, "That sounds really hard"},
		{"en_not_bad", "en", "hi", "not bad thanks", glad, "That sounds really hard"},
		{"fr_ca_va_merci", "fr", "bonjour", "ça va merci", gladFr, "Merci de m'en parler"},
	})
}
