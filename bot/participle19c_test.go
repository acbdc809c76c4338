package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot/memstore"
)

// TestForgottenIsNoForgetIt19c plays « oublié » (forgotten) at the account
// flow's questions: at "Que se passe-t-il ?" it took "J'ai oublié mon mot
// de passe", as a short answer in one label. « oublie » and « annule »
// became cancel_words, and words are compared without their accents, so «
// oublié » was « oublie » (forget it): "D'accord, j'ai arrêté." and the
// menu, to one who had forgotten their password. A word the person wrote
// with its accent is not the cancel word without it; « oublie » still
// stops the flow.
func TestForgottenIsNoForgetIt19c(t *testing.T) {
	t.Parallel()
	const stoppedFr = "D'accord, j'ai arrêté."
	account := "j'ai un souci avec mon compte"
	tests := []talk{
		{name: "fr_oublie_participle", turns: []string{account, "oublié"}, want: []string{"adresse e-mail"}, not: []string{stoppedFr}},
		{name: "fr_oublie_participle_bang", turns: []string{account, "oublié !"}, want: []string{"adresse e-mail"}, not: []string{stoppedFr}},
		{name: "fr_ah_oublie_participle", turns: []string{"je n'arrive pas à me connecter", "ah oublié"}, not: []string{stoppedFr}},
		{name: "fr_annule_participle", turns: []string{"je voudrais annuler ma commande", "annulé"}, not: []string{stoppedFr}},
		// Still a change of mind.
		{name: "fr_oublie", turns: []string{"je n'arrive pas à me connecter", "oublie"}, want: []string{stoppedFr}},
		{name: "fr_non_oubliez", turns: []string{"je n'arrive pas à me connecter", "non oubliez"}, want: []string{stoppedFr}},
		{name: "fr_annule", turns: []string{"je voudrais annuler ma commande", "annule"}, want: []string{stoppedFr}},
		{name: "fr_arreter_sans_accent", turns: []string{"je voudrais annuler ma commande", "arreter"}, want: []string{stoppedFr}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			holds(t, tt.turns, shown(play(t, e, tt.name, tt.turns)), tt.want, tt.not)
		})
	}
}
