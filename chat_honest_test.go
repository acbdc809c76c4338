package main

// Honesty in the terminal: no promise of a person when nobody can come,
// the terminal desk (`carebot chat` and `carebot agent` on one Redis),
// resuming a conversation, and "quit" as the person's cancel word.

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// contactYAML is a config with the ways to reach the team.
const contactYAML = `contact:
  en: {phone: "+44 20 7946 0000", email: care@example.com, hours: "Monday to Friday, 9am to 6pm"}
  fr: {phone: "01 23 45 67 89", email: aide@example.com, hours: "du lundi au vendredi, de 9 h à 18 h"}
`

// TestChatNoDeskNoPromise: with no desk (the default of carebot chat),
// asking for a person and a crisis get no promise of a reply; the person
// gets the contacts the operator configured, and the crisis message keeps
// its emergency number and claims no alert.
func TestChatNoDeskNoPromise(t *testing.T) {
	t.Parallel()
	env := map[string]string{"CAREBOT_CONFIG": writeConfig(t, contactYAML)}
	promises := []string{
		"They will reply to you here",            // the human flow's hand-off text
		"A person from our team will reply",      // the waiting line
		"[a person will take over",               // the terminal's hand-off marker
		"I'm alerting a person from our team",    // the crisis alert
		"Je préviens tout de suite une personne", // the same in French
	}
	for _, tc := range []struct {
		name, lang string
		lines      []string
		want       []string
	}{
		{name: "human_en", lines: []string{"my order is late", "I want to talk to a real person", "hello?"},
			want: []string{"nobody will reply to you here", "call our team on +44 20 7946 0000", "care@example.com", "Monday to Friday, 9am to 6pm"}},
		{name: "human_fr", lang: "fr", lines: []string{"/humain", "merci"},
			want: []string{"personne ne vous répondra ici", "01 23 45 67 89", "aide@example.com", "du lundi au vendredi"}},
		{name: "crisis", lines: []string{"my order is late", "I want to kill myself", "are you still there"},
			want: []string{"Your safety matters", "112", "+44 20 7946 0000"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			args := []string{"chat", "--pace", "0", "--user", tc.name}
			if tc.lang != "" {
				args = append(args, "--lang", tc.lang)
			}
			out, errOut, err := runMain(t, env, strings.Join(tc.lines, "\n")+"\n", args...)
			if err != nil {
				t.Fatal(err)
			}
			hasAll(t, out, "output lacks %q:\n%s", tc.want...)
			hasNone(t, out, "output promises %q with nobody to come:\n%s", promises...)
			if tc.name == "crisis" && !strings.Contains(errOut, "nobody was alerted") {
				t.Errorf("operators are not told that nobody was alerted:\n%s", errOut)
			}
		})
	}
}

// TestChatNoDeskNoPersonPromised: in a whole desk-less chat (the welcome,
// a careful person's order that is "something else", the satisfaction and
// follow-up questions, a message the bot does not understand, goodbye), in
// en and fr, no line the bot says speaks of a person from the team (as
// flow.PromisesPerson reads it): no "write human and I'll find a person",
// no "a person is always one message away", no person offered first.
// Buttons may still say "Talk to a person": pressed, they get the honest
// answer and the contacts.
func TestChatNoDeskNoPersonPromised(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		lang  string
		lines []string
		want  []string
	}{
		{lang: "en", lines: []string{"I'm 82 and my parcel has a problem", "AB-123456", "5", "2", "4", "2", "blorp qwzx", "bye"},
			want: []string{"I can help with an order", "I've noted order AB-123456.", "Is it about one of these?", "come back any time: I'm here."}},
		{lang: "fr", lines: []string{"j'ai 82 ans et mon colis a un souci", "AB-123456", "5", "2", "4", "2", "blorp qwzx", "au revoir"},
			want: []string{"Je peux vous aider pour une commande", "J'ai noté la commande AB-123456.", "l'un de ces sujets ?", "revenez quand vous voulez : je suis là."}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			t.Parallel()
			out := chatOut(t, nil, strings.Join(tc.lines, "\n")+"\n", "--user", "promise-"+tc.lang, "--lang", tc.lang)
			hasAll(t, out, "output lacks %q:\n%s", tc.want...)
			for line := range strings.Lines(out) {
				said, ok := strings.CutPrefix(line, "bot: ")
				if ok && flow.PromisesPerson(tc.lang, said) {
					t.Errorf("with nobody to come, the bot said %q", strings.TrimSpace(said))
				}
			}
		})
	}
}

// TestChatQuitCancelsAStep: "quit" is a cancel word of the flows, so in
// the middle of a question it stops the step and the conversation goes
// on; the terminal itself leaves on /quit.
func TestChatQuitCancelsAStep(t *testing.T) {
	t.Parallel()
	out := chatOut(t, nil, "my order is late\nquit\n2\n/quit\nhuman\n")
	hasAll(t, out, "output lacks %q:\n%s", []string{
		`/quit or Ctrl-D leaves`,           // the greeting says how to leave
		"What is your order number?",       // the step
		"All right, I've stopped that.",    // "quit" stopped it
		"there's a problem with a payment", // and the next line was answered
	}...)
	if strings.Contains(out, "nobody will reply") {
		t.Errorf("a line after /quit was answered:\n%s", out)
	}
}

// TestChatResumesOnRedis: with REDIS_URL, a relaunched carebot chat picks
// the conversation up at the question it stopped at, without the welcome.
func TestChatResumesOnRedis(t *testing.T) {
	t.Parallel()
	env := map[string]string{"REDIS_URL": redistest.Start(t)}
	out := chatOut(t, env, "my order\n")
	if !strings.Contains(out, "What is your order number?") {
		t.Fatalf("first run did not reach the question:\n%s", out)
	}
	out = chatOut(t, env, "AB-123456\n")
	if strings.Contains(out, "Hello, and welcome") {
		t.Errorf("the relaunched chat started over:\n%s", out)
	}
	q := strings.Index(out, "What is your order number?")
	a := strings.Index(out, "What happened with order AB-123456?")
	if q < 0 || a < q {
		t.Errorf("want the pending question again, then the answer taken:\n%s", out)
	}
}

// TestTerminalAgentEndToEnd: carebot chat and carebot agent in two
// terminals on one real Redis. With no agent there, asking for a person
// is answered honestly; once an agent announces itself, the hand-off is a
// ticket the agent sees (redacted, most urgent first), takes, answers,
// notes on and resolves, and the person's side gets the agent's words,
// never the note, then the closing line and the satisfaction question.
func TestTerminalAgentEndToEnd(t *testing.T) {
	t.Parallel()
	env := map[string]string{"REDIS_URL": redistest.Start(t)}
	chat := startTerm(t, env, "chat", "--pace", "0", "--user", "alex")
	chat.waitOut(t, "carebot agent", "Hello, and welcome")

	// Nobody at the desk yet: no promise.
	chat.say(t, "I want to talk to a real person")
	chat.waitOut(t, "nobody will reply to you here")

	agent := startTerm(t, env, "agent", "--name", "Sam")
	agent.waitOut(t, "you are Sam")

	chat.say(t, "I want to talk to a real person")
	chat.waitOut(t, "They will reply to you here", "[a person will take over")
	agent.waitOut(t, "🔔 New ticket 1)", "asked for a person", "Terminal customer")

	chat.say(t, "my parcel is lost, write to alex@example.com")
	agent.say(t, "/take 1")
	chat.waitOut(t, "Sam, from our team, is here with you now.")
	agent.waitOut(t, "You hold this conversation", "💬 Person: my parcel is lost, write to [e-mail hidden]")

	agent.say(t, "note: check the carrier first")
	agent.waitOut(t, "📝 Note by Sam (internal): check the carrier first")
	agent.say(t, "Hello, I'm looking into it")
	chat.waitOut(t, "bot: Sam: Hello, I'm looking into it")

	chat.say(t, "thank you")
	agent.waitOut(t, "💬 Person: thank you")

	agent.say(t, "/resolve")
	agent.waitOut(t, "Resolved")
	chat.waitOut(t, "Our team has finished looking after your request", "from 1 (poor) to 5 (great)")
	chat.say(t, "5")
	chat.waitOut(t, "Thank you for telling us")

	if out := chat.out.String(); strings.Contains(out, "check the carrier") {
		t.Errorf("an internal note reached the person:\n%s", out)
	}
	if out := agent.out.String(); strings.Contains(out, "alex@example.com") {
		t.Errorf("the agent's terminal shows the person's e-mail address:\n%s", out)
	}

	// The agent leaves: the next request is answered honestly again.
	agent.say(t, "/quit")
	if err := agent.waitEnd(t); err != nil {
		t.Fatalf("agent: %v", err)
	}
	before := strings.Count(chat.out.String(), "nobody will reply to you here")
	chat.say(t, "I want to talk to a real person")
	waitFor(t, "the honest answer once the agent left", func() bool {
		return strings.Count(chat.out.String(), "nobody will reply to you here") > before
	}, chat.out.String)

	chat.say(t, "/quit")
	if err := chat.waitEnd(t); err != nil {
		t.Fatalf("chat: %v", err)
	}
}

// TestTerminalAgentInFrench: carebot chat and carebot agent in French.
// The terminal's own lines (the chat's greeting and its hint about the
// agent; the agent's greeting, help, tickets, refusals and outcomes) come
// from texts.yaml in the terminal's language, as the desk's notices do;
// the person's side speaks French throughout. (The ticket's card and
// thread are the desk's record, written once in the desk's language.)
func TestTerminalAgentInFrench(t *testing.T) {
	t.Parallel()
	env := map[string]string{"REDIS_URL": redistest.Start(t)}
	chat := startTerm(t, env, "chat", "--pace", "0", "--user", "ines", "--lang", "fr")
	chat.waitOut(t, "carebot : écrivez votre message", "lancez `carebot agent`", "Bonjour et bienvenue")

	agent := startTerm(t, env, "agent", "--name", "Camille", "--lang", "fr")
	agent.waitOut(t, "carebot agent : vous êtes Camille", "Commandes :", "/take [N]      prendre la demande N")

	agent.say(t, "/take")
	agent.waitOut(t, "Aucune demande n'attend.")
	chat.say(t, "je veux parler à un conseiller")
	chat.waitOut(t, "Elle vous répondra ici.")
	agent.waitOut(t, "🔔 Nouvelle demande 1)")
	agent.say(t, "/frob")
	agent.waitOut(t, "Commande inconnue : /frob.")
	agent.say(t, "/take 7")
	agent.waitOut(t, "Il n'y a pas de demande « 7 »")
	agent.say(t, "/take 1")
	chat.waitOut(t, "Camille, de notre équipe, est avec vous maintenant.")
	agent.waitOut(t, "Vous tenez cette conversation. La personne a appris que Camille est là.")
	agent.say(t, "/take 1")
	agent.waitOut(t, "Vous tenez déjà une conversation : /resolve ou /back d'abord.")
	agent.say(t, "Bonjour, je regarde votre demande")
	chat.waitOut(t, "bot: Camille: Bonjour, je regarde votre demande")
	agent.say(t, "/resolve")
	agent.waitOut(t, "✅ Résolu :")
	chat.waitOut(t, "Notre équipe a terminé de s'occuper de votre demande")
	agent.say(t, "encore là ?")
	agent.waitOut(t, "Vous ne tenez aucune conversation : prenez-en une avec /take d'abord.")
	agent.say(t, "/list")
	agent.waitOut(t, "Aucune demande ouverte.")

	hasNone(t, agent.out.String(), "the French agent terminal says %q in English:\n%s", "you are Camille", "Commands:", "New ticket",
		"Unknown command", "There is no ticket", "You hold", "You already hold", "Resolved: the person", "No open tickets", "No ticket is waiting")
	hasNone(t, chat.out.String(), "the French chat terminal says %q in English:\n%s", "type your message", "to answer hand-offs as the team")
	agent.say(t, "/quit")
	if err := agent.waitEnd(t); err != nil {
		t.Fatalf("agent: %v", err)
	}
	chat.say(t, "/quit")
	if err := chat.waitEnd(t); err != nil {
		t.Fatalf("chat: %v", err)
	}
}
