package nlu

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestCallingOut: a person shouting to see whether anyone is there
// ("HELLO??? ANYONE???", « ALLO??? Y A QUELQU'UN??? ») asks for a person,
// as "is someone there?" does, and is not angry: a burst of marks and
// capitals with nothing but a greeting and "anyone" is a call, not a
// complaint (memory14). The calm opener "hello, anyone there" stays a
// greeting (route12), a call with a complaint stays angry, and calm
// capitals stay calm. Before, "HEY??? ANYONE???" and the French calls were
// anger, and "HEY??? ANYBODY THERE???" a greeting.
func TestCallingOut(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	tests := []struct {
		lang, text    string
		person, anger bool
	}{
		{"en", "HELLO??? ANYONE???", true, false},
		{"en", "HEY??? ANYONE???", true, false},
		{"en", "HEY??? ANYBODY THERE???", true, false},
		{"en", "hello??? anybody there???", true, false},
		{"en", "HELLO!!! IS ANYONE THERE???", true, false},
		{"fr", "ALLO??? Y A QUELQU'UN???", true, false},
		{"fr", "allo??? y a quelqu'un???", true, false},
		{"fr", "ALLO??? IL Y A QUELQU'UN???", true, false},
		{"fr", "HÉ HO??? Y A QUELQU'UN???", true, false},
		{"fr", "ALLÔ ??? Y A PERSONNE ???", true, false},
		// Calm: the chat opener stays a greeting, capitals alone are no shout.
		{"en", "hello, anyone there", false, false},
		{"en", "HELLO ANYONE THERE", false, false},
		{"en", "HELLO I NEED TO RESET MY PASSWORD PLEASE", false, false},
		{"fr", "BONJOUR JE VOUDRAIS CHANGER MON MOT DE PASSE SVP", false, false},
		// A call with a complaint is still angry.
		{"en", "ANYONE THERE??? I HAVE BEEN WAITING FOR 3 WEEKS", false, true},
		{"fr", "Y A QUELQU'UN??? CA FAIT 3 SEMAINES QUE J'ATTENDS", true, true},
		// "anyone" about something else is no call.
		{"en", "HELLO??? DOES ANYONE KNOW WHERE MY PARCEL IS???", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			a := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text)
			if a.Escalate != tt.person {
				t.Errorf("Escalate %v, want %v", a.Escalate, tt.person)
			}
			if a.Signals.Anger != tt.anger {
				t.Errorf("Anger %v, want %v", a.Signals.Anger, tt.anger)
			}
		})
	}
}
