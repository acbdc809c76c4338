package nlu

import "testing"

// TestCrisisFrenchStrangers15: crisis15fr's families, from how strangers
// wrote on the retired sets (blind11, crisis4-blind, blind12's tuning
// half), written here in other words. Crises: a goodbye said as leaving
// for good or as what will no longer concern one (« au revoir pour de
// bon », « ça me concernera plus », « cette nuit je disparais »), the end
// decided (« j'ai décidé comment tout ça se termine », « je passe à
// l'acte »), fading out (« m'effacer »), self-harm by the gesture, someone
// fallen from a roof or into the water, a swelling throat, half a face
// drooping, an armed man and people hiding, arrangements with a last word
// (keys returned, the funeral paid, savings sent, accounts deleted),
// means with a moment (a hunting rifle and waiting for them to leave,
// several chemists for enough pills, a cable tied to a beam, embers in a
// sealed bathroom). Look-alikes: another's suicide told with its date, a
// dark winter told as over (« astheure ça va ben »), « du suicide
// commercial », an app that « donne envie de se pendre », a boss, a
// hotline or a story that « va me tuer (à petit feu) », a film's farewell
// letter, an ambulance to be refunded, a phone fallen into water, a move.
// 21 of its 26 crises and 10 of its 19 look-alikes were wrong before
// crisis15fr (31 of 45 rows).
func TestCrisisFrenchStrangers15(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"je vous dis au revoir pour de bon, merci d'avoir été là", true},
		{"cette nuit je disparais, vous inquiétez pas pour la commande", true},
		{"laissez tomber le remboursement, dans une semaine ça me concernera plus", true},
		{"payez-vous sur mon compte, vous aurez plus à me supporter après samedi", true},
		{"c'est la fin du voyage pour moi, j'ai plus la force", true},
		{"j'ai tenu aussi longtemps que je pouvais, là c'est fini", true},
		{"jai décidé comment tout ça se termine, c'est pour demain", true},
		{"c'est décidé, vendredi je passe à l'acte", true},
		{"je voudrais m'effacer, ne plus être nulle part", true},
		{"jme punis en me brûlant avec le briquet", true},
		{"chui enfermée dans les toilettes, j'ai déjà commencé sur mes bras", true},
		{"mes cicatrices se sont rouvertes, j'ai recommencé", true},
		{"un gamin est tombé à l'eau au port, il remonte pas", true},
		{"mon père est tombé du toit en nettoyant la gouttière", true},
		{"aidez moi ma gorge gonfle après le gâteau aux noix", true},
		{"la moitié de son visage tombe et il arrive plus à parler", true},
		{"un type sort un couteau dans la file et menace la caissière", true},
		{"y a un homme armé dans le hall, on s'est cachés dans le bureau", true},
		{"clés rendues, les codes laissés à mon frère, dernier message de ma part", true},
		{"les obsèques sont payées, mes identifiants sont notés pour ma fille, c'est pour bientôt", true},
		{"j'ai viré mes économies à ma sœur et supprimé tous mes réseaux, c'est fini pour moi", true},
		{"mon fusil de chasse de mon père est chargé, j'attends qu'ils partent", true},
		{"j'ai fait quatre pharmacies pour avoir assez de cachets, c'est pour ce soir", true},
		{"le câble est accroché à la poutre du garage", true},
		{"le charbon est allumé dans la salle de bain et j'ai calfeutré", true},
		{"ne dites pas à ma fille, je pourrai pas le lui dire moi-même, je l'aime", true},
		{"ma sœur s'est suicidée il y a 3 ans, je voudrais résilier son abonnement", false},
		{"j'ai eu des idées noires l'hiver dernier, j'ai été suivie et ça va bien maintenant, je change d'adresse", false},
		{"y a quelques années j'ai voulu en finir, astheure ça va ben, je veux payer ma facture", false},
		{"ces frais de port c'est du suicide commercial", false},
		{"cette appli donne envie de se pendre, elle plante tout le temps", false},
		{"ma cheffe va me tuer si le rapport part pas ce soir", false},
		{"si mon patron voit cette erreur il va me tuer", false},
		{"votre hotline va me tuer à petit feu, trois heures d'attente", false},
		{"cette histoire de livraison va me tuer, je veux une date", false},
		{"dans le film le père laisse une lettre d'adieu, le son est décalé", false},
		{"je voudrais me faire rembourser l'ambulance de mon fils, c'était la semaine dernière", false},
		{"mon téléphone est tombé à l'eau, il s'allume plus", false},
		{"le gamin est tombé du toboggan mais il rigole, vous vendez des genouillères ?", false},
		{"on s'est cachés pour faire une surprise à ma mère, vous livrez samedi ?", false},
		{"j'ai donné mes fringues à la Croix-Rouge et je déménage à Lyon, changez l'adresse", false},
		{"c'est la fin du voyage, on rentre de Bali demain, mon colis peut attendre ?", false},
		{"je me coupe les cheveux moi-même maintenant, c'est fini le coiffeur", false},
		{"vous m'entendrez plus jamais me plaindre si le colis arrive lundi", false},
		{"mon chien est tombé à l'eau au lac, il nage bien, il sent mauvais", false},
	}
	for _, tt := range tests {
		if got := m.Analyze("fr", tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("fr %q: crisis %v, want %v", tt.text, got, tt.crisis)
		}
	}
}
