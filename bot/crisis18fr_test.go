package bot_test

import "testing"

// TestFrenchCrisisPreempts18: crisis18fr's families in the middle of a
// flow, typed as French is online: « jss lasse d'être vivante » and « la
// mort venait me faucher » get the safety message, then the alert with the
// urgent hand-off; a goodbye letter of long ago told to change an address,
// and a customer leaving « pour de bon chez » another with an « adieu »,
// get none. The second, fourth and fifth were wrong before crisis18fr.
func TestFrenchCrisisPreempts18(t *testing.T) {
	t.Parallel()
	midFlowCrisis(t, "crisis18fr-", []midFlowCase{
		{"weary", "fr", "mon colis est en retard", "jss lasse d'être vivante, tlm s'en fout de toute façon", true},
		{"passive", "fr", "ma facture est fausse", "si seulement la mort venait me faucher cette nuit, je serais tranquille", true},
		{"goodbye", "fr", "mon colis est en retard", "c'est mon dernier soir, adieu et merci pour tout", true},
		{"past-letter", "fr", "ma facture est fausse", "à 16 ans j'ai écrit une lettre d'adieu, je l'ai retrouvée en déménageant, d'ailleurs je voudrais changer mon adresse", false},
		{"leaving", "fr", "ma facture est fausse", "je m'en vais pour de bon chez un autre opérateur, adieu", false},
	})
}
