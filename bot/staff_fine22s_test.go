package bot_test

import "testing"

// TestStaffMenuHearsAColleagueWhoIsFine22s plays a colleague who answers
// the staff menu's "You can also just tell me how you are." with how
// they are, and they are fine: "not bad thanks" and « pas mal merci »
// ended the conversation as peer support does ("Thank you for taking a
// moment for yourself", then a score asked for help never given), "I'm
// fine thanks", "good thanks" and « ça va merci » got "You're welcome."
// (a thanks, with nothing thanked for), and "all good" the menu again.
// They are now glad to hear it, and told where help is.
func TestStaffMenuHearsAColleagueWhoIsFine22s(t *testing.T) {
	t.Parallel()
	const (
		glad     = "Glad to hear it"
		gladFr   = "Tant mieux"
		survey   = "from 1 (poor) to 5"
		surveyFr = "de 1 (pas bien) à 5"
	)
	staffMenuRows(t, []staffMenuRow{
		{"en_not_bad_thanks", "en", "hi", "not bad thanks", glad, survey},
		{"en_im_fine_thanks", "en", "hi", "I'm fine thanks", glad, "You're welcome"},
		{"en_good_thanks", "en", "hello", "good thanks", glad, "You're welcome"},
		{"en_all_good", "en", "hello", "all good", glad, "What would help you today?"},
		{"en_doing_well", "en", "hello", "doing well thank you", glad, "You're welcome"},
		{"fr_ca_va_merci", "fr", "bonjour", "ça va merci", gladFr, "Je vous en prie"},
		{"fr_pas_mal_merci", "fr", "bonjour", "pas mal merci", gladFr, surveyFr},
		{"fr_bien_merci", "fr", "bonjour", "bien merci", gladFr, "Je vous en prie"},
		{"fr_tres_bien", "fr", "salut", "très bien et vous ?", gladFr, surveyFr},
		{"en_great", "en", "hi", "great!", glad, "You're welcome"},
		{"fr_bien_et_vous", "fr", "bonjour", "bien et vous", gladFr, "Qu'est-ce qui vous aiderait aujourd'hui ?"},
		// A greeting is still a greeting.
		{"en_good_morning", "en", "hi", "good morning", "What would help you today?", glad},
		// A goodbye at the menu is still the goodbye, not "I'm doing fine".
		{"fr_merci_au_revoir", "fr", "bonjour", "merci, au revoir", "Merci d'avoir pris ce moment pour vous", gladFr},
		{"en_thanks_bye", "en", "hi", "thanks, bye", "Thank you for taking a moment for yourself", glad},
		// Not fine: listened to, as before.
		{"en_not_great_thanks", "en", "hi", "not great thanks", "Thank you for reaching out", glad},
		{"en_not_fine", "en", "hi", "honestly I'm not fine", "Thank you for reaching out", glad},
		{"fr_ca_va_pas", "fr", "bonjour", "ça va pas trop", "Merci de m'en parler", gladFr},
	})
}
