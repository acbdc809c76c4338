package flowgraph_test

import (
	"testing"

	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/flowgraph"
)

// TestConditionIfSaid25: an if_said condition (fix24) reads as what it
// tests, in the pictures and the studio's step view. Before, it read "if
// is known", as an if_slot with no slot.
func TestConditionIfSaid25(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		c    flow.Case
		want string
	}{
		{flow.Case{Said: "harassment"}, "if the first message names harassment"},
		{flow.Case{Slot: "order"}, "if order is known"},
		{flow.Case{Signal: "distress"}, "if distress"},
	} {
		if got := flowgraph.Condition(tc.c); got != tc.want {
			t.Errorf("Condition(%+v) = %q, want %q", tc.c, got, tc.want)
		}
	}
}
