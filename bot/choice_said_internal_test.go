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

// TestChoiceSaidNegated: a button named under a negation is not the
// answer ("my parcel isn't late" is not "It's late", "I don't want to
// cancel my order" is not "Cancel an order", "I can sign in" is not "I
// can't sign in"): the question is asked. A clause of its own keeps its
// own sense ("it isn't late, it arrived damaged" is "It arrived damaged").
func TestChoiceSaidNegated(t *testing.T) {
	t.Parallel()
	e := mustTableEngine(t, os.DirFS("../flows"), nil)
	now := time.Unix(1_700_000_000, 0)
	for _, tt := range []struct {
		lang, flow, text string
		issue            string // the answer taken ("" for none: the question is asked)
	}{
		{"en", "order_problem", "order AB-123456: it's not late, I want to change the address", ""},
		{"en", "order_problem", "order AB-123456 isn't late", ""},
		{"en", "order_problem", "order AB-123456 is late", "late"},
		{"en", "order_problem", "order AB-123456 isn't late, it arrived damaged", "damaged"},
		{"en", "order_problem", "order AB-123456 never arrived", "never_arrived"},
		{"fr", "order_problem", "commande AB-123456, elle n'est pas en retard", ""},
		{"fr", "order_problem", "commande AB-123456, elle est en retard", "late"},
		{"en", "cancel_refund", "I don't want to cancel my order", ""},
		{"en", "cancel_refund", "I want to cancel my order", "cancel"},
		{"fr", "cancel_refund", "je ne veux pas annuler ma commande", ""},
		{"en", "account_access", "I can sign in on my phone but the app logs me out", ""},
		{"en", "account_access", "I can't sign in", "cant_login"},
		{"en", "account_access", "my account is not locked", ""},
		{"fr", "account_access", "je n'arrive pas à me connecter", "cant_login"},
		{"fr", "account_access", "j'arrive à me connecter mais l'appli plante", ""},
		// The "t" of « a-t-on » denies nothing.
		{"fr", "billing_problem", "pourquoi m'a-t-on prélevé deux fois", "charged_twice"},
		{"en", "billing_problem", "I wasn't charged twice", ""},
	} {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			// Not parallel: e.trace is the engine's (what was chosen).
			var chosen string
			e.trace = func(ev TraceEvent) {
				if ev.Choice != "" && chosen == "" {
					chosen = ev.Choice
				}
			}
			s := &Session{}
			an := nlu.Analysis{Lang: tt.lang, Flow: tt.flow, Confidence: 0.9}
			r := e.advance(s, Message{Text: tt.text}, tt.text, an, now, false, nil)
			if chosen != tt.issue {
				t.Errorf("answer taken %q, want %q (replies %+v)", chosen, tt.issue, r.replies)
			}
		})
	}
	e.trace = nil
}

// TestChoiceSaidOnlyWhenStarted: only the message that starts a flow
// answers its first question. A story told at a free-text question
// ("tell me what happened") is no answer to the question after it: "she
// shouted at me all day, now I'm shaking" must not be taken for "That's
// all for now" and end the peer support.
func TestChoiceSaidOnlyWhenStarted(t *testing.T) {
	t.Parallel()
	e := mustTableEngine(t, os.DirFS("../flows"), nil)
	now := time.Unix(1_700_000_000, 0)
	for _, tt := range []struct {
		lang, text string
	}{
		{"en", "she shouted at me all day, now I'm shaking"},
		{"en", "I want to take a breathing pause from all of this"},
		{"fr", "c'est tout pour l'instant ce que je peux dire, il m'a insultée"},
	} {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			s := &Session{Flow: "peer_support", Step: "listen", Lang: tt.lang, Created: now, Updated: now}
			an := nlu.Analysis{Lang: tt.lang}
			r := e.advance(s, Message{Text: tt.text}, tt.text, an, now, false, nil)
			if s.Flow != "peer_support" || s.Step != "options" {
				t.Errorf("at %s/%s, want peer_support/options asked (replies %+v)", s.Flow, s.Step, r.replies)
			}
			if got := s.Slots["what_happened"]; got == "" {
				t.Errorf("what happened not kept")
			}
		})
	}
}
