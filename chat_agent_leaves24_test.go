package main

import (
	"strings"
	"testing"

	"github.com/carebot/carebot/bot/redisstore/redistest"
)

// TestTerminalAgentLeavesHolding24: an agent took a conversation in
// `carebot agent` and typed /quit (or closed the terminal) without
// resolving it. The person had read "Camille, from our team, is here with
// you now." and then heard nothing more, whatever they wrote: nobody was
// there, and nobody told them (played in French, desk24). Leaving now
// gives the conversation back to the bot, and the person is told the
// truth: the agent had to leave, carebot is back with them; no "our team
// has finished" and no score for a conversation nobody finished. The
// agent's terminal says so before it ends.
func TestTerminalAgentLeavesHolding24(t *testing.T) {
	t.Parallel()
	type words struct{ ask, taken, left, agentSays, finished, score, what string }
	byLang := map[string]words{
		"en": {"I want to talk to a real person", "Camille, from our team, is here with you now.", "Camille had to leave", "the person was told you had to leave", "Our team has finished", "1 (poor)", "how can I help"},
		"fr": {"je veux parler à un conseiller", "Camille, de notre équipe, est avec vous maintenant.", "Camille a dû partir", "la personne a appris que vous avez dû partir", "Notre équipe a terminé", "1 (pas bien)", "que puis-je faire pour vous"},
	}
	for _, lang := range []string{"en", "fr"} {
		w := byLang[lang]
		t.Run(lang, func(t *testing.T) {
			t.Parallel()
			env := map[string]string{"REDIS_URL": redistest.Start(t)}
			chat := startTerm(t, env, "chat", "--pace", "0", "--user", "ines", "--lang", lang)
			agent := startTerm(t, env, "agent", "--name", "Camille", "--lang", lang)
			agent.waitOut(t, "Camille")
			chat.say(t, w.ask)
			agent.waitOut(t, "🔔")
			agent.say(t, "/take 1")
			chat.waitOut(t, w.taken)

			agent.say(t, "/quit")
			agent.waitOut(t, w.agentSays)
			if err := agent.waitEnd(t); err != nil {
				t.Fatalf("agent: %v", err)
			}
			chat.waitOut(t, w.left)
			out := chat.out.String()
			for _, bad := range []string{w.finished, w.score} {
				if strings.Contains(out, bad) {
					t.Errorf("the person whose agent left was told %q:\n%s", bad, out)
				}
			}
			chat.say(t, "/quit")
			if err := chat.waitEnd(t); err != nil {
				t.Fatalf("chat: %v", err)
			}
		})
	}
}
