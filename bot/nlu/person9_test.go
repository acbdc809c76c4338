package nlu

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestPersonAroundThePerson checks requests for a person said around
// the person, in both languages (distress9): the person after the
// topic ("discuss this with a member of your staff"), after a transfer
// verb with "un de vos" ("me transférer à un de vos collègues"), as the
// one who calls back ("called back by a person", "être recontacté"), as
// the one who reviews ("reviewed by a human") or takes over ("prendre
// le relais"); and the people spoken of, or that one is ("votre
// conseillère au téléphone hier", "je suis une vraie personne"), stay
// quiet. 18 of its 24 rows were wrong before distress9; the others
// guard the look-alikes of the new entries.
func TestPersonAroundThePerson(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		name, lang, text string
		escalate         bool
	}{
		{"en_discuss_member", "en", "I would like to discuss my bill with a member of your team", true},
		{"en_discuss_advisor", "en", "can I discuss the loan with an advisor", true},
		{"en_called_back", "en", "I'd like to be called back by a human please", true},
		{"en_connected_support", "en", "can I be connected to customer service staff", true},
		{"en_reviewed", "en", "I want my claim reviewed by a person, not a script", true},
		{"en_your_end", "en", "can someone on your end check this", true},
		{"en_boss", "en", "let me talk to your boss", true},
		{"en_real_one", "en", "a real one please", true},
		{"en_reviewed_story", "en", "the claim was reviewed by an agent last week", false},
		{"en_colleagues_answer", "en", "I'm outraged by your colleague's answer", false},
		{"en_can_colleagues_answer", "en", "can your colleagues answer me?", true},
		{"fr_un_de_vos", "fr", "vous pouvez me transférer à l'un de vos conseillers ?", true},
		{"fr_parler_une_de_vos", "fr", "je voudrais parler à une de vos conseillères", true},
		{"fr_recontacte", "fr", "je souhaite être recontactée", true},
		{"fr_faites_rappeler", "fr", "faites-moi rappeler demain matin", true},
		{"fr_relais", "fr", "est-ce qu'un conseiller peut prendre le relais ?", true},
		{"fr_voir_avec", "fr", "je préfère voir ça avec un conseiller", true},
		{"fr_transmettre", "fr", "pouvez-vous transmettre à un conseiller", true},
		{"fr_qqun", "fr", "laissez moi parler a qqun", true},
		{"fr_un_vrai", "fr", "un vrai svp", true},
		{"fr_conseillere_hier", "fr", "votre conseillère au téléphone hier a tout réglé", false},
		{"fr_vraie_personne", "fr", "je suis une vraie personne, le captcha me bloque", false},
		{"fr_voir_mon_conseiller", "fr", "je vais voir ça avec mon conseiller bancaire demain", false},
		{"fr_relais_collegue", "fr", "je dois prendre le relais de ma collègue", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text)
			if a.Escalate != tt.escalate {
				t.Errorf("%q: escalate %v, want %v", tt.text, a.Escalate, tt.escalate)
			}
		})
	}
}
