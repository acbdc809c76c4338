package flow_test

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
)

// TestFlatPromiseConditionAfter24: a refund promised on a condition said
// after it ("You will be refunded if the team approves it.", « Vous serez
// remboursé seulement si l'équipe l'accepte. ») was refused by flows
// validate (and at start and reload) as "a promise only a person may
// make", while the same condition said first passed, as the README says
// a condition does: the lead was told an honest line was a promise. A
// condition after the promise counts as one before it does; a time
// ("when the parcel is back") and "even if" do not.
func TestFlatPromiseConditionAfter24(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		lang, text string
		want       string // the promise found, "" for none
	}{
		{"en", "You will be refunded if the billing team approves it.", ""},
		{"en", "You will get a refund only once the team has approved it.", ""},
		{"en", "You'll get a replacement provided the item is unused.", ""},
		{"fr", "Vous serez remboursé seulement si l'équipe l'accepte.", ""},
		{"fr", "Vous serez remboursé sous réserve d'acceptation par l'équipe.", ""},
		// Still promises: a time, "even if", a condition in another sentence.
		{"en", "We'll refund you when the parcel is back.", "We ll refund"},
		{"en", "You will be refunded, even if it takes a while.", "You will be refunded"},
		{"en", "You will be refunded. If you have a question, write to me here.", "You will be refunded"},
		{"fr", "Vous serez remboursé, même si cela prend du temps.", "Vous serez remboursé"},
	} {
		got, ok := flow.FlatPromise(tt.lang, tt.text)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("FlatPromise(%s, %q) = %q, %v; want %q", tt.lang, tt.text, got, ok, tt.want)
		}
	}
}
