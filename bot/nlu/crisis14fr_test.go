package nlu

import (
	"math"
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestCrisisFrenchStrangers: French constructions that strangers (people
// who never saw the lexicon) used on the retired blind sets, written here
// in other words, by family: self-harm said in two words in a chat (« jme
// coupe là »), the end of oneself said as the end of a problem or a due
// date (« je poserai plus de problème à personne », « pas sûr d'être
// encore là en mars »), a rope bought said with a time. Their look-alikes
// stay calm, and so do the false alarms of those sets, by construction:
// hyperbole (« c'est à se pendre », « j'ai failli me flinguer »), a task
// or a device that « va me tuer » or « se suicide », a game, a series or a
// film scene, a shooting in the news, « portes suicide », a question
// about dark thoughts answered no, the SAMU come and gone, a past told
// calmly (« quand j'avais 15 ans », « il s'en est sorti », « des
// cicatrices »). Every crisis row and every look-alike marked old was
// wrong before crisis14fr.
func TestCrisisFrenchStrangers(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		// self-harm in a chat
		{"jme coupe là, j'arrive pas à arrêter", true},
		{"chui dans la salle de bain et je me coupe encore", true},
		{"je me coupe les cheveux moi-même, ça repousse", false},
		{"je me coupe la frange toute seule", false},
		// the end of oneself as the end of a problem or a due date
		{"bientôt je poserai plus de problème à personne, promis", true},
		{"t'inquiète, je serai plus un problème pour personne", true},
		{"je paie pas l'échéance de mars, pas sûre d'être encore là en mars", true},
		{"j'ai trouvé comment tout arrêter, ne me rappelez pas", true},
		{"je poserai plus de questions sur la facture, c'est compris", false},
		{"pas sûr d'être encore là à 18h, le livreur peut laisser le colis", false},
		// a rope bought, with a time
		{"corde achetée, ce soir", true},
		{"j'ai acheté une corde. cette nuit", true},
		{"corde achetée pour le bateau, on part demain", false},
		// hyperbole, tasks and devices (old false alarms)
		{"c'est à se pendre votre service client", false},
		{"j'ai failli me flinguer tellement la musique d'attente était longue", false},
		{"ce dossier va me tuer, il me faut le portable réparé", false},
		{"mes partiels vont me tuer cette semaine", false},
		{"les déménageurs vont me tuer mais bon, c'est au 5e sans ascenseur", false},
		{"mon téléphone se suicide à chaque mise à jour", false},
		// games, series, films, news, products (old false alarms)
		{"dans le jeu faut sauter du pont pour passer au niveau suivant", false},
		{"la série où le héros se fait poignarder, le son est décalé", false},
		{"dans le film la scène où elle se suicide, l'image saute", false},
		{"j'ai vu aux infos une fusillade près de l'entrepôt, vous livrez quand même ?", false},
		{"il y a eu une fusillade dans le quartier, le magasin est fermé ?", false},
		{"vous avez des poignées pour une voiture à portes suicide ?", false},
		{"le bot m'a demandé si j'ai des idées noires, non, je veux mon code", false},
		{"le samu est venu pour ma voisine hier, elle va bien, le colis est chez elle", false},
		{"il y a eu un accident mortel sur la route, le livreur sera en retard ?", false},
		// a past told calmly (old false alarms); a present crisis stays one
		{"quand j'avais 16 ans je me scarifiais, il me reste des cicatrices, vous avez une crème ?", false},
		{"mon cousin a fait une overdose en 2016, il s'en est sorti, il cherche un forfait", false},
		{"ado je me scarifiais, j'ai des cicatrices et je cherche une crème", false},
		{"quand j'avais 16 ans j'ai fait une overdose et ce soir je recommence", true},
		{"je veux me suicider ce soir", true},
	}
	for _, tt := range tests {
		if got := m.Analyze("fr", tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("fr %q: crisis %v, want %v", tt.text, got, tt.crisis)
		}
	}
}

// TestCrisisFrenchStrangersFamilies: crisis14fr's second series, written
// here in other words than the retired sets' rows they came from: the end
// of oneself as the time left or a last time (« je vous embêterai plus
// longtemps », « mon dernier message à qui que ce soit »), passive wishes
// (« que tout finisse pour de bon », « que Dieu me reprenne pendant mon
// sommeil »), embers in a shut bedroom, the tracks, self-harm said by the
// gesture (two weak cues: banging one's head and not being able to stop),
// someone else (« j'ai peur qu'il la tue », « elle respire à peine »),
// emergencies (a face drooping, a severe hypo, the worst headache of one's
// life, a magnet swallowed, blood that will not stop), violence (a weapon
// brought in, hidden in a cupboard, a knife sharpened). 17 of the 20
// crisis rows were missed before; the look-alikes stay calm.
func TestCrisisFrenchStrangersFamilies(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"promis, je vous embêterai plus très longtemps", true},
		{"c'est mon dernier message à qui que ce soit, merci", true},
		{"résiliez, bientôt il y aura plus personne pour payer", true},
		{"j'ai trouvé une solution définitive à tous mes problèmes", true},
		{"je vous embête avec ma box depuis longtemps, désolé", false},
		{"une solution définitive pour ma box qui redémarre ?", false},
		{"j'ai hâte que tout finisse pour de bon, je suis au bout", true},
		{"chaque soir je demande à dieu de me reprendre", true},
		{"j'ai hâte que les travaux finissent, le bruit est horrible", false},
		{"le barbecue est allumé dans la chambre, j'ai tout fermé", true},
		{"j'ai bouché les aérations de l'appart ce soir", true},
		{"je vais descendre sur les voies au prochain passage", true},
		{"le barbecue est allumé dans le jardin, venez manger", false},
		{"je me tape la tête contre le mur, j'arrive pas à m'arrêter", true},
		{"ce bug, j'ai envie de me taper la tête contre le mur", false},
		{"je mange du chocolat, j'arrive pas à m'arrêter", false},
		{"je me suis griffée jusqu'au sang cette nuit", true},
		{"mon voisin crie sur sa femme, j'ai peur qu'il la tue", true},
		{"ma mère respire à peine et j'arrive pas à la réveiller", true},
		{"on respire à peine dans votre magasin tellement il fait chaud", false},
		{"la bouche de mon père tombe d'un côté depuis ce matin", true},
		{"je vois flou et je vais perdre connaissance, plus de sucre", true},
		{"je vois flou depuis que j'ai changé de lunettes", false},
		{"j'ai le pire mal de tête de ma vie d'un coup", true},
		{"mon fils a avalé un aimant du jeu de construction", true},
		{"le sang coule énormément de sa main", true},
		{"un homme est entré avec une arme, on est cachés dans le bureau", true},
		{"il a aiguisé le couteau et il dit qu'il va venir", true},
		{"vous vendez un aiguiseur ? le couteau est émoussé", false},
	}
	for _, tt := range tests {
		if got := m.Analyze("fr", tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("fr %q: crisis %v, want %v", tt.text, got, tt.crisis)
		}
	}
}

// TestLearnedCrisisLanguagesApart: each language has its own bias and its
// own class weight in the learned crisis signal (crisisLang), so that one
// language's rows do not move the other's scores through what they share.
// With one bias and one class weight, crisis14fr's 260 French crises of
// the retired blind sets took 0.15 log-odds off the English posts on
// average (one held-out post and two tested English rows fell under their
// cut, no English row changed). Here the English held-out posts, scored
// by a model trained without any French row, move by less than 0.1 on
// average (0.03); with one bias and one class weight they moved by 0.17.
func TestLearnedCrisisLanguagesApart(t *testing.T) {
	t.Parallel()
	samples, err := crisisSamples()
	if err != nil {
		t.Fatal(err)
	}
	var english []crisisSample
	for _, x := range samples {
		if x.lang == "en" {
			english = append(english, x)
		}
	}
	a := trainCrisis(samples, crisisParams, crisisBags)
	b := trainCrisis(english, crisisParams, crisisBags)
	f, err := corpusFS.Open("corpus/posts/crisis.en.tsv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := readCorpus(f, "en")
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	s := &scratch{clang: crisisLang("en")}
	var n int
	var shift float64
	for _, r := range rows {
		if !heldOut(r.text) {
			continue
		}
		normalize(&s.d, r.text)
		s.feats = crisisFeatures(s.feats[:0], &s.d)
		za, zb := a.logit(s), b.logit(s)
		if za < -1e9 {
			continue
		}
		n++
		shift += float64(zb - za)
	}
	if n < 30 {
		t.Fatalf("only %d English held-out posts", n)
	}
	shift /= float64(n)
	t.Logf("without the French rows, the English held-out posts moved by %.3f on average (%d posts)", shift, n)
	if math.Abs(shift) > 0.1 {
		t.Errorf("without the French rows, the English held-out posts moved by %.3f on average, want less than 0.1", shift)
	}
}

// TestLearnedCrisisSkipsGuarded: a crisis statement that a guard of the
// crisis file calls a look-alike is not read by the learned signal
// either: it reads the rest, as after a denied statement. "i hate being
// alive at 6am" scored over the cut once each language had its own class
// weight, though the lexicon's guard ("being alive at") said what it was.
// A crisis said beside a guarded statement is still heard.
func TestLearnedCrisisSkipsGuarded(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "i hate being alive at 6am", false},
		{"en", "i hate being alive at 6am on mondays honestly", false},
		{"fr", "franchement c'est à se pendre cette musique d'attente", false},
		{"fr", "mes partiels vont me tuer, il me faut l'ordi vite", false},
		{"fr", "c'est à se pendre cette attente. de toute façon je veux mourir", true},
		{"en", "i hate being alive at 6am. tonight i'm taking all my pills, i've decided", true},
	} {
		a, cp := m.analyzeParts(flow.AudienceCustomer, tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned %v, log-odds %.2f), want %v",
				tt.lang, tt.text, a.Signals.Crisis, cp.lexicon, cp.learned, cp.logit, tt.crisis)
		}
	}
}

// TestCrisisFrenchThirdSeries: crisis14fr's third series, written here: the
// fastest way to die, sitting by the rails, pills made ready with a time,
// a threat to kill the children, "only leaving is left", no reason left
// to stay alive, a last order with "I'll be gone", "afterwards I won't be
// here" with a decision taken; a pet that « va me tuer » stays calm. All
// the crisis rows were missed before.
func TestCrisisFrenchThirdSeries(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		text   string
		crisis bool
	}{
		{"quel est le moyen le plus rapide de mourir", true},
		{"là je suis assise sur les rails", true},
		{"j'ai préparé mes somnifères, ce soir", true},
		{"il menace, il dit qu'il tue les enfants si j'appelle", true},
		{"tout est en ordre, il me reste juste à partir.", true},
		{"j'ai plus de raison de rester en vie", true},
		{"voici ma dernière commande, quand vous la livrerez je serai partie", true},
		{"livrez lundi, après je ne serai plus là, j'ai pris ma décision", true},
		{"mon chien va me tuer si ses croquettes arrivent pas", false},
		{"j'ai préparé les médicaments de mamie pour la semaine", false},
		{"ma dernière commande est arrivée cassée", false},
		{"j'ai pris ma décision, je garde l'abonnement", false},
		{"quel est le moyen le plus rapide de payer", false},
	} {
		if got := m.Analyze("fr", tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("fr %q: crisis %v, want %v", tt.text, got, tt.crisis)
		}
	}
}
