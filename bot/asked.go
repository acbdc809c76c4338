package bot

// A question is often written without its question mark (a text message
// typed fast, a screen reader's dictation): "has my parcel been damaged",
// "where's my order", « est ce que mon colis est perdu », « c'est quand que
// je suis remboursé ». Only "?" set a question aside, so such a question was
// heard as something said: "You said it arrived damaged", a damage noted
// that the person had only asked about, and a question about a matter just
// noted started its flow again. Its form says it is a question: a verb
// before its subject ("has my parcel", « est-elle », « a-t-elle »), a
// question word before a verb ("when will", "where's", « où est »), or a
// French opener (« est-ce que », « pourquoi », « c'est quand »). A
// sentence that opens with "when" or « quand » and goes on as a statement
// ("when I opened the box it was damaged") tells.

// asksByForm reports whether the words of one sentence (see words) ask a
// question by their order alone, after words that only greet or link it
// to what came before ("hi, is my order late", « bonjour, est-ce que… »).
func asksByForm(ws []string) bool {
	for len(ws) > 0 && (linkWords[ws[0]] || greetWords[ws[0]]) {
		ws = ws[1:]
	}
	if len(ws) < 2 {
		return false
	}
	w, next := ws[0], ws[1]
	switch {
	case w == "have" || w == "had":
		return pronounAfter[next] // "have you sent it"; "have my order but…", "had my parcel arrive damaged" tell
	case auxBefore[w]:
		return subjectAfter[next] || pronounAfter[next] // "has my parcel…", "is it late", "did you…"
	case askWords[w]:
		return auxBefore[next] || next == "s" || w == "how" && outcomeAfterHow[next] // "when will it", "where's", "how long"
	case w == "est" && next == "ce", w == "pourquoi" && next != "pas", w == "combien", w == "comment":
		return true // « est-ce que… », « pourquoi ma commande… », « combien de temps »
	case w == "quand" || w == "ou":
		return frAskVerbs[next] // « quand arrive mon colis », « où est ma commande »; not « quand je l'ai ouvert »
	case w == "c" && next == "est" && len(ws) > 2:
		return ws[2] == "quand" || ws[2] == "combien" || ws[2] == "pour" && len(ws) > 3 && ws[3] == "quand" // « c'est (pour) quand »
	}
	return frInverted(ws)
}

// frInverted reports a French verb put before its subject pronoun (« ma
// commande est-elle en retard », « a-t-elle été abîmée », « vais-je être
// remboursé »): the hyphens are gone from words, the order is not. « c'est
// elle qui a signé » is no question.
func frInverted(ws []string) bool {
	for i := 1; i < len(ws); i++ {
		w, prev := ws[i], ws[i-1]
		switch {
		case w == "t" && i+1 < len(ws) && thirdPerson[ws[i+1]]:
			return true // « a-t-elle », « sera-t-il »
		case thirdPerson[w] && frAskVerbs[prev] && (i < 2 || ws[i-2] != "c" && ws[i-2] != "qu"):
			return true // « est-elle », « sont-ils »
		case w == "je" && firstPersonVerbs[prev]:
			return true // « vais-je », « puis-je »
		}
	}
	return false
}

var (
	// greetWords open a message before what it says.
	greetWords = wordSet(`hi hello hey hiya bonjour bonsoir salut coucou`)
	// auxBefore are the English verbs that open a question before their
	// subject, negative ones too ("hasn't it…", SMS "isnt it").
	auxBefore = wordSet(`is are was were am has did does do will would can could should shall may might
		isn aren wasn weren hasn haven didn doesn don won wouldn couldn shouldn cant isnt arent hasnt havent didnt doesnt wont`)
	// subjectAfter may follow such a verb as its subject; pronounAfter
	// are those that stand alone, the only ones after "have" and "had",
	// which open a statement as often in a text message ("have my order
	// number but…").
	subjectAfter = wordSet(`my your his her its our their the this that these those there a an`)
	pronounAfter = wordSet(`i you he she it we they anyone anybody someone somebody anything something`)
	// askWords ask a question in English when a verb follows.
	askWords = wordSet(`when where why what which who how`)
	// frAskVerbs follow « quand » or « où » in a question, or come before
	// the subject pronoun in one.
	frAskVerbs = wordSet(`est sont va vont sera seront arrive arrivera arriveront a ont aura auront peut peuvent en
		doit doivent`)
	thirdPerson      = wordSet(`il elle on ils elles`)
	firstPersonVerbs = wordSet(`vais puis dois pourrai pourrais peux suis serai aurai ai`)
)
