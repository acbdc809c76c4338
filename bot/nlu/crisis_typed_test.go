package nlu

import "testing"

// TestCrisisAsTyped: danger to life of the kinds crisis13 took on, said
// as people type them in a chat (lowercase, no apostrophes, "wanna",
// "od'd", "sh", "shell" for "she'll"), by families of wording: passive
// wishes (hating being alive, no will left, gutted to wake up, not
// deserving to live), someone else at risk (threatening to off himself,
// locked in with the pills, unresponsive, not breathing, says she'll
// jump), violence (a knife pulled, a shooter, someone getting in, hands
// round the throat, a punch, dragged by the hair), medical emergencies
// (barely breathing, too much insulin, "i think im dying") and self-harm
// (wanting to cut, till they bled, a whole packet, cut too deep, "gonna
// od"). Every crisis row was missed before crisis13 (a later round's, before
// the round before it). Their look-alikes
// stay calm: laughing till one can't breathe, an unresponsive app, a
// pillow fight, a prevention podcast, ending it all with a company, the
// will to live lost on hold, a shooter game, a slice of cake, « le coup
// de feu » of a restaurant, a code one tries to enter. Rows written for
// this test, in no corpus and in no development set.
func TestCrisisAsTyped(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	crisisCases(t, m, []crisisCase{
		// en passive
		{"en", "why am i even still alive", true},
		{"en", "i have no will to live left", true},
		{"en", "gutted i woke up again this morning", true},
		{"en", "if i died in my sleep i honestly wouldnt mind", true},
		{"en", "i dont deserve to be alive", true},
		// en someone else at risk
		{"en", "my brother is threatening to off himself", true},
		{"en", "my mum locked herself in the bathroom with her pills", true},
		{"en", "my grandad is unresponsive on the floor", true},
		{"en", "my baby isnt breathing properly", true},
		{"en", "my flatmate says shell jump off the roof", true},
		// en violence
		{"en", "he pulled a knife on me in the car park", true},
		{"en", "theres an active shooter in our building", true},
		{"en", "someone is trying to get in through the back door", true},
		{"en", "he put his hands round my throat", true},
		{"en", "he's outside my door with a baseball bat", true},
		{"en", "someone is banging on my door with a hammer", true},
		{"en", "the plumber is outside my door with a hammer", false},
		{"en", "the plumber is at my door with a hammer, can i pay cash", false},
		// en medical
		{"en", "i can barely breathe and im dizzy", true},
		{"en", "took too much insulin, shaking and sweaty", true},
		{"en", "i think im dying, my heart wont slow down", true},
		// en self-harm
		{"en", "i really wanna cut tonight", true},
		{"en", "i scratched my arms till they bled again", true},
		{"en", "i swallowed a whole packet of ibuprofen", true},
		{"en", "relapsed on sh, sorry", true},
		{"en", "i think i cut too deep this time", true},
		{"en", "gonna od tonight", true},
		// en look-alikes
		{"en", "i laughed so hard i couldnt breathe", false},
		{"en", "cant breathe from laughing at your ad", false},
		{"en", "the app is unresponsive again, fix it", false},
		{"en", "my brother hit me with a pillow during the movie", false},
		{"en", "a podcast on overdose prevention for my students", false},
		{"en", "ready to end it all with your company, cancel me", false},
		{"en", "i lost the will to live waiting on hold for an hour", false},
		{"en", "sad i woke up late and missed the delivery", false},
		{"en", "i hate existing in this heat", false},
		{"en", "the shooter game my son plays keeps crashing", false},
		{"en", "im gonna jump on a call now", false},
		{"en", "my sister beat me up at tennis lol", false},
		{"en", "my mum cut herself a slice of cake", false},
		{"en", "bleeding money on these fees, can i downgrade", false},
		// fr souhaits passifs
		{"fr", "je voudrais mourir franchement", true},
		{"fr", "j'aimerais être morte", true},
		{"fr", "envie de crever ce soir", true},
		{"fr", "pourquoi je suis toujours en vie", true},
		{"fr", "je mérite pas de vivre", true},
		// fr un autre en danger
		{"fr", "ma coloc s'est enfermée dans la salle de bain avec des lames", true},
		{"fr", "mon collègue m'a écrit qu'il allait se tuer", true},
		// fr violence
		{"fr", "quelqu'un essaie d'entrer par la fenêtre de la cuisine", true},
		{"fr", "mon voisin a sorti une machette", true},
		{"fr", "il y a des coups de feu dans la rue", true},
		{"fr", "il m'a mis un coup de poing", true},
		{"fr", "il m'a traînée par les cheveux", true},
		{"fr", "il a levé la main sur moi", true},
		{"fr", "mon mari va nous tuer", true},
		// fr urgence médicale
		{"fr", "je pisse le sang", true},
		{"fr", "ma gorge se ferme", true},
		{"fr", "j'ai pris trop d'insuline", true},
		// fr automutilation
		{"fr", "je me suis coupée trop profond", true},
		// fr faux amis
		{"fr", "j'essaie d'entrer mon code mais ça marche pas", false},
		{"fr", "j'essaie de forcer la mise à jour", false},
		{"fr", "ma sœur m'a frappée avec un coussin mdr", false},
		{"fr", "ma femme va me tuer quand elle verra la facture", false},
		{"fr", "c'est le coup de feu au resto ce soir", false},
		{"fr", "dans la série, la fusillade est trop longue", false},
		{"fr", "je meurs de rire", false},
		{"fr", "je suis crevée ce soir", false},
		// second round (each crisis row missed by the first): not minding if
		// something happened, waiting to die, being alive exhausting, not going
		// on, death threats sent, grabbed, alcohol poisoning, bad chest pains;
		// « séquestre », « un type me suit », « frappe sa femme », poignardé
		{"en", "honestly i wouldnt mind if something happened to me", true},
		{"en", "im just waiting to die tbh", true},
		{"en", "its so exhausting being alive", true},
		{"en", "i dont want to go on anymore", true},
		{"en", "part of me wants to die", true},
		{"en", "my ex keeps sending me death threats", true},
		{"en", "a man grabbed me outside the station", true},
		{"en", "i think my flatmate has alcohol poisoning", true},
		{"en", "really bad chest pains, cant sit still", true},
		{"en", "a guy grabbed me a coffee on the way in", false},
		{"en", "the singer got death threats after the show", false},
		{"en", "he shot himself in the foot with that email", false},
		{"en", "i dont want to go on the trip anymore", false},
		{"en", "my landlord has me locked in a 12 month contract", false},
		{"en", "my laptop is just waiting to die at this point", false},
		{"fr", "il me séquestre depuis hier", true},
		{"fr", "un type me suit depuis le métro", true},
		{"fr", "le voisin frappe sa femme", true},
		{"fr", "je me suis fait poignarder", true},
		{"fr", "mon père a très mal à la poitrine", true},
		{"fr", "j'attends juste de mourir", true},
		{"fr", "c'est épuisant d'être en vie", true},
		{"fr", "une partie de moi veut mourir", true},
		{"fr", "on lance des objets publicitaires", false},
		{"fr", "un mec m'a attrapée au vol avant que je tombe", false},
		{"fr", "il m'empêche de sortir avant 18h, c'est mon manager", false},
		{"fr", "mon chat devient tout bleu sur la photo", false},
		// third round (each crisis row missed by the second): a wish to be dead
		// told of another, wanting to hurt oneself, cutting again, found hanging,
		// stepping in front of a bus, screaming for help, a load of meds; and
		// look-alikes of the new entries and of older ones (a gun safe, dye)
		{"en", "my mum keeps saying she wishes she was dead", true},
		{"en", "he says he wishes hed never been born", true},
		{"en", "my dad keeps saying nobody would miss him", true},
		{"en", "my little brother is cutting again", true},
		{"en", "i found my sister hanging in the garage", true},
		{"en", "my son is threatening to jump from his window", true},
		{"en", "my flatmate says she is going to step in front of a bus", true},
		{"en", "i can hear my neighbour screaming for help", true},
		{"en", "my son took a load of his adhd meds", true},
		{"en", "gonna od on chocolate this christmas", false},
		{"en", "why am i still alive after that workout lol", false},
		{"en", "the urge to cut my fringe is real", false},
		{"en", "hes got a gun license, how do i add it to the insurance", false},
		{"en", "my husband has a gun safe, does the policy cover it", false},
		{"en", "i feel like im dying, this flu is brutal", false},
		{"en", "screaming for help with this spreadsheet lol", false},
		{"en", "im waiting to die in this queue", false},
		{"en", "shots fired lol", false},
		{"en", "someone is shooting a film outside my house", false},
		{"en", "my mate is seizing the day", false},
		{"en", "part of me wants to die my hair purple", false},
		{"en", "my teen wishes she was dead famous lol", false},
		{"en", "my dad took all his pills back to the pharmacy", false},
		{"en", "i want to not be here on monday, can i take leave", false},
		{"en", "i dont want to exist on social media anymore, delete my account", false},
		{"en", "i hate being alive at 6am", false},
		// fourth round: the complaint's negation before "and" + a new subject
		// no longer cancels the crisis after it (modifiers [boundary]); a
		// denial said of the crisis itself still does
		{"en", "my parcel still hasnt arrived and my husband hit me again", true},
		{"en", "the app doesnt work and my boyfriend is hitting me", true},
		{"fr", "le remboursement est pas arrivé et je veux mourir", true},
		{"fr", "bonjour, mon colis est toujours pas là et mon mec m'a encore frappée hier", true},
		{"en", "im not suicidal and i dont want to die, i just need my refund", false},
		{"fr", "je suis pas suicidaire et je veux pas mourir, je veux juste mon remboursement", false},
		// fourth round, French twins: nobody would miss him, cutting again, found
		// hanged, calling for help, threatening to throw himself, shots, forced sex
		{"fr", "mon pote dit que personne le regretterait", true},
		{"fr", "mon petit frère se coupe encore", true},
		{"fr", "j'ai trouvé ma sœur pendue dans le garage", true},
		{"fr", "j'entends ma voisine crier au secours", true},
		{"fr", "au secours je crois que je meurs", true},
		{"fr", "mon mari menace de se jeter du pont", true},
		{"fr", "mon voisin tabasse sa femme, j'entends tout", true},
		{"fr", "quelqu'un a tiré sur mon voisin", true},
		{"fr", "il me force à coucher avec lui", true},
		{"en", "he forces me to have sex with him", true},
		// a story's frame keeps the new French violence entries calm
		{"fr", "dans le film le héros se fait poignarder", false},
		// a character who cuts herself, a whole box packed for a trip
		{"en", "in the series, the heroine cuts herself and nobody notices", false},
		{"en", "my sister cuts herself when shes upset", true},
		{"fr", "j'ai mis la boîte entière de cachets dans la valise pour les vacances", false},
	})
}
