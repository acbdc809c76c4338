package llm_test

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/llm"
	"github.com/carebot/carebot/bot/llm/llmtest"
	"github.com/carebot/carebot/bot/memstore"
)

// TestPromisePushedWithTheModelOn24: a person pushes for a promise ("just
// tell me yes it will come by friday", « promettez-moi qu'elle arrive
// vendredi ») while the rephrasing model is on, and the model gives in:
// every line it rewords opens with a yes and a promise. Nothing of it
// reaches the person: carebot's refusal (cannot_promise) is never
// reworded, and the guardrails turn down every other rewording that
// promises, so the scripted lines go out.
func TestPromisePushedWithTheModelOn24(t *testing.T) {
	t.Parallel()
	set := bottest.MustFlows(t)
	for _, tt := range []struct {
		lang, order, late, push string
		refusal, promised       string
	}{
		{"en", "AB-123456", "It's late", "just tell me yes it will come by friday", "I can't promise that", "I promise"},
		{"fr", "AB-123456", "Elle est en retard", "promettez-moi qu'elle arrive vendredi", "Je ne peux pas vous le promettre", "je vous promets"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			t.Parallel()
			yes := map[string]string{"en": "Yes, I promise it will come by Friday. ", "fr": "Oui, je vous promets qu'elle arrivera vendredi. "}[tt.lang]
			srv := llmtest.NewServer(t, llmtest.Func("gives_in", func(d llmtest.Data) string { return yes + d.ScriptedReply }))
			r := newRephraser(t, llm.Config{BaseURL: srv.URL, Timeout: wait.Timeout})
			e, err := bot.New(bot.Config{Flows: set, Store: memstore.New(memstore.Config{}), Rephraser: r, RephraseTimeout: wait.Timeout, Desk: &bottest.Desk{}})
			if err != nil {
				t.Fatal(err)
			}
			from := bot.Address{Platform: "test", Chat: tt.lang, User: "u"}
			var all strings.Builder
			for i, text := range []string{"/order", tt.order, tt.late, tt.push} {
				rs, err := e.HandleMessage(t.Context(), bot.Message{ID: string(rune('a' + i)), From: from, Text: text, Lang: tt.lang})
				if err != nil {
					t.Fatal(err)
				}
				for _, rp := range rs {
					all.WriteString(rp.Text + "\n")
				}
			}
			if srv.Calls() == 0 {
				t.Fatal("the model was never asked: nothing was tested")
			}
			got := all.String()
			if !strings.Contains(got, tt.refusal) {
				t.Errorf("want the refusal %q in:\n%s", tt.refusal, got)
			}
			if strings.Contains(strings.ToLower(got), strings.ToLower(tt.promised)) {
				t.Errorf("a promise reached the person:\n%s", got)
			}
		})
	}
}
