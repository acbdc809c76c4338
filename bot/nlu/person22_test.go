package nlu

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestPersonAskedInPlainWords22: requests for a person in words written
// for a blind set (blind22) that reached no one: someone real asked "is
// there anybody real…", "anybody real here?"; in French, the elderly's
// « une dame ou un monsieur », real employees in the plural (« de vrais
// employés »); a colleague asking peer support for its listeners, first
// aiders, counsellors (« les écoutants », « un bénévole »). Look-alikes
// stay calm: a letter's « Madame, Monsieur », a listener one is, volunteers
// spoken of. A colleague's request may reach peer support, which brings a
// person, instead of the hand-off.
func TestPersonAskedInPlainWords22(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		audience, lang, text string
		want                 bool
	}{
		{flow.AudienceCustomer, "en", "Is there anybody real at the other end??", true},
		{flow.AudienceCustomer, "en", "is there anybody real there", true},
		{flow.AudienceCustomer, "en", "anybody real here?", true},
		{flow.AudienceCustomer, "en", "is there someone real on the other end of this chat", true},
		{flow.AudienceCustomer, "fr", "une dame ou un monsieur pourrait-il me téléphoner ?", true},
		{flow.AudienceCustomer, "fr", "je voudrais parler à un monsieur ou une dame, pas à la machine", true},
		{flow.AudienceCustomer, "fr", "y a un chat avec de vrais employés ou y a juste vous ?", true},
		{flow.AudienceCustomer, "fr", "est-ce qu'il y a de vrais employés ?", true},
		{flow.AudienceEmployee, "en", "could one of the mental health first aiders ping me when they have a minute", true},
		{flow.AudienceEmployee, "en", "can I talk to one of the listeners", true},
		{flow.AudienceEmployee, "en", "I'd like to speak to a counsellor", true},
		{flow.AudienceEmployee, "fr", "je voudrais qu'un des écoutants bénévoles m'appelle en huddle quand il peut", true},
		{flow.AudienceEmployee, "fr", "je peux parler à un écoutant ?", true},

		{flow.AudienceCustomer, "en", "is Sarah still working there? she sorted my problem last time and I'd like to deal with her again", true},
		{flow.AudienceCustomer, "en", "can I talk to Sarah again, she helped me last week", true},
		{flow.AudienceCustomer, "en", "I'd like to speak to him again, the guy from tuesday", true},
		{flow.AudienceCustomer, "fr", "je voudrais reparler à Julie, elle m'avait aidée la semaine dernière", true},
		{flow.AudienceCustomer, "fr", "est-ce que je peux reparler à la même conseillère ?", true},
		{flow.AudienceCustomer, "en", "can I talk to you again tomorrow about the refund", false},
		{flow.AudienceCustomer, "fr", "je voudrais reparler de ma commande", false},

		{flow.AudienceCustomer, "fr", "Bonjour Madame ou Monsieur, je voudrais savoir si le transplantoir existe encore", false},
		{flow.AudienceCustomer, "fr", "le monsieur ou la dame qui a livré était très gentil", false},
		{flow.AudienceCustomer, "en", "is there anything real about this discount", false},
		{flow.AudienceEmployee, "en", "I'm a good listener if anyone needs one", false},
		{flow.AudienceEmployee, "en", "the volunteers at the fundraiser were great", false},
		{flow.AudienceEmployee, "fr", "les bénévoles de la collecte étaient super", false},
		{flow.AudienceCustomer, "en", "my first aid kit arrived without plasters", false},
		{flow.AudienceCustomer, "en", "not trying to get a real person or anything, just wondering if you price match", false},
		{flow.AudienceCustomer, "en", "I'm not looking for an agent, just the returns address", false},
		{flow.AudienceCustomer, "en", "i don't want to get a human involved, just tell me the opening hours", false},
		{flow.AudienceCustomer, "en", "not trying to be rude but I want a real person", true},
		{flow.AudienceCustomer, "en", "I'm not looking for excuses, get me a manager", true},
	} {
		t.Run(tt.audience+"_"+tt.lang+"_"+tt.text, func(t *testing.T) {
			t.Parallel()
			// A colleague's request for a person may be peer support,
			// which brings one (Analyze leaves Escalate to it).
			a := m.AnalyzeFor(tt.audience, tt.lang, tt.text)
			got := a.Escalate || (tt.want && a.Flow == "peer_support")
			if got != tt.want {
				t.Errorf("%s %s %q: a person asked %v (flow %q), want %v", tt.audience, tt.lang, tt.text, got, a.Flow, tt.want)
			}
		})
	}
}
