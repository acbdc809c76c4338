package bot_test

import (
	"strings"
	"testing"
	"time"

	"github.com/carebot/carebot/bot"
	"github.com/carebot/carebot/bot/bottest"
	"github.com/carebot/carebot/bot/bottest/wait"
	"github.com/carebot/carebot/bot/flow"
	"github.com/carebot/carebot/bot/llm"
	"github.com/carebot/carebot/bot/llm/llmtest"
	"github.com/carebot/carebot/bot/memstore"
)

func newLLMEngine(t *testing.T, srv *llmtest.Server, timeout time.Duration) *bot.Engine {
	t.Helper()
	r, err := llm.New(llm.Config{APIKey: "test", BaseURL: srv.URL, Model: "test", Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	return newEngine(t, memstore.New(memstore.Config{}), func(c *bot.Config) {
		c.Rephraser = r
		c.RephraseTimeout = timeout
	})
}

// TestSafetyTextNeverReachesTheModel runs a crisis through the engine with
// the real rephraser and an OpenAI-compatible test server: the safety
// message goes out word for word and is never sent to the model.
func TestSafetyTextNeverReachesTheModel(t *testing.T) {
	t.Parallel()
	srv := llmtest.NewServer(t, llmtest.Faithful())
	e := newLLMEngine(t, srv, wait.Timeout) // the fake answers at once: no budget is tested here
	a := bot.Address{Platform: "test", Chat: "c", User: "u"}
	say(t, e, a, "1", "my order is late")
	got := say(t, e, a, "2", "I want to kill myself")

	crisis := flow.Render(bottest.MustFlows(t).Common.Messages[flow.MsgCrisis].ByLang["en"], func(string) string { return "112" })
	if len(got) == 0 || got[0].Text != crisis || !got[0].Verbatim {
		t.Fatalf("first reply = %q, want the safety message word for word", texts(got))
	}
	if srv.Calls() == 0 {
		t.Fatal("the model was never called: the test proves nothing")
	}
	for _, req := range srv.Requests() {
		if strings.Contains(string(req.Body), "Your safety matters") {
			t.Errorf("the safety message reached the model: %s", req.Body)
		}
	}
}

// TestSlowModelNeverDelaysTheTurn: the scripted text goes out while the
// model is still sleeping.
func TestSlowModelNeverDelaysTheTurn(t *testing.T) {
	t.Parallel()
	srv := llmtest.NewServer(t, llmtest.Slow(10*time.Minute))
	e := newLLMEngine(t, srv, 150*time.Millisecond)
	a := bot.Address{Platform: "test", Chat: "c", User: "u"}
	start := time.Now()
	got := say(t, e, a, "1", "where is my parcel")
	// Far below the server's ten minutes, generous for -race on two busy
	// cores (the shared wait.Timeout).
	if took := time.Since(start); took > wait.Timeout {
		t.Errorf("turn took %s with a 150 ms budget", took)
	}
	// On a busy machine a request may not even reach the server within the
	// budget, so how many it sleeps on is no verdict; the time above is.
	t.Logf("server sleeping on %d requests when the reply went out", srv.Sleeping())
	if !strings.Contains(texts(got), "order number") {
		t.Errorf("want the scripted reply, got:\n%s", texts(got))
	}
}
