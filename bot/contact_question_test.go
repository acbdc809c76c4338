package bot_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestContactQuestionServesBothReadings asks how to reach the team ("what's
// your number", "who do I call about this", « quel est votre numéro ? »):
// one person wants the number, another a person. The answer gives the
// team's contacts as configured, once, and goes on as the rest of the
// message says: a person asked for with it brings the hand-off (or, with
// nobody to come, the contacts said once, not twice), a question in the
// middle of a flow stays in the flow. Before, the number was given only
// when a person was asked for and nobody could come. The look-alike (the
// tracking number) gets no contacts.
func TestContactQuestionServesBothReadings(t *testing.T) {
	t.Parallel()
	phone := map[string]string{"en": "+44 20 7946 0000", "fr": "01 23 45 67 89"}
	tests := []struct {
		name, lang string
		desk       bool
		setup      []string
		text       string
		contacts   bool // the phone line is said, once
		handoff    bool
	}{
		{"who_do_i_call", "en", true, nil, "who do I call about this?", true, false},
		{"whats_your_number", "en", true, nil, "what's your phone number", true, false},
		{"number_and_person", "en", true, nil, "what's your number? i want to talk to someone", true, true},
		{"number_and_person_nobody", "en", false, nil, "what's your number? i want to talk to someone", true, false},
		{"in_a_flow", "en", true, []string{"my parcel hasn't arrived and I'm really worried", "2"}, "is there a number i can ring", true, false},
		{"fr_quel_numero", "fr", true, nil, "quel est votre numéro ?", true, false},
		{"fr_comment_joindre", "fr", true, []string{"mon colis n'est pas arrivé et je suis très inquiète", "2"}, "comment vous joindre ?", true, false},
		{"tracking_number", "en", true, nil, "what's the tracking number", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) {
				c.Vars = contactVars
				if tt.desk {
					withDesk(c)
				}
			})
			a := bot.Address{Platform: "test", Chat: "c", User: tt.name}
			for j, m := range tt.setup {
				say(t, e, a, fmt.Sprintf("s%d", j), m)
			}
			got := say(t, e, a, "ask", tt.text)
			n := strings.Count(texts(got), phone[tt.lang])
			if tt.contacts && n != 1 || !tt.contacts && n != 0 {
				t.Errorf("%q: the phone line said %d times, want contacts %v: %q", tt.text, n, tt.contacts, texts(got))
			}
			if hasHandoffReason(got, "asked for a person") != tt.handoff {
				t.Errorf("%q: got %q, want hand-off %v", tt.text, texts(got), tt.handoff)
			}
		})
	}
}
