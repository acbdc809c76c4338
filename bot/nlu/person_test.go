package nlu

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestPersonIndirect: a person is asked for in words nobody wrote an
// entry for before: "someone" asked to act rather than the bot, someone
// who can decide or understands, whether anyone is there or reading, a
// call, a callback, the phone, chat spellings; in English and French
// (accents or not, vouvoiement and tutoiement, Québec). Every request
// here was missed before person9's entries.
func TestPersonIndirect(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct{ lang, text string }{
		// Someone, asked to act: not the bot.
		{"en", "can somebody check my account properly"},
		{"en", "could anyone please take a look at my claim"},
		{"en", "could someone please call my dad instead, he can't type"},
		{"en", "can somebody phone her back this evening"},
		// Someone who can settle it, who understands.
		{"en", "I need somebody who can actually authorise a refund"},
		{"en", "I want to explain this to someone who understands"},
		{"en", "whoever handles refunds, I want them"},
		{"en", "who's in charge here?"},
		// Is anyone there, reading, around.
		{"en", "is anyone even reading this?"},
		{"en", "is there anyone who can sort this out"},
		{"en", "is there anyone at your company I can write to"},
		{"en", "any humans around?"},
		// A call, the phone.
		{"en", "give me a ring when you can"},
		{"en", "I'd rather talk about it over the phone"},
		{"en", "i'd rather deal with a real person if that's ok"},
		{"en", "id rather talk to a human tbh"},
		{"en", "I'd prefer to speak with an actual person please"},
		{"en", "can i phone you instead"},
		{"en", "your bot keeps going round in circles, i need a proper conversation with someone"},
		{"en", "surely there's someone in your office who can sort this"},
		{"en", "i'd like to raise this with a team member"},
		{"en", "can you escalate me to your complaints team"},
		{"en", "who do i need to ring to get this sorted"},
		{"en", "I would be grateful if a member of your team could get in touch"},
		{"en", "Could I be connected with your customer care team please"},
		{"fr", "je peux vous appeler ?"},
		{"fr", "est-ce qu'un humain peut reprendre la conversation"},
		{"fr", "je veux porter réclamation auprès d'un responsable"},
		{"fr", "qui dois-je appeler pour régler ça"},
		{"fr", "est-ce que je peux vous téléphoner"},
		// Polite, in touch, put on.
		{"en", "could you kindly put me in touch with one of your advisors"},
		{"en", "I want an answer from an actual human"},
		{"en", "can you put a manager on this"},
		// Chat spellings and repeats.
		{"en", "hooman pls hurry"},
		{"en", "need 2 speak 2 sum1"},
		{"en", "agent agent agent"},
		// Is anyone there, does a person read, a case seen by one, a call.
		{"en", "is there anyone there?"},
		{"en", "does a human ever read these"},
		{"en", "I'd like my claim reviewed by an actual person"},
		{"en", "please call, I'm free all day"},
		{"en", "can we have a call tomorrow"},
		{"en", "is anyone real working there"},
		{"en", "I need someone to actually read my complaint"},
		{"en", "I want this looked at by someone senior"},
		// A word with, involved, looped in, reach out; short chat forms.
		{"en", "Could I have a word with someone?"},
		{"en", "please involve a manager"},
		{"en", "please loop in a human"},
		{"en", "have someone reach out to me please"},
		{"en", "humans only please"},
		{"en", "no bots please"},
		{"en", "talk to real ppl"},
		// Someone needs to look, is possible for someone to call him.
		{"en", "honestly I think a human needs to look at it"},
		{"en", "is it possible for someone to phone him and explain?"},
		{"en", "yo can i get a real one"},
		{"en", "I really need to explain this to someone who'll listen"},
		{"en", "is there no one I can talk to?"},
		{"en", "there must be someone there who can help me"},
		{"en", "is a human able to check this?"},
		{"en", "Would it be possible to arrange a call with a member of staff?"},
		{"en", "is there someone who works there I could ask"},
		{"en", "I'd feel better if a person looked at this"},
		{"en", "honestly a human would sort this in 2 minutes"},
		{"en", "are any of your staff online?"},
		{"en", "let me explain it to a colleague of yours"},
		{"en", "I'd like to talk this through with someone"},
		{"en", "can I be put in contact with your complaints department"},
		{"en", "ring me on this number please 07700 900 456"},
		{"en", "I need a phone call, not more messages"},
		{"en", "where can I find a human around here"},
		{"en", "can you get someone?"},
		{"en", "human contact please"},
		{"en", "please pass me to the next available agent"},
		{"en", "I'll wait for an agent"},
		{"en", "I need to speak to the owner"},
		{"en", "somebody help!! a real somebody"},

		{"fr", "est-ce que quelqu'un peut regarder mon dossier"},
		{"fr", "quelqu'un pourrait la rappeler ? elle ne sait pas écrire"},
		{"fr", "un membre de l'équipe peut regarder ?"},
		{"fr", "avec quelqu'un qui comprend ce serait mieux"},
		{"fr", "il faudrait qu'un conseiller regarde"},
		{"fr", "y a quelqu'un ?"},
		{"fr", "y'a-tu quelqu'un?"},
		{"fr", "il y a quelqu'un qui lit ce que j'écris ?"},
		{"fr", "vous pouvez me rappeler demain ?"},
		{"fr", "pourriez-vous me rappeler au 06 12 34 56 78"},
		{"fr", "je voudrais etre contactee cet apres midi"},
		{"fr", "je peux avoir un appel d'un conseiller ?"},
		{"fr", "transmettez mon dossier à votre équipe"},
		{"fr", "je voudrais parler à un préposé aux clients"},
		{"fr", "un vrai gens svp"},
		{"fr", "y a-t-il quelqu'un ?"},
		{"fr", "on pourrait se parler au téléphone ?"},
		{"fr", "je veux que ma réclamation soit traitée par un conseiller"},
		{"fr", "il y a des gens qui travaillent chez vous ?"},
		{"fr", "merci de transmettre mon dossier à un responsable"},
		{"fr", "vous pouvez escalader svp"},
		{"fr", "qq1 peut mapeler ce soir"},
		{"fr", "j'ai besoin que quelqu'un lise vraiment ma réclamation"},
		{"fr", "je veux que ce soit revu par quelqu'un de plus haut placé"},
		{"fr", "j'aimerais être mise en relation"},
		{"fr", "Je souhaite un contact téléphonique"},
		{"fr", "j'veux parler à du monde"},
		{"fr", "est-ce qu'un responsable pourrait jeter un œil ?"},
		{"fr", "humain svp jsuis perdu"},
		{"fr", "wesh je peux avoir un vrai"},
		{"fr", "jveux jaser avec un agent"},
		{"fr", "Pourriez-vous, je vous prie, me faire contacter par un responsable ?"},
		{"fr", "J'apprécierais qu'une personne de votre service me réponde directement."},
		{"fr", "vous pouvez me joindre au 06 11 22 33 44"},
		{"fr", "je veux expliquer ça à quelqu'un qui m'écoute"},
		{"fr", "seul quelqu'un chez vous peut régler ça"},
		{"fr", "je serais plus rassurée si une personne regardait ça"},
		{"fr", "franchement un humain réglerait ça en 2 minutes"},
		{"fr", "laissez-moi expliquer ça à un de vos collègues"},
		{"fr", "j'ai besoin d'un appel, pas de messages en plus"},
		{"fr", "je veux une réponse humaine"},
		{"fr", "intervention humaine svp"},
		{"fr", "j'attends un conseiller"},
		{"fr", "je veux parler au patron"},
		{"fr", "je veux aller plus loin avec un responsable"},
		{"fr", "au secours un vrai qqn"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			if a := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text); !a.Escalate {
				t.Errorf("Escalate false (flow %q), want a person", a.Flow)
			}
		})
	}
}

// TestPersonNotAsked: people mentioned, not asked for: stories of someone
// else's request, a person who already helped, a person not wanted, a
// curious question, "me rappeler" that reminds. The first rows were
// escalated before person9's guards; the others are look-alikes of the
// new entries that must stay quiet.
func TestPersonNotAsked(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct{ lang, text string }{
		// Escalated before.
		{"en", "the customer asked to speak to a manager, I gave her the number"},
		{"en", "someone from your team already called me, thanks"},
		{"en", "I'd rather not talk to a human, text is fine"},
		{"en", "I don't want anyone to call me"},
		{"en", "the driver said someone would call me but nobody did"},
		{"fr", "t'es un vrai humain ? mdr"},
		{"fr", "vous êtes une vraie personne ?"},
		{"fr", "un client a demandé un conseiller, c'est réglé"},
		{"fr", "je veux pas parler à un humain, ici c'est bien"},
		{"en", "someone will contact me tomorrow, they said"},
		{"en", "can i email you the receipt"},
		{"en", "with a team member present the parcel was opened"},
		{"en", "i had a long conversation with my husband about this"},
		{"en", "can i text you a photo of the damage"},
		{"fr", "je peux vous envoyer la facture ?"},
		{"fr", "la personne peut reprendre son colis au relais"},
		{"fr", "j'ai fait une réclamation auprès d'un conseiller hier, c'est réglé"},
		{"fr", "vous pouvez appeler le 3949 pour ça"},
		{"fr", "pas la peine que quelqu'un me rappelle, c'est réglé"},
		{"fr", "je ne suis pas un robot, pourquoi le site me le demande sans arrêt ?"},
		{"fr", "j'ai eu un conseiller au téléphone hier, il était sympa"},
		{"en", "someone from your team is supposed to call me tomorrow, what time?"},
		{"en", "no need to have anyone call me"},
		{"en", "please don't escalate this, it's fine"},
		{"fr", "quelqu'un de votre équipe doit m'appeler demain, à quelle heure ?"},
		// Look-alikes of the new entries.
		{"en", "the agent already sorted it out"},
		{"en", "please don't call me, I can't talk at work"},
		{"en", "can someone help me unblock my card"},
		{"en", "can someone else collect my parcel"},
		{"en", "hello, anyone there"}, // a greeting in the routing data
		{"en", "I don't want a call, just email me"},
		{"en", "hello, anybody around"}, // a greeting in the welcome flow's examples
		{"en", "I talked to somebody on the phone yesterday, they were nice"},
		{"fr", "la personne au bout du fil était désagréable"},
		{"fr", "quelqu'un chez vous m'a déjà répondu, merci"},
		{"en", "is there anyone who can receive the parcel at my address? my neighbour maybe"},
		{"fr", "quelqu'un peut m'expliquer ces frais ? la FAQ ne dit rien"},
		{"fr", "demandez au livreur de le laisser à quelqu'un à l'accueil svp"},
		{"en", "my grandpa is 91 and needs a phone with big buttons"},
		{"en", "I'll chat with my boss tomorrow about taking time off"},
		{"en", "the owner of the card is my wife"},
		{"fr", "mon patron veut une copie de la facture"},
		{"en", "please tell the driver to call me when he arrives"},
		{"en", "I had to explain it to the agent three times"},
		{"en", "I was in touch with your billing team last week"},
		{"fr", "mdr donc y a personne qui bosse la nuit ?"},
		{"en", "I had a call with an agent yesterday, all sorted"},
		{"fr", "est-ce que je peux l'appeler moi-même, le transporteur ?"},
		{"en", "is there anyone else with this issue?"},
		{"en", "my refund was handled by an agent last week"},
		{"en", "is there anyone available to help pay an internet bill"}, // billing in the routing data
		{"fr", "le conseiller a déjà fait le nécessaire"},
		{"fr", "le client voulait un responsable, j'ai géré"},
		{"fr", "quelqu'un de votre service m'a déjà rappelé, merci"},
		{"fr", "ne m'appelez pas, je suis au travail"},
		{"fr", "pas besoin de quelqu'un, c'est bon"},
		{"fr", "vous pouvez me rappeler mon numéro de commande ?"},
		{"fr", "je peux l'appeler, le livreur ?"},
		{"fr", "y a quelqu'un d'autre qui a eu ce souci ?"},
		{"fr", "ma réclamation a été traitée par un conseiller hier"},
		{"fr", "je ne veux pas de rappel, juste un mail"},
		{"fr", "c'est qui le responsable du magasin de lyon, je veux le remercier"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			if a := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text); a.Escalate {
				t.Errorf("Escalate true (flow %q), want none", a.Flow)
			}
		})
	}
	// The guards against not wanting a person, or against someone else,
	// leave a refusal of the bot alone, and the takebacks of curiosity a
	// polite "just wondering": they ask for one.
	// Colleagues on Slack: a person too, from the detector or from peer
	// support, which offers a colleague; and a customer's request told
	// by an employee is no request of theirs.
	for text, want := range map[string]bool{
		"can I grab a team lead for a minute":                         true,
		"is a manager around? I need to step away":                    true,
		"is anyone from HR available to chat":                         true,
		"quelqu'un des RH est dispo pour discuter ?":                  true,
		"the customer keeps asking for a human, what do I say?":       false,
		"le client n'arrête pas de demander un humain, je dis quoi ?": false,
	} {
		a := m.AnalyzeFor(flow.AudienceEmployee, "", text)
		if want && !a.Escalate && a.Category != flow.CategoryEmployeeSupport {
			t.Errorf("employee %q: Escalate %v, category %q: want a person", text, a.Escalate, a.Category)
		}
		if !want && a.Escalate {
			t.Errorf("employee %q: Escalate true, want none", text)
		}
	}
	for _, text := range []string{"je veux pas parler à un robot", "passez-moi quelqu'un d'autre",
		"I was just wondering if I could speak to someone", "je me demandais juste si je pouvais parler à un conseiller"} {
		if a := m.AnalyzeFor(flow.AudienceCustomer, "", text); !a.Escalate {
			t.Errorf("%q: Escalate false, want a person", text)
		}
	}
}

// TestPersonTakeback: a person entry of negative weight takes back the
// person entries of its own clause, so a question asked out of curiosity
// asks for nobody; a request in another clause still asks, and only
// person files may hold one.
func TestPersonTakeback(t *testing.T) {
	t.Parallel()
	lx, err := loadLexicons(mapFS(map[string]string{
		"person.en.txt": "1 is there a human\n1 talk to a human\n-1 is there .. just curious\n-1 just curious .. is there\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	l := lx.byLang["en"]
	for text, want := range map[string]bool{
		"is there a human?":                              true,
		"is there a human just curious":                  false,
		"just curious is there a human":                  false,
		"is there a human? just curious":                 true, // its own clause only
		"is there a human just curious? talk to a human": true,
		"talk to a human. is there a fee just curious":   true,
		"is there a fee just curious, is there a human":  true,
	} {
		var d doc
		normalize(&d, text)
		var f lexMatches
		cand := make([]uint32, len(d.toks))
		l.starts.candidates(&d, cand)
		var s signalScratch
		s.guards = l.find(&d, cand, &f, nil, true)
		var sc scores
		l.score(&d, &f, &s, &sc, l)
		if got := asksPerson(&sc); got != want {
			t.Errorf("%q: asks for a person %v, want %v", text, got, want)
		}
	}

	_, err = loadLexicons(mapFS(map[string]string{"distress.en.txt": "-1 fine\n"}))
	if err == nil || !strings.Contains(err.Error(), "distress.en.txt:1: a negative weight is only for person entries") {
		t.Errorf("a negative distress weight: error %v", err)
	}
}

// TestPersonCuriosityStillAsks: "just curious" takes a question about a
// person back only inside its own clause ("is there a human behind this
// just curious"). Said beside a request, or after a question of its own,
// the person is still offered: a person is one sentence away however it
// is phrased, and a curious question answered with a person costs less
// than a request left unheard.
func TestPersonCuriosityStillAsks(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "just curious, can I talk to a human", true},
		{"en", "out of curiosity, could I speak with an agent", true},
		{"fr", "je suis curieux, je peux parler à un conseiller ?", true},
		{"fr", "juste curieux, est-ce que je peux avoir un humain", true},
		{"fr", "simple curiosité, je peux parler à un humain ?", true},
		{"en", "is there a human behind you or are you fully automatic? just curious", true},
		{"fr", "y a un humain derrière ou c'est tout automatique ? simple curiosité", true},
		{"en", "is there a human behind this just curious", false},
		{"fr", "y a un humain derrière par curiosité", false},
		{"en", "just curious, are you a human", false},
		{"fr", "par curiosité, vous êtes un robot ?", false},
	} {
		if a := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text); a.Escalate != tt.want {
			t.Errorf("%s %q: Escalate %v, want %v", tt.lang, tt.text, a.Escalate, tt.want)
		}
	}
}

// TestPersonTakebackKeepsOtherRequests: a curious question about
// something else ("is there a discount just curious") takes back no
// request said beside it: "can I talk to an agent" in the sentence
// before still asks. A takeback took its weight off the whole message,
// so a request of weight 1 was cancelled by any "is there .. just
// curious" (review2-s8).
func TestPersonTakebackKeepsOtherRequests(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		want       bool
	}{
		{"en", "can i talk to an agent. is there a discount just curious", true},
		{"en", "can i talk to an agent. also is there a discount out of curiosity", true},
		{"en", "i want a human. is there a fee for returns i'm curious", true},
		{"fr", "je veux parler à un conseiller. y a des frais par curiosité", true},
		{"fr", "un humain svp. y a une boutique à lyon simple curiosité", true},
		{"en", "is there a human behind this just curious", false},
		{"fr", "y a un humain derrière par curiosité", false},
	} {
		if a := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text); a.Escalate != tt.want {
			t.Errorf("%s %q: Escalate %v, want %v", tt.lang, tt.text, a.Escalate, tt.want)
		}
	}
}
