package nlu

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestDeviceDeadIsNoFeeling: a device that died ("my laptop crashed and
// died this morning", « mon téléphone est mort »), a flat battery, a
// game's character who dies are no feeling said, and no loss: each was
// heard as distress (blind22), so a question about a warranty or a parcel
// was met with sympathy and the worries flow; so were a costume's fake
// blood and the heat that « me tue ». Someone who died, or a
// device named beside a real feeling, still is.
func TestDeviceDeadIsNoFeeling(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		distress   bool
	}{
		{"en", "my laptop crashed and died this morning, is it still under warranty?", false},
		{"en", "my phone died, can I pick up the parcel with the order number", false},
		{"en", "the tablet you sent is dead after two days", false},
		{"en", "my phone's dead so I'm writing from my wife's", false},
		{"en", "the battery died after a week", false},
		{"en", "in the game my character dies every time at level 3, is the disc faulty?", false},
		{"fr", "mon téléphone est mort, je peux retirer le colis avec juste le numéro de commande ?", false},
		{"fr", "mon ordi est mort hier, il est encore sous garantie ?", false},
		{"fr", "la batterie est morte au bout d'une semaine", false},
		{"fr", "dans le jeu mon perso meurt toujours au niveau 3, c'est un bug du disque ?", false},
		{"fr", "le costume de zombie avec le faux sang est arrivé déchiré, je peux l'échanger ?", false},
		{"en", "the zombie costume with the fake blood arrived torn", false},
		{"fr", "c'te chaleur-là me tue, le ventilateur vient-tu avec une manette?", false},
		{"fr", "cette chaleur me tue, vous avez encore des ventilateurs ?", false},

		{"en", "my dad died last week and I can't stop crying", true},
		{"en", "my phone died and I'm so upset, I lost all the photos of my mum", true},
		{"fr", "mon père est mort la semaine dernière", true},
		{"fr", "ma tablette est morte et je suis effondrée, toutes les photos de ma mère étaient dessus", true},
	} {
		t.Run(tt.lang+"_"+tt.text, func(t *testing.T) {
			t.Parallel()
			a := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text)
			if a.Signals.Distress != tt.distress {
				t.Errorf("%s %q: distress %v, want %v (signals %+v)", tt.lang, tt.text, a.Signals.Distress, tt.distress, a.Signals)
			}
			if a.Signals.Crisis {
				t.Errorf("%s %q: a crisis", tt.lang, tt.text)
			}
		})
	}
}
