package nlu

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestPersonWantedByRoleOrShouted: requests for a person said as whoever
// is in charge, as a department (« passez-moi les RH », "I need HR,
// now"), as the one who decides, or in one shouted word ("STAFF. NOW."),
// in English and French (written for care16). Look-alikes tell a story
// about such a person ("HR told me to contact you", "the person in charge
// of my account changed my address") and stay calm. 9 of the 16 requests
// were missed before, and one look-alike escalated.
func TestPersonWantedByRoleOrShouted(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "whoever's in charge, please", true},
		{"en", "get me whoever is in charge", true},
		{"en", "I want whoever runs this place", true},
		{"en", "put me through to whoever's in charge", true},
		{"en", "connect me to whomever is responsible", true},
		{"en", "I need HR, now", true},
		{"en", "HR please", true},
		{"en", "let me talk to human resources", true},
		{"en", "STAFF. NOW.", true},
		{"en", "no. NO. a human.", true},
		{"fr", "passez-moi les RH", true},
		{"fr", "je veux parler aux RH", true},
		{"fr", "la direction svp", true},
		{"fr", "passez-moi celui qui décide", true},
		{"fr", "je veux parler à celle qui s'occupe des remboursements", true},
		{"fr", "mettez-moi en contact avec la comptabilité", true},

		{"en", "HR told me to contact you", false},
		{"en", "the man in charge of deliveries left it at the door", false},
		{"en", "the person in charge of my account changed my address", false},
		{"en", "whoever packed this box did a great job", false},
		{"en", "management said I'd get a refund by friday", false},
		{"fr", "les RH m'ont dit de vous contacter", false},
		{"fr", "la direction m'a envoyée vers vous", false},
		{"fr", "celui qui a livré a cassé le colis", false},
		{"fr", "la comptabilité m'a envoyé une facture fausse", false},
	} {
		t.Run(tt.lang+"_"+tt.text, func(t *testing.T) {
			t.Parallel()
			if a := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text); a.Escalate != tt.want {
				t.Errorf("%s %q: escalate %v, want %v", tt.lang, tt.text, a.Escalate, tt.want)
			}
		})
	}
}

// TestBotQuestionIsNoRequest: whether a bot answers, asked in the ways
// people ask it (« je parle à un robot ? », « je suis en train de parler à
// un robot là », "is this a real person?", "who am I talking to?"), is the
// bot question (AboutBot) and no request for a person: before, the person
// lexicon heard "talk to … real person" inside it, or the learned person
// signal heard its words, and the person was handed off. A request said
// with it, or against the bot (« je veux parler à un humain, pas à un
// robot »), still asks; a robot sold is neither. 14 of the 15 questions
// failed before.
func TestBotQuestionIsNoRequest(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text      string
		about, escalate bool
	}{
		{"fr", "je parle à un robot ?", true, false},
		{"fr", "est-ce que je parle à une vraie personne ?", true, false},
		{"fr", "je parle à qui là, un robot ?", true, false},
		{"fr", "je suis en train de parler à un robot là", true, false},
		{"fr", "c'est une IA qui me répond ?", true, false},
		{"fr", "c'est un robot qui m'écrit ?", true, false},
		{"fr", "y a un robot derrière ?", true, false},
		{"fr", "vous êtes un vrai humain ?", true, false},
		{"fr", "t'es un bot ou quoi", true, false},
		{"en", "is this a real person?", true, false},
		{"en", "am I talking to a real person?", true, false},
		{"en", "you're a robot aren't you", true, false},
		{"en", "who am I talking to?", true, false},
		{"en", "is this a bot answering?", true, false},
		{"en", "ur a bot lol", true, false},

		{"fr", "je veux parler à un humain, pas à un robot", false, true},
		{"fr", "je parle à un robot ? passez-moi un conseiller", true, true},
		{"en", "I want a human, not a bot", false, true},
		{"en", "are you a bot or a real person? get me a real person", true, true},
		{"fr", "c'est un robot aspirateur qui ne marche plus", false, false},
		{"en", "the robot vacuum I bought is broken", false, false},
	} {
		t.Run(tt.lang+"_"+tt.text, func(t *testing.T) {
			t.Parallel()
			a := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text)
			if a.AboutBot != tt.about || a.Escalate != tt.escalate {
				t.Errorf("%s %q: about_bot %v escalate %v, want %v %v", tt.lang, tt.text, a.AboutBot, a.Escalate, tt.about, tt.escalate)
			}
		})
	}
}
