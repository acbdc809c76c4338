package main

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// TestChatHandoffHintInFrench24: `carebot chat --lang fr` with an agent
// terminal there; the person asked for an adviser in French and, under
// « Bien sûr. Je demande à une personne de notre équipe… », the terminal
// printed "[a person will take over this conversation: general team, high
// priority]" in English (played in two terminals, desk24). The hint now
// comes from texts.yaml in the terminal's language.
func TestChatHandoffHintInFrench24(t *testing.T) {
	t.Parallel()
	env := map[string]string{"REDIS_URL": redistest.Start(t)}
	chat := startTerm(t, env, "chat", "--pace", "0", "--user", "ines", "--lang", "fr")
	agent := startTerm(t, env, "agent", "--name", "Camille", "--lang", "fr")
	agent.waitOut(t, "Camille")
	chat.say(t, "je veux parler à un conseiller")
	chat.waitOut(t, "[une personne va prendre le relais de cette conversation : file general, 🟢 Normale]")
	if out := chat.out.String(); strings.Contains(out, "will take over") {
		t.Errorf("the French terminal printed the hand-off hint in English:\n%s", out)
	}
	chat.say(t, "/quit")
	if err := chat.waitEnd(t); err != nil {
		t.Fatalf("chat: %v", err)
	}
}
