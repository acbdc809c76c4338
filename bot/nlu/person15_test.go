package nlu

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestLearnedPersonHearsOtherWordings: requests for a person in wordings
// the person lexicon has no entry for (written for this test by person15,
// none from a blind set), heard by the learned person signal. Every row
// failed before it: the lexicon alone answered no request.
func TestLearnedPersonHearsOtherWordings(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct{ lang, text string }{
		{"en", "i'd really appreciate it if someone in your team could go through my account with me"},
		{"en", "honestly i just want a member of staff to handle this from here"},
		{"en", "i would prefer to deal with a real member of your team about this"},
		{"en", "can somebody at your end take over this ticket"},
		{"en", "kindly ask a team member to phone me this afternoon"},
		{"en", "could your support team get in touch with me directly"},
		{"en", "can a staff member confirm this for me"},
		{"en", "i want someone at your company to own this problem"},
		{"fr", "mettez quelqu'un sur mon dossier svp, je tourne en rond"},
		{"fr", "vos conseillers peuvent-ils me téléphoner demain matin"},
		{"fr", "est-ce qu'un de vos agents peut s'occuper de mon dossier maintenant"},
		{"fr", "un de vos techniciens pourrait-il me rappeler pour la box"},
		{"fr", "j'aimerais que votre service clients me contacte directement"},
	} {
		t.Run(tt.lang+"_"+tt.text, func(t *testing.T) {
			t.Parallel()
			if a := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text); !a.Escalate {
				t.Errorf("%s %q: no request for a person heard", tt.lang, tt.text)
			}
		})
	}
}

// TestLearnedPersonLookAlikes: messages that speak of people and ask for
// none stay calm with the learned signal beside the lexicon; the
// lexicon's guards, takebacks and retractions still cancel ("are you a real
// person?" scores above the French cut on its own words: only the guard
// keeps it calm); contact questions keep their own flag; danger to life
// is still a crisis when a person is asked for with it.
func TestLearnedPersonLookAlikes(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text                string
		escalate, contact, crisis bool
	}{
		{lang: "en", text: "your staff member at the shop was very helpful"},
		{lang: "en", text: "i spoke with your team yesterday and it's all sorted now, thanks"},
		{lang: "en", text: "one of your staff was rude to my father in the shop"},
		{lang: "en", text: "i'd like to go over my order history"},
		{lang: "en", text: "tell your team they did a great job"},
		{lang: "en", text: "how many staff work at your company"},
		{lang: "en", text: "my manager asked me to sort out the invoice"},
		{lang: "en", text: "are you a real person or a bot?"},
		{lang: "en", text: "call me back? actually email is fine"},
		{lang: "en", text: "what's your phone number", contact: true},
		{lang: "fr", text: "votre vendeuse en magasin était très aimable"},
		{lang: "fr", text: "j'ai parlé à votre équipe hier et tout est réglé, merci"},
		{lang: "fr", text: "un de vos employés a été désagréable avec mon père en magasin"},
		{lang: "fr", text: "comment devenir membre de votre programme de fidélité"},
		{lang: "fr", text: "combien de salariés travaillent chez vous"},
		{lang: "fr", text: "mon manager m'a demandé de régler la facture"},
		{lang: "fr", text: "vous êtes une vraie personne ou un robot ?"},
		{lang: "fr", text: "je parle à personne depuis des jours"},
		{lang: "fr", text: "rappelez-moi ? en fait un mail suffit"},
		{lang: "fr", text: "quel est votre numéro de téléphone", contact: true},
		{lang: "en", text: "i have taken all my pills and i want one of your team to know, goodbye", crisis: true},
		{lang: "fr", text: "j'ai avalé toutes mes pilules, je veux qu'un employé de chez vous le sache, adieu", crisis: true},
	} {
		t.Run(tt.lang+"_"+tt.text, func(t *testing.T) {
			t.Parallel()
			a := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text)
			if tt.crisis {
				// The crisis flow comes first whatever else is heard
				// (bot/advance.go): Escalate does not matter here.
				a.Escalate = tt.escalate
			}
			if a.Escalate != tt.escalate || a.Contact != tt.contact || a.Signals.Crisis != tt.crisis {
				t.Errorf("%s %q: escalate %v contact %v crisis %v, want %v %v %v", tt.lang, tt.text,
					a.Escalate, a.Contact, a.Signals.Crisis, tt.escalate, tt.contact, tt.crisis)
			}
		})
	}
}

// TestLearnedPersonGuardsHold: the learned signal alone would hear these
// look-alikes (their score reaches the cut); the lexicon's guard,
// retraction or contact flag is what keeps them calm.
func TestLearnedPersonGuardsHold(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		contact    bool
	}{
		{"en", "is this a real person or a bot", false},
		{"en", "i want to talk to a human. actually no, forget it, email is fine", false},
		{"en", "is there a number i can ring?", true},
		{"fr", "je veux parler à un conseiller. non laissez tomber, un mail suffit", false},
		{"fr", "pas la peine de me passer quelqu'un", false},
	} {
		s := &scratch{}
		a, _ := m.analyze(s, flow.AudienceCustomer, tt.lang, tt.text)
		z := m.person.read(s, appendFeatures(nil, &s.d), &s.d)
		if z < personCut {
			t.Errorf("%s %q: learned score %.2f below the cut: no longer a test of the guard", tt.lang, tt.text, z)
		}
		if a.Escalate || a.Contact != tt.contact {
			t.Errorf("%s %q: escalate %v contact %v, want false %v", tt.lang, tt.text, a.Escalate, a.Contact, tt.contact)
		}
	}
}
