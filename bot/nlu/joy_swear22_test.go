package nlu

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestJoySwornIsNoAnger: a swear word that says how good something is
// ("this is fucking awesome", "bloody brilliant service", "I fucking love
// it", « putain c'est génial », « c'est trop bien bordel ») is joy, not
// anger: each was heard as anger, and a delighted customer would have
// been told their anger was understood. Anger sworn stays anger ("what the
// fuck, where is my parcel", « putain, toujours pas de colis »), and so
// does sarcasm that says what went wrong ("fucking great, another delay",
// « génial, putain, encore un retard »). "Yeah" and "yes" are no praise:
// they agree with an insult as often ("yeah, fuck that guy").
func TestJoySwornIsNoAnger(t *testing.T) {
	t.Parallel()
	m := builtinM(t)
	for _, tt := range []struct {
		lang, text string
		anger      bool
	}{
		{"en", "this is fucking awesome, thanks!", false},
		{"en", "bloody brilliant service, cheers", false},
		{"en", "I fucking love it, thank you", false},
		{"en", "the jacket is fucking amazing", false},
		{"en", "damn good job, thanks", false},
		{"fr", "putain c'est génial, merci !", false},
		{"fr", "c'est trop bien bordel, merci", false},
		{"fr", "putain de bon service, merci beaucoup", false},
		{"en", "fuck, thanks! the refund came through", false},
		{"fr", "youpi putain, le remboursement est arrivé", false},
		{"en", "fuck yes, still nothing", true},

		{"en", "what the fuck, where is my parcel", true},
		{"en", "fucking great, another delay", true},
		{"en", "fucking amazing, the parcel is lost again", true},
		{"en", "this fucking app doesn't work", true},
		{"fr", "putain, toujours pas de colis", true},
		{"fr", "génial, putain, encore un retard", true},
		{"fr", "super, bordel, le colis est encore perdu", true},
	} {
		t.Run(tt.lang+"_"+tt.text, func(t *testing.T) {
			t.Parallel()
			a := m.AnalyzeFor(flow.AudienceCustomer, tt.lang, tt.text)
			if a.Signals.Anger != tt.anger {
				t.Errorf("%s %q: anger %v, want %v (signals %+v)", tt.lang, tt.text, a.Signals.Anger, tt.anger, a.Signals)
			}
			if !tt.anger && (a.Signals.Distress || a.Signals.Crisis) {
				t.Errorf("%s %q: distress or crisis in joy (signals %+v)", tt.lang, tt.text, a.Signals)
			}
		})
	}
}
