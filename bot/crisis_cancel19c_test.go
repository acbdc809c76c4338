package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot/memstore"
)

// TestCrisisAlertStaysAfterAChangeOfMind19c plays a person in crisis who,
// after the safety message, pulls back: "forget it", "no, forget it",
// "sorry, I changed my mind", « laisse tomber », « oubliez ». These are
// cancel_words now (a change of mind stops a flow), and a cancel word
// withdrew the urgent hand-off: the team alerted to a crisis was told to
// stand down by a person who had just said they wanted to die, and heard
// "I've withdrawn your request to talk to a person". The alert stays, as it
// does for withdraw_words ("never mind"); only "cancel" and "stop", said
// alone, withdraw it, as before.
func TestCrisisAlertStaysAfterAChangeOfMind19c(t *testing.T) {
	t.Parallel()
	const (
		withdrawn   = "I've withdrawn your request to talk to a person"
		withdrawnFr = "j'ai retiré votre demande de parler à une personne"
	)
	crisis := "I want to kill myself"
	crisisFr := "je veux me tuer"
	tests := []talk{
		{name: "en_forget_it", turns: []string{crisis, "forget it"}, not: []string{withdrawn}},
		{name: "en_no_forget_it", turns: []string{crisis, "no, forget it"}, not: []string{withdrawn}},
		{name: "en_changed_my_mind", turns: []string{crisis, "sorry, I changed my mind"}, not: []string{withdrawn}},
		{name: "en_forget_about_it", turns: []string{crisis, "ok forget about it"}, not: []string{withdrawn}},
		{name: "en_scrap_that", turns: []string{crisis, "scrap that"}, not: []string{withdrawn}},
		{name: "fr_laisse_tomber", turns: []string{crisisFr, "laisse tomber"}, not: []string{withdrawnFr}},
		{name: "fr_oubliez", turns: []string{crisisFr, "non oubliez"}, not: []string{withdrawnFr}},
		{name: "fr_change_d_avis", turns: []string{crisisFr, "en fait non, j'ai changé d'avis"}, not: []string{withdrawnFr}},
		// The command said alone withdraws it, as before.
		{name: "en_cancel", turns: []string{crisis, "cancel"}, want: []string{withdrawn}},
		{name: "fr_annuler", turns: []string{crisisFr, "annuler"}, want: []string{withdrawnFr}},
		// "menu" asks for the menu, as "take me back to the main menu"
		// does, which kept the alert: "menu" alone withdrew it.
		{name: "en_menu", turns: []string{crisis, "menu"}, want: []string{"has been alerted"}, not: []string{withdrawn}},
		{name: "fr_menu", turns: []string{crisisFr, "menu"}, want: []string{"a été prévenue"}, not: []string{withdrawnFr}},
		{name: "en_back_to_the_menu", turns: []string{crisis, "take me back to the main menu"}, not: []string{withdrawn}},
		// And so does the command written as one ("/cancel", the
		// console's and Telegram's): keepsAlert read it as a change of
		// mind, and "/cancel" got "A person from our team has been
		// alerted" where it withdrew the alert before.
		{name: "en_slash_cancel", turns: []string{crisis, "/cancel"}, want: []string{withdrawn}},
		{name: "en_slash_stop", turns: []string{crisis, "/stop"}, want: []string{withdrawn}},
		{name: "fr_slash_annuler", turns: []string{crisisFr, "/annuler"}, want: []string{withdrawnFr}},
		// A request for a person, not urgent, is still withdrawn by them.
		{name: "en_person_forget_it", turns: []string{"I want to talk to a person", "no, forget it"}, want: []string{withdrawn}},
		{name: "fr_person_laisse_tomber", turns: []string{"je veux parler à un conseiller", "laisse tomber"}, want: []string{withdrawnFr}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			holds(t, tt.turns, shown(play(t, e, tt.name, tt.turns)), tt.want, tt.not)
		})
	}
}
