package bot

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/nlu"
)

// TestSynonymAnswers: an answer in the person's own words, at the question or
// in the message that starts the flow, chooses the button whose says:
// phrases it holds ("it never came", "I want my money back"); before, only
// the label's own words did, and "it's been 3 weeks now" got "Sorry, I
// didn't catch which one you meant" three times, then the main menu. A
// phrase said in a clause that denies it, the phrases of two buttons, or
// none, still get the question again.
func TestSynonymAnswers(t *testing.T) {
	t.Parallel()
	e := mustTableEngine(t, os.DirFS("../flows"), nil)
	now := time.Unix(1_700_000_000, 0)
	// At the question: what happened with the order.
	for _, tt := range []struct{ lang, start, text, issue string }{
		{"en", "my order", "it's been 3 weeks now", "late"},
		{"en", "my order", "still waiting for it!!", "late"},
		{"en", "my order", "the box came completely smashed", "damaged"},
		{"en", "my order", "they sent me the wrong size", "wrong_item"},
		{"en", "my order", "it never came", "never_arrived"},
		{"en", "my order", "the tracking says delivered but there's nothing here", "never_arrived"},
		{"en", "my order", "it's not late, it arrived broken", "damaged"},
		{"fr", "ma commande", "toujours pas reçue", "late"},
		{"fr", "ma commande", "le carton est arrivé tout écrasé", "damaged"},
		{"fr", "ma commande", "c'est pas la bonne taille", "wrong_item"},
		{"fr", "ma commande", "je l'ai jamais reçue", "never_arrived"},
		// Denied, two buttons' phrases, none: the question again.
		{"en", "my order", "it isn't damaged", ""},
		{"en", "my order", "it never came and the one before was broken", ""},
		{"en", "my order", "hmm let me think", ""},
		{"fr", "ma commande", "euh je sais pas trop", ""},
	} {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			s := &Session{}
			e.advance(s, Message{Text: tt.start}, tt.start, nlu.Analysis{Lang: tt.lang, Flow: "order_problem", Confidence: 0.9}, now, false, nil)
			e.advance(s, Message{Text: "AB-123456"}, "AB-123456", nlu.Analysis{Lang: tt.lang}, now, false, nil)
			if s.Step != "what_happened" {
				t.Fatalf("waits at %s, want what_happened", s.Step)
			}
			r := e.advance(s, Message{Text: tt.text}, tt.text, nlu.Analysis{Lang: tt.lang}, now, false, nil)
			if tt.issue == "" {
				if s.Step != "what_happened" {
					t.Errorf("waits at %s, want the question again (replies %+v)", s.Step, r.replies)
				}
				return
			}
			// The answer's step speaks first (the flow then ends: no desk).
			want := e.flows.Flow("order_problem").Step(tt.issue).Say[0].In(tt.lang, "en")
			if len(r.replies) == 0 || r.replies[0].Text != strings.ReplaceAll(want, "{{order}}", "AB-123456") {
				t.Errorf("replies %+v, want %q first", r.replies, want)
			}
		})
	}
	// In an earlier message: remembered at the question (recall.go).
	for _, tt := range []struct{ lang, start, issue string }{
		{"en", "my order never came", "never_arrived"},
		{"en", "my parcel is taking ages", "late"},
		{"fr", "ma commande est arrivée toute cassée", "damaged"},
	} {
		t.Run("earlier/"+tt.lang+"/"+tt.start, func(t *testing.T) {
			t.Parallel()
			s := &Session{}
			e.advance(s, Message{Text: tt.start}, tt.start, nlu.Analysis{Lang: tt.lang, Flow: "order_problem", Confidence: 0.9}, now, false, nil)
			r := e.advance(s, Message{Text: "AB-123456"}, "AB-123456", nlu.Analysis{Lang: tt.lang}, now, false, nil)
			want := e.flows.Flow("order_problem").Step(tt.issue).Say[0].In(tt.lang, "en")
			want = strings.ReplaceAll(want, "{{order}}", "AB-123456")
			found := false
			for _, rep := range r.replies {
				found = found || rep.Text == want
			}
			if !found {
				t.Errorf("replies %+v, want %q among them", r.replies, want)
			}
		})
	}
	// In the message that starts the flow.
	for _, tt := range []struct{ lang, text, issue string }{
		{"en", "I want my money back, the shoes don't fit", "refund"},
		{"en", "please call off my order", "cancel"},
		{"fr", "je veux être remboursée, les chaussures sont trop petites", "refund"},
		{"fr", "j'en veux plus, vous pouvez annuler ?", "cancel"},
		{"en", "I want to cancel and get my money back", ""},
	} {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			s := &Session{}
			r := e.advance(s, Message{Text: tt.text}, tt.text, nlu.Analysis{Lang: tt.lang, Flow: "cancel_refund", Confidence: 0.9}, now, false, nil)
			if got := s.Slots["issue"]; got != tt.issue {
				t.Errorf("issue %q, want %q (replies %+v)", got, tt.issue, r.replies)
			}
		})
	}
}

// TestCannotSay: a person who says they cannot give the order number ("I
// don't have it", « jsp jlai pas le num ») goes at once where too many
// wrong answers go (the order flow's "order numbers can be hard to find");
// before, they were told twice "that doesn't look like an order number,
// could you check it?". A wrong number is still asked again.
func TestCannotSay(t *testing.T) {
	t.Parallel()
	e := mustTableEngine(t, os.DirFS("../flows"), nil)
	now := time.Unix(1_700_000_000, 0)
	f := e.flows.Flow("order_problem")
	for _, tt := range []struct {
		lang, start, text string
		help              bool // the hard-to-find step, else the question again
	}{
		{"en", "my order", "I don't have the order number, where do I find it?", true},
		{"en", "my order", "no idea sorry", true},
		{"en", "my order", "can't find it anywhere", true},
		{"fr", "ma commande", "jsp jlai pas le num", true},
		{"fr", "ma commande", "je ne sais pas où le trouver", true},
		{"fr", "ma commande", "j'ai effacé le mail", true},
		{"en", "my order", "AB123", false},
		{"fr", "ma commande", "AB123", false},
	} {
		t.Run(tt.lang+"/"+tt.text, func(t *testing.T) {
			t.Parallel()
			s := &Session{}
			e.advance(s, Message{Text: tt.start}, tt.start, nlu.Analysis{Lang: tt.lang, Flow: "order_problem", Confidence: 0.9}, now, false, nil)
			if s.Step != "ask_order" {
				t.Fatalf("waits at %s, want ask_order", s.Step)
			}
			r := e.advance(s, Message{Text: tt.text}, tt.text, nlu.Analysis{Lang: tt.lang}, now, false, nil)
			help := f.Step("hard_to_find").Say[0].In(tt.lang, "en")
			got := len(r.replies) > 0 && r.replies[0].Text == help
			if got != tt.help {
				t.Errorf("replies %+v; want the hard-to-find help first: %v", r.replies, tt.help)
			}
			if !tt.help && s.Step != "ask_order" {
				t.Errorf("waits at %s, want ask_order again", s.Step)
			}
		})
	}
}

// TestRunAtGap: a gap ("...") of a phrase takes zero to three words of a
// message, between the words around it, in one clause.
func TestRunAtGap(t *testing.T) {
	t.Parallel()
	ph := newPhrase("don't have ... number")
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"I don't have the number", true},
		{"i don't have the invoice number", true},
		{"I don't have my order number", true},
		{"I don't have the number", true},
		{"I don't have number", true},
		{"I don't have my old paper invoice number", false}, // four words between
		{"I don't have it. the number is", false},           // another clause
		{"I have the number", false},
	} {
		if got := ph.in(clausesOf(tc.text), false); got != tc.want {
			t.Errorf("%q in %q = %v, want %v", "don't have ... number", tc.text, got, tc.want)
		}
	}
	if ws := newPhrase("lost…invoice").ws; len(ws) != 3 || ws[1] != flow.Gap {
		t.Errorf("lost…invoice: words %q", ws)
	}
}
