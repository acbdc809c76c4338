package nlu

import "testing"

// TestFeelingWordsSaidNeutrally checks calm messages that use the words of
// feelings without feeling them (feel16): politeness ("I'm afraid my code
// expired", « désolée de vous embêter »), eagerness ("anxious to get it
// before Friday"), someone else's feeling ("my cat is scared of the
// hoover", « mon mari s'inquiète »), a feeling over and settled ("I was
// worried but it turned up"), a question answered no, a French negation
// after the verb (« ça m'angoisse pas »), names ("the board game Panic
// Station", « le livre "La Peur" », "a stress ball") and conditions asked
// about ("what if I'm not happy with it"). The real feelings that look
// like them stay heard: a polite-looking fear of a loss ("I'm afraid I'll
// lose my flat"), a past worry that is not over ("I was worried sick and
// it still hasn't come"), the writer said with someone else ("my husband
// and I are terrified"). Sorrow and fear said mildly are said ("a
// little scared"), and so is swearing typed with stars ("f*cking") or
// in Quebec (« crisse »). 40 of the 65 rows failed before feel16.
func TestFeelingWordsSaidNeutrally(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		felt       bool
	}{
		{"en", "I'm afraid the discount code has expired, could you send a new one", false},
		{"en", "afraid I typed my email wrong when I signed up", false},
		{"en", "I fear I may have picked the wrong delivery day", false},
		{"en", "so sorry to bug you again, is my refund processed?", false},
		{"en", "I'm anxious to receive the boots before my trip, any update?", false},
		{"en", "I'd hate to miss the launch, when does it go live", false},
		{"en", "my cat is scared of the hoover, is the new model quieter?", false},
		{"en", "our puppy got terrified of the box lol, anyway it all arrived", false},
		{"en", "I was worried for a bit but it turned up this morning, thanks", false},
		{"en", "had a scare with the payment but it went through in the end", false},
		{"en", "nervous? no, just want the tracking link", false},
		{"en", "do you stock the card game Panic Mansion?", false},
		{"en", "is the novel \"Sad Little Men\" in paperback", false},
		{"en", "I'd like three stress balls for the office", false},
		{"en", "what if I'm not happy with the mattress after a week", false},
		{"en", "can I return it in case I'm disappointed with the fit", false},
		{"en", "the worst part is waiting for the courier window lol", false},
		{"en", "anti-anxiety weighted blanket in queen size please", false},
		{"en", "I'm afraid I'll lose my flat if this payment bounces again", true},
		{"en", "I'm afraid they will take the money twice again", true},
		{"en", "I'm afraid my savings are gone", true},
		{"en", "I'm afraid of calling you after the last time", true},
		{"en", "I was worried sick and it still hasn't come", true},
		{"en", "I was scared then and I'm still scared now", true},
		{"en", "my husband and I are terrified of losing the house", true},
		{"en", "the bailiffs scare me, please stop the letters", true},
		{"en", "I'm too anxious to pick up the phone to your team", true},
		{"en", "my boss is an idiot and your refund process is a joke, I'm furious", true},
		{"en", "I'm a little scared to check my balance after that charge", true},
		{"en", "honestly a bit worried the payment won't clear before rent", true},
		{"en", "this f*cking app logged me out again", true},
		{"fr", "j'ai peur que le bon de réduction soit périmé, vous pouvez vérifier ?", false},
		{"fr", "je crains d'avoir tapé la mauvaise adresse mail", false},
		{"fr", "je crains que la facture ne soit pas la bonne", false},
		{"fr", "désolé de vous relancer, le remboursement est parti ?", false},
		{"fr", "mon chien a eu la trouille du facteur, il peut sonner la prochaine fois ?", false},
		{"fr", "ma fille s'inquiète que la robe arrive en retard, c'est expédié ?", false},
		{"fr", "j'étais inquiète mais c'est réglé, merci beaucoup", false},
		{"fr", "j'ai eu peur hier mais le colis est arrivé ce matin", false},
		{"fr", "angoissée ? non, je voulais juste le numéro de suivi", false},
		{"fr", "ça m'angoisse pas, c'est juste pour savoir le délai", false},
		{"fr", "inquiétez-vous pas, c'est pas pressé", false},
		{"fr", "vous avez le livre « La Peur » en poche ?", false},
		{"fr", "la balle anti-stress est en rupture ?", false},
		{"fr", "si je suis déçue de la couleur, je peux échanger ?", false},
		{"fr", "le pire c'est de choisir la taille mdr", false},
		{"fr", "j'ai pleuré de joie en ouvrant le colis, vous en avez d'autres ?", false},
		{"fr", "j'ai peur qu'ils me coupent le téléphone, j'en ai besoin pour ma mère", true},
		{"fr", "j'ai peur que mon compte ait été piraté", true},
		{"fr", "je crains de perdre mon logement si le prélèvement passe pas", true},
		{"fr", "j'étais déjà inquiète et maintenant c'est pire", true},
		{"fr", "j'avais peur et c'est toujours pas arrivé", true},
		{"fr", "ma mère me stresse avec ses appels et vos relances en plus", true},
		{"fr", "je stresse pas mal avec cette histoire de dette", true},
		{"fr", "mon mari et moi on a peur de tout perdre", true},
		{"fr", "je suis tellement triste, c'était pour l'anniversaire de mon fils", true},
		{"fr", "je panique, l'argent a disparu de mon compte", true},
		{"fr", "ça me fait peur, quelqu'un a changé mon mot de passe", true},
		{"fr", "désolée de vous déranger mais je suis vraiment à bout", true},
		{"fr", "je suis un peu triste, c'était le cadeau de ma grand-mère", true},
		{"fr", "c'est des conneries vos frais de dossier", true},
		{"fr", "crisse, encore un prélèvement que j'ai pas autorisé", true},
		{"fr", "ça me fait peur qu'on ait pu se connecter à mon compte", true},
		{"fr", "je capote, le loyer est passé deux fois", true},
		{"fr", "je capote sur vos nouvelles bottes, elles arrivent quand ?", false},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			s := m.Analyze(tt.lang, tt.text).Signals
			if got := s.felt() || s.Lonely || s.Grief; got != tt.felt || s.Crisis {
				t.Errorf("Analyze(%q).Signals = %+v, want a feeling %v and no crisis", tt.text, s, tt.felt)
			}
		})
	}
}
