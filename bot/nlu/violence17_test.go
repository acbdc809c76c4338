package nlu

import "testing"

// TestThreatToHarmAnother: a threat to kill or hurt someone else, said by
// the writer, is a crisis when it is meant, as a careful reader tells it:
// a person harmed (not a pizza, a printer, a process or a game's boss), a
// time or a plan (tomorrow, « ce soir », "I know where he lives", a knife
// bought), an oath ("I swear", « je rigole pas », "he deserves it"). The
// same words with a laugh ("lol", « mdr », 😂, "jk"), an errand they hang
// on ("if my parcel isn't here") or a game are a way of speaking, and so
// is someone else's "will kill me" (threatCrisis). Rows of violence17's
// own probes (tuning half) and variants written beside them.
func TestThreatToHarmAnother(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "I'm going to hurt my neighbour, I swear", true},
		{"en", "I'm going to kill my boss tomorrow", true},
		{"en", "I am going to shoot my manager on Monday, I've had enough", true},
		{"en", "i swear to god im going to beat that guy to death", true},
		{"en", "my landlord is going to get hurt, I'm going round there with a hammer", true},
		{"en", "I'm seriously going to put my boyfriend in hospital, I'm not kidding", true},
		{"en", "where's my refund. and by the way i'm going to kill the delivery guy, i know his van and where he parks", true},
		{"en", "i have a knife in my bag and i'm going to use it on my manager when i see him", true},
		{"en", "I'm going to kill the guy next door, no joke, he's been asking for it", true},
		{"en", "im gonna stab my cousin this weekend, i've got the blade", true},
		{"en", "i want to hurt my stepmum, i've been planning it for weeks", true},
		{"en", "I will kill my coworker on friday, he had it coming", true},
		{"en", "I could kill for a coffee right now", false},
		{"en", "I'll murder this pizza when it arrives lol", false},
		{"en", "I'm going to kill my brother lol he ate my birthday cake 😂", false},
		{"en", "I'll kill him jk he's my best friend, can I add him to my plan?", false},
		{"en", "i'm going to strangle my printer, it jammed again", false},
		{"en", "I'm going to beat my husband at this board game you sold us, it's so good", false},
		{"en", "my mum will kill me if this doesn't arrive by Friday", false},
		{"en", "my flatmate will kill me, I lost the spare key, can you send another fob", false},
		{"en", "if the dress isn't here for the wedding my sister will literally kill me", false},
		{"en", "i'm going to kill my sister if my order isn't here tomorrow haha", false},
		{"en", "I'll shoot my manager an email tomorrow about the refund", false},
		{"en", "how do I kill the final boss tonight, the new expansion is hard", false},
		{"en", "I'm not going to hurt anyone, I swear, I just want my money back", false},
		{"fr", "je vais faire du mal à mon voisin je vous jure", true},
		{"fr", "je vais buter mon chef demain", true},
		{"fr", "je vais lui faire la peau à mon patron, j'ai tout prévu", true},
		{"fr", "annulez ma commande, je m'en fous, je vais tuer mon frère ce soir", true},
		{"fr", "sérieux je vais la tuer ma coloc, je vous jure sur la tête de ma mère", true},
		{"fr", "je vais empoisonner ma belle-mère, j'ai acheté le produit aujourd'hui", true},
		{"fr", "je vais poignarder mon mari, il l'a bien cherché, c'est pas une blague", true},
		{"fr", "jvais tuer ma meuf si elle me ment encore ce soir, jsuis sérieux", true},
		{"fr", "je te jure je vais le défigurer ce connard demain", true},
		{"fr", "je vais tabasser mon collègue lundi, je sais où il se gare", true},
		{"fr", "ostie je vais le buter mon voisin à soir, j'ai une batte dans le char", true},
		{"fr", "je vais le tuer ce boss final", false},
		{"fr", "tuer le processus, comment on fait ?", false},
		{"fr", "ma mère va me tuer si ça arrive pas vendredi", false},
		{"fr", "je vais tuer mon frère mdr il a mangé mon gâteau 😂", false},
		{"fr", "je vais le buter lol c'est mon meilleur pote, je peux l'ajouter à mon forfait ?", false},
		{"fr", "ma coloc va me tuer, j'ai perdu la clé, vous pouvez envoyer un autre badge", false},
		{"fr", "je vais défoncer mon mari à ce jeu de société, il est génial", false},
		{"fr", "demain je vais descendre mon frère à la gare, vous livrez là-bas ?", false},
		{"fr", "je vais tuer ma soeur si le colis arrive pas demain ptdr", false},
		{"fr", "je vais buter tous les zombies ce soir avec mes potes sur le nouveau jeu", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

// TestAttackedNow: being attacked, abused, broken in on or followed now is
// a crisis however it is typed (Quebec French « me fesse dessus », a typo,
// no accents, at the end of an order question); the same words of a film,
// a game, a follower on a network, or a break-in of last year are not.
func TestAttackedNow(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "there's someone trying to open my front door, i'm alone and terrified", true},
		{"en", "there are two men in my garden trying the back door", true},
		{"en", "a guy keeps trying the windows downstairs, i'm upstairs with the baby", true},
		{"en", "the man was trying the door when he delivered", false},
		{"en", "in the film the husband beats his wife and it upset me, can I get a refund on the rental", false},
		{"en", "a burglar broke into my flat last year and stole the laptop, the insurance needs your receipt", false},
		{"en", "someone broke into our house two years ago, I need a copy of the old invoice for the claim", false},
		{"fr", "ma femme m'a lancé une assiette et elle crie qu'elle va me planter", true},
		{"fr", "mon copain hurle qu'il va me tuer, je suis enfermée dans la salle de bain", true},
		{"fr", "je crois que mon voisin bat son enfant, je l'entends hurler", true},
		{"fr", "y a deux hommes dans mon jardin qui essaient la porte de derrière", true},
		{"fr", "une voiture me suit depuis que je suis sortie du boulot, j'ai vraiment peur", true},
		{"fr", "mon mari me frape tt le temps jai peur", true},
		{"fr", "mon chum me fesse dessus pis j'ai peur de rentrer à soir", true},
		{"fr", "ma coloc me frape quand elle a bu, j'ose plus rentrer", true},
		{"fr", "quelqu'un me suit sur insta et je le connais pas, comment je le bloque", false},
		{"fr", "mon fils veut un jeu où on tire sur des zombies, c'est quel âge", false},
		{"fr", "je me suis fait agresser il y a deux ans et j'avais perdu ma carte, vous pouvez vérifier un vieux prélèvement", false},
		{"fr", "un cambrioleur est entré chez moi l'an dernier et a volé l'ordi, l'assurance veut votre facture", false},
		{"fr", "ma soeur va me tuer, j'ai rayé sa voiture, vous avez du polish ?", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

// TestThreatSaidOfGamesAndFavours: the words of a threat said of a match,
// a photo shoot, a kindness or a favour asked ("beat my dad at chess
// tomorrow", "shoot my kids for the school portrait", "hit my sister up
// tonight", « taper mon chef pour une augmentation », « descendre mon chef
// au resto », « planter mon mec » to leave him) are no threat, and a
// threat the lexicon's guard says is one of these is not read by the
// learned signal either; the same threat with its resolve, said of the
// next person or as « lui faire du mal », is. Rows of violence17's second
// round of probes (tuning half) and variants beside them.
func TestThreatSaidOfGamesAndFavours(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "I'm going to beat my dad at chess tomorrow, he won't see it coming", false},
		{"en", "I'm going to hit my sister up tonight about splitting the cost", false},
		{"en", "I'm going to shoot my kids on Saturday for the school portrait, which lens should I get?", false},
		{"en", "I'll kill them at the pub quiz tonight, can you deliver the team t-shirts by then?", false},
		{"en", "I'm going to kill my boss with kindness tomorrow, that's the plan", false},
		{"en", "I'll hurt her feelings if I cancel tomorrow, can I move the booking instead?", false},
		{"en", "i'm going to smash my cousin in the final on sunday, the new racket is amazing", false},
		{"en", "i will stab the next person who touches my kid, i mean it", true},
		{"en", "im going to kill him. i have his address. im not playing", true},
		{"en", "i'm going to hit my brother with the bat tonight when he gets in, he deserves it", true},
		{"fr", "je vais taper mon chef demain pour une augmentation", false},
		{"fr", "je vais descendre mon chef ce soir au resto pour son pot de départ", false},
		{"fr", "je vais écraser mon frère aux fléchettes vendredi, les nouvelles pointes sont en stock ?", false},
		{"fr", "demain je vais tuer mon chef à coups de gentillesse, c'est le plan", false},
		{"fr", "je vais planter ma copine ce soir, je la quitte, vous reprenez les bagues ?", false},
		{"fr", "je vais lui faire du mal comme elle m'a fait du mal, je sais où elle bosse, demain", true},
		{"fr", "je vais planter le prochain qui touche à mon gosse, je rigole pas", true},
		{"fr", "je vais faire du mal à mon collègue jeudi et personne va m'arrêter", true},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

// TestAttackedNowSaidOtherwise: an attack said by what the writer does to
// be safe (hiding, typing from elsewhere) or by what the attacker says he
// will do next ("he'll break my neck", « il va me casser le cou », "scared
// he'll do worse"), someone chasing the writer or inside the house, and a
// partner named as in Quebec or France (« ma blonde », « mon chum », « mon
// mec »), heard; the same words of a cat, a courier or a parcel, not.
// Rows of violence17's third round of probes (tuning half) and variants.
func TestAttackedNowSaidOtherwise(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "hi can i get a refund on order 8812, the blender is broken. my husband threw it at me last night and i'm scared he'll do worse when he gets back", true},
		{"en", "my bf has my phone and is screaming he'll break my neck, typing from the library", true},
		{"en", "im hiding in the bathroom, my ex got in through the window", true},
		{"en", "a man is chasing me down the street, i'm on the phone to you because my battery is about to die", true},
		{"en", "some guy is chasing me through the car park", true},
		{"en", "i'm hiding in the wardrobe, someone got in through the back door", true},
		{"en", "the cat got in through the window again and knocked the vase over", false},
		{"en", "my kids are hiding in the wardrobe for hide and seek, where's my parcel", false},
		{"en", "my dog keeps chasing me round the garden lol, do you sell frisbees", false},
		{"en", "the courier threw my parcel at me and walked off, I want to complain", false},
		{"fr", "bonjour je voudrais un remboursement commande 8812, le mixeur est cassé. mon mari me l'a lancé dessus hier et j'ai peur qu'il fasse pire en rentrant", true},
		{"fr", "mon copain a mon tel et il hurle qu'il va me casser le cou, je vous écris de la bibliothèque", true},
		{"fr", "y a un intrus en bas, je l'entends fouiller les tiroirs", true},
		{"fr", "ma blonde me frappe a chaque fois quelle boit pis la elle boit 😢 jai peur", true},
		{"fr", "un homme me court après dans la rue, je vous écris parce que mon tel va mourir", true},
		{"fr", "mon chum me frappe quand il boit", true},
		{"fr", "je suis cachée dans la salle de bain, il est rentré par la fenêtre", true},
		{"fr", "mon chien me court après dans le jardin mdr, vous vendez des frisbees", false},
		{"fr", "le chat est rentré par la fenêtre et a cassé le vase", false},
		{"fr", "le livreur m'a lancé le colis dessus et il est parti, je veux me plaindre", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

// TestThreatOverEverydayGrievance: a threat with a time said over an
// everyday grievance or on a condition of someone's doings ("I'll kill my
// sister on Saturday if she's late for my wedding", « je vais buter mon
// frère ce soir, il a fini les céréales »), or a hurt that is the news one
// brings ("hurt my mum tomorrow when I tell her"), is how people speak: a
// jest of weight 1 asks one more resolve, and a weapon or a plan (2)
// still says it is meant ("when she gets back, I've hidden a knife").
// Rows of violence17's fourth round of probes (tuning half) and variants.
func TestThreatOverEverydayGrievance(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "I'm going to hurt my mum tomorrow when I tell her I'm moving to Australia, how do I port my number?", false},
		{"en", "I'm going to murder my son when he gets home, he spent £80 on game skins with my card", false},
		{"en", "I'll kill my wife tomorrow if she books another spa weekend on our joint account, can I set a limit?", false},
		{"en", "I'll kill my sister on Saturday if she's late for my wedding, can you rush the dress?", false},
		{"en", "i'm going to kill my brother tonight, he finished the cereal again", false},
		{"en", "i'm going to hurt my flatmate when she gets back, i've hidden a knife in my room", true},
		{"en", "seriously i'm going to hurt my girlfriend if she lies to me again tonight", true},
		{"en", "i'm going to beat my girlfriend if she doesn't come home tonight, she deserves it", true},
		{"en", "I'm going to kill him tomorrow if he shows up, I've got my knife", true},
		{"en", "i'm going to strangle my baby if she doesn't stop screaming, i can't do this, i'm serious", true},
		{"fr", "je vous jure je vais tuer mon frère, il a mangé mon dernier yaourt", false},
		{"fr", "je vais massacrer mon fils quand il rentre, il a dépensé 80 € en skins avec ma carte", false},
		{"fr", "je vais tuer ma femme demain si elle réserve encore un week-end spa sur le compte joint, je peux mettre une limite ?", false},
		{"fr", "je vais tuer ma soeur samedi si elle est en retard à mon mariage, vous pouvez accélérer la robe ?", false},
		{"fr", "je vais buter mon frère ce soir, il a fini les céréales", false},
		{"fr", "jvais tuer ma meuf si elle me ment encore ce soir, jsuis sérieux", true},
		{"fr", "je vais faire du mal à ma coloc quand elle rentre, j'ai caché un couteau dans ma chambre", true},
		{"fr", "je vais le tuer demain s'il se pointe, j'ai un couteau", true},
		{"fr", "je vais étrangler mon bébé si elle arrête pas de hurler, je peux plus, je suis sérieuse", true},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}
