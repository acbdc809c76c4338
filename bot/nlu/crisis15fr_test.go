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

// TestCrisisFrenchPastHyperboleGoodbyes15: crisis15fr's second series,
// in its own words: a crisis told as past and over the way people say it
// (« l'an passé », « le mois dernier », « ya 2 ans », « ça fait 5 ans » ;
// « ça va mieux », « elle va bien », « je suis suivie », « en rémission »,
// « j'ai survécu », « je témoigne »), everyday things that « tuent » or
// « donnent envie de mourir » (a bill, the hold music, the heat, a
// service), a heart attack at a price; goodbyes said as leaving for ever,
// « c'était mon dernier message », the last time one is read, everything
// ready « pour après ». A past followed by now (« ce soir je recommence »,
// « encore envie de mourir ») stays a crisis, and so does despair said
// with the bill. Chat French glued to « je » (« jmen », « jmsuis », « jvous »)
// is read as two words. 16 of the first 47 rows were wrong before
// crisis15fr.
func TestCrisisFrenchPastHyperboleGoodbyes15(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"il y a deux ans j'ai fait une TS, ça va mieux, je voudrais changer mon forfait", false},
		{"y a un an j'ai fait une tentative, aujourd'hui je vais beaucoup mieux, c'est pour une facture", false},
		{"l'an passé j'ai avalé des cachets, je suis suivie et je vais mieux, ma carte est bloquée", false},
		{"ma fille a fait une overdose le mois dernier, elle va bien maintenant, je veux résilier sa ligne", false},
		{"mon mari a voulu se tuer en 2020, il va beaucoup mieux, le compte est à son nom", false},
		{"j'ai été hospitalisée pour une TS il y a 3 ans, ça va mieux depuis, je change de RIB", false},
		{"à 17 ans je me scarifiais, c'est fini depuis longtemps, vous vendez de l'huile cicatrisante ?", false},
		{"après mon divorce j'ai pensé au suicide, je suis sorti de tout ça, je voudrais mon attestation", false},
		{"ça fait 5 ans que j'ai arrêté de me faire du mal, je fête ça, vous livrez des fleurs ?", false},
		{"ya 2 ans jvoulais en finir, mtn ça va, jveux juste mon code", false},
		{"je suis en rémission de ma dépression, j'avais des idées suicidaires l'an dernier, je reprends le travail", false},
		{"j'ai survécu à une tentative de suicide il y a dix ans, je témoigne dans une asso, vous faites des dons ?", false},
		{"ce dossier me tue", false},
		{"ce boulot me tue à petit feu", false},
		{"vos délais me tuent", false},
		{"je vais mourir de honte si le colis arrive chez mon ex", false},
		{"je suis mort de fatigue, livrez après 19h", false},
		{"tuez-moi, encore une facture", false},
		{"je vais faire une crise cardiaque en voyant ce prix", false},
		{"je vais me jeter par la fenêtre si j'entends encore cette musique d'attente", false},
		{"jvais crever si je dois encore remplir ce formulaire", false},
		{"ça me donne envie de mourir ces frais cachés mdr", false},
		{"j'ai cru mourir en voyant la facture", false},
		{"je meurs d'envie de tester le nouveau modèle", false},
		{"je vais tuer mon frère, il a encore pris ma carte bleue", false},
		{"ma mère va me tuer quand elle verra la facture", false},
		{"je me tire une balle si le colis n'arrive pas", false},
		{"je suis à deux doigts de me flinguer avec votre service client", false},
		{"ce prix c'est un meurtre", false},
		{"cette musique d'attente me donne envie de me suicider lol", false},
		{"si je dois rappeler encore une fois je me jette sous un train mdr", false},
		{"la chaleur va me tuer, vous vendez des ventilos ?", false},
		{"je pars ce soir et je reviendrai plus, dites à maman que je l'aime", true},
		{"je vous écris une dernière fois, après ce soir vous entendrez plus parler de moi", true},
		{"mon chat est chez la voisine, j'ai tout rangé, merci pour tout et adieu", true},
		{"j'ai écrit à chacun, la lettre est sur la table, je m'en vais", true},
		{"je voulais juste dire merci à quelqu'un avant de partir pour de bon", true},
		{"bisous à tous, je vous aime, je m'en vais pour toujours", true},
		{"vous aurez plus de nouvelles de moi, c'était mon dernier message", true},
		{"dites à ma mère que je suis désolée, je pouvais plus", true},
		{"j'ai tout préparé pour après, mes enfants auront l'assurance vie", true},
		{"g tout réglé, le chien est chez ma soeur, je pars ce soir", true},
		{"c'est la dernière fois que vous me lisez, prenez soin de vous", true},
		{"pardon à tous, je pouvais plus continuer, je pars", true},
		{"plus besoin de m'envoyer les factures, là où je vais j'en aurai plus besoin", true},
		{"je voulais juste que quelqu'un sache, ce soir c'est la fin", true},
		{"je range mes affaires, je fais mes adieux, demain j'y serai plus", true},
		{"il y a deux ans j'ai fait une TS et ce soir je recommence", true},
		{"le mois dernier j'ai avalé des cachets, ça va mieux mais ce soir j'ai encore envie de mourir", true},
		{"ya 2 ans jvoulais en finir et là jveux mourir", true},
		{"cette facture me donne envie de mourir, je peux plus payer, je vais me tuer ce soir", true},
		{"ma fille a fait une overdose il y a une heure, elle respire mal", true},
		{"je m'en vais pour toujours, merci pour tout", true},
		// chat French: « jmen », « jmsuis », « jvous » read as two words
		{"jmen vais pour toujours", true},
		{"jmsuis coupée les bras ce soir", true},
		{"jvous dis merci, jmen vais au ciné", false},
		{"jmsuis trompé de taille, je veux échanger", false},
	}
	for _, tt := range tests {
		if got := m.Analyze("fr", tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("fr %q: crisis %v, want %v", tt.text, got, tt.crisis)
		}
	}
}

// TestCrisisFrenchThirdSeries15: crisis15fr's third series, in its own
// words: self-harm as people type it (« jme suis ouvert le bras », des
// entailles, a pencil-sharpener blade), not existing (« si j'existais
// pas »), a last day on earth, a letter left with an end, bleeding after
// childbirth, joining someone « là-haut »; and overdoses, strokes, asthma,
// a blue baby, a knife behind the door, which were heard already. Their
// look-alikes stay calm: a nosebleed asked about, a retirement's last day,
// « je reviens plus tard », « là-haut dans le chalet », a birthday letter
// and the end of the sales, a film's last day on earth. 8 of the 47
// rows were wrong before crisis15fr (on b75ac9d).
func TestCrisisFrenchThirdSeries15(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"jme suis ouvert le bras avec une lame, ça saigne pas mal", true},
		{"je me suis tailladé les poignets tout à l'heure", true},
		{"chui en train de me scarifier, j'y arrive pas à m'arrêter", true},
		{"je me suis encore fait des entailles sur les cuisses", true},
		{"j'ai recommencé à me couper cette nuit", true},
		{"je me mords le bras jusqu'à saigner", true},
		{"je me brûle avec ma cigarette, ça me soulage", true},
		{"j'ai pris la lame du taille-crayon et je me suis coupée", true},
		{"jme fais du mal là maintenant", true},
		{"je me lacère les bras avec un compas", true},
		{"je me frappe la tête contre le mur jusqu'à saigner", true},
		{"y a du sang partout, je me suis coupée trop profond", true},
		{"j'ai plus la force de faire semblant, bientôt ce sera fini", true},
		{"je veux juste m'endormir et plus me réveiller", true},
		{"ce serait plus simple si j'existais pas", true},
		{"je suis un poids pour tout le monde, ils seront mieux quand je serai partie", true},
		{"je compte plus les jours, j'ai décidé que ce serait le dernier", true},
		{"j'en ai marre d'être là, je veux que ça s'arrête pour de bon", true},
		{"à quoi bon continuer, personne me regrettera", true},
		{"j'ai tout réglé, maintenant je peux partir tranquille", true},
		{"ce soir je rejoins mon mari là-haut", true},
		{"je serai plus un fardeau pour personne après ce soir", true},
		{"je me sens de trop sur cette terre, j'ai pris ma décision", true},
		{"c'était mon dernier mois de loyer, après j'en aurai plus besoin", true},
		{"je vous laisse mon chat, je pars et je reviens plus", true},
		{"dites à tout le monde que je les aime, j'ai plus la force", true},
		{"j'ai laissé une lettre à ma mère, cette fois c'est la fin", true},
		{"c'est mon dernier jour sur terre, je voulais dire merci à quelqu'un", true},
		{"mon copain a avalé une boîte de xanax, il répond plus", true},
		{"ma mère fait un malaise, elle est toute blanche et respire mal", true},
		{"il a une douleur dans la poitrine qui descend dans le bras", true},
		{"mon bébé est tout bleu et respire plus", true},
		{"elle fait une crise d'asthme et la ventoline marche pas", true},
		{"mon fils a bu du détergent", true},
		{"il est en hypo, il tremble et répond plus", true},
		{"je saigne énormément après l'accouchement", true},
		{"mon mari me serre le cou, aidez-moi", true},
		{"il est derrière la porte avec un couteau", true},
		{"il m'a dit qu'il allait me tuer ce soir quand il rentrerait", true},
		{"ma fille saigne du nez depuis ce matin, c'est normal après l'accouchement ? je demande pour un ami", false},
		{"je voudrais que mon fils ait existé plus longtemps dans mon ventre, on a perdu le bébé il y a 2 ans, ça va mieux", false},
		{"c'est mon dernier jour au bureau demain, je pars à la retraite, merci pour tout", false},
		{"je pars et je reviens plus tard, livrez chez le voisin", false},
		{"je vais rejoindre ma mère là-haut dans le chalet pour les vacances, vous livrez en montagne ?", false},
		{"j'ai laissé une lettre à ma mère pour son anniversaire, c'est la fin des soldes ?", false},
		{"le bébé saigne un peu après la prise de sang, normal ?", false},
		{"dans le film, c'est son dernier jour sur terre avant l'invasion, le DVD est rayé", false},
	}
	for _, tt := range tests {
		if got := m.Analyze("fr", tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("fr %q: crisis %v, want %v", tt.text, got, tt.crisis)
		}
	}
}
