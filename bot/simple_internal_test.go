package bot

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/bot/nlu"
)

// simpleFlows is a small set with simple variants, so that the rendering
// tests do not depend on the wording of the built-in flows.
var simpleFlows = fstest.MapFS{
	"common.yaml": {Data: []byte(`languages: [en, fr]
start_flow: welcome
fallback_flow: welcome
human_flow: human
crisis_queue: urgent
cancel_words: {en: [menu], fr: [menu]}
messages:
  trouble: {en: "Trouble.", fr: "Souci."}
  not_text: {en: "Text only.", fr: "Texte seulement."}
  expired: {en: "Expired.", fr: "Expiré."}
  cancelled: {en: "Cancelled.", fr: "Annulé."}
  forgotten: {en: "Forgotten.", fr: "Oublié."}
  pick_one: {en: "Pick one.", fr: "Choisissez."}
  clarify: {en: "Which one?", fr: "Lequel ?"}
  handoff_waiting: {en: "Someone is coming.", fr: "Quelqu'un arrive."}
  handoff_cancel: {en: "Withdrawn.", fr: "Retiré."}
  handoff_closed: {en: "Ended.", fr: "Terminé."}
  satisfaction: {en: "From 1 to 5?", fr: "De 1 à 5 ?"}
  thanks: {en: "Thanks.", fr: "Merci."}
  flood: {en: "Slow down.", fr: "Doucement."}
  crisis: {en: "Call 112.", fr: "Appelez le 112.", no_rephrase: true}
  ack_distress: {en: "That sounds hard.", fr: "C'est dur."}
  ack_anger: {en: "That is frustrating.", fr: "C'est agaçant."}
  ack_anxiety: {en: "One step at a time.", fr: "Une chose à la fois."}
  handoff_taken: {en: "{{agent_name}} is here.", fr: "{{agent_name}} est là."}
  handoff_timeout: {en: "Everyone is busy.", fr: "Tout le monde est occupé."}
  crisis_alert: {en: "A person is alerted.", fr: "Une personne est prévenue."}
  handoff_team_cancelled: {en: "Closed without an answer.", fr: "Close sans réponse."}
  crisis_alert_unstaffed: {en: "Our team is alerted but may not answer now.", fr: "Notre équipe est alertée mais ne répondra peut-être pas."}
  handoff_unavailable: {en: "Nobody can join.", fr: "Personne ne peut venir."}
  contact_phone: {en: "Call {{contact_phone}}.", fr: "Appelez le {{contact_phone}}."}
  contact_email: {en: "Write to {{contact_email}}.", fr: "Écrivez à {{contact_email}}."}
  contact_hours: {en: "Open {{contact_hours}}.", fr: "Ouvert {{contact_hours}}."}
  contact_none: {en: "Try again later.", fr: "Réessayez plus tard."}
`)},
	"welcome.yaml": {Data: []byte(`id: welcome
title: {en: Menu, fr: Menu}
category: greeting
steps:
  - id: start
    say:
      - en: "Hello, I'm carebot."
        fr: "Bonjour, je suis carebot."
      - en: "I can help with orders, and at any moment you can write human to reach a person."
        fr: "Je peux vous aider pour vos commandes, et à tout moment écrire conseiller pour une personne."
        simple: {en: "I can help with an order.", fr: "Je peux vous aider pour une commande."}
    pause: 1s
    next: menu
  - id: menu
    choose:
      text:
        en: "What can I help you with today?"
        fr: "Que puis-je faire pour vous aujourd'hui ?"
        tone: warm
        simple: {en: "What do you need?", fr: "De quoi avez-vous besoin ?"}
      choices:
        - id: order
          label: {en: "An order or a delivery", fr: "Une commande ou une livraison"}
          flow: order
        - id: person
          label: {en: "Talk to a person", fr: "Parler à une personne", simple: {en: "A person", fr: "Une personne"}}
          flow: human
`)},
	"order.yaml": {Data: []byte(`id: order
title: {en: An order, fr: Une commande}
category: order_delivery
steps:
  - id: ask_order
    ask:
      text:
        en: "What is your order number? It looks like AB-123456, and it is in your confirmation e-mail."
        fr: "Quel est votre numéro de commande ? Il ressemble à AB-123456 et figure dans votre e-mail de confirmation."
        simple:
          en: "What is your order number? It looks like AB-123456."
          fr: "Quel est votre numéro de commande ? Il ressemble à AB-123456."
      slot: order
      validate: order_ref
    next: send
  - id: send
    choose:
      text: {en: "Shall I pass order {{order}} to the team?", fr: "Je transmets la commande {{order}} ?", simple: {en: "Send {{order}} to the team?", fr: "J'envoie {{order}} à l'équipe ?"}}
      choices:
        - id: not_now
          label: {en: "Not now", fr: "Pas maintenant"}
          next: later
        - id: yes
          label: {en: "Yes, please", fr: "Oui, s'il vous plaît"}
          next: to_team
  - id: to_team
    handoff:
      queue: delivery
      text:
        en: "Done: I've passed order {{order}} to our delivery team. A person will reply to you here."
        fr: "C'est fait : j'ai transmis la commande {{order}} à notre équipe livraison. Une personne vous répondra ici."
        simple:
          en: "I sent {{order}} to our team. A person will write to you here."
          fr: "J'ai envoyé {{order}} à notre équipe. Une personne vous écrira ici."
  - id: later
    end:
      text: {en: "All right.", fr: "D'accord."}
`)},
	"human.yaml": {Data: []byte(`id: human
title: {en: A person, fr: Une personne}
category: escalate_human
steps:
  - id: start
    handoff:
      queue: general
      text: {en: "I'm asking a person to join.", fr: "Je demande à une personne de venir."}
`)},
}

// shown is a reply as the person sees it, for comparisons.
type shown struct {
	Text     string
	Choices  []string
	Pause    time.Duration
	Verbatim bool
}

func show(rs []Reply) []shown {
	var out []shown
	for _, r := range rs {
		s := shown{Text: r.Text, Pause: r.Pause, Verbatim: r.Verbatim}
		for _, c := range r.Choices {
			s.Choices = append(s.Choices, c.Label)
		}
		out = append(out, s)
	}
	return out
}

// TestSimpleSteps: a person who said they are older, pregnant or disabled,
// or who sounds in distress, gets the simple variants (sent as written),
// slower pacing and a person offered first; anyone else gets the flow as
// it always was.
func TestSimpleSteps(t *testing.T) {
	t.Parallel()
	e := mustTableEngine(t, simpleFlows, NopDesk{})
	tests := []struct {
		name   string
		before Session
		m      Message
		an     nlu.Analysis
		want   []shown
	}{
		{
			name: "welcome_as_always",
			m:    Message{Text: "/start"},
			want: []shown{
				{Text: "Hello, I'm carebot."},
				{Text: "I can help with orders, and at any moment you can write human to reach a person.", Pause: time.Second},
				{Text: "What can I help you with today?", Choices: []string{"An order or a delivery", "Talk to a person"}},
			},
		},
		{
			name: "welcome_senior",
			m:    Message{Text: "/start"},
			an:   nlu.Analysis{Signals: nlu.Signals{Vulnerable: []string{"senior"}}},
			want: []shown{
				{Text: "Hello, I'm carebot."},
				{Text: "I can help with an order.", Pause: 1500 * time.Millisecond, Verbatim: true},
				{Text: "What do you need?", Pause: 1500 * time.Millisecond, Verbatim: true, Choices: []string{"A person", "An order or a delivery"}},
			},
		},
		{
			name:   "welcome_distress_fr",
			before: Session{Lang: "fr", LangChosen: true, Signals: Signals{Distress: true}},
			m:      Message{Text: "/start"},
			want: []shown{
				{Text: "Bonjour, je suis carebot."},
				{Text: "Je peux vous aider pour une commande.", Pause: 1500 * time.Millisecond, Verbatim: true},
				{Text: "De quoi avez-vous besoin ?", Pause: 1500 * time.Millisecond, Verbatim: true, Choices: []string{"Une personne", "Une commande ou une livraison"}},
			},
		},
		{
			name:   "typed_number_follows_the_order_shown",
			before: Session{Lang: "en", Flow: "welcome", Step: "menu", Ask: 1, Signals: Signals{Vulnerable: []string{"pregnant"}}},
			m:      Message{Text: "1"},
			want:   []shown{{Text: "I'm asking a person to join."}},
		},
		{
			name:   "typed_simple_label",
			before: Session{Lang: "en", Flow: "welcome", Step: "menu", Ask: 1, Signals: Signals{Vulnerable: []string{"disabled"}}},
			m:      Message{Text: "a person"},
			want:   []shown{{Text: "I'm asking a person to join."}},
		},
		{
			name:   "typed_number_as_always",
			before: Session{Lang: "en", Flow: "welcome", Step: "menu", Ask: 1},
			m:      Message{Text: "1"},
			want:   []shown{{Text: "What is your order number? It looks like AB-123456, and it is in your confirmation e-mail."}},
		},
		{
			name:   "ask_simple",
			before: Session{Lang: "en", Flow: "welcome", Step: "menu", Ask: 1, Signals: Signals{Vulnerable: []string{"senior"}}},
			m:      Message{Text: "2"},
			want:   []shown{{Text: "What is your order number? It looks like AB-123456.", Verbatim: true}},
		},
		{
			name:   "person_first_even_when_written_last",
			before: Session{Lang: "en", Flow: "order", Step: "ask_order", Ask: 2, Signals: Signals{Distress: true}},
			m:      Message{Text: "AB-123456"},
			want:   []shown{{Text: "Send AB-123456 to the team?", Verbatim: true, Choices: []string{"Yes, please", "Not now"}}},
		},
		{
			name:   "handoff_simple",
			before: Session{Lang: "fr", LangChosen: true, Flow: "order", Step: "send", Ask: 3, Slots: map[string]string{"order": "AB-123456"}, Signals: Signals{Vulnerable: []string{"senior"}}},
			m:      Message{Choice: "3:c:yes"},
			want:   []shown{{Text: "J'ai envoyé AB-123456 à notre équipe. Une personne vous écrira ici.", Verbatim: true}},
		},
		{
			name:   "crisis_is_never_slowed",
			before: Session{Lang: "en", Signals: Signals{Vulnerable: []string{"senior"}}},
			m:      Message{Text: "(crisis)"},
			an:     nlu.Analysis{Signals: nlu.Signals{Crisis: true}},
			want:   []shown{{Text: "Call 112.", Verbatim: true}, {Text: "A person is alerted.", Verbatim: true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, res := e.advanceAs(tt.before, tt.m, tt.an)
			if diff := cmp.Diff(tt.want, show(res.replies)); diff != "" {
				t.Errorf("replies (-want +got):\n%s", diff)
			}
		})
	}
}
