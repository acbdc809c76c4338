package bot_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/memstore"
)

// TestTrace: the engine tells Config.Trace every step a turn runs through
// (say and branch steps too, not only where it stops) and every button
// chosen, by press or by typing its label, in the conversation's language.
func TestTrace(t *testing.T) {
	t.Parallel()
	var got []bot.TraceEvent
	e := newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) {
		withDesk(c) // a team is there: the flow says what it will do
		c.Trace = func(ev bot.TraceEvent) { got = append(got, ev) }
	})
	a := bot.Address{Platform: "test", Chat: "c", User: "u"}
	say(t, e, a, "1", "/order")
	say(t, e, a, "2", "AB-123456")
	replies := say(t, e, a, "3", "It's late")
	if len(replies) == 0 {
		t.Fatal("no reply")
	}
	var press string
	for _, r := range replies {
		for _, c := range r.Choices {
			if c.Label == "Not now" {
				press = c.ID
			}
		}
	}
	if _, err := e.HandleMessage(t.Context(), bot.Message{ID: "4", From: a, Choice: press}); err != nil {
		t.Fatal(err)
	}
	step := func(s string) bot.TraceEvent { return bot.TraceEvent{Lang: "en", Flow: "order_problem", Step: s} }
	want := []bot.TraceEvent{
		step("start"), step("check_care"), step("ask_order"),
		step("what_happened"),
		{Lang: "en", Flow: "order_problem", Step: "what_happened", Choice: "late"}, step("late"), step("late_next"), step("send"),
		{Lang: "en", Flow: "order_problem", Step: "send", Choice: "not_now"}, step("later"),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("trace (-want +got):\n%s", diff)
	}
}
