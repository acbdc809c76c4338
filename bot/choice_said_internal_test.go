package bot

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot/nlu"
)

// TestChoiceAlreadySaid: the message that starts a flow and already names
// one button of the first question on the way is taken as that answer:
// "I was charged twice for my order" was asked "What happened? 1) I was
// charged twice…". A message naming two buttons, none, or a command still
// gets the question.
func TestChoiceAlreadySaid(t *testing.T) {
	t.Parallel()
	e := mustTableEngine(t, os.DirFS("../flows"), nil)
	now := time.Unix(1_700_000_000, 0)
	for _, tt := range []struct {
		lang, flow, text string
		vulnerable       []string
		step, issue      string // where the turn waits, and the answer taken ("" for none)
	}{
		{"en", "billing_problem", "I was charged twice for my order", nil, "ask_reference", "charged_twice"},
		{"en", "billing_problem", "hi, the amount is wrong on my invoice", nil, "ask_reference", "wrong_amount"},
		{"fr", "billing_problem", "bonjour, on m'a prélevé deux fois", nil, "ask_reference", "charged_twice"},
		{"fr", "billing_problem", "le montant est faux sur ma facture", nil, "ask_reference", "wrong_amount"},
		{"en", "billing_problem", "I'm 80 and I was charged twice", []string{"senior"}, "ask_reference", "charged_twice"},
		{"en", "account_access", "I forgot my password", nil, "", "forgot_password"},
		{"fr", "account_access", "j'ai oublié mon mot de passe", nil, "", "forgot_password"},
		// Two buttons named: which one is for the person to say.
		{"en", "billing_problem", "I was charged twice and my payment failed", nil, "what_happened", ""},
		// None named.
		{"en", "billing_problem", "there's a problem with a payment", nil, "what_happened", ""},
		{"fr", "billing_problem", "j'ai un souci de paiement", nil, "what_happened", ""},
		// A command names its flow, not an answer.
		{"en", "cancel_refund", "/cancel_order", nil, "what", ""},
	} {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			s := &Session{}
			an := nlu.Analysis{Lang: tt.lang, Flow: tt.flow, Confidence: 0.9, Signals: nlu.Signals{Vulnerable: tt.vulnerable}}
			r := e.advance(s, Message{Text: tt.text}, tt.text, an, now, false, nil)
			if s.Flow != tt.flow {
				t.Fatalf("flow %q, want %s", s.Flow, tt.flow)
			}
			if tt.step != "" && s.Step != tt.step {
				t.Errorf("waits at %s, want %s (replies %+v)", s.Step, tt.step, r.replies)
			}
			if got := s.Slots["issue"]; got != tt.issue {
				t.Errorf("issue %q, want %q", got, tt.issue)
			}
		})
	}
	// The order number and what happened in one message: both taken, and
	// the order flow goes on to what it does for a parcel that never came.
	s := &Session{}
	text := "my parcel never arrived, order AB-123456"
	r := e.advance(s, Message{Text: text}, text, nlu.Analysis{Lang: "en", Flow: "order_problem", Confidence: 0.9}, now, false, nil)
	var said []string
	for _, rep := range r.replies {
		said = append(said, rep.Text)
		if strings.Contains(rep.Text, "What happened") {
			t.Errorf("asked what happened after %q: %q", text, rep.Text)
		}
	}
	if !slices.ContainsFunc(said, func(s string) bool { return strings.Contains(s, "I've noted that order AB-123456 never arrived") }) {
		t.Errorf("after %q the bot said %q, want the never-arrived path", text, said)
	}
}
