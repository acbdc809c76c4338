package bot_test

import (
	"testing"
)

// TestReferenceNotAlone plays a reference said inside a message that says
// much more. "My order AB-123456 was a gift for my late husband and I miss
// him so much" is grief first: it got the careful menu (a person first),
// and the reference path made it "which one is it?" between an order, a
// payment and a cancellation, with no person and no worry to pick. Only a
// reference given alone, or with a few words ("here it is: AB-123456"),
// goes to the flows that ask for it.
func TestReferenceNotAlone(t *testing.T) {
	t.Parallel()
	playTalks(t, []talk{
		{"en_grief_with_a_number", []string{"my order AB-123456 was a gift for my late husband and I miss him so much"},
			[]string{"sorry for your loss", "Talk to a person"}, []string{"which one is it?"}},
		// As before: a reference with a few words, and any message that
		// brings back what the flow that ended last asked for.
		{"en_few_words", []string{"here it is: AB-123456"}, []string{"which one is it?"}, nil},
		{"en_long_come_back", []string{"/order", "I don't have it", "ok", "Found it! It's AB-123456, it was in my other mailbox all along"},
			[]string{"What happened with order AB-123456?"}, []string{"What is your order number"}},
	})
}
