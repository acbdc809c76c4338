package nlu

import "testing"

// TestPersonAskedInPlainWords24: requests for a person in words written for
// a second blind set (blind24, the half the lead read) that reached no
// one: a phone line "where an actual employee picks up", a supervisor asked
// to e-mail; in French a human voice at the end of a number, "nobody
// living reads these messages?", someone from the shop who calls back
// (said as a condition, too), one of your colleagues who calls me, in two
// halves across a comma; someone who speaks a language, asked for inside a
// message in the other language. Look-alikes stay calm: a courier who picks up, a
// speaker's human voice, a colleague who said something, a courier asked
// to call before coming, nobody calling back (a complaint, no request).
func TestPersonAskedInPlainWords24(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "do you guys have a phone line where an actual employee picks up? the website just loops me back here", true},
		{"en", "is there a number where a real person answers", true},
		{"en", "Can a supervisor email me about order 88310? I don't want another canned reply.", true},
		{"fr", "vous avez pas un numéro avec une voix humaine au bout ?", true},
		{"fr", "je veux parler à une voix humaine", true},
		{"fr", "on est bien d'accord que personne de vivant ne lit ces messages ?", true},
		{"fr", "Si quelqu'un du magasin me rappelle, je ne vous écris plus jamais, promis", true},
		{"fr", "Si jamais un de vos collègues passe par là, j'aimerais bien qu'il m'appelle, c'est pour la garantie", true},
		{"fr", "vous auriez pas quelqu'un qui parle anglais ? my wife is American and she wants to explain herself", true},
		{"en", "is there someone who speaks french? ma femme est française et elle veut s'expliquer", true},
		{"fr", "vous avez quelqu'un qui parle espagnol ?", true},
		{"en", "if anyone at your end reads these messages please get in touch", true},
		{"en", "can you get in touch with me", true},
		{"fr", "contactez-moi svp", true},
		{"fr", "ça serait bien d'avoir des nouvelles du service client", true},
		{"fr", "peut-être que quelqu'un du magasin peut m'expliquer", true},
		{"fr", "merci de demander à un collègue de m'écrire", true},

		{"en", "the courier picks up on tuesdays", false},
		{"en", "I'll get in touch later", false},
		{"en", "how do I get in touch with the courier", false},
		{"fr", "contactez-nous via le formulaire, c'est écrit sur le site", false},
		{"fr", "j'ai eu des nouvelles du service client hier, merci", false},
		{"fr", "quelqu'un peut m'expliquer comment on fait un retour ?", false},
		{"fr", "mon collègue m'a demandé de vous écrire", false},
		{"en", "my son speaks french, he will call", false},
		{"en", "I know someone who speaks French at home, don't worry", false},
		{"en", "my neighbour knows someone who speaks Polish", false},
		{"en", "where do I pick up my parcel", false},
		{"fr", "l'enceinte a une voix humaine très réaliste", false},
		{"fr", "un de vos collègues m'a dit que c'était remboursé", false},
		{"fr", "le livreur, j'aimerais qu'il m'appelle avant de passer", false},
		{"fr", "quelqu'un m'a appelé hier mais j'ai raté l'appel", false},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Escalate; got != tt.want {
			t.Errorf("%s %q: a person asked %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}
