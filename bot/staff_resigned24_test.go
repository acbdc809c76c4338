package bot_test

import "testing"

// TestStaffMenuResignedIsNotFine24 plays a colleague who answers the staff
// menu's "You can also just tell me how you are." with a "fine" said in
// resignation: "fine, whatever" heard "Glad to hear it" and the
// conversation ended. A shrug said beside the "fine" ("whatever", "I
// guess", "who cares", « peu importe », « de toute façon ») takes it back
// as "not really" does (TestStaffMenuFineTakenBack23), and is how they
// are: the colleague is listened to, as after "meh". A plain "fine" is still glad heard.
func TestStaffMenuResignedIsNotFine24(t *testing.T) {
	t.Parallel()
	const (
		glad     = "Glad to hear it"
		gladFr   = "Tant mieux"
		listened = "What's going on?"
		ecoute   = "Que se passe-t-il ?"
	)
	staffMenuRows(t, []staffMenuRow{
		{"en_fine_whatever", "en", "hi", "fine, whatever", listened, glad},
		{"en_fine_i_guess", "en", "hi", "I'm fine I guess", listened, glad},
		{"en_good_who_cares", "en", "hi", "good. who cares anyway", listened, glad},
		{"en_doesnt_matter", "en", "hi", "fine, doesn't matter", listened, glad},
		{"fr_ca_va_peu_importe", "fr", "salut", "ça va, peu importe", ecoute, gladFr},
		{"fr_bien_de_toute_facon", "fr", "salut", "bien, de toute façon", ecoute, gladFr},
		{"fr_ca_va_si_vous_voulez", "fr", "salut", "ça va si vous voulez", ecoute, gladFr},
		// Fine, as before.
		{"en_fine_thanks", "en", "hi", "fine thanks", glad, "That sounds really hard"},
		{"en_fine_thanks_asking", "en", "hi", "good, thanks for asking", glad, "That sounds really hard"},
		{"fr_ca_va_merci", "fr", "bonjour", "ça va merci", gladFr, "Merci de m'en parler"},
	})
}
