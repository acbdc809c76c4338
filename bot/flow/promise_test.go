package flow_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/flow"
)

// TestBuiltinPromiseNoAbsentPerson: no built-in text speaks of a person
// from the team where nobody may come. Every line that offers or promises
// a person is a hand-off's own text, is reached only through an if_staffed
// case (or a hand-off's on_timeout), or has an unstaffed variant, in en and
// fr. A flow edit that adds such a line without one fails here.
func TestBuiltinPromiseNoAbsentPerson(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	var got []string
	for _, e := range flow.UnstaffedPromises(set) {
		got = append(got, e.Error())
	}
	if len(got) > 0 {
		t.Errorf("%d texts promise a person who may not come:\n%s", len(got), strings.Join(got, "\n"))
	}
}

// TestPromisesPerson: what reads as speaking of a person from the team,
// and what does not (negations, the bot itself, the person writing).
func TestPromisesPerson(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", `At any moment, you can write "human" and I'll find a person from our team.`, true},
		{"en", "I'm here, and a person is always one message away.", true},
		{"en", "Would you like a person from our billing team to help you now?", true},
		{"en", "Let's gather the details together, so the right person can look at it.", true},
		{"en", "The first colleague who is free will be connected with you.", true},
		{"en", "Never mind: the team can reply to you here.", true},
		{"en", "Shall I ask a team lead to get in touch with you?", true},
		{"en", "I will never ask for your password, and neither will anyone from our team.", false},
		{"en", "I'm sorry: nobody from our team can join this conversation right now.", false},
		{"en", "Shall I pass order AB-123456 to our delivery team now?", false},
		{"en", "Thank you. I've noted order AB-123456.", false},
		{"fr", "À tout moment, écrivez « conseiller » et je cherche une personne de notre équipe.", true},
		{"fr", "je suis là, et une personne n'est jamais qu'à un message.", true},
		{"fr", "Rassemblons les détails, pour que la bonne personne puisse s'en occuper.", true},
		{"fr", "Ce n'est pas grave : l'équipe peut vous répondre ici.", true},
		{"fr", "Le premier collègue disponible sera mis en relation avec vous.", true},
		{"fr", "Je ne vous demanderai jamais votre mot de passe, et personne de notre équipe non plus.", false},
		{"fr", "Je suis désolé : personne de notre équipe ne peut rejoindre cette conversation en ce moment.", false},
		{"fr", "Je transmets la commande AB-123456 à notre équipe livraison maintenant ?", false},
		{"de", "Eine Person aus unserem Team hilft Ihnen.", false}, // no patterns for the language
	} {
		if got := flow.PromisesPerson(tt.lang, tt.text); got != tt.want {
			t.Errorf("PromisesPerson(%s, %q) = %v, want %v", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestUnstaffedPromisesFindsThem: the check reports a line that offers a
// person on a way every conversation may take, and an unstaffed variant
// that still does; it leaves alone a hand-off's own text, a step reached
// only through if_staffed or a hand-off's on_timeout, a line with a clean
// unstaffed variant, and button labels.
func TestUnstaffedPromisesFindsThem(t *testing.T) {
	t.Parallel()
	set, err := bottest.LoadWith(t, map[string]string{"promises.yaml": `id: promises
title: {en: Promises, fr: Promesses}
category: complaint_problem
triggers:
  commands: [/promises]
steps:
  - id: start
    say:
      - en: "A person from our team will help you."
        fr: "Une personne de notre équipe va vous aider."
      - en: "A person from our team can help you."
        fr: "Une personne de notre équipe peut vous aider."
        unstaffed: {en: "I can help you.", fr: "Je peux vous aider."}
      - en: "A person is one message away."
        fr: "Une personne n'est qu'à un message."
        unstaffed: {en: "A colleague is near.", fr: "Je suis là."}
    branch:
      - if_staffed: general
        goto: staffed
    next: ask
  - id: staffed
    say:
      - en: "Here's what happens next: a person writes to you here."
        fr: "Voici la suite : une personne vous écrit ici."
    next: ask
  - id: ask
    choose:
      text: {en: "Shall I pass it on?", fr: "Je transmets ?"}
      choices:
        - id: person
          label: {en: "Talk to a person", fr: "Parler à une personne"}
          next: to_team
        - id: done
          label: {en: "No", fr: "Non"}
          next: done
  - id: to_team
    handoff:
      queue: general
      text: {en: "A person will reply to you here.", fr: "Une personne vous répondra ici."}
      on_timeout: later
  - id: later
    say:
      - en: "A person will reply when one is free."
        fr: "Une personne vous répondra dès que possible."
  - id: done
    end:
      text: {en: "Bye.", fr: "Au revoir."}
`})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range flow.UnstaffedPromises(set) {
		if e.Pos.File == "promises.yaml" {
			got = append(got, e.Error())
		}
	}
	want := []string{
		`promises.yaml:9:9: say 1 of step promises.start (en) speaks of a person from the team, but is said even when nobody can come: give it an unstaffed variant, or reach it only through an if_staffed case`,
		`promises.yaml:14:9: the unstaffed variant of say 3 of step promises.start (en) still speaks of a person from the team: it is said when nobody can come`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("reported (-want +got):\n%s", diff)
	}
}

// TestAssentBeforeCommitment: a text that opens with a yes and speaks of
// a commitment reads as a yes to "will you refund me?"; a yes about
// something else, or a commitment said without a yes, does not.
func TestAssentBeforeCommitment(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		lang, text string
		want       string // the commitment found, "" for none
	}{
		{"en", "Of course. I can record a cancellation or a refund request and pass it to the right team.", "refund"},
		{"en", "Sure! We'll sort out your compensation.", "compensation"},
		{"en", "Absolutely, you'll get your money back.", "money back"},
		{"en", "Yes: a voucher is on its way.", "voucher"},
		{"en", "No problem, the delivery fee is waived.", "waived"},
		{"en", "Of course: I won't message you. Whenever you're ready, just write to me again.", ""},
		{"en", "I can record a refund request. I can't promise a refund myself.", ""},
		{"en", "Of course, feel free to write again.", ""}, // an exception, not a commitment
		{"en", "Sorry, of course you want a refund.", ""},  // no yes at the start
		{"fr", "Bien sûr. Je peux enregistrer une demande de remboursement.", "remboursement"},
		{"fr", "Oui, vous serez dédommagé.", "dédommagé"},
		{"fr", "Avec plaisir ! Un geste commercial est prévu.", "geste commercial"},
		{"fr", "Pas de problème, c'est gratuit.", "gratuit"},
		{"fr", "Bien sûr : je ne vous écrirai pas.", ""},
		{"fr", "Je peux enregistrer une demande de remboursement : l'équipe en décide.", ""},
		{"de", "Natürlich erstatten wir alles.", ""}, // no openers for the language
		// Everyday yeses.
		{"en", "OK, your refund is on its way.", "refund"},
		{"en", "Okay! A voucher is coming.", "voucher"},
		{"en", "Alright, we'll compensate you.", "compensate"},
		{"fr", "D'accord, je lance votre remboursement.", "remboursement"},
		{"fr", "Ça marche, c'est gratuit.", "gratuit"},
		{"fr", "Pas de souci, vous serez remboursé.", "remboursé"},
		// A commitment denied is none: the honest way to say it.
		{"en", "Of course. I can't promise anything myself, but I'll pass your request on.", ""},
		{"en", "Of course. I cannot guarantee a refund: the billing team decides.", ""},
		{"en", "Sure. I'm not able to promise a refund here; the team decides.", ""},
		{"fr", "Bien sûr. Je ne peux rien vous promettre moi-même.", ""},
		{"fr", "Bien sûr. Je ne peux pas promettre de remboursement : l'équipe en décide.", ""},
		{"en", "Of course. I can't promise anything, but you'll get a full refund.", "refund"},
	} {
		_, got, ok := flow.AssentBeforeCommitment(tt.lang, tt.text)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("AssentBeforeCommitment(%s, %q) = %q, %v; want %q", tt.lang, tt.text, got, ok, tt.want)
		}
	}
}

// TestBuiltinNoYesToACommitment: no built-in text opens with a yes and
// then speaks of a refund, a compensation or a guarantee. The cancel and
// refund flow opened with "Of course. I can record … a refund request":
// after "will you refund me?", a yes nobody decided.
func TestBuiltinNoYesToACommitment(t *testing.T) {
	t.Parallel()
	var got []string
	for _, e := range flow.AssentPromises(bottest.MustFlows(t)) {
		got = append(got, e.Error())
	}
	if len(got) > 0 {
		t.Errorf("%d texts open with a yes to a commitment:\n%s", len(got), strings.Join(got, "\n"))
	}
}

// TestAssentInHandoffText: what the person is told as their request goes
// to a team answers their message too. « C'est fait : votre demande de
// remboursement est entre les mains de notre équipe » opened the refund's
// hand-off with a yes, unchecked: hand-off texts, their closing texts and
// a check-in answer's hand-off are checked like every other text.
func TestAssentInHandoffText(t *testing.T) {
	t.Parallel()
	text := func(en string) flow.Text { return flow.Text{ByLang: map[string]string{"en": en}} }
	set := &flow.Set{Flows: map[string]*flow.Flow{"refund": {ID: "refund", Steps: []*flow.Step{
		{ID: "to_billing", Kind: flow.KindHandoff, Handoff: &flow.Handoff{Queue: "billing", Text: text("Of course: your refund is with our billing team.")}},
		{ID: "to_peer", Kind: flow.KindHandoff, Handoff: &flow.Handoff{Queue: "peer", Text: text("A colleague will join you."), Closed: text("Sure, and a voucher is yours.")}},
		{ID: "fine", Kind: flow.KindHandoff, Handoff: &flow.Handoff{Queue: "billing", Text: text("I've passed your refund request to our billing team.")}},
	}}}}
	var got []string
	for _, e := range flow.AssentPromises(set) {
		got = append(got, e.Msg)
	}
	if len(got) != 2 || !strings.Contains(got[0], "to_billing") || !strings.Contains(got[1], "to_peer") {
		t.Errorf("AssentPromises found %d:\n%s\nwant the hand-off text of to_billing and the closing text of to_peer", len(got), strings.Join(got, "\n"))
	}
}

// TestFlatPromise: a text that tells the person, flatly, that they will be
// refunded, compensated or sent a replacement promises what no person has
// decided; the same said under a negation or a condition, or a request
// passed on, does not.
func TestFlatPromise(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		lang, text string
		want       string // the promise found, "" for none
	}{
		{"en", "I've passed order AB-123456 on. You will get a full refund within 5 days.", "You will get a full refund"},
		{"en", "Don't worry, you'll be refunded.", "you ll be refunded"},
		{"en", "We'll refund you as soon as the parcel is back.", "We ll refund"},
		{"en", "We will send you a replacement today.", "We will send you a replacement"},
		{"en", "Your refund is on its way.", "Your refund is on its way"},
		{"en", "You'll receive your money back by Friday.", "You ll receive your money back"},
		{"fr", "C'est noté : vous serez intégralement remboursé.", "vous serez intégralement remboursé"},
		{"fr", "Nous allons vous rembourser la commande.", "Nous allons vous rembourser"},
		{"fr", "Vous recevrez un nouvel article demain.", "Vous recevrez un nouvel article"},
		{"fr", "Votre remboursement est en route.", "Votre remboursement est en route"},
		// Honest lines: a request passed on, a negation, a condition.
		{"en", "I've passed your refund request to our billing team. A person will reply to you here.", ""},
		{"en", "I can't promise that you will get a refund: the billing team decides.", ""},
		{"en", "If the billing team approves it, you will be refunded.", ""},
		{"en", "You will get a reply about your refund here.", ""},
		{"fr", "Je ne peux pas vous promettre que vous serez remboursé : l'équipe en décide.", ""},
		{"fr", "Si l'équipe l'accepte, vous serez remboursé.", ""},
		{"fr", "J'ai transmis votre demande de remboursement à notre équipe facturation.", ""},
		{"de", "Sie bekommen Ihr Geld zurück.", ""}, // no phrases for the language
	} {
		got, ok := flow.FlatPromise(tt.lang, tt.text)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("FlatPromise(%s, %q) = %q, %v; want %q", tt.lang, tt.text, got, ok, tt.want)
		}
	}
}

// TestBuiltinNoFlatPromise: no built-in text tells a person they will be
// refunded or compensated.
func TestBuiltinNoFlatPromise(t *testing.T) {
	t.Parallel()
	if es := flow.FlatPromises(bottest.MustFlows(t)); len(es) > 0 {
		t.Errorf("%d built-in texts promise what nobody decided:\n%v", len(es), flow.Errors(es))
	}
}

// TestHonestyOneProblemPerText: a text that opens with a yes and promises
// a refund outright ("Of course, you will get a full refund") is one
// problem, the yes before it, not two at the same place.
func TestHonestyOneProblemPerText(t *testing.T) {
	t.Parallel()
	text := func(en string) flow.Text {
		return flow.Text{Pos: flow.Pos{File: "refund.yaml", Line: 9, Col: 13}, ByLang: map[string]string{"en": en}}
	}
	set := &flow.Set{Flows: map[string]*flow.Flow{"refund": {ID: "refund", Steps: []*flow.Step{
		{ID: "to_billing", Kind: flow.KindHandoff, Handoff: &flow.Handoff{Queue: "billing", Text: text("Of course, you will get a full refund.")}},
	}}}}
	es := flow.Honesty(set)
	if len(es) != 1 || !strings.Contains(es[0].Msg, `opens with "Of course"`) {
		t.Errorf("Honesty found %d:\n%v\nwant the yes only", len(es), es)
	}
}
