package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestYesWithAGoodbyeSends21: a yes said with a goodbye answers the
// question. Since doneChoice (7b38477), "yes thanks bye" and « oui merci
// au revoir » to "Shall I pass order AB-123456 to our delivery team now?"
// took the button that ends the flow, "Not now": the person heard "All
// right, I haven't sent anything" (before, the goodbye flow, and nothing
// was sent either). A no, or a goodbye alone, still sends nothing.
func TestYesWithAGoodbyeSends21(t *testing.T) {
	t.Parallel()
	const (
		sent      = "Done: I've passed your request to our delivery team"
		transmis  = "C'est fait : j'ai transmis votre demande"
		notSent   = "I haven't sent anything"
		rienTrans = "je n'ai rien transmis"
	)
	for _, tc := range []struct {
		name, lang, answer string
		want, not          string
	}{
		{"en_yes_thanks_bye", "en", "yes thanks bye", sent, notSent},
		{"en_yes_please_goodbye", "en", "yes please, goodbye", sent, notSent},
		{"fr_oui_merci_au_revoir", "fr", "oui merci au revoir", transmis, rienTrans},
		{"fr_oui_svp_bonne_journee", "fr", "oui svp, bonne journée", transmis, rienTrans},
		// The router unsure it is a goodbye (review22): these got "Sorry,
		// I didn't catch which one you meant" and the question again.
		{"en_yes_please_nice_day", "en", "yes please, have a nice day", sent, notSent},
		{"fr_oui_s_il_vous_plait_au_revoir", "fr", "oui s'il vous plaît, au revoir", transmis, rienTrans},
		// « à plus » takes leave as "see you later" does (review22: "plus"
		// was read as « plus besoin », and nothing was sent).
		{"fr_oui_merci_a_plus", "fr", "oui merci, à plus", transmis, rienTrans},
		{"en_yes_thanks_later", "en", "yes thanks, see you later", sent, notSent},
		// A no, or a goodbye alone: nothing sent, as before.
		{"en_no_thanks_bye", "en", "no thanks bye", notSent, sent},
		{"en_thanks_bye", "en", "thanks bye", notSent, sent},
		{"fr_non_merci_au_revoir", "fr", "non merci au revoir", rienTrans, transmis},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			a := bot.Address{Platform: "test", Chat: tc.name, User: "u"}
			first, late := "/order", "it's late"
			if tc.lang == "fr" {
				first, late = "bonjour, j'ai un problème avec ma commande", "elle est en retard"
			}
			var got string
			for i, text := range []string{first, "AB-123456", late, tc.answer} {
				rs, err := e.HandleMessage(t.Context(), bot.Message{ID: string(rune('a' + i)), From: a, Text: text, Lang: tc.lang})
				if err != nil {
					t.Fatal(err)
				}
				got = shown(rs)
			}
			holds(t, []string{tc.answer}, got, []string{tc.want}, []string{tc.not})
		})
	}
}
