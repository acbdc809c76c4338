package nlu

import "testing"

// TestMarksWithComplaintsAreAnger checks messages typed in lower case
// whose marks ("!!!", "???", "?!") come with complaints and demands: they
// are angry as surely as the same words in capitals ("you charged me
// twice!!! I want my money back", « toujours rien ??? ça fait 3
// semaines »). One complaint with marks is impatience, not anger ("where
// is my parcel??", "I was charged twice for the same order!!"), and marks
// without a complaint are joy, thanks or surprise ("it arrived!!! thank
// you so much", « merci !!! »). 15 of the 16 angry rows failed before.
func TestMarksWithComplaintsAreAnger(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		angry      bool
	}{
		{"en", "you charged me twice!!! I want my money back NOW", true},
		{"en", "where is my parcel??? been waiting 3 weeks!!!", true},
		{"en", "still no refund?? how many times do I have to ask", true},
		{"en", "nobody answered my emails!!! what is going on", true},
		{"en", "this is the third time I write!! fix it", true},
		{"en", "why is it taking so long??? I paid a month ago!!", true},
		{"en", "still nothing!! do your job and send my order", true},
		{"en", "stop charging my card!!! how many times do I have to cancel", true},
		{"en", "where is my parcel??", false},
		{"en", "I was charged twice for the same order!!", false},
		{"en", "it arrived!!! thank you so much", false},
		{"en", "when will my order ship?? so excited to try it", false},
		{"en", "thanks again!! you were a great help", false},
		{"en", "wait, it's already here?! that was quick", false},
		{"en", "charged twice?? oh no, I see, it was two orders, my bad", false},
		{"en", "finally here!!! love it", false},
		{"en", "great news!! when will it ship", false},
		{"en", "happy birthday mum!! can I add a gift note to the order", false},
		{"en", "omg it came early!!! best service", false},
		{"fr", "vous m'avez prélevé deux fois !!! je veux mon argent maintenant", true},
		{"fr", "toujours rien ??? ça fait 3 semaines que j'attends", true},
		{"fr", "personne ne répond !!! c'est quoi ce service", true},
		{"fr", "combien de fois je dois le dire ?? remboursez moi", true},
		{"fr", "encore un prélèvement !!! arrêtez de prélever mon compte", true},
		{"fr", "où est ma commande ??? toujours pas livrée", true},
		{"fr", "ça fait un mois que j'attends !! toujours pas de réponse", true},
		{"fr", "j'attends depuis 2 semaines !!! c'est inadmissible", true},
		{"fr", "où est mon colis ??", false},
		{"fr", "il est arrivé !!! merci beaucoup", false},
		{"fr", "merci encore !! vous êtes top", false},
		{"fr", "déjà livré ?! c'était rapide", false},
		{"fr", "quand est-ce que ça part ?? j'ai trop hâte", false},
		{"fr", "enfin !!! il est là", false},
		{"fr", "trop bien !! c'est quand la livraison", false},
		{"fr", "joyeux anniversaire maman !! je peux ajouter un mot au colis", false},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			s := m.Analyze(tt.lang, tt.text).Signals
			if s.Anger != tt.angry || s.Crisis {
				t.Errorf("Analyze(%q).Signals = %+v, want anger %v and no crisis", tt.text, s, tt.angry)
			}
		})
	}
}
