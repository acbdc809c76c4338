package nlu

import (
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
		// Polite, in touch, put on.
		{"en", "could you kindly put me in touch with one of your advisors"},
		{"en", "I want an answer from an actual human"},
		{"en", "can you put a manager on this"},
		// Chat spellings and repeats.
		{"en", "hooman pls hurry"},
		{"en", "need 2 speak 2 sum1"},
		{"en", "agent agent agent"},

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
		{"fr", "je souhaite etre recontactee"},
		{"fr", "je peux avoir un appel d'un conseiller ?"},
		{"fr", "transmettez à un responsable svp"},
		{"fr", "je voudrais parler à un préposé aux clients"},
		{"fr", "un vrai gens svp"},
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
		// Look-alikes of the new entries.
		{"en", "the agent already sorted it out"},
		{"en", "please don't call me, I can't talk at work"},
		{"en", "can someone help me unblock my card"},
		{"en", "can someone else collect my parcel"},
		{"en", "hello, anyone there"}, // a greeting in the routing data
		{"fr", "le conseiller a déjà fait le nécessaire"},
		{"fr", "le client voulait un responsable, j'ai géré"},
		{"fr", "quelqu'un de votre service m'a déjà rappelé, merci"},
		{"fr", "ne m'appelez pas, je suis au travail"},
		{"fr", "pas besoin de quelqu'un, c'est bon"},
		{"fr", "vous pouvez me rappeler mon numéro de commande ?"},
		{"fr", "je peux l'appeler, le livreur ?"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			if a := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text); a.Escalate {
				t.Errorf("Escalate true (flow %q), want none", a.Flow)
			}
		})
	}
	// The guards against not wanting a person leave a refusal of the bot
	// alone: it asks for one.
	if a := m.AnalyzeFor(flow.AudienceCustomer, "fr", "je veux pas parler à un robot"); !a.Escalate {
		t.Error(`"je veux pas parler à un robot": Escalate false, want a person`)
	}
}
