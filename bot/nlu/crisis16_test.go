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
	}
	for _, tt := range tests {
		a, p := m.analyzeParts("", tt.lang, tt.text)
		if a.Signals.Crisis != tt.crisis {
			t.Errorf("%s %q: crisis %v (lexicon %v, learned log-odds %.2f), want %v", tt.lang, tt.text, a.Signals.Crisis, p.lexicon, p.logit, tt.crisis)
		}
	}
}
