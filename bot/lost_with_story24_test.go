package bot_test

import "testing"

// TestLostWithAStoryIsListened24 plays a colleague who answers peer
// support's "What happened?" with their confusion at work and what
// caused it: "I don't understand any of it, they changed all our targets
// again", « je comprends rien à tout ça, mon chef change tout le temps
// d'avis ». Since ecd524c heard "I don't understand" with "all this" as
// not following carebot, the first clause was enough: they heard "Sorry,
// I wasn't clear. Let me put it more simply." and the question again, and
// what they told was dropped. At a question that takes the person's own
// words (free text), words told beside the confusion are their answer;
// the confusion alone still brings the question in simpler words.
func TestLostWithAStoryIsListened24(t *testing.T) {
	t.Parallel()
	const (
		simpler   = "Sorry, I wasn't clear. Let me put it more simply."
		simplerFR = "Pardon, je n'ai pas été clair. Je reformule plus simplement."
		listened  = "It helps to put it into words"
		ecoute    = "Ça fait du bien de mettre des mots dessus"
	)
	playPeer(t, []talk{
		{name: "en_targets", turns: []string{"can I talk", "I don't understand any of it, they changed all our targets again"}, want: []string{listened}, not: []string{simpler}},
		{name: "en_manager", turns: []string{"can I talk", "sorry I don't understand all this. my manager moved me to nights without asking"}, want: []string{listened}, not: []string{simpler}},
		{name: "fr_chef", turns: []string{"j'ai besoin de parler", "je comprends rien à tout ça, mon chef change tout le temps d'avis"}, want: []string{ecoute}, not: []string{simplerFR}},
		// The confusion alone: carebot's words are not followed.
		{name: "en_alone", turns: []string{"can I talk", "I don't understand all this"}, want: []string{simpler}},
		{name: "fr_seul", turns: []string{"j'ai besoin de parler", "je comprends rien à tout ça"}, want: []string{simplerFR}},
	})
}
