package bot_test

import "testing"

// TestFrenchStrangersCrisisPreempts: French crisis constructions of
// strangers (crisis14fr's families: self-harm in two chat words, the end
// of oneself said as the end of a problem) in the middle of a flow get the
// safety message, then the alert with the urgent hand-off; the hyperbole
// that raised a false alarm before (« c'est à se pendre ») gets no safety
// message.
func TestFrenchStrangersCrisisPreempts(t *testing.T) {
	t.Parallel()
	midFlowCrisis(t, "crisis14fr-", []midFlowCase{
		{"selfharm", "fr", "mon colis est en retard", "jme coupe là, j'arrive pas à arrêter", true},
		{"veiled", "fr", "ma facture est fausse", "bientôt je poserai plus de problème à personne, promis", true},
		{"hyperbole", "fr", "ma facture est fausse", "c'est à se pendre votre service client", false},
	})
}
