package nlu

import "testing"

// TestCrisisPastEvent: a past crisis named as an event of a time gone by
// while the person asks for something else ("after my overdose last year
// I switched plans") is history, whether or not they say it is over
// (toldAsEvent), and so is one whose recovery is said as people say it
// ("fully recovered", "still clean", « tout roule », « c'est de l'histoire
// ancienne »). The same past with anything said now (again, still, since
// last year, thinking about it, a plan) stays a crisis. Rows of
// crisis16's own probes (tuning half) and others written beside them.
func TestCrisisPastEvent(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "after my overdose last year i switched to the cheaper plan and now i want to add my partner to the account, how do i do that", false},
		{"en", "My late fees from 2020 were because I was in hospital after an overdose. It's all behind me, I just want them refunded if possible.", false},
		{"en", "I survived a suicide attempt in my twenties and I now volunteer for a helpline. Could you send me an invoice in the charity's name?", false},
		{"en", "after the overdose in march i lost my job but i've found a new one, can i move my payment date to the 28th", false},
		{"en", "The reason my account was frozen in 2022 is that I was in intensive care after an overdose. I'm fully recovered and want it unfrozen please.", false},
		{"en", "when i was in rehab after overdosing in 2016 someone used my card. still clean, still sober. was that charge ever refunded", false},
		{"en", "after being admitted for attempting suicide last spring, i'm doing much better. is my warranty still valid", false},
		{"en", "my brother found me after i overdosed in 2015. we're both fine now. he wants to be added as second user", false},
		{"en", "after my suicide attempt last year i got a new number, now i want to port it to your network", false},
		{"en", "I was hospitalized for suicidal ideation a couple of years ago and the insurer still has it on file, can you correct the claim form", false},
		{"en", "my sister had a suicide attempt back in 2018 and the bills went to her old flat, can you update the address", false},
		{"en", "i tried to end my life in 2013 and the ambulance bill is still on my credit file, who do i call", false},
		{"en", "i tried to kill myself last year and lately i'm thinking about doing it again", true},
		{"en", "after my overdose last year i still want to die", true},
		{"en", "i attempted suicide in 2019 and this time i'll make sure it works", true},
		{"en", "my suicide attempt last year failed, i wish it had worked", true},
		{"en", "after my overdose in 2020 i kept the rest of the pills, tonight's the night", true},
		{"en", "i overdosed last year and over the last few weeks i've wanted to die every day", true},
		{"en", "i tried to kill myself in 2019 and i feel the same now", true},
		{"en", "after my attempt two years ago i thought i was fine but this week i bought a rope", true},
		{"en", "i overdosed last year. i want to kill myself", true},
		{"fr", "quand j'ai fait ma TS il y a deux ans ma mère a repris mon abonnement, ça va mieux maintenant et je voudrais le remettre à mon nom", false},
		{"fr", "je me suis ouvert les veines en 2014, c'est de l'histoire ancienne. je veux juste savoir pourquoi ma carte a été refusée", false},
		{"fr", "quand j'ai fait mon overdose en 2017 j'ai annulé mon abonnement, je me réabonne aujourd'hui, je peux ravoir l'ancien prix ?", false},
		{"fr", "j'ai été suivie pour des idées suicidaires y a deux ans, l'assurance l'a encore dans mon dossier. Vous pouvez corriger ça ?", false},
		{"fr", "suite à ma tentative de suicide l'été dernier, j'ai changé de numéro, je voudrais le porter chez vous", false},
		{"fr", "en 2020 j'étais au fond du trou, j'ai failli me foutre en l'air, j'ai été aidée, tout roule. Par contre mon colis est jamais arrivé", false},
		{"fr", "ado je pensais à me tuer tout le temps, mais ça fait longtemps. J'ai 35 ans maintenant et je veux changer mon mail", false},
		{"fr", "ma TS de 2016 a fait que les pompiers ont cassé la porte, le proprio veut que je paie, vous avez la facture ?", false},
		{"fr", "mon frère a fait une overdose en 2019, il va super bien, on voudrait un forfait famille", false},
		{"fr", "j'ai fait une TS l'an dernier et ces temps-ci j'y repense, vous pouvez suspendre ma facture", true},
		{"fr", "après ma tentative il y a deux ans j'ai toujours envie de mourir", true},
		{"fr", "j'ai fait une overdose en 2019 et depuis l'an dernier je garde mes cachets de côté", true},
		{"fr", "ma TS l'an dernier a raté, cette fois ça marchera", true},
		{"fr", "j'ai fait une TS en 2018 et ça recommence", true},
		{"fr", "après ma tentative il y a deux ans je croyais que ça allait mais cette semaine j'ai acheté une corde", true},
		{"fr", "j'ai fait une TS l'an dernier. je veux me tuer", true},
		// A third round, written after the second (none from the probes).
		{"en", "following my suicide attempt in 2020 the bank froze my direct debits, is there a way to restart them with you", false},
		{"en", "i swallowed a load of pills back in 2018 and ended up in A&E, the ambulance trip was on your insurance, can i get the claim number", false},
		{"en", "my breakdown in 2019, when i tried to end things, is why my contract lapsed. i'm well now and want to rejoin", false},
		{"en", "two years ago i was on suicide watch in hospital and my phone got cut off, is the debt still on my record", false},
		{"en", "i attempted suicide when i was 19, i'm 45 now, my daughter wants to know if we can share data", false},
		{"en", "had an OD in 2017, been clean since, want to transfer my number to a new sim", false},
		{"en", "after my overdose in january my gp told me to simplify my bills, can i combine the broadband and mobile", false},
		{"en", "my dad found me after i'd overdosed in 2014, he's my emergency contact on the account and i'd like to update his number", false},
		{"en", "when i self harmed as a teen my parents put me on their plan, now im 28 and want my own", false},
		{"en", "i was hospitalised after trying to take my life in 2015, and your company was kind about the late payments. i'd like to become a customer again", false},
		{"fr", "suite à ma tentative de suicide en 2020 la banque a bloqué mes prélèvements, on peut les relancer chez vous ?", false},
		{"fr", "j'ai avalé plein de cachets en 2018 et fini aux urgences, le transport était sur votre assurance, vous avez le numéro du dossier ?", false},
		{"fr", "ma dépression en 2019, quand j'ai voulu en finir, c'est pour ça que mon contrat a sauté. je vais bien et je veux revenir", false},
		{"fr", "il y a deux ans j'étais sous surveillance à l'hôpital après une TS et ma ligne a été coupée, la dette est toujours là ?", false},
		{"fr", "j'ai fait une tentative à 19 ans, j'en ai 45, ma fille voudrait partager les données", false},
		{"fr", "j'ai fait une OD en 2017, clean depuis, je veux transférer mon numéro sur une nouvelle sim", false},
		{"fr", "après mon overdose en janvier mon médecin m'a dit de simplifier mes factures, on peut regrouper box et mobile ?", false},
		{"fr", "mon père m'a retrouvée après mon overdose en 2014, c'est mon contact d'urgence sur le compte, je voudrais changer son numéro", false},
		{"fr", "quand je me mutilais ado mes parents m'ont mise sur leur forfait, j'ai 28 ans et je veux le mien", false},
		{"fr", "j'ai été hospitalisé après avoir essayé de mettre fin à mes jours en 2015, vous aviez été compréhensifs pour les retards. je voudrais redevenir client", false},
		{"en", "i swallowed a load of pills ten minutes ago, i'm scared", true},
		{"en", "i swallowed a load of pills back in 2018 and i want to do it again tonight", true},
		{"en", "i tried to kill myself last night, can you cancel my order", true},
		{"fr", "j'ai avalé plein de cachets tout à l'heure, j'ai peur", true},
		{"fr", "après mon overdose en janvier j'ai encore envie de mourir", true},
		// Variants written after the probes.
		{"en", "after my suicide attempt in 2017 my dad paid off my phone, he'd like the paid-in-full letter for his records", false},
		{"en", "i was hospitalised after an overdose back in 2016 and the clinic sent the bill to your billing address by mistake, can you forward it", false},
		{"en", "my late wife's suicide attempt in 2010 is why the account was in my name, she passed away peacefully last year from cancer, please close her line", false},
		{"en", "after my attempt in my teens i spent a month in a psychiatric ward, i'm 38 now and writing a book about it, do you print proof copies", false},
		{"en", "when i overdosed as a student my flatmate called an ambulance on your network, i'd like to thank whoever answered, years later", false},
		{"en", "i had a suicide attempt in 2014 and i'm doing really well since. i'm trying to close an old credit card i opened back then", false},
		{"en", "my mum tried to kill herself in 2008 and is fine now, she's moving in with us, can she join our broadband plan", false},
		{"en", "i was sectioned in 2019 after an overdose and my mail piled up, is there a record of the parcels returned that month", false},
		{"en", "the insurance still lists my suicide attempt from 2015, they want a letter from you confirming the claim dates", false},
		{"en", "after my overdose in 2018 my doctor changed my meds, i'm fine, i just need the pill organiser in a bigger size", false},
		{"en", "years ago i was suicidal and your agent kept me talking till help came. this is a thank-you, and also a question about roaming", false},
		{"en", "self harmed for most of my teens, therapy helped a lot, now i'm 30 and a nurse, can you fix my payslip upload", false},
		{"en", "my son attempted suicide two years ago, he's at university now and doing great, can we split him onto his own contract", false},
		{"en", "i spent time in a psych ward in 2021, got better, and now i need the contract unlocked because my employer pays", false},
		{"en", "back in 2012 i jumped off a bridge and lived, long recovery. do you stock the shoe insoles for people with ankle pins", false},
		{"fr", "après ma TS en 2017 mon père a soldé mon forfait, il voudrait l'attestation de paiement pour ses papiers", false},
		{"fr", "j'ai été hospitalisé après une overdose en 2016 et la clinique a envoyé la facture à votre adresse par erreur, vous pouvez la transférer", false},
		{"fr", "après ma tentative à l'adolescence j'ai passé un mois en psychiatrie, j'ai 38 ans maintenant et j'écris un livre là-dessus, vous imprimez des épreuves ?", false},
		{"fr", "quand j'ai fait une overdose pendant mes études ma coloc a appelé les secours avec votre réseau, je voudrais remercier la personne des années après", false},
		{"fr", "j'ai fait une TS en 2014 et je vais vraiment bien depuis. J'essaie de fermer une vieille carte de crédit ouverte à l'époque", false},
		{"fr", "ma mère a fait une tentative de suicide en 2008, elle va bien, elle s'installe chez nous, elle peut rejoindre notre forfait box ?", false},
		{"fr", "j'ai été hospitalisée d'office en 2019 après une intox et mon courrier s'est accumulé, vous avez la liste des colis retournés ce mois-là ?", false},
		{"fr", "l'assurance mentionne encore ma TS de 2015, ils veulent un courrier de votre part pour confirmer les dates du sinistre", false},
		{"fr", "après mon overdose en 2018 mon médecin a changé mon traitement, ça va, il me faut juste le pilulier en plus grand", false},
		{"fr", "y a des années j'étais suicidaire et votre conseillère m'a parlé jusqu'à l'arrivée des secours. c'est un merci, et une question sur l'itinérance", false},
		{"fr", "je me suis scarifiée toute mon adolescence, la thérapie m'a beaucoup aidée, j'ai 30 ans et je suis infirmière, vous pouvez réparer l'envoi de ma fiche de paie", false},
		{"fr", "mon fils a fait une TS il y a deux ans, il est à la fac et il va super bien, on peut lui faire son propre contrat ?", false},
		{"fr", "j'ai fait un séjour en psychiatrie en 2021, je m'en suis sortie, et il faut débloquer mon téléphone parce que mon employeur paie", false},
		{"fr", "en 2012 j'ai sauté d'un pont et j'ai survécu, longue rééducation. Vous avez les semelles pour les chevilles avec des broches ?", false},
		{"fr", "suite à ma TS l'an dernier j'ai résilié la salle de sport, je voudrais me réinscrire au même tarif", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}

// TestCrisisInARequest: goodbyes, plans, veiled and passive wishes and
// self-harm said inside a request (crisis16's probes, tuning half, and
// variants written beside them), and the look-alikes of their new
// families, which stay calm.
func TestCrisisInARequest(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text string
		crisis     bool
	}{
		{"en", "cancel everything in my name. by the time you read this i'll be at peace. goodbye", true},
		{"en", "by the time anyone reads this it won't matter, just stop the direct debit", true},
		{"en", "Thank you for everything over the years. After tonight nobody will need to chase me about this bill ever again.", true},
		{"en", "pls dont renew anything. im sorting out my last things before i leave for good", true},
		{"en", "hi, i need to transfer my balance to my sister's account. she'll need it after i'm gone. i've made my peace with it", true},
		{"en", "planning to drive into the motorway barrier on the way home, can you make sure the insurance pays my kids", true},
		{"en", "i'm going to drive into a tree on the bypass tonight, cancel the renewal", true},
		{"en", "i keep thinking about how peaceful it would be to just be gone. can you change my delivery day", true},
		{"en", "i keep hoping something just ends me. anyway my parcel is late", true},
		{"en", "i wish something would kill me in my sleep, also where's my refund", true},
		{"en", "I've been scratching my wrists with a razor to feel something. Sorry. My order number is 4471.", true},
		{"en", "we're leaving for good to live in spain, please close the account", false},
		{"en", "the new update made the app crash, something kills me about these redesigns", false},
		{"en", "i bought the perfume to feel something new, it smells off, can i return it", false},
		{"en", "we've set the date for the wedding, can the suits arrive by june", false},
		{"en", "i drive into the city every day, is the parking add-on included", false},
		{"fr", "c'est la dernière fois que je vous écris. j'en ai fini avec tout, pas seulement avec la box", true},
		{"fr", "bon voilà c'est la fin. je vous aime tous. désolé pour l'histoire de la commande, ça a plus d'importance", true},
		{"fr", "je rends l'ordi pour que ma famille ait pas à s'en occuper. j'ai dit à chacun ce que j'avais à dire, c'est un au revoir", true},
		{"fr", "j'ai fixé la date à vendredi. tout est prêt. il me faut juste mes identifiants pour mon frère", true},
		{"fr", "ma famille serait plus heureuse sans moi, ils auraient plus à payer mon téléphone", true},
		{"fr", "si je me réveillais pas demain je serais soulagé. je peux changer ma date de paiement svp", true},
		{"fr", "je m'en fous de mourir maintenant, envoyez juste le remplacement", true},
		{"fr", "j'ai rechuté sur la scarification après 8 mois, vous pouvez renvoyer la commande chez ma mère", true},
		{"fr", "je me tape la tête contre le mur jusqu'à saigner quand la facture arrive", true},
		{"fr", "je me suis brûlée avec un briquet encore, ma question c'est le remboursement", true},
		{"fr", "j'en ai fini avec tout ça, j'ai trouvé un autre opérateur, résiliez svp", false},
		{"fr", "c'est la fin du mois et toujours pas de remboursement", false},
		{"fr", "on a fixé la date du déménagement, tout est prêt, il faut transférer la box", false},
		{"fr", "je vous aime tous, merci pour la livraison si rapide !", false},
		{"fr", "ça me donne envie de me taper la tête contre les murs, cette appli", false},
		{"fr", "je me suis brûlée avec le fer à repasser, la semelle est défectueuse", false},
		// Variants written after the probes.
		{"en", "could you put the account in my brother's name from next week. i won't be here to pay it and i've said my goodbyes", true},
		{"en", "hey just so you know the refund can go to my mum, by the time it arrives i'll be gone", true},
		{"en", "please stop emailing me about the late payment, after this weekend it won't be my problem or anyone's", true},
		{"en", "last message from me. thanks for always being patient. tell the next person who gets my number i'm sorry", true},
		{"en", "i've left everything tidy for my flatmate, the router is in the box. i'm not going to be around to return it myself, goodbye", true},
		{"en", "i'm going to crash the car into the bridge on the way back from work, can you just cancel the breakdown cover", true},
		{"en", "saved up two months of my tablets, i'm taking them saturday when the kids are at their dad's. need to cancel the food order", true},
		{"en", "i've picked the spot on the cliff path and i'm going tomorrow morning, please make sure my last bill is settled", true},
		{"en", "the hose is already taped to the exhaust, just need to know my account is closed first", true},
		{"en", "honestly it'd be a relief to just stop existing. anyway the tracking link is broken", true},
		{"en", "i lie awake wishing i could fade out and not be anyone's problem. can you change the delivery address", true},
		{"en", "my kids would have an easier life if i wasn't in it, so can you take me off the family plan", true},
		{"en", "i wouldn't care if my heart just stopped tonight. also my bill is wrong", true},
		{"en", "every time i cross the road i half hope a lorry doesn't stop. order 5512 never came", true},
		{"en", "i carved into my arm again last night with a kitchen knife, sorry, can you resend the invoice", true},
		{"en", "been burning my hands with cigarettes when it gets bad, anyway can i get a new charger", true},
		{"en", "i punched the wall until my knuckles split again, i need the insurance form for my phone screen", true},
		{"en", "i overdosed in 2020 and these last weeks the thoughts are back, please pause my contract", true},
		{"en", "i tried to hang myself three years ago and i'm scared because i want to do it again. can i get a payment holiday", true},
		{"en", "the pills i kept from my attempt in 2019 are in my drawer and i keep looking at them, what's your number", true},
		{"fr", "vous pouvez mettre le compte au nom de mon frère à partir de la semaine prochaine, je serai plus là pour payer, j'ai dit au revoir à tout le monde", true},
		{"fr", "le remboursement peut aller à ma mère, quand il arrivera je serai déjà partie pour de bon", true},
		{"fr", "arrêtez de m'écrire pour le retard de paiement, après ce week-end ce sera plus mon problème ni celui de personne", true},
		{"fr", "dernier message de ma part. merci d'avoir toujours été patients. dites à celui qui aura mon numéro que je suis désolé", true},
		{"fr", "j'ai tout laissé propre pour ma coloc, la box est dans le carton, je serai pas là pour la rendre moi-même, adieu", true},
		{"fr", "je vais foncer dans le pont avec la voiture en rentrant du boulot, annulez juste l'assistance dépannage", true},
		{"fr", "j'ai gardé deux mois de comprimés, je les prends samedi quand les enfants seront chez leur père. il faut annuler la commande de courses", true},
		{"fr", "j'ai choisi l'endroit sur la falaise et j'y vais demain matin, faites en sorte que ma dernière facture soit réglée", true},
		{"fr", "le tuyau est déjà scotché au pot d'échappement, je veux juste savoir si mon compte est fermé avant", true},
		{"fr", "honnêtement ce serait un soulagement d'arrêter d'exister. sinon le lien de suivi marche pas", true},
		{"fr", "je reste éveillée à souhaiter m'effacer et être plus un problème pour personne. vous pouvez changer l'adresse de livraison", true},
		{"fr", "mes enfants auraient une vie plus facile si j'étais plus dedans, alors retirez-moi du forfait famille", true},
		{"fr", "ça me ferait rien si mon cœur s'arrêtait cette nuit. et ma facture est fausse", true},
		{"fr", "chaque fois que je traverse j'espère à moitié qu'un camion s'arrête pas. la commande 5512 est jamais arrivée", true},
		{"fr", "je me suis encore entaillé le bras hier soir avec un couteau de cuisine, pardon, vous pouvez renvoyer la facture", true},
		{"fr", "je me brûle les mains avec des cigarettes quand ça va pas, bref je peux avoir un nouveau chargeur", true},
		{"fr", "j'ai frappé le mur jusqu'à m'ouvrir les phalanges encore, il me faut le formulaire d'assurance pour mon écran", true},
		{"fr", "j'ai fait une overdose en 2020 et depuis quelques semaines les idées reviennent, vous pouvez suspendre mon contrat", true},
		{"fr", "j'ai essayé de me pendre il y a trois ans et j'ai peur parce que j'ai envie de recommencer. je peux avoir un report de paiement", true},
		{"fr", "les cachets que j'ai gardés de ma TS en 2019 sont dans mon tiroir et je les regarde tout le temps, c'est quoi votre numéro", true},
		{"fr", "avec ce nouveau tarif on va foncer dans un mur", false},
		// A fourth round, written after the third (none from the probes).
		{"en", "please make sure my cat's vet plan transfers to my neighbour, i won't be coming home after tonight", true},
		{"en", "i'm sitting on the bridge railing with my phone, i just wanted to tell someone my parcel doesn't matter now", true},
		{"en", "i wish i could disappear and nobody would have to deal with my mess, anyway is there a fee to cancel", true},
		{"en", "life feels pointless and i don't see myself here next month. can you stop the auto-renewal", true},
		{"en", "i'd welcome it if i got hit by a bus tomorrow honestly. my router is still broken", true},
		{"en", "i cut my arms last night and the bleeding won't stop completely, sorry, wrong place, my order is late", true},
		{"en", "this is my last goodbye to everyone, i just need the account closed before i go", true},
		{"en", "i've got the belt and i know where i'll tie it, please just refund my mum", true},
		{"fr", "vous pouvez transférer l'assurance du chat à ma voisine, je rentrerai plus à la maison après ce soir", true},
		{"fr", "j'ai écrit les lettres et je les ai posées sur la table de la cuisine, il faut juste arrêter le contrat pour que personne soit facturé", true},
		{"fr", "je suis assise sur la rambarde du pont avec mon téléphone, je voulais juste dire à quelqu'un que le colis a plus d'importance", true},
		{"fr", "j'aimerais disparaître et que personne ait à gérer mon bazar, bref y a des frais de résiliation ?", true},
		{"fr", "la vie a plus de sens et je me vois pas là le mois prochain. vous pouvez arrêter le renouvellement auto", true},
		{"fr", "honnêtement si un bus me renversait demain ça m'arrangerait. mon routeur marche toujours pas", true},
		{"fr", "je me suis tailladé les bras hier soir et ça saigne encore un peu, pardon mauvais endroit, ma commande est en retard", true},
		{"fr", "c'est mon dernier au revoir à tout le monde, il faut juste fermer le compte avant que je parte", true},
		{"fr", "j'ai la ceinture et je sais où je vais l'accrocher, remboursez juste ma mère", true},
		{"en", "i'll take them all at once tonight, the three parcels, can the driver wait", false},
		{"en", "i've written the notes for the meeting, can you print them", false},
		{"fr", "je vais prendre tout d'un coup ce soir, la box et le mobile, vous avez une offre ?", false},
		{"fr", "je récupère mon traitement du mois ce soir à la pharmacie", false},
		{"en", "i burned my hand with the kettle this morning, is it covered by the warranty", false},
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}
