package bot_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/memstore"
)

// TestSpacedWordBeforeDigitsIsNoReference: at the order number question, a
// short lower-case word before six digits in a sentence is no order
// reference's letters when it has three letters: a code ("pin 123456",
// "otp 482913"), a phone ("tel 612345"), an amount ("eur 120000") or a date
// ("dec 123456"). care16's spaced references took them all (PIN-123456,
// OTP-482913...) and asked what happened with that order. Two lower-case
// letters, the shape of AB-123456, stay taken ("it's ab 123456 I think",
// TestOrderNumberInASentence).
func TestSpacedWordBeforeDigitsIsNoReference(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, answer, not string }{
		{"en_pin", "my pin is pin 123456", "PIN-"},
		{"en_otp", "the code I got was otp 482913", "OTP-"},
		{"en_tel", "my tel 612345 call me", "TEL-"},
		{"en_eur", "i paid eur 120000", "EUR-"},
		{"en_dec", "I ordered it dec 123456 I think", "DEC-"},
		{"fr_sms", "le code sms 482913 ne marche pas", "SMS-"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := newEngine(t, memstore.New(memstore.Config{}), nil)
			start := "/order"
			if strings.HasPrefix(tt.name, "fr_") {
				start = "/commande"
			}
			got := texts(play(t, e, tt.name, []string{start, tt.answer}))
			if strings.Contains(strings.ToUpper(got), tt.not) {
				t.Errorf("%q was taken as an order reference:\n%s", tt.answer, got)
			}
		})
	}
}
