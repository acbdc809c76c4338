package bot_test

import "testing"

// TestNotReceivedInFrench20c: « je n'ai pas reçu ma commande », « j'ai pas
// reçu ma commande », « je n'ai pas eu mon colis », « j'ai rien reçu » were
// asked « Que s'est-il passé avec la commande AB-123456 ? »
// as if they had said nothing, while "i haven't received my order" and
// "i have not received it" were heard as "It never arrived". Now they are
// too; « toujours pas » and « pas encore » still say it is late, and « mon
// colis n'est pas arrivé », late or never as "my parcel hasn't arrived",
// is asked.
func TestNotReceivedInFrench20c(t *testing.T) {
	t.Parallel()
	const (
		jamais = "Vous m'avez dit qu'elle n'est jamais arrivée"
		retard = "Vous m'avez dit qu'elle est en retard"
		never  = "You said it never arrived"
	)
	talks := []talk{
		{name: "en_havent_received", turns: []string{"i haven't received my order", "AB-123456"}, want: []string{never}},
	}
	for _, tt := range []struct{ name, text, want string }{
		{"fr_n_ai_pas_recu", "je n'ai pas reçu ma commande", jamais},
		{"fr_ai_pas_recu", "j'ai pas reçu ma commande", jamais},
		{"fr_pas_eu", "je n'ai pas eu mon colis", jamais},
		{"fr_rien_recu", "j'ai rien reçu", jamais},
		// Late, as before.
		{"fr_toujours_pas_arrivee", "ma commande n'est toujours pas arrivée", retard},
		{"fr_pas_encore_recu", "je l'ai pas encore reçu", retard},
		// Late or never, as "my parcel hasn't arrived": asked.
		{"fr_pas_arrive", "mon colis n'est pas arrivé", "Que s'est-il passé avec la commande AB-123456"},
	} {
		talks = append(talks, talk{name: tt.name, turns: []string{tt.text, "AB-123456"}, want: []string{tt.want}})
	}
	playTalks(t, talks)
}
