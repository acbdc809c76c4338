// Package nlu reads what people write: it routes free text to the care flow
// that serves it, learning only from the flows' own triggers (commands,
// keywords and example phrases that support leads write), and it notices
// care signals (distress, anger, anxiety, vulnerability, crisis) and the
// language of a message. It needs no network and no model download.
package nlu

// Analysis is what one message says, as far as carebot can tell.
type Analysis struct {
	// Lang is the language the text is written in, among the set's
	// languages, or "" when the text is too short or mixed to tell.
	Lang string
	// Flow is the best flow for the text, "" when the text is out of scope
	// (the kind fallback should answer).
	Flow     string
	Category string // Flow's category; flow.CategoryOutOfScope when Flow is ""
	// Confidence is a calibrated score in [0, 1] for Flow.
	Confidence float64
	// Alternative is a second flow whose score is close to Flow's: the
	// engine asks a short clarifying question with both instead of guessing.
	// "" when Flow is clearly ahead.
	Alternative string
	// TwoNeeds is set when Alternative is a second need the message joins
	// to Flow's ("I can't sign in and my parcel hasn't come"), not a close
	// call between two readings of one: both are the person's, and the
	// one not served first comes after (routeTwoNeeds).
	TwoNeeds bool
	// Escalate is true when the person asks for a human, whatever else the
	// text says and whatever the router chose: the person detector of
	// lexicon/person.LANG.txt, read in every language. It must almost never
	// be missed. An employee whose words route to peer support is not
	// escalated: a colleague is a person too.
	Escalate bool
	// Contact is true when the text asks how to reach the team: its
	// number, whom to call or write to ("what's your number", "who do I
	// call about this", « quel est votre numéro ») — the [contact]
	// section of lexicon/person.LANG.txt. It may ask for a person or only
	// for the number, so the engine serves both: it gives the team's
	// contacts and goes on as the rest of the text says (a request for a
	// person said with it is Escalate too).
	Contact bool
	// CustomerQuestion is true when a colleague (the employee audience)
	// asks a customer's question: one the customers' flows would surely
	// take for an order, a payment, an account or a refund ("where is my
	// order", « je veux annuler ma commande »), with no feeling said and
	// no customer spoken of (customerQuestion). The engine tells them
	// kindly that this bot is for colleagues, and where such questions go.
	CustomerQuestion bool
	// AboutBot is true when the text asks whether the person talks to a
	// bot ("are you a bot?", « je parle à un robot ? »): the engine says
	// so plainly (about_bot), then goes on as the rest of the message
	// says. Not a request for a person by itself.
	AboutBot bool
	// Lost is true when the person says they do not follow what carebot
	// said: "I don't understand", "what do you mean?", "I'm confused",
	// « je comprends pas », « c'est-à-dire ? » — the [lost] section of
	// lexicon/person.LANG.txt. Not a problem to route ("I don't
	// understand this charge" is the payment flow's, and is not Lost):
	// the engine says its question again, in simpler words.
	Lost bool
	// Menu is true when the message asks for the menu or to start again,
	// and says nothing else ("take me back to the main menu", « on
	// reprend depuis le début »; routeMenu): the engine stops what was
	// going on and shows the menu, as "menu" does, with no greeting.
	Menu bool
	// CrisisLeaning is true when the message is no crisis but the
	// learned crisis signal leans to one: its score reached
	// crisisCutLeaning, below its cut, and nothing in the message tells a
	// time gone by or a danger over ([then], [event], [over]). Alone it
	// is not enough; the engine takes it as a crisis when an earlier
	// message of the same conversation was distress ("i'm not ok" …
	// "just want to sleep and not come back to any of this"), as two
	// weak signals that agree.
	CrisisLeaning bool
	Signals       Signals
}

// Signals are the care signals of one message.
type Signals struct {
	Distress bool // strong negative emotion: sadness, fear, despair, disgust
	Anger    bool
	Anxiety  bool // worry, fear of what will happen
	// Lonely: distress said as loneliness ("nobody to talk to", « je
	// suis toute seule »). Distress holds too; the acknowledgment names
	// loneliness rather than stress.
	Lonely bool
	// Grief: distress that is a loss told, a death or a lost pregnancy
	// ("my late wife's account", "we lost the baby", « feu mon père »).
	// Distress holds too; the acknowledgment names the loss.
	Grief bool
	// Crisis: suicide and self-harm, violence happening to the person, a
	// medical emergency, immediate danger (fire, gas, a break-in). It
	// pre-empts every flow.
	Crisis bool
	// Vulnerable lists what the person said of themselves: "senior",
	// "pregnant", "disabled".
	Vulnerable []string
}

// felt reports whether s says how the person feels: distress (loneliness
// and grief are distress named), anger or fear.
func (s Signals) felt() bool { return s.Distress || s.Anger || s.Anxiety }
