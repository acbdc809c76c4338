package bot_test

import "testing"

// TestNumberSaidInWords20c: a numbered question answered with the
// number in words ("four", "the second one", « quatre », « la deuxième
// »), or the satisfaction question with its score in words or on its
// scale ("five", "5/5", "4 out of 5", « cinq », « 4 sur 5 »). The bot
// invites "its number (1, 2, 3…)", and only digits were read: "four" at
// "What happened with order AB-123456?" got "Sorry, I didn't catch which
// one you meant", "five" at the survey opened the worries flow ("Tell me
// in your own words what's worrying you"), "5/5" got "I'm not sure I
// understood".
func TestNumberSaidInWords20c(t *testing.T) {
	t.Parallel()
	const (
		damaged  = "I'm sorry it arrived damaged"
		never    = "AB-123456 never arrived"
		abimee   = "qu'elle soit arrivée abîmée"
		jamais   = "AB-123456 n'est jamais arrivée"
		missed   = "Sorry, I didn't catch"
		manque   = "Pardon, je n'ai pas compris"
		thanks   = "Thank you for telling us"
		merci    = "Merci de nous l'avoir dit"
		worries  = "worrying you"
		inquiete = "ce qui vous inquiète"
		notSure  = "not sure I understood"
		pasSur   = "pas sûr d'avoir compris"
		goodbye  = "Thank you for writing to us"
		aurevoir = "Merci de nous avoir écrit"
	)
	order := func(answer string) []string { return []string{"/order", "AB-123456", answer} }
	commande := func(answer string) []string {
		return []string{"bonjour, j'ai un problème avec ma commande", "AB-123456", answer}
	}
	bye := func(answer string) []string { return []string{"/bye", answer} }
	revoir := func(answer string) []string { return []string{"merci, au revoir", answer} }
	playTalks(t, []talk{
		{name: "en_four", turns: order("four"), want: []string{never}, not: []string{missed}},
		{name: "en_the_second_one", turns: order("the second one"), want: []string{damaged}, not: []string{missed}},
		{name: "en_number_two_please", turns: order("number two please"), want: []string{damaged}, not: []string{missed}},
		{name: "en_option_4", turns: order("option 4"), want: []string{never}, not: []string{missed}},
		{name: "fr_quatre", turns: commande("quatre"), want: []string{jamais}, not: []string{manque}},
		{name: "fr_la_deuxieme", turns: commande("la deuxième"), want: []string{abimee}, not: []string{manque}},
		{name: "fr_numero_2_svp", turns: commande("numéro 2 svp"), want: []string{abimee}, not: []string{manque}},
		{name: "fr_le_4", turns: commande("le 4"), want: []string{jamais}, not: []string{manque}},
		// Guards: a number denied or with a need is no choice.
		{name: "en_not_two", turns: order("not two"), not: []string{damaged}},
		{name: "fr_pas_deux", turns: commande("pas deux"), not: []string{abimee}},
		{name: "en_one_second_waits", turns: order("one second"), not: []string{damaged, missed}},
		{name: "fr_deux_secondes", turns: commande("deux secondes"), not: []string{abimee}},
		{name: "en_six_no_such_button", turns: order("six"), not: []string{damaged, never}},

		{name: "en_survey_five", turns: bye("five"), want: []string{thanks}, not: []string{worries, notSure}},
		{name: "en_survey_5_of_5", turns: bye("5/5"), want: []string{thanks}, not: []string{notSure}},
		{name: "en_survey_4_out_of_5", turns: bye("4 out of 5"), want: []string{thanks}, not: []string{notSure}},
		{name: "en_survey_give_a_4", turns: bye("i'd give you a 4"), want: []string{thanks}, not: []string{notSure, goodbye}},
		{name: "en_survey_five_stars", turns: bye("five stars"), want: []string{thanks}, not: []string{notSure}},
		{name: "fr_survey_cinq", turns: revoir("cinq"), want: []string{merci}, not: []string{inquiete, pasSur}},
		{name: "fr_survey_4_sur_5", turns: revoir("4 sur 5"), want: []string{merci}, not: []string{pasSur}},
		{name: "fr_survey_je_mets_4", turns: revoir("je mets 4"), want: []string{merci}, not: []string{pasSur}},
		{name: "fr_survey_5_etoiles", turns: revoir("5 étoiles"), want: []string{merci}, not: []string{pasSur}},
		// Off the scale: no score.
		{name: "en_survey_ten", turns: bye("ten"), not: []string{thanks}},
		{name: "fr_survey_sept", turns: revoir("sept"), not: []string{merci}},
	})
}
