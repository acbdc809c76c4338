package bot_test

import (
	"testing"
)

// TestChatShorthandAnswers plays French written as in a chat: "tjr"
// (toujours), "jai" (j'ai), "cmd" (commande). The NLU read them, the
// buttons' synonyms did not: « il est tjr pas la » at "What happened with
// order GH-774410?" got "Pardon, je n'ai pas compris votre choix", and
// « tjr rien recu » in the first message did not answer that question.
func TestChatShorthandAnswers(t *testing.T) {
	t.Parallel()
	const notCaught = "je n'ai pas compris votre choix"
	playTalks(t, []talk{
		{"fr_tjr_pas_la", []string{"/commande", "GH-774410", "il est tjr pas la"},
			[]string{"J'ai noté que la commande GH-774410 est en retard"}, []string{notCaught}},
		{"fr_tjrs_rien", []string{"/commande", "GH-774410", "tjrs rien"},
			[]string{"J'ai noté que la commande GH-774410 est en retard"}, []string{notCaught}},
		{"fr_first_message_recalled", []string{"slt jai commandé un truc ya 3 semaines tjr rien recu", "GH-774410"},
			[]string{"J'ai noté que la commande GH-774410 est en retard"}, []string{"Que s'est-il passé"}},
		// A phrase written in chat shorthand is read as the message is
		// (review18b): « c koi » of unknown_words, at the order number,
		// got "Cela ne ressemble pas à un numéro de commande".
		{"fr_c_koi_at_number", []string{"je veux annuler ma commande", "c koi"},
			[]string{"ce numéro n'est pas toujours facile à trouver"}, []string{"ne ressemble pas"}},
		{"fr_jai_jamais_recu", []string{"/commande", "GH-774410", "jai jamais rien recu"},
			[]string{"J'ai noté que la commande GH-774410 n'est jamais arrivée"}, []string{notCaught}},
	})
}
