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
