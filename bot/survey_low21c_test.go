package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/memstore"
)

// TestSurveyLowScoreIsCaredFor21c: a low score (1 or 2) at the
// satisfaction question, or the survey answered with a verdict
// ("terrible", "not great tbh", « nul », « pas terrible », "👍"). Before, 1
// and 2 got "Thank you for telling us. It helps us do better. Take
// care!" and nothing more; "terrible", "not great tbh", « nul », « pas
// terrible » opened the worries flow ("Tell me what is worrying you"), and
// "👍", « bof » got "I'm not sure I understood" and the menu. Now a low
// score or verdict gets an apology in plain words, and the offer of a
// person only when one can come; a thumbs up is a good score.
func TestSurveyLowScoreIsCaredFor21c(t *testing.T) {
	t.Parallel()
	const (
		sorry      = "I'm sorry we didn't look after you well"
		desole     = "je suis désolé que nous ne nous soyons pas bien occupés de vous"
		human      = `write "human"`
		humain     = "écrivez « humain »"
		thanks     = "Thank you for telling us"
		merci      = "Merci de nous l'avoir dit"
		worries    = "worr"
		inquiete   = "inquiète"
		notSure    = "not sure I understood"
		pasSur     = "pas sûr d'avoir compris"
		takeCare   = "Take care!"
		prenezSoin = "Prenez soin de vous !"
	)
	bye := func(a string) []string { return []string{"/bye", a} }
	revoir := func(a string) []string { return []string{"merci, au revoir", a} }
	type row struct {
		name      string
		turns     []string
		desk      bool
		want, not []string
	}
	rows := []row{
		{"en_1_desk", bye("1"), true, []string{sorry, human}, []string{takeCare}},
		{"en_2_no_desk", bye("2"), false, []string{sorry}, []string{human, "a person"}},
		{"en_terrible", bye("terrible"), true, []string{sorry, human}, []string{worries}},
		{"en_not_great_tbh", bye("not great tbh"), true, []string{sorry}, []string{worries}},
		{"en_thumbs_up", bye("👍"), true, []string{thanks}, []string{notSure, sorry}},
		{"en_4_stays_thanks", bye("4"), true, []string{thanks, takeCare}, []string{sorry}},
		{"fr_1_desk", revoir("1"), true, []string{desole, humain}, []string{prenezSoin}},
		{"fr_2_sans_equipe", revoir("2"), false, []string{desole}, []string{humain, "une personne"}},
		{"fr_nul", revoir("nul"), true, []string{desole, humain}, []string{inquiete}},
		{"fr_pas_terrible", revoir("pas terrible"), true, []string{desole}, []string{inquiete}},
		{"fr_bof_pas_top", revoir("bof pas top"), true, []string{desole}, []string{pasSur}},
		{"fr_pouce", revoir("👍"), true, []string{merci}, []string{pasSur, desole}},
		{"fr_5_reste_merci", revoir("5"), true, []string{merci, prenezSoin}, []string{desole}},
		// The French of "not good", "not very good", "awful", "dreadful"
		// and the English of « catastrophique » (review22): « pas bon »
		// opened the payment flow, « pas très bon » the worries flow, «
		// affreux » and « épouvantable » got "not sure I understood".
		{"fr_pas_bon", revoir("pas bon"), false, []string{desole}, []string{"paiement", inquiete}},
		{"fr_c_etait_pas_bon", revoir("c'était pas bon"), false, []string{desole}, []string{"paiement", inquiete}},
		{"fr_pas_tres_bon", revoir("pas très bon"), false, []string{desole}, []string{inquiete}},
		{"fr_affreux", revoir("affreux"), false, []string{desole}, []string{pasSur}},
		{"fr_epouvantable", revoir("épouvantable"), false, []string{desole}, []string{pasSur}},
		{"en_catastrophic", bye("catastrophic"), false, []string{sorry}, []string{notSure}},
	}
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) {
				if r.desk {
					c.Desk = &bottest.Desk{}
				}
			})
			holds(t, r.turns, shown(play(t, e, r.name, r.turns)), r.want, r.not)
		})
	}
}
