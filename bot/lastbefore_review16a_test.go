package bot_test

import (
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestLastBeforeIsWhereTheLastMatterBegan checks Session.LastBefore after
// a flow that ends with a hand-off: LastFlow names it, so LastBefore must
// say where it began, or a reference brought back for it (reference.go)
// lets an earlier matter's messages answer its questions. It was left
// where the flow that ended before it began.
func TestLastBeforeIsWhereTheLastMatterBegan(t *testing.T) {
	t.Parallel()
	store := memstore.New(memstore.Config{})
	e := newEngine(t, store, func(c *bot.Config) { c.History = 40 }) // nothing trimmed
	a := bot.Address{Platform: "test", Chat: "lastbefore", User: "u"}
	// A matter that ends in its flow, then one that ends in a hand-off.
	for i, text := range []string{"/account", "1", "no idea", "ok", "/order", "AB-123456", "1"} {
		say(t, e, a, "lb"+string(rune('a'+i)), text)
	}
	var s bot.Session
	if err := store.Update(t.Context(), a, func(x *bot.Session) error { s = *x; return nil }); err != nil {
		t.Fatal(err)
	}
	if s.LastFlow != "order_problem" {
		t.Fatalf("LastFlow = %q, want order_problem", s.LastFlow)
	}
	// The order matter began after the account matter's last words ("no
	// idea"): none of those may answer its questions again.
	last := -1
	for i, tr := range s.Recent {
		if tr.Text == "no idea" {
			last = i
		}
	}
	if last < 0 || s.LastBefore <= last {
		t.Errorf("LastBefore = %d, want past %d (the account matter's \"no idea\") in %d turns", s.LastBefore, last, len(s.Recent))
	}
}
