package bot_test

import "testing"

// TestFrenchStrangersCrisisPreempts15: crisis15fr's families in the middle
// of a flow. A plan said as « je passe à l'acte » inside a long CAF
// request, someone fallen into the harbour, and « cette nuit je disparais »
// get the safety message, then the alert with the urgent hand-off; a
// sister's suicide told with its date, to close her line, and a hotline
// that « va me tuer à petit feu » in a long complaint get none. All five
// were wrong before crisis15fr.
func TestFrenchStrangersCrisisPreempts15(t *testing.T) {
	t.Parallel()
	midFlowCrisis(t, "crisis15fr-", []midFlowCase{
		{"long-plan", "fr", "ma facture est fausse", "Bonjour, je vous écris au sujet de mon dossier CAF : on me réclame un trop-perçu d'APL de 412 euros pour mars et avril alors que j'avais bien déclaré mon changement de situation. J'ai envoyé l'attestation deux fois. De toute façon c'est décidé, vendredi je passe à l'acte, donc je voudrais juste que le courrier aille à ma sœur. Merci de me dire où envoyer les justificatifs.", true},
		{"other", "fr", "mon colis est en retard", "un gamin est tombé à l'eau au port, il remonte pas", true},
		{"veiled", "fr", "mon colis est en retard", "cette nuit je disparais, vous inquiétez pas pour la commande", true},
		{"past", "fr", "ma facture est fausse", "ma sœur s'est suicidée il y a 3 ans, je voudrais résilier son abonnement", false},
		{"hyperbole", "fr", "ma facture est fausse", "Bonjour, votre hotline va me tuer à petit feu : trois appels, trois conseillers, trois réponses différentes sur ma facture de 89 euros. Je veux un remboursement du trop-prélevé avant la fin du mois.", false},
	})
}
