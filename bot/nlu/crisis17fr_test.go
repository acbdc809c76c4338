package nlu

import "testing"

// TestCrisisFrenchBroke: being out of money is said with the words of the
// end (« il me reste plus un sou », « plus un rond », « pu une cenne »,
// « à sec »): it asks for time to pay, it is no crisis. Each coin or note
// said, in France, Belgium, Switzerland or Québec, with or without "ne".
// The same lack of money said beside a wish to die, a plan or « il ne me
// reste plus que la mort » stays a crisis.
func TestCrisisFrenchBroke(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"il me reste plus un sou", false},
		{"il ne me reste plus un sou", false},
		{"Il me reste plus un sou.", false},
		{"il me reste plus un kopeck jusqu'au 30", false},
		{"il me reste plus un centime avant la paie", false},
		{"il me reste plus un rond ce mois-ci", false},
		{"il me reste pu une cenne jusqu'à jeudi", false},
		{"il me reste plus une thune", false},
		{"j'ai plus un sou vaillant jusqu'à vendredi", false},
		{"il me reste plus un franc sur la carte, elle est refusée", false},
		{"plus un sou sur le compte depuis le 12, je paierai en retard", false},
		{"il me reste plus un sou et je veux mourir", true},
		{"il me reste plus un rond, je vais me foutre en l'air ce soir", true},
		{"il ne me reste plus que la mort", true},
		{"il me reste plus que la mort comme solution", true},
	}
	for _, tt := range tests {
		if got := m.Analyze("fr", tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("fr %q: crisis %v, want %v", tt.text, got, tt.crisis)
		}
	}
}

// TestCrisisFrenchChatPlus: in chats, Québec and Belgian speech, « plus »
// is typed « pu » and its "ne" dropped (« jveux pu vivre », « chu pu
// capable », « j'serai pu là »): every crisis entry written with « plus »
// hears it. After a form of "avoir", « pu » is the past of "pouvoir" (« j'ai
// pu payer », « il a pu entrer »), unless "plus" is what follows means: a
// thing had no more (« j'ai pu la force de vivre ») is heard by its own
// entries.
func TestCrisisFrenchChatPlus(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"jveux pu vivre", true},
		{"je veux pu exister, c'est tout", true},
		{"chu pu capable de continuer, je veux pu vivre", true},
		{"j'serai pu là la semaine prochaine, laissez faire la facture", true},
		{"je supporte pu d'exister", true},
		{"je veux pu me réveiller le matin", true},
		{"j'ai pu envie de vivre", true},
		{"j'ai pu payer avec ma carte finalement, merci", false},
		{"il a pu entrer dans le compte avec le code", false},
		{"je veux pu de cet abonnement, résiliez svp", false},
		{"le colis est pu là, quelqu'un l'a pris devant ma porte", false},
		{"j'en veux pu de vos promos par sms", false},
	}
	for _, tt := range tests {
		if got := m.Analyze("fr", tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("fr %q: crisis %v, want %v", tt.text, got, tt.crisis)
		}
	}
}

// TestCrisisFrenchNotAroundThen: crisis17fr's families of endings said as
// a season, a date or a world one will not see (« je passerai pas l'hiver »,
// « je verrai pas l'été », « je serai plus de ce monde »), a death wished
// of the body or of chance (« que mon cœur lâche », « qu'une voiture me
// fauche, ça m'arrangerait », « mieux sous terre »), envy of the dead,
// goodbyes said as thanks or as leaving the stage (« je tire ma révérence
// pour de bon », « vous êtes les dernières personnes à qui j'écris »,
// « quand vous lirez ceci je serai mort »), a bath and a blade, the
// medicine cabinet emptied to swallow, self-harm by the gesture (« je me
// griffe jusqu'au sang », « je m'enfonce la pointe du compas »), an armed
// attack on colleagues announced, someone on the ground being kicked.
// Look-alikes beside each: a car or a plant that will not see the winter,
// a holiday at Christmas, a shop that retires, a rival killed in a game, a
// song, a play, a book, a heart attack at a price, « je vais me flinguer si
// » a chore with a laugh, a past in Québec words now well.
func TestCrisisFrenchNotAroundThen(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		// Not there for a time to come.
		{"je passerai pas l'hiver, de toute façon c'est mieux comme ça", true},
		{"annulez le contrat de deux ans, je verrai pas l'été", true},
		{"l'abonnement jusqu'en juin? d'ici là je ne serai plus de ce monde", true},
		{"pas besoin du calendrier de l'an prochain, je compte pas voir la nouvelle année", true},
		{"ma voiture passera pas l'hiver, il me faut des pneus neige", false},
		{"mon citronnier passera pas l'hiver dehors, vous livrez des housses ?", false},
		{"je serai pas là à noël, je serai chez ma sœur, livrez après le 26", false},
		{"je verrai pas le match de ce soir, vous avez un replay ?", false},
		// A death wished of the body or of chance.
		{"chaque nuit je demande à mon cœur de lâcher", true},
		{"je souhaite que mon cœur s'arrête, c'est tout", true},
		{"si une voiture me fauchait demain ça m'arrangerait", true},
		{"je dirais pas non à un accident sur l'autoroute", true},
		{"je serais mieux sous terre qu'ici", true},
		{"je jalouse les morts, eux ils sont tranquilles", true},
		{"mon cœur a failli lâcher devant le prix des pneus mdr", false},
		{"un accident sur l'autoroute a bloqué le livreur, il arrive quand ?", false},
		// Goodbyes as thanks, as leaving the stage.
		{"je tire ma révérence pour toujours, merci pour votre patience", true},
		{"vous êtes les dernières personnes à qui j'écris, merci", true},
		{"quand vous lirez ceci je serai mort, la commande est pour mon fils", true},
		{"pardon à mes parents, ce soir j'arrête tout", true},
		{"après 30 ans je tire ma révérence, la boutique ferme samedi, merci à tous", false},
		{"merci pour votre patience, le colis est arrivé", false},
		// Plans: a bath and a blade, the medicine cabinet emptied.
		{"la baignoire coule et la lame est posée sur le rebord", true},
		{"j'ai sorti toutes les boîtes de l'armoire à pharmacie, je vais tout prendre d'un coup", true},
		{"j'ai rangé l'armoire à pharmacie et jeté les périmés, vous reprenez les vieux flacons ?", false},
		{"la baignoire fuit et le joint est posé sur le rebord, il faut un plombier", false},
		// Self-harm by the gesture.
		{"je me griffe les bras jusqu'au sang quand ça monte", true},
		{"je m'enfonce la pointe du compas dans le bras en classe", true},
		{"je me prive de manger exprès pour me punir", true},
		{"mon chat me griffe les bras quand je le brosse", false},
		// Violence announced or seen.
		{"lundi j'arrive au boulot armé et ils vont tous payer", true},
		{"dans la cour un élève lui donne des coups de pied dans la tête, il bouge plus", true},
		{"dans le jeu je suis arrivé armé et j'ai tué le boss", false},
		// Fiction, songs and hyperbole.
		{"l'acteur fait semblant de se pendre dans la pièce, vous vendez du faux sang ?", false},
		{"la chanson s'appelle je veux mourir, elle est pas sur l'appli", false},
		{"je vais faire un arrêt cardiaque devant cette facture", false},
		{"je vais me flinguer si je dois encore appeler la hotline haha", false},
		{"ya 5 ans j'ai voulu en finir, astheure je suis ben correct, c'est pour ma facture", false},
		{"mon ancien compagnon me frappait, c'était il y a longtemps, je suis en sécurité depuis, je voudrais une deuxième carte", false},
	}
	for _, tt := range tests {
		if got := m.Analyze("fr", tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("fr %q: crisis %v, want %v", tt.text, got, tt.crisis)
		}
	}
}

// TestCrisisFrenchGoodbyeTurns: crisis17fr's second round. A negation
// before « pourquoi » does not deny what follows it (« je sais pas pourquoi
// je suis encore en vie », « jsp pourquoi je continue »): a boundary word
// that opens an entry stops the negation as one before it would. Goodbyes
// said as a line drawn under everything, the light put out for good, « c'est
// mon au revoir » with a pet entrusted. A past told in Québec words « chu ben
// correct » is over. Look-alikes: paying on without knowing why, a line drawn
// under a dispute, a light switched off, a pet-sitter before a holiday.
func TestCrisisFrenchGoodbyeTurns(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"je sais pas pourquoi je suis encore en vie", true},
		{"jsp pourquoi je continue de vivre honnêtement", true},
		{"je comprends pas pourquoi je vis encore", true},
		{"je sais pas pourquoi je continue à payer cet abonnement", false},
		{"je tire un trait sur tout, ne m'en voulez pas", true},
		{"je tire un trait sur tout ce litige si vous me remboursez les frais", false},
		{"ce soir j'éteins la lumière pour de bon, merci pour tout", true},
		{"j'éteins la lumière du salon avec l'appli, elle marche pas", false},
		{"c'est mon au revoir, prenez soin de mon chien", true},
		{"c'est mon au revoir avant les vacances en Grèce, prenez soin de mon chien à la pension", false},
		{"y a 4 ans j'ai fait une TS, chu ben correct astheure, c'est pour changer mon forfait", false},
	}
	for _, tt := range tests {
		if got := m.Analyze("fr", tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("fr %q: crisis %v, want %v", tt.text, got, tt.crisis)
		}
	}
}

// TestCrisisFrenchSecondRound: crisis17fr's families from a second batch of
// its own phrasings, written after the first round, in other words again.
// Dying said to matter little (« ça me ferait rien de crever »), not
// existing any more by a date, being only a memory, God asked to come and
// fetch one, dead by the time a bill comes, tens of pills swallowed, a
// jump from the top of something, cutting said as going on now, a threat
// to « buter » someone with « il va payer », a farewell « pour toujours »
// with a « prenez soin de vous », affairs and will in order with « je suis
// prêt ». Look-alikes: a bank manager who will « kill » at a statement, a
// video that shows a knife, a haircut going on, a level of a game to
// « buter », affairs in order for a move, two tablets taken.
func TestCrisisFrenchSecondRound(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"honnêtement ça me ferait rien de mourir demain", true},
		{"ça me dérangerait pas de crever dans mon sommeil", true},
		{"à la fin du mois je vais plus exister, envoyez la facture à ma fille", true},
		{"dans quelques jours je serai plus qu'un souvenir pour vous", true},
		{"j'attends que le bon dieu vienne me chercher, c'est tout", true},
		{"le prochain relevé, envoyez-le à ma sœur, je serai déjà mort", true},
		{"j'ai avalé quarante cachets tout à l'heure", true},
		{"ce soir je me jette du haut du viaduc", true},
		{"je suis en train de me scarifier les bras", true},
		{"je vais la buter quand elle rentre, elle va payer", true},
		{"au revoir pour toujours, prenez soin de vous", true},
		{"mes affaires sont en ordre et j'ai écrit à mes enfants, je suis prête", true},
		{"mon conseiller va me tuer en voyant mon relevé de décembre", false},
		{"la bande-annonce montre une femme avec un couteau, c'est pour quel âge ?", false},
		{"je suis en train de me couper la frange, l'appli beauté plante", false},
		{"je vais buter le boss final ce soir, la manette arrive quand ?", false},
		{"mes affaires sont en ordre pour le déménagement, je suis prêt pour samedi", false},
		{"j'ai pris deux doliprane pour la migraine, je peux commander des lunettes anti-lumière ?", false},
	}
	for _, tt := range tests {
		if got := m.Analyze("fr", tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("fr %q: crisis %v, want %v", tt.text, got, tt.crisis)
		}
	}
}

// TestCrisisFrenchThirdRound: crisis17fr's third batch of families, each
// with its look-alikes. A life that may stop now, « vivement que je
// meure », an illness wished on oneself, « plus parmi vous » said of
// oneself, a goodbye passed on to one's family, a train to throw oneself
// under, pills crushed, a weapon bought for oneself, cutting and burning
// on purpose, a man shooting in a place, a threat to cut a throat, a rope
// hung with « il me reste qu'à ». A suicidal time told as far behind, in
// words (« à vingt ans … c'est loin »), a hero of a manga, a bill that
// « will give me a heart attack », a grandfather no longer with us, a
// burn from an iron, a goodbye passed on before a move.
func TestCrisisFrenchThirdRound(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"ma vie peut s'arrêter demain, je m'en fiche", true},
		{"vivement que je crève, sérieux", true},
		{"je me souhaite une tumeur pour que ce soit fini", true},
		{"en mars je serai plus parmi vous, donnez le forfait à mon fils", true},
		{"dites au revoir à mes enfants pour moi", true},
		{"au prochain train je me jette, c'est décidé", true},
		{"j'ai écrasé tous mes cachets dans un verre d'eau", true},
		{"j'ai acheté un pistolet hier pour moi", true},
		{"j'ai acheté un pistolet à billes pour mon fils, c'est pour son anniversaire, il va payer la moitié", false},
		{"chaque soir je m'entaille les bras", true},
		{"je me suis brûlé exprès avec le briquet", true},
		{"un type tire dans la gare, on est couchés par terre", true},
		{"ce soir je vais l'égorger, ce salaud", true},
		{"le nœud est fait et accroché, il me reste qu'à sauter", true},
		{"à seize ans j'ai eu une phase suicidaire, c'est loin, je voudrais un devis", false},
		{"dans la bd le personnage se tue à la fin, le tome 2 arrive quand ?", false},
		{"cette relance va me faire faire une crise cardiaque", false},
		{"mon grand-père n'est plus parmi nous, résiliez sa ligne", false},
		{"je me suis brûlée avec le four en sortant le gratin, vous vendez des gants ?", false},
		{"dites au revoir à ma voisine pour moi, je déménage demain", false},
	}
	for _, tt := range tests {
		if got := m.Analyze("fr", tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("fr %q: crisis %v, want %v", tt.text, got, tt.crisis)
		}
	}
}

// TestCrisisFrenchFourthRound: crisis17fr's fourth batch. Tired of
// breathing, put out like a light, an accident or an illness wished to
// take one away, no longer part of the scenery, where I'll be I won't
// need it, joining someone in heaven, goodbye to the world, stepping over
// a railing, a strap round the neck with « je vais le faire », pinching
// till bruised. Look-alikes: a scenery changed by a move, joining someone
// in a city, stepping over a puddle, a neck pillow, a customer who will
// never be heard of again by a bank.
func TestCrisisFrenchFourthRound(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"je suis tannée de respirer, c'est trop", true},
		{"j'aimerais juste m'éteindre doucement", true},
		{"je souhaite qu'une maladie m'emporte vite", true},
		{"bientôt je ferai plus partie du décor, laissez le dossier", true},
		{"résiliez le forfait, là où je serai j'en aurai aucune utilité", true},
		{"je vais rejoindre ma grand-mère au ciel, c'est mieux", true},
		{"ce soir je dis adieu à ce monde", true},
		{"la fenêtre est grande ouverte et j'enjambe le balcon", true},
		{"le câble est autour de mon cou, je vais le faire", true},
		{"je me pince les bras jusqu'aux bleus quand j'angoisse", true},
		{"après le déménagement je ferai plus partie de vos clients, fermez le compte", false},
		{"je vais rejoindre ma copine à Bruxelles, changez l'adresse", false},
		{"j'enjambe les cartons depuis une semaine, venez les chercher", false},
		{"le coussin de voyage autour du cou est trop petit, je veux l'échanger", false},
		{"vous n'entendrez plus jamais parler de moi, je passe à la concurrence", false},
	}
	for _, tt := range tests {
		if got := m.Analyze("fr", tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("fr %q: crisis %v, want %v", tt.text, got, tt.crisis)
		}
	}
}

// TestCrisisFrenchChatGlued: chats glue « m' » to a verb that starts with a
// consonant (« m'tuer », « mfaire du mal », « ça mdérangerait »), which
// French never does before a consonant: it is read "me" and the verb.
// Typed infinitives end in « é » (« envie de crevé »), and a past cut of
// the veins said alone is now. Words of that shape that are not a verb
// stay whole (« mdr », « Mme », « mcdo »), and so does English.
func TestCrisisFrenchChatGlued(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"fr", "j'vais m'tuer, jpeux pas continuer", true},
		{"fr", "g envie de mfaire du mal ce soir", true},
		{"fr", "franchement ça mdérangerait pas de disparaître pour de bon", true},
		{"fr", "jme suis coupé les veines", true},
		{"fr", "jai trop envie de crevé", true},
		{"fr", "mdr ce prix, c'est une blague ?", false},
		{"fr", "Mme Martin a reçu le colis abîmé", false},
		{"fr", "la livraison mcdo est arrivée froide", false},
		{"en", "I'm tired of waiting, the mixer never arrived", false},
	})
}
