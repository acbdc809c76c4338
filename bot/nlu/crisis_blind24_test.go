package nlu

import "testing"

// TestCrisisBlind24: danger to life in the words of a second blind set
// (blind24, the half the lead read), as families rather than sentences: a
// fall told with where it happened and "I can't get up" with its subject;
// a person on the floor who does not answer; a close person standing on a
// parapet or a ledge; a stroke's face and speech (« sa bouche est de
// travers », « ne trouve plus ses mots »); breathing that fails with the
// inhaler empty, typed in SMS French (« g » is « j'ai »); a knife drawn at
// home; a plan at a platform's edge, one's affairs put in order, the
// wheel let go in a bend. Look-alikes stay calm: falling asleep or behind, a manager or a
// shop that does not answer (« mon manager ne répond plus » raised a
// crisis in a colleague's request for a person), a name in quotation
// marks ("the \"Overdose\" energy drink bundle"), 500 g of flour, being
// lost for words with joy, a journey or a move with its goodbye.
func TestCrisisBlind24(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "I fell in the bathroom this morning and I can't get up. I have the phone with me. I'm 83 and alone.", true},
		{"en", "I fell in the bathroom and I can't get up", true},
		{"en", "i fell in the garden yesterday and i cant get up", true},
		{"en", "my mum fell in the kitchen and she can't get up", true},
		{"en", "can u change the delivery adress, i cant go back home, he said next time he'll finish it and he had the knife out", true},
		{"en", "he had the knife out again last night", true},
		{"fr", "ma grand-mère est par terre dans le salon, elle a les yeux ouverts mais elle répond pas, je fais quoi svp", true},
		{"fr", "mon père est par terre et il ne répond pas", true},
		{"fr", "ma sœur est debout sur le parapet du pont Mathilde et elle raccroche quand je l'appelle", true},
		{"fr", "mon frère est sur le rebord de la fenêtre du 5e", true},
		{"en", "my brother is standing on the ledge of the car park roof", true},
		{"en", "my sister just texted me \"Kill me now\" and isn't answering", true},
		{"en", "he left a note saying \"Goodbye forever\" and took his pills", true},
		{"en", "my friend just wrote \"Overdosing now\"", true},
		{"fr", "ma fille m'a écrit « Overdose ce soir »", true},
		{"en", "I can't do this anymore, I have a plan and the means", true},
		{"fr", "j'en peux plus, j'ai un plan et ce qu'il faut", true},
		{"fr", "ce soir je mets fin à tout", true},
		{"en", "I want to drink bleach", true},
		{"en", "I'm going to swallow bleach", true},
		{"fr", "j'ai envie de boire de la javel", true},
		{"fr", "j'ai bu de la javel", true},
		{"fr", "g du mal a respirer, sifflement, ma ventoline est vide et la pharmacie est fermée", true},
		{"fr", "g envie de mourir", true},
		{"fr", "Bonsoir, mon époux ne trouve plus ses mots et sa bouche est de travers depuis dix minutes. Est-ce que je dois attendre demain ?", true},
		{"fr", "sa bouche est de travers depuis ce matin", true},
		{"en", "my husband's face is drooping on one side and he can't find his words", true},

		{"en", "stood at the platform edge for 20 min today. next train I won't step back. idk why im telling a shop", true},
		{"en", "hello, this is the last message from this account. I have put everything in order. goodbye and thank you.", true},
		{"en", "I'm moving on tonight, I have put my affairs in order, goodbye", true},
		{"fr", "sur la route je me dis que ce serait si simple de lâcher le volant dans le virage. demain j'ai 200 km à faire", true},

		{"en", "I'm at the platform edge, which train goes to Leeds?", false},
		{"en", "I have put everything in order for the move, goodbye and thanks for the help", false},
		{"en", "I have put my affairs in order, we're moving abroad next week, goodbye and thanks for the help", false},
		{"en", "everything is in order now, goodbye and thank you", false},
		{"fr", "ne lâche pas le volant quand tu conduis, c'est ce que dit le moniteur", false},
		{"en", "I fell asleep on the sofa and now I can't get up for work lol", false},
		{"en", "I fell behind on my payments and I can't get up to date", false},
		{"en", "the handle fell off and I can't get the lid up", false},
		{"en", "Bought the \"Overdose\" energy drink bundle, can I swap the flavour for the mango one?", false},
		{"en", "Is the \"Suicide Squad\" poster back in stock?", false},
		{"fr", "j'ai commandé la boisson « Overdose » saveur mangue, je peux changer ?", false},
		{"en", "I ordered the drink \"Overdose\"", false},
		{"en", "we have a plan and the means to expand next year", false},
		{"fr", "je mets fin à tout, je résilie mon contrat ce soir", false},
		{"fr", "on a un plan et les moyens de payer", false},
		{"en", "how do I stop my dog drinking antifreeze", false},
		{"en", "I'm going to swallow my pills now, thanks", false},
		{"fr", "il ne faut pas boire de javel, c'est écrit", false},
		{"fr", "mon chien a failli boire de l'antigel", false},
		{"en", "I'll take the \"Overdose\"", true},
		{"en", "he had the knife out to cut the cake", false},
		{"fr", "Mon poste a été supprimé dans la réorg, on m'a proposé un reclassement à Nantes par mail, mon manager ne répond plus, la RH me renvoie vers toi", false},
		{"fr", "le vendeur ne répond plus depuis que j'ai payé", false},
		{"fr", "la boutique ne répond plus à mes mails", false},
		{"fr", "j'ai commandé 500 g de farine et j'ai reçu 250 g", false},
		{"fr", "je ne trouve plus mes mots tellement c'est beau, merci", false},
		{"fr", "la bouche d'aération est de travers sur le modèle reçu", false},
		{"fr", "le chat est sur le rebord de la fenêtre, il adore ça", false},
	})
}
