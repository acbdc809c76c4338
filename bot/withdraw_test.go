package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot/memstore"
)

// TestPersonNoLongerWanted plays a person who asked for someone from the
// team and, while waiting, says they no longer need one: "no it's fine,
// you can carry on", "never mind, I'll manage", « laissez tomber, je vais
// me débrouiller », « finalement c'est bon, pas besoin ». Before, only
// "cancel" withdrew the request: every other way got "Thank you, I've
// passed your message on. A person from our team will reply to you
// here", a person promised to one who had just said no. Such a message
// (common.yaml's withdraw_words) now withdraws it, as "cancel" does. A
// request for a person said with it, an urgent (crisis) hand-off and a
// message that only tells the team more keep the request, and so does one
// who says they will wait ("no it's ok, I can wait", « non ça va,
// j'attends », "no need to apologise", "it's fine now? still nobody"),
// though it opens with a withdraw_words phrase: they were withdrawn
// before (review19c, 10 of 13 rows).
func TestPersonNoLongerWanted(t *testing.T) {
	t.Parallel()
	const (
		withdrawn   = "I've withdrawn your request to talk to a person"
		withdrawnFr = "j'ai retiré votre demande de parler à une personne"
		passed      = "A person from our team will reply to you here"
		passedFr    = "Une personne de notre équipe vous répondra ici"
	)
	ask := "I want to talk to a person"
	askFr := "je veux parler à un conseiller"
	tests := []talk{
		{name: "en_you_can_carry_on", turns: []string{ask, "no it's fine, you can carry on"}, want: []string{withdrawn}, not: []string{passed}},
		{name: "en_never_mind", turns: []string{ask, "never mind, I'll manage"}, want: []string{withdrawn}, not: []string{passed}},
		{name: "en_dont_need_anyone", turns: []string{ask, "actually I don't need anyone anymore"}, want: []string{withdrawn}, not: []string{passed}},
		{name: "en_changed_my_mind", turns: []string{"I need a refund", "actually I'd rather just talk to someone", "sorry, I changed my mind"}, want: []string{withdrawn}, not: []string{passed}},
		{name: "en_no_need_it_came", turns: []string{ask, "oh no need, the parcel just came"}, want: []string{withdrawn}, not: []string{passed}},
		{name: "fr_laissez_tomber", turns: []string{askFr, "laissez tomber, je vais me débrouiller"}, want: []string{withdrawnFr}, not: []string{passedFr}},
		{name: "fr_finalement_pas_besoin", turns: []string{askFr, "finalement c'est bon, pas besoin"}, want: []string{withdrawnFr}, not: []string{passedFr}},
		{name: "fr_finalement_pas_besoin_merci", turns: []string{askFr, "finalement pas besoin, merci"}, want: []string{withdrawnFr}, not: []string{passedFr}},
		{name: "fr_plus_besoin", turns: []string{askFr, "j'ai plus besoin de conseiller merci"}, want: []string{withdrawnFr}, not: []string{passedFr}},
		{name: "fr_change_d_avis", turns: []string{askFr, "en fait non j'ai changé d'avis"}, want: []string{withdrawnFr}, not: []string{passedFr}},
		// Kept: one who says they will wait (review19c: "no it's ok" and "no
		// need" open withdraw_words phrases).
		{name: "en_i_can_wait", turns: []string{ask, "no it's ok, I can wait"}, want: []string{passed}, not: []string{withdrawn}},
		{name: "en_ill_wait", turns: []string{ask, "no it's fine, I'll wait"}, want: []string{passed}, not: []string{withdrawn}},
		{name: "en_no_rush", turns: []string{ask, "no need to rush, whenever they can"}, want: []string{passed}, not: []string{withdrawn}},
		{name: "en_no_hurry", turns: []string{ask, "no need to hurry"}, want: []string{passed}, not: []string{withdrawn}},
		{name: "en_apologise", turns: []string{ask, "no need to apologise"}, want: []string{passed}, not: []string{withdrawn}},
		{name: "en_wait_for_someone", turns: []string{ask, "don't bother with the menu, I'll wait for someone"}, want: []string{passed}, not: []string{withdrawn}},
		{name: "en_still_nobody", turns: []string{ask, "it's fine now? still nobody"}, want: []string{passed}, not: []string{withdrawn}},
		{name: "fr_j_attends", turns: []string{askFr, "non ça va, j'attends"}, want: []string{passedFr}, not: []string{withdrawnFr}},
		{name: "fr_pas_vite", turns: []string{askFr, "pas la peine de me répondre vite, j'attends"}, want: []string{passedFr}, not: []string{withdrawnFr}},
		{name: "fr_patienter", turns: []string{askFr, "c'est bon pas besoin de se presser, je peux patienter"}, want: []string{passedFr}, not: []string{withdrawnFr}},
		// "no need" alone withdrew it, « pas besoin » alone got « Une
		// personne de notre équipe vous répondra ici ».
		{name: "en_no_need", turns: []string{ask, "no need"}, want: []string{withdrawn}, not: []string{passed}},
		{name: "fr_pas_besoin", turns: []string{askFr, "pas besoin"}, want: []string{withdrawnFr}, not: []string{passedFr}},
		{name: "fr_non_pas_besoin_merci", turns: []string{askFr, "non pas besoin merci"}, want: []string{withdrawnFr}, not: []string{passedFr}},
		{name: "fr_pas_besoin_de_vous_presser", turns: []string{askFr, "pas besoin de vous presser"}, want: []string{passedFr}, not: []string{withdrawnFr}},
		// Waiting said in a few words, as "no rush" and « rien ne presse »
		// are: "take your time" and « prenez votre temps » withdrew the
		// request, « quand ils peuvent » too where "whenever they can"
		// kept it, and "I'll hold" where « je patiente » kept it.
		{name: "en_take_your_time", turns: []string{ask, "no it's ok, take your time"}, want: []string{passed}, not: []string{withdrawn}},
		{name: "fr_prenez_votre_temps", turns: []string{askFr, "non ça va, prenez votre temps"}, want: []string{passedFr}, not: []string{withdrawnFr}},
		{name: "en_whenever_they_can", turns: []string{ask, "no it's fine, whenever they can"}, want: []string{passed}, not: []string{withdrawn}},
		{name: "fr_quand_ils_peuvent", turns: []string{askFr, "non c'est bon, quand ils peuvent"}, want: []string{passedFr}, not: []string{withdrawnFr}},
		{name: "en_ill_hold", turns: []string{ask, "no it's fine, I'll hold"}, want: []string{passed}, not: []string{withdrawn}},
		{name: "fr_je_patiente", turns: []string{askFr, "non c'est bon, je patiente"}, want: []string{passedFr}, not: []string{withdrawnFr}},
		// Written French, with its « ne »: the clause denies, and the
		// phrases of withdraw_words, which do not, were not read in it
		// (« je n'ai plus besoin de conseiller », the example withdraws
		// gives, kept the request); and the French of English phrases
		// that withdrew it.
		{name: "fr_je_n_ai_plus_besoin_de_conseiller", turns: []string{askFr, "je n'ai plus besoin de conseiller"}, want: []string{withdrawnFr}, not: []string{passedFr}},
		{name: "fr_je_n_en_ai_plus_besoin", turns: []string{askFr, "je n'en ai plus besoin, merci"}, want: []string{withdrawnFr}, not: []string{passedFr}},
		{name: "fr_ce_n_est_plus_necessaire", turns: []string{askFr, "ce n'est plus nécessaire"}, want: []string{withdrawnFr}, not: []string{passedFr}},
		{name: "fr_je_retire_ma_demande", turns: []string{askFr, "je retire ma demande"}, want: []string{withdrawnFr}, not: []string{passedFr}},
		{name: "fr_tant_pis", turns: []string{askFr, "tant pis"}, want: []string{withdrawnFr}, not: []string{passedFr}},
		{name: "fr_ne_vous_derangez_pas", turns: []string{askFr, "ne vous dérangez pas"}, want: []string{withdrawnFr}, not: []string{passedFr}},
		{name: "fr_je_vais_le_faire_moi_meme", turns: []string{askFr, "je vais le faire moi-même"}, want: []string{withdrawnFr}, not: []string{passedFr}},
		{name: "en_its_sorted_now", turns: []string{ask, "it's sorted now"}, want: []string{withdrawn}, not: []string{passed}},
		{name: "fr_c_est_regle_maintenant", turns: []string{askFr, "c'est réglé maintenant"}, want: []string{withdrawnFr}, not: []string{passedFr}},
		{name: "en_no_longer_needed", turns: []string{ask, "no longer needed"}, want: []string{withdrawn}, not: []string{passed}},
		// Kept: what follows asks for a person, or waits.
		{name: "fr_je_n_ai_pas_besoin_d_attendre", turns: []string{askFr, "je n'ai pas besoin d'attendre, passez-moi quelqu'un"}, not: []string{withdrawnFr}},
		{name: "fr_je_n_ai_plus_besoin_du_robot", turns: []string{askFr, "je n'ai plus besoin du robot, je veux un humain"}, not: []string{withdrawnFr}},
		// "time" and « temps » alone say no wait: "never mind, no time".
		{name: "en_no_time", turns: []string{ask, "never mind, no time for this"}, want: []string{withdrawn}},
		{name: "fr_pas_le_temps", turns: []string{askFr, "laissez tomber, pas le temps"}, want: []string{withdrawnFr}},
		// Kept: more for the team, impatience, a person asked again, a crisis.
		{name: "en_more_details", turns: []string{ask, "it's about order AB-123456, it never came"}, want: []string{passed}, not: []string{withdrawn}},
		{name: "en_cant_wait_person_now", turns: []string{ask, "I don't want to wait, I need a person now"}, not: []string{withdrawn}},
		{name: "en_no_bot", turns: []string{ask, "no, I need a person, not a bot"}, not: []string{withdrawn}},
		{name: "en_never_mind_get_me_a_human", turns: []string{ask, "never mind the bot, get me a human"}, not: []string{withdrawn}},
		{name: "fr_laissez_tomber_un_humain", turns: []string{askFr, "laissez tomber le robot, je veux un humain"}, not: []string{withdrawnFr}},
		{name: "en_crisis_never_mind", turns: []string{"I want to kill myself", "never mind"}, not: []string{withdrawn}},
		{name: "fr_tjrs_pas", turns: []string{askFr, "c'est pour ma commande, toujours rien reçu"}, want: []string{passedFr}, not: []string{withdrawnFr}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), withDesk)
			holds(t, tt.turns, shown(play(t, e, tt.name, tt.turns)), tt.want, tt.not)
		})
	}
}
