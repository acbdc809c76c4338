package bot

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot/nlu"
)

// feelingWords name a feeling in the built-in flows' texts: the
// acknowledgments of common.yaml (ack_distress, ack_anger, ack_anxiety)
// and any flow line that names one too.
var feelingWords = map[string][]string{
	"en": {"frustrat", "stressful", "sounds really hard", "worrying", "upset", "angry", "scary", "afraid", "anxious", "painful"},
	"fr": {"éprouvant", "colère", "vous inquiète", "stressant", "pénible", "frustr", "angoiss", "effrayant"},
}

// TestFeelingNamedOnce: a person who says how they feel as they open a
// problem flow hears the feeling named once, in the acknowledgment, then
// help; no line of the flow names a feeling again in the same turn (the
// account flow said "…is frustrating" after "I can hear this is worrying
// you", the billing flow "Money worries are stressful" after "That sounds
// really stressful"). A calm person, older or not, hears at most one.
func TestFeelingNamedOnce(t *testing.T) {
	t.Parallel()
	e := mustTableEngine(t, os.DirFS("../flows"), nil)
	now := time.Unix(1_700_000_000, 0)
	signals := []struct {
		name string
		sig  nlu.Signals
		want int // lines naming a feeling: exactly this many, or at most 1 when 0
	}{
		{"distress", nlu.Signals{Distress: true}, 1},
		{"anxiety", nlu.Signals{Anxiety: true}, 1},
		{"anger", nlu.Signals{Anger: true}, 1},
		{"distress_senior", nlu.Signals{Distress: true, Vulnerable: []string{"senior"}}, 1},
		{"calm_senior", nlu.Signals{Vulnerable: []string{"senior"}}, 0},
		{"calm", nlu.Signals{}, 0},
	}
	for _, id := range []string{"order_problem", "billing_problem", "account_access", "cancel_refund"} {
		for _, lang := range []string{"en", "fr"} {
			for _, sg := range signals {
				t.Run(id+"/"+lang+"/"+sg.name, func(t *testing.T) {
					t.Parallel()
					s := &Session{}
					an := nlu.Analysis{Lang: lang, Flow: id, Confidence: 0.9, Signals: sg.sig}
					r := e.advance(s, Message{Text: "some words"}, "some words", an, now, false, nil)
					if s.Flow != id {
						t.Fatalf("flow %q, want %s (replies %+v)", s.Flow, id, r.replies)
					}
					var named []string
					for _, rep := range r.replies {
						for _, w := range feelingWords[lang] {
							if strings.Contains(strings.ToLower(rep.Text), w) {
								named = append(named, rep.Text)
								break
							}
						}
					}
					if sg.want > 0 && len(named) != sg.want || sg.want == 0 && len(named) > 1 {
						t.Errorf("%d lines name a feeling, want %d: %q", len(named), max(sg.want, 1), named)
					}
				})
			}
		}
	}
}
