package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/memstore"
)

// TestFaultOfThePersonIsNoFault25b: at "Shall I send your refund request
// now?", a "broken" said of the person, their body or their life is no
// fault of the thing bought. Before (fix25), "my heart is broken", "i'm
// broken", "my marriage is broken", "my leg is broken", « je suis cassée
// », « j'ai le cœur cassé », « je me suis cassé la jambe » and « je ne
// marche plus depuis l'accident » heard "I'm sorry about that." (« Je suis
// désolé pour ce souci. ») and the refund question again: the person's
// pain brushed aside as a faulty parcel. Before fix25 the English ones
// opened the worries flow ("Thank you for telling me. I'm here"), and so
// they do again. A fault of the thing is still heard.
func TestFaultOfThePersonIsNoFault25b(t *testing.T) {
	t.Parallel()
	const (
		sorry  = "I'm sorry about that."
		desole = "Je suis désolé pour ce souci."
		here   = "I'm here"
	)
	refund := func(a string) []string { return []string{"/refund", "Ask for a refund", "AB-123456", a} }
	rembourser := func(a string) []string {
		return []string{"/rembourser", "Demander un remboursement", "AB-123456", a}
	}
	rows := []talk{
		{name: "en_heart_broken", turns: refund("my heart is broken"), want: []string{here}, not: []string{sorry}},
		{name: "en_im_broken", turns: refund("i'm broken"), want: []string{here}, not: []string{sorry}},
		{name: "en_marriage_broken", turns: refund("my marriage is broken"), want: []string{here}, not: []string{sorry}},
		{name: "en_leg_broken", turns: refund("my leg is broken"), not: []string{sorry}},
		{name: "fr_je_suis_cassee", turns: rembourser("je suis cassée"), not: []string{desole}},
		{name: "fr_coeur_casse", turns: rembourser("j'ai le cœur cassé"), not: []string{desole}},
		{name: "fr_jambe_cassee", turns: rembourser("je me suis cassé la jambe"), not: []string{desole}},
		{name: "fr_je_ne_marche_plus", turns: rembourser("je ne marche plus depuis l'accident"), not: []string{desole}},
		// A fault of the thing is still heard, and the question stays.
		{name: "en_its_broken", turns: refund("its broken"), want: []string{sorry, "Shall I send your refund request now?"}},
		{name: "en_screen_broken", turns: refund("the screen arrived broken"), want: []string{sorry}},
		{name: "fr_il_ne_marche_pas", turns: rembourser("il ne marche pas"), want: []string{desole}},
		{name: "fr_il_est_casse", turns: rembourser("il est cassé"), want: []string{desole}},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) { c.Desk = &bottest.Desk{} })
			holds(t, r.turns, shown(play(t, e, r.name, r.turns)), r.want, r.not)
		})
	}
}
