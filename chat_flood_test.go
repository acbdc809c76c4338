package main

import (
	"strings"
	"testing"
)

// TestChatFloodPersonButtonPasses: in the terminal, a pressed button that
// leads to a person passes the flood gate like a typed request for one.
// With a limit of one message, the greeting uses it up; pressing "Talk to
// a person" next must reach the human flow (here: the honest no-desk
// answer), not the flood notice. Before, the terminal had no arrival gate
// and the engine's own count took a press for an ordinary message.
func TestChatFloodPersonButtonPasses(t *testing.T) {
	t.Parallel()
	// 6) is the welcome menu's "Talk to a person" (flow: human).
	out := chatOut(t, map[string]string{"CAREBOT_CONFIG": writeConfig(t, "flood: {limit: 1, window: 1h}\n")}, "6\n")
	if !strings.Contains(out, "6) Talk to a person") {
		t.Fatalf("the menu's sixth button is not the person one:\n%s", out)
	}
	if strings.Contains(out, "I'm receiving a lot of messages at once") {
		t.Errorf("the person button got the flood notice:\n%s", out)
	}
	if !strings.Contains(out, "nobody will reply to you here") {
		t.Errorf("the person button did not reach the human flow:\n%s", out)
	}
}
