package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot/memstore"
)

// TestMenuAskedInWords: at the welcome menu, a need not named yet ("I have
// a question") shows the menu again without "Sorry, I didn't catch which
// one you meant" (it was routed to the welcome at 0.46, with the goodbye's
// "no more questions" close beside it, which the menu took for a miss);
// and the menu asked for in words, at a question of another flow, leaves
// the question for the menu, as "menu" does.
func TestMenuAskedInWords(t *testing.T) {
	t.Parallel()
	const pickOne, pickOneFR = "didn't catch which one", "pas compris votre choix"
	tests := []struct {
		name      string
		turns     []string
		want, not []string
	}{
		{"en_question_at_menu", []string{"hello", "I have a question"}, []string{"What can I help you with today?"}, []string{pickOne}},
		{"fr_question_at_menu", []string{"bonjour", "j'ai une question"}, []string{"Que puis-je faire pour vous aujourd'hui ?"}, []string{pickOneFR}},
		{"en_menu_at_an_ask", []string{"my parcel is late", "take me back to the main menu"}, []string{"What can I help you with today?"}, []string{"order number"}},
		{"fr_menu_at_an_ask", []string{"mon colis est en retard", "on reprend depuis le début svp"}, []string{"Que puis-je faire pour vous aujourd'hui ?"}, []string{"numéro de commande"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			holds(t, tt.turns, texts(play(t, e, tt.name, tt.turns)), tt.want, tt.not)
		})
	}
}
