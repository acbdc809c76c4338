package nlu

import "testing"

// The families of person25: a probe set written before reading the
// lexicons (docs/probe25) found each of these misses or false alarms in
// one language, most often heard in the other. Each family is tested in
// both languages, with its look-alikes.

// TestPersonAskedProbe25: a call back demanded as a condition ("if nobody
// calls me back today I'm cancelling"), a human voice wished for, someone
// asked for behind the screen. Look-alikes stay calm: nobody calling back
// said as a complaint, a human voice not heard for days, the person behind
// the counter or behind me in the queue, curiosity taken back.
func TestPersonAskedProbe25(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "if nobody calls me back today I'm cancelling everything", true},
		{"en", "if no one rings me back by friday i want a refund", true},
		{"en", "unless someone calls me back I'm going to the bank", true},
		{"en", "if nobody gets back to me this time I'm leaving a review", true},
		{"en", "if i don't get a call back tomorrow i'm done", true},
		{"fr", "si personne me rappelle aujourd'hui j'annule tout", true},
		{"fr", "si personne ne me rappelle demain je résilie", true},
		{"fr", "si on ne me rappelle pas avant vendredi j'annule", true},
		{"en", "Honestly I'd just like to hear a human voice at this point", true},
		{"en", "i want to hear a real human voice, not this", true},
		{"en", "I'd love to hear a human voice for once", true},
		{"fr", "j'aimerais entendre une voix humaine svp", true},
		{"fr", "j'ai besoin d'entendre une voix humaine, pas un robot", true},
		{"en", "is there someone behind the screen?", true},
		{"en", "is there a real person behind this chat", true},
		{"en", "is anyone behind the keyboard??", true},
		{"fr", "il y a quelqu'un derrière l'écran ?", true},
		{"fr", "y a qqn derriere le clavier", true},
		{"fr", "y a un humain derrière ce chat ?", true},

		{"en", "nobody calls me back, it's always the same with you", false},
		{"en", "if the courier calls me back, tell him the door code", false},
		{"en", "I haven't heard a human voice in days", false},
		{"en", "the speaker has a very human voice", false},
		{"en", "the person behind the counter was rude", false},
		{"en", "someone behind me in the queue took my parcel", false},
		{"en", "is there someone behind the screen just curious", false},
		{"fr", "ça fait des jours que j'ai pas entendu une voix humaine", false},
		{"fr", "la personne derrière le comptoir était désagréable", false},
		{"fr", "quelqu'un derrière moi dans la file a pris mon colis", false},
		{"fr", "personne ne m'a rappelé, c'est honteux", false},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Escalate; got != tt.want {
			t.Errorf("%s %q: a person asked %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestLanguageAsSkillProbe25: a language spoken better or learnt is a
// skill, not someone asked for (the learned signal heard "speak French" as
// a request); someone who speaks it, asked for beside it, still is.
func TestLanguageAsSkillProbe25(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "I'd love to speak French better, any courses?", false},
		{"en", "I wish I could speak Spanish better", false},
		{"en", "my daughter wants to learn to speak German", false},
		{"fr", "je voudrais mieux parler anglais, vous avez des livres ?", false},
		{"fr", "ma fille veut apprendre l'espagnol", false},

		{"en", "I want to speak to someone in french", true},
		{"en", "I'd like to speak English better but can I talk to someone who speaks French?", true},
		{"fr", "vous avez quelqu'un qui parle espagnol ? je veux apprendre l'anglais mais pas aujourd'hui", true},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Escalate; got != tt.want {
			t.Errorf("%s %q: a person asked %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestContactAskedProbe25: a number asked for as whether we have one ("do
// you have a phone number?", « vous avez un numéro de tél ? ») asks how to
// reach the team, and so does « le numéro du service client » (the
// guard of contact details, as long as the entry, cancelled it). "do you
// have my number", a tracking or a model number, the number printed on
// one's invoice do not.
func TestContactAskedProbe25(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "do you have a phone number?", true},
		{"en", "do you guys have a number i can call", true},
		{"en", "have you got a number?", true},
		{"en", "don't you have a phone number", true},
		{"fr", "vous avez un numero de tel ?", true},
		{"fr", "vous avez pas un numéro ?", true},
		{"fr", "avez-vous un numéro de téléphone", true},
		{"fr", "vous auriez un numéro ?", true},
		{"fr", "donnez-moi le numéro du service client", true},
		{"fr", "votre numéro du SAV svp", true},
		{"en", "give me the number of your support line", true},
		{"en", "what's your customer service number", true},

		{"en", "do you have my number on file?", false},
		{"en", "do you have a tracking number for me?", false},
		{"en", "do you have a model number for this lamp", false},
		{"fr", "vous avez mon numéro ?", false},
		{"fr", "vous avez un numéro de suivi ?", false},
		{"fr", "avez-vous un numéro de commande à me donner", false},
		{"en", "what's the number on my invoice for?", false},
		{"en", "what is the number on the receipt, is it my order?", false},
		{"fr", "c'est quoi le numéro sur ma facture ?", false},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Contact; got != tt.want {
			t.Errorf("%s %q: contact asked %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestCrisisProbe25: danger to life said without the usual words, each
// family heard in one language and missed in the other: nobody missing
// me when I'm gone for good, a goodbye left for one's close people,
// something stupid wished for, a gun brought to work or school, a wish
// said "sans arrêt" (no negation: always). Look-alikes stay calm: a trip,
// a goodbye to the team on holiday, something stupid bought for a laugh,
// a toy or a water gun, a glue gun; breathing in a mask or a jacket (a
// size), a chat message that was cut off.
func TestCrisisProbe25(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "no one will miss me when I'm gone for good", true},
		{"en", "nobody would miss me if i was gone for good", true},
		{"en", "say goodbye to my family for me", true},
		{"en", "please say goodbye to my kids for me", true},
		{"fr", "dis au revoir à mes enfants pour moi", true},
		{"en", "I want to do something stupid tonight", true},
		{"en", "i feel like doing something stupid", true},
		{"fr", "j'ai envie de faire une connerie ce soir", true},
		{"fr", "j'ai trop envie de faire une grosse connerie", true},
		{"en", "my colleague said he brought a weapon to work and is going to make them pay", true},
		{"en", "a kid brought a gun to school today", true},
		{"fr", "un collègue dit qu'il a ramené une arme au boulot", true},
		{"fr", "il a apporté un flingue au lycée", true},
		{"fr", "je pense sans arrêt à me jeter sous un bus", true},
		{"fr", "je pense sans cesse à en finir", true},
		{"en", "I can't breathe with my oxygen mask on", true},
		{"fr", "j'arrive plus à respirer", true},

		{"en", "I'll be gone for two weeks, can you hold my parcel?", false},
		{"en", "say goodbye to the team for me, I'm off on holiday", false},
		{"en", "I want to do something stupid and buy both colours", false},
		{"fr", "j'ai envie de faire une connerie et de prendre les deux lol", false},
		{"en", "my son brought a toy gun to school for the play", false},
		{"en", "I brought the glue gun back to the office", false},
		{"fr", "il a ramené un pistolet à eau à l'école", false},
		{"fr", "je pense sans arrêt à cette robe, elle est encore en stock ?", false},
		{"en", "I can't breathe through this mask, is there a bigger size?", false},
		{"en", "can't breathe in this jacket, too tight, can I swap it?", false},
		{"fr", "j'arrive pas à respirer avec ce masque, vous avez une taille au-dessus ?", false},
		{"fr", "on respire mal sous ce casque, il est trop petit", false},
		{"en", "my last message was cut off, here it is again", false},
		{"en", "sorry my last message didn't go through", false},
		{"fr", "mon dernier message a été coupé, le voici", false},
	})
}

// TestPersonAskedProbe25b: the second probe round (docs/probe25/probes2.tsv,
// written before its run): where the person is, as all the message says
// ("WHERE IS THE HUMAN", « il est où le conseiller ? »); chat shorthand
// for somebody ("chat w/ sb from support"); in French a call asked in the
// subjunctive at the start (« que quelqu'un du magasin m'appelle »), and
// « remonter au chef » (« au » is a contraction). Look-alikes stay calm:
// where the person who delivered is, no call wanted, a
// parcel taken back upstairs, the writer saying they are a real person
// (« je suis une vraie personne, pas un robot »: their account in doubt),
// someone who must be home to sign.
func TestPersonAskedProbe25b(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "WHERE IS THE HUMAN", true},
		{"en", "where are the agents??", true},
		{"en", "where's a real person", true},
		{"fr", "OU EST L'HUMAIN", true},
		{"fr", "il est où le conseiller ?", true},
		{"fr", "ils sont ou les humains", true},
		{"en", "hey can i chat w/ sb from support", true},
		{"en", "can smb call me back", true},
		{"fr", "que quelqu'un du magasin m'appelle au 06 11 22 33 44", true},
		{"fr", "que qqn me rappelle svp", true},
		{"fr", "est-ce possible de remonter au chef d'équipe", true},
		{"fr", "vous pouvez faire remonter ma demande à un manager ?", true},
		{"en", "I'm a real person and I want to talk to a real person", true},
		{"fr", "je suis une vraie personne et je veux parler à une vraie personne", true},

		{"en", "where is the person who delivered my parcel? it's not here", false},
		{"en", "where is the human resources page", false},
		{"fr", "où est la personne qui a livré mon colis ?", false},
		{"fr", "je veux pas que quelqu'un m'appelle, un mail suffit", false},
		{"fr", "je dois remonter le carton au grenier", false},
		{"en", "I'm a real person, not a robot, why did my account get flagged?", false},
		{"en", "I am a real person not a bot, my account is locked", false},
		{"fr", "je suis une vraie personne pas un robot, pourquoi mon compte est bloqué ?", false},
		{"fr", "chui une vraie personne pas un robot", false},
		{"en", "does someone need to be home to sign for it?", false},
		{"fr", "quelqu'un doit être présent pour signer ?", false},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Escalate; got != tt.want {
			t.Errorf("%s %q: a person asked %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestCrisisProbe25b: no way out for oneself, the twin of "no way out for
// me", had no French entry (« y a pas d'issue pour moi »); a shop's
// emergency exit says nothing of it.
func TestCrisisProbe25b(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"fr", "y a pas d'issue pour moi, je pars vers les falaises", true},
		{"fr", "il n'y a plus aucune issue", true},
		{"fr", "aucune issue pour moi, je suis fatiguée", true},
		{"en", "there's no way out for me", true},

		{"fr", "le magasin n'a pas d'issue de secours, c'est normal ?", false},
		{"fr", "pas d'issue de secours dans ce modèle de tente ?", false},
		{"fr", "le labyrinthe du jeu n'a pas d'issue, c'est voulu ?", false},
	})
}

// TestPersonAskedProbe25c: the third probe round (probes3.tsv, indirect
// requests): a call from the team awaited or wished ("I'll wait for your
// call", « j'apprécierais beaucoup un appel », someone to pick up the
// phone), a reply asked on one's number, a message passed on with "have
// them contact me" (« qu'ils me contactent »), whether anyone watches this
// chat, someone told that I am waiting, an engineer asked to call, in
// French an explanation on the phone. Look-alikes stay calm: still
// waiting for a call (a complaint, the house's guard), waiting for an
// email, a text when it ships, whether the chat is monitored (privacy), the engineer who called yesterday, not
// wanting them to call, a parcel to pick up.
func TestPersonAskedProbe25c(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "I'll wait for your call", true},
		{"en", "looking forward to your call back, thanks", true},
		{"en", "would really appreciate a call, my number is on the account", true},
		{"en", "honestly just want someone to pick up the phone", true},
		{"fr", "j'attends votre appel", true},
		{"fr", "dans l'attente de votre appel, cordialement", true},
		{"fr", "j'apprécierais beaucoup un appel, mon numéro est sur le compte", true},
		{"fr", "franchement je veux juste que quelqu'un décroche", true},
		{"en", "kindly revert on my number asap", true},
		{"fr", "merci de revenir vers moi par téléphone rapidement", true},
		{"en", "please forward my message to the relevant department and have them contact me", true},
		{"fr", "merci de faire suivre mon message au service concerné et qu'ils me contactent", true},
		{"en", "is this chat even monitored by anyone?", true},
		{"fr", "est-ce que ce chat est surveillé par quelqu'un ?", true},
		{"en", "let someone know I'm waiting, it's been two weeks", true},
		{"fr", "prévenez quelqu'un que j'attends, ça fait deux semaines", true},
		{"en", "please arrange for an engineer to call me", true},
		{"fr", "merci d'organiser l'appel d'un technicien", true},
		{"fr", "un technicien peut me rappeler ?", true},
		{"fr", "j'ai besoin que quelqu'un m'explique ce prélèvement au téléphone", true},

		{"fr", "j'attends toujours un appel depuis lundi, c'est lamentable", false},
		{"en", "is this chat monitored? I'd rather my data stays private", false},
		{"fr", "ce chat est surveillé ? je préfère que mes données restent privées", false},
		{"en", "I'll wait for your email then", false},
		{"en", "I'd appreciate a text when it ships", false},
		{"fr", "j'attends votre mail alors", false},
		{"en", "the engineer called me yesterday and fixed it", false},
		{"fr", "le technicien m'a appelé hier, c'est réparé", false},
		{"fr", "je veux pas qu'ils me rappellent, un mail suffit", false},
		{"en", "does someone need to pick up the parcel in person?", false},
		{"fr", "quelqu'un m'a expliqué au téléphone que c'était réglé", false},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Escalate; got != tt.want {
			t.Errorf("%s %q: a person asked %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestCrisisProbe25c: everything in the medicine cabinet taken, a fall
// with its hour and legs that no longer feel (French had only the half),
// the car as the means said as one turn of the wheel (English had no
// entry). Look-alikes stay calm: the pharmacy box emptied to tidy it,
// falling in love, a fall onto an advert, a steering wheel cover, a turn of the wheel in a game.
func TestCrisisProbe25c(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "i've taken everything in the medicine box", true},
		{"en", "I took everything from the medicine cabinet", true},
		{"fr", "j'ai pris tout ce qu'il y avait dans la boîte à pharmacie", true},
		{"fr", "j'ai avalé tout ce qu'il y avait dans la pharmacie", true},
		{"fr", "je suis tombé il y a deux heures, je sens plus mes jambes et je suis seul", true},
		{"en", "I fell two hours ago, I can't feel my legs and I'm alone", true},
		{"en", "i keep driving past the tree on the bend and thinking one turn of the wheel", true},
		{"fr", "je passe devant l'arbre du virage et je pense à un coup de volant", true},

		{"fr", "j'ai pris tout ce qu'il y avait dans la pharmacie pour la ranger, vous vendez des boîtes ?", false},
		{"fr", "je suis tombée amoureuse de cette robe", false},
		{"fr", "je suis tombé il y a deux jours sur votre pub, vous livrez en Belgique ?", false},
		{"en", "the steering wheel cover arrived, fits great", false},
		{"en", "the game's wheel of fortune gives one turn of the wheel per day?", false},
	})
}

// TestPersonAskedProbe25d: the fourth probe round (probes4.tsv, run first
// as a held measure): the condition widened to anyone of the team who does
// not contact me ("if no one from your team contacts me by monday", « si
// personne de votre équipe me contacte »), calling said as what the team
// must do ("you guys need to call me", « faut m'appeler »), a line with
// actual people. Look-alikes stay calm: a call not needed, a call-back as a
// feature of the app, a person had yesterday (« j'ai eu une vraie personne
// hier »).
func TestPersonAskedProbe25d(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "if no one from your team contacts me by monday I'm going to the ombudsman", true},
		{"en", "if nobody at your company emails me today I'll cancel", true},
		{"fr", "si personne de votre équipe me contacte d'ici lundi je saisis le médiateur", true},
		{"fr", "si personne chez vous m'appelle demain j'annule", true},
		{"en", "you guys need to call me, this is the 4th time I write", true},
		{"en", "you have to ring me back today", true},
		{"fr", "faut m'appeler, c'est la 4e fois que j'écris", true},
		{"fr", "vous devez me rappeler aujourd'hui", true},
		{"en", "do you have a customer care line with actual people", true},

		{"en", "you don't need to call me, email is fine", false},
		{"fr", "faut pas m'appeler, je suis au travail", false},
		{"en", "I'd love a call-back feature in the app", false},
		{"en", "is there a callback option on the website?", false},
		{"fr", "j'adorerais une fonction rappel dans l'appli", false},
		{"fr", "j'ai eu une vraie personne hier et c'est réglé", false},
		{"fr", "j'ai eu un conseiller au téléphone, merci", false},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Escalate; got != tt.want {
			t.Errorf("%s %q: a person asked %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestCrisisProbe25d: afraid of what I'll do to myself (neither language
// had it), and in French one's funeral imagined with relief (the halves
// English had). Look-alikes stay calm: afraid of what the courier will do
// to the parcel, a funeral arranged for a grandmother, relief that the
// parcel came.
func TestCrisisProbe25d(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "I'm scared of what I'll do to myself tonight", true},
		{"en", "honestly afraid of what I might do to myself", true},
		{"fr", "j'ai peur de ce que je vais me faire ce soir", true},
		{"fr", "j'ai peur de ce que je pourrais me faire", true},
		{"fr", "j'imagine tout le temps mon enterrement et ça me soulage", true},
		{"en", "I keep imagining my funeral and it feels like relief", true},

		{"en", "I'm scared of what the courier will do to the parcel", false},
		{"fr", "j'ai peur de ce que le livreur va faire du colis", false},
		{"fr", "je prépare l'enterrement de ma grand-mère, vous livrez des fleurs samedi ?", false},
		{"fr", "le colis est enfin arrivé, ça me soulage", false},
	})
}

// TestLearnedPersonProbe25: the learned person signal, taught the first four
// probe rounds (corpus/learn/person.LANG.tsv, probe25 rows), hears requests
// of a fifth round written after them and not learnt from (probes5.tsv):
// a request typed with many typos, a manager asked to look and come back
// to me. A number one may call oneself stays calm.
func TestLearnedPersonProbe25(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"fr", "bonjour je veu parle avek une personne pour ma comande svp", true},
		{"fr", "pouvez vous demander a un responsable de regarder mon compte et de revenir vers moi", true},

		{"fr", "vous pouvez appeler le 3949 pour ça", false},
		{"en", "you can ring 111 for advice, it's on their site", false},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Escalate; got != tt.want {
			t.Errorf("%s %q: a person asked %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestCrisisProbe25e: the fifth round's crises (probes5.tsv, held for the
// learned person signal, read after): a chair with a belt or a rope, a
// neighbour who has not opened their door for days, people threatened with
// a weapon (French had it), car crashed on purpose (English had it), an
// exit planned said alone, one's goodbyes made (English had it). Look-alikes
// stay calm: a chair and a hammer for a picture, a shop closed for days, a
// lawsuit threatened, the exit from a gym contract, goodbye to a sofa.
func TestCrisisProbe25e(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "I'm standing on a chair with a belt", true},
		{"en", "on a stool with a rope right now", true},
		{"fr", "je suis debout sur une chaise avec une ceinture", true},
		{"fr", "sur un tabouret avec une corde", true},
		{"en", "my elderly neighbour hasn't opened her door in 3 days and I can smell something", true},
		{"fr", "ma voisine âgée a pas ouvert sa porte depuis 3 jours et ça sent bizarre", true},
		{"en", "there's a guy threatening people with a machete in the street", true},
		{"fr", "y a un type qui menace les gens avec une machette dans la rue", true},
		{"fr", "j'arrive pas à arrêter de penser à planter ma voiture exprès", true},
		{"en", "I can't stop thinking about crashing my car on purpose", true},
		{"en", "I'm planning my exit", true},
		{"fr", "j'ai pas mangé ni dormi depuis des jours et je prépare ma sortie", true},
		{"fr", "je fais mes adieux, merci pour tout", true},

		{"en", "standing on a chair with a hammer to hang the picture, do you sell hooks?", false},
		{"fr", "debout sur une chaise avec un marteau pour le cadre", false},
		{"en", "the shop hasn't opened its doors in 3 days, is it closed?", false},
		{"en", "he's threatening people with a lawsuit over the refund", false},
		{"fr", "il menace les gens d'un procès", false},
		{"en", "planning my exit from the gym contract, how do I cancel?", false},
		{"fr", "je prépare ma sortie du contrat de salle de sport, comment résilier ?", false},
		{"fr", "je dis adieu à mon vieux canapé aujourd'hui", false},
	})
}

// TestPersonAskedProbe25e: the fifth round's requests, read after it was
// scored: "give me a shout on 07…", a question only a human can answer; in
// French redirected to the right service, a conversation with an employee.
// "person to person delivery", « de personne à personne » ask for nobody.
func TestPersonAskedProbe25e(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "could one of you guys give me a shout on 07123 456789", true},
		{"en", "I've got a question only a human can answer", true},
		{"fr", "je peux être redirigé vers le bon service svp", true},
		{"fr", "est-il possible d'avoir une conversation avec un employé", true},
		{"fr", "vous pouvez me rediriger vers un conseiller ?", true},

		{"en", "person to person delivery possible?", false},
		{"fr", "livraison de personne à personne possible ?", false},
		{"en", "only a human can eat that much cake lol", false},
		{"fr", "j'ai été redirigé vers la page d'accueil, c'est normal ?", false},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Escalate; got != tt.want {
			t.Errorf("%s %q: a person asked %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestProbe25f: the sixth round's misses, read after it was scored
// (probes6.tsv): a telephone conversation with someone, a person's reply
// wished as a condition, in French a colleague who writes to me, my
// landline to call, the number of someone who can help; not alive at the
// end of the month (English), too many antidepressants on purpose
// (French). Look-alikes stay calm: a human-readable invoice, a partner
// said a real person « pas un robot », collapsed with laughter.
func TestProbe25f(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "Good afternoon, I was wondering whether it might be possible to arrange a telephone conversation with someone from your returns team", true},
		{"en", "I'd appreciate it if a real person emailed me back", true},
		{"en", "would be great if someone called me today", true},
		{"fr", "je peux vous demander qu'un collègue m'envoie un mail personnellement", true},
		{"fr", "une personne de votre magasin peut appeler mon fixe, j'ai pas de portable", true},
		{"fr", "je peux avoir le nom et le numéro de quelqu'un qui peut m'aider", true},

		{"en", "can I get a human-readable version of the invoice", false},
		{"en", "a real person emailed me yesterday, all sorted", false},
		{"fr", "mon conjoint est une vraie personne pas un robot, il tape lentement", false},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Escalate; got != tt.want {
			t.Errorf("%s %q: a person asked %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
	crisisCases(t, m, []crisisCase{
		{"en", "I don't think I'll still be alive at the end of the month and honestly I'm fine with that", true},
		{"en", "I won't be alive by the end of the week", true},
		{"fr", "j'ai pris trop d'antidépresseurs exprès", true},
		{"en", "I took too many of my antidepressants on purpose", true},

		{"en", "my father collapsed with laughter at the card, thanks", false},
		{"fr", "mon père s'est écroulé de rire en voyant la carte", false},
		{"en", "I don't think the plant will still be alive by the end of the month, can I return it?", false},
	})
}

// TestProbe25g: the seventh round's misses, read after it was scored
// (probes7.tsv), each heard in the other language: voices that say to end
// it (English); in French a blade in the bath, « ça sert plus à rien que je
// sois là », someone lying in the road, a complaint made to a person,
// agents available. Look-alikes stay calm: a book in the bath, a cat run
// over said alone, no use paying for express, a product available.
func TestProbe25g(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "I keep hearing that I should end it", true},
		{"fr", "je suis dans le bain avec une lame", true},
		{"fr", "ça sert plus à rien que je sois là", true},
		{"fr", "mon voisin est allongé sur la route il s'est fait renverser", true},
		{"en", "I'm sitting in the bath with a blade", true},

		{"fr", "dans le bain avec un livre, meilleur cadeau", false},
		{"fr", "mon chat s'est fait renverser, vous avez des urnes ?", false},
		{"fr", "ça sert à rien que je paie l'express si c'est en retard", false},
		{"en", "I keep hearing that I should end my contract early, is that true?", false},
	})
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"fr", "je veux faire une réclamation à une personne", true},
		{"fr", "y a des agents dispo là tout de suite ?", true},
		{"en", "are there any agents available right now?", true},

		{"fr", "le modèle est dispo en bleu ?", false},
		{"fr", "j'ai fait une réclamation hier, vous l'avez reçue ?", false},
		{"fr", "j'ai fait une réclamation à un conseiller hier, rien n'a bougé", false},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Escalate; got != tt.want {
			t.Errorf("%s %q: a person asked %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestProbe25h: the eighth round's misses, read after it was scored
// (probes8.tsv, kept as a held measure first): a note on one's desk for
// one's parents, wanting it all to be over (English), sitting on the
// window ledge (French: the ledge alone is a means), a machine refused for
// this, someone over there or just you, a word with the person who deals
// with…, someone I can call about this. Look-alikes stay calm: a gift
// note for my parents, nobody caring what I wear, a cat on the window
// ledge, a loyalty level escalated, the move that will be over.
func TestProbe25h(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "there's a note on my desk for my parents", true},
		{"fr", "y a un mot sur mon bureau pour mes parents", true},
		{"en", "I've been awake for days and I want it all to be over", true},
		{"fr", "je suis assis sur le rebord de la fenêtre au 8e", true},

		{"en", "can you add a note for my parents in the gift box?", false},
		{"fr", "vous pouvez ajouter un mot pour mes parents dans le colis ?", false},
		{"en", "nobody would care if I wore this to work, right?", false},
		{"fr", "mon chat est assis sur le rebord de la fenêtre toute la journée, vous avez un hamac ?", false},
	})
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "I don't want to deal with a machine for this, sorry", true},
		{"fr", "je veux pas traiter avec une machine pour ça, désolé", true},
		{"fr", "quelqu'un là-bas peut vraiment m'aider ou y a que vous", true},
		{"fr", "je peux dire un mot à la personne qui s'occupe des articles abîmés", true},
		{"fr", "pardon, y a quelqu'un que je peux appeler à ce sujet", true},

		{"en", "I want to escalate my loyalty level, how?", false},
		{"fr", "je veux pas traiter avec ce vendeur, il est malhonnête", false},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Escalate; got != tt.want {
			t.Errorf("%s %q: a person asked %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestProbe25i: the ninth round's misses, read after it was scored
// (probes9.tsv): slicing one's arms, the edge of a cliff and no reason to
// exist (French), a person who would help (English), the people in
// charge, a complaint wanted lodged with a manager, in contact with your
// team (French). Look-alikes stay calm: choking or collapsing with
// laughter, the edge of a decision, a phone that no longer answers after
// an update, bread sliced, a complaint lodged yesterday.
func TestProbe25i(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "I'm slicing my arms", true},
		{"fr", "je me tranche les bras", true},
		{"fr", "je suis au bord de la falaise", true},
		{"fr", "y a aucune raison que j'existe", true},
		{"en", "I'm standing on the edge of the cliff", true},

		{"en", "my grandfather is choking with laughter at the card", false},
		{"fr", "mon grand-père s'étouffe de rire avec la carte", false},
		{"en", "I'm standing on the edge of a decision, help me choose between the two", false},
		{"fr", "mon tel répond plus depuis la mise à jour", false},
		{"en", "slicing bread with your knife is a dream", false},
	})
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "Hi, a human would be really helpful right now", true},
		{"en", "I want to talk to the people in charge of deliveries", true},
		{"fr", "je voudrais déposer une réclamation officielle auprès d'un responsable", true},
		{"fr", "mettez-moi en contact avec votre équipe par téléphone", true},

		{"fr", "j'ai déposé une réclamation auprès d'un responsable hier", false},
		{"en", "the people in charge of deliveries did a great job", false},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Escalate; got != tt.want {
			t.Errorf("%s %q: a person asked %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestProbe25j: the tenth round's misses, read after it was scored
// (probes10.tsv), most heard in the other language: walking into traffic,
// something drunk from under the sink, a farewell of two halves ("this is
// it", "love you all"), how to do it painlessly (French); any human out
// there, the people put on the line, a sales rep to speak to. Look-alikes
// stay calm: not wanting to wake up early for a delivery (both
// languages), not safe at home without a smoke alarm, a shopping centre.
func TestProbe25j(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "I'm going to walk into traffic", true},
		{"fr", "je vais me jeter sous les voitures", true},
		{"en", "my toddler drank something from under the sink", true},
		{"en", "my brother messaged 'this is it, love you all' and turned his phone off", true},
		{"fr", "je réfléchis à comment le faire sans douleur", true},
		{"en", "I don't want to wake up tomorrow", true},
		{"fr", "je veux pas me réveiller demain", true},

		{"en", "I don't want to wake up at 6 for the delivery", false},
		{"fr", "je veux pas me réveiller tôt pour la livraison, ça peut venir après 10h ?", false},
		{"en", "I'm not safe at home without a smoke alarm, do you sell them?", false},
		{"en", "love you all, best shop ever", false},
		{"fr", "je réfléchis à comment le faire pas cher, la cuisine je veux dire", false},
	})
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "Any human out there? Hello?", true},
		{"en", "Honestly, who do I need to speak to? Get them on the line", true},
		{"fr", "franchement je dois parler à qui ? mettez-les en ligne", true},
		{"fr", "je dois parler à un commercial pour ma garantie", true},

		{"fr", "je vais au centre commercial demain, vous avez un point retrait ?", false},
		{"en", "any humans out there who tried the blue one? is it nice?", false},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Escalate; got != tt.want {
			t.Errorf("%s %q: a person asked %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestProbe25k: the eleventh round's misses, read after it was scored
// (probes11.tsv): nobody will even notice said last, a burden with a plan
// (French); people asked for, a manager asked to look, feedback to a
// manager (French). Look-alikes stay calm: a burden asking again, a face
// cream joke, nobody noticing a scratch, a return made to the shop.
func TestProbe25k(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "I'll be gone by morning, nobody will even notice", true},
		{"fr", "j'ai l'impression d'être un fardeau et j'ai un plan pour ce soir", true},
		{"en", "I feel like I'm a burden and I've got a plan for tonight", true},

		{"en", "I feel like I'm a burden asking again, but where's my order?", false},
		{"fr", "j'ai l'impression d'être un fardeau à redemander, mais elle est où ma commande ?", false},
		{"en", "the face cream made my face droop? no, joking, it's great", false},
		{"en", "nobody will even notice the scratch, it's fine", false},
	})
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "is your customer service run by people or bots? I need people", true},
		{"fr", "votre service client c'est des gens ou des robots ? il me faut des gens", true},
		{"fr", "vous pouvez faire regarder ça par un responsable ? c'est la troisième fois", true},
		{"fr", "je voudrais faire un retour directement à un responsable", true},

		{"fr", "je voudrais faire un retour au magasin, c'est possible ?", false},
		{"en", "I need people to know how good this is, sharing it now", false},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Escalate; got != tt.want {
			t.Errorf("%s %q: a person asked %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestProbe25l: the twelfth round's misses, read after it was scored
// (probes12.tsv): every pill taken, afraid to jump (both languages), a
// bottle of antifreeze swallowed (French); « faut que je parle à un
// humain » (an obligation, not « je parle à un humain ? »), « y a personne
// qui peut m'aider ? ». Look-alikes stay calm: a jump rope, someone who
// sells it in green, reviews by real people, « je parle à un humain ? »
// (a question about the bot).
func TestProbe25l(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		{"en", "I've had enough of life, I'm going to take every pill I have", true},
		{"en", "I'm writing this from the roof, I'm scared I'll jump", true},
		{"fr", "j'écris depuis le toit, j'ai peur de sauter", true},
		{"fr", "j'ai avalé une bouteille d'antigel", true},
		{"en", "I've swallowed a bottle of antifreeze", true},

		{"en", "scared I'll jump the queue if I order now lol", false},
		{"fr", "j'ai peur de sauter une étape du montage, vous avez une vidéo ?", false},
	})
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"fr", "stop. faut que je parle à un humain tout de suite", true},
		{"fr", "y a personne qui peut m'aider correctement ?", true},
		{"en", "is there no one who can help me properly?", true},

		{"en", "is there no one who sells this in green?", false},
		{"en", "are the reviews from real people?", false},
		{"fr", "les avis c'est des vraies personnes ?", false},
		{"fr", "je parle à un humain ?", false},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Escalate; got != tt.want {
			t.Errorf("%s %q: a person asked %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestProbe25Narrow: the asides and guards of person25 stay as narrow as
// their look-alikes, since any of them also quiets the learned person
// signal in its whole message: a writer who says who they are (an elderly
// person, an agent by trade), a person had who promised a call back, a
// person-to-person exchange asked for, a "not that they" said of something
// else, still ask.
func TestProbe25Narrow(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"fr", "je suis une personne âgée, j'aimerais un échange avec une personne", true},
		{"fr", "j'aimerais un échange de personne à personne", true},
		{"fr", "j'ai eu un conseiller qui m'a promis un rappel, j'attends votre appel", true},
		{"en", "I'm an insurance agent and I'd rather speak to a human being about this", true},

		{"fr", "je suis une vraie personne pas un robot", false},
		{"fr", "j'ai eu une vraie personne hier et c'est réglé", false},
		{"en", "I'm a real person, not a robot, why did my account get flagged?", false},
	} {
		if got := m.AnalyzeFor("customer", tt.lang, tt.text).Escalate; got != tt.want {
			t.Errorf("%s %q: a person asked %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}
