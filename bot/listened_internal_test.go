package bot

import (
	"os"
	"slices"
	"testing"
	"time"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/nlu"
)

// TestListenedWhileAQuestionWaits: a message that fits no button or answer
// of the waiting question but says how the person feels, or that they are
// older, pregnant or disabled, is heard, not corrected. Before, "I'm so
// upset, it was my daughter's present" at "What happened with order
// AB-123456?" got "Sorry, I didn't catch which one you meant", and "I'm 84
// and I don't understand all this" the same, counted as a miss (the second
// one sent the person to the fallback menu). Now the feeling is named
// (never twice in a row), being at risk is thanked for once, and the
// question comes again, in simple words. The message still counts as a
// miss: a person who stays stuck gets the fallback, which offers a person.
func TestListenedWhileAQuestionWaits(t *testing.T) {
	t.Parallel()
	e := mustTableEngine(t, os.DirFS("../flows"), nil)
	now := time.Unix(1_700_000_000, 0)
	for _, lang := range []string{"en", "fr"} {
		// ready brings a conversation to the order flow's "what happened"
		// buttons (a choose step) or, with ask, to its order number question.
		ready := func(t *testing.T, ask bool) *Session {
			s := &Session{}
			e.advance(s, Message{Text: "x"}, "x", nlu.Analysis{Lang: lang, Flow: "order_problem", Confidence: 0.9}, now, false, nil)
			if s.Step != "ask_order" {
				t.Fatalf("at %s/%s, want order_problem/ask_order", s.Flow, s.Step)
			}
			if !ask {
				e.advance(s, Message{Text: "AB-123456"}, "AB-123456", nlu.Analysis{Lang: lang}, now, false, nil)
				if s.Step != "what_happened" {
					t.Fatalf("at %s/%s, want order_problem/what_happened", s.Flow, s.Step)
				}
			}
			return s
		}
		texts := func(r result) []string {
			var out []string
			for _, rep := range r.replies {
				out = append(out, rep.Text)
			}
			return out
		}
		say := func(s *Session, sig nlu.Signals) result {
			return e.advance(s, Message{Text: "some words"}, "some words", nlu.Analysis{Lang: lang, Signals: sig}, now, false, nil)
		}
		simple := func(step string, slots map[string]string) string {
			st := e.flows.Flow("order_problem").Step(step)
			if st.Choose != nil {
				return renderSimple(e, st.Choose.Text, lang, slots)
			}
			return renderSimple(e, st.Ask.Text, lang, slots)
		}
		pickOne := e.message(flow.MsgPickOne, lang, nil)

		t.Run(lang+"/feeling_at_buttons", func(t *testing.T) {
			t.Parallel()
			s := ready(t, false)
			r := say(s, nlu.Signals{Distress: true})
			want := []string{e.message(flow.MsgAckDistress, lang, nil), simple("what_happened", s.Slots)}
			if got := texts(r); !slices.Equal(got, want) {
				t.Errorf("replies %q, want %q", got, want)
			}
			if s.Misses != 1 || s.Step != "what_happened" {
				t.Errorf("misses %d at %s, want 1 at what_happened", s.Misses, s.Step)
			}
			// The feeling again, at once: not named twice in a row, never
			// corrected, and a second miss: the fallback, with a person.
			r = say(s, nlu.Signals{Distress: true})
			if got := texts(r); slices.Contains(got, pickOne) || slices.Contains(got, e.message(flow.MsgAckDistress, lang, nil)) {
				t.Errorf("the next turn said %q: corrected, or the feeling named twice in a row", got)
			}
			if s.Flow != e.flows.Common.FallbackFlow {
				t.Errorf("after two misses at %s, want the fallback flow", s.Flow)
			}
		})
		t.Run(lang+"/older_at_buttons", func(t *testing.T) {
			t.Parallel()
			s := ready(t, false)
			r := say(s, nlu.Signals{Vulnerable: []string{"senior"}})
			want := []string{e.message(flow.MsgAckVulnerable, lang, nil), simple("what_happened", s.Slots)}
			if got := texts(r); !slices.Equal(got, want) {
				t.Errorf("replies %q, want %q", got, want)
			}
			// Said again, it is no news: not thanked for twice.
			r = say(s, nlu.Signals{Vulnerable: []string{"senior"}})
			if got := texts(r); slices.Contains(got, e.message(flow.MsgAckVulnerable, lang, nil)) {
				t.Errorf("the same thing said twice got %q: thanked for twice", got)
			}
		})
		t.Run(lang+"/pregnant_and_anxious_at_order_number", func(t *testing.T) {
			t.Parallel()
			s := ready(t, true)
			r := say(s, nlu.Signals{Anxiety: true, Vulnerable: []string{"pregnant"}})
			want := []string{e.message(flow.MsgAckAnxiety, lang, nil), e.message(flow.MsgAckVulnerable, lang, nil), simple("ask_order", s.Slots)}
			if got := texts(r); !slices.Equal(got, want) {
				t.Errorf("replies %q, want %q", got, want)
			}
			if s.Attempts != 1 {
				t.Errorf("attempts %d, want 1", s.Attempts)
			}
		})
		t.Run(lang+"/feeling_stays_with_the_problem", func(t *testing.T) {
			t.Parallel()
			// "je suis vraiment déçue, c'était pour l'anniversaire de ma
			// fille": routed to the worries flow, sure of it, because of
			// the feeling. The person stays with their order.
			s := ready(t, false)
			r := e.advance(s, Message{Text: "some words"}, "some words", nlu.Analysis{Lang: lang, Flow: "reassurance", Category: flow.CategoryComplaintProblem, Confidence: 0.97, Signals: nlu.Signals{Distress: true}}, now, false, nil)
			want := []string{e.message(flow.MsgAckDistress, lang, nil), simple("what_happened", s.Slots)}
			if got := texts(r); s.Flow != "order_problem" || s.Step != "what_happened" || !slices.Equal(got, want) {
				t.Errorf("at %s/%s, replies %q; want order_problem/what_happened, %q", s.Flow, s.Step, got, want)
			}
		})
		t.Run(lang+"/other_flows_still_interrupt", func(t *testing.T) {
			t.Parallel()
			for _, an := range []nlu.Analysis{
				// Worries without a feeling: a complaint is a wish to change.
				{Lang: lang, Flow: "reassurance", Category: flow.CategoryComplaintProblem, Confidence: 0.97},
				// A feeling with another problem: that problem now.
				{Lang: lang, Flow: "cancel_refund", Category: flow.CategoryCancelRefund, Confidence: 0.97, Signals: nlu.Signals{Anger: true}},
			} {
				s := ready(t, false)
				e.advance(s, Message{Text: "some words"}, "some words", an, now, false, nil)
				if s.Flow != an.Flow {
					t.Errorf("%s (signals %+v): at %s, want %s", an.Flow, an.Signals, s.Flow, an.Flow)
				}
			}
		})
		t.Run(lang+"/calm_words_still_corrected", func(t *testing.T) {
			t.Parallel()
			s := ready(t, false)
			r := say(s, nlu.Signals{})
			if got := texts(r); len(got) == 0 || got[0] != pickOne {
				t.Errorf("replies %q, want %q first", got, pickOne)
			}
			if s.Misses != 1 {
				t.Errorf("misses %d, want 1", s.Misses)
			}
		})
	}
}

// renderSimple is text's simple variant in lang (its usual one when it has
// none), rendered as the engine renders it.
func renderSimple(e *Engine, text flow.Text, lang string, slots map[string]string) string {
	s, ok := text.Simple[lang]
	if !ok {
		s = text.ByLang[lang]
	}
	return flow.Render(s, e.varsFunc(lang, slots, nil))
}
