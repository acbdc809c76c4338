package nlu

import "testing"

// TestFeelingsHeardWhereSaid checks feel17's families, in both languages,
// in wordings of their own: a feeling word that is the topic of a thing
// ("a book about grief", "tea for stress", « des films d'horreur »), a
// genre ("a sad movie"), a joke said laughing ("my wallet is crying
// lol"), joy that would make one cry, a close person's mood told in
// passing ("my mum was sad that…", « mon chum était fâché »), someone
// else's loss the writer shops for ("a card for my boss whose father
// died", « une amie en deuil »), a question whether to worry, a worry
// that was nothing ("for nothing", « en fait c'était juste… »), a thing
// done badly (« j'ai mal écrit »), French politeness (« navrée
// d'insister », « malheureusement »). And what was missed: grief said
// with a practical request ("we buried my nan on tuesday, close her
// account", « on enterre papa lundi », « je suis veuve »), a pet put
// down, too much at once ("I can't handle any more", « je suis
// dépassée », « je sature »), fear in the body (« j'ai le cœur qui
// s'emballe », "haven't slept a wink"), loneliness (« plus personne ne
// m'appelle »). 73 of the 94 rows failed before feel17.
func TestFeelingsHeardWhereSaid(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text  string
		felt, grief bool
	}{
		// Calm: the feeling is a thing's topic, genre or name.
		{"en", "any good novels about depression for a teenager? it's for a school project", false, false},
		{"en", "do you stock herbal tea for stress in bigger boxes", false, false},
		{"en", "we want a scary movie for friday night, what's new this month", false, false},
		{"en", "is there a podcast on grief in your audio bundle", false, false},
		{"fr", "vous avez un roman sur le chagrin d'amour pour ado ?", false, false},
		{"fr", "une tisane contre l'angoisse, vous avez ça en bio ?", false, false},
		{"fr", "je cherche des films d'épouvante pour une soirée entre potes", false, false},
		{"fr", "le documentaire sur le deuil périnatal est sorti en DVD ?", false, false},
		// Calm: a joke said laughing, joy that would make one cry.
		{"en", "my bank balance is crying after that sale haha", false, false},
		{"en", "this queue at the till is killing me lol, can I order online instead", false, false},
		{"en", "so happy I could cry, the boots finally came in my size", false, false},
		{"fr", "mon portefeuille pleure après les soldes mdr", false, false},
		{"fr", "tellement ravie que j'en pleurerais, le canapé est parfait", false, false},
		// Calm: someone else's mood or loss, told in passing.
		{"en", "my daughter was upset that the pink one sold out, any restock date?", false, false},
		{"en", "my husband was grumpy about the slot but we'll take it", false, false},
		{"en", "I'm after flowers for a colleague whose mum died, can they go out today", false, false},
		{"en", "gift ideas for a friend who is grieving? something from the candle range", false, false},
		{"fr", "ma fille était déçue que le rose soit épuisé, il revient quand ?", false, false},
		{"fr", "mon conjoint était fâché pour le créneau mais on le garde", false, false},
		{"fr", "je veux envoyer un bouquet à une collègue en deuil, vous livrez samedi ?", false, false},
		{"fr", "une carte pour un voisin dont la mère est décédée, vous avez quoi ?", false, false},
		// Calm: a question whether to worry, a worry that was nothing.
		{"en", "do I need to worry if the app says pending for two days?", false, false},
		{"en", "I was panicking over nothing, it was in the porch all along", false, false},
		{"fr", "dois-je m'inquiéter si le colis est marqué en attente ?", false, false},
		{"fr", "j'ai flippé pour rien, il était chez la voisine", false, false},
		// Calm: done badly, French politeness.
		{"fr", "j'ai mal tapé le code postal, vous pouvez le changer ?", false, false},
		{"fr", "navré de vous relancer, la facture est partie ?", false, false},
		{"fr", "malheureusement je suis absente jeudi, un autre créneau ?", false, false},
		// Real feelings beside them stay heard.
		{"en", "the film I ordered for my son never came and I'm heartbroken", true, false},
		{"en", "I'm so stressed lol and the app keeps logging me out, please help, I'm scared I'll lose my money", true, false},
		{"en", "my husband and I were upset that nobody called us back", true, false},
		{"en", "my dad passed away and I can't face his mail", true, true},
		{"fr", "mon mari et moi on était très inquiets, toujours rien reçu", true, false},
		{"fr", "j'ai peur de perdre mon logement, c'est pas drôle du tout", true, false},
		// Grief said with a practical request.
		{"en", "we buried my nan on tuesday and her phone bill came today, please close it", true, true},
		{"en", "dad passed on the 3rd, what do I need to send you to close his plan", true, true},
		{"en", "since mum passed I can't keep on top of her bills", true, true},
		{"en", "I was widowed in march and the account is in his name", true, true},
		{"en", "it's my first birthday without my husband and your card came addressed to him", true, true},
		{"en", "we had our cat put to sleep this morning, cancel the food subscription please", true, true},
		{"fr", "on enterre papa lundi, il faut résilier sa box", true, true},
		{"fr", "je suis veuf depuis juin et je dois changer le titulaire du contrat", true, true},
		{"fr", "mon oncle nous a quittés la semaine dernière, comment clôturer son compte", true, true},
		{"fr", "on a dû faire piquer notre chienne, annulez les croquettes s'il vous plaît", true, true},
		// The writer's own loss stays theirs whatever it is for.
		{"en", "I need a wreath for my dad's funeral on friday, do you deliver", true, true},
		{"fr", "il me faut une gerbe pour les obsèques de mon père vendredi, vous livrez ?", true, true},
		{"en", "a gift for my late wife's sister, which candle would you suggest", true, true},
		// Round 2: a death told as a noun, a child lost, heaven; someone
		// else's loss said with a possessive; too much, said otherwise.
		{"en", "after the death of my husband the direct debit should have stopped", true, true},
		{"en", "since my brother's passing his phone keeps getting bills", true, true},
		{"en", "we lost our little girl last spring and the baby club emails won't stop", true, true},
		{"fr", "suite au décès de ma mère, merci de clôturer son espace client", true, true},
		{"fr", "mon papa est parti au ciel en mars, son abonnement tourne encore", true, true},
		{"en", "a neighbour's dad died and I'd like a card sent to her", false, false},
		{"fr", "le père de ma collègue est décédé, je voudrais lui faire livrer une plante", false, false},
		{"en", "I'm snowed under with all these reminders and fines", true, false},
		{"fr", "je suis sous l'eau avec toutes ces relances", true, false},
		{"en", "sadly I won't be home on thursday, could the driver come friday", false, false},
		{"fr", "désolée d'être lourde, vous pouvez renvoyer le lien ?", false, false},
		{"en", "a picture book for toddlers about fear of the dark, any ideas", false, false},
		{"fr", "un album pour les petits sur la peur du noir, vous avez ?", false, false},
		// Round 3 (families the held-out probes showed, in other words).
		{"en", "I can't stop thinking about that letter from the bank", true, false},
		{"fr", "ce prélèvement m'empêche de dormir", true, false},
		{"fr", "tout ça c'est trop pour moi, je sais plus gérer", true, false},
		{"en", "my cousin was killed in a crash in june and her bills still come here", true, true},
		{"fr", "mon frère s'est tué à moto, il faut arrêter son forfait", true, true},
		{"en", "what if the refund fails, do I get a voucher instead", false, false},
		{"fr", "et si le virement passe pas, vous me prévenez ?", false, false},
		{"en", "I hate to ask but could you split the delivery in two", false, false},
		{"fr", "je tue le temps dans la salle d'attente, vous avez des promos ?", false, false},
		{"en", "is the angry birds movie in the kids bundle", false, false},
		// Round 4 (families a third batch showed, in other words).
		{"en", "my father-in-law passed on monday and his landline is still billed to us", true, true},
		{"fr", "mon beau-père est décédé lundi et sa ligne fixe est toujours facturée", true, true},
		{"en", "my best friend took her own life last year and her account still emails me", true, true},
		{"fr", "mon cousin s'est suicidé au printemps, son abonnement tourne toujours", true, true},
		{"en", "honestly I don't know how much longer I can deal with these letters", true, false},
		{"fr", "je sais pas combien de temps je vais tenir avec ces relances", true, false},
		{"en", "I was upset for a second but the shop found another pair, thank you", false, false},
		{"fr", "j'étais déçue sur le coup mais vous en aviez un autre, merci", false, false},
		{"en", "my colleague is going through a bereavement, which hamper is nicest", false, false},
		{"fr", "un collègue traverse un deuil, vous conseillez quel panier ?", false, false},
		// "passed" that is no death.
		{"en", "my son passed his driving test, can I add him to the insurance", false, false},
		{"en", "my mum passed me her old phone, how do I move the number", false, false},
		// Too much at once, fear in the body, loneliness.
		{"en", "I can't handle any more of these emails, every day it's another problem", true, false},
		{"en", "im drowning here, the car, the rent and now a fine", true, false},
		{"en", "haven't slept a wink since the debt letter", true, false},
		{"en", "heart pounding since I saw the withdrawal, I didn't make it", true, false},
		{"fr", "je suis dépassée avec tous ces codes et ces mails", true, false},
		{"fr", "je sature, chaque semaine un nouveau souci avec ce compte", true, false},
		{"fr", "j'ai le cœur qui s'emballe depuis que j'ai vu ce retrait", true, false},
		{"fr", "j'appréhende tellement l'appel de la banque demain", true, false},
		{"fr", "plus personne ne m'appelle depuis l'été, vous êtes bien gentils de répondre", true, false},
		{"en", "nobody calls me anymore, you're kind to answer", true, false},
		// The writer's own words after a close person's feeling stay theirs.
		{"fr", "mon fils est stressé alors je vous écris pour lui : il lui faut un code", false, false},
		{"en", "my mum's anxious about the app, could you post her bills instead", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			s := m.Analyze(tt.lang, tt.text).Signals
			if got := s.felt() || s.Lonely || s.Grief; got != tt.felt {
				t.Errorf("feeling heard = %v, want %v (%+v)", got, tt.felt, s)
			}
			if s.Grief != tt.grief {
				t.Errorf("grief = %v, want %v", s.Grief, tt.grief)
			}
		})
	}
}
