package bot_test

import "testing"

// TestStaffMenuShrugWordGoesOn24: since 7ad6e70 a shrug beside "fine"
// ("fine, whatever", « bien, de toute façon ») takes the "fine" back and
// the colleague is listened to; but the shrug's words were looked for
// anywhere, and they also join a sentence that goes on: « ça va, de toute
// façon je pars en vacances demain » and "I'm fine, I guess the new rota
// helped" heard "It helps to put it into words. What you're feeling is
// real, and it deserves some care." A shrug is one when nothing but
// little words follow it in its clause ("who cares anyway"); one that
// goes on is the sentence's way in, and "fine" is glad heard.
func TestStaffMenuShrugWordGoesOn24(t *testing.T) {
	t.Parallel()
	const (
		glad     = "Glad to hear it"
		gladFr   = "Tant mieux"
		listened = "What's going on?"
		ecoute   = "Que se passe-t-il ?"
	)
	staffMenuRows(t, []staffMenuRow{
		{"fr_vacances", "fr", "salut", "ça va, de toute façon je pars en vacances demain", gladFr, "Ça fait du bien de mettre des mots dessus"},
		{"en_rota_helped", "en", "hi", "I'm fine, I guess the new rota helped", glad, "It helps to put it into words"},
		{"fr_peu_importe_la_meteo", "fr", "salut", "bien, peu importe la pluie je suis de bonne humeur", gladFr, "Ça fait du bien de mettre des mots dessus"},
		// Shrugs, as 7ad6e70 hears them.
		{"en_good_who_cares", "en", "hi", "good. who cares anyway", listened, glad},
		{"en_fine_whatever_lol", "en", "hi", "fine, whatever lol", listened, glad},
		{"fr_bien_de_toute_facon", "fr", "salut", "bien, de toute façon", ecoute, gladFr},
	})
}
