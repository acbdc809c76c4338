package nlu

import "testing"

// TestCrisisFrench18: the same families said with another word of their
// class, as French is typed online (vivant / en vie, « la mort » that
// comes to fetch, « plus sûr de vouloir vivre », « m'éteindre »), and
// their look-alikes: a world « de brutes », a customer leaving « pour de
// bon chez » another, a past told calmly (an imperfect of long ago, a
// case closed), a city one may not want to live in.
func TestCrisisFrench18(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"si seulement la mort venait me faucher cette nuit", true},
		{"j'attends que la mort vienne me prendre, c'est tout", true},
		{"jsuis lasse d'être vivante", true},
		{"chuis tannée d'être en vie", true},
		{"pourquoi je suis toujours vivant, franchement", true},
		{"si je pouvais m'éteindre cette nuit sans bruit", true},
		{"la mort me fait plus peur du tout", true},
		{"mourir me soulagerait, voilà", true},
		{"je compte pas être en vie à la fin du mois", true},
		{"je suis plus fait pour ce monde", true},
		{"je suis plus sûr de vouloir être en vie", true},
		{"jsuis plus sûr de vouloir vivre.", true},
		{"je suis pas fait pour ce monde de brutes mdr", false},
		{"le film où la mort vient chercher le héros, trop bien", false},
		{"je m'en vais pour de bon chez un autre opérateur, adieu", false},
		{"je pars pour de bon chez la concurrence, adieu et merci pour rien", false},
		{"je suis plus sûr de vouloir vivre à Paris, c'est trop cher", false},
		{"il y a deux ans mon ex me menaçait, il a été condamné depuis", false},
		{"à l'époque j'écrivais des lettres d'adieu, je vais beaucoup mieux", false},
		{"je compte pas être là ce weekend, je suis en vacances", false},
	}
	for _, tt := range tests {
		if got := m.Analyze("fr", tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("fr %q: crisis %v, want %v", tt.text, got, tt.crisis)
		}
	}
}

// TestCrisisFrenchShorthand18: « tlm » (tout le monde), « tjr »
// (toujours), « dtf » and « tfaçon » (de toute façon), « jss » (je suis)
// are read in full, so the entries written in full hear them; an errand
// typed the same way stays one.
func TestCrisisFrenchShorthand18(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"jss un poids pour tlm", true},
		{"jvais dormir pour tjr ce soir", true},
		{"tfaçon je serai plus là", true},
		{"dtf bientot je serai plus là", true},
		{"c'est mieux pour tlm si je disparais pour tjr", true},
		{"tlm a reçu sa commande sauf moi", false},
		{"dtf jss pas pressé pour le colis", false},
		{"tjr pas de remboursement, tfaçon je change de banque", false},
	}
	for _, tt := range tests {
		if got := m.Analyze("fr", tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("fr %q: crisis %v, want %v", tt.text, got, tt.crisis)
		}
	}
}

// TestCrisisFrenchSecondRound18: a wish not to wake up after « pourvu
// que », death as a relief or a rest, a definitive break with life, « ils
// comprendront », a goodbye in two halves, a house to be burnt with us in
// it, charcoal and sealed windows, a threat with « ce qu'il faut »; and
// their look-alikes: a barbecue, a game of FIFA, an airport goodbye, a scar
// of long ago.
func TestCrisisFrenchSecondRound18(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"pourvu que je me réveille plus jamais", true},
		{"j'espère que je me reveille pas demain", true},
		{"si je meurs cette nuit ce sera un soulagement pour tout le monde", true},
		{"mourir ça doit être doux, j'y pense souvent", true},
		{"ma mort serait une libération", true},
		{"je fais une pause définitive avec la vie", true},
		{"ils comprendront bientôt pourquoi j'ai fait ça", true},
		{"gardez un bon souvenir de moi, je voulais vous le dire avant de m'en aller", true},
		{"il a dit qu'il allait brûler l'appart avec moi dedans", true},
		{"j'ai calfeutré les fenêtres et le charbon de bois est dans le seau", true},
		{"je vais le fumer ce bouffon, j'ai ce qu'il faut dans mon sac", true},
		{"j'ai acheté du charbon de bois pour le barbecue de dimanche", false},
		{"je vais le fumer ce bouffon en fifa ce soir", false},
		{"on a dit au revoir à tout le monde à l'aéroport, c'était émouvant", false},
		{"il y a dix ans on m'a tabassé, j'ai une cicatrice mais ça va", false},
		{"tu comprendras plus tard, me disait ma mère", false},
		{"ce serait une délivrance que le colis arrive enfin", false},
		{"je vais fumer une clope et je reviens", false},
	}
	for _, tt := range tests {
		if got := m.Analyze("fr", tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("fr %q: crisis %v, want %v", tt.text, got, tt.crisis)
		}
	}
}

// TestCrisisFrenchPastEvent18: a goodbye letter or an attack named as an
// event of long ago (« à 15 ans j'ai écrit une lettre d'adieu », « on m'a
// agressée il y a des années ») is history: the letter and its « adieu »
// pair no plan of now, nor lower the learned signal's cut as half of one.
// The same letter written tonight, a letter of long ago beside keys left
// now, an attack of yesterday stay a crisis.
func TestCrisisFrenchPastEvent18(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"à 16 ans j'ai écrit une lettre d'adieu, je l'ai retrouvée en déménageant", false},
		{"y a longtemps j'ai écrit une lettre d'adieu, aujourd'hui j'en rigole", false},
		{"il y a des années on m'a agressée dans le bus, j'en parle à mon psy", false},
		{"je me suis fait agresser il y a longtemps, j'en parle en thérapie et ça m'aide", false},
		{"j'ai écrit une lettre d'adieu ce soir, merci pour tout", true},
		{"à 16 ans j'ai écrit une lettre d'adieu. ce soir j'en ai écrit une autre, adieu", true},
		{"je me suis fait agresser hier soir et il me suit encore", true},
	}
	for _, tt := range tests {
		if got := m.Analyze("fr", tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("fr %q: crisis %v, want %v", tt.text, got, tt.crisis)
		}
	}
}

// TestCrisisFrenchVeiledHalves18: veiled endings said in two halves (a
// decision nobody will stop, a problem one settles that is oneself, an end
// « pour de bon » soon); one half alone is how people speak of a match, a
// couple or a contract.
func TestCrisisFrenchVeiledHalves18(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		text   string
		crisis bool
	}{
		{"c'est décidé et personne pourra m'arrêter, bientôt ce sera fini pour de bon", true},
		{"t'inquiète je vais régler le problème. le problème c'est moi", true},
		{"j'ai pris ma décision, personne peut m'arrêter", true},
		{"je suis chaud ce soir, personne peut m'arrêter au foot", false},
		{"on s'est disputés, je crois que le problème c'est moi", false},
		{"mon contrat sera terminé pour moi en juin", false},
	}
	for _, tt := range tests {
		if got := m.Analyze("fr", tt.text).Signals.Crisis; got != tt.crisis {
			t.Errorf("fr %q: crisis %v, want %v", tt.text, got, tt.crisis)
		}
	}
}
